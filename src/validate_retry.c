/*
 * validate_retry.c: Retry and Catch arrays (Task, Parallel, Map): retrier and catcher fields,
 * ErrorEquals (non-empty strings, "States.ALL" alone and in the last entry), ranges of
 * IntervalSeconds, MaxAttempts, BackoffRate, MaxDelaySeconds and JitterStrategy.
 */
#include "jsonpath.h"
#include "validate.h"

#include <string.h>

/* The predefined error names: the ASL spec's appendix A and the AWS developer guide's "Error
 * names" (concepts-error-handling). */
static const char *const known_errors[] = {
    "States.ALL",
    "States.HeartbeatTimeout",
    "States.Timeout",
    "States.TaskFailed",
    "States.Permissions",
    "States.ResultPathMatchFailure",
    "States.ParameterPathFailure",
    "States.QueryEvaluationError",
    "States.BranchFailed",
    "States.NoChoiceMatched",
    "States.IntrinsicFailure",
    "States.ExceedToleratedFailureThreshold",
    "States.ItemReaderFailed",
    "States.ResultWriterFailed",
    "States.Runtime",
    "States.DataLimitExceeded", /* terminal: States.ALL does not catch it, its name does */
    "States.Http.Socket",       /* an HTTP Task's 60-second time-out */
};

static int has_prefix(const char *s, const char *p)
{
    return strncmp(s, p, strlen(p)) == 0;
}

/* Returns 1 when the entry's ErrorEquals holds "States.ALL". */
static int check_error_equals(asldot_vctx *c, const char *name, const char *what, size_t idx,
                              const asldot_doc_node *entry)
{
    const asldot_doc_node *ee = asldot_doc_get(entry, "ErrorEquals");
    int has_all = 0;
    if (ee == NULL) {
        asldot_vreport(c, ASLDOT_SEV_ERROR, "missing-field", entry, 0,
                       "state \"%s\" %s entry %zu has no \"ErrorEquals\"", name, what, idx + 1);
        return 0;
    }
    if (ee->kind != ASLDOT_DOC_ARRAY) {
        asldot_vreport(c, ASLDOT_SEV_ERROR, "wrong-type", ee, 0,
                       "state \"%s\" %s entry %zu field \"ErrorEquals\" must be an array of "
                       "strings, not %s",
                       name, what, idx + 1, asldot_doc_kind_name(ee->kind));
        return 0;
    }
    if (ee->count == 0) {
        asldot_vreport(c, ASLDOT_SEV_ERROR, "empty-error-equals", ee, 0,
                       "state \"%s\" %s entry %zu has an empty \"ErrorEquals\"", name, what,
                       idx + 1);
        return 0;
    }
    for (size_t i = 0; i < ee->count; i++) {
        const asldot_doc_node *e = ee->items[i];
        if (e->kind != ASLDOT_DOC_STRING) {
            asldot_vreport(c, ASLDOT_SEV_ERROR, "wrong-type", e, 0,
                           "state \"%s\" %s entry %zu: \"ErrorEquals\" items must be strings, "
                           "not %s",
                           name, what, idx + 1, asldot_doc_kind_name(e->kind));
            continue;
        }
        if (strcmp(e->str, "States.ALL") == 0) {
            has_all = 1;
            if (ee->count > 1)
                asldot_vreport(c, ASLDOT_SEV_ERROR, "states-all-not-alone", e, 0,
                               "state \"%s\" %s entry %zu: \"States.ALL\" must be the only "
                               "error name in its \"ErrorEquals\"",
                               name, what, idx + 1);
        } else if (has_prefix(e->str, "States.")) {
            int known = 0;
            for (size_t k = 0; k < sizeof known_errors / sizeof known_errors[0]; k++)
                known |= strcmp(e->str, known_errors[k]) == 0;
            if (!known)
                asldot_vreport(c, ASLDOT_SEV_WARNING, "unknown-error-name", e, 0,
                               "state \"%s\" %s entry %zu: \"%.80s\" is not a predefined error "
                               "name",
                               name, what, idx + 1, e->str);
        }
    }
    return has_all;
}

