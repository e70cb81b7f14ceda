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
#include "gv_compat.h"
#include "gv_ids.h"
#include "svg_ids.h"
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

/* ---- attribute symbols
 * cgraph looks an attribute up by name in an ordered dictionary on every agattr, and declaring a
 * new one walks every object that already exists. So each Agsym_t is kept here, the style's
 * attributes are declared before the first object is made, and node and edge attributes get the
 * most common value of the style as their declared default: an object then only sets what
 * differs. A node or edge lacking an attribute whose default is not "" is given "" explicitly
 * (gv_object_end), so that defaults never change a picture. Graph attributes keep "" defaults
 * and are always set: a subgraph inherits what its parent had when it was made. */

typedef struct gv_attr {
    const char *name; /* borrowed: a literal or the IR's (which outlives the build) */
    const char *dflt; /* borrowed likewise: the declared default */
    Agsym_t *sym;
    int seen; /* set on the current object */
} gv_attr;

typedef struct gv_attr_table {
    gv_attr *items;
    size_t count, cap;
} gv_attr_table;

enum { GV_KIND_GRAPH, GV_KIND_NODE, GV_KIND_EDGE, GV_KINDS };

typedef struct gv_build {
    Agraph_t *root;
    const asldot_svg_ids *ids; /* every object's SVG id (svg_ids.c) */
    gv_attr_table kinds[GV_KINDS];
    asldot_buf tmp; /* scratch for labels */
} gv_build;

static gv_attr_table *gv_table(gv_build *b, int kind)
{
    return &b->kinds[kind == AGRAPH ? GV_KIND_GRAPH : kind == AGNODE ? GV_KIND_NODE : GV_KIND_EDGE];
}

static gv_attr *gv_find(gv_attr_table *t, const char *name)
{
    for (size_t i = 0; i < t->count; i++)
        if (t->items[i].name == name || strcmp(t->items[i].name, name) == 0)
            return &t->items[i];
    return NULL;
}

/* Declares name on the root with dflt unless it is declared already. */
static gv_attr *gv_declare(gv_build *b, int kind, const char *name, const char *dflt)
{
    gv_attr_table *t = gv_table(b, kind);
    gv_attr *a = gv_find(t, name);
    if (a != NULL)
        return a;
    a = asldot_grow(t->items, &t->cap, t->count, sizeof *a, 32);
    if (a == NULL)
        return NULL;
    t->items = a;
    a = &t->items[t->count];
    a->sym = agattr(b->root, kind, gv_str(name), gv_str(dflt));
    if (a->sym == NULL)
        return NULL;
    a->name = name;
    a->dflt = dflt;
    a->seen = 0;
    t->count++;
    return a;
}

/* Starts a node or edge: no attribute has been seen on it yet. */
static void gv_object_begin(gv_build *b, int kind)
{
    gv_attr_table *t = gv_table(b, kind);
    for (size_t i = 0; i < t->count; i++)
        t->items[i].seen = 0;
}

/* Ends a node or edge: what it did not set must not take a non-empty default. */
static void gv_object_end(gv_build *b, void *obj, int kind)
{
    gv_attr_table *t = gv_table(b, kind);
    for (size_t i = 0; i < t->count; i++)
        if (!t->items[i].seen && t->items[i].dflt[0] != '\0')
            agxset(obj, t->items[i].sym, gv_str(""));
}

static asldot_status gv_set(gv_build *b, void *obj, int kind, const char *name, const char *value)
{
    gv_attr *a = gv_declare(b, kind, name, "");
    int again;
    if (a == NULL)
        return ASLDOT_ERR_NOMEM;
    again = a->seen; /* set before on this object: its value is no longer the default */
    a->seen = 1;
    if (kind == AGRAPH || again || strcmp(value, a->dflt) != 0)
        agxset(obj, a->sym, gv_str(value));
    return ASLDOT_OK;
}

