/*
 * diff.c: "asl-dot diff [OPTION]... OLD NEW" and "asl-dot diff --git REV[..REV2] [PATH]...".
 * Reads both versions as sources (bare definitions or templates; one of OLD and NEW may be '-'),
 * pairs their machines by id (the only machine of each when both hold one; --machine ID picks
 * one), compares each pair with asldot_diff_new and writes either the NEW diagram marked with
 * the changes (svg png pdf dot ir, through the render path of render.c, with --history overlaid
 * as well; one pair only) or a report: -T json for tools, -T md for a pull-request comment
 * (--image-dir DIR also renders each marked diagram into DIR and links it). Machines only one
 * side holds are reported as added or removed by id. With --git, the files come from git
 * (git.c): every changed file that holds a machine on either side is one section of the report;
 * other files are skipped without a word. Exit 0 whether or not anything changed; --exit-code
 * makes a difference exit 1, as diff(1) does. Nothing is written when anything failed.
 */
#include "args.h"
#include "cli.h"
#include "git.h"
#include "io.h"

#include <errno.h>
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
    D_NO_DIAGRAM,
    D_QUIET,
    D_MACHINE,
    D_INPUT_KIND,
    D_SUBSTITUTE,
    D_SUBSTITUTIONS,
    D_GIT,
    D_HELP
};

static const cli_option diff_options[] = {
    {D_FORMAT, NULL, 'T', "FORMAT", "svg png pdf dot ir html json md (default: from -o, else svg)"},
    {D_OUTPUT, "output", 'o', "FILE", "output file ('-': stdout)"},
    {D_STYLE, "style", 0, "NAME|FILE",
     "light (default), dark, high-contrast or a file (repeatable)"},
    {D_RANKDIR, "rankdir", 0, "TB|LR", "flow top to bottom (default) or left to right"},
    {D_LEGEND, "legend", 0, NULL, "add a legend, with the diff's marks"},
    {D_KEEP_GOING, "keep-going", 'k', NULL, "compare and draw definitions that have lint errors"},
    {D_LENIENT, "lenient", 0, NULL, "duplicate keys are warnings, not errors"},
    {D_HISTORY, "history", 'H', "FILE", "overlay an execution history of NEW (repeatable)"},
    {D_EXIT_CODE, "exit-code", 0, NULL, "exit 1 when the definitions differ"},
    {D_IMAGE_DIR, "image-dir", 0, "DIR",
     "-T md: render each diagram into DIR as SVG and link it (default: a Mermaid chart)"},
    {D_NO_DIAGRAM, "no-diagram", 0, NULL, "-T md: the lists only, no diagram"},
    {D_QUIET, "quiet", 'q', NULL, "errors only"},
    {D_MACHINE, "machine", 'm', "ID", "compare only this state machine of the templates"},
    {D_INPUT_KIND, "input-kind", 0, "KIND",
     "auto (default: from the content), asl, cloudformation, serverless, terraform, "
     "terraform-json, aws-cli"},
    {D_SUBSTITUTE, "substitute", 0, "KEY=VALUE", "fill ${KEY} in the definitions (repeatable)"},
    {D_SUBSTITUTIONS, "substitutions", 0, "FILE", "fill ${KEY}s from a JSON/YAML mapping"},
    {D_GIT, "git", 0, "REV[..REV2]",
     "compare the files changed since REV (in the work tree, or in REV2) with git"},
    {D_HELP, "help", 'h', NULL, "show this help and exit"},
    {0, NULL, 0, NULL, NULL},
};

enum { OUT_DIAGRAM, OUT_JSON, OUT_MD };

typedef struct diff_args {
    cli_config cfg;
    cli_input input;
    const char **paths; /* OLD NEW, or with --git the PATHs */
    size_t n_paths;
    int report; /* OUT_* */
    int exit_code, help, no_diagram;
    const char *image_dir;
    size_t chart_chars; /* -T md: the Mermaid text inlined so far, against the comment's limit */
    const char *git;    /* --git REV[..REV2], or NULL */
} diff_args;

static void print_help(void)
{
    (void)fputs("usage: asl-dot diff [OPTION]... OLD NEW\n"
                "       asl-dot diff --git REV[..REV2] [OPTION]... [PATH]...\n"
                "\n"
                "Compares two versions of a definition or template ('-' reads one of them from\n"
                "stdin) and draws NEW with what changed: added, changed and renamed states are\n"
                "marked, removed ones come back as dashed ghosts. -T json and -T md write a\n"
                "summary. Templates' machines are paired by id; those in only one are reported\n"
                "as added or removed. --git compares every definition and template under PATH\n"
                "that changed since REV (in the work tree, or in REV2), one section each, in\n"
                "-T md (the default) or -T json.\n"
                "\n"
                "options:\n",
                stdout);
    cli_options_help(stdout, diff_options);
    (void)fputs("\n"
                "exit codes: 0 done (changes or not; 1 with --exit-code when they differ),\n"
                "1 invalid input, 2 usage error (--git: not a repository, no such revision),\n"
                "3 input/output error (--git: git cannot run), 4 render failure.\n",
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
    case D_NO_DIAGRAM:
        a->no_diagram = 1;
        break;
    case D_QUIET:
        cfg->quiet = 1;
        break;
    case D_MACHINE:
    case D_INPUT_KIND:
    case D_SUBSTITUTE:
    case D_SUBSTITUTIONS:
        return cli_input_option(&a->input, opt->long_name, v);
    case D_GIT:
        a->git = v;
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

/* --image-dir and --no-diagram say how -T md shows the diagram. */
static int md_options_check(const diff_args *a)
{
    if (a->image_dir != NULL && a->report != OUT_MD)
        return cli_usage_error("--image-dir goes with -T md");
    if (a->no_diagram && a->report != OUT_MD)
        return cli_usage_error("--no-diagram goes with -T md");
    if (a->no_diagram && a->image_dir != NULL)
        return cli_usage_error("--no-diagram and --image-dir cannot go together");
    return CLI_EXIT_OK;
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
            a->paths[a->n_paths++] = value;
            continue;
        }
        if ((rc = apply_option(a, opt, value)) != CLI_EXIT_OK)
            return rc;
    }
    if (a->help)
        return CLI_EXIT_OK;
    if (a->git != NULL) {
        if (!a->cfg.format_set && (rc = format_from_output(a)) != CLI_EXIT_OK)
            return rc;
        if (!a->cfg.format_set)
            a->report = OUT_MD;
        if (a->report == OUT_DIAGRAM)
            return cli_usage_error("--git writes a report: -T md or -T json");
        return md_options_check(a);
    }
    if (a->n_paths != 2)
        return cli_usage_error("diff takes two definitions: OLD NEW");
    if (strcmp(a->paths[0], "-") == 0 && strcmp(a->paths[1], "-") == 0)
        return cli_usage_error("only one of OLD and NEW can be standard input ('-')");
    if ((rc = format_from_output(a)) != CLI_EXIT_OK)
        return rc;
    return md_options_check(a);
}

