/*
 * render.c: one definition to one diagram. read -> parse -> validate -> build -> [overlay]
 * -> [legend] -> style -> render -> write. On any failure nothing is written and the exit code
 * says which stage failed; every diagnostic names the file it concerns.
 */
#include "cli.h"
#include "io.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Histories of long executions are far larger than definitions: a separate, generous cap. */
#define CLI_MAX_HISTORY_BYTES ((size_t)512 * 1024 * 1024)
#define CLI_MAX_STYLE_BYTES   ((size_t)1024 * 1024)

/* A style that is neither built in nor an existing file: say which names exist. */
static int unknown_style(const char *name)
{
    char list[256] = "";
    size_t used = 0;
    for (size_t i = 0; asldot_style_builtin_name(i) != NULL; i++) {
        int n = snprintf(list + used, sizeof list - used, "%s%s", i ? ", " : "",
                         asldot_style_builtin_name(i));
        if (n < 0 || (size_t)n >= sizeof list - used)
            break;
        used += (size_t)n;
    }
    return cli_usage_error("unknown style '%s' (built-in styles: %s; or give a file)", name, list);
}

/* Loads a built-in style or a style file into s->styles[s->n_styles++]. A file that comes first
 * goes on top of light, so that a few rules restyle the default look instead of replacing it. */
static int load_style(cli_session *s, const char *name)
{
    asldot_diagnostics *d = NULL;
    asldot_style **slot = &s->styles[s->n_styles];
    asldot_status st;
    char *data = NULL;
    size_t len = 0;
    int rc = CLI_EXIT_OK, e;

    if (asldot_diagnostics_new(&d) != ASLDOT_OK) {
        cli_error("out of memory");
        return CLI_EXIT_IO;
    }
    st = asldot_style_builtin(slot, name, d);
    if (st == ASLDOT_OK) {
        s->n_styles++;
        goto done;
    }
    if (st != ASLDOT_ERR_UNSUPPORTED) {
        rc = cli_exit_for_status(st);
        cli_error("cannot load style '%s': %s", name, asldot_status_string(st));
        goto done;
    }
    asldot_diagnostics_clear(d);
    e = cli_read_file(name, CLI_MAX_STYLE_BYTES + 1, &data, &len);
    if (e == ENOENT && strchr(name, '/') == NULL && strchr(name, '.') == NULL) {
        rc = unknown_style(name);
        goto done;
    }
    if (e != 0) {
        cli_error("cannot read style '%s': %s", name, strerror(e));
        rc = CLI_EXIT_IO;
        goto done;
    }
    if (len > CLI_MAX_STYLE_BYTES) {
        cli_error("style '%s' is larger than %zu bytes", name, CLI_MAX_STYLE_BYTES);
        rc = CLI_EXIT_INVALID;
        goto done;
    }
    if (s->n_styles == 0) {
        st = asldot_style_builtin(slot, "light", d);
        if (st != ASLDOT_OK) {
            rc = cli_exit_for_status(st);
            cli_error("cannot load style 'light': %s", asldot_status_string(st));
            goto done;
        }
        slot = &s->styles[++s->n_styles];
    }
    st = asldot_style_parse(slot, data, len, d);
    if (st == ASLDOT_OK && *slot != NULL)
        s->n_styles++;
    if (st != ASLDOT_OK || asldot_diagnostics_error_count(d) > 0) {
        rc = st != ASLDOT_OK ? cli_exit_for_input_status(st) : CLI_EXIT_INVALID;
        if (asldot_diagnostics_count(d) == 0)
            cli_error("%s: invalid style: %s", name, asldot_status_string(st));
    }
done:
    cli_print_diagnostics(d, name, s->cfg->quiet);
    asldot_diagnostics_free(d);
    free(data);
    return rc;
}

