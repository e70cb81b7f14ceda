/*
 * html.c: the diagram as one self-contained, interactive HTML page (-T html). A stage after
 * render.c's SVG: it reads the IR (after build, overlay, diff marks and style) and the SVG
 * Graphviz drew from it, and needs nothing at run time: no network, no other file, so the page
 * works from file:// and can be attached to a CI run.
 *
 * What is written, in order:
 *   <head>: charset, a Content-Security-Policy that allows nothing (default-src 'none') but the
 *     page's own script and stylesheet by their SHA-256 (computed at build time, see
 *     embed_styles.cmake), base-uri and form-action 'none'; the title; the stylesheet
 *     src/viewer/viewer.css;
 *   a toolbar: the title and overlay subtitle, a search box, zoom in, zoom out and fit buttons;
 *   <main id="asl-view">: the SVG inline, from its <svg> element on (the XML prolog, doctype and
 *     namespace declarations dropped: HTML puts inline SVG in its namespace), with every <title>
 *     rewritten by svg_titles.c (state names, "A → B" for edges);
 *   <aside id="asl-details">: the empty details panel the script fills;
 *   <script type="application/json" id="asl-data">: {"title", "states": [{el, name, type,
 *     status, tooltip, notes, def, container}]}, one per state drawn (def: the state's own
 * definition as JSON text, state_json.c) (nodes and Parallel/Map containers), el being the id of
 * its <g> in the SVG (svg_ids.c), in document order (state_order), which Tab follows; the script
 * src/viewer/viewer.js (pan, zoom, details, search, keyboard).
 *
 * Escaping: every text from the input goes through asldot_xml_escape in markup and through
 * put_json in the data block, where < > & and U+2028/U+2029 are \u escapes besides JSON's own,
 * so no name can close the block or start markup. Graphviz escapes the SVG's text and attributes
 * itself; the script only ever sets textContent. The output is a function of g and svg alone.
 */
#include "html.h"
#include "buf.h"
#include "model.h"
#include "svg_ids.h"
#include "svg_titles.h"
#include "alloc.h"

#include <string.h>

/* The table written by styles/embed_styles.cmake from src/viewer/ (NULL-terminated). */
struct asldot_viewer_files_entry {
    const char *name;
    const char *data;
    size_t len;
    const char *sha256; /* base64 */
};
extern const struct asldot_viewer_files_entry asldot_viewer_files[];

static const struct asldot_viewer_files_entry *viewer_file(const char *name)
{
    for (size_t i = 0; asldot_viewer_files[i].name != NULL; i++)
        if (strcmp(asldot_viewer_files[i].name, name) == 0)
            return &asldot_viewer_files[i];
    return NULL;
}

void asldot_html_put_json(asldot_buf *b, const char *s)
{
    asldot_buf_putc(b, '"');
    for (; s != NULL && *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') {
            asldot_buf_putc(b, '\\');
            asldot_buf_putc(b, (char)c);
        } else if (c == '\n') {
            asldot_buf_puts(b, "\\n");
        } else if (c < 0x20 || c == 0x7F || c == '<' || c == '>' || c == '&') {
            asldot_buf_printf(b, "\\u%04x", c);
        } else if (c == 0xE2 && (unsigned char)s[1] == 0x80 &&
                   ((unsigned char)s[2] == 0xA8 || (unsigned char)s[2] == 0xA9)) {
            asldot_buf_printf(b, "\\u%04x", (unsigned char)s[2] == 0xA8 ? 0x2028 : 0x2029);
            s += 2;
        } else {
            asldot_buf_putc(b, (char)c);
        }
    }
    asldot_buf_putc(b, '"');
}

void asldot_html_put_member(asldot_buf *b, const char *key, const char *value)
{
    if (value == NULL)
        return;
    asldot_buf_printf(b, ",\"%s\":", key);
    asldot_html_put_json(b, value);
}

/* Writes one state of the data's list; 0 when it is not drawn (nothing written). */
static int put_state(asldot_buf *b, int *first, const char *el, const char *name, const char *type,
                     asldot_ir_status status, const char *tooltip, const char *notes, int container,
                     const char *def)
{
    if (el == NULL)
        return 0;
    asldot_buf_puts(b, *first ? "\n" : ",\n");
    *first = 0;
    asldot_buf_puts(b, "{\"el\":");
    asldot_html_put_json(b, el);
    asldot_buf_puts(b, ",\"name\":");
    asldot_html_put_json(b, name ? name : "");
    asldot_html_put_member(b, "type", type);
    asldot_html_put_member(b, "status", asldot_ir_status_name(status));
    asldot_html_put_member(b, "tooltip", tooltip);
    asldot_html_put_member(b, "notes", notes); /* retries, overlay figures, what a diff changed */
    asldot_html_put_member(b, "def",
                           def); /* the state's own JSON as a string: the script parses it */
    asldot_buf_printf(b, ",\"container\":%s}", container ? "true" : "false");
    return 1;
}