/* One version of a file: where it came from and the machines it holds. */
typedef struct side {
    const char *label;       /* the name in messages: a path, "-", or "REV:path" */
    const char *name;        /* the name in reports and images: the path, "-" */
    const char *ref_path;    /* the file relative references are read beside, or NULL */
    const char *format_name; /* the name whose extension says JSON or YAML */
    int present;             /* --git: the file exists on this side */
    char *data;
    size_t len;
    asldot_status st; /* of asldot_source_parse */
    asldot_source *src;
    asldot_diagnostics *d; /* what parsing said, printed once it is known to matter */
} side;

/* A machine of OLD and one of NEW, and how they differ. */
typedef struct pair {
    size_t old_i, new_i;
    asldot_diff *diff;
} pair;

/* What one file gives: the compared pairs and the machines only one side holds (indexes into
 * OLD's and NEW's source). */
typedef struct file_diff {
    side sides[2];
    pair *pairs;
    size_t n_pairs;
    size_t *added, *removed;
    size_t n_added, n_removed;
} file_diff;

static void file_diff_free(file_diff *fd)
{
    for (size_t i = 0; i < fd->n_pairs; i++)
        asldot_diff_free(fd->pairs[i].diff);
    for (int i = 0; i < 2; i++) {
        asldot_source_free(fd->sides[i].src);
        asldot_diagnostics_free(fd->sides[i].d);
        free(fd->sides[i].data);
    }
    free(fd->pairs);
    free(fd->added);
    free(fd->removed);
    memset(fd, 0, sizeof *fd);
}

static void machine_options(const diff_args *a, const side *sd, asldot_options *o)
{
    asldot_options_init(o);
    if (a->cfg.lenient)
        o->flags |= ASLDOT_OPT_LENIENT;
    o->input_format = cli_input_format(sd->format_name);
    o->max_input_bytes = a->cfg.max_bytes;
}

/* Only "no state machine in this file": a template whose machines are all gone holds none. */
static int only_no_machine(const asldot_diagnostics *d)
{
    size_t n = asldot_diagnostics_count(d), errors = 0;
    for (size_t i = 0; i < n; i++) {
        const asldot_diagnostic *g = asldot_diagnostics_get(d, i);
        if (g->severity != ASLDOT_SEV_ERROR)
            continue;
        if (strcmp(g->code, "no-state-machine") != 0)
            return 0;
        errors++;
    }
    return errors > 0;
}

/* Finds the machines of sd's bytes, keeping the diagnostics in sd->d. Returns an exit code. */
static int parse_side(const diff_args *a, side *sd)
{
    asldot_source_options so;
    asldot_options o;
    if (!sd->present)
        return CLI_EXIT_OK;
    if (asldot_diagnostics_new(&sd->d) != ASLDOT_OK) {
        cli_error("out of memory");
        return CLI_EXIT_IO;
    }
    machine_options(a, sd, &o);
    asldot_source_options_init(&so);
    so.kind = a->input.kind;
    so.path = sd->ref_path;
    so.substitutions = a->input.subs;
    so.substitution_count = a->input.n_subs;
    so.substitution_map = a->input.map;
    so.substitution_map_len = a->input.map_len;
    sd->st = asldot_source_parse(&sd->src, sd->data, sd->len, &so, &o, sd->d);
    /* --keep-going: a machine with errors is still compared; one that cannot be built fails
     * when it is loaded */
    if (sd->st == ASLDOT_OK || (sd->src != NULL && (a->cfg.keep_going || only_no_machine(sd->d))))
        return CLI_EXIT_OK;
    return sd->src != NULL ? CLI_EXIT_INVALID : cli_exit_for_input_status(sd->st);
}

/* Prints what parsing sd said: always on failure, else unless the render path prints it again
 * (reprinted) or the file holds no machine at all. */
static void print_parse(const diff_args *a, const side *sd, int rc, int reprinted)
{
    if (sd->d == NULL || (rc == CLI_EXIT_OK && (reprinted || only_no_machine(sd->d))))
        return;
    cli_print_diagnostics(sd->d, sd->label, a->cfg.quiet && rc == CLI_EXIT_OK);
    if (rc != CLI_EXIT_OK && asldot_diagnostics_count(sd->d) == 0)
        cli_error("%s: %s", cli_display_name(sd->label), asldot_status_string(sd->st));
}

