/* ir.c: construction helpers of the diagram graph and its stable text dump (-T ir). */
#include "ir.h"
#include "alloc.h"
#include "model.h"

#include <string.h>

asldot_status asldot_ir_new(asldot_graph **out, size_t state_count)
{
    asldot_graph *g;
    if (out == NULL)
        return ASLDOT_ERR_ARGS;
    *out = NULL;
    g = asldot_calloc(1, sizeof *g);
    if (g == NULL)
        return ASLDOT_ERR_NOMEM;
    g->arena = asldot_arena_new();
    g->state_count = state_count;
    if (g->arena != NULL) {
        g->state_node = asldot_arena_array(g->arena, state_count, sizeof(size_t));
        g->state_cluster = asldot_arena_array(g->arena, state_count, sizeof(size_t));
        g->state_names = asldot_arena_array(g->arena, state_count, sizeof(char *));
        g->state_defs = asldot_arena_array(g->arena, state_count, sizeof(char *));
    }
    if (g->arena == NULL || g->state_node == NULL || g->state_cluster == NULL ||
        g->state_names == NULL || g->state_defs == NULL) {
        asldot_graph_free(g);
        return ASLDOT_ERR_NOMEM;
    }
    for (size_t i = 0; i < state_count; i++)
        g->state_node[i] = g->state_cluster[i] = ASLDOT_IR_NONE;
    g->iteration_state = ASLDOT_IR_NONE;
    g->iteration_index = -1;
    *out = g;
    return ASLDOT_OK;
}

void asldot_graph_free(asldot_graph *g)
{
    if (g == NULL)
        return;
    asldot_free(g->nodes);
    asldot_free(g->edges);
    asldot_free(g->clusters);
    asldot_arena_free(g->arena);
    asldot_free(g);
}

/* Grows a pointer array by one slot; returns the slot index or ASLDOT_IR_NONE. */
static size_t push_slot(void ***items, size_t *count, size_t *cap)
{
    if (*count == *cap) {
        size_t ncap = *cap ? *cap * 2 : 64;
        void **n = asldot_realloc_array(*items, ncap, sizeof(void *));
        if (n == NULL)
            return ASLDOT_IR_NONE;
        *items = n;
        *cap = ncap;
    }
    return (*count)++;
}

asldot_status asldot_ir_add_node(asldot_graph *g, asldot_ir_node_kind kind, size_t cluster,
                                 asldot_ir_node **out)
{
    asldot_ir_node *n = asldot_arena_alloc(g->arena, sizeof *n);
    size_t slot;
    if (n == NULL)
        return ASLDOT_ERR_NOMEM;
    slot = push_slot((void ***)&g->nodes, &g->node_count, &g->node_cap);
    if (slot == ASLDOT_IR_NONE)
        return ASLDOT_ERR_NOMEM;
    n->id = slot;
    n->kind = kind;
    n->type = ASLDOT_STATE_UNKNOWN;
    n->classes = "";
    n->cluster = cluster;
    n->state_id = ASLDOT_IR_NONE;
    n->run.total_ms = n->run.max_ms = -1;
    n->run.items_succeeded = n->run.items_failed = n->run.items_total = -1;
    g->nodes[slot] = n;
    if (out)
        *out = n;
    return ASLDOT_OK;
}

asldot_status asldot_ir_add_edge(asldot_graph *g, asldot_ir_edge_kind kind, size_t from, size_t to,
                                 asldot_ir_edge **out)
{
    asldot_ir_edge *e = asldot_arena_alloc(g->arena, sizeof *e);
    size_t slot;
    if (e == NULL)
        return ASLDOT_ERR_NOMEM;
    slot = push_slot((void ***)&g->edges, &g->edge_count, &g->edge_cap);
    if (slot == ASLDOT_IR_NONE)
        return ASLDOT_ERR_NOMEM;
    e->id = slot;
    e->kind = kind;
    e->from = from;
    e->to = to;
    e->ltail = e->lhead = ASLDOT_IR_NONE;
    e->from_state = e->to_state = ASLDOT_IR_NONE;
    e->classes = "";
    e->constraint = 1;
    g->edges[slot] = e;
    if (out)
        *out = e;
    return ASLDOT_OK;
}

