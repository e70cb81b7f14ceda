/*
 * diff.c: "asl-dot diff [OPTION]... OLD NEW". Reads both definitions (one of them may be '-'),
 * compares them with asldot_diff_new and writes either the NEW diagram marked with the changes
 * (svg png pdf dot ir, through the render path of render.c, with --history overlaid as well) or a
 * report: -T json for tools, -T md for a pull-request comment (--image-dir DIR also renders the
 * marked diagram to DIR/NAME.diff.svg and links it). Exit 0 whether or not anything changed;
 * --exit-code makes a difference exit 1, as diff(1) does.
 */
#include "args.h"
#include "cli.h"
#include "io.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum {
    D_FORMAT = 1,
    D_OUTPUT,
    D_STYLE,
    D_RANKDIR,
    D_LEGEND,
    D_KEEP_GOING,
    D_LENIENT,
    D_HISTORY,
    D_EXIT_CODE,
    D_IMAGE_DIR,
    D_QUIET,
    D_HELP
};

static const cli_option diff_options[] = {
    {D_FORMAT, NULL, 'T', "FORMAT", "svg png pdf dot ir json md (default: from -o, else svg)"},
    {D_OUTPUT, "output", 'o', "FILE", "output file ('-': stdout)"},
    {D_STYLE, "style", 0, "NAME|FILE", "light (default), dark, high-contrast or a file (repeatable)"},
    {D_RANKDIR, "rankdir", 0, "TB|LR", "flow top to bottom (default) or left to right"},
    {D_LEGEND, "legend", 0, NULL, "add a legend, with the diff's marks"},
    {D_KEEP_GOING, "keep-going", 'k', NULL, "compare and draw definitions that have lint errors"},
    {D_LENIENT, "lenient", 0, NULL, "duplicate keys are warnings, not errors"},
    {D_HISTORY, "history", 'H', "FILE", "overlay an execution history of NEW (repeatable)"},
    {D_EXIT_CODE, "exit-code", 0, NULL, "exit 1 when the definitions differ"},
    {D_IMAGE_DIR, "image-dir", 0, "DIR", "-T md: render the diagram into DIR and link it"},
    {D_QUIET, "quiet", 'q', NULL, "errors only"},
    {D_HELP, "help", 'h', NULL, "show this help and exit"},
    {0, NULL, 0, NULL, NULL},
};

enum { OUT_DIAGRAM, OUT_JSON, OUT_MD };

typedef struct diff_args {
    cli_config cfg;
    const char *paths[2];
    size_t n_paths;
    int report; /* OUT_* */
    int exit_code, help;
    const char *image_dir;
} diff_args;

static void print_help(void)
{
    (void)fputs("usage: asl-dot diff [OPTION]... OLD NEW\n"
                "\n"
                "Compares two versions of a definition ('-' reads one of them from stdin) and\n"
                "draws NEW with what changed: added, changed and renamed states are marked,\n"
                "removed ones come back as dashed ghosts. -T json and -T md write a summary.\n"
                "\n"
                "options:\n",
                stdout);
    cli_options_help(stdout, diff_options);
    (void)fputs("\n"
                "exit codes: 0 done (changes or not; 1 with --exit-code when they differ),\n"
                "1 invalid input, 2 usage error, 3 input/output error, 4 render failure.\n",
                stdout);
}

static int set_format(diff_args *a, const char *v)
{
    if (strcasecmp(v, "json") == 0) {
        a->report = OUT_JSON;
    } else if (strcasecmp(v, "md") == 0 || strcasecmp(v, "markdown") == 0) {
        a->report = OUT_MD;
    } else if (asldot_format_from_name(&a->cfg.format, v) == ASLDOT_OK) {
        a->report = OUT_DIAGRAM;
    } else {
        return cli_usage_error("unknown format '%s' (svg, png, pdf, dot, ir, json or md)", v);
    }
    a->cfg.format_set = 1;
    return CLI_EXIT_OK;
}