/* --git: does this side hold a definition or template? Any JSON or YAML reads as a bare
 * definition, so a bare one must at least have a StartAt or a state. */
static int holds_machine(const diff_args *a, const side *sd)
{
    asldot_machine *m = NULL;
    asldot_options o;
    int yes;
    asldot_status st;
    if (asldot_source_count(sd->src) == 0)
        return 0;
    if (asldot_source_get_kind(sd->src) != ASLDOT_SOURCE_ASL)
        return 1;
    machine_options(a, sd, &o);
    st = asldot_source_load(&m, sd->src, 0, &o, NULL);
    (void)st; /* an invalid machine may still be built (a duplicate key): m decides */
    yes = m != NULL && (asldot_machine_start_at(m) != NULL || asldot_machine_state_count(m) > 0);
    asldot_machine_free(m);
    return yes;
}

static int has_id(const asldot_source *src, const char *id, size_t *index)
{
    return src != NULL && asldot_source_find(src, id, index) == ASLDOT_OK;
}

/* Pairs the machines by id: the one --machine names; else the only one of each; else all that
 * both hold, the others added or removed. Returns an exit code. */
static int pair_machines(const diff_args *a, file_diff *fd)
{
    const asldot_source *os = fd->sides[0].src, *ns = fd->sides[1].src;
    size_t no = asldot_source_count(os), nn = asldot_source_count(ns), oi = 0, ni = 0;
    const char *want = a->input.machine;

    fd->pairs = calloc(no + nn + 1, sizeof *fd->pairs);
    fd->added = calloc(nn + 1, sizeof *fd->added);
    fd->removed = calloc(no + 1, sizeof *fd->removed);
    if (fd->pairs == NULL || fd->added == NULL || fd->removed == NULL) {
        cli_error("out of memory");
        return CLI_EXIT_IO;
    }
    if (want != NULL) {
        int in_old = has_id(os, want, &oi), in_new = has_id(ns, want, &ni);
        if (a->git == NULL && !(in_old && in_new)) {
            size_t first, count; /* says which file lacks it and what it holds */
            return cli_source_pick(in_old ? ns : os, fd->sides[in_old].label, want, 0, &first,
                                   &count);
        }
        if (in_old && in_new)
            fd->pairs[fd->n_pairs++] = (pair){oi, ni, NULL};
        else if (in_new)
            fd->added[fd->n_added++] = ni;
        else if (in_old)
            fd->removed[fd->n_removed++] = oi;
        return CLI_EXIT_OK;
    }
    if (no == 1 && nn == 1) {
        fd->pairs[fd->n_pairs++] = (pair){0, 0, NULL};
        return CLI_EXIT_OK;
    }
    for (ni = 0; ni < nn; ni++) {
        if (has_id(os, asldot_source_get(ns, ni)->id, &oi))
            fd->pairs[fd->n_pairs++] = (pair){oi, ni, NULL};
        else
            fd->added[fd->n_added++] = ni;
    }
    for (oi = 0; oi < no; oi++)
        if (!has_id(ns, asldot_source_get(os, oi)->id, &ni))
            fd->removed[fd->n_removed++] = oi;
    return CLI_EXIT_OK;
}

/* Builds machine i of sd and lints it. Diagnostics are printed unless the diagram's render path
 * will print them again (reprinted, when it loaded). Returns an exit code. */
static int load_machine(const diff_args *a, const side *sd, size_t i, int reprinted,
                        asldot_machine **m)
{
    const asldot_source_machine *info = asldot_source_get(sd->src, i);
    const char *file = strcmp(info->file, "-") != 0 ? info->file : sd->label;
    asldot_diagnostics *d = NULL;
    asldot_options o;
    asldot_status st;
    int rc = CLI_EXIT_OK;

    if (asldot_diagnostics_new(&d) != ASLDOT_OK) {
        cli_error("out of memory");
        return CLI_EXIT_IO;
    }
    machine_options(a, sd, &o);
    st = asldot_source_load(m, sd->src, i, &o, d);
    if (*m == NULL) { /* ERR_INVALID with a machine: its errors are in d, judged below */
        rc = st == ASLDOT_OK ? CLI_EXIT_INVALID : cli_exit_for_input_status(st);
        if (asldot_diagnostics_count(d) == 0)
            cli_error("%s: %s", cli_display_name(file), asldot_status_string(st));
    } else {
        st = asldot_diagnostics_set_machine(d, strcmp(info->kind, "asl") ? info->id : NULL);
        if (st == ASLDOT_OK)
            st = asldot_machine_validate(*m, &o, d);
        if (st != ASLDOT_OK && st != ASLDOT_ERR_INVALID) {
            rc = cli_exit_for_status(st);
            cli_error("%s: validation failed: %s", cli_display_name(file),
                      asldot_status_string(st));
        } else if (asldot_diagnostics_error_count(d) > 0 && !a->cfg.keep_going &&
                   a->cfg.n_histories == 0) {
            rc = CLI_EXIT_INVALID;
        }
    }
    if (rc != CLI_EXIT_OK || !reprinted)
        cli_print_diagnostics(d, file, a->cfg.quiet && rc == CLI_EXIT_OK);
    asldot_diagnostics_free(d);
    return rc;
}

/* Compares every pair. A pair with a machine whose definition is not in the files is skipped
 * (an error when it is the only one asked for). Returns an exit code. */
