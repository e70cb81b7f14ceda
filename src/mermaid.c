/*
 * mermaid.c: the diagram graph (ir.h) as a Mermaid flowchart, the one diagram format GitHub and
 * GitLab draw inline in Markdown. A renderer beside gv_backend.c: it reads the same IR, after
 * build, overlay, diff marks and style, and needs no Graphviz.
 *
 * Why a flowchart and not stateDiagram-v2: a flowchart has subgraphs that edges may enter and
 * leave (Parallel branches, Map processors), labelled edges for Choice rules, dashed edges, a shape
 * per state type, and classes and styles per node and edge; stateDiagram-v2 has no edge styles
 * and draws composite states whose edges cannot end at the container.
 *
 * What is written, in order:
 *   flowchart TB|LR, a title as a comment;
 *   the nodes and subgraphs, nested as the clusters are: n<id> for a node, c<id> for a cluster.
 *     Container anchors are not drawn: an edge to or from one (or clipped at a cluster) ends at
 *     the subgraph itself, except an edge into a container from inside another, which goes to
 *     the container's first state (see put_end). Legend objects and layout-only edges are left
 *     out.
 *   the edges: Next and Start/End solid, Choice rules labelled, Default and Catch dashed (-.->);
 *   "class n3 task,status-failed": every SVG contract class of the object, with a classDef for
 *     each class used (light colours, so the chart reads without a style), then "style" and
 *     "linkStyle" lines with the colours, borders and dashes the applied style gave each object,
 *     so themes, overlays and diff marks carry over.
 *
 * Escaping: every text from the input (names, conditions, comments, overlay figures) is written
 * inside double quotes with each character outside a small safe set as a Mermaid entity code
 * (#60; for '<'), so no state name can end a label, start a new statement, open a comment (%%),
 * turn into Markdown (`) or become HTML. Line breaks between our own lines are the only markup
 * written (<br/>).
 */
#include "mermaid.h"
#include "alloc.h"
#include "buf.h"

#include <stdint.h>
#include <string.h>

/* Colours of the built-in light theme for the classes Mermaid shows without a style. */
static const struct {
    const char *cls, *def;
} class_defs[] = {
    {"task", "fill:#e8f1fb,stroke:#2f6fb3,color:#1f2937"},
    {"pass", "fill:#f3f4f6,stroke:#8a939e,color:#1f2937"},
    {"choice", "fill:#fff5d6,stroke:#c98a04,color:#1f2937"},
    {"wait", "fill:#e0f4f1,stroke:#0f8a7e,color:#1f2937"},
    {"succeed", "fill:#e3f5e6,stroke:#2e8540,color:#1f2937"},
    {"fail", "fill:#fde8e8,stroke:#c53030,color:#1f2937"},
    {"parallel", "fill:#f4f0fc,stroke:#7c5cc4,color:#1f2937"},
    {"map", "fill:#fdf3e7,stroke:#b5651d,color:#1f2937"},
    {"branch", "fill:#fbfaff,stroke:#a78bda,stroke-dasharray:5 3"},
    {"start", "fill:#374151,stroke:#374151,color:#ffffff"},
    {"end", "fill:#374151,stroke:#374151,color:#ffffff"}, /* written as "end_marker" (see there) */
    {"placeholder", "fill:#fde8e8,stroke:#c53030,stroke-dasharray:5 3"},
    {"invalid", "stroke:#c53030,stroke-width:2px"},
    {"status-succeeded", "fill:#dcf3e0,stroke:#2e8540"},
    {"status-failed", "fill:#fcdede,stroke:#c53030,stroke-width:3px"},
    {"status-caught", "fill:#fdecd2,stroke:#d97706,stroke-width:2px"},
    {"status-in-progress", "fill:#dde8fd,stroke:#2563eb,stroke-width:2px"},
    {"status-cancelled", "fill:#eee9e4,stroke:#6b4f3a"},
    {"status-not-run", "fill:#fafafa,stroke:#c4c9d0,color:#9ca3af"},
    {"diff-added", "stroke:#2e8540,stroke-width:3px"},
    {"diff-removed", "stroke:#9ca3af,stroke-dasharray:5 3,color:#9ca3af"},
    {"diff-changed", "stroke:#d97706,stroke-width:3px"},
    {"diff-renamed", "stroke:#2563eb,stroke-width:3px"},
};

