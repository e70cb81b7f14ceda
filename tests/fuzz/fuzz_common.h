/*
 * fuzz_common.h: helpers shared by the fuzz targets (tests/fuzz/fuzz_*.c). The same sources build
 * libFuzzer binaries (-DASLDOT_FUZZ=ON, clang) and standalone replay drivers (standalone_main.c)
 * that ctest runs over tests/fuzz/corpus/<target>/ with any compiler.
 *
 * Option header. An input whose first byte is 0xF8..0xFF (never the start of valid UTF-8, so no
 * seed file has one) starts with a 4-byte header that selects options; any other input is used
 * whole with the defaults, so samples and corpus files are meaningful seeds as they are.
 *   byte 0: bit 0 ASLDOT_OPT_LENIENT; bits 1-2 input format (0 auto, 1 JSON, 2 YAML, 3 auto)
 *   byte 1: bits 0-2 max_doc_depth, bits 3-5 max_state_depth, bits 6-7 max_states (small tables)
 *   byte 2: bit 0 rankdir LR; bits 1-2 layout mode; bit 3 legend; bit 4 max_input_bytes set to
 *           half the payload; bits 5-6 built-in style; bit 7 overlay ASLDOT_OVERLAY_SHOW_IO
 *   byte 3: 0 no fault; else the n-th library allocation fails (1..127, then steps of 64)
 * Targets may read the raw header bytes for their own choices (fuzz_input.hdr).
 */
#ifndef ASLDOT_FUZZ_COMMON_H
#define ASLDOT_FUZZ_COMMON_H
#include "asldot.h"

#include <stddef.h>
#include <stdint.h>

/* The libFuzzer entry point every target defines (the standalone driver calls it too). */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct fuzz_input {
    const char *text; /* payload after the header */
    size_t len;
    asldot_options opts;
    asldot_build_options build;
    int legend;
    int show_io;
    int has_header;
    uint8_t hdr[4];           /* the raw header (zeros without one) */
    const char *style_name;   /* "light", "dark" or "high-contrast" */
    unsigned long fail_after; /* allocation fault, 0 = none */
} fuzz_input;

/* Decodes the optional option header (see above). */
void fuzz_decode(fuzz_input *in, const uint8_t *data, size_t size);

/* Aborts with a message when cond is false: an invariant of the library's contract broke. */
#define FUZZ_CHECK(cond) ((cond) ? (void)0 : fuzz_fail(__FILE__, __LINE__, #cond))
_Noreturn void fuzz_fail(const char *file, int line, const char *what);

/*
 * Checks a call's status against its output object: set means OK, or ERR_INVALID with the errors
 * recorded (a machine with a duplicate key); not set means a failure (relaxed when an allocation
 * fault was injected: then only the first half).
 */
void fuzz_check_status(asldot_status st, const void *out, int faulted);

/*
 * Checks every diagnostic (code kebab-case, message non-empty, pointer "" or "/...", severity in
 * range), and when write is set writes the list in all three formats to memory; the JSON form
 * must parse as a JSON array with one object per diagnostic (not checked after a fault).
 */
void fuzz_check_diagnostics(const asldot_diagnostics *d, int faulted, int write);

/* Checks the graph's internal references (ids, clusters, state maps, attribute counts). */
void fuzz_check_graph(const asldot_graph *g);

/*
 * Writes the graph's IR dump to memory. Returns a malloc'd NUL-terminated copy (caller frees
 * with free()) or NULL when writing failed (only allowed after an allocation fault).
 */
char *fuzz_write_ir(const asldot_graph *g, int faulted);

/* Returns a cached built-in style (loaded once per process, before any fault injection). */
const asldot_style *fuzz_builtin_style(const char *name);

/* Starts / stops allocation fault injection for one input (no-op when n is 0). */
void fuzz_faults_begin(unsigned long n);
void fuzz_faults_end(void);

/*
 * The definition pipeline shared by fuzz_machine and fuzz_yaml: parse -> validate -> build (with
 * and without keep-going) -> [legend] -> style -> IR dump, checking the contracts at each step.
 */
void fuzz_definition_pipeline(const fuzz_input *in);
#endif