static int apply_option(diff_args *a, const cli_option *opt, const char *v)
{
    cli_config *cfg = &a->cfg;
    switch (opt->id) {
    case D_FORMAT:
        return set_format(a, v);
    case D_OUTPUT:
        if (cfg->output != NULL)
            return cli_usage_error("-o given twice ('%s' and '%s')", cfg->output, v);
        cfg->output = v;
        break;
    case D_STYLE:
        cfg->styles[cfg->n_styles++] = v;
        break;
    case D_RANKDIR:
        if (strcasecmp(v, "TB") != 0 && strcasecmp(v, "LR") != 0)
            return cli_usage_error("invalid --rankdir '%s' (TB or LR)", v);
        cfg->rankdir = strcasecmp(v, "LR") == 0 ? ASLDOT_RANKDIR_LR : ASLDOT_RANKDIR_TB;
        break;
    case D_LEGEND:
        cfg->legend = 1;
        break;
    case D_KEEP_GOING:
        cfg->keep_going = 1;
        break;
    case D_LENIENT:
        cfg->lenient = 1;
        break;
    case D_HISTORY:
        cfg->histories[cfg->n_histories++] = v;
        break;
    case D_EXIT_CODE:
        a->exit_code = 1;
        break;
    case D_IMAGE_DIR:
        a->image_dir = v;
        break;
    case D_QUIET:
        cfg->quiet = 1;
        break;
    default:
        a->help = 1;
        break;
    }
    return CLI_EXIT_OK;
}

/* The format from -o's extension when -T is absent (.json and .md are reports). */
static int format_from_output(diff_args *a)
{
    static const char *const exts[] = {"svg", "png", "pdf", "dot", "ir", "json", "md"};
    const char *o = a->cfg.output, *dot, *slash;
    if (a->cfg.format_set || o == NULL || strcmp(o, "-") == 0)
        return CLI_EXIT_OK;
    slash = strrchr(o, '/');
    dot = strrchr(slash ? slash + 1 : o, '.');
    if (dot == NULL)
        return CLI_EXIT_OK;
    for (size_t i = 0; i < sizeof exts / sizeof *exts; i++)
        if (strcasecmp(dot + 1, exts[i]) == 0)
            return set_format(a, exts[i]);
    if (strcasecmp(dot + 1, "gv") == 0)
        return set_format(a, "dot");
    return cli_usage_error("cannot tell the output format from '%s': use -T", o);
}

static int parse_args(diff_args *a, int argc, char **argv)
{
    cli_parser p;
    const cli_option *opt;
    const char *value;
    cli_arg_kind kind;
    int rc;
    cli_parser_init(&p, diff_options, argc, argv, 1);
    while ((kind = cli_parser_next(&p, &opt, &value)) != CLI_ARG_END) {
        if (kind == CLI_ARG_ERROR)
            return cli_usage_error("%s", p.message);
        if (kind == CLI_ARG_OPERAND) {
            if (a->n_paths == 2)
                return cli_usage_error("diff takes two definitions: OLD NEW");
            a->paths[a->n_paths++] = value;
            continue;
        }
        if ((rc = apply_option(a, opt, value)) != CLI_EXIT_OK)
            return rc;
    }
    if (a->help)
        return CLI_EXIT_OK;
    if (a->n_paths != 2)
        return cli_usage_error("diff takes two definitions: OLD NEW");
    if (strcmp(a->paths[0], "-") == 0 && strcmp(a->paths[1], "-") == 0)
        return cli_usage_error("only one of OLD and NEW can be standard input ('-')");
    if (a->image_dir != NULL && a->report != OUT_MD && a->cfg.format_set)
        return cli_usage_error("--image-dir goes with -T md");
    return format_from_output(a);
}

typedef struct side {
    const char *path;
    char *data;
    size_t len;
    asldot_machine *m;
} side;

/* Reads, parses and lints one side. Diagnostics are printed unless the diagram's render path
 * will print them again (NEW when drawing, if it parsed). Returns an exit code. */
