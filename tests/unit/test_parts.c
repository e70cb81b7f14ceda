/* test_parts.c: a giant laid out in parts (gv_parts.c) draws the same objects as one dot layout,
 * puts every state inside its container, ends entry edges on the container's border, falls back
 * to one layout when an edge would cross a border, and survives every allocation failing. */
#include "asldot.h"
#include "gv_backend.h"
#include "alloc.h"
#include "gv_compat.h"
#include "gv_parts.h"
#include "svg_titles.h"
#include "layout.h"
#include "../harness.h"

#include <gvc.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Two top-level containers (one nested), a Catch out of one, a loop back into the other
 * (short: no edge long enough for --layout fast to end it at a reference). */
static const char *const machine =
    "{\"StartAt\": \"Load\", \"States\": {\n"
    " \"Load\": {\"Type\": \"Pass\", \"Next\": \"Each\"},\n"
    " \"Each\": {\"Type\": \"Map\", \"ItemProcessor\": {\"StartAt\": \"Fan\", \"States\": {\n"
    "   \"Fan\": {\"Type\": \"Parallel\", \"Branches\": [\n"
    "     {\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", \"End\": true}}},\n"
    "     {\"StartAt\": \"B\", \"States\": {\"B\": {\"Type\": \"Pass\", \"Next\": \"C\"},\n"
    "                                     \"C\": {\"Type\": \"Succeed\"}}}], \"End\": true}}},\n"
    "  \"Catch\": [{\"ErrorEquals\": [\"States.ALL\"], \"Next\": \"Oops\"}], \"Next\": \"Both\"},\n"
    " \"Both\": {\"Type\": \"Parallel\", \"Branches\": [\n"
    "   {\"StartAt\": \"D\", \"States\": {\"D\": {\"Type\": \"Pass\", \"End\": true}}},\n"
    "   {\"StartAt\": \"E\", \"States\": {\"E\": {\"Type\": \"Pass\", \"End\": true}}}],\n"
    "  \"Next\": \"Again?\"},\n"
    " \"Again?\": {\"Type\": \"Choice\", \"Choices\": [{\"Variable\": \"$.more\", "
    "\"BooleanEquals\": "
    "true, \"Next\": \"Both\"}], \"Default\": \"Done\"},\n"
    " \"Oops\": {\"Type\": \"Fail\", \"Error\": \"E\"},\n"
    " \"Done\": {\"Type\": \"Succeed\"}}}";

static asldot_graph *graph_of(asldot_layout_mode layout, asldot_rankdir dir)
{
    asldot_machine *m = NULL;
    asldot_graph *g = NULL;
    asldot_style *s = NULL;
    asldot_build_options o;
    asldot_build_options_init(&o);
    o.layout = layout;
    o.rankdir = dir;
    CHECK_EQ_INT(asldot_machine_parse(&m, machine, strlen(machine), NULL, NULL), ASLDOT_OK);
    CHECK_EQ_INT(asldot_graph_build(&g, m, &o, NULL), ASLDOT_OK);
    CHECK_EQ_INT(asldot_style_builtin(&s, "light", NULL), ASLDOT_OK);
    CHECK_EQ_INT(asldot_graph_apply_style(g, s, NULL), ASLDOT_OK);
    asldot_style_free(s);
    asldot_machine_free(m);
    return g;
}

/* One Graphviz context for the whole test: Graphviz 2.43 frees its font cache with a context,
 * and a later context would still use it (STYLE.md G5). */
static GVC_t *gvc;

