/*
 * lint.c: "asl-dot lint FILE...": parse and validate each file and print its diagnostics on
 * standard output (they are this command's output) as text, one JSON array, or GitHub Actions
 * annotations. Exit 0 when no file has errors (with --strict: nor warnings), 1 otherwise,
 * 3 when a file cannot be read, 2 for a bad command line.
 */
#include "args.h"
#include "cli.h"
#include "io.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum {
    L_STRICT = 1,
    L_FORMAT,
    L_LENIENT,
    L_MAX_BYTES,
    L_MAX_STATES,
    L_QUIET,
    L_MACHINE,
    L_KIND,
    L_SUB,
    L_SUBS,
    L_HELP
};

static const cli_option lint_options[] = {
    {L_STRICT, "strict", 0, NULL,
     "warnings fail too (exit 1); note placeholders no substitution fills"},
    {L_FORMAT, "format", 0, "FMT", "text (default), json or github"},
    {L_LENIENT, "lenient", 0, NULL, "duplicate keys are warnings instead of errors"},
    {L_MAX_BYTES, "max-bytes", 0, "N", "largest input accepted (default 8M; K M G)"},
    {L_MAX_STATES, "max-states", 0, "N", "most states accepted in one machine (default 100000)"},
    {L_QUIET, "quiet", 'q', NULL, "print errors only, no warnings or notes"},
    {L_MACHINE, "machine", 'm', "ID", "lint only this machine of a template (default: all)"},
    {L_KIND, "input-kind", 0, "KIND",
     "auto (default), asl, cloudformation, serverless, "
     "terraform, terraform-json or aws-cli"},
    {L_SUB, "substitute", 0, "KEY=VALUE", "fill ${KEY} in the definitions (repeatable)"},
    {L_SUBS, "substitutions", 0, "FILE", "fill ${KEY}s from a JSON/YAML mapping"},
    {L_HELP, "help", 'h', NULL, "show this help and exit"},
    {0, NULL, 0, NULL, NULL},
};

static void lint_help(void)
{
    (void)fputs("usage: asl-dot lint [OPTION]... FILE...|-\n"
                "Checks AWS Step Functions definitions (JSON or YAML) against the Amazon States\n"
                "Language rules. Findings go to standard output, one per line:\n"
                "  FILE:LINE:COL: SEVERITY: MESSAGE [code] (at /json/pointer)\n"
                "\noptions:\n",
                stdout);
    cli_options_help(stdout, lint_options);
    (void)fputs("\nexit codes:\n"
                "  0  no file has errors (warnings allowed unless --strict)\n"
                "  1  a file has errors (or warnings with --strict)\n"
                "  2  usage error\n"
                "  3  a file could not be read\n",
                stdout);
}

typedef struct lint_config {
    int strict, quiet;
    unsigned flags;
    asldot_diag_format format;
    size_t max_bytes;
    unsigned max_states; /* 0: the library's default */
    cli_input input;
} lint_config;

typedef struct lint_totals {
    size_t files, errors, warnings, written;
} lint_totals;

/* Prints d for file (quiet: only when it has errors) and counts it. Returns an exit code. */
static int report(const lint_config *cfg, asldot_diagnostics *d, const char *file, lint_totals *t)
{
    int rc = CLI_EXIT_OK;
    t->errors += asldot_diagnostics_error_count(d);
    t->warnings += asldot_diagnostics_warning_count(d);
    if (asldot_diagnostics_error_count(d) > 0 ||
        (cfg->strict && asldot_diagnostics_warning_count(d) > 0))
        rc = CLI_EXIT_INVALID;
    if (!cfg->quiet || asldot_diagnostics_error_count(d) > 0) {
        asldot_diagnostics_sort(d);
        /* with --quiet and errors, warnings still show: the list cannot be filtered */
        if (asldot_diagnostics_write(stdout, d, cli_display_name(file), cfg->format, &t->written) !=
            ASLDOT_OK)
            rc = CLI_EXIT_IO;
    }
    asldot_diagnostics_clear(d);
    return rc;
}