static void check_int(asldot_vctx *c, const char *name, const char *what, size_t idx,
                      const asldot_doc_node *f, double min, double max, int integer)
{
    if (asldot_vis_placeholder(f))
        return;
    if (f->kind != ASLDOT_DOC_NUMBER) {
        asldot_vreport(c, ASLDOT_SEV_ERROR, "wrong-type", f, 0,
                       "state \"%s\" %s entry %zu field \"%s\" must be %s, not %s", name, what,
                       idx + 1, f->key, integer ? "an integer" : "a number",
                       asldot_doc_kind_name(f->kind));
        return;
    }
    if (integer && !asldot_doc_is_integer(f, -1e300, 1e300)) {
        asldot_vreport(c, ASLDOT_SEV_ERROR, "not-an-integer", f, 0,
                       "state \"%s\" %s entry %zu field \"%s\" must be an integer, not %s", name,
                       what, idx + 1, f->key, f->str ? f->str : "a fraction");
        return;
    }
    if (!(f->num >= min && f->num <= max)) {
        if (max >= 1e300)
            asldot_vreport(c, ASLDOT_SEV_ERROR, "number-out-of-range", f, 0,
                           "state \"%s\" %s entry %zu field \"%s\" must be at least %g, not %s",
                           name, what, idx + 1, f->key, min, f->str ? f->str : "this value");
        else
            asldot_vreport(c, ASLDOT_SEV_ERROR, "number-out-of-range", f, 0,
                           "state \"%s\" %s entry %zu field \"%s\" must be between %.0f and "
                           "%.0f, not %s",
                           name, what, idx + 1, f->key, min, max, f->str ? f->str : "this value");
    }
}

static void check_all_last(asldot_vctx *c, const char *name, const char *what,
                           const asldot_doc_node *arr, size_t all_idx)
{
    if (all_idx + 1 < arr->count)
        asldot_vreport(c, ASLDOT_SEV_ERROR, "states-all-not-last", arr->items[all_idx], 0,
                       "state \"%s\" %s entry %zu uses \"States.ALL\" but is not the last entry",
                       name, what, all_idx + 1);
}

void asldot_validate_retry(asldot_vctx *c, const char *name, const asldot_doc_node *arr,
                           int jsonata)
{
    (void)jsonata;
    if (arr->kind != ASLDOT_DOC_ARRAY) {
        asldot_vreport(c, ASLDOT_SEV_ERROR, "wrong-type", arr, 0,
                       "state \"%s\" field \"Retry\" must be an array, not %s", name,
                       asldot_doc_kind_name(arr->kind));
        return;
    }
    for (size_t i = 0; i < arr->count; i++) {
        const asldot_doc_node *r = arr->items[i];
        if (r->kind != ASLDOT_DOC_OBJECT) {
            asldot_vreport(c, ASLDOT_SEV_ERROR, "wrong-type", r, 0,
                           "state \"%s\" Retry entry %zu must be an object, not %s", name, i + 1,
                           asldot_doc_kind_name(r->kind));
            continue;
        }
        if (check_error_equals(c, name, "Retry", i, r))
            check_all_last(c, name, "Retry", arr, i);
        for (size_t k = 0; k < r->count; k++) {
            const asldot_doc_node *f = r->items[k];
            if (asldot_vkey_is(f, "ErrorEquals"))
                continue;
            if (asldot_vkey_is(f, "IntervalSeconds"))
                check_int(c, name, "Retry", i, f, 1, 99999999, 1);
            else if (asldot_vkey_is(f, "MaxAttempts"))
                check_int(c, name, "Retry", i, f, 0, 99999999, 1);
            else if (asldot_vkey_is(f, "BackoffRate"))
                check_int(c, name, "Retry", i, f, 1, 1e300, 0);
            else if (asldot_vkey_is(f, "MaxDelaySeconds"))
                check_int(c, name, "Retry", i, f, 1, 31622400, 1);
            else if (asldot_vkey_is(f, "JitterStrategy")) {
                if (f->kind != ASLDOT_DOC_STRING)
                    asldot_vreport(c, ASLDOT_SEV_ERROR, "wrong-type", f, 0,
                                   "state \"%s\" Retry entry %zu field \"JitterStrategy\" must be "
                                   "a string, not %s",
                                   name, i + 1, asldot_doc_kind_name(f->kind));
                else if (strcmp(f->str, "FULL") != 0 && strcmp(f->str, "NONE") != 0)
                    asldot_vreport(c, ASLDOT_SEV_ERROR, "invalid-enum", f, 0,
                                   "state \"%s\" Retry entry %zu field \"JitterStrategy\" must be "
                                   "\"FULL\" or \"NONE\", not \"%.40s\"",
                                   name, i + 1, f->str);
            } else if (asldot_vkey_is(f, "Comment")) {
                if (f->kind != ASLDOT_DOC_STRING)
                    asldot_vreport(c, ASLDOT_SEV_ERROR, "wrong-type", f, 0,
                                   "state \"%s\" Retry entry %zu field \"Comment\" must be a "
                                   "string",
                                   name, i + 1);
            } else {
                asldot_vreport(c, ASLDOT_SEV_ERROR, "unknown-field", f, 1,
                               "state \"%s\" Retry entry %zu has unknown field \"%s\"", name, i + 1,
                               f->key ? f->key : "");
            }
        }
    }
}

