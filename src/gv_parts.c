/*
 * gv_parts.c: a giant laid out in parts (see gv_parts.h for why).
 *  1. Every top-level cluster is copied, with its nodes, nested clusters and inner edges, into a
 *     graph of its own, laid out with dot.
 *  2. The top level is copied with one fixed-size box per part in the part's place (named
 *     part_<i>; the builder's names are n<id>, r<id> and cluster_<id>), alone in a cluster of
 *     the part's name and its size (the box is smaller by the cluster's margin), so that edges
 *     keep their lhead/ltail and end on the part's border, and laid out with dot. (A bare box
 *     instead leaves dot's bounded x-coordinate simplex drifting: the main column walked 40 000
 *     points to the right past the catch references beside each box.)
 *  3. Positions go back onto the original graph as Graphviz's own attributes (pos, bb, lp), each
 *     part moved onto its box, and the original is laid out with "nop2", which keeps them all.
 * Copies share the original's attribute declarations, so they draw and measure alike. Numbers are
 * written without the locale (fixed point by hand), as Graphviz reads them back with sscanf in C.
 */
#include "gv_parts.h"
#include "alloc.h"
#include "buf.h"
#include "gv_compat.h"
#include "gv_ids.h"
#include "layout.h"

#include <gvc.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static char *gv_str(const char *s)
{
    return (char *)(uintptr_t)s; /* Graphviz 2.42 prototypes lack const (STYLE.md G15) */
}

#define PARTS_MARGIN 8.0 /* dot's space between a cluster's border and its nodes (points) */

typedef struct part {
    Agraph_t *src;    /* the top-level cluster of the original (borrowed) */
    Agraph_t *g;      /* its own graph (owned) */
    Agraph_t *copy;   /* the cluster inside g */
    Agnode_t *holder; /* its box in the top-level graph */
    double dx, dy;    /* added to its coordinates to put it on the box */
} part;

typedef struct parts {
    Agraph_t *gv, *top;
    part *items;
    size_t count;
    int *part_of;      /* per node sequence number: its part, or -1 for the top level */
    Agedge_t **copies; /* per edge sequence number: its copy in a part or the top level */
    size_t node_seqs, edge_seqs;
    Agsym_t *lhead, *ltail, *style;
    asldot_buf tmp;
} parts;

/* ---- numbers and attributes */

/* Four decimals: an arrow's direction comes from its end point and the spline's last point,
 * which dot can leave a fraction of a point apart. */
static asldot_status put_num(asldot_buf *b, double v)
{
    long long c = (long long)(v * 10000.0 + (v < 0 ? -0.5 : 0.5));
    const char *sign = c < 0 ? "-" : "";
    if (c < 0)
        c = -c;
    return asldot_buf_printf(b, "%s%lld.%04lld", sign, c / 10000, c % 10000);
}

static asldot_status put_point(asldot_buf *b, pointf p, double dx, double dy)
{
    asldot_status st = put_num(b, p.x + dx);
    if (st == ASLDOT_OK)
        st = asldot_buf_putc(b, ',');
    if (st == ASLDOT_OK)
        st = put_num(b, p.y + dy);
    return st;
}

static asldot_status set_attr(Agraph_t *root, void *obj, int kind, const char *name,
                              const char *value)
{
    Agsym_t *sym = agattr(root, kind, gv_str(name), NULL);
    if (sym == NULL)
        sym = agattr(root, kind, gv_str(name), gv_str(""));
    if (sym == NULL)
        return ASLDOT_ERR_NOMEM;
    agxset(obj, sym, gv_str(value));
    return ASLDOT_OK;
}

/* Declares on root every attribute src declares, with the same defaults. */
static asldot_status declare_like(Agraph_t *root, Agraph_t *src)
{
    static const int kinds[] = {AGRAPH, AGNODE, AGEDGE};
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
        for (Agsym_t *s = agnxtattr(src, kinds[k], NULL); s; s = agnxtattr(src, kinds[k], s))
            if (agattr(root, kinds[k], s->name, s->defval) == NULL)
                return ASLDOT_ERR_NOMEM;
    return ASLDOT_OK;
}

