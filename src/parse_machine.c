/*
 * parse_machine.c: document tree (doc.h) -> ASL model (model.h). Lenient by contract: a field of
 * the wrong JSON type is left unset and unknown fields are ignored (validate.c reports both), so
 * any JSON/YAML object becomes a machine. The only failures are a root that is not an object,
 * the configured limits (Parallel/Map nesting, total states) and out-of-memory.
 *
 * The walk is iterative: an explicit stack of scopes, each with the index of its next state.
 * Child scopes of a Parallel/Map are pushed (in reverse) as soon as the state is built, so
 * machine->states comes out depth first in document order and ids are positions there.
 */
#include "model.h"

#include "alloc.h"
#include "options.h"
#include "utf8.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* How much of a state name a diagnostic message quotes. */
#define MESSAGE_NAME_MAX 80

typedef struct frame {
    asldot_scope *scope;
    const asldot_doc_node *states; /* the scope's "States" object */
    size_t next;                   /* index of the next state to build */
} frame;

typedef struct builder {
    asldot_machine *m;
    asldot_diagnostics *diags;
    unsigned max_depth;
    size_t max_states;
    asldot_state **all; /* heap while building; copied into the arena at the end */
    size_t all_count, all_cap;
    frame *stack; /* heap */
    size_t depth, stack_cap;
} builder;

static const char *get_str(const asldot_doc_node *obj, const char *key)
{
    return asldot_doc_get_string(obj, key);
}

static int is_jsonata(const char *query_language)
{
    return query_language != NULL && strcmp(query_language, "JSONata") == 0;
}

/* A finite number field, else -1 (absent or of the wrong type). */
static double get_number(const asldot_doc_node *obj, const char *key)
{
    const asldot_doc_node *n = asldot_doc_get(obj, key);
    return n != NULL && n->kind == ASLDOT_DOC_NUMBER && isfinite(n->num) ? n->num : -1;
}

static asldot_status push_frame(builder *b, asldot_scope *scope, const asldot_doc_node *states)
{
    if (b->depth == b->stack_cap) {
        frame *f = asldot_grow(b->stack, &b->stack_cap, b->depth, sizeof *f, 16);
        if (f == NULL)
            return ASLDOT_ERR_NOMEM;
        b->stack = f;
    }
    b->stack[b->depth].scope = scope;
    b->stack[b->depth].states = states;
    b->stack[b->depth].next = 0;
    b->depth++;
    return ASLDOT_OK;
}

static asldot_status depth_error(builder *b, const asldot_state *owner)
{
    asldot_buf q = ASLDOT_BUF_INIT;
    asldot_status st = asldot_text_quote(&q, owner->name, strlen(owner->name), MESSAGE_NAME_MAX);
    if (st == ASLDOT_OK)
        st = asldot_doc_diag(b->diags, ASLDOT_SEV_ERROR, "state-depth-limit", owner->node, 1,
                             "state \"%s\" nests parallel/map states deeper than %u levels",
                             asldot_buf_cstr(&q), b->max_depth);
    asldot_buf_free(&q);
    return st == ASLDOT_OK ? ASLDOT_ERR_LIMIT : st;
}

/*
 * Creates the scope of node (the top level, a branch or a Map processor) and pushes it for its
 * states to be built. *out may be set even on failure; the arena owns it either way.
 */
static asldot_status new_scope(builder *b, const asldot_doc_node *node, asldot_state *owner,
                               size_t branch_index, asldot_scope **out)
{
    asldot_arena *a = b->m->arena;
    const asldot_doc_node *states;
    asldot_scope *s;
    unsigned depth = owner != NULL ? owner->scope->depth + 1 : 0;

    *out = NULL;
    if (depth > b->max_depth)
        return depth_error(b, owner);
    s = asldot_arena_alloc(a, sizeof *s);
    if (s == NULL)
        return ASLDOT_ERR_NOMEM;
    *out = s;
    s->owner = owner;
    s->branch_index = branch_index;
    s->depth = depth;
    s->node = node;
    s->start_at = get_str(node, "StartAt");
    s->comment = get_str(node, "Comment");
    states = asldot_doc_get(node, "States");
    if (states == NULL || states->kind != ASLDOT_DOC_OBJECT)
        return ASLDOT_OK; /* no states to build (validate.c reports it) */
    if (states->count > 0) {
        s->states = asldot_arena_array(a, states->count, sizeof(asldot_state *));
        if (s->states == NULL)
            return ASLDOT_ERR_NOMEM;
        s->count = states->count; /* the entries are filled in as the walk reaches them */
    }
    return push_frame(b, s, states);
}