static int load_histories(cli_session *s)
{
    const cli_config *cfg = s->cfg;
    asldot_options o;
    int rc = CLI_EXIT_OK;
    asldot_status st;

    st = asldot_history_new(&s->history);
    if (st != ASLDOT_OK) {
        cli_error("out of memory");
        return CLI_EXIT_IO;
    }
    asldot_options_init(&o);
    if (cfg->lenient)
        o.flags |= ASLDOT_OPT_LENIENT;
    o.input_format = ASLDOT_INPUT_JSON;
    o.max_input_bytes = CLI_MAX_HISTORY_BYTES;
    for (size_t i = 0; i < cfg->n_histories && rc == CLI_EXIT_OK; i++) {
        const char *path = cfg->histories[i];
        asldot_diagnostics *d = NULL;
        char *data = NULL;
        size_t len = 0;
        int e;
        if (asldot_diagnostics_new(&d) != ASLDOT_OK) {
            cli_error("out of memory");
            return CLI_EXIT_IO;
        }
        e = cli_read_file(path, CLI_MAX_HISTORY_BYTES + 1, &data, &len);
        if (e != 0) {
            cli_error("cannot read history '%s': %s", cli_display_name(path), strerror(e));
            rc = CLI_EXIT_IO;
        } else {
            st = asldot_history_add(s->history, data, len, &o, d);
            if (st != ASLDOT_OK || asldot_diagnostics_error_count(d) > 0) {
                rc = st != ASLDOT_OK ? cli_exit_for_input_status(st) : CLI_EXIT_INVALID;
                if (asldot_diagnostics_count(d) == 0)
                    cli_error("%s: invalid history: %s", cli_display_name(path),
                              asldot_status_string(st));
            }
        }
        cli_print_diagnostics(d, path, cfg->quiet);
        asldot_diagnostics_free(d);
        free(data);
    }
    return rc;
}

int cli_session_open(cli_session *s, const cli_config *cfg)
{
    int rc = CLI_EXIT_OK;
    memset(s, 0, sizeof *s);
    s->cfg = cfg;
    /* one slot per --style, and one for the light base under a file */
    s->styles = calloc(cfg->n_styles + 2, sizeof *s->styles);
    if (s->styles == NULL) {
        cli_error("out of memory");
        return CLI_EXIT_IO;
    }
    if (cfg->n_styles == 0)
        rc = load_style(s, "light");
    for (size_t i = 0; i < cfg->n_styles && rc == CLI_EXIT_OK; i++)
        rc = load_style(s, cfg->styles[i]);
    if (rc == CLI_EXIT_OK && cfg->n_histories > 0)
        rc = load_histories(s);
    return rc;
}

void cli_session_close(cli_session *s)
{
    asldot_renderer_free(s->renderer);
    asldot_history_free(s->history);
    for (size_t i = 0; i < s->n_styles; i++)
        asldot_style_free(s->styles[i]);
    free(s->styles);
    free(s->captured);
    memset(s, 0, sizeof *s);
}

/* The IR dump is written to a FILE: collect it in memory so that output stays all-or-nothing. */
static asldot_status write_ir(const asldot_graph *g, char **out, size_t *len)
{
    char *buf = NULL;
    size_t size = 0;
    asldot_status st;
    FILE *f = open_memstream(&buf, &size);
    if (f == NULL)
        return ASLDOT_ERR_NOMEM;
    st = asldot_graph_write_ir(f, g);
    if (fclose(f) != 0 && st == ASLDOT_OK)
        st = ASLDOT_ERR_NOMEM;
    if (st != ASLDOT_OK) {
        free(buf);
        return st;
    }
    *out = buf;
    *len = size;
    return ASLDOT_OK;
}

/* --check: is the file on disk what would be written? */
static int check_output(const char *output, const char *data, size_t len)
{
    char *old = NULL;
    size_t old_len = 0;
    int same, e = cli_read_file(output, len + 1, &old, &old_len);
    if (e == ENOENT) {
        (void)printf("%s: missing\n", output);
        return CLI_EXIT_INVALID;
    }
    if (e != 0) {
        cli_error("cannot read '%s': %s", output, strerror(e));
        return CLI_EXIT_IO;
    }
    same = old_len == len && (len == 0 || memcmp(old, data, len) == 0);
    free(old);
    if (same)
        return CLI_EXIT_OK;
    (void)printf("%s: out of date\n", output);
    return CLI_EXIT_INVALID;
}