static int safe_char(unsigned char c)
{
    if (c >= 0x80)
        return 1; /* UTF-8 text: Mermaid shows it as it is */
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return 1;
    return strchr(" .,:_-+*/=!?$@^~'", c) != NULL && c != '\0';
}

/* Writes s as Mermaid label text (inside the quotes); '\n' becomes a line break. */
static void put_text(asldot_buf *b, const char *s)
{
    for (; s != NULL && *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '\n')
            (void)asldot_buf_puts(b, "<br/>");
        else if (c < 0x20 || c == 0x7f)
            (void)asldot_buf_putc(b, ' ');
        else if (safe_char(c))
            (void)asldot_buf_putc(b, (char)c);
        else
            (void)asldot_buf_printf(b, "#%u;", c);
    }
}

/* As put_text, with line breaks as " · " separators. */
static void put_text_line(asldot_buf *b, const char *s)
{
    for (const char *p = s; p != NULL && *p;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        char *line = asldot_strndup(p, n);
        if (line == NULL) {
            (void)asldot_buf_put(b, NULL, SIZE_MAX); /* marks the buffer failed */
            return;
        }
        put_text(b, line);
        asldot_free(line);
        if (nl == NULL)
            break;
        (void)asldot_buf_puts(b, " · ");
        p = nl + 1;
    }
}

/* The label of a node or cluster: name, detail lines, notes, as lines. */
static void put_label(asldot_buf *b, const char *name, const char *detail, const char *notes)
{
    (void)asldot_buf_putc(b, '"');
    put_text(b, name);
    if (detail != NULL && *detail) {
        (void)asldot_buf_puts(b, "<br/>");
        put_text(b, detail);
    }
    if (notes != NULL && *notes) {
        (void)asldot_buf_puts(b, "<br/>");
        put_text(b, notes);
    }
    (void)asldot_buf_putc(b, '"');
}

static int is_legend_node(const asldot_ir_node *n)
{
    return n->kind == ASLDOT_IR_LEGEND;
}

static int in_legend(const asldot_graph *g, size_t cluster)
{
    for (size_t c = cluster; c != ASLDOT_IR_NONE; c = g->clusters[c]->parent)
        if (g->clusters[c]->kind == ASLDOT_IR_CLUSTER_LEGEND)
            return 1;
    return 0;
}

static void put_node(asldot_buf *b, const asldot_ir_node *n, unsigned depth)
{
    const char *open = "(", *close = ")";
    for (unsigned i = 0; i < depth; i++)
        (void)asldot_buf_puts(b, "    ");
    if (n->kind == ASLDOT_IR_START) {
        open = "((";
        close = "))";
    } else if (n->kind == ASLDOT_IR_END) {
        open = "(((";
        close = ")))";
    } else if (n->kind == ASLDOT_IR_PLACEHOLDER) {
        open = "[/";
        close = "/]";
    } else {
        switch (n->type) {
        case ASLDOT_STATE_CHOICE:
            open = "{{";
            close = "}}";
            break;
        case ASLDOT_STATE_WAIT:
            open = "[";
            close = "]";
            break;
        case ASLDOT_STATE_SUCCEED:
            open = "([";
            close = "])";
            break;
        case ASLDOT_STATE_FAIL:
            open = "[[";
            close = "]]";
            break;
        default:
            break;
        }
    }
    (void)asldot_buf_printf(b, "n%zu%s", n->id, open);
    put_label(b, n->name, n->detail, n->notes);
    (void)asldot_buf_printf(b, "%s\n", close);
}

/* Writes cluster c (or the top level for ASLDOT_IR_NONE): its nodes, then its sub-clusters. The
 * nesting depth is bounded by the model's state depth limit, so recursion is bounded too. */