static asldot_status error_list(asldot_arena *a, const asldot_doc_node *node,
                                const char *const **out, size_t *count)
{
    const asldot_doc_node *list = asldot_doc_get(node, "ErrorEquals");
    const char **names;
    size_t n = 0;
    *out = NULL;
    *count = 0;
    if (list == NULL || list->kind != ASLDOT_DOC_ARRAY || list->count == 0)
        return ASLDOT_OK;
    names = asldot_arena_array(a, list->count, sizeof *names);
    if (names == NULL)
        return ASLDOT_ERR_NOMEM;
    for (size_t i = 0; i < list->count; i++)
        if (list->items[i]->kind == ASLDOT_DOC_STRING)
            names[n++] = list->items[i]->str;
    *out = names;
    *count = n;
    return ASLDOT_OK;
}

static asldot_status build_choices(asldot_arena *a, asldot_state *st)
{
    const asldot_doc_node *list = asldot_doc_get(st->node, "Choices");
    st->default_next = get_str(st->node, "Default");
    if (list == NULL || list->kind != ASLDOT_DOC_ARRAY || list->count == 0)
        return ASLDOT_OK;
    st->choices = asldot_arena_array(a, list->count, sizeof *st->choices);
    if (st->choices == NULL)
        return ASLDOT_ERR_NOMEM;
    st->choice_count = list->count;
    for (size_t i = 0; i < list->count; i++) {
        st->choices[i].node = list->items[i];
        st->choices[i].next = get_str(list->items[i], "Next");
    }
    return ASLDOT_OK;
}

static asldot_status build_handlers(asldot_arena *a, asldot_state *st)
{
    const asldot_doc_node *list = asldot_doc_get(st->node, "Catch");
    asldot_status rc;
    if (list != NULL && list->kind == ASLDOT_DOC_ARRAY && list->count > 0) {
        st->catchers = asldot_arena_array(a, list->count, sizeof *st->catchers);
        if (st->catchers == NULL)
            return ASLDOT_ERR_NOMEM;
        st->catcher_count = list->count;
        for (size_t i = 0; i < list->count; i++) {
            asldot_catcher *c = &st->catchers[i];
            c->node = list->items[i];
            c->next = get_str(c->node, "Next");
            if ((rc = error_list(a, c->node, &c->errors, &c->error_count)) != ASLDOT_OK)
                return rc;
        }
    }
    list = asldot_doc_get(st->node, "Retry");
    if (list != NULL && list->kind == ASLDOT_DOC_ARRAY && list->count > 0) {
        st->retriers = asldot_arena_array(a, list->count, sizeof *st->retriers);
        if (st->retriers == NULL)
            return ASLDOT_ERR_NOMEM;
        st->retrier_count = list->count;
        for (size_t i = 0; i < list->count; i++) {
            asldot_retrier *r = &st->retriers[i];
            r->node = list->items[i];
            r->max_attempts = get_number(r->node, "MaxAttempts");
            r->interval = get_number(r->node, "IntervalSeconds");
            r->backoff_rate = get_number(r->node, "BackoffRate");
            if ((rc = error_list(a, r->node, &r->errors, &r->error_count)) != ASLDOT_OK)
                return rc;
        }
    }
    return ASLDOT_OK;
}

/* Creates the child scopes of a Parallel/Map state and pushes them, first branch on top. */
static asldot_status build_children(builder *b, asldot_state *st)
{
    asldot_status rc;
    if (st->type == ASLDOT_STATE_PARALLEL) {
        const asldot_doc_node *list = asldot_doc_get(st->node, "Branches");
        if (list == NULL || list->kind != ASLDOT_DOC_ARRAY || list->count == 0)
            return ASLDOT_OK;
        st->branches = asldot_arena_array(b->m->arena, list->count, sizeof(asldot_scope *));
        if (st->branches == NULL)
            return ASLDOT_ERR_NOMEM;
        st->branch_count = list->count;
        for (size_t i = list->count; i-- > 0;)
            if ((rc = new_scope(b, list->items[i], st, i, &st->branches[i])) != ASLDOT_OK)
                return rc;
    } else if (st->type == ASLDOT_STATE_MAP) {
        const asldot_doc_node *proc = asldot_doc_get(st->node, "ItemProcessor");
        if (proc == NULL || proc->kind != ASLDOT_DOC_OBJECT)
            proc = asldot_doc_get(st->node, "Iterator");
        if (proc == NULL || proc->kind != ASLDOT_DOC_OBJECT)
            return ASLDOT_OK;
        return new_scope(b, proc, st, 0, &st->processor);
    }
    return ASLDOT_OK;
}