int cli_write_output(cli_session *s, const char *output, const char *data, size_t len)
{
    const char *what = NULL;
    int e;
    if (data == NULL) /* no bytes at all: an empty output */
        len = 0;
    if (s->capture) { /* the output is text the caller goes on to use (diff -T md's chart) */
        free(s->captured);
        s->captured = malloc(len + 1);
        if (s->captured == NULL) {
            cli_error("out of memory");
            return CLI_EXIT_IO;
        }
        if (len > 0)
            memcpy(s->captured, data, len);
        s->captured[len] = '\0';
        s->captured_len = len;
        return CLI_EXIT_OK;
    }
    if (s->cfg->check && output != NULL && strcmp(output, "-") != 0)
        return check_output(output, data, len);
    if (output == NULL || strcmp(output, "-") == 0) {
        e = cli_write_stdout(data, len);
        if (e != 0) {
            cli_error("cannot write standard output: %s", strerror(e));
            return CLI_EXIT_IO;
        }
        return CLI_EXIT_OK;
    }
    /* one fsync per file is the price of durability for a single output; a batch of hundreds
     * is atomic per file but leaves flushing to the file system */
    e = cli_write_atomic(output, data, len, !s->batch, &what);
    if (e != 0) {
        if (strcmp(what, "create") == 0)
            cli_error("cannot create a temporary file for '%s': %s", output, strerror(e));
        else if (strcmp(what, "rename") == 0)
            cli_error("cannot rename the temporary file to '%s': %s", output, strerror(e));
        else
            cli_error("cannot %s '%s': %s", what, output, strerror(e));
        return CLI_EXIT_IO;
    }
    return CLI_EXIT_OK;
}

/* What part of the graph is drawn: the command line's --collapse, --focus and --catch, or the
 * part of --split being drawn. */
static asldot_status apply_view(const cli_session *s, asldot_graph *g, asldot_diagnostics *d)
{
    const cli_config *cfg = s->cfg;
    asldot_view_options v;
    asldot_view_options_init(&v);
    v.collapse = cfg->collapse;
    v.collapse_count = cfg->n_collapse;
    if (cfg->collapse_all || s->view_top)
        v.flags |= ASLDOT_VIEW_COLLAPSE_ALL;
    if (cfg->no_auto_collapse || cfg->split)
        v.flags |= ASLDOT_VIEW_NO_AUTO_COLLAPSE;
    v.focus = cfg->focus;
    v.focus_depth = cfg->focus_depth;
    v.inside = s->view_inside;
    v.catch_mode = cfg->catch_mode;
    return asldot_graph_view(g, &v, d);
}

/* Stages up to a styled graph for machine i of src; *g is NULL on failure. Returns an exit
 * code. */