/* Copies obj's attributes of kind onto copy (in root), all of them for graphs (a subgraph
 * inherits what its parent had when it was made), else those that differ from the default.
 * skip: a name not to copy, or NULL. HTML-like labels stay HTML-like. */
static asldot_status copy_attrs(Agraph_t *root, void *copy, Agraph_t *src_root, void *obj, int kind,
                                int (*skip)(const char *))
{
    for (Agsym_t *s = agnxtattr(src_root, kind, NULL); s; s = agnxtattr(src_root, kind, s)) {
        char *v = agxget(obj, s);
        Agsym_t *d;
        if (skip != NULL && skip(s->name))
            continue;
        if (kind != AGRAPH && strcmp(v, s->defval) == 0)
            continue;
        d = agattr(root, kind, s->name, NULL);
        if (d == NULL)
            return ASLDOT_ERR_NOMEM;
        if (aghtmlstr(v)) {
            char *h = agstrdup_html(root, v);
            if (h == NULL)
                return ASLDOT_ERR_NOMEM;
            agxset(copy, d, h);
            asldot_gv_strfree(root, h, 1);
        } else {
            agxset(copy, d, v);
        }
    }
    return ASLDOT_OK;
}

/* A part is small: its own full-quality layout, without the giant's bounds. */
static int skip_part_graph(const char *name)
{
    return strcmp(name, "label") == 0 || strcmp(name, "tooltip") == 0 ||
           strcmp(name, "nslimit") == 0 || strcmp(name, "newrank") == 0 ||
           strcmp(name, "class") == 0 || strcmp(name, "id") == 0;
}

/* ---- step 1: the parts */

static asldot_status copy_clusters(parts *p, Agraph_t *root, Agraph_t *dst, Agraph_t *src)
{
    asldot_status st = copy_attrs(root, dst, p->gv, src, AGRAPH, NULL);
    for (Agnode_t *n = agfstnode(src); n && st == ASLDOT_OK; n = agnxtnode(src, n)) {
        Agnode_t *c = agnode(root, agnameof(n), 0);
        if (c == NULL || agsubnode(dst, c, 1) == NULL)
            st = ASLDOT_ERR_NOMEM;
    }
    for (Agraph_t *s = agfstsubg(src); s && st == ASLDOT_OK; s = agnxtsubg(s)) {
        Agraph_t *d;
        if (agfstnode(s) == NULL)
            continue; /* an empty cluster: one dot layout does not draw it either */
        d = agsubg(dst, agnameof(s), 1);
        st = d == NULL ? ASLDOT_ERR_NOMEM : copy_clusters(p, root, d, s);
    }
    return st;
}

static asldot_status part_new(parts *p, part *pt, size_t index)
{
    Agraph_t *g = agopen(gv_str("part"), Agdirected, asldot_gv_ids_disc());
    asldot_status st;
    if (g == NULL)
        return ASLDOT_ERR_NOMEM;
    pt->g = g;
    st = declare_like(g, p->gv);
    if (st == ASLDOT_OK)
        st = copy_attrs(g, g, p->gv, p->gv, AGRAPH, skip_part_graph);
    for (Agnode_t *n = agfstnode(pt->src); n && st == ASLDOT_OK; n = agnxtnode(pt->src, n)) {
        Agnode_t *c = agnode(g, agnameof(n), 1);
        p->part_of[AGSEQ(n)] = (int)index;
        st = c == NULL ? ASLDOT_ERR_NOMEM : copy_attrs(g, c, p->gv, n, AGNODE, NULL);
    }
    if (st == ASLDOT_OK) {
        pt->copy = agsubg(g, agnameof(pt->src), 1);
        st = pt->copy == NULL ? ASLDOT_ERR_NOMEM : copy_clusters(p, g, pt->copy, pt->src);
    }
    return st;
}

/* ---- step 2: the top level */

static Agnode_t *top_end(parts *p, Agnode_t *n)
{
    int i = p->part_of[AGSEQ(n)];
    return i < 0 ? agnode(p->top, agnameof(n), 0) : p->items[i].holder;
}

