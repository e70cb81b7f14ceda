/*
 * validate.c: asldot_machine_validate, the entry point of the semantic checks (stage 3 of the
 * pipeline). Read-only over the machine; every finding becomes a diagnostic located at the
 * offending key or value. This file holds the shared helpers, the top-level and scope-object
 * checks, and the walk over every state; the rules themselves live in validate_*.c.
 */
#include "validate.h"
#include "diag.h"
#include "options.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void asldot_vreport(asldot_vctx *c, asldot_severity sev, const char *code, const asldot_doc_node *n,
                    int at_key, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    asldot_status st;
    va_start(ap, fmt);
    (void)vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (sev == ASLDOT_SEV_ERROR)
        c->errors++;
    st = asldot_doc_diag(c->diags, sev, code, n, at_key, "%s", msg);
    if (st != ASLDOT_OK && c->status == ASLDOT_OK)
        c->status = st;
}

int asldot_vkey_is(const asldot_doc_node *n, const char *s)
{
    size_t k = strlen(s);
    return n != NULL && n->key != NULL && n->key_len == k && memcmp(n->key, s, k) == 0;
}

int asldot_vis_jsonata_string(const asldot_doc_node *n)
{
    if (n == NULL || n->kind != ASLDOT_DOC_STRING || n->str == NULL)
        return 0;
    if (n->str_len >= 2 && n->str[0] == '{' && n->str[1] == '%')
        return 1;
    return n->str_len >= 2 && n->str[n->str_len - 2] == '%' && n->str[n->str_len - 1] == '}';
}

int asldot_vis_placeholder(const asldot_doc_node *n)
{
    if (n == NULL || n->kind != ASLDOT_DOC_STRING || n->str == NULL)
        return 0;
    if (n->flags & ASLDOT_DOC_PLACEHOLDER)
        return 1;
    if (n->str_len < 4)
        return 0;
    return n->str[0] == '$' && n->str[1] == '{' && n->str[n->str_len - 1] == '}' &&
           memchr(n->str + 2, '}', n->str_len - 3) == NULL;
}

static int ql_value(const asldot_doc_node *obj, int *jsonata)
{
    const char *ql = asldot_doc_get_string(obj, "QueryLanguage");
    if (ql == NULL)
        return 0;
    if (strcmp(ql, "JSONata") == 0)
        *jsonata = 1;
    else if (strcmp(ql, "JSONPath") == 0)
        *jsonata = 0;
    else
        return 0;
    return 1;
}

int asldot_vstate_jsonata(const asldot_vctx *c, const asldot_doc_node *state)
{
    int j = c->machine_jsonata;
    (void)ql_value(state, &j);
    return j;
}

/* Returns 1 when the state object n lies inside a Distributed Map's ItemProcessor: its
 * iterations are child executions, which may choose their own query language. */
static int in_distributed_map(const asldot_doc_node *n)
{
    unsigned guard = 0;
    for (const asldot_doc_node *p = n->parent; p != NULL && guard < 100000; p = p->parent) {
        const asldot_doc_node *pc;
        guard++;
        if (!asldot_vkey_is(p, "ItemProcessor") || p->kind != ASLDOT_DOC_OBJECT)
            continue;
        pc = asldot_doc_get(p, "ProcessorConfig");
        if (pc != NULL && pc->kind == ASLDOT_DOC_OBJECT) {
            const char *mode = asldot_doc_get_string(pc, "Mode");
            if (mode != NULL && strcmp(mode, "DISTRIBUTED") == 0)
                return 1;
        }
    }
    return 0;
}

