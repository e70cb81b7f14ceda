/*
 * main.c: the asl-dot command line. "asl-dot lint ..." goes to lint.c, "asl-dot diff ..." to
 * diff.c; everything else draws: one input to standard output or -o FILE, or several inputs into -o
 * DIR/ (batch.c). The options live in one table (args.h) that both the parser and --help read.
 */
#include "args.h"
#include "cli.h"
#include "io.h"

#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

enum {
    O_FORMAT = 1,
    O_OUTPUT,
    O_STYLE,
    O_RANKDIR,
    O_LEGEND,
    O_LAYOUT,
    O_KEEP_GOING,
    O_LENIENT,
    O_MAX_BYTES,
    O_MAX_STATES,
    O_HISTORY,
    O_REVERSE,
    O_SHOW_IO,
    O_ITERATION,
    O_JOBS,
    O_QUIET,
    O_CHECK,
    O_MACHINE,
    O_INPUT_KIND,
    O_SUBSTITUTE,
    O_SUBSTITUTIONS,
    O_COLLAPSE,
    O_FOCUS,
    O_DEPTH,
    O_SPLIT,
    O_CATCH,
    O_HELP,
    O_VERSION
};

static const cli_option main_options[] = {
    {O_FORMAT, NULL, 'T', "FORMAT", "svg png pdf dot ir mermaid html (default: from -o, else svg)"},
    {O_OUTPUT, "output", 'o', "FILE|DIR/", "output file ('-': stdout), or DIR/ for batch mode"},
    {O_STYLE, "style", 0, "NAME|FILE",
     "light (default), dark, high-contrast or a file over light (repeatable: layered in order)"},
    {O_RANKDIR, "rankdir", 0, "TB|LR", "flow top to bottom (default) or left to right"},
    {O_LEGEND, "legend", 0, NULL, "add a legend of shapes, edges and statuses"},
    {O_LAYOUT, "layout", 0, "MODE", "auto (default), full (best quality) or fast"},
    {O_KEEP_GOING, "keep-going", 'k', NULL, "draw an invalid definition as far as possible"},
    {O_LENIENT, "lenient", 0, NULL, "duplicate keys are warnings, not errors"},
    {O_MAX_BYTES, "max-bytes", 0, "N", "largest input accepted (default 8M; K M G)"},
    {O_MAX_STATES, "max-states", 0, "N", "most states accepted in one machine (default 100000)"},
    {O_HISTORY, "history", 'H', "FILE",
     "overlay an execution history (repeatable; implies --keep-going)"},
    {O_REVERSE, "reverse-order", 0, NULL, "history is newest first (events sorted by id)"},
    {O_SHOW_IO, "show-io", 0, NULL, "show state input/output in tooltips (1 KiB)"},
    {O_ITERATION, "iteration", 0, "STATE=N", "show iteration N of the Map state STATE"},
    {O_JOBS, "jobs", 'j', "N", "N worker processes for several inputs"},
    {O_QUIET, "quiet", 'q', NULL, "errors only: no warnings, no progress line"},
    {O_CHECK, "check", 0, NULL, "write nothing: exit 1 listing outputs out of date or missing"},
    {O_MACHINE, "machine", 'm', "ID",
     "the state machine to draw from a template (see asl-dot list)"},
    {O_INPUT_KIND, "input-kind", 0, "KIND",
     "auto (default: from the content), asl, cloudformation, serverless, terraform, "
     "terraform-json, aws-cli"},
    {O_SUBSTITUTE, "substitute", 0, "KEY=VALUE", "fill ${KEY} in the definition (repeatable)"},
    {O_SUBSTITUTIONS, "substitutions", 0, "FILE", "fill ${KEY}s from a JSON/YAML mapping"},
    {O_COLLAPSE, "collapse", 0, "[=STATE,...]",
     "draw Parallel and Map states (all, or those named) as one box; =none: never by size"},
    {O_FOCUS, "focus", 0, "STATE", "draw only the states near STATE (see --depth)"},
    {O_DEPTH, "depth", 0, "N", "with --focus: transitions away from STATE (default 2)"},
    {O_SPLIT, "split", 0, NULL,
     "with -o DIR/: the top level collapsed, then one picture per Parallel/Map inside"},
    {O_CATCH, "catch", 0, "MODE",
     "edges, stubs (one edge per shared handler, stubs for the rest) or hide; default: "
     "stubs from 4 Catch edges into one handler"},
    {O_HELP, "help", 'h', NULL, "show this help and exit"},
    {O_VERSION, "version", 'V', NULL, "show the version and exit"},
    {0, NULL, 0, NULL, NULL},
};