asldot_status asldot_ir_add_cluster(asldot_graph *g, asldot_ir_cluster_kind kind, size_t parent,
                                    asldot_ir_cluster **out)
{
    asldot_ir_cluster *c = asldot_arena_alloc(g->arena, sizeof *c);
    size_t slot;
    if (c == NULL)
        return ASLDOT_ERR_NOMEM;
    slot = push_slot((void ***)&g->clusters, &g->cluster_count, &g->cluster_cap);
    if (slot == ASLDOT_IR_NONE)
        return ASLDOT_ERR_NOMEM;
    c->id = slot;
    c->kind = kind;
    c->parent = parent;
    c->classes = "";
    c->state_id = ASLDOT_IR_NONE;
    c->entry = c->exit = ASLDOT_IR_NONE;
    c->run.total_ms = c->run.max_ms = -1;
    c->run.items_succeeded = c->run.items_failed = c->run.items_total = -1;
    g->clusters[slot] = c;
    if (out)
        *out = c;
    return ASLDOT_OK;
}

static size_t remap(const size_t *map, size_t count, size_t id)
{
    return id < count ? map[id] : ASLDOT_IR_NONE;
}

asldot_status asldot_ir_remove(asldot_graph *g, const unsigned char *node_dead,
                               const unsigned char *edge_dead, const unsigned char *cluster_dead)
{
    size_t nn = g->node_count, ne = g->edge_count, nc = g->cluster_count, k;
    size_t *nmap = asldot_calloc(nn ? nn : 1, sizeof *nmap);
    size_t *cmap = asldot_calloc(nc ? nc : 1, sizeof *cmap);
    size_t *emap = asldot_calloc(ne ? ne : 1, sizeof *emap);
    if (nmap == NULL || cmap == NULL || emap == NULL) {
        asldot_free(nmap);
        asldot_free(cmap);
        asldot_free(emap);
        return ASLDOT_ERR_NOMEM;
    }
    k = 0;
    for (size_t i = 0; i < nc; i++)
        cmap[i] = cluster_dead != NULL && cluster_dead[i] ? ASLDOT_IR_NONE : k++;
    for (size_t i = 0; i < nc; i++) {
        asldot_ir_cluster *c = g->clusters[i];
        if (cmap[i] == ASLDOT_IR_NONE)
            continue;
        c->id = cmap[i];
        c->parent = remap(cmap, nc, c->parent);
        g->clusters[c->id] = c;
    }
    g->cluster_count = k;
    k = 0;
    for (size_t i = 0; i < nn; i++) {
        asldot_ir_node *n = g->nodes[i];
        nmap[i] = (node_dead != NULL && node_dead[i]) ? ASLDOT_IR_NONE : k++;
        if (nmap[i] == ASLDOT_IR_NONE)
            continue;
        n->id = nmap[i];
        n->cluster = remap(cmap, nc, n->cluster);
        g->nodes[n->id] = n;
    }
    g->node_count = k;
    for (size_t i = 0; i < g->cluster_count; i++) {
        asldot_ir_cluster *c = g->clusters[i];
        c->entry = remap(nmap, nn, c->entry);
        c->exit = remap(nmap, nn, c->exit);
    }
    k = 0;
    for (size_t i = 0; i < ne; i++) {
        asldot_ir_edge *e = g->edges[i];
        size_t from = remap(nmap, nn, e->from), to = remap(nmap, nn, e->to);
        emap[i] = ASLDOT_IR_NONE;
        if ((edge_dead != NULL && edge_dead[i]) || from == ASLDOT_IR_NONE || to == ASLDOT_IR_NONE)
            continue;
        emap[i] = k;
        e->id = k;
        e->from = from;
        e->to = to;
        e->ltail = remap(cmap, nc, e->ltail);
        e->lhead = remap(cmap, nc, e->lhead);
        g->edges[k++] = e;
    }
    g->edge_count = k;
    for (size_t s = 0; s < g->state_count; s++) {
        g->state_node[s] = remap(nmap, nn, g->state_node[s]);
        g->state_cluster[s] = remap(cmap, nc, g->state_cluster[s]);
    }
    for (size_t v = 0; v < g->visit_count; v++) { /* an overlay's runs name edges too */
        g->visits[v].edge_in = remap(emap, ne, g->visits[v].edge_in);
        g->visits[v].edge_end = remap(emap, ne, g->visits[v].edge_end);
    }
    asldot_free(nmap);
    asldot_free(cmap);
    asldot_free(emap);
    return ASLDOT_OK;
}