static int make_graph(cli_session *s, const asldot_source *src, size_t i, const asldot_options *o,
                      asldot_graph **g, asldot_diagnostics *d)
{
    const cli_config *cfg = s->cfg;
    const asldot_source_machine *info = asldot_source_get(src, i);
    const char *name = cli_display_name(info->file);
    asldot_machine *m = NULL;
    asldot_build_options bo;
    asldot_status st;
    int rc = CLI_EXIT_OK;
    int keep_going;

    *g = NULL;
    st = asldot_source_load(&m, src, i, o, d);
    if (m == NULL) { /* ERR_INVALID with a machine: its errors are in d, judged below */
        rc = st == ASLDOT_OK ? CLI_EXIT_INVALID : cli_exit_for_input_status(st);
        /* ERR_INVALID without a diagnostic: the source reported it when it read the file */
        if (asldot_diagnostics_count(d) == 0 && st != ASLDOT_ERR_INVALID)
            cli_error("%s: %s", name, asldot_status_string(st));
        goto done;
    }
    st = asldot_diagnostics_set_machine(d, strcmp(info->kind, "asl") ? info->id : NULL);
    if (st == ASLDOT_OK)
        st = asldot_machine_validate(m, o, d);
    if (st != ASLDOT_OK && st != ASLDOT_ERR_INVALID) {
        rc = cli_exit_for_status(st);
        cli_error("%s: validation failed: %s", name, asldot_status_string(st));
        goto done;
    }
    /* A definition with an execution history demonstrably ran: it is drawn with whatever lint
     * found printed, as with --keep-going, instead of refusing the picture of the run. */
    keep_going = cfg->keep_going || s->history != NULL;
    if (asldot_diagnostics_error_count(d) > 0 && !keep_going) {
        rc = CLI_EXIT_INVALID;
        goto done;
    }
    asldot_build_options_init(&bo);
    if (keep_going)
        bo.flags |= ASLDOT_BUILD_KEEP_GOING;
    bo.rankdir = cfg->rankdir;
    bo.layout = cfg->layout;
    st = asldot_graph_build(g, m, &bo, d);
    if (st == ASLDOT_OK && s->history != NULL) {
        asldot_overlay_options ov;
        asldot_overlay_options_init(&ov);
        if (cfg->show_io)
            ov.flags |= ASLDOT_OVERLAY_SHOW_IO;
        if (cfg->iteration_state != NULL) {
            ov.iteration_state = cfg->iteration_state;
            ov.iteration_index = cfg->iteration_index;
        }
        st = asldot_graph_overlay(*g, s->history, &ov, d);
    }
    if (st == ASLDOT_OK && s->diff != NULL)
        st = asldot_graph_apply_diff(*g, s->diff, d);
    if (st == ASLDOT_OK) {
        st = apply_view(s, *g, d);
        if (st == ASLDOT_ERR_INVALID) { /* a name that is not a state: the command line's fault */
            rc = CLI_EXIT_USAGE;
            goto done;
        }
    }
    if (st == ASLDOT_OK && cfg->legend)
        st = asldot_graph_add_legend(*g);
    for (size_t k = 0; k < s->n_styles && st == ASLDOT_OK; k++)
        st = asldot_graph_apply_style(*g, s->styles[k], d);
    if (st != ASLDOT_OK) {
        rc = cli_exit_for_status(st);
        if (asldot_diagnostics_error_count(d) == 0)
            cli_error("%s: cannot build the diagram: %s", name, asldot_status_string(st));
    }
done:
    asldot_machine_free(m);
    if (rc != CLI_EXIT_OK) {
        asldot_graph_free(*g);
        *g = NULL;
    }
    return rc;
}

int cli_render_one(cli_session *s, const char *input, const char *output)
{
    char *data = NULL;
    size_t len = 0;
    int rc, e = cli_read_file(input, s->cfg->max_bytes + 1, &data, &len);
    if (e != 0) {
        cli_error("cannot read '%s': %s", cli_display_name(input), strerror(e));
        return CLI_EXIT_IO;
    }
    rc = cli_render_data(s, input, data, len, output);
    free(data);
    return rc;
}

/* output with ".ID" before its extension: one file per machine of a template in batch mode. */
static char *machine_output(const char *output, const char *id)
{
    const char *slash = strrchr(output, '/');
    const char *base = slash ? slash + 1 : output;
    const char *dot = strrchr(base, '.');
    size_t len = strlen(output);
    size_t stem = dot != NULL && dot != base ? (size_t)(dot - output) : len;
    char *r = malloc(len + strlen(id) + 2), *p;
    if (r == NULL)
        return NULL;
    memcpy(r, output, stem);
    p = r + stem;
    *p++ = '.';
    for (const char *c = id; *c; c++) /* an id never makes a path */
        *p++ = *c == '/' || *c == '\\' || (unsigned char)*c < 0x20 ? '_' : *c;
    memcpy(p, output + stem, len - stem + 1); /* the extension and the terminating NUL */
    return r;
}

