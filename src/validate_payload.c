/*
 * validate_payload.c: payload templates (Parameters, ResultSelector, ItemSelector, Assign,
 * Credentials, ItemReader/ResultWriter Parameters) in JSONPath states: every "*.$" member holds
 * a path, a context path, a variable or an intrinsic function, and no object has both "x" and
 * "x.$". A plain member whose string is a path or an intrinsic call is a warning (the value
 * is passed on as text: AWS's own validator calls it NO_DOLLAR), and so is a path in a Pass
 * state's static "Result" (PASS_RESULT_IS_STATIC). Also the walk that syntax-checks every
 * "{% ... %}" string of a JSONata state.
 */
#include "alloc.h"
#include "jsonata.h"
#include "jsonpath.h"
#include "validate.h"

#include <stdlib.h>
#include <string.h>

static int ends_with_dollar(const asldot_doc_node *f)
{
    return f->key != NULL && f->key_len >= 2 && f->key[f->key_len - 2] == '.' &&
           f->key[f->key_len - 1] == '$';
}

static int key_cmp(const void *a, const void *b)
{
    const asldot_doc_node *x = *(const asldot_doc_node *const *)a;
    const asldot_doc_node *y = *(const asldot_doc_node *const *)b;
    size_t n = x->key_len < y->key_len ? x->key_len : y->key_len;
    int r = memcmp(x->key, y->key, n);
    if (r != 0)
        return r;
    return x->key_len < y->key_len ? -1 : x->key_len > y->key_len;
}