/* Lints machine i of src; its diagnostics name the file its definition is in. */
static int lint_machine(const lint_config *cfg, const asldot_source *src, size_t i,
                        const asldot_options *o, asldot_diagnostics *d, lint_totals *t)
{
    const asldot_source_machine *info = asldot_source_get(src, i);
    asldot_machine *m = NULL;
    asldot_status st;
    int rc = CLI_EXIT_OK;
    if (info->unresolved != NULL) {
        if (!cfg->quiet && cfg->format == ASLDOT_DIAG_TEXT)
            (void)printf("%s: note: state machine %s not checked: %s\n",
                         cli_display_name(info->file), info->id, info->unresolved);
        return CLI_EXIT_OK;
    }
    st = asldot_source_load(&m, src, i, o, d);
    if (m != NULL) { /* with ERR_INVALID (a duplicate key) the rest is still checked */
        st = asldot_diagnostics_set_machine(d, strcmp(info->kind, "asl") ? info->id : NULL);
        if (st == ASLDOT_OK)
            st = asldot_machine_validate(m, o, d);
        if (st != ASLDOT_OK && st != ASLDOT_ERR_INVALID) {
            cli_error("%s: validation failed: %s", cli_display_name(info->file),
                      asldot_status_string(st));
            rc = cli_exit_for_status(st);
        }
        if (asldot_diagnostics_set_machine(d, NULL) != ASLDOT_OK && rc == CLI_EXIT_OK)
            rc = CLI_EXIT_IO;
    } else {
        rc = st == ASLDOT_OK ? CLI_EXIT_INVALID : cli_exit_for_input_status(st);
        /* ERR_INVALID without a diagnostic: the source reported it when it read the file */
        if (asldot_diagnostics_count(d) == 0 && st != ASLDOT_ERR_INVALID)
            cli_error("%s: %s", cli_display_name(info->file), asldot_status_string(st));
    }
    asldot_machine_free(m);
    return cli_worst_exit(rc, report(cfg, d, info->file, t));
}

/* Checks one file; prints its diagnostics. Returns its exit code. */
static int lint_one(const lint_config *cfg, const char *path, lint_totals *t)
{
    const char *name = cli_display_name(path);
    asldot_diagnostics *d = NULL;
    asldot_source *src = NULL;
    asldot_options o;
    char *data = NULL;
    size_t len = 0, first = 0, count = 0;
    int rc = CLI_EXIT_OK, e;

    t->files++;
    if (asldot_diagnostics_new(&d) != ASLDOT_OK) {
        cli_error("out of memory");
        return CLI_EXIT_IO;
    }
    e = cli_read_file(path, cfg->max_bytes + 1, &data, &len);
    if (e != 0) {
        cli_error("cannot read '%s': %s", name, strerror(e));
        asldot_diagnostics_free(d);
        return CLI_EXIT_IO;
    }
    asldot_options_init(&o);
    o.flags = cfg->flags;
    o.input_format = cli_input_format(path);
    o.max_input_bytes = cfg->max_bytes;
    if (cfg->max_states)
        o.max_states = cfg->max_states;
    if (len > cfg->max_bytes) { /* only max + 1 bytes were read: the real size is unknown */
        cli_write_too_large(stdout, name, cfg->max_bytes, cfg->format, &t->written);
        t->errors++;
        asldot_diagnostics_free(d);
        free(data);
        return CLI_EXIT_INVALID;
    }
    rc = cli_source_parse(&cfg->input, path, data, len, &o, &src, d);
    rc = cli_worst_exit(rc, report(cfg, d, path, t));
    if (src != NULL)
        rc = cli_worst_exit(rc, cli_source_pick(src, path, cfg->input.machine, 1, &first, &count));
    for (size_t i = first; i < first + count; i++)
        rc = cli_worst_exit(rc, lint_machine(cfg, src, i, &o, d, t));
    asldot_source_free(src);
    asldot_diagnostics_free(d);
    free(data);
    return rc;
}

static int parse_format(const char *v, asldot_diag_format *out)
{
    if (strcmp(v, "text") == 0)
        *out = ASLDOT_DIAG_TEXT;
    else if (strcmp(v, "json") == 0)
        *out = ASLDOT_DIAG_JSON;
    else if (strcmp(v, "github") == 0)
        *out = ASLDOT_DIAG_GITHUB;
    else
        return -1;
    return 0;
}

