/*
 * overlay.c: history -> IR annotations. Events are attributed to state *visits* (one entry of a
 * state) inside *scope instances* (the top level, one Parallel branch of one attempt, one Map
 * iteration, one child execution of a Distributed Map) by following previousEventId chains and
 * MapIteration* indices, never by "the last event with this name", so concurrent iterations and
 * branches are told apart. Only where a history breaks its chains (placeholder ids, missing
 * previousEventId) does the attribution fall back to the most recent open visit of the state.
 * Each visit gets a status; a state shows the worst over the visits counted (all of them, or
 * those of one Map iteration with --iteration). Never changes which states exist.
 */
#include "alloc.h"
#include "buf.h"
#include "options.h"
#include "diag.h"
#include "history.h"
#include "ir.h"

#include <stdlib.h>
#include <string.h>

#define MAX_UNKNOWN_LISTED  10
#define MAX_ERRORS_LISTED   3
#define MAX_ATTEMPTS_LISTED 100 /* per visit, with their times, for the page */
#define SUBTITLE_CAUSE_MAX  200

typedef struct ov_scope ov_scope;
typedef struct ov_visit ov_visit;
typedef struct ov_exec ov_exec;
typedef struct ov_attempt ov_attempt;

enum { SC_ROOT, SC_BRANCH, SC_ITER, SC_CHILD };
enum { OUT_RUNNING = 0, OUT_SUCCEEDED, OUT_FAILED, OUT_ABORTED };

struct ov_scope {
    int kind;
    ov_visit *owner;  /* the Parallel/Map visit; NULL for the top level */
    ov_scope *parent; /* owner->scope */
    long long key;    /* BRANCH: branch cluster id; ITER/CHILD: the index (-1 unknown) */
    unsigned attempt; /* the owner's attempt this scope belongs to */
    int closed;
    int outcome;       /* ITER/CHILD: OUT_* */
    ov_visit *last;    /* the visit most recently entered here */
    ov_scope *sibling; /* the owner's previous child scope */
};

/* One attempt of a visit: a Task's scheduling to its success or failure, a Map's or Parallel's
 * start to its end. */
struct ov_attempt {
    long long start_ms, end_ms; /* -1 unknown */
    int failed, open;
    const char *error, *cause;
    ov_attempt *next;
};

struct ov_visit {
    size_t state;
    asldot_state_type type;
    ov_exec *ex;
    ov_scope *scope;
    ov_visit *pred; /* the visit before this one in the same scope */
    const asldot_hevent *enter, *exit;
    long long end_ms;
    int has_end;
    unsigned attempts; /* Task: scheduled; Map/Parallel: started */
    int failed;        /* the last attempt failed (or a Fail state) */
    int aborted, exited, open;
    const char *error, *cause;
    ov_visit *fail_child; /* the visit inside whose failure failed this container */
    ov_scope *children;   /* branch / iteration / child-execution scopes, newest first */
    long long length;     /* Map: items of the current attempt */
    unsigned child_execs;
    int has_run, run_outcome;
    const char *map_run_arn;
    long long items_succeeded, items_failed, items_total;
    ov_visit *open_prev, *open_next;   /* the state's open visits, newest first */
    ov_visit *gopen_prev, *gopen_next; /* every open visit, newest first */
    ov_visit *next;                    /* creation order */
    ov_attempt *att_first, *att_last;  /* the first MAX_ATTEMPTS_LISTED attempts */
    unsigned att_count;
    size_t edge_in, edge_end; /* the edges counted for entering and for ending the run here */
    asldot_ir_status status;
};

struct ov_exec {
    const asldot_hexec *x;
    ov_scope *root;
    const asldot_hevent *start, *end;
    ov_visit **ev_visit;
    ov_scope **ev_scope, **ev_out;
};

typedef struct ov_state {
    size_t container; /* enclosing Parallel/Map state, or NONE */
    size_t branch;    /* the branch cluster when the container is a Parallel */
    asldot_state_type type;
    int drawn;        /* has a node or a cluster */
    ov_visit *open;   /* newest open visit */
    ov_visit *latest; /* newest visit */
} ov_state;

typedef struct ov_name {
    const char *name;
    size_t id;
} ov_name;

typedef struct ov_ctx {
    asldot_graph *g;
    const asldot_history *h;
    const asldot_overlay_options *opts;
    asldot_diagnostics *diags;
    asldot_arena *arena; /* everything below, freed at the end */
    ov_state *states;
    ov_name *names;
    size_t name_count;
    ov_visit *first, *last; /* creation order */
    ov_visit *gopen;
    const char **unknown;
    size_t unknown_count, unknown_cap, unknown_more;
    size_t iter_state; /* --iteration, or NONE */
    long long iter_index;
    asldot_buf tmp;
    int nomem;
} ov_ctx;

/* ---------------------------------------------------------------- the graph's states */

static int name_cmp(const void *a, const void *b)
{
    const ov_name *x = a, *y = b;
    int c = strcmp(x->name, y->name);
    if (c)
        return c;
    return x->id < y->id ? -1 : x->id > y->id;
}

static size_t lookup(const ov_ctx *c, const char *name)
{
    size_t lo = 0, hi = c->name_count;
    if (name == NULL)
        return ASLDOT_IR_NONE;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(c->names[mid].name, name) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < c->name_count && strcmp(c->names[lo].name, name) == 0)
        return c->names[lo].id;
    return ASLDOT_IR_NONE;
}

static asldot_status index_states(ov_ctx *c)
{
    asldot_graph *g = c->g;
    c->states = asldot_arena_array(c->arena, g->state_count, sizeof *c->states);
    c->names = asldot_arena_array(c->arena, g->state_count, sizeof *c->names);
    if ((c->states == NULL || c->names == NULL) && g->state_count)
        return ASLDOT_ERR_NOMEM;
    for (size_t s = 0; s < g->state_count; s++) {
        ov_state *st = &c->states[s];
        size_t node = g->state_node[s], cl = g->state_cluster[s], up = ASLDOT_IR_NONE;
        size_t guard = 0;
        st->container = st->branch = ASLDOT_IR_NONE;
        st->type = ASLDOT_STATE_UNKNOWN;
        if (node != ASLDOT_IR_NONE && node < g->node_count) {
            st->drawn = 1;
            st->type = g->nodes[node]->type;
            up = g->nodes[node]->cluster;
        } else if (cl != ASLDOT_IR_NONE && cl < g->cluster_count) {
            st->drawn = 1;
            st->type = g->clusters[cl]->kind == ASLDOT_IR_CLUSTER_MAP ? ASLDOT_STATE_MAP
                                                                      : ASLDOT_STATE_PARALLEL;
            up = g->clusters[cl]->parent;
        }
        /* climb to the enclosing container; the guard bounds a malformed parent chain */
        while (up != ASLDOT_IR_NONE && up < g->cluster_count && guard++ <= g->cluster_count) {
            const asldot_ir_cluster *k = g->clusters[up];
            if (k->kind == ASLDOT_IR_CLUSTER_BRANCH && st->branch == ASLDOT_IR_NONE)
                st->branch = up;
            if ((k->kind == ASLDOT_IR_CLUSTER_MAP || k->kind == ASLDOT_IR_CLUSTER_PARALLEL) &&
                k->state_id != ASLDOT_IR_NONE && k->state_id < g->state_count) {
                st->container = k->state_id;
                break;
            }
            up = k->parent;
        }
        if (st->drawn && g->state_names[s]) {
            c->names[c->name_count].name = g->state_names[s];
            c->names[c->name_count].id = s;
            c->name_count++;
        }
    }
    if (c->name_count > 1)
        qsort(c->names, c->name_count, sizeof *c->names, name_cmp);
    return ASLDOT_OK;
}

static asldot_status note_unknown(ov_ctx *c, const char *name)
{
    if (name == NULL)
        return ASLDOT_OK;
    for (size_t i = 0; i < c->unknown_count; i++)
        if (strcmp(c->unknown[i], name) == 0)
            return ASLDOT_OK;
    if (c->unknown_count >= 1000) {
        c->unknown_more++;
        return ASLDOT_OK;
    }
    if (c->unknown_count == c->unknown_cap) {
        size_t cap = c->unknown_cap ? c->unknown_cap * 2 : 8;
        const char **n = asldot_realloc_array((void *)c->unknown, cap, sizeof *n);
        if (n == NULL)
            return ASLDOT_ERR_NOMEM;
        c->unknown = n;
        c->unknown_cap = cap;
    }
    c->unknown[c->unknown_count++] = name;
    return ASLDOT_OK;
}