/* An edge leaving or entering part i must do so through its border, or be invisible. */
static int ends_on_border(parts *p, Agedge_t *e, Agsym_t *attr, Agnode_t *end)
{
    int i = p->part_of[AGSEQ(end)];
    if (i < 0)
        return 1;
    if (attr != NULL && strcmp(agxget(e, attr), agnameof(p->items[i].src)) == 0)
        return 1;
    return p->style != NULL && strstr(agxget(e, p->style), "invis") != NULL;
}

/* The part's box: no label or look of its own, sized once the part is laid out. */
static asldot_status holder_new(parts *p, part *pt, size_t index)
{
    char name[32];
    asldot_status st;
    snprintf(name, sizeof name, "part_%zu", index);
    pt->holder = agnode(p->top, name, 1);
    if (pt->holder == NULL)
        return ASLDOT_ERR_NOMEM;
    for (Agsym_t *s = agnxtattr(p->top, AGNODE, NULL); s; s = agnxtattr(p->top, AGNODE, s))
        if (s->defval[0] != '\0')
            agxset(pt->holder, s, gv_str(""));
    st = set_attr(p->top, pt->holder, AGNODE, "shape", "box");
    if (st == ASLDOT_OK)
        st = set_attr(p->top, pt->holder, AGNODE, "fixedsize", "true");
    if (st == ASLDOT_OK) {
        /* a cluster of the same name around it: edges keep their lhead/ltail, and dot places
         * the top level as it would the whole, cluster bounds included */
        Agraph_t *cl = agsubg(p->top, agnameof(pt->src), 1);
        if (cl == NULL || agsubnode(cl, pt->holder, 1) == NULL)
            return ASLDOT_ERR_NOMEM;
        st = set_attr(p->top, cl, AGRAPH, "label", "");
    }
    return st;
}

static asldot_status holder_size(parts *p, part *pt)
{
    boxf bb = GD_bb(pt->copy);
    asldot_status st = ASLDOT_OK;
    for (int k = 0; k < 2 && st == ASLDOT_OK; k++) {
        asldot_buf_reset(&p->tmp);
        double side = k ? bb.UR.y - bb.LL.y : bb.UR.x - bb.LL.x;
        /* less the cluster's margin on both sides: its cluster then has the part's bounds */
        side = side > 2 * PARTS_MARGIN + 1 ? side - 2 * PARTS_MARGIN : 1;
        st = put_num(&p->tmp, side / 72.0);
        if (st == ASLDOT_OK)
            st = set_attr(p->top, pt->holder, AGNODE, k ? "height" : "width", p->tmp.data);
    }
    return st;
}

static asldot_status copy_edges(parts *p, int *ok)
{
    asldot_status st = ASLDOT_OK;
    *ok = 1;
    for (Agnode_t *n = agfstnode(p->gv); n && st == ASLDOT_OK; n = agnxtnode(p->gv, n)) {
        for (Agedge_t *e = agfstout(p->gv, n); e && st == ASLDOT_OK; e = agnxtout(p->gv, e)) {
            int pt = p->part_of[AGSEQ(agtail(e))], ph = p->part_of[AGSEQ(aghead(e))];
            Agraph_t *root;
            Agnode_t *t, *h;
            if (pt >= 0 && pt == ph) {
                root = p->items[pt].g;
                t = agnode(root, agnameof(agtail(e)), 0);
                h = agnode(root, agnameof(aghead(e)), 0);
            } else {
                if (!ends_on_border(p, e, p->ltail, agtail(e)) ||
                    !ends_on_border(p, e, p->lhead, aghead(e))) {
                    *ok = 0;
                    return ASLDOT_OK;
                }
                root = p->top;
                t = top_end(p, agtail(e));
                h = top_end(p, aghead(e));
            }
            if (t == NULL || h == NULL)
                return ASLDOT_ERR_NOMEM;
            p->copies[AGSEQ(e)] = agedge(root, t, h, NULL, 1);
            if (p->copies[AGSEQ(e)] == NULL)
                return ASLDOT_ERR_NOMEM;
            st = copy_attrs(root, p->copies[AGSEQ(e)], p->gv, e, AGEDGE, NULL);
        }
    }
    return st;
}