static const asldot_doc_node *find_plain(const asldot_doc_node *obj, const asldot_doc_node **sorted,
                                         const char *key, size_t len)
{
    if (sorted == NULL) {
        for (size_t i = 0; i < obj->count; i++) {
            const asldot_doc_node *g = obj->items[i];
            if (g->key != NULL && g->key_len == len && memcmp(g->key, key, len) == 0)
                return g;
        }
        return NULL;
    }
    {
        size_t lo = 0, hi = obj->count;
        asldot_doc_node probe;
        memset(&probe, 0, sizeof probe);
        probe.key = key;
        probe.key_len = len;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            const asldot_doc_node *pp = &probe;
            int r = key_cmp(&sorted[mid], &pp);
            if (r == 0)
                return sorted[mid];
            if (r < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
    }
    return NULL;
}

static void check_dollar_value(asldot_vctx *c, const char *name, const asldot_doc_node *f)
{
    if (f->kind != ASLDOT_DOC_STRING) {
        asldot_vreport(c, ASLDOT_SEV_ERROR, "invalid-jsonpath", f, 0,
                       "state \"%s\" field \"%s\" ends in \".$\" and must hold a path or an "
                       "intrinsic function string, not %s",
                       name, f->key, asldot_doc_kind_name(f->kind));
        return;
    }
    asldot_validate_path_field(c, name, f,
                               ASLDOT_JP_CONTEXT | ASLDOT_JP_VARIABLE | ASLDOT_JP_INTRINSIC);
}

int asldot_vlooks_like_path(const asldot_doc_node *n)
{
    char why[8];
    const char *s = n->str;
    size_t len = n->str_len;
    if (n->kind != ASLDOT_DOC_STRING || asldot_vis_placeholder(n) || len < 2)
        return 0;
    if (!(s[0] == '$' && (s[1] == '.' || s[1] == '[' || (s[1] == '$' && len > 2))) &&
        !asldot_intrinsic_like(s, len))
        return 0;
    return asldot_jsonpath_check(s, len, ASLDOT_JP_CONTEXT | ASLDOT_JP_INTRINSIC, why,
                                 sizeof why) != 0;
}

static void walk(asldot_vctx *c, const char *name, const asldot_doc_node *n, unsigned depth)
{
    const asldot_doc_node **sorted = NULL;
    if (depth > ASLDOT_VALIDATE_MAX_DEPTH)
        return;
    if (n->kind == ASLDOT_DOC_ARRAY) {
        for (size_t i = 0; i < n->count; i++)
            walk(c, name, n->items[i], depth + 1);
        return;
    }
    if (n->kind != ASLDOT_DOC_OBJECT)
        return;
    if (n->count > 16) {
        sorted = asldot_calloc(n->count, sizeof *sorted);
        if (sorted == NULL) {
            c->status = ASLDOT_ERR_NOMEM;
            return;
        }
        for (size_t i = 0; i < n->count; i++)
            sorted[i] = n->items[i];
        qsort(sorted, n->count, sizeof *sorted, key_cmp);
    }
    for (size_t i = 0; i < n->count; i++) {
        const asldot_doc_node *f = n->items[i];
        if (f->key == NULL)
            continue;
        if (ends_with_dollar(f)) {
            const asldot_doc_node *plain = find_plain(n, sorted, f->key, f->key_len - 2);
            check_dollar_value(c, name, f);
            if (plain != NULL)
                asldot_vreport(c, ASLDOT_SEV_ERROR, "duplicate-payload-field", f, 1,
                               "state \"%s\" payload has both \"%.*s\" and \"%s\"", name,
                               (int)(f->key_len - 2), f->key, f->key);
        } else if (asldot_vlooks_like_path(f)) {
            asldot_vreport(c, ASLDOT_SEV_WARNING, "no-dollar", f, 0,
                           "state \"%s\" field \"%s\" holds a %s but its name does not end in "
                           "\".$\", so it is passed on as text: did you mean \"%s.$\"?",
                           name, f->key, f->str[0] == '$' ? "path" : "intrinsic function", f->key);
        } else {
            walk(c, name, f, depth + 1);
        }
    }
    asldot_free(sorted);
}

/* The first member of a static value that would be a path in a payload template. */
static const asldot_doc_node *first_pathlike(const asldot_doc_node *n, unsigned depth)
{
    if (depth > ASLDOT_VALIDATE_MAX_DEPTH)
        return NULL;
    if (n->kind == ASLDOT_DOC_STRING)
        return asldot_vlooks_like_path(n) ? n : NULL;
    if (n->kind != ASLDOT_DOC_ARRAY && n->kind != ASLDOT_DOC_OBJECT)
        return NULL;
    for (size_t i = 0; i < n->count; i++) {
        const asldot_doc_node *f = n->items[i], *hit;
        if (n->kind == ASLDOT_DOC_OBJECT && ends_with_dollar(f))
            return f;
        if ((hit = first_pathlike(f, depth + 1)) != NULL)
            return hit;
    }
    return NULL;
}

void asldot_validate_static_result(asldot_vctx *c, const char *name, const asldot_doc_node *n)
{
    const asldot_doc_node *hit = n != NULL ? first_pathlike(n, 0) : NULL;
    if (hit != NULL)
        asldot_vreport(c, ASLDOT_SEV_WARNING, "pass-result-is-static", hit, hit->key != NULL,
                       "state \"%s\" field \"Result\" is used as it is, so the path in it is "
                       "not evaluated: use \"Parameters\" to build a value from the input",
                       name);
}

void asldot_validate_payload(asldot_vctx *c, const char *name, const asldot_doc_node *n)
{
    if (n != NULL)
        walk(c, name, n, 0);
}

void asldot_validate_jsonata_strings(asldot_vctx *c, const char *name, const asldot_doc_node *n,
                                     unsigned depth)
{
    char why[200];
    if (n == NULL || depth > ASLDOT_VALIDATE_MAX_DEPTH)
        return;
    if (asldot_vkey_is(n, "Comment") || asldot_vkey_is(n, "Next") || asldot_vkey_is(n, "Default"))
        return;
    if (n->kind == ASLDOT_DOC_ARRAY || n->kind == ASLDOT_DOC_OBJECT) {
        for (size_t i = 0; i < n->count; i++)
            asldot_validate_jsonata_strings(c, name, n->items[i], depth + 1);
        return;
    }
    if (!asldot_vis_jsonata_string(n))
        return;
    if (!asldot_jsonata_check_template(n->str, n->str_len, why, sizeof why)) {
        const asldot_doc_node *k = n;
        while (k != NULL && k->key == NULL)
            k = k->parent;
        asldot_vreport(c, ASLDOT_SEV_ERROR, "invalid-jsonata", n, 0,
                       "state \"%s\" field \"%s\" has an invalid JSONata expression: %s", name,
                       k && k->key ? k->key : "?", why);
    }
}