static int compare_pairs(const diff_args *a, file_diff *fd, int reprinted)
{
    const char *name = cli_display_name(fd->sides[1].label);
    int rc = CLI_EXIT_OK, alone = fd->n_pairs == 1 && fd->n_added + fd->n_removed == 0;
    size_t kept = 0;

    for (size_t k = 0; k < fd->n_pairs; k++) {
        pair p = fd->pairs[k];
        const asldot_source_machine *om = asldot_source_get(fd->sides[0].src, p.old_i);
        const asldot_source_machine *nm = asldot_source_get(fd->sides[1].src, p.new_i);
        const char *why = om->unresolved != NULL ? om->unresolved : nm->unresolved;
        asldot_machine *mo = NULL, *mn = NULL;
        asldot_diagnostics *d = NULL;
        asldot_status st;
        int r;
        if (why != NULL) {
            if (alone && a->git == NULL) {
                cli_error("%s: cannot compare state machine '%s': %s", name, nm->id, why);
                rc = cli_worst_exit(rc, CLI_EXIT_INVALID);
            } else if (!a->cfg.quiet) {
                cli_error("%s: skipping state machine '%s': %s", name, nm->id, why);
            }
            continue;
        }
        r = load_machine(a, &fd->sides[0], p.old_i, 0, &mo);
        r = cli_worst_exit(r, load_machine(a, &fd->sides[1], p.new_i, reprinted, &mn));
        if (r == CLI_EXIT_OK && asldot_diagnostics_new(&d) != ASLDOT_OK)
            r = CLI_EXIT_IO;
        if (r == CLI_EXIT_OK && (st = asldot_diff_new(&p.diff, mo, mn, d)) != ASLDOT_OK) {
            cli_error("cannot compare '%s' and '%s': %s", cli_display_name(fd->sides[0].label),
                      name, asldot_status_string(st));
            r = cli_exit_for_status(st);
        }
        asldot_diagnostics_free(d);
        asldot_machine_free(mo);
        asldot_machine_free(mn);
        rc = cli_worst_exit(rc, r);
        if (p.diff != NULL)
            fd->pairs[kept++] = p;
    }
    fd->n_pairs = kept;
    return rc;
}

static int file_has_changes(const file_diff *fd)
{
    for (size_t i = 0; i < fd->n_pairs; i++)
        if (asldot_diff_has_changes(fd->pairs[i].diff))
            return 1;
    return fd->n_added + fd->n_removed > 0;
}

/* The id a report shows: a bare definition's "-" is its file's name in Markdown. */
static const char *shown_id(const diff_args *a, const side *sd, size_t i)
{
    const char *id = asldot_source_get(sd->src, i)->id;
    return a->report == OUT_MD && strcmp(id, "-") == 0 ? cli_display_name(sd->name) : id;
}

/* --image-dir: DIR/NAME[.ID].diff.svg, NAME being the file's name without .asl/.json/.yaml/.yml
 * (with --git its path, '/' made '_'), ID the machine's when it has one. */
static char *image_path(const char *dir, const char *input, int whole_path, const char *id)
{
    static const char *const exts[] = {".json", ".yaml", ".yml", ".asl", ".template", ".tf"};
    const char *slash = strrchr(input, '/');
    const char *base = strcmp(input, "-") == 0 ? "stdin" : slash && !whole_path ? slash + 1 : input;
    size_t n = strlen(base), dl = strlen(dir), size;
    char *out, *p;
    if (strcmp(id, "-") == 0)
        id = "";
    for (size_t i = 0; i < sizeof exts / sizeof *exts; i++) {
        size_t m = strlen(exts[i]);
        if (n > m && strncasecmp(base + n - m, exts[i], m) == 0)
            n -= m;
    }
    size = dl + n + strlen(id) + 16;
    out = malloc(size);
    if (out == NULL)
        return NULL;
    (void)snprintf(out, size, "%s%s%.*s%s%s.diff.svg", dir, dl && dir[dl - 1] == '/' ? "" : "/",
                   (int)n, base, *id ? "." : "", id);
    /* neither a path nor an id makes a folder: one flat file per diagram */
    for (p = out + dl + 1; *p; p++)
        if (*p == '/' || *p == '\\' || (unsigned char)*p < 0x20)
            *p = '_';
    return out;
}

/* Renders pair p's NEW, marked, to output. Returns an exit code. */
static int render_pair(diff_args *a, cli_session *s, const file_diff *fd, const pair *p,
                       const char *output)
{
    const side *nw = &fd->sides[1];
    cli_input one = a->input;
    int rc;
    one.machine = asldot_source_get(nw->src, p->new_i)->id;
    a->cfg.input = &one;
    s->diff = p->diff;
    rc = cli_render_data(s, nw->ref_path != NULL ? nw->ref_path : nw->label, nw->data, nw->len,
                         output);
    s->diff = NULL;
    a->cfg.input = &a->input;
    return rc;
}

/* The transitions of a Mermaid chart: its lines with an arrow ('>' is escaped in labels). */
static size_t mermaid_edges(const char *text)
{
    size_t n = 0;
    for (const char *line = text; line != NULL && *line;) {
        const char *nl = strchr(line, '\n');
        size_t len = nl ? (size_t)(nl - line) : strlen(line);
        const char *arrow = memchr(line, '>', len);
        if (arrow != NULL && arrow > line && arrow[-1] == '-' && strncmp(line, "%%", 2) != 0)
            n++;
        line = nl ? nl + 1 : NULL;
    }
    return n;
}

/* The folder of the report file, where an oversized chart's image goes; NULL on stdout. */
static char *report_dir(const char *output)
{
    const char *slash;
    char *dir;
    if (output == NULL || strcmp(output, "-") == 0)
        return NULL;
    slash = strrchr(output, '/');
    if (slash == NULL)
        return strdup(".");
    dir = strndup(output, slash == output ? 1 : (size_t)(slash - output));
    return dir;
}