static void put_scope(asldot_buf *b, const asldot_graph *g, size_t c, unsigned depth)
{
    if (c != ASLDOT_IR_NONE) {
        const asldot_ir_cluster *cl = g->clusters[c];
        for (unsigned i = 1; i < depth; i++)
            (void)asldot_buf_puts(b, "    ");
        /* one line: Mermaid does not make room for a subgraph title of several */
        (void)asldot_buf_printf(b, "subgraph c%zu[\"", c);
        put_text_line(b, cl->name);
        if (cl->detail != NULL && *cl->detail) {
            (void)asldot_buf_puts(b, " · ");
            put_text_line(b, cl->detail);
        }
        if (cl->notes != NULL && *cl->notes) {
            (void)asldot_buf_puts(b, " · ");
            put_text_line(b, cl->notes);
        }
        (void)asldot_buf_puts(b, "\"]\n");
    }
    for (size_t i = 0; i < g->node_count; i++) {
        const asldot_ir_node *n = g->nodes[i];
        if (n->cluster == c && n->kind != ASLDOT_IR_ANCHOR && !is_legend_node(n))
            put_node(b, n, depth);
    }
    for (size_t i = 0; i < g->cluster_count; i++)
        if (g->clusters[i]->parent == c && g->clusters[i]->kind != ASLDOT_IR_CLUSTER_LEGEND)
            put_scope(b, g, i, depth + 1);
    if (c != ASLDOT_IR_NONE) {
        for (unsigned i = 1; i < depth; i++)
            (void)asldot_buf_puts(b, "    ");
        (void)asldot_buf_puts(b, "end\n");
    }
}

/* The cluster an anchor opens or closes, or ASLDOT_IR_NONE. */
static size_t anchor_cluster(const asldot_graph *g, size_t node)
{
    if (g->nodes[node]->kind != ASLDOT_IR_ANCHOR)
        return ASLDOT_IR_NONE;
    for (size_t i = 0; i < g->cluster_count; i++)
        if (g->clusters[i]->entry == node || g->clusters[i]->exit == node)
            return i;
    return ASLDOT_IR_NONE;
}

/* The first state inside cluster c: its entry anchor's first layout edge, followed through the
 * entry anchors of nested containers (at most one step per node, so it always ends). */
static size_t first_inside(const asldot_graph *g, size_t c)
{
    size_t at = g->clusters[c]->entry;
    for (size_t steps = 0; at != ASLDOT_IR_NONE && steps < g->node_count; steps++) {
        size_t next = ASLDOT_IR_NONE;
        if (g->nodes[at]->kind != ASLDOT_IR_ANCHOR)
            return at;
        for (size_t i = 0; i < g->edge_count && next == ASLDOT_IR_NONE; i++)
            if (g->edges[i]->from == at && g->edges[i]->kind == ASLDOT_IR_EDGE_LAYOUT)
                next = g->edges[i]->to;
        at = next;
    }
    return ASLDOT_IR_NONE;
}

/* Writes the Mermaid id an edge end is drawn at: the subgraph for an end clipped at a container
 * or at its anchor. Mermaid's layout (dagre) fails ("Cannot set properties of undefined") on an
 * edge from inside one subgraph to a subgraph nested in it, so with inner set an edge entering a
 * container goes to the container's first state instead (the arrow then crosses its border). */
static void put_end(asldot_buf *b, const asldot_graph *g, size_t node, size_t clip, int inner,
                    int entering)
{
    size_t c = clip != ASLDOT_IR_NONE ? clip : anchor_cluster(g, node);
    if (c != ASLDOT_IR_NONE && entering && inner) {
        size_t first = first_inside(g, c);
        if (first != ASLDOT_IR_NONE) {
            (void)asldot_buf_printf(b, "n%zu", first);
            return;
        }
    }
    if (c != ASLDOT_IR_NONE)
        (void)asldot_buf_printf(b, "c%zu", c);
    else
        (void)asldot_buf_printf(b, "n%zu", node);
}