/* The SVG as asldot_render makes it: laid out (in parts when asked), retitled. */
static char *svg_of(asldot_layout_mode layout, asldot_rankdir dir)
{
    asldot_graph *g = graph_of(layout, dir);
    Agraph_t *gv = NULL;
    char *data = NULL, *svg = NULL;
    asldot_gv_len len = 0;
    int in_parts = 0;
    asldot_buf out = ASLDOT_BUF_INIT;
    CHECK_EQ_INT(asldot_gv_graph_new(&gv, g), ASLDOT_OK);
    CHECK_EQ_INT(asldot_gv_layout(gvc, gv, asldot_layout_in_parts(g), &in_parts), ASLDOT_OK);
    CHECK_EQ_INT(in_parts, layout == ASLDOT_LAYOUT_FAST);
    CHECK_EQ_INT(gvRenderData(gvc, gv, "svg", &data, &len), 0);
    CHECK_EQ_INT(asldot_svg_retitle(&out, g, data, (size_t)len, NULL), ASLDOT_OK);
    svg = asldot_buf_detach(&out, NULL);
    asldot_buf_free(&out);
    gvFreeRenderData(data);
    gvFreeLayout(gvc, gv);
    asldot_gv_graph_free(gv);
    asldot_graph_free(g);
    return svg;
}

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

typedef struct sbox {
    double x0, y0, x1, y1;
} sbox;

/* The bounds of the first shape after the group whose <title> is title (points of its
 * polygon or path); 0 if not found. */
static int box_of(const char *svg, const char *title, sbox *b)
{
    char want[128];
    const char *p, *end, *d;
    snprintf(want, sizeof want, "<title>%s</title>", title);
    p = strstr(svg, want);
    if (p == NULL)
        return 0;
    end = strstr(p, "</g>");
    d = strstr(p, " d=\"");
    if (d == NULL || (end && d > end))
        d = strstr(p, "points=\"");
    if (d == NULL || (end && d > end))
        return 0;
    d = strchr(d, '"') + 1;
    b->x0 = b->y0 = 1e18;
    b->x1 = b->y1 = -1e18;
    while (*d && *d != '"') {
        char *next;
        double x, y;
        while (*d && *d != '"' && *d != '-' && (*d < '0' || *d > '9'))
            d++;
        x = strtod(d, &next);
        if (next == d || *next != ',')
            break;
        y = strtod(next + 1, &next);
        d = next;
        b->x0 = fmin(b->x0, x);
        b->x1 = fmax(b->x1, x);
        b->y0 = fmin(b->y0, y);
        b->y1 = fmax(b->y1, y);
    }
    return b->x0 <= b->x1;
}

static int inside(const sbox *in, const sbox *out)
{
    return in->x0 >= out->x0 - 0.5 && in->x1 <= out->x1 + 0.5 && in->y0 >= out->y0 - 0.5 &&
           in->y1 <= out->y1 + 0.5;
}

static void check_picture(const char *svg, const char *how)
{
    static const char *const in_each[] = {"Fan", "A", "B", "C"};
    static const char *const in_fan[] = {"A", "B", "C"};
    sbox each, fan, both, s;
    CHECK(box_of(svg, "Each", &each));
    CHECK(box_of(svg, "Fan", &fan));
    CHECK(box_of(svg, "Both", &both));
    for (size_t i = 0; i < sizeof in_each / sizeof in_each[0]; i++) {
        CHECK(box_of(svg, in_each[i], &s));
        if (!inside(&s, &each))
            printf("  %s: %s is drawn outside Each\n", how, in_each[i]);
        CHECK(inside(&s, &each));
    }
    for (size_t i = 0; i < sizeof in_fan / sizeof in_fan[0]; i++) {
        CHECK(box_of(svg, in_fan[i], &s));
        CHECK(inside(&s, &fan));
    }
    CHECK(box_of(svg, "D", &s) && inside(&s, &both));
    CHECK(box_of(svg, "E", &s) && inside(&s, &both));
    CHECK(!inside(&each, &both) && !inside(&both, &each));
}

