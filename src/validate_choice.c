/*
 * validate_choice.c: Choice rules. A JSONPath rule holds a "Variable" and exactly one
 * comparison operator, or exactly one of "And"/"Or" (non-empty arrays of rules) / "Not" (one
 * rule); a JSONata rule holds a "Condition". Top-level rules need "Next"; nested rules may not
 * have one.
 */
#include "jsonpath.h"
#include "validate.h"

#include <string.h>

enum { V_STRING, V_NUMBER, V_BOOL, V_TIMESTAMP, V_PATH };

typedef struct cmp_op {
    const char *name;
    int value;
} cmp_op;

static const cmp_op ops[] = {
    {"StringEquals", V_STRING},
    {"StringEqualsPath", V_PATH},
    {"StringLessThan", V_STRING},
    {"StringLessThanPath", V_PATH},
    {"StringGreaterThan", V_STRING},
    {"StringGreaterThanPath", V_PATH},
    {"StringLessThanEquals", V_STRING},
    {"StringLessThanEqualsPath", V_PATH},
    {"StringGreaterThanEquals", V_STRING},
    {"StringGreaterThanEqualsPath", V_PATH},
    {"StringMatches", V_STRING},
    {"NumericEquals", V_NUMBER},
    {"NumericEqualsPath", V_PATH},
    {"NumericLessThan", V_NUMBER},
    {"NumericLessThanPath", V_PATH},
    {"NumericGreaterThan", V_NUMBER},
    {"NumericGreaterThanPath", V_PATH},
    {"NumericLessThanEquals", V_NUMBER},
    {"NumericLessThanEqualsPath", V_PATH},
    {"NumericGreaterThanEquals", V_NUMBER},
    {"NumericGreaterThanEqualsPath", V_PATH},
    {"BooleanEquals", V_BOOL},
    {"BooleanEqualsPath", V_PATH},
    {"TimestampEquals", V_TIMESTAMP},
    {"TimestampEqualsPath", V_PATH},
    {"TimestampLessThan", V_TIMESTAMP},
    {"TimestampLessThanPath", V_PATH},
    {"TimestampGreaterThan", V_TIMESTAMP},
    {"TimestampGreaterThanPath", V_PATH},
    {"TimestampLessThanEquals", V_TIMESTAMP},
    {"TimestampLessThanEqualsPath", V_PATH},
    {"TimestampGreaterThanEquals", V_TIMESTAMP},
    {"TimestampGreaterThanEqualsPath", V_PATH},
    {"IsNull", V_BOOL},
    {"IsPresent", V_BOOL},
    {"IsNumeric", V_BOOL},
    {"IsString", V_BOOL},
    {"IsBoolean", V_BOOL},
    {"IsTimestamp", V_BOOL},
};

static const cmp_op *find_op(const asldot_doc_node *f)
{
    for (size_t k = 0; k < sizeof ops / sizeof ops[0]; k++)
        if (asldot_vkey_is(f, ops[k].name))
            return &ops[k];
    return NULL;
}

static void check_value(asldot_vctx *c, const char *name, const cmp_op *op,
                        const asldot_doc_node *f)
{
    static const char *const want[] = {"a string", "a number", "a boolean", "a timestamp string",
                                       "a path string"};
    int ok;
    if (asldot_vis_placeholder(f))
        return;
    switch (op->value) {
    case V_NUMBER:
        ok = f->kind == ASLDOT_DOC_NUMBER;
        break;
    case V_BOOL:
        ok = f->kind == ASLDOT_DOC_BOOL;
        break;
    default:
        ok = f->kind == ASLDOT_DOC_STRING;
        break;
    }
    if (!ok) {
        asldot_vreport(c, ASLDOT_SEV_ERROR, "wrong-type", f, 0,
                       "Choice state \"%s\" operator \"%s\" needs %s, not %s", name, op->name,
                       want[op->value], asldot_doc_kind_name(f->kind));
        return;
    }
    if (op->value == V_PATH) {
        if (asldot_intrinsic_like(f->str, f->str_len))
            asldot_vreport(c, ASLDOT_SEV_ERROR, "invalid-jsonpath", f, 0,
                           "Choice state \"%s\" operator \"%s\" needs a path, not an intrinsic "
                           "function",
                           name, op->name);
        else
            asldot_validate_path_field(c, name, f, ASLDOT_JP_CONTEXT | ASLDOT_JP_VARIABLE);
    }
}

static void check_rule(asldot_vctx *c, const char *name, const asldot_doc_node *r, int top,
                       int jsonata, unsigned depth);