static void print_help(void)
{
    (void)fputs("usage: asl-dot [OPTION]... FILE|-\n"
                "       asl-dot [OPTION]... -o DIR/ FILE...\n"
                "       asl-dot lint [--strict] [--format text|json|github] FILE...|-\n"
                "       asl-dot diff [OPTION]... OLD NEW\n"
                "       asl-dot diff --git REV[..REV2] [PATH]...\n"
                "       asl-dot list [--format text|json] FILE...\n"
                "\n"
                "Draws AWS Step Functions state machines (Amazon States Language, JSON or YAML),\n"
                "bare or where they live: CloudFormation, SAM and CDK templates, serverless.yml,\n"
                "Terraform (.tf or terraform show -json) and the AWS CLI's describe output.\n"
                "A file with several machines needs --machine ID, or -o DIR/ to draw them all.\n"
                "The diagram goes to standard output unless -o is given; '-' reads stdin.\n"
                "Diagnostics go to standard error as FILE:LINE:COL: SEVERITY: MESSAGE [code].\n"
                "\n"
                "options:\n",
                stdout);
    cli_options_help(stdout, main_options);
    (void)fputs("\n"
                "exit codes:\n"
                "  0  success (warnings allowed)\n"
                "  1  invalid input: the definition, history or style has errors\n"
                "  2  usage error\n"
                "  3  input/output error: a file could not be read or written\n"
                "  4  render failure (Graphviz)\n"
                "With several inputs the exit code is the worst of them.\n"
                "\n"
                "Run 'asl-dot lint --help' for the linter.\n",
                stdout);
}

static int ends_with_ci(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

/* The extension of path's last component ("" when there is none). */
static const char *extension_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    const char *dot = strrchr(base, '.');
    return dot != NULL && dot != base ? dot : "";
}

/* -T from the output file's extension; 0 when there is no known extension. */
static int format_from_output(const char *path, asldot_format *out)
{
    static const struct {
        const char *ext, *format;
    } map[] = {{".svg", "svg"},     {".png", "png"},   {".pdf", "pdf"},
               {".dot", "dot"},     {".gv", "dot"},    {".ir", "ir"},
               {".mmd", "mermaid"}, {".html", "html"}, {".htm", "html"}};
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++) {
        if (ends_with_ci(path, map[i].ext))
            return asldot_format_from_name(out, map[i].format) == ASLDOT_OK;
    }
    return 0;
}

typedef struct cli_args {
    cli_config cfg;
    cli_input input;
    const char **inputs;
    size_t n_inputs;
    char *iteration_state;  /* heap copy of STATE from --iteration STATE=N */
    char **collapse_copies; /* heap copies of --collapse lists, split at commas in place */
    size_t n_collapse_copies;
    int help, version;
} cli_args;

/* --collapse, --collapse=all, --collapse=none or --collapse=A,B (repeatable). */
static int parse_collapse(const char *v, cli_args *a)
{
    cli_config *cfg = &a->cfg;
    char *copy, *p;
    if (v == NULL || strcmp(v, "all") == 0) {
        cfg->collapse_all = 1;
        return 0;
    }
    if (strcmp(v, "none") == 0) {
        cfg->no_auto_collapse = 1;
        return 0;
    }
    copy = strdup(v);
    if (copy == NULL)
        return -1;
    a->collapse_copies[a->n_collapse_copies++] = copy;
    for (p = copy;;) {
        char *comma = strchr(p, ',');
        const char **grown;
        if (comma != NULL)
            *comma = '\0';
        if (*p != '\0') {
            grown = realloc((void *)cfg->collapse, (cfg->n_collapse + 1) * sizeof *grown);
            if (grown == NULL)
                return -1;
            cfg->collapse = grown;
            cfg->collapse[cfg->n_collapse++] = p;
        }
        if (comma == NULL)
            return 0;
        p = comma + 1;
    }
}