/* ---------------------------------------------------------------- visits and scopes */

static ov_scope *new_scope(ov_ctx *c, int kind, ov_visit *owner, long long key)
{
    ov_scope *s = asldot_arena_alloc(c->arena, sizeof *s);
    if (s == NULL) {
        c->nomem = 1;
        return NULL;
    }
    s->kind = kind;
    s->owner = owner;
    s->key = key;
    if (owner) {
        s->parent = owner->scope;
        s->attempt = owner->attempts;
        s->sibling = owner->children;
        owner->children = s;
    }
    return s;
}

static void open_remove(ov_ctx *c, ov_visit *v)
{
    ov_state *st = &c->states[v->state];
    if (!v->open)
        return;
    v->open = 0;
    if (v->open_prev)
        v->open_prev->open_next = v->open_next;
    else
        st->open = v->open_next;
    if (v->open_next)
        v->open_next->open_prev = v->open_prev;
    if (v->gopen_prev)
        v->gopen_prev->gopen_next = v->gopen_next;
    else
        c->gopen = v->gopen_next;
    if (v->gopen_next)
        v->gopen_next->gopen_prev = v->gopen_prev;
}

static ov_visit *new_visit(ov_ctx *c, ov_exec *ex, size_t state, ov_scope *scope,
                           const asldot_hevent *e)
{
    ov_state *st = &c->states[state];
    ov_visit *v = asldot_arena_alloc(c->arena, sizeof *v);
    if (v == NULL) {
        c->nomem = 1;
        return NULL;
    }
    v->state = state;
    v->type = st->type;
    v->ex = ex;
    v->scope = scope;
    v->enter = e;
    v->length = -1;
    v->edge_in = v->edge_end = ASLDOT_IR_NONE;
    v->items_succeeded = v->items_failed = v->items_total = -1;
    if (scope) {
        v->pred = scope->last;
        scope->last = v;
    }
    v->open = 1;
    v->open_next = st->open;
    if (st->open)
        st->open->open_prev = v;
    st->open = v;
    v->gopen_next = c->gopen;
    if (c->gopen)
        c->gopen->gopen_prev = v;
    c->gopen = v;
    st->latest = v;
    if (c->last)
        c->last->next = v;
    else
        c->first = v;
    c->last = v;
    return v;
}

static void set_end(ov_visit *v, const asldot_hevent *e)
{
    if (v && e && e->has_ts && !v->has_end) {
        v->end_ms = e->ts_ms;
        v->has_end = 1;
    }
}

static int in_chain(const ov_scope *s, const ov_scope *chain)
{
    for (; chain; chain = chain->parent)
        if (chain == s)
            return 1;
    return 0;
}

/* Is v inside container visit anc (at any depth)? */
static int descends_from(const ov_visit *v, const ov_visit *anc)
{
    for (const ov_scope *s = v ? v->scope : NULL; s; s = s->parent)
        if (s->owner == anc)
            return 1;
    return 0;
}

/* The open visit of a named state an event refers to: along the event's chain first. */
static ov_visit *find_named(ov_ctx *c, size_t state, ov_visit *pv, ov_scope *ps)
{
    ov_visit *v;
    if (state == ASLDOT_IR_NONE)
        return NULL;
    for (v = pv; v; v = v->scope ? v->scope->owner : NULL)
        if (v->state == state && v->open)
            return v;
    for (ov_scope *s = ps; s; s = s->parent)
        for (v = c->states[state].open; v; v = v->open_next)
            if (v->scope == s)
                return v;
    return c->states[state].open;
}

/* The visit of a state of this type an unnamed event (TaskScheduled, MapStateFailed, ...)
 * belongs to: the nearest such visit up the chain, else the newest open one. */
static ov_visit *find_typed(ov_ctx *c, asldot_state_type type, ov_visit *pv, ov_scope *ps)
{
    ov_visit *v = pv ? pv : ps ? ps->owner : NULL;
    for (; v; v = v->scope ? v->scope->owner : NULL)
        if (v->type == type)
            return v;
    for (v = c->gopen; v; v = v->gopen_next)
        if (v->type == type)
            return v;
    return NULL;
}

static ov_scope *child_scope(ov_ctx *c, ov_visit *owner, int kind, long long key, int create)
{
    for (ov_scope *s = owner->children; s; s = s->sibling)
        if (s->kind == kind && s->key == key && s->attempt == owner->attempts)
            return s;
    return create ? new_scope(c, kind, owner, key) : NULL;
}

/* The newest open iteration of a Map visit (created when the history shows none). */
static ov_scope *current_iteration(ov_ctx *c, ov_visit *owner)
{
    for (ov_scope *s = owner->children; s; s = s->sibling)
        if ((s->kind == SC_ITER || s->kind == SC_CHILD) && !s->closed &&
            s->attempt == owner->attempts)
            return s;
    return child_scope(c, owner, SC_ITER, -1, 1);
}

/* The scope a state being entered lives in. */
static ov_scope *enter_scope(ov_ctx *c, ov_exec *ex, size_t state, ov_visit *pv, ov_scope *ps)
{
    const ov_state *st = &c->states[state];
    size_t cont = st->container;
    ov_visit *owner = NULL;
    if (cont == ASLDOT_IR_NONE)
        return ex->root;
    for (ov_scope *s = ps; s && !owner; s = s->parent) {
        if (s->owner && s->owner->state == cont) {
            if (s->kind != SC_BRANCH || s->key == (long long)st->branch)
                return s;
            owner = s->owner;
        }
    }
    for (ov_visit *v = pv; v && !owner; v = v->scope ? v->scope->owner : NULL)
        if (v->state == cont)
            owner = v;
    if (owner == NULL)
        owner = c->states[cont].open;
    if (owner == NULL)
        owner = c->states[cont].latest;
    if (owner == NULL)
        return ps ? ps : ex->root;
    if (c->states[cont].type == ASLDOT_STATE_PARALLEL)
        return child_scope(c, owner, SC_BRANCH, (long long)st->branch, 1);
    return current_iteration(c, owner);
}

static void close_children(ov_visit *v)
{
    for (ov_scope *s = v->children; s; s = s->sibling)
        s->closed = 1;
}

static void mark_failed(ov_visit *v, const asldot_hevent *e)
{
    if (v == NULL || v->exited)
        return;
    v->failed = 1;
    set_end(v, e);
}

/* Gives the error of a failure to the failed visits that have none: the culprit, the chain of
 * failed children below it and the failed containers above it. */
static void assign_error(ov_visit *culprit, const char *error, const char *cause)
{
    size_t guard = 0;
    if (error == NULL && cause == NULL)
        return;
    for (ov_visit *v = culprit; v && guard++ < 100000; v = v->fail_child)
        if (v->failed && v->error == NULL && v->cause == NULL) {
            v->error = error;
            v->cause = cause;
        }
    for (ov_visit *v = culprit; v; v = v->scope ? v->scope->owner : NULL)
        if (v->failed && v->error == NULL && v->cause == NULL) {
            v->error = error;
            v->cause = cause;
        }
}

/* "(entered at the event id #13)" in a runtime error names the failing state's entry. */
static ov_visit *cause_culprit(const ov_exec *ex, const asldot_hevent *e)
{
    static const char mark[] = "entered at the event id #";
    const char *texts[2];
    texts[0] = e->cause;
    texts[1] = e->error;
    for (int t = 0; t < 2; t++) {
        const char *p = texts[t] ? strstr(texts[t], mark) : NULL;
        long long id = 0;
        int n = 0;
        const asldot_hevent *ent;
        if (p == NULL)
            continue;
        for (p += sizeof mark - 1; *p >= '0' && *p <= '9' && n < 17; p++, n++)
            id = id * 10 + (*p - '0');
        ent = n ? asldot_hexec_find(ex->x, id) : NULL;
        if (ent && ent->kind == ASLDOT_HEV_STATE_ENTERED)
            return ex->ev_visit[ent - ex->x->events];
    }
    return NULL;
}

