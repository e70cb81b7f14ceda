/*
 * gv_backend.c: diagram graph (IR) -> cgraph graph. The only file that builds Graphviz objects.
 *  - Names are synthetic (n<id>, cluster_<id>): state names only ever reach labels and tooltips.
 *  - Labels are HTML-like, built here from escaped text: & < > " become entities and every
 *    backslash is doubled, because Graphviz expands \N, \G, ... even inside HTML labels.
 *  - Every edge is created on the root graph, so no edge drags a node into a cluster.
 *  - Attributes are declared once on the root with a neutral "" default and set with agxset.
 * Graphviz 2.42 takes char * where it means const char *: the casts below are confined to gv_*()
 * wrappers.
 */
#include "gv_backend.h"
#include "alloc.h"
#include "buf.h"
#include "layout.h"

#include <cgraph.h>
#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#define NAME_WRAP   28 /* characters per line of a state name */
#define DETAIL_WRAP 40
#define TITLE_WRAP  90

/* Graphviz 2.42 prototypes lack const (STYLE.md G15). */
static char *gv_str(const char *s)
{
    return (char *)(uintptr_t)s;
}

static Agsym_t *gv_sym(Agraph_t *root, int kind, const char *name)
{
    Agsym_t *sym = agattr(root, kind, gv_str(name), NULL);
    if (sym == NULL)
        sym = agattr(root, kind, gv_str(name), gv_str(""));
    return sym;
}

static asldot_status gv_set(Agraph_t *root, void *obj, int kind, const char *name,
                            const char *value)
{
    Agsym_t *sym = gv_sym(root, kind, name);
    if (sym == NULL)
        return ASLDOT_ERR_NOMEM;
    agxset(obj, sym, gv_str(value));
    return ASLDOT_OK;
}

static asldot_status gv_set_html(Agraph_t *root, void *obj, int kind, const char *name,
                                 const char *html)
{
    Agsym_t *sym = gv_sym(root, kind, name);
    char *h;
    if (sym == NULL)
        return ASLDOT_ERR_NOMEM;
    h = agstrdup_html(root, gv_str(html));
    if (h == NULL)
        return ASLDOT_ERR_NOMEM;
    agxset(obj, sym, h);
    agstrfree(root, h);
    return ASLDOT_OK;
}

/* ---- text */

asldot_status asldot_gv_html_escape(asldot_buf *out, const char *s, size_t n)
{
    asldot_status st = ASLDOT_OK;
    for (size_t i = 0; i < n && st == ASLDOT_OK; i++) {
        unsigned char c = (unsigned char)s[i];
        switch (c) {
        case '&':
            st = asldot_buf_puts(out, "&amp;");
            break;
        case '<':
            st = asldot_buf_puts(out, "&lt;");
            break;
        case '>':
            st = asldot_buf_puts(out, "&gt;");
            break;
        case '"':
            st = asldot_buf_puts(out, "&quot;");
            break;
        case '\\':
            st = asldot_buf_puts(out, "\\\\");
            break;
        default:
            st = asldot_buf_putc(out, (c < 0x20 || c == 0x7f) ? ' ' : (char)c);
        }
    }
    return st;
}

/* Plain (non-HTML) attribute text: control characters other than newline become spaces, and
 * each backslash is repeated: twice for labels (one round of escString expansion), four times for
 * tooltips, which node tooltips put through two rounds (verified on 2.43 for nodes, edges and
 * clusters alike). Quotes need nothing: cgraph quotes on output and the SVG renderer escapes. */
static asldot_status plain_escape(asldot_buf *out, const char *s, int tooltip)
{
    asldot_status st = ASLDOT_OK;
    for (; *s && st == ASLDOT_OK; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '\\')
            st = asldot_buf_puts(out, tooltip ? "\\\\\\\\" : "\\\\");
        else
            st = asldot_buf_putc(out, ((c < 0x20 && c != '\n') || c == 0x7f) ? ' ' : (char)c);
    }
    return st;
}