/* -T md's diagram of pair p: a Mermaid chart when GitHub and GitLab would draw it (Mermaid's
 * limits, and the comment's as a whole); above them an SVG beside the report file, linked, and
 * a line that says why. *chart, *image and *note are new strings or NULL. Returns an exit code. */
static int md_diagram(diff_args *a, cli_session *s, const file_diff *fd, const pair *p,
                      char **chart, char **image, char **note)
{
    const size_t budget = ASLDOT_MD_COMMENT_MAX - 8192; /* the lists get the rest */
    const char *id = asldot_source_get(fd->sides[1].src, p->new_i)->id;
    asldot_format format = a->cfg.format;
    int quiet = a->cfg.quiet, rc;
    size_t len, edges;
    char why[256], *dir;

    a->cfg.format = ASLDOT_FORMAT_MERMAID;
    a->cfg.quiet = 1; /* NEW's warnings were printed when it was compared */
    s->capture = 1;
    rc = render_pair(a, s, fd, p, NULL);
    s->capture = 0;
    a->cfg.format = format;
    *chart = s->captured;
    len = s->captured_len;
    s->captured = NULL;
    if (rc != CLI_EXIT_OK || *chart == NULL) {
        a->cfg.quiet = quiet;
        return rc; /* a chart is always written: render_pair said why it is missing */
    }
    edges = mermaid_edges(*chart);
    if (len <= ASLDOT_MERMAID_MAX_TEXT && edges <= ASLDOT_MERMAID_MAX_EDGES &&
        a->chart_chars + len <= budget) {
        a->chart_chars += len;
        a->cfg.quiet = quiet;
        return CLI_EXIT_OK;
    }
    free(*chart);
    *chart = NULL;
    if (len > ASLDOT_MERMAID_MAX_TEXT || edges > ASLDOT_MERMAID_MAX_EDGES)
        (void)snprintf(why, sizeof why,
                       "The diagram is too large for an inline Mermaid chart (%zu characters, %zu "
                       "transitions; GitHub and GitLab draw up to %u and %u)",
                       len, edges, ASLDOT_MERMAID_MAX_TEXT, ASLDOT_MERMAID_MAX_EDGES);
    else
        (void)snprintf(why, sizeof why,
                       "The diagram would take this comment past GitHub's %u characters as an "
                       "inline Mermaid chart",
                       ASLDOT_MD_COMMENT_MAX);
    dir = report_dir(a->cfg.output);
    if (dir != NULL) {
        char *path = image_path(dir, fd->sides[1].name, a->git != NULL, id);
        free(dir);
        if (path == NULL) {
            a->cfg.quiet = quiet;
            cli_error("out of memory");
            return CLI_EXIT_IO;
        }
        rc = render_pair(a, s, fd, p, path);
        /* the link is relative to the report, which is in the same folder */
        *image = strdup(strrchr(path, '/') ? strrchr(path, '/') + 1 : path);
        free(path);
        if (rc == CLI_EXIT_OK && *image == NULL)
            rc = CLI_EXIT_IO;
    }
    a->cfg.quiet = quiet;
    if (rc != CLI_EXIT_OK)
        return rc;
    *note = malloc(strlen(why) + 80);
    if (*note == NULL) {
        cli_error("out of memory");
        return CLI_EXIT_IO;
    }
    (void)sprintf(*note, "%s: %s.", why,
                  *image != NULL ? "it is linked as an image"
                                 : "write the report with -o FILE or --image-dir DIR for an image");
    return CLI_EXIT_OK;
}

/* Writes s as a Markdown code span: a fence longer than any run of backticks in it, and control
 * characters as \n-style escapes, so that it can neither end early nor break the line. */
static void put_md_code(FILE *f, const char *s)
{
    size_t run = 0, longest = 0, n = strlen(s);
    /* CommonMark strips one space on each side when both have one: pad what needs it */
    int pad = n > 0 && (s[0] == '`' || s[n - 1] == '`' || (s[0] == ' ' && s[n - 1] == ' '));
    for (const char *c = s; *c; c++) {
        run = *c == '`' ? run + 1 : 0;
        longest = run > longest ? run : longest;
    }
    for (size_t i = 0; i <= longest; i++)
        (void)fputc('`', f);
    (void)fputs(pad ? " " : "", f);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '\n')
            (void)fputs("\\n", f);
        else if (c == '\r')
            (void)fputs("\\r", f);
        else if (c == '\t')
            (void)fputs("\\t", f);
        else if (c < 0x20 || c == 0x7f)
            (void)fprintf(f, "\\x%02x", c);
        else
            (void)fputc(c, f);
    }
    (void)fputs(pad ? " " : "", f);
    for (size_t i = 0; i <= longest; i++)
        (void)fputc('`', f);
}

/* One file's report: "machines" from the library, then the machines added and removed. In
 * JSON the members of an object (without braces), in Markdown its lines. Renders the images
 * of --image-dir on the way. Returns an exit code. */