/* ---------------------------------------------------------------- attempts */

/* A Task's scheduling, or a Map's or Parallel's start, begins an attempt of v (the first
 * MAX_ATTEMPTS_LISTED are kept with their times; v->attempts counts them all). */
static void attempt_begin(ov_ctx *c, ov_visit *v, const asldot_hevent *e)
{
    ov_attempt *a;
    if (v->att_count >= MAX_ATTEMPTS_LISTED) {
        if (v->att_last)
            v->att_last->open = 0; /* the attempt that ends next is not this one */
        return;
    }
    if ((a = asldot_arena_alloc(c->arena, sizeof *a)) == NULL) {
        c->nomem = 1;
        return;
    }
    a->start_ms = e->has_ts ? e->ts_ms : -1;
    a->end_ms = -1;
    a->open = 1;
    if (v->att_last)
        v->att_last->next = a;
    else
        v->att_first = a;
    v->att_last = a;
    v->att_count++;
}

static void attempt_end(ov_visit *v, const asldot_hevent *e, int failed)
{
    ov_attempt *a = v->att_last;
    if (a == NULL || !a->open)
        return;
    a->open = 0;
    a->end_ms = e->has_ts ? e->ts_ms : -1;
    a->failed = failed;
    if (failed) {
        a->error = e->error;
        a->cause = e->cause;
    }
}

/* ---------------------------------------------------------------- walking one execution
 * One handler per family of events: each finds (or makes) the visit the event belongs to and
 * returns it, or NULL; pv and ps are the visit and scope of the event's previous event. */

typedef struct ov_event {
    ov_exec *ex;
    size_t i; /* the event's index in ex->x->events */
    const asldot_hevent *e;
    ov_visit *pv;
    ov_scope *ps;
} ov_event;

static void on_execution(ov_ctx *c, const ov_event *ev)
{
    ov_exec *ex = ev->ex;
    const asldot_hevent *e = ev->e;
    ov_visit *culprit;
    (void)c;
    switch (e->kind) {
    case ASLDOT_HEV_EXEC_STARTED:
        ex->start = e;
        ex->ev_scope[ev->i] = ex->ev_out[ev->i] = ex->root;
        break;
    case ASLDOT_HEV_EXEC_REDRIVEN:
        ex->end = NULL;
        break;
    case ASLDOT_HEV_EXEC_FAILED:
        culprit = cause_culprit(ex, e);
        ex->end = e;
        if (culprit == NULL)
            culprit = ev->pv;
        if (culprit && culprit->open && !culprit->failed)
            mark_failed(culprit, e);
        assign_error(culprit, e->error, e->cause);
        break;
    default: /* succeeded, aborted, timed out */
        ex->end = e;
        break;
    }
}

/* StateEntered and StateExited: the state named by the event. */
static asldot_status on_state(ov_ctx *c, const ov_event *ev, ov_visit **out)
{
    const asldot_hevent *e = ev->e;
    size_t s = lookup(c, e->name);
    ov_visit *v;
    ov_scope *sc;
    *out = NULL;
    if (s == ASLDOT_IR_NONE)
        return note_unknown(c, e->name);
    if (e->kind == ASLDOT_HEV_STATE_EXITED) {
        if ((v = find_named(c, s, ev->pv, ev->ps)) == NULL)
            return ASLDOT_OK;
        v->exited = 1;
        v->exit = e;
        v->has_end = 0;
        set_end(v, e);
        open_remove(c, v);
        *out = v;
        return ASLDOT_OK;
    }
    sc = enter_scope(c, ev->ex, s, ev->pv, ev->ps);
    if (c->nomem || (v = new_visit(c, ev->ex, s, sc, e)) == NULL)
        return ASLDOT_OK; /* c->nomem says why */
    ev->ex->ev_scope[ev->i] = ev->ex->ev_out[ev->i] = sc;
    if (v->type == ASLDOT_STATE_FAIL) {
        /* a Fail state never exits: it has failed as soon as it is entered */
        v->failed = 1;
        open_remove(c, v);
    }
    *out = v;
    return ASLDOT_OK;
}

/* A Task's work: scheduled (an attempt), started, succeeded, failed. */
static ov_visit *on_task(ov_ctx *c, const ov_event *ev)
{
    const asldot_hevent *e = ev->e;
    ov_visit *v = find_typed(c, ASLDOT_STATE_TASK, ev->pv, ev->ps);
    if (v == NULL)
        return NULL;
    switch (e->kind) {
    case ASLDOT_HEV_ATTEMPT:
        v->attempts++;
        v->failed = 0;
        v->has_end = 0;
        attempt_begin(c, v, e);
        break;
    case ASLDOT_HEV_WORK_FAILED:
        mark_failed(v, e);
        if (e->error || e->cause) {
            v->error = e->error;
            v->cause = e->cause;
        }
        attempt_end(v, e, 1);
        break;
    case ASLDOT_HEV_WORK_SUCCEEDED:
        v->failed = 0;
        attempt_end(v, e, 0);
        break;
    default:
        break;
    }
    return v;
}

/* A state that failed evaluating its input, parameters or output (no work event of its own). */
static ov_visit *on_eval_failed(ov_ctx *c, const ov_event *ev)
{
    size_t s = lookup(c, ev->e->name);
    ov_visit *v = s != ASLDOT_IR_NONE ? find_named(c, s, ev->pv, ev->ps) : ev->pv;
    if (v) {
        mark_failed(v, ev->e);
        v->error = ev->e->error;
        v->cause = ev->e->cause;
    }
    return v;
}

/* A Map or Parallel as a whole: started (an attempt), succeeded, failed, aborted; and any
 * state's abort. */
static ov_visit *on_container(ov_ctx *c, const ov_event *ev)
{
    const asldot_hevent *e = ev->e;
    asldot_state_type type;
    ov_visit *v, *pv = ev->pv;
    switch (e->kind) {
    case ASLDOT_HEV_MAP_STARTED:
    case ASLDOT_HEV_MAP_SUCCEEDED:
    case ASLDOT_HEV_MAP_FAILED:
    case ASLDOT_HEV_MAP_ABORTED:
        type = ASLDOT_STATE_MAP;
        break;
    case ASLDOT_HEV_STATE_ABORTED:
        type = e->stype;
        break;
    default:
        type = ASLDOT_STATE_PARALLEL;
    }
    if ((v = find_typed(c, type, pv, ev->ps)) == NULL)
        return NULL;
    switch (e->kind) {
    case ASLDOT_HEV_STATE_ABORTED:
    case ASLDOT_HEV_MAP_ABORTED:
    case ASLDOT_HEV_PAR_ABORTED:
        if (!v->exited) {
            v->aborted = 1;
            set_end(v, e);
            close_children(v);
            open_remove(c, v);
        }
        break;
    case ASLDOT_HEV_MAP_STARTED:
    case ASLDOT_HEV_PAR_STARTED:
        close_children(v); /* a retry: the previous attempt's branches are over */
        v->attempts++;
        v->failed = 0;
        v->has_end = 0;
        v->length = e->length;
        attempt_begin(c, v, e);
        break;
    case ASLDOT_HEV_MAP_SUCCEEDED:
    case ASLDOT_HEV_PAR_SUCCEEDED:
        v->failed = 0;
        attempt_end(v, e, 0);
        break;
    default: /* failed */
        if (pv && pv != v && descends_from(pv, v)) {
            if (pv->open && !pv->failed)
                mark_failed(pv, e); /* a runtime error inside, without its own event */
            if (pv->failed)
                v->fail_child = pv;
        }
        mark_failed(v, e);
        close_children(v);
        if (e->error || e->cause) {
            v->error = e->error;
            v->cause = e->cause;
        }
        attempt_end(v, e, 1);
        break;
    }
    return v;
}