static void check_rule_list(asldot_vctx *c, const char *name, const asldot_doc_node *f, int jsonata,
                            unsigned depth)
{
    if (f->kind != ASLDOT_DOC_ARRAY) {
        asldot_vreport(c, ASLDOT_SEV_ERROR, "wrong-type", f, 0,
                       "Choice state \"%s\" field \"%s\" must be an array of rules, not %s", name,
                       f->key, asldot_doc_kind_name(f->kind));
        return;
    }
    if (f->count == 0)
        asldot_vreport(c, ASLDOT_SEV_ERROR, "empty-choices", f, 1,
                       "Choice state \"%s\" field \"%s\" must not be empty", name, f->key);
    for (size_t i = 0; i < f->count; i++)
        check_rule(c, name, f->items[i], 0, jsonata, depth + 1);
}

static void check_jsonata_rule(asldot_vctx *c, const char *name, const asldot_doc_node *r, int top)
{
    const asldot_doc_node *cond = asldot_doc_get(r, "Condition");
    if (cond == NULL)
        asldot_vreport(c, ASLDOT_SEV_ERROR, "invalid-choice-rule", r, 0,
                       "Choice state \"%s\" uses JSONata and each rule needs a \"Condition\"",
                       name);
    else if (cond->kind != ASLDOT_DOC_BOOL && !asldot_vis_jsonata_string(cond))
        asldot_vreport(c, ASLDOT_SEV_ERROR, "wrong-type", cond, 0,
                       "Choice state \"%s\" field \"Condition\" must be a boolean or a JSONata "
                       "expression, not %s",
                       name, asldot_doc_kind_name(cond->kind));
    for (size_t i = 0; i < r->count; i++) {
        const asldot_doc_node *f = r->items[i];
        if (asldot_vkey_is(f, "Condition") || asldot_vkey_is(f, "Comment") ||
            (top && (asldot_vkey_is(f, "Next") || asldot_vkey_is(f, "Assign") ||
                     asldot_vkey_is(f, "Output"))))
            continue;
        if (asldot_vkey_is(f, "Variable") || asldot_vkey_is(f, "And") || asldot_vkey_is(f, "Or") ||
            asldot_vkey_is(f, "Not") || find_op(f) != NULL)
            asldot_vreport(c, ASLDOT_SEV_ERROR, "jsonpath-field-in-jsonata", f, 1,
                           "Choice state \"%s\" uses JSONata and its rules cannot have the "
                           "JSONPath field \"%s\"; use \"Condition\"",
                           name, f->key);
        else
            asldot_vreport(c, ASLDOT_SEV_ERROR, "unknown-field", f, 1,
                           "Choice state \"%s\" rule has unknown field \"%s\"", name,
                           f->key ? f->key : "");
    }
}