/* The definition of a state of g's machine (not of a diff's old one), or NULL. */
static const char *state_def(const asldot_graph *g, size_t state_id)
{
    return g->state_defs != NULL && state_id < g->state_count ? g->state_defs[state_id] : NULL;
}

/* Marks item (a node id, or node_count + a cluster id) as next in order unless it is already. */
static void take(size_t item, unsigned char *seen, size_t *order, size_t *n)
{
    if (!seen[item]) {
        seen[item] = 1;
        order[(*n)++] = item;
    }
}

/* The order Tab follows in the page: the states in document order (the order the author wrote
 * them, a container before its content), then whatever else was drawn (placeholders, ghosts) in
 * node order. Items are node ids, or node_count + a cluster id. Returns the count, or
 * (size_t)-1 out of memory. */
static size_t state_order(const asldot_graph *g, size_t *order)
{
    size_t nn = g->node_count, total = nn + g->cluster_count, n = 0;
    unsigned char *seen = asldot_calloc(total ? total : 1, 1);
    if (seen == NULL)
        return (size_t)-1;
    for (size_t s = 0; s < g->state_count; s++) {
        if (g->state_cluster != NULL && g->state_cluster[s] < g->cluster_count)
            take(nn + g->state_cluster[s], seen, order, &n);
        if (g->state_node != NULL && g->state_node[s] < nn)
            take(g->state_node[s], seen, order, &n);
    }
    for (size_t i = 0; i < total; i++)
        take(i, seen, order, &n);
    asldot_free(seen);
    return n;
}

/* The data block: the states in document order, then what an overlay saw (html_runs.c). */
static asldot_status put_data(asldot_buf *b, const asldot_graph *g, const asldot_svg_elements *els,
                              const asldot_svg_ids *ids)
{
    size_t nn = g->node_count, total = nn + g->cluster_count, listed = 0;
    size_t *order = asldot_calloc(total ? total : 1, sizeof *order);
    size_t *state_index = asldot_calloc(g->state_count + 1, sizeof *state_index);
    size_t count = order && state_index ? state_order(g, order) : (size_t)-1;
    asldot_status st;
    int first = 1;
    if (count == (size_t)-1) {
        asldot_free(order);
        asldot_free(state_index);
        return ASLDOT_ERR_NOMEM;
    }
    for (size_t s = 0; s < g->state_count; s++)
        state_index[s] = ASLDOT_IR_NONE;
    asldot_buf_puts(b, "{\"title\":");
    asldot_html_put_json(b, g->title ? g->title : "State machine");
    asldot_html_put_member(b, "subtitle", g->subtitle);
    asldot_buf_puts(b, ",\"states\":[");
    for (size_t k = 0; k < count; k++) {
        size_t i = order[k], sid;
        int written;
        if (i >= nn) {
            const asldot_ir_cluster *c = g->clusters[i - nn];
            if (c->state_id == ASLDOT_IR_NONE ||
                (c->kind != ASLDOT_IR_CLUSTER_PARALLEL && c->kind != ASLDOT_IR_CLUSTER_MAP))
                continue;
            written = put_state(b, &first, els->cluster[i - nn] ? ids->cluster[i - nn] : NULL,
                                c->name, c->kind == ASLDOT_IR_CLUSTER_MAP ? "Map" : "Parallel",
                                c->status, c->tooltip, c->notes, 1, state_def(g, c->state_id));
            sid = c->state_id;
        } else {
            const asldot_ir_node *n = g->nodes[i];
            const char *type;
            if (n->kind == ASLDOT_IR_STATE || n->kind == ASLDOT_IR_GHOST)
                type = asldot_state_type_name(n->type);
            else if (n->kind == ASLDOT_IR_PLACEHOLDER)
                type = "missing state";
            else
                continue;
            written = put_state(b, &first, els->node[i] ? ids->node[i] : NULL, n->name, type,
                                n->status, n->tooltip, n->notes, 0,
                                n->kind == ASLDOT_IR_STATE ? state_def(g, n->state_id) : NULL);
            sid = n->kind == ASLDOT_IR_STATE ? n->state_id : ASLDOT_IR_NONE;
        }
        if (written && sid < g->state_count)
            state_index[sid] = listed;
        listed += (size_t)written;
    }
    asldot_buf_puts(b, "\n]");
    st = asldot_html_put_runs(b, g, ids, state_index);
    asldot_buf_puts(b, "}");
    asldot_free(order);
    asldot_free(state_index);
    return st == ASLDOT_OK ? asldot_buf_status(b) : st;
}