static asldot_status top_new(parts *p)
{
    asldot_status st;
    p->top = agopen(gv_str("top"), Agdirected, asldot_gv_ids_disc());
    if (p->top == NULL)
        return ASLDOT_ERR_NOMEM;
    st = declare_like(p->top, p->gv);
    if (st == ASLDOT_OK)
        st = copy_attrs(p->top, p->top, p->gv, p->gv, AGRAPH, NULL);
    for (Agnode_t *n = agfstnode(p->gv); n && st == ASLDOT_OK; n = agnxtnode(p->gv, n)) {
        Agnode_t *c;
        if (p->part_of[AGSEQ(n)] >= 0)
            continue;
        c = agnode(p->top, agnameof(n), 1);
        st = c == NULL ? ASLDOT_ERR_NOMEM : copy_attrs(p->top, c, p->gv, n, AGNODE, NULL);
    }
    for (size_t i = 0; i < p->count && st == ASLDOT_OK; i++)
        st = holder_new(p, &p->items[i], i);
    if (st == ASLDOT_OK && agget(p->gv, gv_str("nslimit")) != NULL &&
        agget(p->gv, gv_str("nslimit"))[0] != '\0') {
        char limit[32]; /* the giant's bound, for the fewer nodes of the top level */
        asldot_layout_nslimit(limit, sizeof limit, (size_t)agnnodes(p->top));
        st = set_attr(p->top, p->top, AGRAPH, "nslimit", limit);
    }
    return st;
}

/* ---- step 3: positions back onto the original */

static asldot_status set_point(parts *p, Agraph_t *root, void *obj, int kind, const char *name,
                               pointf pt, double dx, double dy)
{
    asldot_status st;
    asldot_buf_reset(&p->tmp);
    st = put_point(&p->tmp, pt, dx, dy);
    return st == ASLDOT_OK ? set_attr(root, obj, kind, name, p->tmp.data) : st;
}

static asldot_status set_box(parts *p, Agraph_t *obj, boxf bb, double dx, double dy)
{
    asldot_status st;
    asldot_buf_reset(&p->tmp);
    st = put_point(&p->tmp, bb.LL, dx, dy);
    if (st == ASLDOT_OK)
        st = asldot_buf_putc(&p->tmp, ',');
    if (st == ASLDOT_OK)
        st = put_point(&p->tmp, bb.UR, dx, dy);
    return st == ASLDOT_OK ? set_attr(p->gv, obj, AGRAPH, "bb", p->tmp.data) : st;
}

/* The spline as Graphviz writes it: "s,x,y e,x,y x,y ..." per piece, pieces split by ';'. The
 * buffer stays failed after a failed put (buf.h): one check at the end. */
static asldot_status set_spline(parts *p, Agedge_t *e, Agedge_t *laid, double dx, double dy)
{
    splines *spl = ED_spl(laid);
    asldot_buf *b = &p->tmp;
    asldot_status st;
    if (spl == NULL)
        return ASLDOT_OK; /* nothing drawn (an invisible edge): nop2 routes none for it */
    asldot_buf_reset(b);
    /* the sizes are int in Graphviz 2.43, size_t in 14: never negative */
    for (size_t i = 0; i < (size_t)spl->size; i++) {
        const bezier *bz = &spl->list[i];
        if (i > 0)
            (void)asldot_buf_putc(b, ';');
        if (bz->sflag) { /* s before e: the order Graphviz reads them back in */
            (void)asldot_buf_puts(b, "s,");
            (void)put_point(b, bz->sp, dx, dy);
            (void)asldot_buf_putc(b, ' ');
        }
        if (bz->eflag) {
            (void)asldot_buf_puts(b, "e,");
            (void)put_point(b, bz->ep, dx, dy);
            (void)asldot_buf_putc(b, ' ');
        }
        for (size_t k = 0; k < (size_t)bz->size; k++) {
            if (k > 0)
                (void)asldot_buf_putc(b, ' ');
            (void)put_point(b, bz->list[k], dx, dy);
        }
    }
    st = asldot_buf_status(b);
    if (st == ASLDOT_OK)
        st = set_attr(p->gv, e, AGEDGE, "pos", b->data ? b->data : "");
    if (st == ASLDOT_OK && ED_label(laid) != NULL && ED_label(laid)->set)
        st = set_point(p, p->gv, e, AGEDGE, "lp", ED_label(laid)->pos, dx, dy);
    return st;
}