static int edge_drawn(const asldot_graph *g, const asldot_ir_edge *e)
{
    if (e->kind == ASLDOT_IR_EDGE_LAYOUT || e->kind == ASLDOT_IR_EDGE_LEGEND)
        return 0;
    return !is_legend_node(g->nodes[e->from]) && !is_legend_node(g->nodes[e->to]) &&
           !in_legend(g, g->nodes[e->from]->cluster);
}

/* A style's colour ("#rgb", "#rrggbb", "#rrggbbaa") or number, checked before it is written raw
 * into a style line; anything else (a colour name, a list) is left out. */
static int css_value_ok(const char *v, int colour)
{
    size_t n = 0;
    if (v == NULL || (colour && *v++ != '#'))
        return 0;
    for (; v[n]; n++) {
        char c = v[n];
        int hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
        if (colour ? !hex : !((c >= '0' && c <= '9') || c == '.'))
            return 0;
    }
    return colour ? (n == 3 || n == 6 || n == 8) : (n > 0 && n < 8);
}

/* "fill:#..,stroke:#..,..." from a style's Graphviz attributes; returns 0 when there are none. */
static int put_css(asldot_buf *b, const asldot_ir_attrs *a, int is_edge)
{
    const char *fill = asldot_ir_get_attr(a, "fillcolor"), *stroke = asldot_ir_get_attr(a, "color");
    const char *font = asldot_ir_get_attr(a, "fontcolor"), *pen = asldot_ir_get_attr(a, "penwidth");
    const char *style = asldot_ir_get_attr(a, "style");
    int n = 0;
#define CSS_SEP() (void)asldot_buf_puts(b, n++ ? "," : "")
    if (css_value_ok(fill, 1) && !is_edge) {
        CSS_SEP();
        (void)asldot_buf_printf(b, "fill:%s", fill);
    }
    if (css_value_ok(stroke, 1)) {
        CSS_SEP();
        (void)asldot_buf_printf(b, "stroke:%s", stroke);
    }
    if (css_value_ok(font, 1) && !is_edge) {
        CSS_SEP();
        (void)asldot_buf_printf(b, "color:%s", font);
    }
    if (css_value_ok(pen, 0)) {
        CSS_SEP();
        (void)asldot_buf_printf(b, "stroke-width:%spx", pen);
    }
    if (style != NULL && (strstr(style, "dashed") || strstr(style, "dotted"))) {
        CSS_SEP();
        (void)asldot_buf_puts(b, strstr(style, "dotted") ? "stroke-dasharray:2 3"
                                                         : "stroke-dasharray:5 3");
    }
#undef CSS_SEP
    return n;
}

/* "class ID a,b" for every contract class; marks each class used. */
/* A class as Mermaid can read it: "end" is the keyword that closes a subgraph, so the End
 * marker's class is written "end_marker" (the one name that differs from the SVG contract). */
static const char *mermaid_class(const char *cls)
{
    return strcmp(cls, "end") == 0 ? "end_marker" : cls;
}

static void put_classes(asldot_buf *b, const char *prefix, size_t id, const char *classes,
                        unsigned char *used)
{
    int n = 0;
    for (size_t k = 0; k < sizeof class_defs / sizeof class_defs[0]; k++) {
        if (!asldot_ir_has_class(classes, class_defs[k].cls))
            continue;
        if (n++ == 0)
            (void)asldot_buf_printf(b, "class %s%zu ", prefix, id);
        else
            (void)asldot_buf_putc(b, ',');
        (void)asldot_buf_puts(b, mermaid_class(class_defs[k].cls));
        used[k] = 1;
    }
    if (n)
        (void)asldot_buf_putc(b, '\n');
}