static int load_side(const diff_args *a, side *sd, int reprinted)
{
    const cli_config *cfg = &a->cfg;
    const char *name = cli_display_name(sd->path);
    asldot_diagnostics *d = NULL;
    asldot_options o;
    asldot_status st;
    int rc = CLI_EXIT_OK, e;

    e = cli_read_file(sd->path, cfg->max_bytes + 1, &sd->data, &sd->len);
    if (e != 0) {
        cli_error("cannot read '%s': %s", name, strerror(e));
        return CLI_EXIT_IO;
    }
    if (sd->len > cfg->max_bytes) {
        cli_write_too_large(stderr, name, cfg->max_bytes, ASLDOT_DIAG_TEXT, NULL);
        return CLI_EXIT_INVALID;
    }
    if (asldot_diagnostics_new(&d) != ASLDOT_OK) {
        cli_error("out of memory");
        return CLI_EXIT_IO;
    }
    asldot_options_init(&o);
    if (cfg->lenient)
        o.flags |= ASLDOT_OPT_LENIENT;
    o.input_format = cli_input_format(sd->path);
    o.max_input_bytes = cfg->max_bytes;
    st = asldot_machine_parse(&sd->m, sd->data, sd->len, &o, d);
    if (st != ASLDOT_OK || sd->m == NULL) {
        rc = st == ASLDOT_OK ? CLI_EXIT_INVALID : cli_exit_for_input_status(st);
        if (asldot_diagnostics_count(d) == 0)
            cli_error("%s: %s", name, asldot_status_string(st));
    } else {
        st = asldot_machine_validate(sd->m, &o, d);
        if (st != ASLDOT_OK && st != ASLDOT_ERR_INVALID) {
            rc = cli_exit_for_status(st);
            cli_error("%s: validation failed: %s", name, asldot_status_string(st));
        } else if (asldot_diagnostics_error_count(d) > 0 && !cfg->keep_going &&
                   cfg->n_histories == 0) {
            rc = CLI_EXIT_INVALID;
        }
    }
    if (rc != CLI_EXIT_OK || !reprinted)
        cli_print_diagnostics(d, sd->path, cfg->quiet && rc == CLI_EXIT_OK);
    asldot_diagnostics_free(d);
    return rc;
}

/* --image-dir: DIR/NAME.diff.svg, NAME being NEW's file name without .asl/.json/.yaml/.yml. */
static char *image_path(const char *dir, const char *input)
{
    static const char *const exts[] = {".json", ".yaml", ".yml", ".asl"};
    const char *slash = strrchr(input, '/');
    const char *base = strcmp(input, "-") == 0 ? "stdin" : slash ? slash + 1 : input;
    size_t n = strlen(base), dl = strlen(dir);
    char *out;
    for (size_t i = 0; i < sizeof exts / sizeof *exts; i++) {
        size_t m = strlen(exts[i]);
        if (n > m && strcasecmp(base + n - m, exts[i]) == 0)
            n -= m;
    }
    out = malloc(dl + n + 16);
    if (out != NULL)
        (void)snprintf(out, dl + n + 16, "%s%s%.*s.diff.svg", dir,
                       dl && dir[dl - 1] == '/' ? "" : "/", (int)n, base);
    return out;
}

static int write_report(diff_args *a, cli_session *s, const asldot_diff *diff, const side *nw)
{
    asldot_diff_item item;
    char *out = NULL, *image = NULL;
    size_t len = 0;
    asldot_status st;
    int rc = CLI_EXIT_OK;

    memset(&item, 0, sizeof item);
    item.id = a->report == OUT_MD ? cli_display_name(nw->path) : "-";
    item.diff = diff;
    if (a->report == OUT_MD && a->image_dir != NULL) {
        image = image_path(a->image_dir, nw->path);
        if (image == NULL) {
            cli_error("out of memory");
            return CLI_EXIT_IO;
        }
        s->diff = diff;
        rc = cli_render_data(s, nw->path, nw->data, nw->len, image);
        item.image = image;
    }
    if (rc == CLI_EXIT_OK) {
        st = asldot_diff_write(&out, &len, &item, 1,
                               a->report == OUT_JSON ? ASLDOT_DIFF_JSON : ASLDOT_DIFF_MARKDOWN);
        if (st != ASLDOT_OK) {
            cli_error("cannot write the diff: %s", asldot_status_string(st));
            rc = CLI_EXIT_IO;
        } else {
            rc = cli_write_output(s, a->cfg.output, out, len);
        }
    }
    asldot_buffer_free(out);
    free(image);
    return rc;
}