static asldot_status place_clusters(parts *p, Agraph_t *orig, Agraph_t *laid, double dx, double dy)
{
    asldot_status st = set_box(p, orig, GD_bb(laid), dx, dy);
    if (st == ASLDOT_OK && GD_label(laid) != NULL)
        st = set_point(p, p->gv, orig, AGRAPH, "lp", GD_label(laid)->pos, dx, dy);
    for (Agraph_t *s = agfstsubg(orig); s && st == ASLDOT_OK; s = agnxtsubg(s)) {
        Agraph_t *l = agsubg(laid, agnameof(s), 0);
        if (l != NULL)
            st = place_clusters(p, s, l, dx, dy);
    }
    return st;
}

static asldot_status place_all(parts *p)
{
    asldot_status st = ASLDOT_OK;
    for (size_t i = 0; i < p->count; i++) {
        part *pt = &p->items[i];
        boxf bb = GD_bb(pt->copy);
        pt->dx = ND_coord(pt->holder).x - (bb.LL.x + bb.UR.x) / 2.0;
        pt->dy = ND_coord(pt->holder).y - (bb.LL.y + bb.UR.y) / 2.0;
        if (st == ASLDOT_OK)
            st = place_clusters(p, pt->src, pt->copy, pt->dx, pt->dy);
    }
    for (Agnode_t *n = agfstnode(p->gv); n && st == ASLDOT_OK; n = agnxtnode(p->gv, n)) {
        int i = p->part_of[AGSEQ(n)];
        Agnode_t *c = agnode(i < 0 ? p->top : p->items[i].g, agnameof(n), 0);
        double dx = i < 0 ? 0 : p->items[i].dx, dy = i < 0 ? 0 : p->items[i].dy;
        if (c == NULL)
            return ASLDOT_ERR_RENDER;
        st = set_point(p, p->gv, n, AGNODE, "pos", ND_coord(c), dx, dy);
        for (Agedge_t *e = agfstout(p->gv, n); e && st == ASLDOT_OK; e = agnxtout(p->gv, e)) {
            int pe = p->part_of[AGSEQ(agtail(e))];
            int inside = pe >= 0 && pe == p->part_of[AGSEQ(aghead(e))];
            st = set_spline(p, e, p->copies[AGSEQ(e)], inside ? p->items[pe].dx : 0,
                            inside ? p->items[pe].dy : 0);
        }
    }
    if (st == ASLDOT_OK)
        st = set_box(p, p->gv, GD_bb(p->top), 0, 0);
    if (st == ASLDOT_OK && GD_label(p->top) != NULL)
        st = set_point(p, p->gv, p->gv, AGRAPH, "lp", GD_label(p->top)->pos, 0, 0);
    if (st == ASLDOT_OK)
        st = set_attr(p->gv, p->gv, AGRAPH, "notranslate", "true");
    return st;
}

/* ---- the whole */

static asldot_status count_seqs(parts *p)
{
    for (Agnode_t *n = agfstnode(p->gv); n; n = agnxtnode(p->gv, n)) {
        if ((size_t)AGSEQ(n) >= p->node_seqs)
            p->node_seqs = (size_t)AGSEQ(n) + 1;
        for (Agedge_t *e = agfstout(p->gv, n); e; e = agnxtout(p->gv, e))
            if ((size_t)AGSEQ(e) >= p->edge_seqs)
                p->edge_seqs = (size_t)AGSEQ(e) + 1;
    }
    for (Agraph_t *s = agfstsubg(p->gv); s; s = agnxtsubg(s))
        if (strncmp(agnameof(s), "cluster", 7) == 0 && agfstnode(s) != NULL)
            p->count++;
    p->part_of = asldot_malloc((p->node_seqs ? p->node_seqs : 1) * sizeof *p->part_of);
    p->copies = asldot_calloc(p->edge_seqs ? p->edge_seqs : 1, sizeof *p->copies);
    p->items = asldot_calloc(p->count ? p->count : 1, sizeof *p->items);
    if (p->part_of == NULL || p->copies == NULL || p->items == NULL)
        return ASLDOT_ERR_NOMEM;
    for (size_t i = 0; i < p->node_seqs; i++)
        p->part_of[i] = -1;
    return ASLDOT_OK;
}