static int is_upper(unsigned char c)
{
    return c >= 'A' && c <= 'Z';
}

static int is_lower(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

asldot_status asldot_gv_wrap(asldot_buf *out, const char *s, size_t width)
{
    size_t len = strlen(s), start = 0;
    asldot_status st = ASLDOT_OK;
    while (start < len && st == ASLDOT_OK) {
        size_t chars = 0, i = start, brk = 0, resume = 0;
        /* walk up to width characters, remembering the last good break */
        while (i < len && s[i] != '\n') {
            unsigned char c = (unsigned char)s[i];
            size_t clen = 1;
            if (chars == width)
                break;
            if (c >= 0xC0)
                while (i + clen < len && ((unsigned char)s[i + clen] & 0xC0) == 0x80)
                    clen++;
            if (chars >= width / 3) {
                if (c == ' ') {
                    brk = i;
                    resume = i + 1;
                } else if (c == '-' || c == '_' || c == '.' || c == '/' || c == ':' ||
                           c == ',') {
                    brk = resume = i + 1;
                } else if (is_upper(c) && i > start && is_lower((unsigned char)s[i - 1])) {
                    brk = resume = i;
                }
            }
            i += clen;
            chars++;
        }
        if (i >= len || s[i] == '\n') {
            st = asldot_buf_put(out, s + start, i - start);
            start = i + 1;
        } else if (brk > start) {
            st = asldot_buf_put(out, s + start, brk - start);
            start = resume;
        } else {
            st = asldot_buf_put(out, s + start, i - start);
            start = i;
        }
        if (st == ASLDOT_OK && start < len)
            st = asldot_buf_putc(out, '\n');
    }
    return st;
}

/* Appends each line of text (wrapped at width) as escaped HTML, wrapped in open/close, with
 * <BR/> between lines. */
static asldot_status html_lines(asldot_buf *out, const char *text, size_t width, const char *open,
                                const char *close, const char *br, int *first)
{
    asldot_buf wrapped = ASLDOT_BUF_INIT;
    asldot_status st = asldot_gv_wrap(&wrapped, text, width);
    const char *p = asldot_buf_cstr(&wrapped);
    while (st == ASLDOT_OK && *p) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        if (n == 0 || strspn(p, " \t") >= n) {
            /* blank lines would give empty <B></B>, which Graphviz rejects */
            p = nl ? nl + 1 : p + n;
            continue;
        }
        if (!*first)
            st = asldot_buf_puts(out, br);
        *first = 0;
        if (st == ASLDOT_OK)
            st = asldot_buf_puts(out, open);
        if (st == ASLDOT_OK)
            st = asldot_gv_html_escape(out, p, n);
        if (st == ASLDOT_OK)
            st = asldot_buf_puts(out, close);
        p = nl ? nl + 1 : p + n;
    }
    asldot_buf_free(&wrapped);
    return st;
}

/* <FONT ...> opening tag from the pseudo-attributes <prefix>color / <prefix>size. */
static asldot_status font_tag(asldot_buf *out, const asldot_ir_attrs *a, const char *color_attr,
                              const char *size_attr)
{
    const char *color = asldot_ir_get_attr(a, color_attr);
    const char *size = asldot_ir_get_attr(a, size_attr);
    asldot_status st = asldot_buf_puts(out, "<FONT");
    if (st == ASLDOT_OK && color) {
        st = asldot_buf_puts(out, " COLOR=\"");
        if (st == ASLDOT_OK)
            st = asldot_gv_html_escape(out, color, strlen(color));
        if (st == ASLDOT_OK)
            st = asldot_buf_putc(out, '"');
    }
    if (st == ASLDOT_OK && size) {
        st = asldot_buf_puts(out, " POINT-SIZE=\"");
        if (st == ASLDOT_OK)
            st = asldot_gv_html_escape(out, size, strlen(size));
        if (st == ASLDOT_OK)
            st = asldot_buf_putc(out, '"');
    }
    if (st == ASLDOT_OK)
        st = asldot_buf_putc(out, '>');
    return st;
}