static int run_diff(diff_args *a)
{
    side sides[2];
    cli_session s;
    asldot_diff *diff = NULL;
    asldot_diagnostics *d = NULL;
    asldot_status st;
    int rc, drawing = a->report == OUT_DIAGRAM || a->image_dir != NULL;

    memset(sides, 0, sizeof sides);
    memset(&s, 0, sizeof s);
    sides[0].path = a->paths[0];
    sides[1].path = a->paths[1];
    rc = load_side(a, &sides[0], 0);
    rc = cli_worst_exit(rc, load_side(a, &sides[1], drawing));
    if (rc != CLI_EXIT_OK)
        goto done;
    if (asldot_diagnostics_new(&d) != ASLDOT_OK) {
        rc = CLI_EXIT_IO;
        goto done;
    }
    st = asldot_diff_new(&diff, sides[0].m, sides[1].m, d);
    if (st != ASLDOT_OK) {
        cli_error("cannot compare '%s' and '%s': %s", cli_display_name(a->paths[0]),
                  cli_display_name(a->paths[1]), asldot_status_string(st));
        rc = cli_exit_for_status(st);
        goto done;
    }
    /* the diagram of a report is an SVG; the session reads the format from the config */
    if (a->report != OUT_DIAGRAM)
        a->cfg.format = ASLDOT_FORMAT_SVG;
    rc = cli_session_open(&s, &a->cfg);
    if (rc == CLI_EXIT_OK && a->report == OUT_DIAGRAM) {
        s.diff = diff;
        rc = cli_render_data(&s, sides[1].path, sides[1].data, sides[1].len, a->cfg.output);
    } else if (rc == CLI_EXIT_OK) {
        rc = write_report(a, &s, diff, &sides[1]);
    }
    cli_session_close(&s);
    if (rc == CLI_EXIT_OK && a->exit_code && asldot_diff_has_changes(diff))
        rc = 1;
done:
    asldot_diagnostics_free(d);
    asldot_diff_free(diff);
    for (int i = 0; i < 2; i++) {
        asldot_machine_free(sides[i].m);
        free(sides[i].data);
    }
    return rc;
}

int cli_diff_main(int argc, char **argv)
{
    diff_args a;
    int rc;
    memset(&a, 0, sizeof a);
    a.cfg.format = ASLDOT_FORMAT_SVG;
    a.cfg.rankdir = ASLDOT_RANKDIR_TB;
    a.cfg.layout = ASLDOT_LAYOUT_AUTO;
    a.cfg.max_bytes = ASLDOT_DEFAULT_MAX_INPUT_BYTES;
    a.cfg.iteration_index = -1;
    a.cfg.jobs = 1;
    a.report = OUT_DIAGRAM;
    a.cfg.styles = calloc((size_t)argc + 1, sizeof *a.cfg.styles);
    a.cfg.histories = calloc((size_t)argc + 1, sizeof *a.cfg.histories);
    if (a.cfg.styles == NULL || a.cfg.histories == NULL) {
        cli_error("out of memory");
        rc = CLI_EXIT_IO;
    } else if ((rc = parse_args(&a, argc, argv)) == CLI_EXIT_OK) {
        if (a.help)
            print_help();
        else
            rc = run_diff(&a);
    }
    free((void *)a.cfg.styles);
    free((void *)a.cfg.histories);
    return rc;
}