/* The inline SVG: from "<svg" on, without the root's xmlns declarations (HTML gives inline SVG
 * its namespaces, xlink:title included), titles rewritten. */
static asldot_status put_svg(asldot_buf *b, const asldot_graph *g, const char *svg, size_t len,
                             asldot_svg_elements *els)
{
    asldot_buf tmp = ASLDOT_BUF_INIT;
    const char *start = NULL, *gt;
    asldot_status st;
    for (size_t i = 0; i + 4 <= len; i++)
        if (memcmp(svg + i, "<svg", 4) == 0) {
            start = svg + i;
            break;
        }
    if (start == NULL)
        return ASLDOT_ERR_ARGS;
    gt = memchr(start, '>', len - (size_t)(start - svg));
    if (gt == NULL)
        return ASLDOT_ERR_ARGS;
    /* the root tag without its namespace attributes */
    for (const char *p = start; p < gt;) {
        static const char *const drop[] = {" xmlns=\"", " xmlns:xlink=\""};
        int skipped = 0;
        for (size_t k = 0; k < 2 && !skipped; k++) {
            size_t n = strlen(drop[k]);
            if ((size_t)(gt - p) > n && memcmp(p, drop[k], n) == 0) {
                const char *q = memchr(p + n, '"', (size_t)(gt - p - n));
                if (q != NULL) {
                    p = q + 1;
                    skipped = 1;
                }
            }
        }
        if (!skipped)
            asldot_buf_putc(b, *p++);
    }
    st = asldot_svg_retitle(&tmp, g, gt, len - (size_t)(gt - svg), els);
    if (st == ASLDOT_OK)
        asldot_buf_put(b, tmp.data, tmp.len);
    asldot_buf_free(&tmp);
    return st == ASLDOT_OK ? asldot_buf_status(b) : st;
}