/* MapIterationStarted / Succeeded / Failed / Aborted: one iteration's scope. */
static asldot_status on_iteration(ov_ctx *c, const ov_event *ev, ov_visit **out)
{
    const asldot_hevent *e = ev->e;
    ov_visit *pv = ev->pv;
    size_t s = lookup(c, e->name);
    ov_visit *v;
    ov_scope *it;
    *out = NULL;
    if (s == ASLDOT_IR_NONE)
        return note_unknown(c, e->name);
    v = find_named(c, s, pv, ev->ps);
    if (v == NULL || v->type != ASLDOT_STATE_MAP)
        return ASLDOT_OK;
    if ((it = child_scope(c, v, SC_ITER, e->index, 1)) == NULL)
        return ASLDOT_OK; /* c->nomem */
    *out = v;
    ev->ex->ev_scope[ev->i] = v->scope;
    ev->ex->ev_out[ev->i] = e->kind == ASLDOT_HEV_ITER_STARTED ? it : v->scope;
    if (e->kind == ASLDOT_HEV_ITER_STARTED)
        return ASLDOT_OK;
    it->closed = 1;
    it->outcome = e->kind == ASLDOT_HEV_ITER_SUCCEEDED ? OUT_SUCCEEDED
                  : e->kind == ASLDOT_HEV_ITER_FAILED  ? OUT_FAILED
                                                       : OUT_ABORTED;
    if (e->kind == ASLDOT_HEV_ITER_FAILED && pv && pv != v && in_chain(it, pv->scope)) {
        if (pv->open && !pv->failed)
            mark_failed(pv, e);
        if (pv->failed && v->fail_child == NULL)
            v->fail_child = pv;
    }
    return ASLDOT_OK;
}

/* MapRun*: a Distributed Map's run, its outcome and item counts. */
static ov_visit *on_map_run(ov_ctx *c, const ov_event *ev)
{
    const asldot_hevent *e = ev->e;
    ov_visit *v = find_typed(c, ASLDOT_STATE_MAP, ev->pv, ev->ps);
    if (v == NULL)
        return NULL;
    v->has_run = 1;
    if (e->map_run_arn)
        v->map_run_arn = e->map_run_arn;
    if (e->kind == ASLDOT_HEV_RUN_SUCCEEDED)
        v->run_outcome = OUT_SUCCEEDED;
    else if (e->kind == ASLDOT_HEV_RUN_FAILED)
        v->run_outcome = OUT_FAILED;
    else if (e->kind == ASLDOT_HEV_RUN_ABORTED)
        v->run_outcome = OUT_ABORTED;
    else
        v->run_outcome = OUT_RUNNING;
    if (e->kind == ASLDOT_HEV_RUN_FAILED && (e->error || e->cause)) {
        v->error = e->error;
        v->cause = e->cause;
    }
    if (e->items_total >= 0) {
        v->items_total = e->items_total;
        v->items_succeeded = e->items_succeeded;
        v->items_failed = e->items_failed;
    }
    return v;
}

static asldot_status on_event(ov_ctx *c, const ov_event *ev, ov_visit **v)
{
    *v = NULL;
    switch (ev->e->kind) {
    case ASLDOT_HEV_EXEC_STARTED:
    case ASLDOT_HEV_EXEC_REDRIVEN:
    case ASLDOT_HEV_EXEC_SUCCEEDED:
    case ASLDOT_HEV_EXEC_ABORTED:
    case ASLDOT_HEV_EXEC_TIMED_OUT:
    case ASLDOT_HEV_EXEC_FAILED:
        on_execution(c, ev);
        return ASLDOT_OK;
    case ASLDOT_HEV_STATE_ENTERED:
    case ASLDOT_HEV_STATE_EXITED:
        return on_state(c, ev, v);
    case ASLDOT_HEV_ATTEMPT:
    case ASLDOT_HEV_WORK_FAILED:
    case ASLDOT_HEV_WORK_SUCCEEDED:
    case ASLDOT_HEV_WORK_OTHER:
        *v = on_task(c, ev);
        return ASLDOT_OK;
    case ASLDOT_HEV_EVAL_FAILED:
        *v = on_eval_failed(c, ev);
        return ASLDOT_OK;
    case ASLDOT_HEV_STATE_ABORTED:
    case ASLDOT_HEV_MAP_ABORTED:
    case ASLDOT_HEV_PAR_ABORTED:
    case ASLDOT_HEV_MAP_STARTED:
    case ASLDOT_HEV_PAR_STARTED:
    case ASLDOT_HEV_MAP_SUCCEEDED:
    case ASLDOT_HEV_PAR_SUCCEEDED:
    case ASLDOT_HEV_MAP_FAILED:
    case ASLDOT_HEV_PAR_FAILED:
        *v = on_container(c, ev);
        return ASLDOT_OK;
    case ASLDOT_HEV_ITER_STARTED:
    case ASLDOT_HEV_ITER_SUCCEEDED:
    case ASLDOT_HEV_ITER_FAILED:
    case ASLDOT_HEV_ITER_ABORTED:
        return on_iteration(c, ev, v);
    case ASLDOT_HEV_RUN_STARTED:
    case ASLDOT_HEV_RUN_SUCCEEDED:
    case ASLDOT_HEV_RUN_FAILED:
    case ASLDOT_HEV_RUN_ABORTED:
    case ASLDOT_HEV_RUN_REDRIVEN:
        *v = on_map_run(c, ev);
        return ASLDOT_OK;
    default:
        return ASLDOT_OK;
    }
}

static asldot_status process_exec(ov_ctx *c, ov_exec *ex)
{
    const asldot_hexec *x = ex->x;
    ex->ev_visit = asldot_arena_array(c->arena, x->count, sizeof *ex->ev_visit);
    ex->ev_scope = asldot_arena_array(c->arena, x->count, sizeof *ex->ev_scope);
    ex->ev_out = asldot_arena_array(c->arena, x->count, sizeof *ex->ev_out);
    if (x->count && (!ex->ev_visit || !ex->ev_scope || !ex->ev_out))
        return ASLDOT_ERR_NOMEM;

    for (size_t i = 0; i < x->count && !c->nomem; i++) {
        const asldot_hevent *e = &x->events[i];
        const asldot_hevent *p = e->prev > 0 ? asldot_hexec_find(x, e->prev) : NULL;
        size_t pi = p ? (size_t)(p - x->events) : 0;
        ov_event ev;
        ov_visit *v;
        asldot_status st;
        ev.ex = ex;
        ev.i = i;
        ev.e = e;
        ev.pv = p && pi < i ? ex->ev_visit[pi] : NULL;
        ev.ps = p && pi < i ? ex->ev_out[pi] : NULL;
        ex->ev_scope[i] = ex->ev_out[i] = ev.ps ? ev.ps : ex->root;
        if ((st = on_event(c, &ev, &v)) != ASLDOT_OK)
            return st;
        ex->ev_visit[i] = v;
        if (v && (e->kind != ASLDOT_HEV_STATE_ENTERED))
            ex->ev_scope[i] = ex->ev_scope[i] ? ex->ev_scope[i] : v->scope;
    }
    return c->nomem ? ASLDOT_ERR_NOMEM : ASLDOT_OK;
}

/* ---------------------------------------------------------------- statuses */

static int exec_outcome(const ov_exec *ex)
{
    if (ex->end == NULL)
        return OUT_RUNNING;
    switch (ex->end->kind) {
    case ASLDOT_HEV_EXEC_SUCCEEDED:
        return OUT_SUCCEEDED;
    case ASLDOT_HEV_EXEC_FAILED:
        return OUT_FAILED;
    default:
        return OUT_ABORTED;
    }
}

static int stopped_from_above(const ov_visit *v)
{
    for (const ov_scope *s = v->scope; s; s = s->parent) {
        if (s->closed)
            return 1;
        if (s->owner && (s->owner->exited || s->owner->aborted || s->owner->failed))
            return 1;
    }
    return 0;
}

static asldot_ir_status visit_status(const ov_visit *v)
{
    if (v->type == ASLDOT_STATE_FAIL)
        return ASLDOT_IR_STATUS_FAILED;
    if (v->exited)
        return v->failed ? ASLDOT_IR_STATUS_CAUGHT : ASLDOT_IR_STATUS_SUCCEEDED;
    if (v->failed)
        return ASLDOT_IR_STATUS_FAILED;
    if (v->aborted || stopped_from_above(v))
        return ASLDOT_IR_STATUS_CANCELLED;
    switch (exec_outcome(v->ex)) {
    case OUT_RUNNING:
        return ASLDOT_IR_STATUS_IN_PROGRESS;
    case OUT_SUCCEEDED:
        /* the execution ended well although this state never exited: the history lacks the
         * exit (placeholders, a missing page); nothing went wrong here */
        return ASLDOT_IR_STATUS_SUCCEEDED;
    default:
        return ASLDOT_IR_STATUS_CANCELLED;
    }
}