static void check_query_language(asldot_vctx *c, const char *owner, const asldot_doc_node *obj,
                                 int is_state)
{
    const asldot_doc_node *ql = asldot_doc_get(obj, "QueryLanguage");
    if (ql == NULL)
        return;
    if (ql->kind != ASLDOT_DOC_STRING) {
        asldot_vreport(c, ASLDOT_SEV_ERROR, "wrong-type", ql, 0,
                       "%s field \"QueryLanguage\" must be a string, not %s", owner,
                       asldot_doc_kind_name(ql->kind));
        return;
    }
    if (strcmp(ql->str, "JSONata") != 0 && strcmp(ql->str, "JSONPath") != 0) {
        asldot_vreport(c, ASLDOT_SEV_ERROR, "invalid-query-language", ql, 0,
                       "%s field \"QueryLanguage\" must be \"JSONata\" or \"JSONPath\", not \"%s\"",
                       owner, ql->str);
        return;
    }
    if (is_state && c->machine_jsonata && strcmp(ql->str, "JSONPath") == 0 &&
        !in_distributed_map(obj))
        asldot_vreport(c, ASLDOT_SEV_ERROR, "invalid-query-language", ql, 0,
                       "%s cannot use \"JSONPath\" in a machine whose QueryLanguage is "
                       "\"JSONata\"",
                       owner);
}

/* Members a scope object (top level, Parallel branch, Map processor) may have. */
static int scope_member_allowed(const asldot_doc_node *n, const char *what)
{
    static const char *const common[] = {"StartAt", "States", "Comment"};
    static const char *const top[] = {"Version", "TimeoutSeconds", "QueryLanguage"};
    for (size_t k = 0; k < sizeof common / sizeof common[0]; k++)
        if (asldot_vkey_is(n, common[k]))
            return 1;
    if (strcmp(what, "top") == 0) {
        for (size_t k = 0; k < sizeof top / sizeof top[0]; k++)
            if (asldot_vkey_is(n, top[k]))
                return 1;
    }
    if (strcmp(what, "processor") == 0 && asldot_vkey_is(n, "ProcessorConfig"))
        return 1;
    return 0;
}

void asldot_validate_scope_object(asldot_vctx *c, const char *owner, const asldot_doc_node *obj,
                                  const char *what)
{
    const asldot_doc_node *start, *states;
    if (obj == NULL || obj->kind != ASLDOT_DOC_OBJECT)
        return;
    for (size_t i = 0; i < obj->count; i++) {
        const asldot_doc_node *f = obj->items[i];
        if (scope_member_allowed(f, what))
            continue;
        if (strcmp(what, "top") == 0)
            asldot_vreport(c, ASLDOT_SEV_ERROR, "unknown-field", f, 1,
                           "unknown top-level field \"%s\"", f->key ? f->key : "");
        else
            asldot_vreport(c, ASLDOT_SEV_ERROR, "unknown-field", f, 1,
                           "%s has unknown field \"%s\"", owner, f->key ? f->key : "");
    }
    start = asldot_doc_get(obj, "StartAt");
    states = asldot_doc_get(obj, "States");
    if (start == NULL)
        asldot_vreport(c, ASLDOT_SEV_ERROR, "missing-field", obj, 1, "%s has no \"StartAt\"",
                       owner);
    else if (start->kind != ASLDOT_DOC_STRING)
        asldot_vreport(c, ASLDOT_SEV_ERROR, "wrong-type", start, 0,
                       "%s field \"StartAt\" must be a string, not %s", owner,
                       asldot_doc_kind_name(start->kind));
    if (states == NULL) {
        asldot_vreport(c, ASLDOT_SEV_ERROR, "missing-field", obj, 1, "%s has no \"States\"", owner);
    } else if (states->kind != ASLDOT_DOC_OBJECT) {
        asldot_vreport(c, ASLDOT_SEV_ERROR, "wrong-type", states, 0,
                       "%s field \"States\" must be an object, not %s", owner,
                       asldot_doc_kind_name(states->kind));
    } else {
        if (states->count == 0)
            asldot_vreport(c, ASLDOT_SEV_ERROR, "empty-states", states, 1,
                           "%s field \"States\" is empty", owner);
        for (size_t i = 0; i < states->count; i++) {
            const asldot_doc_node *s = states->items[i];
            if (s->kind != ASLDOT_DOC_OBJECT)
                asldot_vreport(c, ASLDOT_SEV_ERROR, "wrong-type", s, 0,
                               "state \"%s\" must be an object, not %s", s->key ? s->key : "",
                               asldot_doc_kind_name(s->kind));
        }
    }
    {
        const asldot_doc_node *cm = asldot_doc_get(obj, "Comment");
        if (cm != NULL && cm->kind != ASLDOT_DOC_STRING)
            asldot_vreport(c, ASLDOT_SEV_ERROR, "wrong-type", cm, 0,
                           "%s field \"Comment\" must be a string, not %s", owner,
                           asldot_doc_kind_name(cm->kind));
    }
}