static asldot_status gv_set_html(gv_build *b, void *obj, int kind, const char *name,
                                 const char *html)
{
    gv_attr *a = gv_declare(b, kind, name, "");
    char *h;
    if (a == NULL)
        return ASLDOT_ERR_NOMEM;
    a->seen = 1;
    h = agstrdup_html(b->root, gv_str(html));
    if (h == NULL)
        return ASLDOT_ERR_NOMEM;
    agxset(obj, a->sym, h);
    asldot_gv_strfree(b->root, h, 1);
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

/* Whether position i of s lies in a word (no spaces) that begins with "arn:". */
static int in_arn(const char *s, size_t i)
{
    size_t b = i;
    while (b > 0 && s[b - 1] != ' ' && s[b - 1] != '\n')
        b--;
    return strncmp(s + b, "arn:", 4) == 0;
}

asldot_status asldot_gv_wrap(asldot_buf *out, const char *s, size_t width)
{
    size_t len = strlen(s), start = 0;
    asldot_status st = ASLDOT_OK;
    while (start < len && st == ASLDOT_OK) {
        /* the last space, and the last break inside a word (after - _ . / : , or before a
         * capital that follows a lower-case letter or digit; before or after a ${...}
         * placeholder, never inside one; in an ARN only after its : and /, never inside a
         * segment), within width characters */
        size_t chars = 0, i = start, space = 0, space_resume = 0, inword = 0, brk, resume;
        int placeholder = 0; /* inside ${...}: never broken, only before it or after it */
        int arn = in_arn(s, start), space_wins;
        while (i < len && s[i] != '\n') {
            unsigned char c = (unsigned char)s[i];
            size_t clen = 1;
            if (chars == width)
                break;
            if (c >= 0xC0)
                while (i + clen < len && ((unsigned char)s[i + clen] & 0xC0) == 0x80)
                    clen++;
            if ((i == 0 || s[i - 1] == ' ') && strncmp(s + i, "arn:", 4) == 0)
                arn = 1;
            if (c == '$' && i + 1 < len && s[i + 1] == '{') {
                if (chars >= width / 3 && i > start && (!arn || s[i - 1] == ':' || s[i - 1] == '/'))
                    inword = i;
                placeholder = 1;
            } else if (placeholder) {
                if (c == '}') {
                    placeholder = 0;
                    if (chars >= width / 3 &&
                        (!arn || i + 1 >= len || s[i + 1] == ':' || s[i + 1] == '/'))
                        inword = i + 1;
                }
            } else if (c == ' ') {
                arn = 0;
                if (chars >= width / 3) {
                    space = i;
                    space_resume = i + 1;
                }
            } else if (arn) {
                if (chars >= width / 3 && (c == ':' || c == '/'))
                    inword = i + 1;
            } else if (chars >= width / 3) {
                if (c == '-' || c == '_' || c == '.' || c == '/' || c == ':' || c == ',') {
                    inword = i + 1;
                } else if (is_upper(c) && i > start && is_lower((unsigned char)s[i - 1])) {
                    inword = i;
                }
            }
            i += clen;
            chars++;
        }
        /* a space wins unless it leaves the line less than half full: identifiers such as
         * Lambda.TooManyRequestsException stay whole when the text has spaces to break at */
        space_wins = space > start && space - start >= (i - start) / 2;
        if (inword > start && !space_wins) {
            brk = resume = inword;
        } else {
            brk = space;
            resume = space_resume;
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

/* reversed: an edge given to Graphviz from its head to its tail (a loop back, gv_backend.c's
 * build_edge), whose arrow ends swap. */
static asldot_status apply_edge_attrs(gv_build *b, void *obj, int kind, const asldot_ir_attrs *a,
                                      int reversed)
{
    for (size_t i = 0; i < a->count; i++) {
        asldot_status st;
        const char *name = a->items[i].name;
        if (is_pseudo_attr(name))
            continue;
        if (reversed && strcmp(name, "arrowhead") == 0)
            name = "arrowtail";
        else if (reversed && strcmp(name, "arrowtail") == 0)
            name = "arrowhead";
        st = gv_set(b, obj, kind, name, a->items[i].value);
        if (st != ASLDOT_OK)
            return st;
    }
    return ASLDOT_OK;
}

static asldot_status apply_attrs(gv_build *b, void *obj, int kind, const asldot_ir_attrs *a)
{
    return apply_edge_attrs(b, obj, kind, a, 0);
}

static asldot_status set_plain(gv_build *b, void *obj, int kind, const char *name, const char *text,
                               asldot_buf *tmp)
{
    asldot_status st;
    if (text == NULL)
        return ASLDOT_OK;
    asldot_buf_reset(tmp);
    st = plain_escape(tmp, text, strstr(name, "tooltip") != NULL);
    if (st == ASLDOT_OK)
        st = gv_set(b, obj, kind, name, asldot_buf_cstr(tmp));
    return st;
}

/* ---- graph, clusters, nodes, edges */

/* Layout parameters chosen by the layout policy (layout.c): none for ordinary diagrams, which
 * get Graphviz's full-quality defaults. */
static asldot_status set_layout_params(gv_build *b, const asldot_layout_plan *plan)
{
    asldot_status st = ASLDOT_OK;
    for (size_t i = 0; i < plan->param_count && st == ASLDOT_OK; i++)
        st = gv_set(b, b->root, AGRAPH, plan->params[i].name, plan->params[i].value);
    return st;
}

static asldot_status build_root(gv_build *b, const asldot_graph *g, const asldot_layout_plan *plan)
{
    Agraph_t *root = b->root;
    asldot_buf *tmp = &b->tmp;
    asldot_status st = gv_set(b, root, AGRAPH, "compound", "true");
    if (st == ASLDOT_OK)
        st = gv_set(b, root, AGRAPH, "rankdir", g->rankdir == ASLDOT_RANKDIR_LR ? "LR" : "TB");
    if (st == ASLDOT_OK)
        st = gv_set(b, root, AGRAPH, "outputorder", "edgesfirst");
    if (st == ASLDOT_OK)
        st = gv_set(b, root, AGRAPH, "class", "asl-dot");
    if (st == ASLDOT_OK)
        st = apply_attrs(b, root, AGRAPH, &g->attrs);
    if (st == ASLDOT_OK)
        st = set_layout_params(b, plan);
    if (st == ASLDOT_OK && (g->title || g->subtitle || g->note)) {
        int first = 1;
        asldot_buf_reset(tmp);
        asldot_buf font = ASLDOT_BUF_INIT;
        if (g->title)
            st = html_lines(tmp, g->title, TITLE_WRAP, "<B>", "</B>", "<BR/>", &first);
        if (st == ASLDOT_OK && (g->subtitle || g->note))
            st = font_tag(&font, &g->attrs, "detailcolor", "detailsize");
        if (st == ASLDOT_OK && g->subtitle)
            st = html_lines(tmp, g->subtitle, TITLE_WRAP, font.data, "</FONT>", "<BR/>", &first);
        if (st == ASLDOT_OK && g->note)
            st = html_lines(tmp, g->note, TITLE_WRAP, font.data, "</FONT>", "<BR/>", &first);
        asldot_buf_free(&font);
        if (st == ASLDOT_OK)
            st = gv_set_html(b, root, AGRAPH, "label", tmp->data);
        if (st == ASLDOT_OK)
            st = gv_set(b, root, AGRAPH, "labelloc", "t");
    }
    if (st == ASLDOT_OK && g->tooltip)
        st = set_plain(b, root, AGRAPH, "tooltip", g->tooltip, tmp);
    return st;
}

static asldot_status build_cluster(gv_build *b, Agraph_t **subs, const asldot_ir_cluster *c)
{
    char name[40];
    asldot_buf *tmp = &b->tmp;
    Agraph_t *parent = c->parent == ASLDOT_IR_NONE ? b->root : subs[c->parent];
    Agraph_t *sub;
    asldot_status st;
    snprintf(name, sizeof name, "cluster_%zu", c->id);
    sub = agsubg(parent, name, 1);
    if (sub == NULL)
        return ASLDOT_ERR_NOMEM;
    subs[c->id] = sub;
    st = gv_set(b, sub, AGRAPH, "id", b->ids->cluster[c->id]);
    if (st == ASLDOT_OK)
        st = gv_set(b, sub, AGRAPH, "class", c->classes);
    if (st == ASLDOT_OK)
        st = apply_attrs(b, sub, AGRAPH, &c->attrs);
    if (st == ASLDOT_OK && c->kind != ASLDOT_IR_CLUSTER_BRANCH) {
        asldot_buf_reset(tmp);
        st = object_label(tmp, c->name, c->detail, c->notes, &c->attrs, "<BR ALIGN=\"LEFT\"/>");
        if (st == ASLDOT_OK)
            st = asldot_buf_puts(tmp, "<BR ALIGN=\"LEFT\"/>");
        if (st == ASLDOT_OK)
            st = gv_set_html(b, sub, AGRAPH, "label", tmp->data);
        if (st == ASLDOT_OK)
            st = gv_set(b, sub, AGRAPH, "labeljust", "l");
    } else if (st == ASLDOT_OK) {
        st = gv_set(b, sub, AGRAPH, "label", "");
    }
    if (st == ASLDOT_OK)
        /* explicit even when empty: a subgraph inherits its parent's values */
        st = set_plain(b, sub, AGRAPH, "tooltip", c->tooltip ? c->tooltip : "", tmp);
    return st;
}

static asldot_status node_attrs(gv_build *b, Agnode_t *gn, const asldot_ir_node *n)
{
    asldot_buf *tmp = &b->tmp;
    asldot_status st = gv_set(b, gn, AGNODE, "id", b->ids->node[n->id]);
    if (st == ASLDOT_OK)
        st = gv_set(b, gn, AGNODE, "class", n->classes);
    if (st != ASLDOT_OK)
        return st;
    if (n->kind == ASLDOT_IR_ANCHOR) {
        st = gv_set(b, gn, AGNODE, "shape", "point");
        if (st == ASLDOT_OK)
            st = gv_set(b, gn, AGNODE, "style", "invis");
        if (st == ASLDOT_OK)
            st = gv_set(b, gn, AGNODE, "width", "0.01");
        if (st == ASLDOT_OK)
            st = gv_set(b, gn, AGNODE, "height", "0.01");
        if (st == ASLDOT_OK)
            st = gv_set(b, gn, AGNODE, "label", "");
        return st;
    }
    st = apply_attrs(b, gn, AGNODE, &n->attrs);
    if (st == ASLDOT_OK) {
        asldot_buf_reset(tmp);
        st = object_label(tmp, n->name, n->detail, n->notes, &n->attrs, "<BR/>");
    }
    if (st == ASLDOT_OK)
        st = gv_set_html(b, gn, AGNODE, "label", tmp->data);
    if (st == ASLDOT_OK)
        st = set_plain(b, gn, AGNODE, "tooltip", n->tooltip, tmp);
    return st;
}

static asldot_status build_node(gv_build *b, Agraph_t **subs, const asldot_ir_node *n,
                                Agnode_t **nodes)
{
    char name[40];
    Agraph_t *home = n->cluster == ASLDOT_IR_NONE ? b->root : subs[n->cluster];
    Agnode_t *gn;
    asldot_status st;
    snprintf(name, sizeof name, "n%zu", n->id);
    gn = agnode(home, name, 1);
    if (gn == NULL)
        return ASLDOT_ERR_NOMEM;
    nodes[n->id] = gn;
    gv_object_begin(b, AGNODE);
    st = node_attrs(b, gn, n);
    if (st == ASLDOT_OK)
        gv_object_end(b, gn, AGNODE);
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
 * plus the target's but for "state" and "status-*". It sits in the cluster of the edge's tail
 * (outside a clipped container). */
static asldot_status build_ref(gv_build *b, Agraph_t **subs, const asldot_graph *g,
                               const asldot_ir_edge *e, Agnode_t **out)
{
    static const char *const cluster_attrs[] = {"color",     "fillcolor", "penwidth",
                                                "fontcolor", "fontname",  "fontsize"};
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
    *out = agnode(home < g->cluster_count ? subs[home] : b->root, id, 1);
    if (*out == NULL)
        return ASLDOT_ERR_NOMEM;
    gv_object_begin(b, AGNODE);
    if (tc != NULL) {
        a = &tc->attrs;
        classes = tc->classes;
        name = tc->name;
        tooltip = tc->tooltip;
        for (size_t i = 0; i < sizeof cluster_attrs / sizeof *cluster_attrs && st == ASLDOT_OK;
             i++) {
            const char *v = asldot_ir_get_attr(a, cluster_attrs[i]);
            if (v != NULL)
                st = gv_set(b, *out, AGNODE, cluster_attrs[i], v);
        }
        if (st == ASLDOT_OK)
            st = gv_set(b, *out, AGNODE, "shape", "box");
    } else {
        st = apply_attrs(b, *out, AGNODE, a);
    }
    style = asldot_ir_get_attr(a, "style");
    if (st == ASLDOT_OK && to->kind != ASLDOT_IR_START && to->kind != ASLDOT_IR_END &&
        (style == NULL || strstr(style, "dashed") == NULL))
        st = asldot_buf_printf(&buf, "%s%sdashed", style ? style : "", style ? "," : "");
    if (st == ASLDOT_OK && buf.len > 0)
        st = gv_set(b, *out, AGNODE, "style", buf.data);
    asldot_buf_reset(&buf);
    if (st == ASLDOT_OK)
        st = ref_classes(&buf, classes);
    if (st == ASLDOT_OK)
        st = gv_set(b, *out, AGNODE, "class", buf.data);
    asldot_buf_reset(&buf);
    if (st == ASLDOT_OK)
        st = asldot_buf_printf(&buf, "ref-%s", b->ids->edge[e->id]);
    if (st == ASLDOT_OK)
        st = gv_set(b, *out, AGNODE, "id", buf.data);
    asldot_buf_free(&buf);
    if (st == ASLDOT_OK) {
        asldot_buf_reset(&b->tmp);
        st = object_label(&b->tmp, name, NULL, NULL, a, "<BR/>");
    }
    if (st == ASLDOT_OK)
        st = gv_set_html(b, *out, AGNODE, "label", b->tmp.data);
    if (st == ASLDOT_OK)
        st = set_plain(b, *out, AGNODE, "tooltip", tooltip, &b->tmp);
    if (st == ASLDOT_OK)
        gv_object_end(b, *out, AGNODE);
    return st;
}

/* A loop back drawn to its state (not to a reference) is given to Graphviz reversed. */
static int reversed_edge(const asldot_ir_edge *e, int action)
{
    return e->loop && !e->constraint && action == ASLDOT_LAYOUT_EDGE_KEEP;
}

static asldot_status edge_attrs(gv_build *b, Agedge_t *ge, Agraph_t **subs, const asldot_ir_edge *e,
                                int action, int merge)
{
    int rev = reversed_edge(e, action);
    const char *tail_attr = rev ? "lhead" : "ltail", *head_attr = rev ? "ltail" : "lhead";
    asldot_status st = gv_set(b, ge, AGEDGE, "id", b->ids->edge[e->id]);
    if (st != ASLDOT_OK)
        return st;
    if (rev) { /* the SVG contract marks it, and svg_titles.c reads it back in flow order */
        asldot_buf_reset(&b->tmp);
        (void)asldot_buf_puts(&b->tmp, e->classes);
        (void)asldot_buf_puts(&b->tmp, " loop");
        st = asldot_buf_status(&b->tmp);
        if (st == ASLDOT_OK)
            st = gv_set(b, ge, AGEDGE, "class", b->tmp.data);
        if (st == ASLDOT_OK)
            st = gv_set(b, ge, AGEDGE, "dir", "back");
    } else {
        st = gv_set(b, ge, AGEDGE, "class", e->classes);
    }
    if (st == ASLDOT_OK && merge) /* a fan-in: every such edge ends at the same point (layout.h) */
        st = gv_set(b, ge, AGEDGE, "samehead", "fan-in");
    if (st == ASLDOT_OK && e->ltail != ASLDOT_IR_NONE)
        st = gv_set(b, ge, AGEDGE, tail_attr, agnameof(subs[e->ltail]));
    if (st == ASLDOT_OK && e->lhead != ASLDOT_IR_NONE && action != ASLDOT_LAYOUT_EDGE_REF)
        st = gv_set(b, ge, AGEDGE, head_attr, agnameof(subs[e->lhead]));
    /* a reference node is ranked by its one edge; a reversed loop ranks with the flow */
    if (st == ASLDOT_OK && !e->constraint && action != ASLDOT_LAYOUT_EDGE_REF && !rev)
        st = gv_set(b, ge, AGEDGE, "constraint", "false");
    if (st != ASLDOT_OK)
        return st;
    switch (e->kind) {
    case ASLDOT_IR_EDGE_LAYOUT:
        return gv_set(b, ge, AGEDGE, "style", "invis");
    case ASLDOT_IR_EDGE_NEXT:
    case ASLDOT_IR_EDGE_START:
        st = gv_set(b, ge, AGEDGE, "weight", "4");
        break;
    case ASLDOT_IR_EDGE_CATCH:
        st = gv_set(b, ge, AGEDGE, "weight", "1");
        break;
    default:
        st = gv_set(b, ge, AGEDGE, "weight", "2");
        break;
    }
    if (st == ASLDOT_OK)
        st = apply_edge_attrs(b, ge, AGEDGE, &e->attrs, rev);
    if (st == ASLDOT_OK)
        st = set_plain(b, ge, AGEDGE, "label", e->label, &b->tmp);
    if (st == ASLDOT_OK)
        st = set_plain(b, ge, AGEDGE, "tooltip", e->tooltip ? e->tooltip : e->label, &b->tmp);
    if (st == ASLDOT_OK)
        st = set_plain(b, ge, AGEDGE, "labeltooltip", e->tooltip ? e->tooltip : e->label, &b->tmp);
    return st;
}

static asldot_status build_edge(gv_build *b, Agraph_t **subs, Agnode_t **nodes,
                                const asldot_graph *g, const asldot_ir_edge *e, int action,
                                int merge)
{
    Agnode_t *head;
    Agedge_t *ge;
    asldot_status st;
    if (e->from >= g->node_count || e->to >= g->node_count)
        return ASLDOT_ERR_ARGS;
    if (action == ASLDOT_LAYOUT_EDGE_DROP)
        return ASLDOT_OK;
    head = nodes[e->to];
    if (action == ASLDOT_LAYOUT_EDGE_REF && (st = build_ref(b, subs, g, e, &head)) != ASLDOT_OK)
        return st;
    ge = reversed_edge(e, action) ? agedge(b->root, head, nodes[e->from], NULL, 1)
                                  : agedge(b->root, nodes[e->from], head, NULL, 1);
    if (ge == NULL)
        return ASLDOT_ERR_NOMEM;
    gv_object_begin(b, AGEDGE);
    st = edge_attrs(b, ge, subs, e, action, merge);
    if (st == ASLDOT_OK)
        gv_object_end(b, ge, AGEDGE);
    return st;
}

/* Adds each style attribute name of a to the vote table (candidate "", no votes yet). */
static asldot_status vote_names(gv_attr_table *votes, const asldot_ir_attrs *a)
{
    for (size_t i = 0; i < a->count; i++) {
        const char *name = a->items[i].name;
        gv_attr *v;
        if (is_pseudo_attr(name) || gv_find(votes, name) != NULL)
            continue;
        v = asldot_grow(votes->items, &votes->cap, votes->count, sizeof *v, 32);
        if (v == NULL)
            return ASLDOT_ERR_NOMEM;
        votes->items = v;
        v = &votes->items[votes->count++];
        v->name = name;
        v->dflt = "";
        v->sym = NULL;
        v->seen = 0;
    }
    return ASLDOT_OK;
}

static void vote_one(gv_attr *v, const char *value)
{
    if (v->dflt == value || strcmp(v->dflt, value) == 0) {
        v->seen++;
    } else if (v->seen == 0) {
        v->dflt = value;
        v->seen = 1;
    } else {
        v->seen--;
    }
}

/* One object's ballot: Boyer-Moore majority vote per attribute name, dflt holding the candidate
 * and seen its count, an attribute the object lacks voting for "". The winner is the most common
 * value whenever one value is held by more than half of the objects, which the style's shared
 * fonts, pens and margins are. marks has votes->count entries. */
static void vote(gv_attr_table *votes, const asldot_ir_attrs *a, unsigned char *marks)
{
    memset(marks, 0, votes->count);
    for (size_t i = 0; i < a->count; i++) {
        gv_attr *v = gv_find(votes, a->items[i].name);
        if (v != NULL) {
            vote_one(v, a->items[i].value);
            marks[v - votes->items] = 1;
        }
    }
    for (size_t i = 0; i < votes->count; i++)
        if (!marks[i])
            vote_one(&votes->items[i], "");
}

static asldot_status declare_voted(gv_build *b, int kind, gv_attr_table *votes)
{
    asldot_status st = ASLDOT_OK;
    for (size_t i = 0; i < votes->count && st == ASLDOT_OK; i++)
        if (gv_declare(b, kind, votes->items[i].name, votes->items[i].dflt) == NULL)
            st = ASLDOT_ERR_NOMEM;
    return st;
}

static asldot_status declare_fixed(gv_build *b, int kind, const char *const *names, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (gv_declare(b, kind, names[i], "") == NULL)
            return ASLDOT_ERR_NOMEM;
    return ASLDOT_OK;
}

static asldot_status declare_graph_attrs(gv_build *b, const asldot_graph *g,
                                         const asldot_layout_plan *plan)
{
    static const char *const fixed[] = {"compound", "rankdir",   "outputorder", "class", "label",
                                        "labelloc", "labeljust", "tooltip",     "id"};
    asldot_status st = declare_fixed(b, AGRAPH, fixed, sizeof fixed / sizeof *fixed);
    for (size_t i = 0; i < g->attrs.count && st == ASLDOT_OK; i++)
        if (!is_pseudo_attr(g->attrs.items[i].name) &&
            gv_declare(b, AGRAPH, g->attrs.items[i].name, "") == NULL)
            st = ASLDOT_ERR_NOMEM;
    for (size_t c = 0; c < g->cluster_count && st == ASLDOT_OK; c++) {
        const asldot_ir_attrs *a = &g->clusters[c]->attrs;
        for (size_t i = 0; i < a->count && st == ASLDOT_OK; i++)
            if (!is_pseudo_attr(a->items[i].name) &&
                gv_declare(b, AGRAPH, a->items[i].name, "") == NULL)
                st = ASLDOT_ERR_NOMEM;
    }
    for (size_t i = 0; i < plan->param_count && st == ASLDOT_OK; i++)
        if (gv_declare(b, AGRAPH, plan->params[i].name, "") == NULL)
            st = ASLDOT_ERR_NOMEM;
    return st;
}

static int edge_votes(const asldot_graph *g, const asldot_layout_plan *plan, size_t i)
{
    return g->edges[i]->kind != ASLDOT_IR_EDGE_LAYOUT &&
           (plan->edge_action == NULL || plan->edge_action[i] != ASLDOT_LAYOUT_EDGE_DROP);
}

/* Declares, before the first object exists, every graph attribute and the node and edge
 * attributes of the style with their majority defaults. What only some nodes or edges get
 * (labels, tooltips, lhead, an anchor's size) is declared on first use: declaring it up front
 * would store a value in every object whether or not it has one. */
static asldot_status declare_attrs(gv_build *b, const asldot_graph *g,
                                   const asldot_layout_plan *plan)
{
    gv_attr_table nv = {NULL, 0, 0}, ev = {NULL, 0, 0};
    unsigned char *marks = NULL;
    asldot_status st = declare_graph_attrs(b, g, plan);
    for (size_t i = 0; i < g->node_count && st == ASLDOT_OK; i++)
        if (g->nodes[i]->kind != ASLDOT_IR_ANCHOR)
            st = vote_names(&nv, &g->nodes[i]->attrs);
    for (size_t i = 0; i < g->edge_count && st == ASLDOT_OK; i++)
        if (edge_votes(g, plan, i))
            st = vote_names(&ev, &g->edges[i]->attrs);
    if (st == ASLDOT_OK && (marks = asldot_malloc(nv.count + ev.count + 1)) == NULL)
        st = ASLDOT_ERR_NOMEM;
    for (size_t i = 0; i < g->node_count && st == ASLDOT_OK; i++)
        if (g->nodes[i]->kind != ASLDOT_IR_ANCHOR)
            vote(&nv, &g->nodes[i]->attrs, marks);
    for (size_t i = 0; i < g->edge_count && st == ASLDOT_OK; i++)
        if (edge_votes(g, plan, i))
            vote(&ev, &g->edges[i]->attrs, marks);
    if (st == ASLDOT_OK)
        st = declare_voted(b, AGNODE, &nv);
    if (st == ASLDOT_OK)
        st = declare_voted(b, AGEDGE, &ev);
    if (st == ASLDOT_OK &&
        (gv_declare(b, AGNODE, "id", "") == NULL || gv_declare(b, AGEDGE, "id", "") == NULL))
        st = ASLDOT_ERR_NOMEM;
    asldot_free(marks);
    asldot_free(nv.items);
    asldot_free(ev.items);
    return st;
}

asldot_status asldot_gv_graph_new(Agraph_t **out, const asldot_graph *g)
{
    gv_build build;
    gv_build *b = &build;
    Agraph_t **subs = NULL;
    Agnode_t **nodes = NULL;
    asldot_layout_plan plan;
    asldot_svg_ids *ids = NULL;
    asldot_status st = ASLDOT_OK;

    memset(&plan, 0, sizeof plan);
    memset(&build, 0, sizeof build);
    if (out == NULL || g == NULL)
        return ASLDOT_ERR_ARGS;
    *out = NULL;
    b->root = agopen(gv_str("asl"), Agdirected, asldot_gv_ids_disc());
    if (b->root == NULL)
        return ASLDOT_ERR_NOMEM;
    subs = asldot_calloc(g->cluster_count, sizeof *subs);
    nodes = asldot_calloc(g->node_count, sizeof *nodes);
    if (subs == NULL || nodes == NULL)
        st = ASLDOT_ERR_NOMEM;
    if (st == ASLDOT_OK)
        st = asldot_svg_ids_new(&ids, g);
    b->ids = ids;
    if (st == ASLDOT_OK)
        st = asldot_layout_plan_make(&plan, g);
    if (st == ASLDOT_OK)
        st = declare_attrs(b, g, &plan);
    if (st == ASLDOT_OK)
        st = build_root(b, g, &plan);
    /* a cluster's parent always precedes it (build.c creates them top-down) */
    for (size_t i = 0; st == ASLDOT_OK && i < g->cluster_count; i++)
        st = build_cluster(b, subs, g->clusters[i]);
    for (size_t i = 0; st == ASLDOT_OK && i < g->node_count; i++)
        st = build_node(b, subs, g->nodes[i], nodes);
    for (size_t i = 0; st == ASLDOT_OK && i < g->edge_count; i++)
        st = build_edge(b, subs, nodes, g, g->edges[i],
                        plan.edge_action ? plan.edge_action[i] : ASLDOT_LAYOUT_EDGE_KEEP,
                        plan.merge_head ? plan.merge_head[i] : 0);
    if (st == ASLDOT_OK && asldot_gv_ids_failed(b->root))
        st = ASLDOT_ERR_NOMEM;

    asldot_free(subs);
    asldot_free(nodes);
    asldot_layout_plan_free(&plan);
    asldot_svg_ids_free(ids);
    asldot_buf_free(&b->tmp);
    for (int k = 0; k < GV_KINDS; k++)
        asldot_free(b->kinds[k].items);
    if (st != ASLDOT_OK) {
        agclose(b->root);
        return st;
    }
    *out = b->root;
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