int asldot_ir_has_class(const char *classes, const char *cls)
{
    size_t n = strlen(cls);
    const char *p = classes;
    while (p && *p) {
        const char *end = strchr(p, ' ');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len == n && memcmp(p, cls, n) == 0)
            return 1;
        p = end ? end + 1 : NULL;
    }
    return 0;
}

asldot_status asldot_ir_add_class(asldot_graph *g, const char **classes, const char *cls)
{
    const char *cur = *classes ? *classes : "";
    char *n;
    if (cls == NULL || *cls == '\0' || asldot_ir_has_class(cur, cls))
        return ASLDOT_OK;
    n = *cur ? asldot_arena_printf(g->arena, "%s %s", cur, cls)
             : asldot_arena_strdup(g->arena, cls);
    if (n == NULL)
        return ASLDOT_ERR_NOMEM;
    *classes = n;
    return ASLDOT_OK;
}

asldot_status asldot_ir_set_attr(asldot_graph *g, asldot_ir_attrs *a, const char *name,
                                 const char *value)
{
    const char *v = asldot_arena_strdup(g->arena, value ? value : "");
    if (v == NULL)
        return ASLDOT_ERR_NOMEM;
    for (size_t i = 0; i < a->count; i++) {
        if (strcmp(a->items[i].name, name) == 0) {
            a->items[i].value = v;
            return ASLDOT_OK;
        }
    }
    if (a->count == ASLDOT_IR_MAX_ATTRS)
        return ASLDOT_ERR_LIMIT;
    a->items[a->count].name = name;
    a->items[a->count].value = v;
    a->count++;
    return ASLDOT_OK;
}

const char *asldot_ir_get_attr(const asldot_ir_attrs *a, const char *name)
{
    for (size_t i = 0; i < a->count; i++)
        if (strcmp(a->items[i].name, name) == 0)
            return a->items[i].value;
    return NULL;
}

const char *asldot_ir_strdup(asldot_graph *g, const char *s)
{
    return s ? asldot_arena_strdup(g->arena, s) : NULL;
}

const char *asldot_ir_status_name(asldot_ir_status s)
{
    switch (s) {
    case ASLDOT_IR_STATUS_NOT_RUN:
        return "not-run";
    case ASLDOT_IR_STATUS_SUCCEEDED:
        return "succeeded";
    case ASLDOT_IR_STATUS_CAUGHT:
        return "caught";
    case ASLDOT_IR_STATUS_IN_PROGRESS:
        return "in-progress";
    case ASLDOT_IR_STATUS_CANCELLED:
        return "cancelled";
    case ASLDOT_IR_STATUS_FAILED:
        return "failed";
    default:
        return NULL;
    }
}

/* ---- the text dump: one line per object, strings quoted with C-style escapes */