static asldot_status add_to_all(builder *b, asldot_state *st)
{
    if (b->all_count == b->all_cap) {
        size_t cap = b->all_cap ? b->all_cap * 2 : 64;
        asldot_state **p = asldot_realloc_array(b->all, cap, sizeof(asldot_state *));
        if (p == NULL)
            return ASLDOT_ERR_NOMEM;
        b->all = p;
        b->all_cap = cap;
    }
    st->id = b->all_count;
    b->all[b->all_count++] = st;
    return ASLDOT_OK;
}

/* Builds the state held by member of scope s (position index), then queues its children. */
static asldot_status build_state(builder *b, asldot_scope *s, const asldot_doc_node *member,
                                 size_t index)
{
    asldot_arena *a = b->m->arena;
    const asldot_doc_node *n = member, *end, *ql;
    asldot_state *st;
    asldot_status rc;

    if (b->all_count >= b->max_states) {
        rc = asldot_doc_diag(b->diags, ASLDOT_SEV_ERROR, "state-limit", member, 1,
                             "the machine has more than %zu states", b->max_states);
        return rc == ASLDOT_OK ? ASLDOT_ERR_LIMIT : rc;
    }
    st = asldot_arena_alloc(a, sizeof *st);
    if (st == NULL)
        return ASLDOT_ERR_NOMEM;
    /* member names are not guaranteed to be NUL-terminated in the tree */
    st->name = asldot_arena_strndup(a, member->key ? member->key : "", member->key_len);
    if (st->name == NULL)
        return ASLDOT_ERR_NOMEM;
    st->node = n;
    st->scope = s;
    st->index = index;
    s->states[index] = st;
    if ((rc = add_to_all(b, st)) != ASLDOT_OK)
        return rc;

    st->type_name = get_str(n, "Type");
    st->type = asldot_state_type_parse(st->type_name);
    st->next = get_str(n, "Next");
    end = asldot_doc_get(n, "End");
    st->end = end != NULL && end->kind == ASLDOT_DOC_BOOL && end->boolean;
    st->comment = get_str(n, "Comment");
    ql = asldot_doc_get(n, "QueryLanguage");
    st->jsonata = ql != NULL && ql->kind == ASLDOT_DOC_STRING ? is_jsonata(ql->str) : b->m->jsonata;

    switch (st->type) {
    case ASLDOT_STATE_CHOICE:
        return build_choices(a, st);
    case ASLDOT_STATE_TASK:
        return build_handlers(a, st);
    case ASLDOT_STATE_PARALLEL:
    case ASLDOT_STATE_MAP:
        if ((rc = build_handlers(a, st)) != ASLDOT_OK)
            return rc;
        return build_children(b, st);
    default:
        return ASLDOT_OK;
    }
}

static int by_name_then_position(const void *pa, const void *pb)
{
    const asldot_state *a = *(const asldot_state *const *)pa;
    const asldot_state *b = *(const asldot_state *const *)pb;
    int c = strcmp(a->name, b->name);
    if (c != 0)
        return c;
    return a->id < b->id ? -1 : a->id > b->id;
}

/* Sorted copies of a state list, so lookups by name are O(log n) (model.c searches them). */
static asldot_status make_index(asldot_arena *a, asldot_state *const *states, size_t count,
                                asldot_state ***out)
{
    *out = NULL;
    if (count == 0)
        return ASLDOT_OK;
    *out = asldot_arena_array(a, count, sizeof(asldot_state *));
    if (*out == NULL)
        return ASLDOT_ERR_NOMEM;
    memcpy(*out, states, count * sizeof(asldot_state *));
    qsort(*out, count, sizeof(asldot_state *), by_name_then_position);
    return ASLDOT_OK;
}

static asldot_status finish(builder *b)
{
    asldot_machine *m = b->m;
    asldot_status rc;
    if (b->all_count > 0) {
        m->states = asldot_arena_array(m->arena, b->all_count, sizeof(asldot_state *));
        if (m->states == NULL)
            return ASLDOT_ERR_NOMEM;
        memcpy(m->states, b->all, b->all_count * sizeof(asldot_state *));
    }
    m->state_count = b->all_count;
    if ((rc = make_index(m->arena, m->states, m->state_count, &m->by_name)) != ASLDOT_OK)
        return rc;
    /* every scope shows up as the scope of its first state; empty scopes need no index */
    for (size_t i = 0; i < m->state_count; i++) {
        asldot_scope *s = m->states[i]->scope;
        if (m->states[i]->index == 0 &&
            (rc = make_index(m->arena, s->states, s->count, &s->by_name)) != ASLDOT_OK)
            return rc;
    }
    return ASLDOT_OK;
}