static int write_file(diff_args *a, cli_session *s, const file_diff *fd, FILE *f)
{
    static const char md_head[] = "### asl-dot diff\n\n";
    static const char *const what[2] = {"added", "removed"};
    const side *sd[2] = {&fd->sides[1], &fd->sides[0]}; /* where the added, the removed are */
    const size_t *lists[2] = {fd->added, fd->removed};
    const size_t counts[2] = {fd->n_added, fd->n_removed};
    asldot_diff_item *items = calloc(fd->n_pairs + 1, sizeof *items);
    char **images = calloc(fd->n_pairs + 1, sizeof *images);
    char **charts = calloc(fd->n_pairs + 1, sizeof *charts);
    char **notes = calloc(fd->n_pairs + 1, sizeof *notes);
    char *out = NULL;
    size_t len = 0;
    asldot_status st;
    int rc = CLI_EXIT_OK, md = a->report == OUT_MD;

    if (items == NULL || images == NULL || charts == NULL || notes == NULL) {
        cli_error("out of memory");
        rc = CLI_EXIT_IO;
        goto done;
    }
    for (size_t i = 0; i < fd->n_pairs && rc == CLI_EXIT_OK; i++) {
        items[i].id = shown_id(a, sd[0], fd->pairs[i].new_i);
        items[i].diff = fd->pairs[i].diff;
        if (!md || a->no_diagram)
            continue;
        if (a->image_dir == NULL) {
            rc = md_diagram(a, s, fd, &fd->pairs[i], &charts[i], &images[i], &notes[i]);
            items[i].mermaid = charts[i];
            items[i].image = images[i];
            items[i].note = notes[i];
            continue;
        }
        images[i] = image_path(a->image_dir, sd[0]->name, a->git != NULL,
                               asldot_source_get(sd[0]->src, fd->pairs[i].new_i)->id);
        if (images[i] == NULL) {
            cli_error("out of memory");
            rc = CLI_EXIT_IO;
        } else {
            rc = render_pair(a, s, fd, &fd->pairs[i], images[i]);
            items[i].image = images[i];
        }
    }
    if (rc != CLI_EXIT_OK)
        goto done;
    st = asldot_diff_write(&out, &len, items, fd->n_pairs,
                           md ? ASLDOT_DIFF_MARKDOWN : ASLDOT_DIFF_JSON);
    if (st != ASLDOT_OK ||
        (md && (len < sizeof md_head - 1 || memcmp(out, md_head, sizeof md_head - 1) != 0)) ||
        (!md && (len < 3 || out[0] != '{' || memcmp(out + len - 2, "}\n", 2) != 0))) {
        cli_error("cannot write the diff: %s", asldot_status_string(st));
        rc = CLI_EXIT_IO;
        goto done;
    }
    if (md) /* the library's heading is written once, above every file */
        (void)fwrite(out + sizeof md_head - 1, 1, len - (sizeof md_head - 1), f);
    else
        (void)fwrite(out + 1, 1, len - 3, f);
    for (int k = 0, blank = fd->n_pairs > 0; k < 2; k++) {
        if (md && counts[k] == 0)
            continue;
        if (md)
            (void)fprintf(f, "%s- **State machines %s:** ", blank ? "\n" : "", what[k]);
        else
            (void)fprintf(f, ", \"machines_%s\": [", what[k]);
        blank = 0;
        for (size_t i = 0; i < counts[k]; i++) {
            (void)fputs(i ? ", " : "", f);
            if (md)
                put_md_code(f, shown_id(a, sd[k], lists[k][i]));
            else
                cli_put_json_string(f, asldot_source_get(sd[k]->src, lists[k][i])->id);
        }
        (void)fputs(md ? "\n" : "]", f);
    }
done:
    for (size_t i = 0; images != NULL && charts != NULL && notes != NULL && i < fd->n_pairs; i++) {
        free(images[i]);
        free(charts[i]);
        free(notes[i]);
    }
    free(images);
    free(charts);
    free(notes);
    free(items);
    asldot_buffer_free(out);
    return rc;
}

/* Reads one file of OLD NEW. Returns an exit code. */
static int read_side(const diff_args *a, side *sd)
{
    const char *name = cli_display_name(sd->label);
    int e = cli_read_file(sd->label, a->cfg.max_bytes + 1, &sd->data, &sd->len);
    if (e != 0) {
        cli_error("cannot read '%s': %s", name, strerror(e));
        return CLI_EXIT_IO;
    }
    if (sd->len > a->cfg.max_bytes) {
        cli_write_too_large(stderr, name, a->cfg.max_bytes, ASLDOT_DIAG_TEXT, NULL);
        return CLI_EXIT_INVALID;
    }
    return CLI_EXIT_OK;
}

/* A picture shows one pair: several machines need --machine. Prints their ids. */
static int too_many_machines(const file_diff *fd)
{
    const asldot_source *os = fd->sides[0].src, *ns = fd->sides[1].src;
    size_t dummy, n = 0;
    cli_error("a diagram shows one state machine, and these files hold several: choose one "
              "with --machine ID, or write a report with -T json or -T md");
    (void)fputs("asl-dot: they are", stderr);
    for (size_t i = 0; i < asldot_source_count(ns); i++, n++)
        (void)fprintf(stderr, "%s %s", n ? "," : "", asldot_source_get(ns, i)->id);
    for (size_t i = 0; i < asldot_source_count(os); i++)
        if (!has_id(ns, asldot_source_get(os, i)->id, &dummy))
            (void)fprintf(stderr, "%s %s", n++ ? "," : "", asldot_source_get(os, i)->id);
    (void)fputc('\n', stderr);
    return CLI_EXIT_USAGE;
}

/* Collects a report in memory, then writes it all at once: nothing is written on failure. */
typedef struct report {
    char *buf;
    size_t len;
    FILE *f;
} report;

static int report_open(report *r)
{
    memset(r, 0, sizeof *r);
    r->f = open_memstream(&r->buf, &r->len);
    if (r->f == NULL) {
        cli_error("out of memory");
        return CLI_EXIT_IO;
    }
    return CLI_EXIT_OK;
}

/* Closes r and, when rc is still 0, writes it to -o. Returns an exit code. */
static int report_close(report *r, cli_session *s, const char *output, int rc)
{
    if (r->f != NULL && fclose(r->f) != 0 && rc == CLI_EXIT_OK) {
        cli_error("out of memory");
        rc = CLI_EXIT_IO;
    }
    if (rc == CLI_EXIT_OK)
        rc = cli_write_output(s, output, r->buf, r->len);
    free(r->buf);
    memset(r, 0, sizeof *r);
    return rc;
}

