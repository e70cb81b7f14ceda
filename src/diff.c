/*
 * diff.c: what changed between two versions of one definition, and the NEW diagram marked with it.
 *
 * Comparison (asldot_diff_new), over two parsed models, never their bytes:
 *  - states are identified by name at any depth; added = only in NEW, removed = only in OLD;
 *  - changed = in both, with a different *own* definition: the state object with the States maps
 *    of its Branches / ItemProcessor / Iterator left out, compared as data (key order ignored,
 *    numbers by value), so an edit inside a branch marks the inner state, not the container;
 *  - a rename is one removed and one added state with the same own definition and the same
 *    neighbours (incoming transitions by source and kind, StartAt of their scope); a pair only
 *    counts when neither side has another candidate;
 *  - edges are (from, to, kind) for Next, Choice rules, Default and Catch, duplicates collapsed,
 *    compared modulo the renames.
 * The result copies every string it keeps into its own arena: the machines may be freed.
 *
 * Annotation (asldot_graph_apply_diff) works on the NEW graph the way overlay.c does: classes and
 * a label line on existing states and edges, never a change to their topology; removed states come
 * back as ghost nodes (not "state": the SVG contract counts one group per state of NEW) with their
 * removed edges, so a reviewer sees what went away where it was.
 */
#include "diff.h"
#include "alloc.h"
#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "doc.h"
#include "ir.h"
#include "model.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct edge_ref {
    const char *from, *to;
    asldot_edge_kind kind;
} edge_ref;

typedef struct edge_list {
    edge_ref *items;
    size_t count, cap;
} edge_list;

const char *asldot_edge_kind_name(asldot_edge_kind k)
{
    switch (k) {
    case ASLDOT_EDGE_CHOICE:
        return "choice";
    case ASLDOT_EDGE_DEFAULT:
        return "default";
    case ASLDOT_EDGE_CATCH:
        return "catch";
    default:
        return "next";
    }
}

/* ---------------------------------------------------------------- comparing data */

static int same_key(const asldot_doc_node *a, const asldot_doc_node *b)
{
    return a->key_len == b->key_len && memcmp(a->key, b->key, a->key_len) == 0;
}

static int key_is(const asldot_doc_node *n, const char *key)
{
    size_t len = strlen(key);
    return n->key != NULL && n->key_len == len && memcmp(n->key, key, len) == 0;
}

static int equal_value(const asldot_doc_node *a, const asldot_doc_node *b, unsigned depth);

/* Objects as sets of members, skipping the member named skip (NULL: none). */
static int equal_object(const asldot_doc_node *a, const asldot_doc_node *b, const char *skip,
                        unsigned depth)
{
    size_t na = 0, nb = 0;
    for (size_t i = 0; i < a->count; i++)
        na += !(skip && key_is(a->items[i], skip));
    for (size_t i = 0; i < b->count; i++)
        nb += !(skip && key_is(b->items[i], skip));
    if (na != nb)
        return 0;
    for (size_t i = 0; i < a->count; i++) {
        const asldot_doc_node *x = a->items[i], *y = NULL;
        if (skip && key_is(x, skip))
            continue;
        for (size_t j = 0; j < b->count && y == NULL; j++)
            if (same_key(x, b->items[j]))
                y = b->items[j];
        if (y == NULL || !equal_value(x, y, depth + 1))
            return 0;
    }
    return 1;
}

static int equal_value(const asldot_doc_node *a, const asldot_doc_node *b, unsigned depth)
{
    if (a == NULL || b == NULL)
        return a == b;
    if (a->kind != b->kind || depth > DIFF_MAX_DEPTH)
        return 0;
    switch (a->kind) {
    case ASLDOT_DOC_NULL:
        return 1;
    case ASLDOT_DOC_BOOL:
        return a->boolean == b->boolean;
    case ASLDOT_DOC_NUMBER:
        /* YAML's .nan is a value like any other: the same text on both sides is no change. */
        return a->num == b->num || (isnan(a->num) && isnan(b->num));
    case ASLDOT_DOC_STRING:
        return a->str_len == b->str_len && memcmp(a->str, b->str, a->str_len) == 0;
    case ASLDOT_DOC_ARRAY:
        if (a->count != b->count)
            return 0;
        for (size_t i = 0; i < a->count; i++)
            if (!equal_value(a->items[i], b->items[i], depth + 1))
                return 0;
        return 1;
    default:
        return equal_object(a, b, NULL, depth);
    }
}