static void check_rule(asldot_vctx *c, const char *name, const asldot_doc_node *r, int top,
                       int jsonata, unsigned depth)
{
    const asldot_doc_node *var = NULL, *first_op = NULL;
    size_t nops = 0, nbool = 0;
    if (depth > ASLDOT_VALIDATE_MAX_DEPTH) {
        asldot_vreport(c, ASLDOT_SEV_ERROR, "depth-limit", r, 0,
                       "Choice state \"%s\" rules are nested too deeply", name);
        return;
    }
    if (r->kind != ASLDOT_DOC_OBJECT) {
        asldot_vreport(c, ASLDOT_SEV_ERROR, "wrong-type", r, 0,
                       "Choice state \"%s\" rule must be an object, not %s", name,
                       asldot_doc_kind_name(r->kind));
        return;
    }
    if (top) {
        const asldot_doc_node *next = asldot_doc_get(r, "Next");
        if (next == NULL)
            asldot_vreport(c, ASLDOT_SEV_ERROR, "missing-field", r, 0,
                           "Choice state \"%s\" rule has no \"Next\"", name);
        else if (next->kind != ASLDOT_DOC_STRING)
            asldot_vreport(c, ASLDOT_SEV_ERROR, "wrong-type", next, 0,
                           "Choice state \"%s\" rule field \"Next\" must be a string, not %s", name,
                           asldot_doc_kind_name(next->kind));
    }
    if (jsonata) {
        check_jsonata_rule(c, name, r, top);
        return;
    }
    for (size_t i = 0; i < r->count; i++) {
        const asldot_doc_node *f = r->items[i];
        const cmp_op *op = find_op(f);
        if (op != NULL) {
            nops++;
            if (first_op == NULL)
                first_op = f;
            check_value(c, name, op, f);
        } else if (asldot_vkey_is(f, "Variable")) {
            var = f;
        } else if (asldot_vkey_is(f, "And") || asldot_vkey_is(f, "Or")) {
            nbool++;
            check_rule_list(c, name, f, jsonata, depth);
        } else if (asldot_vkey_is(f, "Not")) {
            nbool++;
            check_rule(c, name, f, 0, jsonata, depth + 1);
        } else if (asldot_vkey_is(f, "Comment")) {
            if (f->kind != ASLDOT_DOC_STRING)
                asldot_vreport(c, ASLDOT_SEV_ERROR, "wrong-type", f, 0,
                               "Choice state \"%s\" rule field \"Comment\" must be a string", name);
        } else if (asldot_vkey_is(f, "Next") || asldot_vkey_is(f, "Assign")) {
            if (!top)
                asldot_vreport(c, ASLDOT_SEV_ERROR, "field-not-allowed", f, 1,
                               "Choice state \"%s\": a nested rule cannot have \"%s\"", name,
                               f->key);
            else if (asldot_vkey_is(f, "Assign")) {
                if (f->kind != ASLDOT_DOC_OBJECT)
                    asldot_vreport(c, ASLDOT_SEV_ERROR, "wrong-type", f, 0,
                                   "Choice state \"%s\" rule field \"Assign\" must be an object",
                                   name);
                else
                    asldot_validate_payload(c, name, f);
            }
        } else if (asldot_vkey_is(f, "Condition") || asldot_vkey_is(f, "Output")) {
            asldot_vreport(c, ASLDOT_SEV_ERROR, "jsonata-field-in-jsonpath", f, 1,
                           "Choice state \"%s\" uses JSONPath and its rules cannot have the "
                           "JSONata field \"%s\"",
                           name, f->key);
        } else {
            asldot_vreport(c, ASLDOT_SEV_ERROR, "unknown-field", f, 1,
                           "Choice state \"%s\" rule has unknown field \"%s\"", name,
                           f->key ? f->key : "");
        }
    }
    if (nops + nbool == 0) {
        asldot_vreport(c, ASLDOT_SEV_ERROR, "invalid-choice-rule", r, 0,
                       "Choice state \"%s\" rule has no comparison operator and no "
                       "\"And\"/\"Or\"/\"Not\"",
                       name);
    } else if (nops + nbool > 1) {
        asldot_vreport(c, ASLDOT_SEV_ERROR, "invalid-choice-rule", r, 0,
                       "Choice state \"%s\" rule must have exactly one comparison operator or "
                       "one of \"And\"/\"Or\"/\"Not\"",
                       name);
    } else if (nops == 1 && var == NULL) {
        asldot_vreport(c, ASLDOT_SEV_ERROR, "missing-field", first_op, 1,
                       "Choice state \"%s\" rule with \"%s\" has no \"Variable\"", name,
                       first_op->key);
    } else if (nbool == 1 && var != NULL) {
        asldot_vreport(c, ASLDOT_SEV_ERROR, "field-not-allowed", var, 1,
                       "Choice state \"%s\": a rule with \"And\"/\"Or\"/\"Not\" cannot have "
                       "\"Variable\"",
                       name);
    }
    if (var != NULL) {
        if (var->kind != ASLDOT_DOC_STRING)
            asldot_vreport(c, ASLDOT_SEV_ERROR, "wrong-type", var, 0,
                           "Choice state \"%s\" field \"Variable\" must be a string, not %s", name,
                           asldot_doc_kind_name(var->kind));
        else if (asldot_intrinsic_like(var->str, var->str_len))
            asldot_vreport(c, ASLDOT_SEV_ERROR, "invalid-jsonpath", var, 0,
                           "Choice state \"%s\" field \"Variable\" must be a path, not an "
                           "intrinsic function",
                           name);
        else
            asldot_validate_path_field(c, name, var, ASLDOT_JP_CONTEXT | ASLDOT_JP_VARIABLE);
    }
}

void asldot_validate_choices(asldot_vctx *c, const char *name, const asldot_doc_node *arr,
                             int jsonata)
{
    if (arr->kind != ASLDOT_DOC_ARRAY) {
        asldot_vreport(c, ASLDOT_SEV_ERROR, "wrong-type", arr, 0,
                       "Choice state \"%s\" field \"Choices\" must be an array, not %s", name,
                       asldot_doc_kind_name(arr->kind));
        return;
    }
    if (arr->count == 0)
        asldot_vreport(c, ASLDOT_SEV_ERROR, "empty-choices", arr, 1,
                       "Choice state \"%s\" has an empty \"Choices\"", name);
    for (size_t i = 0; i < arr->count; i++)
        check_rule(c, name, arr->items[i], 1, jsonata, 0);
}