/* --iteration: is v outside the chosen iteration of the chosen Map? */
static int excluded(const ov_ctx *c, const ov_visit *v)
{
    if (c->iter_state == ASLDOT_IR_NONE)
        return 0;
    for (const ov_scope *s = v->scope; s; s = s->parent)
        if ((s->kind == SC_ITER || s->kind == SC_CHILD) && s->owner &&
            s->owner->state == c->iter_state && s->key != c->iter_index)
            return 1;
    return 0;
}

/* ---------------------------------------------------------------- text */

static void put_duration(asldot_buf *b, long long ms)
{
    if (ms < 0)
        ms = 0;
    if (ms < 1000) {
        asldot_buf_printf(b, "%lldms", ms);
        return;
    }
    if (ms < 59950) {
        long long tenths = (ms + 50) / 100;
        asldot_buf_printf(b, "%lld.%llds", tenths / 10, tenths % 10);
        return;
    }
    if (ms < 3599500) {
        long long s = (ms + 500) / 1000;
        asldot_buf_printf(b, "%lldm %02llds", s / 60, s % 60);
        return;
    }
    {
        long long m = (ms + 30000) / 60000;
        asldot_buf_printf(b, "%lldh %02lldm", m / 60, m % 60);
    }
}

static asldot_status append_line(ov_ctx *c, const char **field, const char *text)
{
    const char *n;
    if (text == NULL || *text == '\0')
        return ASLDOT_OK;
    if (*field && **field)
        n = asldot_arena_printf(c->g->arena, "%s\n%s", *field, text);
    else
        n = asldot_arena_strdup(c->g->arena, text);
    if (n == NULL)
        return ASLDOT_ERR_NOMEM;
    *field = n;
    return ASLDOT_OK;
}

/* Appends s, at most max bytes (cut on a character boundary), newlines as spaces. */
static void put_cut(asldot_buf *b, const char *s, size_t max, int flatten)
{
    size_t len = strlen(s), n = asldot_history_cut(s, len, max);
    for (size_t i = 0; i < n; i++)
        asldot_buf_putc(b, flatten && (s[i] == '\n' || s[i] == '\r') ? ' ' : s[i]);
    if (n < len)
        asldot_buf_puts(b, "\xE2\x80\xA6");
}

static void put_error(asldot_buf *b, const char *error, const char *cause, size_t cause_max)
{
    if (error)
        asldot_buf_puts(b, error);
    if (error && cause)
        asldot_buf_puts(b, ": ");
    if (cause)
        put_cut(b, cause, cause_max, cause_max != ASLDOT_HISTORY_TEXT_MAX);
}

/* ---------------------------------------------------------------- writing into the graph */

typedef struct ov_agg {
    asldot_ir_status status;
    asldot_ir_run run;
    const ov_visit *errs[MAX_ERRORS_LISTED];
    size_t err_count, err_more;
    const ov_visit *io; /* the last counted visit */
    long long known_runs;
} ov_agg;

static int same_str(const char *a, const char *b)
{
    return (a == NULL && b == NULL) || (a && b && strcmp(a, b) == 0);
}

static void aggregate(ov_agg *a, const ov_visit *v)
{
    int runs_iter = v->type == ASLDOT_STATE_MAP;
    a->run.runs++;
    if (v->status > a->status)
        a->status = v->status;
    if (v->status == ASLDOT_IR_STATUS_SUCCEEDED)
        a->run.succeeded++;
    else if (v->status == ASLDOT_IR_STATUS_FAILED || v->status == ASLDOT_IR_STATUS_CAUGHT)
        a->run.failed++;
    if (v->type == ASLDOT_STATE_TASK || v->type == ASLDOT_STATE_MAP ||
        v->type == ASLDOT_STATE_PARALLEL)
        a->run.attempts += v->attempts;
    if (v->enter->has_ts && v->has_end && v->type != ASLDOT_STATE_FAIL) {
        long long d = v->end_ms - v->enter->ts_ms;
        if (d < 0)
            d = 0;
        a->run.total_ms = a->run.total_ms < 0 ? d : a->run.total_ms + d;
        if (d > a->run.max_ms)
            a->run.max_ms = d;
        a->known_runs++;
    }
    if (runs_iter) {
        unsigned started = 0;
        long long maxkey = -1;
        for (const ov_scope *s = v->children; s; s = s->sibling) {
            if ((s->kind != SC_ITER && s->kind != SC_CHILD) || s->attempt != v->attempts)
                continue;
            started++;
            if (s->key > maxkey)
                maxkey = s->key;
            if (s->outcome == OUT_SUCCEEDED)
                a->run.iterations_succeeded++;
            else if (s->outcome == OUT_FAILED)
                a->run.iterations_failed++;
        }
        if (v->length > (long long)started && v->length < 0x7fffffffLL)
            started = (unsigned)v->length;
        a->run.iterations_total += started;
        if (v->items_total >= 0) {
            a->run.items_total = (a->run.items_total < 0 ? 0 : a->run.items_total) + v->items_total;
            if (v->items_succeeded >= 0)
                a->run.items_succeeded =
                    (a->run.items_succeeded < 0 ? 0 : a->run.items_succeeded) + v->items_succeeded;
            if (v->items_failed >= 0)
                a->run.items_failed =
                    (a->run.items_failed < 0 ? 0 : a->run.items_failed) + v->items_failed;
        }
    }
    if ((v->status == ASLDOT_IR_STATUS_FAILED || v->status == ASLDOT_IR_STATUS_CAUGHT) &&
        (v->error || v->cause)) {
        size_t i;
        for (i = 0; i < a->err_count; i++)
            if (same_str(a->errs[i]->error, v->error) && same_str(a->errs[i]->cause, v->cause))
                break;
        if (i == a->err_count) {
            if (a->err_count < MAX_ERRORS_LISTED)
                a->errs[a->err_count++] = v;
            else
                a->err_more++;
        }
    }
    a->io = v;
}

