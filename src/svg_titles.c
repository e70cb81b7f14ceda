/*
 * svg_titles.c: Graphviz writes an object's cgraph name as its SVG <title>, and ours are
 * synthetic (gv_backend.c: n<id>, cluster_<id>, r<edge id>), so hover text and screen readers
 * would read "n2". This pass rewrites each such <title> after rendering:
 *   n<id>          the node's name (a container's entry or exit anchor: the container's name);
 *   cluster_<id>   the container's name (a Parallel branch: "Branch 1");
 *   r<id>          a reference node: the name of the state the edge goes to;
 *   X&#45;&gt;Y     an edge: "name of X → name of Y" (a loop back, class "loop", was given
 *                  to Graphviz reversed: "name of Y → name of X", the flow's direction);
 *   asl            the diagram: the machine's title ("State machine" without a Comment), then a
 *                  <desc> with the whole Comment.
 * A title that is none of these is copied unchanged. Graphviz escapes label and tooltip text, so
 * "<title>" only ever occurs as an element. The element ids (state-Approve, edge-A--B) are set by
 * gv_backend.c from svg_ids.c. Every name written is escaped here (asldot_xml_escape).
 */
#include "svg_titles.h"

#include <string.h>

asldot_status asldot_xml_escape(asldot_buf *out, const char *s)
{
    for (; s != NULL && *s; s++) {
        unsigned char c = (unsigned char)*s;
        switch (c) {
        case '&':
            asldot_buf_puts(out, "&amp;");
            break;
        case '<':
            asldot_buf_puts(out, "&lt;");
            break;
        case '>':
            asldot_buf_puts(out, "&gt;");
            break;
        case '"':
            asldot_buf_puts(out, "&quot;");
            break;
        case '\'':
            asldot_buf_puts(out, "&#39;");
            break;
        default:
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
                asldot_buf_puts(out, "\xEF\xBF\xBD");
            else
                asldot_buf_putc(out, (char)c);
        }
    }
    return asldot_buf_status(out);
}

/* Parses the decimal digits of s[0..n) into *id; 0 when they are not all digits. */
static int parse_id(const char *s, size_t n, size_t *id)
{
    size_t v = 0;
    if (n == 0 || n > 9)
        return 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        v = v * 10 + (size_t)(s[i] - '0');
    }
    *id = v;
    return 1;
}

static const char *cluster_name(const asldot_graph *g, size_t id)
{
    return id < g->cluster_count ? g->clusters[id]->name : NULL;
}

static const char *node_name(const asldot_graph *g, size_t id)
{
    const asldot_ir_node *n = id < g->node_count ? g->nodes[id] : NULL;
    if (n == NULL)
        return NULL;
    if (n->kind == ASLDOT_IR_ANCHOR)
        return cluster_name(g, n->cluster);
    return n->name;
}

/* The name of the object Graphviz calls s[0..n), or NULL. */
static const char *object_name(const asldot_graph *g, const char *s, size_t n)
{
    size_t id;
    if (n > 8 && memcmp(s, "cluster_", 8) == 0 && parse_id(s + 8, n - 8, &id))
        return cluster_name(g, id);
    if (n > 1 && s[0] == 'n' && parse_id(s + 1, n - 1, &id))
        return node_name(g, id);
    if (n > 1 && s[0] == 'r' && parse_id(s + 1, n - 1, &id) && id < g->edge_count) {
        const asldot_ir_edge *e = g->edges[id];
        if (e->lhead != ASLDOT_IR_NONE)
            return cluster_name(g, e->lhead);
        return node_name(g, e->to);
    }
    return NULL;
}

/* Appends the new content of a title whose old content is s[0..n); 0 when it is not ours.
 * reversed: an edge Graphviz was given head to tail (class "loop"), titled in flow order. */