asldot_status asldot_html_write(const asldot_graph *g, const char *svg, size_t svg_len, char **out,
                                size_t *out_len)
{
    const struct asldot_viewer_files_entry *js = viewer_file("viewer.js");
    const struct asldot_viewer_files_entry *css = viewer_file("viewer.css");
    const char *title;
    asldot_buf b = ASLDOT_BUF_INIT;
    asldot_svg_elements els = {NULL, NULL};
    asldot_svg_ids *ids = NULL;
    asldot_status st;

    if (out == NULL || out_len == NULL)
        return ASLDOT_ERR_ARGS;
    *out = NULL;
    *out_len = 0;
    if (g == NULL || svg == NULL || js == NULL || css == NULL)
        return ASLDOT_ERR_ARGS;
    els.node = asldot_calloc(g->node_count ? g->node_count : 1, sizeof *els.node);
    els.cluster = asldot_calloc(g->cluster_count ? g->cluster_count : 1, sizeof *els.cluster);
    if (els.node == NULL || els.cluster == NULL) {
        asldot_free(els.node);
        asldot_free(els.cluster);
        return ASLDOT_ERR_NOMEM;
    }
    title = g->title ? g->title : "State machine";

    asldot_buf_puts(&b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    asldot_buf_printf(&b,
                      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                      "script-src 'sha256-%s'; style-src 'sha256-%s'; base-uri 'none'; "
                      "form-action 'none'\">\n",
                      js->sha256, css->sha256);
    asldot_buf_puts(&b,
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    asldot_buf_printf(&b, "<meta name=\"generator\" content=\"asl-dot %s\">\n<title>",
                      ASLDOT_VERSION_STRING);
    asldot_xml_escape(&b, title);
    asldot_buf_puts(&b, "</title>\n<style>");
    asldot_buf_put(&b, css->data, css->len);
    asldot_buf_puts(&b,
                    "</style>\n</head>\n<body>\n<header class=\"asl-bar\">\n<h1 id=\"asl-title\">");
    asldot_xml_escape(&b, title);
    if (g->subtitle != NULL) {
        asldot_buf_puts(&b, " <span class=\"asl-sub\">");
        asldot_xml_escape(&b, g->subtitle);
        asldot_buf_puts(&b, "</span>");
    }
    asldot_buf_puts(
        &b, "</h1>\n"
            "<label class=\"asl-label\" for=\"asl-search\">Find a state by name</label>\n"
            "<input id=\"asl-search\" type=\"search\" placeholder=\"Find a state\" "
            "autocomplete=\"off\" spellcheck=\"false\" aria-describedby=\"asl-count\">\n"
            "<span id=\"asl-count\" role=\"status\" aria-live=\"polite\"></span>\n"
            "<button type=\"button\" id=\"asl-zoom-in\" title=\"Zoom in (+)\" "
            "aria-label=\"Zoom in\">+</button>\n"
            "<button type=\"button\" id=\"asl-zoom-out\" title=\"Zoom out (-)\" "
            "aria-label=\"Zoom out\">\xE2\x88\x92</button>\n"
            "<button type=\"button\" id=\"asl-fit\" title=\"Fit to the window (0)\">Fit</button>\n"
            "<span id=\"asl-iter-note\" role=\"status\" hidden><span id=\"asl-iter-text\"></span> "
            "<button type=\"button\" id=\"asl-iter-clear\">Show all</button></span>\n"
            "</header>\n"
            "<main id=\"asl-view\" tabindex=\"0\" aria-label=\"Diagram: drag or arrow keys to pan, "
            "wheel or + and - to zoom, 0 to fit, Tab to go from state to state, Enter for its "
            "details\">\n");
    st = put_svg(&b, g, svg, svg_len, &els);
    if (st == ASLDOT_OK) {
        asldot_buf_puts(
            &b,
            "</main>\n<aside id=\"asl-details\" aria-label=\"State details\" hidden>\n"
            "<button type=\"button\" id=\"asl-close\" aria-label=\"Close the details\">"
            "\xC3\x97</button>\n"
            "<h2 id=\"asl-d-name\"></h2>\n"
            "<button type=\"button\" id=\"asl-d-collapse\" hidden>Collapse</button>\n<dl>\n"
            "<div data-row><dt>Type</dt><dd id=\"asl-d-type\"></dd></div>\n"
            "<div data-row><dt>Status</dt><dd id=\"asl-d-status\"></dd></div>\n"
            "<div data-row><dt>Notes</dt><dd><pre id=\"asl-d-notes\"></pre></dd></div>\n"
            "<div data-row id=\"asl-d-iter\" hidden><dt>Iterations</dt><dd>"
            "<button type=\"button\" id=\"asl-iter-prev\" aria-label=\"Previous iteration\">"
            "\xE2\x97\x80</button> <span id=\"asl-iter-label\" aria-live=\"polite\"></span> "
            "<button type=\"button\" id=\"asl-iter-next\" aria-label=\"Next iteration\">"
            "\xE2\x96\xB6</button> <button type=\"button\" id=\"asl-iter-all\">All</button>"
            "</dd></div>\n"
            "<div data-row><dt>Runs</dt><dd><table id=\"asl-d-runs\"></table></dd></div>\n"
            "<div data-row><dt>Attempts</dt><dd><table id=\"asl-d-attempts\"></table></dd></div>\n"
            "<div data-row><dt>Details</dt><dd><pre id=\"asl-d-tooltip\"></pre></dd></div>\n"
            "<div data-row><dt>Retry</dt><dd><table id=\"asl-d-retry\"></table></dd></div>\n"
            "<div data-row><dt>Catch</dt><dd><table id=\"asl-d-catch\"></table></dd></div>\n"
            "<div data-row><dt>Definition</dt><dd><pre id=\"asl-d-def\"></pre></dd></div>\n"
            "</dl>\n</aside>\n<script type=\"application/json\" id=\"asl-data\">");
        st = asldot_svg_ids_new(&ids, g);
        if (st == ASLDOT_OK)
            st = put_data(&b, g, &els, ids);
        asldot_buf_puts(&b, "</script>\n<script>");
        asldot_buf_put(&b, js->data, js->len);
        asldot_buf_puts(&b, "</script>\n</body>\n</html>\n");
        if (st == ASLDOT_OK)
            st = asldot_buf_status(&b);
    }
    asldot_free(els.node);
    asldot_free(els.cluster);
    asldot_svg_ids_free(ids);
    if (st == ASLDOT_OK) {
        *out = asldot_buf_detach(&b, out_len);
        if (*out == NULL)
            st = ASLDOT_ERR_NOMEM;
    }
    asldot_buf_free(&b);
    return st;
}