/* "7 iterations: 4 ✓ 1 ✗ 2 unfinished": how many started, and what became of each. */
static void put_counts(asldot_buf *b, const char *what, long long total, long long ok,
                       long long failed)
{
    long long rest = total - ok - failed;
    asldot_buf_printf(b, "%lld %s: %lld \xE2\x9C\x93", total, what, ok);
    if (failed > 0)
        asldot_buf_printf(b, " %lld \xE2\x9C\x97", failed);
    if (rest > 0)
        asldot_buf_printf(b, " %lld unfinished", rest);
    asldot_buf_putc(b, '\n');
}
static asldot_status write_state(ov_ctx *c, ov_agg *a, asldot_ir_status *status, asldot_ir_run *run,
                                 const char **classes, const char **notes, const char **tooltip,
                                 size_t state)
{
    asldot_buf *b = &c->tmp;
    asldot_status st;
    const char *cls;
    if (a->run.runs == 0)
        a->status = ASLDOT_IR_STATUS_NOT_RUN;
    *status = a->status;
    run->runs = a->run.runs;
    run->succeeded = a->run.succeeded;
    run->failed = a->run.failed;
    run->attempts = a->run.attempts;
    run->total_ms = a->run.total_ms;
    run->max_ms = a->run.max_ms;
    run->iterations_succeeded = a->run.iterations_succeeded;
    run->iterations_failed = a->run.iterations_failed;
    run->iterations_total = a->run.iterations_total;
    run->items_succeeded = a->run.items_succeeded;
    run->items_failed = a->run.items_failed;
    run->items_total = a->run.items_total;
    cls = asldot_arena_printf(c->g->arena, "status-%s", asldot_ir_status_name(a->status));
    if (cls == NULL || (st = asldot_ir_add_class(c->g, classes, cls)) != ASLDOT_OK)
        return ASLDOT_ERR_NOMEM;

    /* notes: one figure per line */
    asldot_buf_reset(b);
    if (run->runs > 1) {
        asldot_buf_printf(b, "\xC3\x97%u", run->runs);
        if (run->succeeded != run->runs) {
            if (run->succeeded)
                asldot_buf_printf(b, " \xC2\xB7 %u \xE2\x9C\x93", run->succeeded);
            if (run->failed)
                asldot_buf_printf(b, "%s%u \xE2\x9C\x97", run->succeeded ? " " : " \xC2\xB7 ",
                                  run->failed);
        }
        asldot_buf_putc(b, '\n');
    }
    if (run->attempts > run->runs && run->runs > 0)
        asldot_buf_printf(b, "%u attempts\n", run->attempts);
    if (run->total_ms >= 0) {
        if (a->known_runs > 1) {
            asldot_buf_puts(b, "total ");
            put_duration(b, run->total_ms);
            asldot_buf_puts(b, " \xC2\xB7 max ");
            put_duration(b, run->max_ms);
        } else {
            put_duration(b, run->total_ms);
        }
        asldot_buf_putc(b, '\n');
    }
    if (run->iterations_total)
        put_counts(b, "iterations", run->iterations_total, run->iterations_succeeded,
                   run->iterations_failed);
    if (run->items_total >= 0)
        put_counts(b, "items", run->items_total,
                   run->items_succeeded >= 0 ? run->items_succeeded : 0,
                   run->items_failed > 0 ? run->items_failed : 0);
    if (c->iter_state == state)
        asldot_buf_printf(b, "iteration %lld\n", c->iter_index);
    if ((st = asldot_buf_status(b)) != ASLDOT_OK)
        return st;
    if (b->len && b->data[b->len - 1] == '\n')
        b->data[--b->len] = '\0';
    if (b->len && (st = append_line(c, notes, b->data)) != ASLDOT_OK)
        return st;

    /* tooltip: errors, then (with --show-io) the data */
    asldot_buf_reset(b);
    for (size_t i = 0; i < a->err_count; i++) {
        asldot_buf_puts(b, i ? "\n" : "");
        put_error(b, a->errs[i]->error, a->errs[i]->cause, ASLDOT_HISTORY_TEXT_MAX);
    }
    if (a->err_more)
        asldot_buf_printf(b, "\n(and %zu more errors)", a->err_more);
    if (c->opts->flags & ASLDOT_OVERLAY_SHOW_IO && a->io) {
        if (a->io->enter && a->io->enter->input) {
            asldot_buf_puts(b, b->len ? "\ninput: " : "input: ");
            put_cut(b, a->io->enter->input, ASLDOT_HISTORY_TEXT_MAX, 0);
        }
        if (a->io->exit && a->io->exit->output) {
            asldot_buf_puts(b, b->len ? "\noutput: " : "output: ");
            put_cut(b, a->io->exit->output, ASLDOT_HISTORY_TEXT_MAX, 0);
        }
    }
    if ((st = asldot_buf_status(b)) != ASLDOT_OK)
        return st;
    if (b->len && (st = append_line(c, tooltip, b->data)) != ASLDOT_OK)
        return st;
    return ASLDOT_OK;
}

static int edge_counts(asldot_ir_edge_kind k)
{
    return k == ASLDOT_IR_EDGE_NEXT || k == ASLDOT_IR_EDGE_CHOICE || k == ASLDOT_IR_EDGE_DEFAULT ||
           k == ASLDOT_IR_EDGE_CATCH || k == ASLDOT_IR_EDGE_START || k == ASLDOT_IR_EDGE_END;
}

/* The edge a transition a -> b is counted on: Catch after a failure, else Next / Choice /
 * Default; NONE when the graph has none. */
static size_t transition_edge(const ov_ctx *c, const size_t *from_off, const size_t *from_edges,
                              const ov_visit *a, const ov_visit *b)
{
    size_t best = ASLDOT_IR_NONE;
    for (size_t k = from_off[a->state]; k < from_off[a->state + 1]; k++) {
        const asldot_ir_edge *e = c->g->edges[from_edges[k]];
        int is_catch = e->kind == ASLDOT_IR_EDGE_CATCH;
        if (e->to_state != b->state || e->kind == ASLDOT_IR_EDGE_END || !edge_counts(e->kind))
            continue;
        if (best == ASLDOT_IR_NONE ||
            (is_catch == (a->failed != 0) &&
             (c->g->edges[best]->kind == ASLDOT_IR_EDGE_CATCH) != (a->failed != 0)))
            best = from_edges[k];
    }
    return best;
}

static asldot_status mark_edges(ov_ctx *c, const ov_exec *main_ex)
{
    asldot_graph *g = c->g;
    size_t *from_off = asldot_arena_array(c->arena, g->state_count + 2, sizeof(size_t));
    size_t *from_edges = asldot_arena_array(c->arena, g->edge_count + 1, sizeof(size_t));
    size_t *fill = asldot_arena_array(c->arena, g->state_count + 2, sizeof(size_t));
    asldot_status st;
    if (from_off == NULL || from_edges == NULL || fill == NULL)
        return ASLDOT_ERR_NOMEM;
    for (size_t i = 0; i < g->edge_count; i++)
        if (g->edges[i]->from_state < g->state_count)
            from_off[g->edges[i]->from_state + 1]++;
    for (size_t s = 0; s < g->state_count; s++)
        from_off[s + 1] += from_off[s];
    memcpy(fill, from_off, (g->state_count + 1) * sizeof(size_t));
    for (size_t i = 0; i < g->edge_count; i++)
        if (g->edges[i]->from_state < g->state_count)
            from_edges[fill[g->edges[i]->from_state]++] = i;

    /* every visit's edges (the page steps through iterations with them); those counted */
    for (ov_visit *v = c->first; v; v = v->next) {
        if (v->pred) {
            v->edge_in = transition_edge(c, from_off, from_edges, v->pred, v);
        } else if (v->scope == main_ex->root) {
            for (size_t i = 0; i < g->edge_count && v->edge_in == ASLDOT_IR_NONE; i++)
                if (g->edges[i]->kind == ASLDOT_IR_EDGE_START && g->edges[i]->to_state == v->state)
                    v->edge_in = i;
        }
        /* the run ended here: a state that finished last, or a Fail state, whose failing is how
         * it ends the run (it has no exit event) */
        if (v->scope == main_ex->root && v->scope->last == v &&
            ((v->exited && !v->failed) || v->type == ASLDOT_STATE_FAIL)) {
            for (size_t k = from_off[v->state];
                 k < from_off[v->state + 1] && v->edge_end == ASLDOT_IR_NONE; k++)
                if (g->edges[from_edges[k]]->kind == ASLDOT_IR_EDGE_END)
                    v->edge_end = from_edges[k];
        }
        if (excluded(c, v))
            continue;
        if (v->edge_in != ASLDOT_IR_NONE)
            g->edges[v->edge_in]->taken++;
        if (v->edge_end != ASLDOT_IR_NONE)
            g->edges[v->edge_end]->taken++;
    }
    for (size_t i = 0; i < g->edge_count; i++) {
        asldot_ir_edge *e = g->edges[i];
        if (!edge_counts(e->kind))
            continue;
        st = asldot_ir_add_class(g, &e->classes, e->taken ? "taken" : "untaken");
        if (st != ASLDOT_OK)
            return st;
        if (e->taken > 1) {
            const char *l = e->label && *e->label
                                ? asldot_arena_printf(g->arena, "%s \xC3\x97%u", e->label, e->taken)
                                : asldot_arena_printf(g->arena, "\xC3\x97%u", e->taken);
            if (l == NULL)
                return ASLDOT_ERR_NOMEM;
            e->label = l;
        }
    }
    return ASLDOT_OK;
}

/* ---------------------------------------------------------------- every run, for the page */

#define VISIT_TEXT_MAX 4096 /* bytes of an input or output kept per run */

/* A copy of history text s in the graph's arena, cut to max bytes with an ellipsis; NULL for
 * NULL. Sets c->nomem when out of memory. */
static const char *keep_text(ov_ctx *c, const char *s, size_t max)
{
    size_t len, n;
    const char *r;
    if (s == NULL)
        return NULL;
    len = strlen(s);
    n = asldot_history_cut(s, len, max);
    r = n < len ? asldot_arena_printf(c->g->arena, "%.*s\xE2\x80\xA6", (int)n, s)
                : asldot_arena_strdup(c->g->arena, s);
    if (r == NULL)
        c->nomem = 1;
    return r;
}