/* The label of a state or container: bold name (with the style's glyph), detail lines, notes. */
static asldot_status object_label(asldot_buf *out, const char *name, const char *detail,
                                  const char *notes, const asldot_ir_attrs *a, const char *br)
{
    asldot_buf font = ASLDOT_BUF_INIT;
    const char *glyph = asldot_ir_get_attr(a, "glyph");
    asldot_status st = ASLDOT_OK;
    int first = 1;
    if (name && *name) {
        asldot_buf nm = ASLDOT_BUF_INIT;
        if (glyph && *glyph)
            st = asldot_buf_printf(&nm, "%s ", glyph);
        if (st == ASLDOT_OK)
            st = asldot_buf_puts(&nm, name);
        if (st == ASLDOT_OK)
            st = html_lines(out, nm.data, NAME_WRAP, "<B>", "</B>", br, &first);
        asldot_buf_free(&nm);
    }
    if (st == ASLDOT_OK && detail) {
        st = font_tag(&font, a, "detailcolor", "detailsize");
        if (st == ASLDOT_OK)
            st = html_lines(out, detail, DETAIL_WRAP, font.data, "</FONT>", br, &first);
    }
    if (st == ASLDOT_OK && notes) {
        asldot_buf_reset(&font);
        st = font_tag(&font, a, "notecolor", "notesize");
        if (st == ASLDOT_OK)
            st = html_lines(out, notes, DETAIL_WRAP, font.data, "</FONT>", br, &first);
    }
    if (st == ASLDOT_OK && first)
        st = asldot_buf_puts(out, " "); /* an empty HTML label is a syntax error */
    asldot_buf_free(&font);
    return st;
}

/* Style attributes that are ours, not Graphviz's. */
static int is_pseudo_attr(const char *name)
{
    return strcmp(name, "glyph") == 0 || strcmp(name, "detailcolor") == 0 ||
           strcmp(name, "detailsize") == 0 || strcmp(name, "notecolor") == 0 ||
           strcmp(name, "notesize") == 0;
}

static asldot_status apply_attrs(Agraph_t *root, void *obj, int kind, const asldot_ir_attrs *a)
{
    for (size_t i = 0; i < a->count; i++) {
        asldot_status st;
        if (is_pseudo_attr(a->items[i].name))
            continue;
        st = gv_set(root, obj, kind, a->items[i].name, a->items[i].value);
        if (st != ASLDOT_OK)
            return st;
    }
    return ASLDOT_OK;
}

static asldot_status set_plain(Agraph_t *root, void *obj, int kind, const char *name,
                               const char *text, asldot_buf *tmp)
{
    asldot_status st;
    if (text == NULL)
        return ASLDOT_OK;
    asldot_buf_reset(tmp);
    st = plain_escape(tmp, text, strstr(name, "tooltip") != NULL);
    if (st == ASLDOT_OK)
        st = gv_set(root, obj, kind, name, asldot_buf_cstr(tmp));
    return st;
}

/* ---- graph, clusters, nodes, edges */

/* Layout parameters chosen by the layout policy (layout.c): none for ordinary diagrams, which
 * get Graphviz's full-quality defaults. */
static asldot_status set_layout_params(Agraph_t *root, const asldot_layout_plan *plan)
{
    asldot_status st = ASLDOT_OK;
    for (size_t i = 0; i < plan->param_count && st == ASLDOT_OK; i++)
        st = gv_set(root, root, AGRAPH, plan->params[i].name, plan->params[i].value);
    return st;
}