int cli_lint_main(int argc, char **argv)
{
    lint_config cfg = {0, 0, 0, ASLDOT_DIAG_TEXT, ASLDOT_DEFAULT_MAX_INPUT_BYTES, 0, {0}};
    lint_totals t = {0, 0, 0, 0};
    const char **files;
    size_t nfiles = 0, stdin_uses = 0;
    cli_parser p;
    const cli_option *opt;
    const char *value;
    cli_arg_kind kind;
    int rc = CLI_EXIT_OK, e;

    files = calloc((size_t)argc + 1, sizeof *files);
    if (files == NULL || cli_input_init(&cfg.input, argc) != CLI_EXIT_OK) {
        free(files);
        cli_error("out of memory");
        return CLI_EXIT_IO;
    }
    cli_parser_init(&p, lint_options, argc, argv, 1);
    while ((kind = cli_parser_next(&p, &opt, &value)) != CLI_ARG_END) {
        if (kind == CLI_ARG_ERROR) {
            rc = cli_usage_error("lint: %s", p.message);
            goto done;
        }
        if (kind == CLI_ARG_OPERAND) {
            stdin_uses += strcmp(value, "-") == 0;
            files[nfiles++] = value;
            continue;
        }
        switch (opt->id) {
        case L_STRICT:
            cfg.strict = 1;
            cfg.flags |= ASLDOT_OPT_NOTE_PLACEHOLDERS;
            break;
        case L_FORMAT:
            if (parse_format(value, &cfg.format) != 0) {
                rc = cli_usage_error("lint: unknown format '%s' (text, json or github)", value);
                goto done;
            }
            break;
        case L_LENIENT:
            cfg.flags |= ASLDOT_OPT_LENIENT;
            break;
        case L_MAX_BYTES:
            if (cli_parse_size(value, &cfg.max_bytes) != 0) {
                rc = cli_usage_error("lint: invalid --max-bytes '%s'", value);
                goto done;
            }
            break;
        case L_MAX_STATES: {
            long n;
            if (cli_parse_long(value, 1, 100000000L, &n) != 0) {
                rc = cli_usage_error("lint: invalid --max-states '%s' (1 to 100000000)", value);
                goto done;
            }
            cfg.max_states = (unsigned)n;
            break;
        }
        case L_QUIET:
            cfg.quiet = 1;
            break;
        case L_MACHINE:
        case L_KIND:
        case L_SUB:
        case L_SUBS:
            rc = cli_input_option(&cfg.input, opt->long_name, value);
            if (rc != CLI_EXIT_OK)
                goto done;
            break;
        case L_HELP:
            lint_help();
            goto done;
        default:
            break;
        }
    }
    if (nfiles == 0) {
        rc = cli_usage_error("lint: no input files (use '-' for standard input)");
        goto done;
    }
    if (stdin_uses > 1) {
        rc = cli_usage_error("lint: standard input ('-') can be read only once");
        goto done;
    }
    if (cfg.format == ASLDOT_DIAG_JSON)
        (void)fputs("[\n", stdout);
    for (size_t i = 0; i < nfiles; i++)
        rc = cli_worst_exit(rc, lint_one(&cfg, files[i], &t));
    if (cfg.format == ASLDOT_DIAG_JSON)
        (void)fputs(t.written ? "\n]\n" : "]\n", stdout);
    if (cfg.format == ASLDOT_DIAG_TEXT && isatty(STDOUT_FILENO))
        (void)printf("%zu file%s checked: %zu error%s, %zu warning%s\n", t.files,
                     t.files == 1 ? "" : "s", t.errors, t.errors == 1 ? "" : "s", t.warnings,
                     t.warnings == 1 ? "" : "s");
done:
    free(files);
    cli_input_free(&cfg.input);
    e = cli_close_stdout();
    if (e != 0) {
        cli_error("cannot write standard output: %s", strerror(e));
        rc = cli_worst_exit(rc, CLI_EXIT_IO);
    }
    return rc;
}