/* STATE=N; the last '=' splits, so a state name may itself contain '='. */
static int parse_iteration(const char *v, cli_args *a)
{
    const char *eq = strrchr(v, '=');
    size_t n;
    if (eq == NULL || eq == v)
        return -1;
    n = (size_t)(eq - v);
    if (cli_parse_long(eq + 1, 0, LONG_MAX, &a->cfg.iteration_index) != 0)
        return -1;
    free(a->iteration_state);
    a->iteration_state = malloc(n + 1);
    if (a->iteration_state == NULL)
        return -1;
    memcpy(a->iteration_state, v, n);
    a->iteration_state[n] = '\0';
    a->cfg.iteration_state = a->iteration_state;
    return 0;
}

static int apply_option(cli_args *a, const cli_option *opt, const char *v)
{
    cli_config *cfg = &a->cfg;
    long n;
    switch (opt->id) {
    case O_FORMAT:
        if (asldot_format_from_name(&cfg->format, v) != ASLDOT_OK)
            return cli_usage_error("unknown format '%s' (svg, png, pdf, dot, ir, mermaid or html)",
                                   v);
        cfg->format_set = 1;
        break;
    case O_OUTPUT:
        if (cfg->output != NULL)
            return cli_usage_error("-o given twice ('%s' and '%s')", cfg->output, v);
        cfg->output = v;
        break;
    case O_STYLE:
        cfg->styles[cfg->n_styles++] = v;
        break;
    case O_RANKDIR:
        if (strcasecmp(v, "TB") == 0)
            cfg->rankdir = ASLDOT_RANKDIR_TB;
        else if (strcasecmp(v, "LR") == 0)
            cfg->rankdir = ASLDOT_RANKDIR_LR;
        else
            return cli_usage_error("invalid --rankdir '%s' (TB or LR)", v);
        break;
    case O_LEGEND:
        cfg->legend = 1;
        break;
    case O_LAYOUT:
        if (strcmp(v, "auto") == 0)
            cfg->layout = ASLDOT_LAYOUT_AUTO;
        else if (strcmp(v, "full") == 0)
            cfg->layout = ASLDOT_LAYOUT_FULL;
        else if (strcmp(v, "fast") == 0)
            cfg->layout = ASLDOT_LAYOUT_FAST;
        else
            return cli_usage_error("invalid --layout '%s' (auto, full or fast)", v);
        break;
    case O_KEEP_GOING:
        cfg->keep_going = 1;
        break;
    case O_LENIENT:
        cfg->lenient = 1;
        break;
    case O_MAX_BYTES:
        if (cli_parse_size(v, &cfg->max_bytes) != 0)
            return cli_usage_error("invalid --max-bytes '%s' (a positive size like 1048576 or 1M)",
                                   v);
        break;
    case O_MAX_STATES:
        if (cli_parse_long(v, 1, 100000000L, &n) != 0)
            return cli_usage_error("invalid --max-states '%s' (1 to 100000000)", v);
        cfg->max_states = (unsigned)n;
        break;
    case O_HISTORY:
        cfg->histories[cfg->n_histories++] = v;
        break;
    case O_REVERSE:
        cfg->reverse_order = 1;
        break;
    case O_SHOW_IO:
        cfg->show_io = 1;
        break;
    case O_ITERATION:
        if (parse_iteration(v, a) != 0)
            return cli_usage_error("invalid --iteration '%s' (STATE=N, N >= 0)", v);
        break;
    case O_JOBS:
        if (cli_parse_long(v, 1, CLI_MAX_JOBS, &n) != 0)
            return cli_usage_error("invalid --jobs '%s' (1 to %d)", v, CLI_MAX_JOBS);
        cfg->jobs = (unsigned)n;
        break;
    case O_QUIET:
        cfg->quiet = 1;
        break;
    case O_CHECK:
        cfg->check = 1;
        break;
    case O_MACHINE:
    case O_INPUT_KIND:
    case O_SUBSTITUTE:
    case O_SUBSTITUTIONS:
        return cli_input_option(&a->input, opt->long_name, v);
    case O_COLLAPSE:
        if (parse_collapse(v, a) != 0)
            return cli_usage_error("out of memory");
        break;
    case O_FOCUS:
        cfg->focus = v;
        break;
    case O_DEPTH:
        if (cli_parse_long(v, 1, 1000, &n) != 0)
            return cli_usage_error("invalid --depth '%s' (1 to 1000)", v);
        cfg->focus_depth = (unsigned)n;
        break;
    case O_SPLIT:
        cfg->split = 1;
        break;
    case O_CATCH:
        if (strcmp(v, "edges") == 0)
            cfg->catch_mode = ASLDOT_CATCH_EDGES;
        else if (strcmp(v, "stubs") == 0)
            cfg->catch_mode = ASLDOT_CATCH_STUBS;
        else if (strcmp(v, "hide") == 0)
            cfg->catch_mode = ASLDOT_CATCH_HIDE;
        else if (strcmp(v, "auto") == 0)
            cfg->catch_mode = ASLDOT_CATCH_AUTO;
        else
            return cli_usage_error("invalid --catch '%s' (auto, edges, stubs or hide)", v);
        break;
    case O_HELP:
        a->help = 1;
        break;
    case O_VERSION:
        a->version = 1;
        break;
    default:
        break;
    }
    return CLI_EXIT_OK;
}