asldot_status asldot_mermaid_write(const asldot_graph *g, char **out, size_t *out_len)
{
    asldot_buf b = ASLDOT_BUF_INIT;
    unsigned char used[sizeof class_defs / sizeof class_defs[0]];
    size_t link = 0;
    if (g == NULL || out == NULL || out_len == NULL)
        return ASLDOT_ERR_ARGS;
    memset(used, 0, sizeof used);
    *out = NULL;
    *out_len = 0;

    if (g->title != NULL) {
        (void)asldot_buf_puts(&b, "%% ");
        for (const char *p = g->title; *p; p++) /* never a directive: no braces, one line */
            (void)asldot_buf_putc(&b, safe_char((unsigned char)*p) ? *p : ' ');
        (void)asldot_buf_putc(&b, '\n');
    }
    (void)asldot_buf_printf(&b, "flowchart %s\n", g->rankdir == ASLDOT_RANKDIR_LR ? "LR" : "TB");
    put_scope(&b, g, ASLDOT_IR_NONE, 1);

    for (size_t i = 0; i < g->edge_count; i++) {
        const asldot_ir_edge *e = g->edges[i];
        int dashed = e->kind == ASLDOT_IR_EDGE_DEFAULT || e->kind == ASLDOT_IR_EDGE_CATCH;
        if (!edge_drawn(g, e))
            continue;
        (void)asldot_buf_puts(&b, "    ");
        put_end(&b, g, e->from, e->ltail, 0, 0);
        (void)asldot_buf_puts(&b, dashed ? " -.->" : " -->");
        if (e->label != NULL && *e->label) {
            (void)asldot_buf_puts(&b, "|\"");
            put_text(&b, e->label);
            (void)asldot_buf_puts(&b, "\"|");
        }
        (void)asldot_buf_putc(&b, ' ');
        put_end(&b, g, e->to, e->lhead, g->nodes[e->from]->cluster != ASLDOT_IR_NONE, 1);
        (void)asldot_buf_putc(&b, '\n');
    }

    for (size_t i = 0; i < g->node_count; i++) {
        const asldot_ir_node *n = g->nodes[i];
        if (n->kind != ASLDOT_IR_ANCHOR && !is_legend_node(n) && !in_legend(g, n->cluster))
            put_classes(&b, "n", n->id, n->classes, used);
    }
    for (size_t i = 0; i < g->cluster_count; i++)
        if (!in_legend(g, i))
            put_classes(&b, "c", i, g->clusters[i]->classes, used);
    for (size_t k = 0; k < sizeof class_defs / sizeof class_defs[0]; k++)
        if (used[k])
            (void)asldot_buf_printf(&b, "classDef %s %s\n", mermaid_class(class_defs[k].cls),
                                    class_defs[k].def);

    /* The applied style, object by object (it wins over the classDefs above). */
    for (size_t i = 0; i < g->node_count; i++) {
        const asldot_ir_node *n = g->nodes[i];
        size_t mark;
        if (n->kind == ASLDOT_IR_ANCHOR || is_legend_node(n) || in_legend(g, n->cluster))
            continue;
        mark = b.len;
        (void)asldot_buf_printf(&b, "style n%zu ", n->id);
        if (put_css(&b, &n->attrs, 0))
            (void)asldot_buf_putc(&b, '\n');
        else
            b.len = mark; /* nothing styled: drop the started line */
    }
    for (size_t i = 0; i < g->cluster_count; i++) {
        size_t mark;
        if (in_legend(g, i))
            continue;
        mark = b.len;
        (void)asldot_buf_printf(&b, "style c%zu ", i);
        if (put_css(&b, &g->clusters[i]->attrs, 0))
            (void)asldot_buf_putc(&b, '\n');
        else
            b.len = mark;
    }
    for (size_t i = 0; i < g->edge_count; i++) {
        const asldot_ir_edge *e = g->edges[i];
        size_t mark;
        if (!edge_drawn(g, e))
            continue;
        mark = b.len;
        (void)asldot_buf_printf(&b, "linkStyle %zu ", link++);
        if (put_css(&b, &e->attrs, 1))
            (void)asldot_buf_putc(&b, '\n');
        else
            b.len = mark;
    }
    if (b.data != NULL)
        b.data[b.len] = '\0';

    if (asldot_buf_status(&b) != ASLDOT_OK) {
        asldot_status st = asldot_buf_status(&b);
        asldot_buf_free(&b);
        return st;
    }
    *out = asldot_buf_detach(&b, out_len);
    return *out != NULL ? ASLDOT_OK : ASLDOT_ERR_NOMEM;
}
