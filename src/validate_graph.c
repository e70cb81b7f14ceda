/*
 * validate_graph.c: checks over the model's graph. Every StartAt / Next / Default /
 * Choices[].Next / Catch[].Next names a state of the same scope (transition-leaves-scope when
 * the name lives in another scope); state names are unique across the machine and at most 80
 * characters; every scope reaches a terminal state; unreachable states are errors (AWS refuses
 * them: "MISSING_TRANSITION_TARGET: State \"X\" is not reachable").
 * Linear in the number of states and transitions: name lookups go through asldot_scope_find
 * and one hash set, reachability is one breadth-first walk per scope.
 */
#include "alloc.h"
#include "validate.h"

#include <stdio.h>
#include <string.h>

#define MAX_NAME_CHARS 80

static void scope_desc(char *buf, size_t cap, const asldot_scope *s)
{
    if (s == NULL || s->owner == NULL)
        (void)snprintf(buf, cap, "the top level");
    else if (s->owner->type == ASLDOT_STATE_PARALLEL)
        (void)snprintf(buf, cap, "branch %zu of Parallel state \"%.80s\"", s->branch_index + 1,
                       s->owner->name ? s->owner->name : "");
    else
        (void)snprintf(buf, cap, "the processor of Map state \"%.80s\"",
                       s->owner->name ? s->owner->name : "");
}

/* Checks that target names a state of scope; returns that state or NULL. */
static asldot_state *check_target(asldot_vctx *c, const asldot_scope *scope, const char *from,
                                  const char *field, const char *target, const asldot_doc_node *at,
                                  const char *missing_code)
{
    asldot_state *t, *elsewhere;
    char where[200];
    if (target == NULL)
        return NULL;
    t = asldot_scope_find(scope, target);
    if (t != NULL)
        return t;
    elsewhere = asldot_machine_find(c->m, target);
    if (elsewhere != NULL) {
        scope_desc(where, sizeof where, elsewhere->scope);
        asldot_vreport(c, ASLDOT_SEV_ERROR, "transition-leaves-scope", at, 0,
                       "%s \"%s\" names \"%.80s\", which is in %s: transitions cannot leave "
                       "their Parallel branch or Map processor",
                       from, field, target, where);
    } else {
        asldot_vreport(c, ASLDOT_SEV_ERROR, missing_code, at, 0,
                       "%s \"%s\" names \"%.80s\", which is not a state%s", from, field, target,
                       scope->owner ? " of this scope" : "");
    }
    return NULL;
}

typedef struct walk {
    unsigned char *seen; /* by state id */
    asldot_state **queue;
    size_t head, tail, count;
} walk;

static void push(walk *w, asldot_state *s)
{
    if (s == NULL || s->id >= w->count || w->seen[s->id])
        return;
    w->seen[s->id] = 1;
    w->queue[w->tail++] = s;
}

static int is_terminal(const asldot_state *s)
{
    return s->end || s->type == ASLDOT_STATE_SUCCEED || s->type == ASLDOT_STATE_FAIL;
}

static const asldot_doc_node *member(const asldot_doc_node *n, const char *key)
{
    return n != NULL && n->kind == ASLDOT_DOC_OBJECT ? asldot_doc_get(n, key) : NULL;
}

/* Reports bad targets of s (when report) and pushes the good ones. */
static void follow(asldot_vctx *c, walk *w, const asldot_state *s, int report)
{
    char from[160];
    const asldot_scope *sc = s->scope;
    asldot_vctx quiet = *c;
    asldot_vctx *r = report ? c : &quiet;
    quiet.diags = NULL;
    (void)snprintf(from, sizeof from, "state \"%.80s\" field", s->name ? s->name : "");
    push(w, check_target(r, sc, from, "Next", s->next, member(s->node, "Next"),
                         "next-target-missing"));
    push(w, check_target(r, sc, from, "Default", s->default_next, member(s->node, "Default"),
                         "next-target-missing"));
    for (size_t i = 0; i < s->choice_count; i++) {
        (void)snprintf(from, sizeof from, "state \"%.80s\" Choices rule %zu field",
                       s->name ? s->name : "", i + 1);
        push(w, check_target(r, sc, from, "Next", s->choices[i].next,
                             member(s->choices[i].node, "Next"), "next-target-missing"));
    }
    for (size_t i = 0; i < s->catcher_count; i++) {
        (void)snprintf(from, sizeof from, "state \"%.80s\" Catch entry %zu field",
                       s->name ? s->name : "", i + 1);
        push(w, check_target(r, sc, from, "Next", s->catchers[i].next,
                             member(s->catchers[i].node, "Next"), "next-target-missing"));
    }
}