static void parts_free(GVC_t *gvc, parts *p, int top_laid, size_t parts_laid)
{
    for (size_t i = 0; p->items != NULL && i < p->count; i++) {
        if (i < parts_laid)
            gvFreeLayout(gvc, p->items[i].g);
        if (p->items[i].g != NULL)
            agclose(p->items[i].g);
    }
    if (top_laid)
        gvFreeLayout(gvc, p->top);
    if (p->top != NULL)
        agclose(p->top);
    asldot_free(p->items);
    asldot_free(p->part_of);
    asldot_free(p->copies);
    asldot_buf_free(&p->tmp);
}

static asldot_status layout_parts(GVC_t *gvc, parts *p, int *in_parts)
{
    asldot_status st = count_seqs(p);
    size_t laid = 0, i = 0;
    int top_laid = 0, ok = 1;
    for (Agraph_t *s = agfstsubg(p->gv); s && st == ASLDOT_OK; s = agnxtsubg(s))
        if (strncmp(agnameof(s), "cluster", 7) == 0 && agfstnode(s) != NULL) {
            p->items[i].src = s;
            st = part_new(p, &p->items[i], i);
            i++;
        }
    if (st == ASLDOT_OK)
        st = top_new(p);
    if (st == ASLDOT_OK)
        st = copy_edges(p, &ok);
    if (st == ASLDOT_OK && ok) {
        for (; laid < p->count; laid++)
            if (gvLayout(gvc, p->items[laid].g, "dot") != 0) {
                st = ASLDOT_ERR_RENDER;
                break;
            }
        for (size_t k = 0; k < p->count && st == ASLDOT_OK; k++)
            st = holder_size(p, &p->items[k]);
        if (st == ASLDOT_OK && gvLayout(gvc, p->top, "dot") != 0)
            st = ASLDOT_ERR_RENDER;
        top_laid = st == ASLDOT_OK;
        if (st == ASLDOT_OK)
            st = place_all(p);
        if (st == ASLDOT_OK && gvLayout(gvc, p->gv, "nop2") != 0)
            st = ASLDOT_ERR_RENDER;
        if (st == ASLDOT_OK) {
            GD_bb(p->gv) = GD_bb(p->top); /* nop2 measures without the title */
            *in_parts = 1;
        }
    }
    parts_free(gvc, p, top_laid, laid);
    if (st == ASLDOT_OK && !ok && gvLayout(gvc, p->gv, "dot") != 0)
        st = ASLDOT_ERR_RENDER;
    return st;
}

asldot_status asldot_gv_layout(GVC_t *gvc, Agraph_t *gv, int in_parts_wanted, int *in_parts)
{
    parts p;
    int has_cluster = 0;
    *in_parts = 0;
    for (Agraph_t *s = agfstsubg(gv); s && !has_cluster; s = agnxtsubg(s))
        has_cluster = strncmp(agnameof(s), "cluster", 7) == 0;
    if (!in_parts_wanted || !has_cluster)
        return gvLayout(gvc, gv, "dot") == 0 ? ASLDOT_OK : ASLDOT_ERR_RENDER;
    memset(&p, 0, sizeof p);
    p.gv = gv;
    p.lhead = agattr(gv, AGEDGE, gv_str("lhead"), NULL);
    p.ltail = agattr(gv, AGEDGE, gv_str("ltail"), NULL);
    p.style = agattr(gv, AGEDGE, gv_str("style"), NULL);
    return layout_parts(gvc, &p, in_parts);
}