/* Renders machine i of src to output. Prints its diagnostics. Returns an exit code. */
static int render_view(cli_session *s, const asldot_source *src, size_t i, const asldot_options *o,
                       const char *output)
{
    const cli_config *cfg = s->cfg;
    const char *input = asldot_source_get(src, i)->file;
    const char *name = cli_display_name(input);
    asldot_diagnostics *d = NULL;
    asldot_graph *g = NULL;
    asldot_status st;
    char *data = NULL, *out = NULL;
    size_t out_len = 0;
    int rc;

    if (asldot_diagnostics_new(&d) != ASLDOT_OK) {
        cli_error("out of memory");
        return CLI_EXIT_IO;
    }
    rc = make_graph(s, src, i, o, &g, d);
    if (rc != CLI_EXIT_OK)
        goto done;
    if (cfg->format == ASLDOT_FORMAT_IR) {
        st = write_ir(g, &data, &out_len);
        if (st != ASLDOT_OK) {
            cli_error("%s: cannot write the graph dump: %s", name, asldot_status_string(st));
            rc = CLI_EXIT_IO;
            goto done;
        }
    } else {
        if (s->renderer == NULL) {
            st = asldot_renderer_new(&s->renderer, d);
            if (st != ASLDOT_OK) {
                cli_error("cannot start the renderer: %s", asldot_status_string(st));
                rc = st == ASLDOT_ERR_NOMEM ? CLI_EXIT_IO : CLI_EXIT_RENDER;
                goto done;
            }
        }
        st = asldot_render(s->renderer, g, cfg->format, &out, &out_len, d);
        if (st != ASLDOT_OK) {
            /* ERR_LIMIT: --layout full refused on a giant, the command line's to change */
            rc = st == ASLDOT_ERR_NOMEM   ? CLI_EXIT_IO
                 : st == ASLDOT_ERR_LIMIT ? CLI_EXIT_USAGE
                                          : CLI_EXIT_RENDER;
            if (asldot_diagnostics_error_count(d) == 0)
                cli_error("%s: rendering failed: %s", name, asldot_status_string(st));
            goto done;
        }
    }
    /* diagnostics first: a write error is then the last line the user sees */
    cli_print_diagnostics(d, input, cfg->quiet);
    asldot_diagnostics_clear(d);
    rc = cli_write_output(s, output, out != NULL ? out : data, out_len);
done:
    cli_print_diagnostics(d, input, cfg->quiet && rc == CLI_EXIT_OK);
    asldot_diagnostics_free(d);
    asldot_graph_free(g);
    asldot_buffer_free(out);
    free(data);
    return rc;
}

static void free_names(char **names)
{
    for (size_t k = 0; names != NULL && names[k] != NULL; k++)
        free(names[k]);
    free(names);
}

/* The names of machine i's Parallel and Map states, in definition order (NULL-terminated heap
 * array of heap strings), or NULL with *rc set. */
static char **container_names(cli_session *s, const asldot_source *src, size_t i,
                              const asldot_options *o, int *rc)
{
    asldot_diagnostics *d = NULL;
    asldot_graph *g = NULL;
    char **names = NULL;
    size_t n = 0;
    if (asldot_diagnostics_new(&d) != ASLDOT_OK) {
        cli_error("out of memory");
        *rc = CLI_EXIT_IO;
        return NULL;
    }
    *rc = make_graph(s, src, i, o, &g, d); /* --split alone collapses nothing */
    asldot_diagnostics_free(d);            /* render_view reports them, once */
    if (*rc != CLI_EXIT_OK)
        return NULL;
    while (asldot_graph_container_name(g, n) != NULL)
        n++;
    names = calloc(n + 1, sizeof *names);
    for (size_t k = 0; names != NULL && k < n; k++) {
        names[k] = strdup(asldot_graph_container_name(g, k));
        if (names[k] == NULL) {
            free_names(names);
            names = NULL;
        }
    }
    asldot_graph_free(g);
    if (names == NULL) {
        cli_error("out of memory");
        *rc = CLI_EXIT_IO;
    }
    return names;
}

/* ASCII letters and digits, '.', '_', '-' and UTF-8 (a name in any script) stay. */
static char slug_char(char c)
{
    unsigned char ch = (unsigned char)c;
    int keep = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
               c == '.' || c == '_' || c == '-' || ch >= 0x80;
    return keep ? c : '_';
}

/* The file name part for container k of names: its name with every other character as '_',
 * and "-2", "-3", ... when earlier containers had the same. */