void asldot_validate_catch(asldot_vctx *c, const char *name, const asldot_doc_node *arr,
                           int jsonata)
{
    if (arr->kind != ASLDOT_DOC_ARRAY) {
        asldot_vreport(c, ASLDOT_SEV_ERROR, "wrong-type", arr, 0,
                       "state \"%s\" field \"Catch\" must be an array, not %s", name,
                       asldot_doc_kind_name(arr->kind));
        return;
    }
    for (size_t i = 0; i < arr->count; i++) {
        const asldot_doc_node *r = arr->items[i];
        const asldot_doc_node *next;
        if (r->kind != ASLDOT_DOC_OBJECT) {
            asldot_vreport(c, ASLDOT_SEV_ERROR, "wrong-type", r, 0,
                           "state \"%s\" Catch entry %zu must be an object, not %s", name, i + 1,
                           asldot_doc_kind_name(r->kind));
            continue;
        }
        if (check_error_equals(c, name, "Catch", i, r))
            check_all_last(c, name, "Catch", arr, i);
        next = asldot_doc_get(r, "Next");
        if (next == NULL)
            asldot_vreport(c, ASLDOT_SEV_ERROR, "missing-field", r, 0,
                           "state \"%s\" Catch entry %zu has no \"Next\"", name, i + 1);
        for (size_t k = 0; k < r->count; k++) {
            const asldot_doc_node *f = r->items[k];
            if (asldot_vkey_is(f, "ErrorEquals"))
                continue;
            if (asldot_vkey_is(f, "Next") || asldot_vkey_is(f, "Comment")) {
                if (f->kind != ASLDOT_DOC_STRING)
                    asldot_vreport(c, ASLDOT_SEV_ERROR, "wrong-type", f, 0,
                                   "state \"%s\" Catch entry %zu field \"%s\" must be a string, "
                                   "not %s",
                                   name, i + 1, f->key, asldot_doc_kind_name(f->kind));
            } else if (asldot_vkey_is(f, "ResultPath")) {
                if (jsonata)
                    asldot_vreport(c, ASLDOT_SEV_ERROR, "jsonpath-field-in-jsonata", f, 1,
                                   "state \"%s\" uses JSONata and its Catch entry %zu cannot have "
                                   "\"ResultPath\"; use \"Output\"",
                                   name, i + 1);
                else if (f->kind != ASLDOT_DOC_NULL && f->kind != ASLDOT_DOC_STRING)
                    asldot_vreport(c, ASLDOT_SEV_ERROR, "wrong-type", f, 0,
                                   "state \"%s\" Catch entry %zu field \"ResultPath\" must be a "
                                   "string or null, not %s",
                                   name, i + 1, asldot_doc_kind_name(f->kind));
                else
                    asldot_validate_path_field(c, name, f, ASLDOT_JP_REFERENCE);
            } else if (asldot_vkey_is(f, "Output")) {
                if (!jsonata)
                    asldot_vreport(c, ASLDOT_SEV_ERROR, "jsonata-field-in-jsonpath", f, 1,
                                   "state \"%s\" uses JSONPath and its Catch entry %zu cannot "
                                   "have \"Output\"",
                                   name, i + 1);
            } else if (asldot_vkey_is(f, "Assign")) {
                if (f->kind != ASLDOT_DOC_OBJECT)
                    asldot_vreport(c, ASLDOT_SEV_ERROR, "wrong-type", f, 0,
                                   "state \"%s\" Catch entry %zu field \"Assign\" must be an "
                                   "object, not %s",
                                   name, i + 1, asldot_doc_kind_name(f->kind));
                else if (!jsonata)
                    asldot_validate_payload(c, name, f);
            } else {
                asldot_vreport(c, ASLDOT_SEV_ERROR, "unknown-field", f, 1,
                               "state \"%s\" Catch entry %zu has unknown field \"%s\"", name, i + 1,
                               f->key ? f->key : "");
            }
        }
    }
}