static asldot_status build_root(Agraph_t *root, const asldot_graph *g,
                                const asldot_layout_plan *plan, asldot_buf *tmp)
{
    asldot_status st = gv_set(root, root, AGRAPH, "compound", "true");
    if (st == ASLDOT_OK)
        st = gv_set(root, root, AGRAPH, "rankdir", g->rankdir == ASLDOT_RANKDIR_LR ? "LR" : "TB");
    if (st == ASLDOT_OK)
        st = gv_set(root, root, AGRAPH, "outputorder", "edgesfirst");
    if (st == ASLDOT_OK)
        st = gv_set(root, root, AGRAPH, "class", "asl-dot");
    if (st == ASLDOT_OK)
        st = apply_attrs(root, root, AGRAPH, &g->attrs);
    if (st == ASLDOT_OK)
        st = set_layout_params(root, plan);
    if (st == ASLDOT_OK && (g->title || g->subtitle)) {
        int first = 1;
        asldot_buf_reset(tmp);
        if (g->title)
            st = html_lines(tmp, g->title, TITLE_WRAP, "<B>", "</B>", "<BR/>", &first);
        if (st == ASLDOT_OK && g->subtitle) {
            asldot_buf font = ASLDOT_BUF_INIT;
            st = font_tag(&font, &g->attrs, "detailcolor", "detailsize");
            if (st == ASLDOT_OK)
                st = html_lines(tmp, g->subtitle, TITLE_WRAP, font.data, "</FONT>", "<BR/>",
                                &first);
            asldot_buf_free(&font);
        }
        if (st == ASLDOT_OK)
            st = gv_set_html(root, root, AGRAPH, "label", tmp->data);
        if (st == ASLDOT_OK)
            st = gv_set(root, root, AGRAPH, "labelloc", "t");
    }
    return st;
}

static asldot_status build_cluster(Agraph_t *root, Agraph_t **subs, const asldot_graph *g,
                                   const asldot_ir_cluster *c, asldot_buf *tmp)
{
    char name[40];
    Agraph_t *parent = c->parent == ASLDOT_IR_NONE ? root : subs[c->parent];
    Agraph_t *sub;
    asldot_status st;
    (void)g;
    snprintf(name, sizeof name, "cluster_%zu", c->id);
    sub = agsubg(parent, name, 1);
    if (sub == NULL)
        return ASLDOT_ERR_NOMEM;
    subs[c->id] = sub;
    st = gv_set(root, sub, AGRAPH, "class", c->classes);
    if (st == ASLDOT_OK)
        st = apply_attrs(root, sub, AGRAPH, &c->attrs);
    if (st == ASLDOT_OK && c->kind != ASLDOT_IR_CLUSTER_BRANCH) {
        asldot_buf_reset(tmp);
        st = object_label(tmp, c->name, c->detail, c->notes, &c->attrs, "<BR ALIGN=\"LEFT\"/>");
        if (st == ASLDOT_OK)
            st = asldot_buf_puts(tmp, "<BR ALIGN=\"LEFT\"/>");
        if (st == ASLDOT_OK)
            st = gv_set_html(root, sub, AGRAPH, "label", tmp->data);
        if (st == ASLDOT_OK)
            st = gv_set(root, sub, AGRAPH, "labeljust", "l");
    } else if (st == ASLDOT_OK) {
        st = gv_set(root, sub, AGRAPH, "label", "");
    }
    if (st == ASLDOT_OK)
        /* explicit even when empty: a subgraph inherits its parent's values */
        st = set_plain(root, sub, AGRAPH, "tooltip", c->tooltip ? c->tooltip : "", tmp);
    return st;
}

