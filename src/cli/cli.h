/*
 * cli.h: what the parts of the asl-dot command share: exit codes, the parsed render options,
 * the per-process render session (style, histories and one renderer reused for every file),
 * and small helpers. The command uses only the public API (asldot.h).
 */
#ifndef ASLDOT_CLI_H
#define ASLDOT_CLI_H

#include "asldot.h"

#include <stddef.h>
#include <stdio.h>

enum {
    CLI_EXIT_OK = 0,
    CLI_EXIT_INVALID = 1, /* the definition, history or style is invalid */
    CLI_EXIT_USAGE = 2,   /* bad command line */
    CLI_EXIT_IO = 3,      /* reading or writing failed */
    CLI_EXIT_RENDER = 4   /* Graphviz failed to lay out or render */
};

#define CLI_MAX_JOBS 64

/* Where the machines come from: the source options every command shares (machines.c). */
typedef struct cli_input {
    asldot_source_kind kind; /* --input-kind */
    const char *machine;     /* --machine ID, or NULL */
    const char **subs;       /* --substitute KEY=VALUE, in order */
    size_t n_subs;
    char *map; /* --substitutions FILE's bytes, or NULL */
    size_t map_len;
} cli_input;

typedef struct cli_config {
    asldot_format format;
    int format_set;      /* -T given */
    const char *output;  /* -o; NULL or "-" for standard output */
    int output_is_dir;   /* batch mode: output names a directory */
    const char **styles; /* --style names or files, in order; none: "light" */
    size_t n_styles;
    asldot_rankdir rankdir;
    asldot_layout_mode layout;
    int legend, keep_going, lenient, quiet, show_io, reverse_order;
    size_t max_bytes;
    unsigned max_states;    /* --max-states, 0: the library's default */
    const char **histories; /* --history files, in order */
    size_t n_histories;
    const char *iteration_state; /* --iteration STATE=N, or NULL */
    long iteration_index;
    unsigned jobs;
    int check;             /* --check: compare with the files on disk, write nothing */
    const char **collapse; /* --collapse=STATE,... names (heap array, names in argv or heap) */
    size_t n_collapse;
    int collapse_all;             /* --collapse (or --collapse=all) */
    int no_auto_collapse;         /* --collapse=none */
    const char *focus;            /* --focus STATE, or NULL */
    unsigned focus_depth;         /* --depth N (0: the library's default) */
    asldot_catch_mode catch_mode; /* --catch */
    int split;                    /* --split: the top level, then each container, into -o DIR/ */
    const cli_input *input;
} cli_config;

typedef struct cli_session {
    const cli_config *cfg;
    asldot_style **styles; /* applied in order; a file given first is layered over light */
    size_t n_styles;
    asldot_history *history;   /* NULL without --history */
    asldot_renderer *renderer; /* created on the first render, then reused */
    int batch;                 /* batch mode: outputs are atomic but not fsync'd one by one */
    const asldot_diff *diff;   /* asl-dot diff: marked on the graph after the overlay, or NULL */
    char *captured;            /* with capture set: the last output, kept instead of written */
    size_t captured_len;       /* (owned by the session's user: free it, then clear the field) */
    int capture;
    const char *view_inside; /* --split: the container being drawn, or NULL */
    int view_top;            /* --split: drawing the top level (every container collapsed) */
} cli_session;

/* ---- common.c */