static void keep_attempts(ov_ctx *c, asldot_ir_visit *o, const ov_visit *v)
{
    asldot_ir_attempt *list;
    size_t k = 0;
    if (v->att_count == 0)
        return;
    if ((list = asldot_arena_array(c->g->arena, v->att_count, sizeof *list)) == NULL) {
        c->nomem = 1;
        return;
    }
    for (const ov_attempt *a = v->att_first; a && k < v->att_count; a = a->next, k++) {
        list[k].start_ms = a->start_ms;
        list[k].end_ms = a->end_ms;
        list[k].failed = a->failed;
        list[k].error = keep_text(c, a->error, ASLDOT_HISTORY_TEXT_MAX);
        list[k].cause = keep_text(c, a->cause, ASLDOT_HISTORY_TEXT_MAX);
    }
    o->attempt_list = list;
    o->attempt_listed = k;
}

/* The Map iterations v ran in, innermost first. */
static void keep_iterations(ov_ctx *c, asldot_ir_visit *o, const ov_visit *v)
{
    size_t depth = 0, k = 0;
    size_t *map;
    long long *index;
    for (const ov_scope *s = v->scope; s; s = s->parent)
        if ((s->kind == SC_ITER || s->kind == SC_CHILD) && s->owner)
            depth++;
    if (depth == 0)
        return;
    map = asldot_arena_array(c->g->arena, depth, sizeof *map);
    index = asldot_arena_array(c->g->arena, depth, sizeof *index);
    if (map == NULL || index == NULL) {
        c->nomem = 1;
        return;
    }
    for (const ov_scope *s = v->scope; s; s = s->parent)
        if ((s->kind == SC_ITER || s->kind == SC_CHILD) && s->owner) {
            map[k] = s->owner->state;
            index[k++] = s->key;
        }
    o->iter_map = map;
    o->iter_index = index;
    o->iter_depth = depth;
}

/* Lists every run of a drawn state in g (the first ASLDOT_IR_VISITS_MAX): the page shows them
 * and steps through Map iterations with them as --iteration does. */
static asldot_status write_visits(ov_ctx *c)
{
    asldot_graph *g = c->g;
    asldot_ir_visit *out;
    size_t n = 0, k = 0;
    int io = (c->opts->flags & ASLDOT_OVERLAY_SHOW_IO) != 0;
    for (const ov_visit *v = c->first; v; v = v->next)
        n++;
    g->visits_dropped = n > ASLDOT_IR_VISITS_MAX ? n - ASLDOT_IR_VISITS_MAX : 0;
    n -= g->visits_dropped;
    g->iteration_state = c->iter_state;
    g->iteration_index = c->iter_index;
    if (n == 0)
        return ASLDOT_OK;
    if ((out = asldot_arena_array(g->arena, n, sizeof *out)) == NULL)
        return ASLDOT_ERR_NOMEM;
    for (const ov_visit *v = c->first; v && k < n && !c->nomem; v = v->next, k++) {
        asldot_ir_visit *o = &out[k];
        o->state = v->state;
        o->status = v->status;
        o->start_ms = v->enter && v->enter->has_ts ? v->enter->ts_ms : -1;
        o->end_ms = v->has_end && v->type != ASLDOT_STATE_FAIL ? v->end_ms : -1;
        o->edge_in = v->edge_in;
        o->edge_end = v->edge_end;
        o->attempts = v->attempts;
        o->error = keep_text(c, v->error, ASLDOT_HISTORY_TEXT_MAX);
        o->cause = keep_text(c, v->cause, ASLDOT_HISTORY_TEXT_MAX);
        if (io) {
            o->input = keep_text(c, v->enter ? v->enter->input : NULL, VISIT_TEXT_MAX);
            o->output = keep_text(c, v->exit ? v->exit->output : NULL, VISIT_TEXT_MAX);
        }
        keep_attempts(c, o, v);
        keep_iterations(c, o, v);
    }
    if (c->nomem)
        return ASLDOT_ERR_NOMEM;
    g->visits = out;
    g->visit_count = n;
    return ASLDOT_OK;
}

static asldot_status write_subtitle(ov_ctx *c, const ov_exec *ex)
{
    asldot_buf *b = &c->tmp;
    const asldot_hevent *start = ex ? ex->start : NULL, *end = ex ? ex->end : NULL;
    const asldot_hevent *lastev = NULL;
    long long dur = -1;
    asldot_buf_reset(b);
    if (ex == NULL || ex->x->count == 0) {
        c->g->subtitle = "Execution history holds no events";
        return ASLDOT_OK;
    }
    if (start == NULL)
        start = &ex->x->events[0];
    for (size_t i = ex->x->count; i-- > 0;)
        if (ex->x->events[i].has_ts) {
            lastev = &ex->x->events[i];
            break;
        }
    {
        const asldot_hevent *stop = end ? end : lastev;
        if (start->has_ts && stop && stop->has_ts)
            dur = stop->ts_ms - start->ts_ms;
    }
    switch (exec_outcome(ex)) {
    case OUT_SUCCEEDED:
        asldot_buf_puts(b, "Execution succeeded");
        if (dur >= 0)
            asldot_buf_puts(b, " in ");
        break;
    case OUT_FAILED:
        asldot_buf_puts(b, "Execution failed");
        if (dur >= 0)
            asldot_buf_puts(b, " after ");
        break;
    case OUT_ABORTED:
        asldot_buf_puts(b, end->kind == ASLDOT_HEV_EXEC_TIMED_OUT ? "Execution timed out"
                                                                  : "Execution aborted");
        if (dur >= 0)
            asldot_buf_puts(b, " after ");
        break;
    default:
        asldot_buf_puts(b, "Execution running");
        if (dur >= 0)
            asldot_buf_puts(b, " for ");
        break;
    }
    if (dur >= 0)
        put_duration(b, dur);
    if (end && end->kind != ASLDOT_HEV_EXEC_SUCCEEDED && (end->error || end->cause)) {
        asldot_buf_puts(b, " \xE2\x80\x94 ");
        put_error(b, end->error, end->cause, SUBTITLE_CAUSE_MAX);
    }
    if (asldot_buf_status(b) != ASLDOT_OK)
        return ASLDOT_ERR_NOMEM;
    c->g->subtitle = asldot_arena_strdup(c->g->arena, b->data);
    return c->g->subtitle ? ASLDOT_OK : ASLDOT_ERR_NOMEM;
}

static asldot_status warn_unknown(ov_ctx *c)
{
    asldot_buf *b = &c->tmp;
    size_t listed;
    if (c->unknown_count == 0)
        return ASLDOT_OK;
    asldot_buf_reset(b);
    listed = c->unknown_count < MAX_UNKNOWN_LISTED ? c->unknown_count : MAX_UNKNOWN_LISTED;
    for (size_t i = 0; i < listed; i++)
        asldot_buf_printf(b, "%s\"%s\"", i ? ", " : "", c->unknown[i]);
    if (c->unknown_count + c->unknown_more > listed)
        asldot_buf_printf(b, " and %zu more", c->unknown_count + c->unknown_more - listed);
    if (asldot_buf_status(b) != ASLDOT_OK)
        return ASLDOT_ERR_NOMEM;
    return asldot_diag_add(c->diags, ASLDOT_SEV_WARNING, "history-unknown-state", "", 0, 0,
                           "the history names state%s the definition does not have: %s",
                           c->unknown_count + c->unknown_more == 1 ? "" : "s", b->data);
}

/* ---------------------------------------------------------------- executions */

/* The first known state an execution enters, or NONE. */
static size_t first_state(const ov_ctx *c, const asldot_hexec *x)
{
    for (size_t i = 0; i < x->count; i++)
        if (x->events[i].kind == ASLDOT_HEV_STATE_ENTERED) {
            size_t s = lookup(c, x->events[i].name);
            if (s != ASLDOT_IR_NONE)
                return s;
        }
    return ASLDOT_IR_NONE;
}

static size_t enclosing_map(const ov_ctx *c, size_t s)
{
    size_t guard = 0;
    while (s != ASLDOT_IR_NONE && guard++ <= c->g->state_count) {
        s = c->states[s].container;
        if (s != ASLDOT_IR_NONE && c->states[s].type == ASLDOT_STATE_MAP)
            return s;
    }
    return ASLDOT_IR_NONE;
}