static void check_top(asldot_vctx *c, const asldot_doc_node *root)
{
    const asldot_doc_node *v = asldot_doc_get(root, "Version");
    const asldot_doc_node *t = asldot_doc_get(root, "TimeoutSeconds");
    asldot_validate_scope_object(c, "the machine", root, "top");
    check_query_language(c, "the machine", root, 0);
    if (v != NULL) {
        if (v->kind != ASLDOT_DOC_STRING)
            asldot_vreport(c, ASLDOT_SEV_ERROR, "wrong-type", v, 0,
                           "field \"Version\" must be a string, not %s",
                           asldot_doc_kind_name(v->kind));
        else if (strcmp(v->str, "1.0") != 0)
            asldot_vreport(c, ASLDOT_SEV_ERROR, "invalid-version", v, 0,
                           "field \"Version\" must be \"1.0\", not \"%s\"", v->str);
    }
    if (t != NULL) {
        if (t->kind != ASLDOT_DOC_NUMBER)
            asldot_vreport(c, ASLDOT_SEV_ERROR, "wrong-type", t, 0,
                           "field \"TimeoutSeconds\" must be an integer, not %s",
                           asldot_doc_kind_name(t->kind));
        else if (!asldot_doc_is_integer(t, -1e300, 1e300))
            asldot_vreport(c, ASLDOT_SEV_ERROR, "not-an-integer", t, 0,
                           "field \"TimeoutSeconds\" must be an integer, not %s", t->str);
        else if (!asldot_doc_is_integer(t, 1, 99999999))
            asldot_vreport(c, ASLDOT_SEV_ERROR, "number-out-of-range", t, 0,
                           "field \"TimeoutSeconds\" must be between 1 and 99999999, not %s",
                           t->str);
    }
}

/* Checks every state object under a scope object, then recurses through the model. */
static void check_states(asldot_vctx *c)
{
    const asldot_machine *m = c->m;
    for (size_t i = 0; i < m->state_count; i++) {
        const asldot_state *s = m->states[i];
        char owner[160];
        if (s == NULL || s->node == NULL || s->node->kind != ASLDOT_DOC_OBJECT)
            continue;
        (void)snprintf(owner, sizeof owner, "state \"%.120s\"", s->name ? s->name : "");
        check_query_language(c, owner, s->node, 1);
        asldot_validate_state_fields(c, s->name ? s->name : "", s->node);
    }
}

asldot_status asldot_machine_validate(const asldot_machine *m, const asldot_options *opts,
                                      asldot_diagnostics *diags)
{
    asldot_vctx c;
    const asldot_doc_node *root;
    if (m == NULL)
        return ASLDOT_ERR_ARGS;
    if (ASLDOT_OPTIONS_TOO_NEW(opts, ASLDOT_OPTIONS_VERSION))
        return ASLDOT_ERR_ARGS;
    memset(&c, 0, sizeof c);
    c.m = m;
    c.diags = diags;
    root = m->doc != NULL ? m->doc->root : NULL;
    if (root == NULL || root->kind != ASLDOT_DOC_OBJECT) {
        asldot_vreport(&c, ASLDOT_SEV_ERROR, "wrong-type", root, 0,
                       "a state machine must be an object, not %s",
                       root ? asldot_doc_kind_name(root->kind) : "empty");
        return c.status != ASLDOT_OK ? c.status : ASLDOT_ERR_INVALID;
    }
    {
        int j = 0;
        if (ql_value(root, &j))
            c.machine_jsonata = j;
    }
    check_top(&c, root);
    check_states(&c);
    asldot_validate_graph(&c);
    asldot_validate_size(&c, root);
    if (c.status != ASLDOT_OK)
        return c.status;
    return c.errors > 0 ? ASLDOT_ERR_INVALID : ASLDOT_OK;
}