static void put_quoted(FILE *f, const char *s)
{
    if (s == NULL) {
        fputs("-", f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(f, "\\%c", c);
        else if (c == '\n')
            fputs("\\n", f);
        else if (c < 0x20 || c == 0x7f)
            fprintf(f, "\\x%02x", c);
        else
            fputc(c, f);
    }
    fputc('"', f);
}

static void put_id(FILE *f, const char *prefix, size_t id)
{
    if (id == ASLDOT_IR_NONE)
        fputs("-", f);
    else
        fprintf(f, "%s%zu", prefix, id);
}

static void put_attrs(FILE *f, const asldot_ir_attrs *a)
{
    for (size_t i = 0; i < a->count; i++) {
        fprintf(f, " %s=", a->items[i].name);
        put_quoted(f, a->items[i].value);
    }
}

static void put_run(FILE *f, asldot_ir_status st, const asldot_ir_run *r)
{
    if (st == ASLDOT_IR_STATUS_NONE)
        return;
    fprintf(f, " status=%s runs=%u ok=%u failed=%u attempts=%u total_ms=%lld max_ms=%lld",
            asldot_ir_status_name(st), r->runs, r->succeeded, r->failed, r->attempts, r->total_ms,
            r->max_ms);
    if (r->iterations_total || r->items_total >= 0)
        fprintf(f, " iterations=%u/%u/%u items=%lld/%lld/%lld", r->iterations_succeeded,
                r->iterations_failed, r->iterations_total, r->items_succeeded, r->items_failed,
                r->items_total);
}

static const char *node_kind_name(asldot_ir_node_kind k)
{
    static const char *const names[] = {"state",       "start",  "end",   "anchor",
                                        "placeholder", "legend", "ghost", "elsewhere"};
    return names[k];
}

static const char *edge_kind_name(asldot_ir_edge_kind k)
{
    static const char *const names[] = {"next",  "choice", "default", "catch",
                                        "start", "end",    "layout",  "legend"};
    return names[k];
}

static const char *cluster_kind_name(asldot_ir_cluster_kind k)
{
    static const char *const names[] = {"parallel", "map", "branch", "legend"};
    return names[k];
}

asldot_status asldot_graph_write_ir(FILE *f, const asldot_graph *g)
{
    if (f == NULL || g == NULL)
        return ASLDOT_ERR_ARGS;
    fprintf(f, "graph rankdir=%s layout=%s title=", g->rankdir == ASLDOT_RANKDIR_LR ? "LR" : "TB",
            g->layout == ASLDOT_LAYOUT_FULL   ? "full"
            : g->layout == ASLDOT_LAYOUT_FAST ? "fast"
                                              : "auto");
    put_quoted(f, g->title);
    if (g->tooltip != NULL) { /* only for long Comments: older dumps stay as they were */
        fputs(" tooltip=", f);
        put_quoted(f, g->tooltip);
    }
    fputs(" subtitle=", f);
    put_quoted(f, g->subtitle);
    if (g->note != NULL) { /* only when a policy was said once: older dumps stay as they were */
        fputs(" note=", f);
        put_quoted(f, g->note);
    }
    put_attrs(f, &g->attrs);
    fputc('\n', f);
    for (size_t i = 0; i < g->cluster_count; i++) {
        const asldot_ir_cluster *c = g->clusters[i];
        fprintf(f, "cluster c%zu %s parent=", c->id, cluster_kind_name(c->kind));
        put_id(f, "c", c->parent);
        fputs(" name=", f);
        put_quoted(f, c->name);
        fputs(" detail=", f);
        put_quoted(f, c->detail);
        fputs(" notes=", f);
        put_quoted(f, c->notes);
        fputs(" class=", f);
        put_quoted(f, c->classes);
        fputs(" entry=", f);
        put_id(f, "n", c->entry);
        fputs(" exit=", f);
        put_id(f, "n", c->exit);
        fputs(" tooltip=", f);
        put_quoted(f, c->tooltip);
        put_run(f, c->status, &c->run);
        put_attrs(f, &c->attrs);
        fputc('\n', f);
    }
    for (size_t i = 0; i < g->node_count; i++) {
        const asldot_ir_node *n = g->nodes[i];
        fprintf(f, "node n%zu %s in=", n->id, node_kind_name(n->kind));
        put_id(f, "c", n->cluster);
        fputs(" name=", f);
        put_quoted(f, n->name);
        fputs(" detail=", f);
        put_quoted(f, n->detail);
        fputs(" notes=", f);
        put_quoted(f, n->notes);
        fputs(" class=", f);
        put_quoted(f, n->classes);
        fputs(" tooltip=", f);
        put_quoted(f, n->tooltip);
        put_run(f, n->status, &n->run);
        put_attrs(f, &n->attrs);
        fputc('\n', f);
    }
    for (size_t i = 0; i < g->edge_count; i++) {
        const asldot_ir_edge *e = g->edges[i];
        fprintf(f, "edge e%zu %s n%zu -> n%zu ltail=", e->id, edge_kind_name(e->kind), e->from,
                e->to);
        put_id(f, "c", e->ltail);
        fputs(" lhead=", f);
        put_id(f, "c", e->lhead);
        fputs(" label=", f);
        put_quoted(f, e->label);
        fputs(" class=", f);
        put_quoted(f, e->classes);
        fputs(" tooltip=", f);
        put_quoted(f, e->tooltip);
        if (!e->constraint)
            fputs(" constraint=false", f);
        if (e->stub)
            fputs(" stub=true", f);
        if (g->has_overlay)
            fprintf(f, " taken=%u", e->taken);
        put_attrs(f, &e->attrs);
        fputc('\n', f);
    }
    return ferror(f) ? ASLDOT_ERR_IO : ASLDOT_OK;
}