/* One field of a state, its nested state maps left out. */
static int equal_field(const asldot_doc_node *a, const asldot_doc_node *b)
{
    if (a == NULL || b == NULL)
        return a == b;
    if (key_is(a, "Branches") && a->kind == ASLDOT_DOC_ARRAY && b->kind == ASLDOT_DOC_ARRAY) {
        if (a->count != b->count)
            return 0;
        for (size_t i = 0; i < a->count; i++) {
            const asldot_doc_node *x = a->items[i], *y = b->items[i];
            if (x->kind == ASLDOT_DOC_OBJECT && y->kind == ASLDOT_DOC_OBJECT
                    ? !equal_object(x, y, "States", 1)
                    : !equal_value(x, y, 1))
                return 0;
        }
        return 1;
    }
    if ((key_is(a, "ItemProcessor") || key_is(a, "Iterator")) && a->kind == ASLDOT_DOC_OBJECT &&
        b->kind == ASLDOT_DOC_OBJECT)
        return equal_object(a, b, "States", 1);
    return equal_value(a, b, 0);
}

static const asldot_doc_node *member_like(const asldot_doc_node *obj, const asldot_doc_node *m)
{
    if (obj == NULL || obj->kind != ASLDOT_DOC_OBJECT)
        return NULL;
    for (size_t i = 0; i < obj->count; i++)
        if (same_key(obj->items[i], m))
            return obj->items[i];
    return NULL;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The names of the members of a and b that differ (skip: a member never compared), sorted and
 * copied into the arena. Non-objects compare whole: one field "" would say nothing, so they
 * differ as "Type" does. */
static asldot_status differing_fields(asldot_arena *arena, const asldot_doc_node *a,
                                      const asldot_doc_node *b, const char *skip,
                                      const char *const **out, size_t *count)
{
    const asldot_doc_node *sides[2] = {a, b};
    const char **names;
    size_t n = 0, cap;
    *out = NULL;
    *count = 0;
    if (a == NULL || b == NULL || a->kind != ASLDOT_DOC_OBJECT || b->kind != ASLDOT_DOC_OBJECT)
        return ASLDOT_OK;
    cap = a->count + b->count;
    if (cap == 0)
        return ASLDOT_OK;
    names = asldot_arena_array(arena, cap, sizeof *names);
    if (names == NULL)
        return ASLDOT_ERR_NOMEM;
    for (int side = 0; side < 2; side++) {
        const asldot_doc_node *here = sides[side], *there = sides[1 - side];
        for (size_t i = 0; i < here->count; i++) {
            const asldot_doc_node *x = here->items[i];
            const asldot_doc_node *y = member_like(there, x);
            int dup = 0;
            if ((skip && key_is(x, skip)) || (side == 1 && y != NULL))
                continue; /* members in both were looked at from a's side */
            if (y != NULL && equal_field(x, y))
                continue;
            for (size_t k = 0; k < n && !dup; k++)
                dup = strlen(names[k]) == x->key_len && memcmp(names[k], x->key, x->key_len) == 0;
            if (dup)
                continue;
            names[n] = asldot_arena_strndup(arena, x->key, x->key_len);
            if (names[n] == NULL)
                return ASLDOT_ERR_NOMEM;
            n++;
        }
    }
    qsort(names, n, sizeof *names, cmp_str);
    *out = names;
    *count = n;
    return ASLDOT_OK;
}

static int own_equal(const asldot_state *a, const asldot_state *b)
{
    const asldot_doc_node *x = a->node, *y = b->node;
    if (x == NULL || y == NULL || x->kind != ASLDOT_DOC_OBJECT || y->kind != ASLDOT_DOC_OBJECT)
        return equal_value(x, y, 0);
    if (x->count != y->count)
        return 0;
    for (size_t i = 0; i < x->count; i++)
        if (!equal_field(x->items[i], member_like(y, x->items[i])))
            return 0;
    return 1;
}

/* ---------------------------------------------------------------- edges */

static asldot_status push_edge_unchecked(edge_list *l, const char *from, const char *to,
                                         asldot_edge_kind k)
{
    edge_ref *items = asldot_grow(l->items, &l->cap, l->count, sizeof *items, 16);
    if (items == NULL)
        return ASLDOT_ERR_NOMEM;
    l->items = items;
    l->items[l->count].from = from;
    l->items[l->count].to = to;
    l->items[l->count].kind = k;
    l->count++;
    return ASLDOT_OK;
}

static asldot_status push_edge(edge_list *l, const char *from, const char *to, asldot_edge_kind k)
{
    if (to == NULL)
        return ASLDOT_OK;
    return push_edge_unchecked(l, from, to, k);
}

static int cmp_edge(const void *a, const void *b)
{
    const edge_ref *x = a, *y = b;
    int c = strcmp(x->from, y->from);
    if (c == 0)
        c = strcmp(x->to, y->to);
    if (c == 0)
        c = strcmp(asldot_edge_kind_name(x->kind), asldot_edge_kind_name(y->kind));
    return c;
}

/* Every transition of m, sorted, duplicates removed. */
static asldot_status collect_edges(const asldot_machine *m, edge_list *l)
{
    asldot_status st = ASLDOT_OK;
    size_t w = 0;
    for (size_t i = 0; i < m->state_count && st == ASLDOT_OK; i++) {
        const asldot_state *s = m->states[i];
        st = push_edge(l, s->name, s->next, ASLDOT_EDGE_NEXT);
        for (size_t k = 0; k < s->choice_count && st == ASLDOT_OK; k++)
            st = push_edge(l, s->name, s->choices[k].next, ASLDOT_EDGE_CHOICE);
        if (st == ASLDOT_OK && s->type == ASLDOT_STATE_CHOICE)
            st = push_edge(l, s->name, s->default_next, ASLDOT_EDGE_DEFAULT);
        for (size_t k = 0; k < s->catcher_count && st == ASLDOT_OK; k++)
            st = push_edge(l, s->name, s->catchers[k].next, ASLDOT_EDGE_CATCH);
    }
    if (st != ASLDOT_OK || l->count == 0)
        return st;
    /* a name may occur in two scopes: collapse across states too */
    qsort(l->items, l->count, sizeof *l->items, cmp_edge);
    for (size_t i = 0; i < l->count; i++)
        if (w == 0 || cmp_edge(&l->items[w - 1], &l->items[i]) != 0)
            l->items[w++] = l->items[i];
    l->count = w;
    return ASLDOT_OK;
}

static int has_edge(const edge_list *l, const edge_ref *e)
{
    return l->count > 0 && bsearch(e, l->items, l->count, sizeof *e, cmp_edge) != NULL;
}

/* ---------------------------------------------------------------- renames */

typedef struct rename_ctx {
    const asldot_machine *om, *nm;
    const edge_list *oe, *ne;
} rename_ctx;

static int is_start(const asldot_state *s)
{
    return s->scope && s->scope->start_at && strcmp(s->scope->start_at, s->name) == 0;
}

/* Same incoming transitions (source and kind; a self-loop counts as the state itself). */
static int same_neighbours(const rename_ctx *c, const asldot_state *o, const asldot_state *n)
{
    size_t in_o = 0, in_n = 0;
    if (is_start(o) != is_start(n))
        return 0;
    for (size_t i = 0; i < c->oe->count; i++) {
        const edge_ref *e = &c->oe->items[i];
        edge_ref want;
        if (strcmp(e->to, o->name) != 0)
            continue;
        in_o++;
        want.from = strcmp(e->from, o->name) == 0 ? n->name : e->from;
        want.to = n->name;
        want.kind = e->kind;
        if (!has_edge(c->ne, &want))
            return 0;
    }
    for (size_t i = 0; i < c->ne->count; i++)
        in_n += strcmp(c->ne->items[i].to, n->name) == 0;
    return in_o == in_n;
}

/* ---------------------------------------------------------------- building the diff */

typedef struct diff_build {
    asldot_diff *d;
    const asldot_machine *om, *nm;
    edge_list oe, ne;
    edge_list om_edges;                    /* oe in NEW's names */
    const asldot_state **removed, **added; /* unique names, sorted */
    size_t n_removed, n_added;
    const char **rename_to; /* per removed state: the NEW name it became, or NULL */
    int *added_is_rename;
} diff_build;

static int cmp_state_name(const void *a, const void *b)
{
    return strcmp((*(const asldot_state *const *)a)->name, (*(const asldot_state *const *)b)->name);
}

/* States of `in` whose name `other` lacks, one per name, sorted by name. */
static asldot_status only_in(const asldot_machine *in, const asldot_machine *other,
                             const asldot_state ***out, size_t *count)
{
    const asldot_state **v;
    size_t n = 0;
    *out = NULL;
    *count = 0;
    if (in->state_count == 0)
        return ASLDOT_OK;
    v = asldot_calloc(in->state_count, sizeof *v);
    if (v == NULL)
        return ASLDOT_ERR_NOMEM;
    for (size_t i = 0; i < in->state_count; i++) {
        const asldot_state *s = in->states[i];
        if (s->name && asldot_machine_find(other, s->name) == NULL &&
            asldot_machine_find(in, s->name) == s)
            v[n++] = s;
    }
    qsort(v, n, sizeof *v, cmp_state_name);
    *out = v;
    *count = n;
    return ASLDOT_OK;
}

static const char *keep(diff_build *b, const char *s, asldot_status *st)
{
    const char *c = asldot_arena_strdup(b->d->arena, s ? s : "");
    if (c == NULL)
        *st = ASLDOT_ERR_NOMEM;
    return c;
}

static asldot_status find_renames(diff_build *b)
{
    rename_ctx rc = {b->om, b->nm, &b->oe, &b->ne};
    size_t *match_r, *count_a;
    asldot_status st = ASLDOT_OK;
    b->rename_to = asldot_calloc(b->n_removed + 1, sizeof *b->rename_to);
    b->added_is_rename = asldot_calloc(b->n_added + 1, sizeof *b->added_is_rename);
    match_r = asldot_calloc(b->n_removed + 1, sizeof *match_r);
    count_a = asldot_calloc(b->n_added + 1, sizeof *count_a);
    if (!b->rename_to || !b->added_is_rename || !match_r || !count_a) {
        st = ASLDOT_ERR_NOMEM;
        goto done;
    }
    if ((double)b->n_removed * (double)b->n_added > DIFF_RENAME_PAIR_LIMIT)
        goto done;
    /* match_r[i]: candidates of removed i (0, 1 or more), its one candidate in count_a's index */
    for (size_t i = 0; i < b->n_removed; i++) {
        size_t found = 0, which = 0;
        for (size_t j = 0; j < b->n_added; j++) {
            if (b->removed[i]->type != b->added[j]->type ||
                !own_equal(b->removed[i], b->added[j]) ||
                !same_neighbours(&rc, b->removed[i], b->added[j]))
                continue;
            found++;
            which = j;
            count_a[j]++;
        }
        match_r[i] = found == 1 ? which + 1 : 0;
    }
    for (size_t i = 0; i < b->n_removed; i++) {
        size_t j;
        if (match_r[i] == 0)
            continue;
        j = match_r[i] - 1;
        if (count_a[j] != 1)
            continue;
        b->rename_to[i] = b->added[j]->name;
        b->added_is_rename[j] = 1;
    }
done:
    asldot_free(match_r);
    asldot_free(count_a);
    return st;
}

/* The NEW name of an OLD state name: itself, or what it was renamed to. */
static const char *renamed(const diff_build *b, const char *old_name)
{
    const asldot_state key = {.name = old_name}, *kp = &key, **hit;
    if (b->n_removed == 0 || old_name == NULL)
        return old_name;
    hit = bsearch(&kp, b->removed, b->n_removed, sizeof *b->removed, cmp_state_name);
    return hit && b->rename_to[hit - b->removed] ? b->rename_to[hit - b->removed] : old_name;
}

static asldot_status fill_states(diff_build *b)
{
    asldot_diff *d = b->d;
    asldot_diff_summary *s = &d->sum;
    asldot_status st = ASLDOT_OK;
    const char **added, **removed;
    asldot_diff_rename *ren;
    asldot_diff_change *chg;
    size_t n_changed = 0;

    added = asldot_arena_array(d->arena, b->n_added + 1, sizeof *added);
    removed = asldot_arena_array(d->arena, b->n_removed + 1, sizeof *removed);
    ren = asldot_arena_array(d->arena, b->n_removed + 1, sizeof *ren);
    chg = asldot_arena_array(d->arena, b->nm->state_count + 1, sizeof *chg);
    d->ghosts = asldot_arena_array(d->arena, b->n_removed + 1, sizeof *d->ghosts);
    if (!added || !removed || !ren || !chg || !d->ghosts)
        return ASLDOT_ERR_NOMEM;
    for (size_t j = 0; j < b->n_added; j++)
        if (!b->added_is_rename[j])
            added[s->added_count++] = keep(b, b->added[j]->name, &st);
    for (size_t i = 0; i < b->n_removed; i++) {
        if (b->rename_to[i]) {
            ren[s->renamed_count].from = keep(b, b->removed[i]->name, &st);
            ren[s->renamed_count].to = keep(b, b->rename_to[i], &st);
            s->renamed_count++;
        } else {
            removed[s->removed_count++] = keep(b, b->removed[i]->name, &st);
        }
    }
    /* ghosts in OLD's document order, placed in the nearest container NEW still has */
    for (size_t k = 0; k < b->om->state_count && st == ASLDOT_OK; k++) {
        const asldot_state *o = b->om->states[k];
        const asldot_scope *sc;
        diff_ghost *g;
        if (o->name == NULL || asldot_machine_find(b->nm, o->name) != NULL ||
            asldot_machine_find(b->om, o->name) != o || renamed(b, o->name) != o->name)
            continue;
        g = &d->ghosts[d->ghost_count++];
        g->name = keep(b, o->name, &st);
        g->type = o->type;
        g->type_name = keep(b, o->type_name ? o->type_name : asldot_state_type_name(o->type), &st);
        for (sc = o->scope; sc && sc->owner; sc = sc->owner->scope) {
            const asldot_state *n = asldot_machine_find(b->nm, renamed(b, sc->owner->name));
            if (n && n->type == sc->owner->type) {
                g->container = keep(b, n->name, &st);
                g->branch = sc->branch_index;
                break;
            }
        }
    }
    for (size_t k = 0; k < b->nm->state_count && st == ASLDOT_OK; k++) {
        const asldot_state *n = b->nm->states[k], *o;
        if (n->name == NULL || asldot_machine_find(b->nm, n->name) != n)
            continue;
        o = asldot_machine_find(b->om, n->name);
        if (o == NULL || own_equal(o, n))
            continue;
        chg[n_changed].state = keep(b, n->name, &st);
        if (st == ASLDOT_OK)
            st = differing_fields(d->arena, o->node, n->node, NULL, &chg[n_changed].fields,
                                  &chg[n_changed].field_count);
        n_changed++;
    }
    if (st != ASLDOT_OK)
        return st;
    {
        /* changed states by name, as every other list */
        for (size_t i = 1; i < n_changed; i++)
            for (size_t j = i; j > 0 && strcmp(chg[j - 1].state, chg[j].state) > 0; j--) {
                asldot_diff_change t = chg[j];
                chg[j] = chg[j - 1];
                chg[j - 1] = t;
            }
    }
    s->added = added;
    s->removed = removed;
    s->renamed = ren;
    s->changed = chg;
    s->changed_count = n_changed;
    return ASLDOT_OK;
}

/* The edges of `from` that `against` lacks, copied into the diff. `against` is in NEW's names
 * (NEW's own edges, or OLD's mapped through the renames); map_from maps `from` likewise. */
static asldot_status copy_edges(diff_build *b, const edge_list *from, const edge_list *against,
                                int map_from, const asldot_diff_edge **out, size_t *count)
{
    asldot_diff_edge *v = asldot_arena_array(b->d->arena, from->count + 1, sizeof *v);
    asldot_status st = ASLDOT_OK;
    size_t n = 0;
    if (v == NULL)
        return ASLDOT_ERR_NOMEM;
    for (size_t i = 0; i < from->count && st == ASLDOT_OK; i++) {
        const edge_ref *e = &from->items[i];
        edge_ref probe = *e;
        if (map_from) {
            probe.from = renamed(b, e->from);
            probe.to = renamed(b, e->to);
        }
        if (has_edge(against, &probe))
            continue;
        v[n].from = keep(b, e->from, &st);
        v[n].to = keep(b, e->to, &st);
        v[n].kind = e->kind;
        n++;
    }
    *out = v;
    *count = n;
    return st;
}

/* OLD's edges in NEW's names, sorted: what NEW's edges are compared with. */
static asldot_status map_old_edges(const diff_build *b, edge_list *out)
{
    asldot_status st = ASLDOT_OK;
    for (size_t i = 0; i < b->oe.count && st == ASLDOT_OK; i++)
        st = push_edge_unchecked(out, renamed(b, b->oe.items[i].from),
                                 renamed(b, b->oe.items[i].to), b->oe.items[i].kind);
    if (st == ASLDOT_OK && out->count > 1)
        qsort(out->items, out->count, sizeof *out->items, cmp_edge);
    return st;
}

static asldot_status run_diff(diff_build *b)
{
    asldot_diff *d = b->d;
    const asldot_doc_node *oroot = b->om->doc ? b->om->doc->root : NULL;
    const asldot_doc_node *nroot = b->nm->doc ? b->nm->doc->root : NULL;
    asldot_status st;
    if ((st = collect_edges(b->om, &b->oe)) != ASLDOT_OK ||
        (st = collect_edges(b->nm, &b->ne)) != ASLDOT_OK ||
        (st = only_in(b->om, b->nm, &b->removed, &b->n_removed)) != ASLDOT_OK ||
        (st = only_in(b->nm, b->om, &b->added, &b->n_added)) != ASLDOT_OK ||
        (st = find_renames(b)) != ASLDOT_OK || (st = fill_states(b)) != ASLDOT_OK)
        return st;
    if ((st = map_old_edges(b, &b->om_edges)) != ASLDOT_OK ||
        (st = copy_edges(b, &b->ne, &b->om_edges, 0, &d->sum.edges_added,
                         &d->sum.edges_added_count)) != ASLDOT_OK ||
        (st = copy_edges(b, &b->oe, &b->ne, 1, &d->sum.edges_removed,
                         &d->sum.edges_removed_count)) != ASLDOT_OK)
        return st;
    st = differing_fields(d->arena, oroot, nroot, "States", &d->sum.top_fields,
                          &d->sum.top_field_count);
    if (st == ASLDOT_OK && b->om->top && b->om->top->start_at)
        d->old_start = keep(b, renamed(b, b->om->top->start_at), &st);
    if (st == ASLDOT_OK && b->nm->top && b->nm->top->start_at)
        d->new_start = keep(b, b->nm->top->start_at, &st);
    return st;
}

asldot_status asldot_diff_new(asldot_diff **out, const asldot_machine *old_m,
                              const asldot_machine *new_m, asldot_diagnostics *diags)
{
    diff_build b;
    asldot_status st;
    (void)diags; /* nothing to report yet: every pair of machines can be compared */
    if (out == NULL)
        return ASLDOT_ERR_ARGS;
    *out = NULL;
    if (old_m == NULL || new_m == NULL)
        return ASLDOT_ERR_ARGS;
    memset(&b, 0, sizeof b);
    b.om = old_m;
    b.nm = new_m;
    b.d = asldot_calloc(1, sizeof *b.d);
    if (b.d == NULL)
        return ASLDOT_ERR_NOMEM;
    b.d->arena = asldot_arena_new();
    st = b.d->arena ? run_diff(&b) : ASLDOT_ERR_NOMEM;
    asldot_free(b.oe.items);
    asldot_free(b.ne.items);
    asldot_free(b.om_edges.items);
    asldot_free((void *)b.removed);
    asldot_free((void *)b.added);
    asldot_free((void *)b.rename_to);
    asldot_free(b.added_is_rename);
    if (st != ASLDOT_OK) {
        asldot_diff_free(b.d);
        return st;
    }
    *out = b.d;
    return ASLDOT_OK;
}

const asldot_diff_summary *asldot_diff_get(const asldot_diff *d)
{
    return d ? &d->sum : NULL;
}

int asldot_diff_has_changes(const asldot_diff *d)
{
    const asldot_diff_summary *s;
    if (d == NULL)
        return 0;
    s = &d->sum;
    return s->added_count || s->removed_count || s->changed_count || s->renamed_count ||
           s->edges_added_count || s->edges_removed_count || s->top_field_count;
}

void asldot_diff_free(asldot_diff *d)
{
    if (d == NULL)
        return;
    asldot_arena_free(d->arena);
    asldot_free(d);
}