static asldot_status build_node(Agraph_t *root, Agraph_t **subs, const asldot_ir_node *n,
                                Agnode_t **nodes, asldot_buf *tmp)
{
    char name[40];
    Agraph_t *home = n->cluster == ASLDOT_IR_NONE ? root : subs[n->cluster];
    Agnode_t *gn;
    asldot_status st;
    snprintf(name, sizeof name, "n%zu", n->id);
    gn = agnode(home, name, 1);
    if (gn == NULL)
        return ASLDOT_ERR_NOMEM;
    nodes[n->id] = gn;
    st = gv_set(root, gn, AGNODE, "class", n->classes);
    if (st != ASLDOT_OK)
        return st;
    if (n->kind == ASLDOT_IR_ANCHOR) {
        st = gv_set(root, gn, AGNODE, "shape", "point");
        if (st == ASLDOT_OK)
            st = gv_set(root, gn, AGNODE, "style", "invis");
        if (st == ASLDOT_OK)
            st = gv_set(root, gn, AGNODE, "width", "0.01");
        if (st == ASLDOT_OK)
            st = gv_set(root, gn, AGNODE, "height", "0.01");
        if (st == ASLDOT_OK)
            st = gv_set(root, gn, AGNODE, "label", "");
        return st;
    }
    st = apply_attrs(root, gn, AGNODE, &n->attrs);
    if (st == ASLDOT_OK) {
        asldot_buf_reset(tmp);
        st = object_label(tmp, n->name, n->detail, n->notes, &n->attrs, "<BR/>");
    }
    if (st == ASLDOT_OK)
        st = gv_set_html(root, gn, AGNODE, "label", tmp->data);
    if (st == ASLDOT_OK)
        st = set_plain(root, gn, AGNODE, "tooltip", n->tooltip, tmp);
    return st;
}

/* "ref" plus the target's classes, except "state" and "status-*": the SVG contract promises one
 * state group (and one status) per state, and a reference is not the state itself. */
static asldot_status ref_classes(asldot_buf *out, const char *classes)
{
    asldot_status st = asldot_buf_puts(out, "ref");
    const char *p = classes ? classes : "";
    while (st == ASLDOT_OK && *p) {
        size_t n = strcspn(p, " ");
        if (n > 0 && !(n == 5 && strncmp(p, "state", 5) == 0) && strncmp(p, "status-", 7) != 0) {
            st = asldot_buf_putc(out, ' ');
            if (st == ASLDOT_OK)
                st = asldot_buf_put(out, p, n);
        }
        p += n;
        p += strspn(p, " ");
    }
    return st;
}

/* Large graphs only (layout.c): a long edge ends at a reference node beside its tail instead of
 * crossing the diagram. The reference looks like its target (a container's colours on a box),
 * dashed unless it is a marker, and shows the target's name; named "r<edge id>", classes "ref"
 * plus the target's but for "state" and "status-*". It sits in the cluster of the edge's tail (outside a clipped container). */