static int parse_args(cli_args *a, int argc, char **argv)
{
    cli_parser p;
    const cli_option *opt;
    const char *value;
    cli_arg_kind kind;
    int rc;

    cli_parser_init(&p, main_options, argc, argv, 1);
    while ((kind = cli_parser_next(&p, &opt, &value)) != CLI_ARG_END) {
        if (kind == CLI_ARG_ERROR)
            return cli_usage_error("%s", p.message);
        if (kind == CLI_ARG_OPERAND) {
            a->inputs[a->n_inputs++] = value;
            continue;
        }
        rc = apply_option(a, opt, value);
        if (rc != CLI_EXIT_OK)
            return rc;
    }
    return CLI_EXIT_OK;
}

/* Checks how the options fit together and settles the output format and mode. */
static int check_args(cli_args *a)
{
    cli_config *cfg = &a->cfg;
    int to_stdout = cfg->output == NULL || strcmp(cfg->output, "-") == 0;
    size_t stdin_uses = 0;

    if (a->n_inputs == 0)
        return cli_usage_error("no input file (use '-' for standard input)");
    for (size_t i = 0; i < a->n_inputs; i++)
        stdin_uses += strcmp(a->inputs[i], "-") == 0;
    if (!to_stdout) {
        size_t n = strlen(cfg->output);
        if (n == 0)
            return cli_usage_error("empty output name");
        cfg->output_is_dir = cfg->output[n - 1] == '/' || cli_is_directory(cfg->output);
    }
    if (a->n_inputs > 1 && !cfg->output_is_dir)
        return cli_usage_error("several inputs need an output directory: -o DIR/");
    if (cfg->output_is_dir && stdin_uses > 0)
        return cli_usage_error("standard input ('-') cannot be used with -o DIR/");
    if (!to_stdout && !cfg->output_is_dir) {
        asldot_format implied;
        const char *ext = extension_of(cfg->output);
        int known = format_from_output(cfg->output, &implied);
        if (!cfg->format_set && known)
            cfg->format = implied;
        else if (!cfg->format_set && *ext != '\0')
            return cli_usage_error(
                "cannot tell the output format from '%s': use -T svg, png, pdf, dot, ir, "
                "mermaid or html, or a name ending in .svg, .png, .pdf, .dot, .gv, .ir, .mmd "
                "or .html",
                cfg->output);
        else if (cfg->format_set && known && implied != cfg->format && !cfg->quiet)
            cli_error("warning: writing %s to '%s' as -T asks, whatever its extension says",
                      asldot_format_name(cfg->format), cfg->output);
    }
    if (cfg->check && to_stdout)
        return cli_usage_error("--check compares with files: give -o FILE or -o DIR/");
    if (cfg->iteration_state != NULL && cfg->n_histories == 0)
        return cli_usage_error("--iteration needs --history");
    if (cfg->focus_depth != 0 && cfg->focus == NULL)
        return cli_usage_error("--depth needs --focus");
    if (cfg->split && !cfg->output_is_dir)
        return cli_usage_error("--split writes several pictures: give -o DIR/");
    if (cfg->split && (cfg->focus != NULL || cfg->collapse_all || cfg->n_collapse > 0))
        return cli_usage_error("--split draws every container: it cannot be combined with "
                               "--focus or --collapse");
    if (to_stdout && (cfg->format == ASLDOT_FORMAT_PNG || cfg->format == ASLDOT_FORMAT_PDF) &&
        isatty(STDOUT_FILENO))
        return cli_usage_error("refusing to write %s to a terminal: use -o FILE",
                               asldot_format_name(cfg->format));
    return CLI_EXIT_OK;
}