/* The edge into Each ends on its border: its arrowhead's tip touches the sbox. */
static void check_entry(const char *svg, int lr)
{
    sbox each, arrow;
    const char *p = strstr(svg, "<title>Load &#45;&gt; Each</title>");
    int found;
    if (p == NULL)
        p = strstr(svg, "<title>Load → Each</title>");
    found = box_of(svg, "Each", &each);
    CHECK(p != NULL);
    CHECK(found);
    if (p == NULL || !found)
        return;
    p = strstr(p, "<polygon");
    CHECK(p != NULL);
    if (p == NULL)
        return;
    {
        /* the polygon's bounds, read from its points */
        const char *q = strstr(p, "points=\"") + 8;
        arrow.x0 = arrow.y0 = 1e18;
        arrow.x1 = arrow.y1 = -1e18;
        while (*q && *q != '"') {
            char *next;
            double x = strtod(q, &next), y;
            if (next == q || *next != ',')
                break;
            y = strtod(next + 1, &next);
            arrow.x0 = fmin(arrow.x0, x);
            arrow.x1 = fmax(arrow.x1, x);
            arrow.y0 = fmin(arrow.y0, y);
            arrow.y1 = fmax(arrow.y1, y);
            q = next;
            while (*q == ' ')
                q++;
        }
    }
    /* within 3 points: Graphviz 14 stops an arrow 2 points short of a cluster in one layout too */
    if (lr)
        CHECK(fabs(arrow.x1 - each.x0) < 3.0); /* the tip on the left side */
    else
        CHECK(fabs(arrow.y1 - each.y0) < 3.0); /* the tip on the top side (SVG y grows down) */
}

static void test_same_objects(void)
{
    static const char *const classes[] = {"class=\"node state ",
                                          "class=\"cluster state map\"",
                                          "class=\"cluster state parallel\"",
                                          "class=\"cluster branch\"",
                                          "class=\"node start\"",
                                          "class=\"node end\"",
                                          "class=\"edge ",
                                          "class=\"edge catch\"",
                                          "<title>"};
    for (int lr = 0; lr < 2; lr++) {
        asldot_rankdir dir = lr ? ASLDOT_RANKDIR_LR : ASLDOT_RANKDIR_TB;
        char *one = svg_of(ASLDOT_LAYOUT_FULL, dir);
        char *parts = svg_of(ASLDOT_LAYOUT_FAST, dir); /* fast: in parts at any size */
        CHECK(one != NULL && parts != NULL);
        if (one == NULL || parts == NULL) {
            asldot_free(one);
            asldot_free(parts);
            continue;
        }
        for (size_t i = 0; i < sizeof classes / sizeof classes[0]; i++)
            CHECK_EQ_INT(count(parts, classes[i]), count(one, classes[i]));
        CHECK_EQ_INT(count(parts, "class=\"node state "), 9);
        CHECK(strstr(parts, "part_") == NULL); /* the stand-in boxes are never drawn */
        check_picture(one, "one layout");
        check_picture(parts, "in parts");
        check_entry(parts, lr);
        asldot_free(one);
        asldot_free(parts);
    }
}

static void test_policy(void)
{
    asldot_graph *g = graph_of(ASLDOT_LAYOUT_AUTO, ASLDOT_RANKDIR_TB);
    CHECK_EQ_INT(asldot_layout_in_parts(g), 0); /* small: one layout */
    asldot_graph_free(g);
    g = graph_of(ASLDOT_LAYOUT_FAST, ASLDOT_RANKDIR_TB);
    CHECK_EQ_INT(asldot_layout_in_parts(g), 1);
    asldot_graph_free(g);
    g = graph_of(ASLDOT_LAYOUT_FULL, ASLDOT_RANKDIR_TB);
    CHECK_EQ_INT(asldot_layout_in_parts(g), 0);
    asldot_graph_free(g);
}

/* An edge into a container that does not end on its border (no lhead) cannot be drawn from the
 * parts: one layout is taken instead. */