static int run_files(diff_args *a)
{
    file_diff fd;
    cli_session s;
    report r;
    int rc = CLI_EXIT_OK, drawing = a->report == OUT_DIAGRAM || a->image_dir != NULL;

    memset(&fd, 0, sizeof fd);
    memset(&s, 0, sizeof s);
    memset(&r, 0, sizeof r);
    for (int i = 0; i < 2; i++) {
        side *sd = &fd.sides[i];
        sd->label = sd->name = sd->format_name = a->paths[i];
        sd->ref_path = strcmp(a->paths[i], "-") != 0 ? a->paths[i] : NULL;
        sd->present = 1;
        rc = cli_worst_exit(rc, read_side(a, sd));
    }
    for (int i = 0; i < 2 && rc == CLI_EXIT_OK; i++) {
        int r1 = parse_side(a, &fd.sides[i]);
        print_parse(a, &fd.sides[i], r1, i == 1 && drawing);
        rc = cli_worst_exit(rc, r1);
    }
    if (rc == CLI_EXIT_OK && asldot_source_count(fd.sides[0].src) == 0 &&
        asldot_source_count(fd.sides[1].src) == 0) {
        for (int i = 0; i < 2; i++) /* what print_parse kept back: there is nothing to compare */
            cli_print_diagnostics(fd.sides[i].d, fd.sides[i].label, 0);
        rc = CLI_EXIT_INVALID;
    }
    if (rc != CLI_EXIT_OK)
        goto done;
    if (a->report == OUT_DIAGRAM && a->input.machine == NULL &&
        (asldot_source_count(fd.sides[0].src) > 1 || asldot_source_count(fd.sides[1].src) > 1)) {
        rc = too_many_machines(&fd);
        goto done;
    }
    if ((rc = pair_machines(a, &fd)) != CLI_EXIT_OK)
        goto done;
    if ((rc = compare_pairs(a, &fd, drawing)) != CLI_EXIT_OK)
        goto done;
    /* the diagram of a report is an SVG; the session reads the format from the config */
    if (a->report != OUT_DIAGRAM)
        a->cfg.format = ASLDOT_FORMAT_SVG;
    rc = cli_session_open(&s, &a->cfg);
    if (rc == CLI_EXIT_OK && a->report == OUT_DIAGRAM) {
        if (fd.n_pairs == 1) {
            rc = render_pair(a, &s, &fd, &fd.pairs[0], a->cfg.output);
        } else {
            cli_error("no state machine in both '%s' and '%s'", cli_display_name(fd.sides[0].label),
                      cli_display_name(fd.sides[1].label));
            rc = CLI_EXIT_INVALID;
        }
    } else if (rc == CLI_EXIT_OK && (rc = report_open(&r)) == CLI_EXIT_OK) {
        (void)fputs(a->report == OUT_MD ? "### asl-dot diff\n\n" : "{", r.f);
        rc = write_file(a, &s, &fd, r.f);
        (void)fputs(a->report == OUT_MD ? "" : "}\n", r.f);
        rc = report_close(&r, &s, a->cfg.output, rc);
    }
    cli_session_close(&s);
    if (rc == CLI_EXIT_OK && a->exit_code && file_has_changes(&fd))
        rc = 1;
done:
    file_diff_free(&fd);
    return rc;
}

/* ---------------------------------------------------------------- --git */

/* "REV:path" for a message about a version held by git. */
static char *rev_label(const char *rev, size_t rev_len, const char *path)
{
    size_t n = rev_len + strlen(path) + 2;
    char *s = malloc(n);
    if (s != NULL)
        (void)snprintf(s, n, "%.*s:%s", (int)rev_len, rev, path);
    return s;
}

/* Reads both versions of one changed file. Returns an exit code. */
static int read_git_sides(const diff_args *a, const cli_git_change *c, const char *cdup,
                          file_diff *fd, char **labels)
{
    const char *range = a->git, *dots = strstr(range, "..");
    const char *rev2 = dots ? dots + (dots[2] == '.' ? 3 : 2) : NULL;
    size_t len1 = dots ? (size_t)(dots - range) : strlen(range);
    size_t cap = a->cfg.max_bytes + 1;
    side *old = &fd->sides[0], *nw = &fd->sides[1];
    int rc = CLI_EXIT_OK;

    /* "A.." and "..B" leave HEAD out, as git does */
    labels[0] = len1 ? rev_label(range, len1, c->path) : rev_label("HEAD", 4, c->path);
    if (rev2 == NULL) {
        size_t n = strlen(cdup) + strlen(c->path) + 1;
        labels[1] = malloc(n);
        if (labels[1] != NULL)
            (void)snprintf(labels[1], n, "%s%s", cdup, c->path);
    } else {
        labels[1] = *rev2 ? rev_label(rev2, strlen(rev2), c->path) : rev_label("HEAD", 4, c->path);
    }
    if (labels[0] == NULL || labels[1] == NULL) {
        cli_error("out of memory");
        return CLI_EXIT_IO;
    }
    old->label = labels[0];
    nw->label = c->new_worktree ? c->path : labels[1];
    old->format_name = nw->format_name = old->name = nw->name = c->path;
    old->present = c->old_present;
    nw->present = c->new_present;
    /* a committed version is read from nothing but its blob: what it references is not known */
    nw->ref_path = c->new_worktree ? labels[1] : NULL;
    if (old->present)
        rc = cli_git_blob(c->old_blob, cap, &old->data, &old->len);
    if (rc == CLI_EXIT_OK && nw->present && !c->new_worktree)
        rc = cli_git_blob(c->new_blob, cap, &nw->data, &nw->len);
    if (rc == CLI_EXIT_OK && c->new_worktree) {
        int e = cli_read_file(nw->ref_path, cap, &nw->data, &nw->len);
        if (e != 0) {
            cli_error("cannot read '%s': %s", nw->ref_path, strerror(e));
            rc = CLI_EXIT_IO;
        }
    }
    return rc;
}