static asldot_status build_machine(asldot_machine *m, const asldot_options *opts,
                                   asldot_diagnostics *diags)
{
    builder b;
    const asldot_doc_node *root = m->doc->root;
    asldot_status rc;

    memset(&b, 0, sizeof b);
    b.m = m;
    b.diags = diags;
    b.max_depth = opts != NULL && opts->max_state_depth ? opts->max_state_depth
                                                        : ASLDOT_DEFAULT_MAX_STATE_DEPTH;
    b.max_states = opts != NULL && opts->max_states ? opts->max_states : ASLDOT_DEFAULT_MAX_STATES;
    m->comment = get_str(root, "Comment");
    m->jsonata = is_jsonata(get_str(root, "QueryLanguage"));

    rc = new_scope(&b, root, NULL, 0, &m->top);
    while (rc == ASLDOT_OK && b.depth > 0) {
        frame *f = &b.stack[b.depth - 1];
        size_t i = f->next;
        asldot_scope *s = f->scope;
        const asldot_doc_node *member;
        if (i == f->states->count) {
            b.depth--;
            continue;
        }
        member = f->states->items[i];
        f->next = i + 1; /* f may move when build_state pushes child scopes */
        rc = build_state(&b, s, member, i);
    }
    if (rc == ASLDOT_OK)
        rc = finish(&b);
    asldot_free(b.stack);
    asldot_free(b.all);
    return rc;
}

asldot_status asldot_machine_from_doc(asldot_machine **out, asldot_doc *doc,
                                      const asldot_options *opts, asldot_diagnostics *diags)
{
    asldot_machine *m = NULL;
    asldot_status st;

    *out = NULL;
    if (doc->root == NULL || doc->root->kind != ASLDOT_DOC_OBJECT) {
        const char *kind = doc->root ? asldot_doc_kind_name(doc->root->kind) : "empty";
        st = asldot_doc_diag(diags, ASLDOT_SEV_ERROR, "not-an-object", doc->root, 0,
                             "the definition is %s %s, not an object",
                             kind[0] == 'a' || kind[0] == 'o' ? "an" : "a", kind);
        asldot_doc_free(doc);
        return st == ASLDOT_OK ? ASLDOT_ERR_INVALID : st;
    }

    m = asldot_calloc(1, sizeof *m);
    if (m == NULL || (m->arena = asldot_arena_new()) == NULL) {
        asldot_free(m);
        asldot_doc_free(doc);
        return ASLDOT_ERR_NOMEM;
    }
    m->doc = doc; /* owned from here on */
    st = build_machine(m, opts, diags);
    if (st != ASLDOT_OK) {
        asldot_machine_free(m);
        return st;
    }
    *out = m;
    return ASLDOT_OK;
}

asldot_status asldot_machine_parse(asldot_machine **out, const char *data, size_t len,
                                   const asldot_options *opts, asldot_diagnostics *diags)
{
    asldot_doc *doc = NULL;
    asldot_status st;
    size_t errors;

    if (out == NULL)
        return ASLDOT_ERR_ARGS;
    if (ASLDOT_OPTIONS_TOO_NEW(opts, ASLDOT_OPTIONS_VERSION))
        return ASLDOT_ERR_ARGS;
    *out = NULL;
    if (data == NULL && len != 0)
        return ASLDOT_ERR_ARGS;

    errors = asldot_diagnostics_error_count(diags);
    st = asldot_doc_parse(&doc, data, len, opts, diags);
    if (st != ASLDOT_OK)
        return st;
    st = asldot_machine_from_doc(out, doc, opts, diags);
    /* the status is the truth: a machine with an error recorded (a duplicate key) is invalid */
    return st == ASLDOT_OK && asldot_diagnostics_error_count(diags) > errors ? ASLDOT_ERR_INVALID
                                                                             : st;
}

void asldot_machine_free(asldot_machine *m)
{
    if (m == NULL)
        return;
    asldot_doc_free(m->doc);
    asldot_arena_free(m->arena);
    asldot_free(m);
}