static asldot_status build_ref(Agraph_t *root, Agraph_t **subs, const asldot_graph *g,
                               const asldot_ir_edge *e, Agnode_t **out, asldot_buf *tmp)
{
    static const char *const cluster_attrs[] = {"color", "fillcolor", "penwidth", "fontcolor",
                                                "fontname", "fontsize"};
    const asldot_ir_node *to = g->nodes[e->to];
    const asldot_ir_cluster *tc = NULL;
    const asldot_ir_attrs *a = &to->attrs;
    size_t home = g->nodes[e->from]->cluster;
    const char *style, *classes = to->classes, *name = to->name, *tooltip = to->tooltip;
    asldot_buf buf = ASLDOT_BUF_INIT;
    char id[40];
    asldot_status st = ASLDOT_OK;

    if (e->lhead != ASLDOT_IR_NONE && e->lhead < g->cluster_count)
        tc = g->clusters[e->lhead];
    else if (to->kind == ASLDOT_IR_ANCHOR && to->cluster < g->cluster_count)
        tc = g->clusters[to->cluster];
    if (e->ltail != ASLDOT_IR_NONE && e->ltail < g->cluster_count)
        home = g->clusters[e->ltail]->parent;
    snprintf(id, sizeof id, "r%zu", e->id);
    *out = agnode(home < g->cluster_count ? subs[home] : root, id, 1);
    if (*out == NULL)
        return ASLDOT_ERR_NOMEM;
    if (tc != NULL) {
        a = &tc->attrs;
        classes = tc->classes;
        name = tc->name;
        tooltip = tc->tooltip;
        for (size_t i = 0; i < sizeof cluster_attrs / sizeof *cluster_attrs && st == ASLDOT_OK;
             i++) {
            const char *v = asldot_ir_get_attr(a, cluster_attrs[i]);
            if (v != NULL)
                st = gv_set(root, *out, AGNODE, cluster_attrs[i], v);
        }
        if (st == ASLDOT_OK)
            st = gv_set(root, *out, AGNODE, "shape", "box");
    } else {
        st = apply_attrs(root, *out, AGNODE, a);
    }
    style = asldot_ir_get_attr(a, "style");
    if (st == ASLDOT_OK && to->kind != ASLDOT_IR_START && to->kind != ASLDOT_IR_END &&
        (style == NULL || strstr(style, "dashed") == NULL))
        st = asldot_buf_printf(&buf, "%s%sdashed", style ? style : "", style ? "," : "");
    if (st == ASLDOT_OK && buf.len > 0)
        st = gv_set(root, *out, AGNODE, "style", buf.data);
    asldot_buf_reset(&buf);
    if (st == ASLDOT_OK)
        st = ref_classes(&buf, classes);
    if (st == ASLDOT_OK)
        st = gv_set(root, *out, AGNODE, "class", buf.data);
    asldot_buf_free(&buf);
    if (st == ASLDOT_OK) {
        asldot_buf_reset(tmp);
        st = object_label(tmp, name, NULL, NULL, a, "<BR/>");
    }
    if (st == ASLDOT_OK)
        st = gv_set_html(root, *out, AGNODE, "label", tmp->data);
    if (st == ASLDOT_OK)
        st = set_plain(root, *out, AGNODE, "tooltip", tooltip, tmp);
    return st;
}

static asldot_status build_edge(Agraph_t *root, Agraph_t **subs, Agnode_t **nodes,
                                const asldot_graph *g, const asldot_ir_edge *e, int action,
                                asldot_buf *tmp)
{
    Agnode_t *head;
    Agedge_t *ge;
    asldot_status st;
    if (e->from >= g->node_count || e->to >= g->node_count)
        return ASLDOT_ERR_ARGS;
    if (action == ASLDOT_LAYOUT_EDGE_DROP)
        return ASLDOT_OK;
    head = nodes[e->to];
    if (action == ASLDOT_LAYOUT_EDGE_REF && (st = build_ref(root, subs, g, e, &head, tmp)) !=
                                                ASLDOT_OK)
        return st;
    ge = agedge(root, nodes[e->from], head, NULL, 1);
    if (ge == NULL)
        return ASLDOT_ERR_NOMEM;
    st = gv_set(root, ge, AGEDGE, "class", e->classes);
    if (st == ASLDOT_OK && e->ltail != ASLDOT_IR_NONE)
        st = gv_set(root, ge, AGEDGE, "ltail", agnameof(subs[e->ltail]));
    if (st == ASLDOT_OK && e->lhead != ASLDOT_IR_NONE && action != ASLDOT_LAYOUT_EDGE_REF)
        st = gv_set(root, ge, AGEDGE, "lhead", agnameof(subs[e->lhead]));
    /* a reference node is ranked by its one edge */
    if (st == ASLDOT_OK && !e->constraint && action != ASLDOT_LAYOUT_EDGE_REF)
        st = gv_set(root, ge, AGEDGE, "constraint", "false");
    if (st != ASLDOT_OK)
        return st;
    switch (e->kind) {
    case ASLDOT_IR_EDGE_LAYOUT:
        return gv_set(root, ge, AGEDGE, "style", "invis");
    case ASLDOT_IR_EDGE_NEXT:
    case ASLDOT_IR_EDGE_START:
        st = gv_set(root, ge, AGEDGE, "weight", "4");
        break;
    case ASLDOT_IR_EDGE_CATCH:
        st = gv_set(root, ge, AGEDGE, "weight", "1");
        break;
    default:
        st = gv_set(root, ge, AGEDGE, "weight", "2");
        break;
    }
    if (st == ASLDOT_OK)
        st = apply_attrs(root, ge, AGEDGE, &e->attrs);
    if (st == ASLDOT_OK)
        st = set_plain(root, ge, AGEDGE, "label", e->label, tmp);
    if (st == ASLDOT_OK)
        st = set_plain(root, ge, AGEDGE, "tooltip", e->tooltip ? e->tooltip : e->label, tmp);
    if (st == ASLDOT_OK)
        st = set_plain(root, ge, AGEDGE, "labeltooltip", e->tooltip ? e->tooltip : e->label, tmp);
    return st;
}