static int put_title(asldot_buf *out, const asldot_graph *g, const char *s, size_t n, int *graph,
                     int reversed)
{
    static const char arrow[] = "&#45;&gt;";
    const char *name, *mid;
    if (!*graph && n == 3 && memcmp(s, "asl", 3) == 0) {
        *graph = 1;
        asldot_xml_escape(out, g->title ? g->title : "State machine");
        return 1;
    }
    name = object_name(g, s, n);
    if (name != NULL) {
        asldot_xml_escape(out, name);
        return 1;
    }
    mid = NULL;
    for (size_t i = 0; i + sizeof arrow - 1 <= n; i++)
        if (memcmp(s + i, arrow, sizeof arrow - 1) == 0) {
            mid = s + i;
            break;
        }
    if (mid != NULL) {
        const char *from = object_name(g, s, (size_t)(mid - s));
        const char *rest = mid + sizeof arrow - 1;
        const char *to = object_name(g, rest, n - (size_t)(rest - s));
        if (from != NULL && to != NULL) {
            asldot_xml_escape(out, reversed ? to : from);
            asldot_buf_puts(out, " \xE2\x86\x92 ");
            asldot_xml_escape(out, reversed ? from : to);
            return 1;
        }
    }
    return 0;
}

/* 1 when the line before title opens a group ('<g id="'): Graphviz opens an object's group on
 * the line before its title. */
static int opens_group(const char *svg, const char *title)
{
    const char *line = title;
    if (line == svg || line[-1] != '\n')
        return 0;
    line--;
    while (line > svg && line[-1] != '\n')
        line--;
    return strncmp(line, "<g id=\"", 7) == 0;
}

/* 1 when the group opened on the line before title is an edge whose class has the word "loop". */
static int loop_edge(const char *svg, const char *title)
{
    const char *line = title, *cls;
    if (line == svg || line[-1] != '\n')
        return 0;
    line--;
    while (line > svg && line[-1] != '\n')
        line--;
    if (strncmp(line, "<g id=\"edge&#45;", 16) != 0)
        return 0;
    cls = strstr(line, " class=\"");
    if (cls == NULL || cls > title)
        return 0;
    for (const char *w = cls + 8; w < title && *w != '"'; w++)
        if ((w[-1] == '"' || w[-1] == ' ') && strncmp(w, "loop", 4) == 0 &&
            (w[4] == '"' || w[4] == ' '))
            return 1;
    return 0;
}

/* With els: notes where the object titled s[0..n) (at title, in svg) is drawn. */
static void record(asldot_svg_elements *els, const asldot_graph *g, const char *svg,
                   const char *title, const char *s, size_t n)
{
    size_t id;
    if (els == NULL)
        return;
    if (n > 8 && memcmp(s, "cluster_", 8) == 0 && parse_id(s + 8, n - 8, &id) &&
        id < g->cluster_count)
        els->cluster[id] = (unsigned char)opens_group(svg, title);
    else if (n > 1 && s[0] == 'n' && parse_id(s + 1, n - 1, &id) && id < g->node_count)
        els->node[id] = (unsigned char)opens_group(svg, title);
}

asldot_status asldot_svg_retitle(asldot_buf *out, const asldot_graph *g, const char *svg,
                                 size_t len, asldot_svg_elements *els)
{
    static const char open[] = "<title>", close[] = "</title>";
    const char *p = svg, *end = svg + len;
    int graph = 0;
    while (p < end) {
        const char *t = NULL, *c = NULL;
        int reversed;
        for (const char *q = p; q + sizeof open - 1 <= end; q++)
            if (*q == '<' && memcmp(q, open, sizeof open - 1) == 0) {
                t = q;
                break;
            }
        if (t != NULL)
            for (const char *q = t + sizeof open - 1; q + sizeof close - 1 <= end; q++)
                if (*q == '<' && memcmp(q, close, sizeof close - 1) == 0) {
                    c = q;
                    break;
                }
        if (t == NULL || c == NULL) {
            asldot_buf_put(out, p, (size_t)(end - p));
            break;
        }
        record(els, g, svg, t, t + sizeof open - 1, (size_t)(c - t) - (sizeof open - 1));
        reversed = loop_edge(svg, t);
        t += sizeof open - 1;
        asldot_buf_put(out, p, (size_t)(t - p));
        if (!put_title(out, g, t, (size_t)(c - t), &graph, reversed)) {
            asldot_buf_put(out, t, (size_t)(c - t));
        } else if (graph == 1) {
            const char *comment = g->tooltip ? g->tooltip : g->title;
            graph = 2;
            if (comment != NULL) {
                asldot_buf_puts(out, close);
                asldot_buf_puts(out, "\n<desc>");
                asldot_xml_escape(out, comment);
                asldot_buf_puts(out, "</desc>");
                p = c + sizeof close - 1;
                continue;
            }
        }
        p = c;
    }
    return asldot_buf_status(out);
}