/* One changed file into the report, unless it holds no machine on either side. Sets *changed
 * when it differs. Returns an exit code. */
static int git_file(diff_args *a, cli_session *s, const cli_git_change *c, const char *cdup,
                    report *r, size_t *sections, int *changed)
{
    file_diff fd;
    char *labels[2] = {NULL, NULL};
    int rc, prc[2] = {CLI_EXIT_OK, CLI_EXIT_OK};

    memset(&fd, 0, sizeof fd);
    rc = read_git_sides(a, c, cdup, &fd, labels);
    if (rc != CLI_EXIT_OK)
        goto done;
    if (fd.sides[0].len > a->cfg.max_bytes || fd.sides[1].len > a->cfg.max_bytes) {
        if (!a->cfg.quiet)
            cli_error("%s: skipped: larger than %zu bytes (--max-bytes)", c->path,
                      a->cfg.max_bytes);
        goto done;
    }
    for (int i = 0; i < 2; i++)
        prc[i] = parse_side(a, &fd.sides[i]);
    /* not a definition or template on either side: not this command's business */
    if (!holds_machine(a, &fd.sides[0]) && !holds_machine(a, &fd.sides[1]))
        goto done;
    for (int i = 0; i < 2; i++) {
        print_parse(a, &fd.sides[i], prc[i], 0);
        rc = cli_worst_exit(rc, prc[i]);
    }
    if (rc == CLI_EXIT_OK)
        rc = pair_machines(a, &fd);
    if (rc == CLI_EXIT_OK)
        rc = compare_pairs(a, &fd, 0);
    if (rc != CLI_EXIT_OK || fd.n_pairs + fd.n_added + fd.n_removed == 0)
        goto done;
    *changed |= file_has_changes(&fd);
    if (a->report == OUT_MD) {
        (void)fputs(*sections ? "\n#### " : "#### ", r->f);
        put_md_code(r->f, c->path);
        (void)fputs(!c->old_present   ? " (new file)\n\n"
                    : !c->new_present ? " (deleted)\n\n"
                                      : "\n\n",
                    r->f);
    } else {
        (void)fputs(*sections ? ",\n  {\"path\": " : "\n  {\"path\": ", r->f);
        cli_put_json_string(r->f, c->path);
        (void)fprintf(r->f, ", \"status\": \"%s\", ",
                      !c->old_present   ? "added"
                      : !c->new_present ? "deleted"
                                        : "modified");
    }
    rc = write_file(a, s, &fd, r->f);
    if (a->report != OUT_MD)
        (void)fputc('}', r->f);
    (*sections)++;
done:
    file_diff_free(&fd);
    free(labels[0]);
    free(labels[1]);
    return rc;
}

static int run_git(diff_args *a)
{
    cli_git_change *changes = NULL;
    cli_session s;
    report r;
    char *cdup = NULL;
    size_t n = 0, sections = 0;
    int rc, changed = 0;

    memset(&s, 0, sizeof s);
    memset(&r, 0, sizeof r);
    rc = cli_git_changes(a->git, a->paths, a->n_paths, &cdup, &changes, &n);
    if (rc != CLI_EXIT_OK)
        return rc;
    a->cfg.format = ASLDOT_FORMAT_SVG; /* of the images, if any */
    rc = cli_session_open(&s, &a->cfg);
    if (rc == CLI_EXIT_OK)
        rc = report_open(&r);
    if (rc == CLI_EXIT_OK) {
        (void)fputs(a->report == OUT_MD ? "### asl-dot diff\n\n" : "{\"files\": [", r.f);
        /* every file is compared, so that one run reports every problem */
        for (size_t i = 0; i < n; i++)
            rc = cli_worst_exit(rc, git_file(a, &s, &changes[i], cdup, &r, &sections, &changed));
        if (a->report == OUT_MD)
            (void)fputs(sections ? "" : "No definition or template changed.\n", r.f);
        else
            (void)fputs(sections ? "\n]}\n" : "]}\n", r.f);
        rc = report_close(&r, &s, a->cfg.output, rc);
    }
    cli_session_close(&s);
    cli_git_changes_free(cdup, changes, n);
    if (rc == CLI_EXIT_OK && a->exit_code && changed)
        rc = 1;
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
    a.cfg.input = &a.input;
    a.report = OUT_DIAGRAM;
    a.cfg.styles = calloc((size_t)argc + 1, sizeof *a.cfg.styles);
    a.cfg.histories = calloc((size_t)argc + 1, sizeof *a.cfg.histories);
    a.paths = calloc((size_t)argc + 1, sizeof *a.paths);
    rc = cli_input_init(&a.input, argc);
    if (rc == CLI_EXIT_OK && (a.cfg.styles == NULL || a.cfg.histories == NULL || a.paths == NULL)) {
        cli_error("out of memory");
        rc = CLI_EXIT_IO;
    }
    if (rc == CLI_EXIT_OK && (rc = parse_args(&a, argc, argv)) == CLI_EXIT_OK) {
        if (a.help)
            print_help();
        else
            rc = a.git != NULL ? run_git(&a) : run_files(&a);
    }
    cli_input_free(&a.input);
    free((void *)a.paths);
    free((void *)a.cfg.styles);
    free((void *)a.cfg.histories);
    return rc;
}