static void check_scope(asldot_vctx *c, walk *w, const asldot_scope *sc)
{
    char owner[200];
    asldot_state *start;
    int terminal = 0;
    size_t errors_before, bad_targets;
    if (sc == NULL || sc->depth > 100000)
        return;
    scope_desc(owner, sizeof owner, sc);
    /* transitions of every state (reported once, in document order) */
    w->head = w->tail = 0;
    errors_before = c->errors;
    start = sc->start_at != NULL
                ? check_target(c, sc, "field", "StartAt", sc->start_at, member(sc->node, "StartAt"),
                               "start-at-missing-target")
                : NULL;
    for (size_t i = 0; i < sc->count; i++)
        if (sc->states[i] != NULL)
            follow(c, w, sc->states[i], 1);
    bad_targets = c->errors - errors_before;
    /* reset what the report pass marked, then walk from StartAt */
    for (size_t i = 0; i < w->tail; i++)
        w->seen[w->queue[i]->id] = 0;
    w->head = w->tail = 0;
    if (start == NULL) {
        for (size_t i = 0; i < sc->count; i++)
            if (sc->states[i] != NULL && is_terminal(sc->states[i]))
                terminal = 1;
    } else {
        push(w, start);
        while (w->head < w->tail) {
            asldot_state *s = w->queue[w->head++];
            terminal |= is_terminal(s);
            follow(c, w, s, 0);
        }
        for (size_t i = 0; i < sc->count; i++) {
            const asldot_state *s = sc->states[i];
            if (s != NULL && !w->seen[s->id])
                asldot_vreport(c, ASLDOT_SEV_ERROR, "unreachable-state", s->node, 1,
                               "state \"%.80s\" cannot be reached from \"StartAt\" of %s",
                               s->name ? s->name : "", owner);
        }
        for (size_t i = 0; i < w->tail; i++)
            w->seen[w->queue[i]->id] = 0;
    }
    /* a dangling transition already explains a missing terminal state: do not cascade */
    if (!terminal && sc->count > 0 && bad_targets == 0)
        asldot_vreport(c, ASLDOT_SEV_ERROR, "no-terminal-state",
                       member(sc->node, "States") ? member(sc->node, "States") : sc->node, 1,
                       "%s has no reachable terminal state (\"End\": true, Succeed or Fail)",
                       owner);
    for (size_t i = 0; i < sc->count; i++) {
        const asldot_state *s = sc->states[i];
        if (s == NULL)
            continue;
        for (size_t b = 0; b < s->branch_count; b++)
            check_scope(c, w, s->branches[b]);
        if (s->processor != NULL)
            check_scope(c, w, s->processor);
    }
}

static unsigned long hash_name(const char *s)
{
    unsigned long h = 2166136261ul;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619ul;
    return h;
}

static size_t utf8_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

static void check_names(asldot_vctx *c)
{
    const asldot_machine *m = c->m;
    size_t cap = 16;
    const asldot_state **table;
    while (cap < m->state_count * 2 && cap < ((size_t)1 << 40))
        cap *= 2;
    table = asldot_calloc(cap, sizeof *table);
    if (table == NULL) {
        c->status = ASLDOT_ERR_NOMEM;
        return;
    }
    for (size_t i = 0; i < m->state_count; i++) {
        const asldot_state *s = m->states[i];
        size_t h;
        if (s == NULL || s->name == NULL)
            continue;
        if (s->name[0] == '\0')
            asldot_vreport(c, ASLDOT_SEV_ERROR, "invalid-state-name", s->node, 1,
                           "a state name must not be empty");
        else if (utf8_chars(s->name) > MAX_NAME_CHARS)
            asldot_vreport(c, ASLDOT_SEV_ERROR, "state-name-too-long", s->node, 1,
                           "state name \"%.40s...\" is %zu characters long (the limit is %d)",
                           s->name, utf8_chars(s->name), MAX_NAME_CHARS);
        h = hash_name(s->name) & (cap - 1);
        while (table[h] != NULL && strcmp(table[h]->name, s->name) != 0)
            h = (h + 1) & (cap - 1);
        if (table[h] == NULL) {
            table[h] = s;
        } else {
            char where[200];
            scope_desc(where, sizeof where, table[h]->scope);
            asldot_vreport(c, ASLDOT_SEV_ERROR, "duplicate-state-name", s->node, 1,
                           "state name \"%.80s\" is already used in %s (line %u); names must be "
                           "unique across the whole machine",
                           s->name, where, table[h]->node ? table[h]->node->key_line : 0);
        }
    }
    asldot_free(table);
}

void asldot_validate_graph(asldot_vctx *c)
{
    const asldot_machine *m = c->m;
    walk w;
    if (m->top == NULL)
        return;
    check_names(c);
    memset(&w, 0, sizeof w);
    w.count = m->state_count;
    w.seen = asldot_calloc(m->state_count + 1, 1);
    w.queue = asldot_calloc(m->state_count + 1, sizeof *w.queue);
    if (w.seen == NULL || w.queue == NULL) {
        c->status = ASLDOT_ERR_NOMEM;
    } else {
        check_scope(c, &w, m->top);
    }
    asldot_free(w.seen);
    asldot_free(w.queue);
}