/* The Distributed Map visit a child execution ran under: by Map Run ARN, else the newest run
 * of the Map around its first state. */
static ov_visit *child_owner(ov_ctx *c, const asldot_hexec *x, size_t first)
{
    size_t map = enclosing_map(c, first);
    ov_visit *best = NULL;
    for (ov_visit *v = c->first; v; v = v->next) {
        if (v->type != ASLDOT_STATE_MAP)
            continue;
        if (x->map_run_arn && v->map_run_arn && strcmp(x->map_run_arn, v->map_run_arn) == 0)
            return v;
        if (v->state == map && (best == NULL || v->has_run || !best->has_run))
            best = v;
    }
    return x->map_run_arn && map == ASLDOT_IR_NONE ? NULL : best;
}

static asldot_status check_iteration(ov_ctx *c)
{
    const char *name = c->opts->iteration_state;
    size_t s;
    long long count = 0;
    if (name == NULL || c->opts->iteration_index < 0)
        return ASLDOT_OK;
    s = lookup(c, name);
    if (s == ASLDOT_IR_NONE || c->states[s].type != ASLDOT_STATE_MAP) {
        asldot_status st = asldot_diag_add(
            c->diags, ASLDOT_SEV_ERROR, "iteration-unknown-state", "", 0, 0,
            "--iteration names \"%s\", which is not a Map state of the definition", name);
        return st != ASLDOT_OK ? st : ASLDOT_ERR_INVALID;
    }
    for (const ov_visit *v = c->first; v; v = v->next) {
        if (v->state != s)
            continue;
        if (v->length > count)
            count = v->length;
        for (const ov_scope *k = v->children; k; k = k->sibling)
            if ((k->kind == SC_ITER || k->kind == SC_CHILD) && k->key + 1 > count)
                count = k->key + 1;
    }
    if (c->opts->iteration_index >= count) {
        asldot_status st =
            asldot_diag_add(c->diags, ASLDOT_SEV_ERROR, "iteration-out-of-range", "", 0, 0,
                            "map \"%s\" ran %lld iteration%s: there is no iteration %ld", name,
                            count, count == 1 ? "" : "s", c->opts->iteration_index);
        return st != ASLDOT_OK ? st : ASLDOT_ERR_INVALID;
    }
    c->iter_state = s;
    c->iter_index = c->opts->iteration_index;
    return ASLDOT_OK;
}

static asldot_status run_overlay(ov_ctx *c)
{
    const asldot_history *h = c->h;
    ov_exec *execs = NULL;
    size_t main_i = 0;
    asldot_status st;
    ov_agg *aggs;

    if ((st = index_states(c)) != ASLDOT_OK)
        return st;
    if (h->exec_count) {
        execs = asldot_arena_array(c->arena, h->exec_count, sizeof *execs);
        if (execs == NULL)
            return ASLDOT_ERR_NOMEM;
        for (size_t i = 0; i < h->exec_count; i++)
            execs[i].x = &h->execs[i];
        /* the main execution enters a top-level state; child executions enter Map processors */
        for (size_t i = 0; i < h->exec_count; i++) {
            size_t s = first_state(c, &h->execs[i]);
            if (s != ASLDOT_IR_NONE && c->states[s].container == ASLDOT_IR_NONE) {
                main_i = i;
                break;
            }
        }
        if ((execs[main_i].root = new_scope(c, SC_ROOT, NULL, 0)) == NULL)
            return ASLDOT_ERR_NOMEM;
        if ((st = process_exec(c, &execs[main_i])) != ASLDOT_OK)
            return st;
        for (size_t i = 0; i < h->exec_count; i++) {
            size_t first;
            ov_visit *owner;
            int out;
            if (i == main_i)
                continue;
            first = first_state(c, &h->execs[i]);
            owner = first != ASLDOT_IR_NONE || h->execs[i].map_run_arn
                        ? child_owner(c, &h->execs[i], first)
                        : NULL;
            if (owner == NULL) {
                st = asldot_diag_add(c->diags, ASLDOT_SEV_WARNING, "history-extra-execution", "", 0,
                                     0,
                                     "execution %zu of the history is not a child execution of a "
                                     "Map run of this definition: it is not drawn",
                                     i + 1);
                if (st != ASLDOT_OK)
                    return st;
                continue;
            }
            execs[i].root = new_scope(c, SC_CHILD, owner, (long long)owner->child_execs++);
            if (execs[i].root == NULL)
                return ASLDOT_ERR_NOMEM;
            if ((st = process_exec(c, &execs[i])) != ASLDOT_OK)
                return st;
            out = exec_outcome(&execs[i]);
            execs[i].root->outcome = out;
            execs[i].root->closed = out != OUT_RUNNING;
        }
    }
    if ((st = check_iteration(c)) != ASLDOT_OK)
        return st;

    /* statuses and figures */
    aggs = asldot_arena_array(c->arena, c->g->state_count + 1, sizeof *aggs);
    if (aggs == NULL)
        return ASLDOT_ERR_NOMEM;
    for (size_t s = 0; s < c->g->state_count; s++) {
        aggs[s].run.total_ms = aggs[s].run.max_ms = -1;
        aggs[s].run.items_succeeded = aggs[s].run.items_failed = aggs[s].run.items_total = -1;
    }
    for (ov_visit *v = c->first; v; v = v->next) {
        v->status = visit_status(v);
        if (!excluded(c, v))
            aggregate(&aggs[v->state], v);
    }
    for (size_t s = 0; s < c->g->state_count; s++) {
        size_t n = c->g->state_node[s], k = c->g->state_cluster[s];
        if (n != ASLDOT_IR_NONE && n < c->g->node_count) {
            asldot_ir_node *o = c->g->nodes[n];
            st = write_state(c, &aggs[s], &o->status, &o->run, &o->classes, &o->notes, &o->tooltip,
                             s);
        } else if (k != ASLDOT_IR_NONE && k < c->g->cluster_count) {
            asldot_ir_cluster *o = c->g->clusters[k];
            st = write_state(c, &aggs[s], &o->status, &o->run, &o->classes, &o->notes, &o->tooltip,
                             s);
        } else {
            continue;
        }
        if (st != ASLDOT_OK)
            return st;
    }
    if (execs && (st = mark_edges(c, &execs[main_i])) != ASLDOT_OK)
        return st;
    if (!execs) {
        for (size_t i = 0; i < c->g->edge_count; i++)
            if (edge_counts(c->g->edges[i]->kind) &&
                (st = asldot_ir_add_class(c->g, &c->g->edges[i]->classes, "untaken")) != ASLDOT_OK)
                return st;
    }
    if ((st = write_visits(c)) != ASLDOT_OK)
        return st;
    if ((st = write_subtitle(c, execs ? &execs[main_i] : NULL)) != ASLDOT_OK)
        return st;
    if ((st = warn_unknown(c)) != ASLDOT_OK)
        return st;
    c->g->has_overlay = 1;
    return ASLDOT_OK;
}

asldot_status asldot_graph_overlay(asldot_graph *g, const asldot_history *h,
                                   const asldot_overlay_options *opts, asldot_diagnostics *diags)
{
    asldot_overlay_options defaults;
    ov_ctx c;
    asldot_status st;
    if (g == NULL || h == NULL || g->has_overlay)
        return ASLDOT_ERR_ARGS;
    if (ASLDOT_OPTIONS_TOO_NEW(opts, ASLDOT_OVERLAY_OPTIONS_VERSION))
        return ASLDOT_ERR_ARGS;
    if (opts == NULL) {
        asldot_overlay_options_init(&defaults);
        opts = &defaults;
    }
    memset(&c, 0, sizeof c);
    c.g = g;
    c.h = h;
    c.opts = opts;
    c.diags = diags;
    c.iter_state = ASLDOT_IR_NONE;
    c.iter_index = -1;
    c.arena = asldot_arena_new();
    if (c.arena == NULL)
        return ASLDOT_ERR_NOMEM;
    st = run_overlay(&c);
    asldot_buf_free(&c.tmp);
    asldot_free((void *)c.unknown);
    asldot_arena_free(c.arena);
    return st;
}