static int run(int argc, char **argv)
{
    cli_args a;
    cli_session s;
    int rc;

    memset(&a, 0, sizeof a);
    a.cfg.format = ASLDOT_FORMAT_SVG;
    a.cfg.rankdir = ASLDOT_RANKDIR_TB;
    a.cfg.layout = ASLDOT_LAYOUT_AUTO;
    a.cfg.max_bytes = ASLDOT_DEFAULT_MAX_INPUT_BYTES;
    a.cfg.iteration_index = -1;
    a.cfg.jobs = 1;
    a.inputs = calloc((size_t)argc + 1, sizeof *a.inputs);
    a.cfg.histories = calloc((size_t)argc + 1, sizeof *a.cfg.histories);
    a.cfg.styles = calloc((size_t)argc + 1, sizeof *a.cfg.styles);
    a.collapse_copies = calloc((size_t)argc + 1, sizeof *a.collapse_copies);
    a.cfg.input = &a.input;
    if (cli_input_init(&a.input, argc) != CLI_EXIT_OK || a.inputs == NULL ||
        a.cfg.histories == NULL || a.cfg.styles == NULL || a.collapse_copies == NULL) {
        cli_error("out of memory");
        rc = CLI_EXIT_IO;
        goto done;
    }
    rc = parse_args(&a, argc, argv);
    if (rc != CLI_EXIT_OK)
        goto done;
    if (a.help) {
        print_help();
        goto done;
    }
    if (a.version) {
        (void)printf("asl-dot %s\n", asldot_version_string());
        goto done;
    }
    rc = check_args(&a);
    if (rc != CLI_EXIT_OK)
        goto done;
    rc = cli_session_open(&s, &a.cfg);
    if (rc == CLI_EXIT_OK) {
        if (a.cfg.output_is_dir)
            rc = cli_batch(&s, a.inputs, a.n_inputs);
        else
            rc = cli_render_one(&s, a.inputs[0], a.cfg.output);
    }
    cli_session_close(&s);
done:
    free(a.inputs);
    free((void *)a.cfg.histories);
    free((void *)a.cfg.styles);
    free(a.iteration_state);
    for (size_t i = 0; a.collapse_copies != NULL && i < a.n_collapse_copies; i++)
        free(a.collapse_copies[i]);
    free(a.collapse_copies);
    free((void *)a.cfg.collapse);
    cli_input_free(&a.input);
    return rc;
}

int main(int argc, char **argv)
{
    int rc, e;
    if (argc >= 2 && strcmp(argv[1], "lint") == 0)
        return cli_lint_main(argc - 1, argv + 1);
    if (argc >= 2 && strcmp(argv[1], "list") == 0) {
        rc = cli_list_main(argc - 1, argv + 1);
        e = cli_close_stdout();
        return e != 0 ? cli_worst_exit(rc, CLI_EXIT_IO) : rc;
    }
    cli_remove_temp_on_signals();
    if (argc >= 2 && strcmp(argv[1], "diff") == 0)
        rc = cli_diff_main(argc - 1, argv + 1);
    else
        rc = run(argc, argv);
    e = cli_close_stdout();
    if (e != 0) {
        cli_error("cannot write standard output: %s", strerror(e));
        rc = cli_worst_exit(rc, CLI_EXIT_IO);
    }
    return rc;
}