static char *part_name(char **names, size_t k)
{
    size_t n = strlen(names[k]), same = 0;
    char *slug = malloc(n + 24);
    if (slug == NULL)
        return NULL;
    for (size_t j = 0; j < n; j++)
        slug[j] = slug_char(names[k][j]);
    slug[n] = '\0';
    for (size_t i = 0; i < k; i++) {
        const char *c = names[i];
        size_t j = 0;
        while (j < n && c[j] != '\0' && slug_char(c[j]) == slug[j])
            j++;
        same += j == n && c[j] == '\0';
    }
    if (same > 0)
        (void)snprintf(slug + n, 24, "-%zu", same + 1);
    return slug;
}

/* --split: the top level with every container collapsed to output, then each container's
 * inside to output with ".NAME" before the extension (see part_name). */
static int render_machine(cli_session *s, const asldot_source *src, size_t i,
                          const asldot_options *o, const char *output)
{
    char **names;
    int rc;
    if (!s->cfg->split)
        return render_view(s, src, i, o, output);
    names = container_names(s, src, i, o, &rc);
    if (names == NULL) /* an invalid machine: render_view says why */
        return rc == CLI_EXIT_IO ? rc : render_view(s, src, i, o, output);
    s->view_top = 1;
    rc = render_view(s, src, i, o, output);
    s->view_top = 0;
    for (size_t k = 0; names[k] != NULL && rc != CLI_EXIT_USAGE; k++) {
        char *part = part_name(names, k);
        char *one = part != NULL ? machine_output(output, part) : NULL;
        free(part);
        if (one == NULL) {
            cli_error("out of memory");
            rc = cli_worst_exit(rc, CLI_EXIT_IO);
            break;
        }
        s->view_inside = names[k];
        rc = cli_worst_exit(rc, render_view(s, src, i, o, one));
        s->view_inside = NULL;
        free(one);
    }
    free_names(names);
    return rc;
}

int cli_render_data(cli_session *s, const char *input, const char *data, size_t len,
                    const char *output)
{
    const cli_config *cfg = s->cfg;
    const char *name = cli_display_name(input);
    asldot_diagnostics *d = NULL;
    asldot_source *src = NULL;
    asldot_options o;
    size_t first = 0, count = 0;
    int rc;

    asldot_options_init(&o);
    if (cfg->lenient)
        o.flags |= ASLDOT_OPT_LENIENT;
    o.input_format = cli_input_format(input);
    o.max_input_bytes = cfg->max_bytes;
    if (cfg->max_states)
        o.max_states = cfg->max_states;
    if (len > cfg->max_bytes) { /* only max + 1 bytes were read: the real size is unknown */
        cli_write_too_large(stderr, name, cfg->max_bytes, ASLDOT_DIAG_TEXT, NULL);
        return CLI_EXIT_INVALID;
    }
    if (asldot_diagnostics_new(&d) != ASLDOT_OK) {
        cli_error("out of memory");
        return CLI_EXIT_IO;
    }
    rc = cli_source_parse(cfg->input, input, data, len, &o, &src, d);
    cli_print_diagnostics(d, input, cfg->quiet && rc == CLI_EXIT_OK);
    asldot_diagnostics_free(d);
    if (src != NULL) {
        int pick = cli_source_pick(src, input, cfg->input ? cfg->input->machine : NULL,
                                   cfg->output_is_dir, &first, &count);
        rc = cli_worst_exit(rc, pick);
    }
    for (size_t i = first; i < first + count && rc != CLI_EXIT_USAGE; i++) {
        const asldot_source_machine *m = asldot_source_get(src, i);
        char *one = NULL;
        int r;
        if (m->unresolved != NULL) {
            if (count == 1) {
                cli_error("%s: cannot draw state machine '%s': %s", name, m->id, m->unresolved);
                rc = cli_worst_exit(rc, CLI_EXIT_INVALID);
            } else if (!cfg->quiet) {
                cli_error("%s: skipping state machine '%s': %s", name, m->id, m->unresolved);
            }
            continue;
        }
        if (count > 1 && (one = machine_output(output, m->id)) == NULL) {
            cli_error("out of memory");
            rc = CLI_EXIT_IO;
            break;
        }
        r = render_machine(s, src, i, &o, one != NULL ? one : output);
        rc = cli_worst_exit(rc, r);
        free(one);
    }
    asldot_source_free(src);
    return rc;
}