static void test_fallback(void)
{
    asldot_graph *g = graph_of(ASLDOT_LAYOUT_FAST, ASLDOT_RANKDIR_TB);
    Agraph_t *gv = NULL;
    int in_parts = -1, cleared = 0;
    CHECK_EQ_INT(asldot_gv_graph_new(&gv, g), ASLDOT_OK);
    for (Agnode_t *n = agfstnode(gv); n && !cleared; n = agnxtnode(gv, n))
        for (Agedge_t *e = agfstout(gv, n); e && !cleared; e = agnxtout(gv, e)) {
            char *lhead = agget(e, (char *)"lhead");
            if (lhead != NULL && lhead[0] != '\0') {
                agset(e, (char *)"lhead", (char *)"");
                cleared = 1;
            }
        }
    CHECK(cleared);
    CHECK_EQ_INT(asldot_gv_layout(gvc, gv, 1, &in_parts), ASLDOT_OK);
    CHECK_EQ_INT(in_parts, 0);
    gvFreeLayout(gvc, gv);
    asldot_gv_graph_free(gv);
    /* untouched, the same graph is laid out in parts */
    CHECK_EQ_INT(asldot_gv_graph_new(&gv, g), ASLDOT_OK);
    CHECK_EQ_INT(asldot_gv_layout(gvc, gv, 1, &in_parts), ASLDOT_OK);
    CHECK_EQ_INT(in_parts, 1);
    gvFreeLayout(gvc, gv);
    asldot_gv_graph_free(gv);
    asldot_graph_free(g);
}

/* An arrow at both ends survives the composition (Graphviz's "s," and "e," spline ends). */
static void test_both_arrows(void)
{
    asldot_graph *g = graph_of(ASLDOT_LAYOUT_FAST, ASLDOT_RANKDIR_TB);
    size_t polygons[2] = {0, 0};
    for (int both = 0; both < 2; both++) {
        Agraph_t *gv = NULL;
        char *data = NULL;
        asldot_gv_len len = 0;
        int in_parts = 0, set = 0;
        CHECK_EQ_INT(asldot_gv_graph_new(&gv, g), ASLDOT_OK);
        if (both) {
            Agsym_t *dir = agattr(gv, AGEDGE, (char *)"dir", (char *)"");
            /* every edge: those inside a part and those of the top level */
            for (Agnode_t *n = agfstnode(gv); n; n = agnxtnode(gv, n))
                for (Agedge_t *e = agfstout(gv, n); e; e = agnxtout(gv, e))
                    set += agxset(e, dir, (char *)"both") == 0;
            CHECK(set > 5);
        }
        CHECK_EQ_INT(asldot_gv_layout(gvc, gv, 1, &in_parts), ASLDOT_OK);
        CHECK_EQ_INT(in_parts, 1);
        CHECK_EQ_INT(gvRenderData(gvc, gv, "svg", &data, &len), 0);
        polygons[both] = data ? count(data, "<polygon") : 0;
        if (both)
            CHECK(count(data, "<path") > 5);
        gvFreeRenderData(data);
        gvFreeLayout(gvc, gv);
        asldot_gv_graph_free(gv);
    }
    /* one more arrowhead per visible edge that had one */
    CHECK(polygons[1] > polygons[0] + 5);
    asldot_graph_free(g);
}

static void test_allocation_failure(void)
{
    asldot_graph *g = graph_of(ASLDOT_LAYOUT_FAST, ASLDOT_RANKDIR_TB);
    int succeeded = 0;
    for (unsigned long n = 1; n <= 40 && !succeeded; n++) {
        Agraph_t *gv = NULL;
        int in_parts = 0;
        asldot_status st;
        CHECK_EQ_INT(asldot_gv_graph_new(&gv, g), ASLDOT_OK);
        asldot_alloc_fail_after(n);
        st = asldot_gv_layout(gvc, gv, 1, &in_parts);
        asldot_alloc_fail_after(0);
        CHECK(st == ASLDOT_OK || st == ASLDOT_ERR_NOMEM);
        if (st == ASLDOT_OK) {
            CHECK_EQ_INT(in_parts, 1);
            gvFreeLayout(gvc, gv);
            succeeded = 1;
        }
        asldot_gv_graph_free(gv);
    }
    CHECK(succeeded); /* past its last allocation, the layout succeeds */
    asldot_graph_free(g);
}

int main(void)
{
    gvc = gvContext();
    CHECK(gvc != NULL);
    test_same_objects();
    test_policy();
    test_fallback();
    test_both_arrows();
    test_allocation_failure();
    gvFreeContext(gvc);
    TEST_MAIN_END();
}