/** Prints "asl-dot: <message>\n" on stderr. */
void cli_error(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;
/** Prints a usage error and the help hint; returns CLI_EXIT_USAGE. */
int cli_usage_error(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;
/** Returns the name diagnostics use for path ("<stdin>" for "-"). */
const char *cli_display_name(const char *path);
/** Returns the input format implied by path's extension (.json, .yaml, .yml), else AUTO. */
asldot_input_format cli_input_format(const char *path);
/** Maps a library status to an exit code. */
int cli_exit_for_status(asldot_status st);
/** Maps the status of reading an input (parse, history, style) to an exit code: 1 unless the
 * failure was memory or I/O. */
int cli_exit_for_input_status(asldot_status st);
/** Returns the worse of two exit codes (usage > render > I/O > invalid > ok). */
int cli_worst_exit(int a, int b);
/** Parses a byte count with an optional K, M or G suffix (binary). Returns 0 or -1. */
int cli_parse_size(const char *s, size_t *out);
/** Parses a decimal integer in [min, max]. Returns 0 or -1. */
int cli_parse_long(const char *s, long min, long max, long *out);
/**
 * Writes the diagnostics of d for file to stderr in the text format, sorted by position. With
 * quiet, a list without errors is not printed.
 */
void cli_print_diagnostics(asldot_diagnostics *d, const char *file, int quiet);

/**
 * Writes the diagnostic for an input longer than max bytes (code "input-too-large") to f in fmt,
 * in the library's layout; *written counts JSON objects as asldot_diagnostics_write does.
 * The command reports this itself because it reads only max + 1 bytes and so never knows the
 * real size. Returns 0, or -1 when writing failed.
 */
int cli_write_too_large(FILE *f, const char *file, size_t max, asldot_diag_format fmt,
                        size_t *written);

/** Writes s to f as a JSON string literal. */
void cli_put_json_string(FILE *f, const char *s);

/* ---- machines.c */

/** Prepares in for argc arguments. Returns an exit code. */
int cli_input_init(cli_input *in, int argc);
void cli_input_free(cli_input *in);
/** Applies the source option called name (input-kind, machine, substitute, substitutions). */
int cli_input_option(cli_input *in, const char *name, const char *v);
/**
 * Finds the machines of path's bytes. Returns an exit code; *out may be set on exit 1 (some
 * machines were found, diagnostics in d say what went wrong with the others).
 */
int cli_source_parse(const cli_input *in, const char *path, const char *data, size_t len,
                     const asldot_options *opts, asldot_source **out, asldot_diagnostics *d);
/**
 * Picks the machines to handle: the one --machine names, else all of them when many_ok, else
 * the only one. A usage error (listing the ids) otherwise. Returns an exit code.
 */
int cli_source_pick(const asldot_source *src, const char *path, const char *machine, int many_ok,
                    size_t *first, size_t *count);
/** Runs "asl-dot list"; argv[0] is "list". */
int cli_list_main(int argc, char **argv);

/* ---- render.c */

/** Loads the style and the histories. Returns an exit code (CLI_EXIT_OK on success). */
int cli_session_open(cli_session *s, const cli_config *cfg);
/** Frees what the session holds. */
void cli_session_close(cli_session *s);
/**
 * Renders one input to output (NULL or "-" for standard output). Prints every diagnostic
 * naming input. Returns an exit code; on failure nothing is written.
 */
int cli_render_one(cli_session *s, const char *input, const char *output);
/** As cli_render_one, with the input's bytes already read (len may be max_bytes + 1). */
int cli_render_data(cli_session *s, const char *input, const char *data, size_t len,
                    const char *output);
/**
 * Writes data to output (NULL or "-": standard output) atomically; NULL data is an empty output
 * whatever len says. Returns an exit code. With
 * --check, compares data with the file instead: prints "PATH: out of date" or "PATH: missing" on
 * standard output and returns 1 when they differ, writes nothing.
 */
int cli_write_output(cli_session *s, const char *output, const char *data, size_t len);

/* ---- batch.c */

/** Renders every input into the directory cfg->output. Returns the worst exit code. */
int cli_batch(cli_session *s, const char *const *inputs, size_t n);

/* ---- lint.c */

/** Runs "asl-dot lint"; argv[0] is "lint". Returns the exit code. */
int cli_lint_main(int argc, char **argv);

/* ---- diff.c */

/** Runs "asl-dot diff"; argv[0] is "diff". Returns the exit code. */
int cli_diff_main(int argc, char **argv);

#endif