asldot_status asldot_gv_graph_new(Agraph_t **out, const asldot_graph *g)
{
    Agraph_t *root;
    Agraph_t **subs = NULL;
    Agnode_t **nodes = NULL;
    asldot_buf tmp = ASLDOT_BUF_INIT;
    asldot_layout_plan plan;
    asldot_status st = ASLDOT_OK;

    memset(&plan, 0, sizeof plan);
    if (out == NULL || g == NULL)
        return ASLDOT_ERR_ARGS;
    *out = NULL;
    root = agopen(gv_str("asl"), Agdirected, NULL);
    if (root == NULL)
        return ASLDOT_ERR_NOMEM;
    subs = asldot_calloc(g->cluster_count, sizeof *subs);
    nodes = asldot_calloc(g->node_count, sizeof *nodes);
    if (subs == NULL || nodes == NULL)
        st = ASLDOT_ERR_NOMEM;
    if (st == ASLDOT_OK)
        st = asldot_layout_plan_make(&plan, g);
    if (st == ASLDOT_OK)
        st = build_root(root, g, &plan, &tmp);
    /* a cluster's parent always precedes it (build.c creates them top-down) */
    for (size_t i = 0; st == ASLDOT_OK && i < g->cluster_count; i++)
        st = build_cluster(root, subs, g, g->clusters[i], &tmp);
    for (size_t i = 0; st == ASLDOT_OK && i < g->node_count; i++)
        st = build_node(root, subs, g->nodes[i], nodes, &tmp);
    for (size_t i = 0; st == ASLDOT_OK && i < g->edge_count; i++)
        st = build_edge(root, subs, nodes, g, g->edges[i],
                        plan.edge_action ? plan.edge_action[i] : ASLDOT_LAYOUT_EDGE_KEEP, &tmp);

    asldot_free(subs);
    asldot_free(nodes);
    asldot_layout_plan_free(&plan);
    asldot_buf_free(&tmp);
    if (st != ASLDOT_OK) {
        agclose(root);
        return st;
    }
    *out = root;
    return ASLDOT_OK;
}

void asldot_gv_graph_free(Agraph_t *gv)
{
    if (gv != NULL)
        agclose(gv);
}

asldot_status asldot_gv_write_dot(Agraph_t *gv, char **out, size_t *out_len)
{
    char *data = NULL;
    size_t len = 0;
    FILE *f;
    int rc;
    *out = NULL;
    *out_len = 0;
    f = open_memstream(&data, &len);
    if (f == NULL)
        return ASLDOT_ERR_NOMEM;
    rc = agwrite(gv, f);
    if (fclose(f) != 0 || rc != 0) {
        free(data);
        return ASLDOT_ERR_IO;
    }
    /* hand over a buffer from our own allocator */
    *out = asldot_strndup(data, len);
    free(data);
    if (*out == NULL)
        return ASLDOT_ERR_NOMEM;
    *out_len = len;
    return ASLDOT_OK;
}
