/*
 * fuzz_source.c: bytes -> asldot_source_parse (the kind detected, or forced by the option
 * header's byte 2, bits 0-2) -> every machine's info -> asldot_source_load -> validate -> build
 * -> IR dump, with lint --strict's placeholder notes. Nothing outside the input is read (no path,
 * so DefinitionUri and templatefile() make unresolved machines). Checks the source contract: OK or
 * ERR_INVALID leave a source, any other status none; a machine either loads or says why; ids are
 * unique strings.
 */
#include "fuzz_common.h"

#include <stdlib.h>
#include <string.h>

static void one_machine(const fuzz_input *in, const asldot_source *src, size_t i, int faulted,
                        asldot_diagnostics *diags)
{
    const asldot_source_machine *info = asldot_source_get(src, i);
    asldot_machine *m = (asldot_machine *)1;
    asldot_graph *g = (asldot_graph *)1;
    asldot_status st;
    size_t found = (size_t)-1, errors = asldot_diagnostics_error_count(diags);

    FUZZ_CHECK(info != NULL && info->id != NULL && info->kind != NULL && info->file != NULL &&
               info->origin != NULL);
    FUZZ_CHECK(asldot_source_find(src, info->id, &found) == ASLDOT_OK && found <= i);
    st = asldot_source_load(&m, src, i, &in->opts, diags);
    if (info->unresolved != NULL) {
        FUZZ_CHECK(st == ASLDOT_ERR_UNSUPPORTED && m == NULL);
        return;
    }
    fuzz_check_status(st, m, faulted);
    if (m == NULL)
        return;
    errors = asldot_diagnostics_error_count(diags);
    st = asldot_machine_validate(m, &in->opts, diags);
    if (!faulted)
        FUZZ_CHECK((st == ASLDOT_OK) == (asldot_diagnostics_error_count(diags) == errors));
    st = asldot_graph_build(&g, m, &in->build, diags);
    fuzz_check_status(st, g, faulted);
    if (g != NULL) {
        fuzz_check_graph(g);
        free(fuzz_write_ir(g, faulted));
        asldot_graph_free(g);
    }
    asldot_machine_free(m);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_input in;
    asldot_diagnostics *diags = NULL;
    asldot_source *src = (asldot_source *)1;
    asldot_source_options so = ASLDOT_SOURCE_OPTIONS_INIT;
    static const char *const subs[] = {"Timeout=30", "Arn=arn:aws:lambda:us-east-1:1:function:f"};
    asldot_status st;
    int faulted;

    fuzz_decode(&in, data, size);
    in.opts.flags |= ASLDOT_OPT_NOTE_PLACEHOLDERS; /* lint --strict's extra walk, always */
    faulted = in.fail_after != 0;
    so.kind = (asldot_source_kind)(in.hdr[2] & 7u) <= ASLDOT_SOURCE_AWS_CLI
                  ? (asldot_source_kind)(in.hdr[2] & 7u)
                  : ASLDOT_SOURCE_AUTO;
    so.substitutions = subs;
    so.substitution_count = in.hdr[2] & 8u ? 2 : 0;
    FUZZ_CHECK(asldot_diagnostics_new(&diags) == ASLDOT_OK);
    fuzz_faults_begin(in.fail_after);
    st = asldot_source_parse(&src, in.text, in.len, &so, &in.opts, diags);
    if (st == ASLDOT_OK || st == ASLDOT_ERR_INVALID)
        FUZZ_CHECK(src != NULL || st == ASLDOT_ERR_INVALID);
    else
        FUZZ_CHECK(src == NULL);
    if (st != ASLDOT_OK && !faulted)
        FUZZ_CHECK(asldot_diagnostics_error_count(diags) > 0); /* a failure always says why */
    for (size_t i = 0; i < asldot_source_count(src); i++)
        one_machine(&in, src, i, faulted, diags);
    asldot_source_free(src);
    fuzz_faults_end();
    fuzz_check_diagnostics(diags, faulted, 1);
    asldot_diagnostics_free(diags);
    return 0;
}
