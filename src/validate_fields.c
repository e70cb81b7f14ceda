/*
 * validate_fields.c: the fields each state type allows, their JSON types and ranges, the
 * fields that exclude each other, Next/End, and the JSONPath-only / JSONata-only split.
 * One table drives it: a field name, the state types that allow it, its kind, and the query
 * language it belongs to.
 */
#include "jsonpath.h"
#include "validate.h"

#include <string.h>

#define TY(t)      (1u << (t))
#define T_TASK     TY(ASLDOT_STATE_TASK)
#define T_PASS     TY(ASLDOT_STATE_PASS)
#define T_CHOICE   TY(ASLDOT_STATE_CHOICE)
#define T_WAIT     TY(ASLDOT_STATE_WAIT)
#define T_SUCCEED  TY(ASLDOT_STATE_SUCCEED)
#define T_FAIL     TY(ASLDOT_STATE_FAIL)
#define T_PARALLEL TY(ASLDOT_STATE_PARALLEL)
#define T_MAP      TY(ASLDOT_STATE_MAP)
#define T_ALL      (T_TASK | T_PASS | T_CHOICE | T_WAIT | T_SUCCEED | T_FAIL | T_PARALLEL | T_MAP)
#define T_FLOW     (T_TASK | T_PASS | T_WAIT | T_PARALLEL | T_MAP) /* need Next or End */
#define T_WORK     (T_TASK | T_PARALLEL | T_MAP)

enum field_kind {
    K_STRING,
    K_BOOL,
    K_PATH,    /* a Path: context and variables allowed */
    K_REFPATH, /* a Reference Path: context and variables allowed */
    K_RESPATH, /* ResultPath: a Reference Path into the input only */
    K_ERRPATH, /* ErrorPath/CausePath: a Path or a string-returning intrinsic function */
    K_ANY,
    K_OBJECT,
    K_PAYLOAD, /* any JSON; an object is a payload template */
    K_INT,
    K_NUMBER,
    K_TIMESTAMP,
    K_SPECIAL /* checked by its own function */
};

enum field_mode { M_BOTH, M_JSONPATH, M_JSONATA };

typedef struct field_spec {
    const char *name;
    unsigned types;
    unsigned char kind;
    unsigned char mode;
    unsigned char nullable;
    double min, max;
    const char *jsonata_hint; /* what a JSONata state uses instead */
} field_spec;

static const field_spec fields[] = {
    {"Type", T_ALL, K_STRING, M_BOTH, 0, 0, 0, NULL},
    {"Comment", T_ALL, K_STRING, M_BOTH, 0, 0, 0, NULL},
    {"QueryLanguage", T_ALL, K_SPECIAL, M_BOTH, 0, 0, 0, NULL},
    {"Next", T_FLOW, K_STRING, M_BOTH, 0, 0, 0, NULL},
    {"End", T_FLOW, K_BOOL, M_BOTH, 0, 0, 0, NULL},
    {"InputPath", T_ALL & ~T_FAIL, K_PATH, M_JSONPATH, 1, 0, 0, "use \"Arguments\""},
    {"OutputPath", T_ALL & ~T_FAIL, K_PATH, M_JSONPATH, 1, 0, 0, "use \"Output\""},
    {"ResultPath", T_TASK | T_PASS | T_PARALLEL | T_MAP, K_RESPATH, M_JSONPATH, 1, 0, 0,
     "use \"Output\" or \"Assign\""},
    {"Parameters", T_TASK | T_PASS | T_PARALLEL | T_MAP, K_PAYLOAD, M_JSONPATH, 1, 0, 0,
     "use \"Arguments\""},
    {"ResultSelector", T_WORK, K_PAYLOAD, M_JSONPATH, 1, 0, 0, "use \"Output\""},
    {"Result", T_PASS, K_ANY, M_JSONPATH, 1, 0, 0, "use \"Output\""},
    {"Output", T_ALL & ~T_FAIL, K_ANY, M_JSONATA, 1, 0, 0, NULL},
    {"Arguments", T_TASK | T_PARALLEL, K_SPECIAL, M_JSONATA, 0, 0, 0, NULL},
    {"Assign", T_ALL & ~(T_SUCCEED | T_FAIL), K_SPECIAL, M_BOTH, 0, 0, 0, NULL},
    {"Resource", T_TASK, K_SPECIAL, M_BOTH, 0, 0, 0, NULL},
    {"TimeoutSeconds", T_TASK, K_INT, M_BOTH, 0, 1, 99999999, NULL},
    {"TimeoutSecondsPath", T_TASK, K_REFPATH, M_JSONPATH, 0, 0, 0,
     "use \"TimeoutSeconds\" with a JSONata expression"},
    {"HeartbeatSeconds", T_TASK, K_INT, M_BOTH, 0, 1, 99999999, NULL},
    {"HeartbeatSecondsPath", T_TASK, K_REFPATH, M_JSONPATH, 0, 0, 0,
     "use \"HeartbeatSeconds\" with a JSONata expression"},
    {"Credentials", T_TASK, K_SPECIAL, M_BOTH, 0, 0, 0, NULL},
    {"Retry", T_WORK, K_SPECIAL, M_BOTH, 0, 0, 0, NULL},
    {"Catch", T_WORK, K_SPECIAL, M_BOTH, 0, 0, 0, NULL},
    {"Choices", T_CHOICE, K_SPECIAL, M_BOTH, 0, 0, 0, NULL},
    {"Default", T_CHOICE, K_STRING, M_BOTH, 0, 0, 0, NULL},
    {"Seconds", T_WAIT, K_INT, M_BOTH, 0, 0, 99999999, NULL},
    {"SecondsPath", T_WAIT, K_REFPATH, M_JSONPATH, 0, 0, 0,
     "use \"Seconds\" with a JSONata expression"},
    {"Timestamp", T_WAIT, K_TIMESTAMP, M_BOTH, 0, 0, 0, NULL},
    {"TimestampPath", T_WAIT, K_REFPATH, M_JSONPATH, 0, 0, 0,
     "use \"Timestamp\" with a JSONata expression"},
    {"Error", T_FAIL, K_STRING, M_BOTH, 0, 0, 0, NULL},
    {"ErrorPath", T_FAIL, K_ERRPATH, M_JSONPATH, 0, 0, 0,
     "use \"Error\" with a JSONata expression"},
    {"Cause", T_FAIL, K_STRING, M_BOTH, 0, 0, 0, NULL},
    {"CausePath", T_FAIL, K_ERRPATH, M_JSONPATH, 0, 0, 0,
     "use \"Cause\" with a JSONata expression"},
    {"Branches", T_PARALLEL, K_SPECIAL, M_BOTH, 0, 0, 0, NULL},
    {"Iterator", T_MAP, K_SPECIAL, M_BOTH, 0, 0, 0, NULL},
    {"ItemProcessor", T_MAP, K_SPECIAL, M_BOTH, 0, 0, 0, NULL},
    {"ItemsPath", T_MAP, K_REFPATH, M_JSONPATH, 0, 0, 0, "use \"Items\""},
    {"Items", T_MAP, K_SPECIAL, M_JSONATA, 0, 0, 0, NULL},
    {"ItemSelector", T_MAP, K_PAYLOAD, M_BOTH, 1, 0, 0, NULL},
    {"ItemReader", T_MAP, K_SPECIAL, M_BOTH, 0, 0, 0, NULL},
    {"ItemBatcher", T_MAP, K_SPECIAL, M_BOTH, 0, 0, 0, NULL},
    {"ResultWriter", T_MAP, K_SPECIAL, M_BOTH, 0, 0, 0, NULL},
    {"MaxConcurrency", T_MAP, K_INT, M_BOTH, 0, 0, 1e15, NULL},
    {"MaxConcurrencyPath", T_MAP, K_REFPATH, M_JSONPATH, 0, 0, 0,
     "use \"MaxConcurrency\" with a JSONata expression"},
    {"ToleratedFailurePercentage", T_MAP, K_NUMBER, M_BOTH, 0, 0, 100, NULL},
    {"ToleratedFailurePercentagePath", T_MAP, K_REFPATH, M_JSONPATH, 0, 0, 0,
     "use \"ToleratedFailurePercentage\" with a JSONata expression"},
    {"ToleratedFailureCount", T_MAP, K_INT, M_BOTH, 0, 0, 1e15, NULL},
    {"ToleratedFailureCountPath", T_MAP, K_REFPATH, M_JSONPATH, 0, 0, 0,
     "use \"ToleratedFailureCount\" with a JSONata expression"},
    {"Label", T_MAP, K_STRING, M_BOTH, 0, 0, 0, NULL},
};

static const char *const exclusive[][2] = {
    {"Error", "ErrorPath"},
    {"Cause", "CausePath"},
    {"TimeoutSeconds", "TimeoutSecondsPath"},
    {"HeartbeatSeconds", "HeartbeatSecondsPath"},
    {"Items", "ItemsPath"},
    {"Iterator", "ItemProcessor"},
    {"MaxConcurrency", "MaxConcurrencyPath"},
    {"ToleratedFailurePercentage", "ToleratedFailurePercentagePath"},
    {"ToleratedFailureCount", "ToleratedFailureCountPath"},
    {"Parameters", "ItemSelector"},
};

static const field_spec *find_field(const asldot_doc_node *f)
{
    for (size_t k = 0; k < sizeof fields / sizeof fields[0]; k++)
        if (asldot_vkey_is(f, fields[k].name))
            return &fields[k];
    return NULL;
}

static const char *type_name(asldot_state_type t)
{
    return asldot_state_type_name(t);
}

/* Returns 1 when s is an RFC 3339 date-time such as 2016-03-14T01:59:00Z. */
static int is_timestamp(const char *s, size_t n)
{
    static const char pat[] = "dddd-dd-ddTdd:dd:dd";
    size_t i;
    if (n < sizeof pat - 1)
        return 0;
    for (i = 0; i < sizeof pat - 1; i++) {
        if (pat[i] == 'd') {
            if (s[i] < '0' || s[i] > '9')
                return 0;
        } else if (pat[i] == 'T') {
            if (s[i] != 'T' && s[i] != 't')
                return 0;
        } else if (s[i] != pat[i]) {
            return 0;
        }
    }
    if (i < n && s[i] == '.') {
        i++;
        if (i >= n || s[i] < '0' || s[i] > '9')
            return 0;
        while (i < n && s[i] >= '0' && s[i] <= '9')
            i++;
    }
    if (i < n && (s[i] == 'Z' || s[i] == 'z'))
        return i + 1 == n;
    if (i < n && (s[i] == '+' || s[i] == '-'))
        return n - i == 6 && s[i + 1] >= '0' && s[i + 1] <= '9' && s[i + 2] >= '0' &&
               s[i + 2] <= '9' && s[i + 3] == ':' && s[i + 4] >= '0' && s[i + 4] <= '9' &&
               s[i + 5] >= '0' && s[i + 5] <= '9';
    return 0;
}

static void wrong_type(asldot_vctx *c, const char *name, const asldot_doc_node *f,
                       const char *expected)
{
    asldot_vreport(c, ASLDOT_SEV_ERROR, "wrong-type", f, 0,
                   "state \"%s\" field \"%s\" must be %s, not %s", name, f->key ? f->key : "",
                   expected, asldot_doc_kind_name(f->kind));
}

static void check_number(asldot_vctx *c, const char *name, const field_spec *sp,
                         const asldot_doc_node *f, int jsonata)
{
    int integer = sp->kind == K_INT;
    if (jsonata && f->kind == ASLDOT_DOC_STRING && asldot_vis_jsonata_string(f))
        return; /* syntax checked with every other JSONata string */
    if (asldot_vis_placeholder(f))
        return;
    if (f->kind != ASLDOT_DOC_NUMBER) {
        wrong_type(c, name, f,
                   jsonata ? (integer ? "an integer or a JSONata expression"
                                      : "a number or a JSONata expression")
                           : (integer ? "an integer" : "a number"));
        return;
    }
    if (integer && !asldot_doc_is_integer(f, -1e300, 1e300)) {
        asldot_vreport(c, ASLDOT_SEV_ERROR, "not-an-integer", f, 0,
                       "state \"%s\" field \"%s\" must be an integer, not %s", name, sp->name,
                       f->str ? f->str : "a fraction");
        return;
    }
    if (!(f->num >= sp->min && f->num <= sp->max))
        asldot_vreport(c, ASLDOT_SEV_ERROR, "number-out-of-range", f, 0,
                       "state \"%s\" field \"%s\" must be between %.0f and %.0f, not %s", name,
                       sp->name, sp->min, sp->max, f->str ? f->str : "this value");
}

void asldot_validate_path_field(asldot_vctx *c, const char *name, const asldot_doc_node *n,
                                unsigned flags)
{
    char why[200];
    int r;
    if (n == NULL || n->kind != ASLDOT_DOC_STRING)
        return;
    r = asldot_jsonpath_check(n->str, n->str_len, flags, why, sizeof why);
    if (r == 2) {
        asldot_vreport(c, ASLDOT_SEV_WARNING, "intrinsic-missing-comma", n, 0,
                       "state \"%s\" field \"%s\": %s", name, n->key ? n->key : "", why);
    } else if (r == 0) {
        int intrinsic = (flags & ASLDOT_JP_INTRINSIC) && asldot_intrinsic_like(n->str, n->str_len);
        asldot_vreport(c, ASLDOT_SEV_ERROR, intrinsic ? "invalid-intrinsic" : "invalid-jsonpath", n,
                       0, "state \"%s\" field \"%s\": \"%.80s\" is not valid: %s", name,
                       n->key ? n->key : "", n->str, why);
    }
}

static void check_path(asldot_vctx *c, const char *name, const field_spec *sp,
                       const asldot_doc_node *f)
{
    unsigned flags = ASLDOT_JP_CONTEXT | ASLDOT_JP_VARIABLE;
    if (f->kind == ASLDOT_DOC_NULL && sp->nullable)
        return;
    if (f->kind != ASLDOT_DOC_STRING) {
        wrong_type(c, name, f, sp->nullable ? "a string or null" : "a string");
        return;
    }
    if (sp->kind == K_REFPATH)
        flags |= ASLDOT_JP_REFERENCE;
    else if (sp->kind == K_RESPATH)
        flags = ASLDOT_JP_REFERENCE;
    else if (sp->kind == K_ERRPATH)
        flags |= ASLDOT_JP_INTRINSIC | ASLDOT_JP_STRING_FN;
    if (sp->kind == K_PATH && asldot_intrinsic_like(f->str, f->str_len)) {
        asldot_vreport(c, ASLDOT_SEV_ERROR, "invalid-jsonpath", f, 0,
                       "state \"%s\" field \"%s\" must be a path, not an intrinsic function", name,
                       sp->name);
        return;
    }
    asldot_validate_path_field(c, name, f, flags);
}

static void check_special(asldot_vctx *c, const char *name, const asldot_doc_node *f, int jsonata)
{
    if (asldot_vkey_is(f, "Retry")) {
        asldot_validate_retry(c, name, f, jsonata);
    } else if (asldot_vkey_is(f, "Catch")) {
        asldot_validate_catch(c, name, f, jsonata);
    } else if (asldot_vkey_is(f, "Choices")) {
        asldot_validate_choices(c, name, f, jsonata);
    } else if (asldot_vkey_is(f, "Resource")) {
        if (f->kind != ASLDOT_DOC_STRING)
            wrong_type(c, name, f, "a string");
        else
            asldot_validate_resource(c, name, f);
    } else if (asldot_vkey_is(f, "Arguments")) {
        if (f->kind != ASLDOT_DOC_OBJECT && !asldot_vis_jsonata_string(f))
            wrong_type(c, name, f, "an object or a JSONata expression");
    } else if (asldot_vkey_is(f, "Items")) {
        if (f->kind != ASLDOT_DOC_ARRAY && !asldot_vis_jsonata_string(f))
            wrong_type(c, name, f, "an array or a JSONata expression");
    } else if (asldot_vkey_is(f, "Assign")) {
        if (f->kind != ASLDOT_DOC_OBJECT)
            wrong_type(c, name, f, "an object");
        else if (!jsonata)
            asldot_validate_payload(c, name, f);
    } else if (asldot_vkey_is(f, "Credentials")) {
        if (f->kind != ASLDOT_DOC_OBJECT && !(jsonata && asldot_vis_jsonata_string(f))) {
            wrong_type(c, name, f, "an object");
        } else if (f->kind == ASLDOT_DOC_OBJECT) {
            if (f->count == 0)
                asldot_vreport(c, ASLDOT_SEV_ERROR, "missing-field", f, 1,
                               "state \"%s\" field \"Credentials\" is empty: \"RoleArn\" is "
                               "required",
                               name);
            else if (asldot_doc_get(f, "RoleArn") == NULL && asldot_doc_get(f, "RoleArn.$") == NULL)
                asldot_vreport(c, ASLDOT_SEV_WARNING, "missing-field", f, 1,
                               "state \"%s\" field \"Credentials\" has no \"RoleArn\"", name);
            if (!jsonata)
                asldot_validate_payload(c, name, f);
        }
    }
    /* Branches, Iterator, ItemProcessor, ItemReader, ItemBatcher, ResultWriter: validate_map.c
     * and check_parallel; QueryLanguage: validate.c */
}

static void check_field(asldot_vctx *c, const char *name, const field_spec *sp,
                        const asldot_doc_node *f, int jsonata)
{
    switch (sp->kind) {
    case K_STRING:
        if (f->kind != ASLDOT_DOC_STRING)
            wrong_type(c, name, f, "a string");
        else if (!jsonata && (asldot_vkey_is(f, "Error") || asldot_vkey_is(f, "Cause")) &&
                 asldot_vlooks_like_path(f))
            asldot_vreport(c, ASLDOT_SEV_WARNING, "no-path", f, 0,
                           "state \"%s\" field \"%s\" holds a path, which is used as text: "
                           "did you mean \"%sPath\"?",
                           name, sp->name, sp->name);
        else if (f->str_len == 0 && (asldot_vkey_is(f, "Next") || asldot_vkey_is(f, "Default")))
            asldot_vreport(c, ASLDOT_SEV_ERROR, "wrong-type", f, 0,
                           "state \"%s\" field \"%s\" must not be empty", name, sp->name);
        break;
    case K_BOOL:
        if (f->kind != ASLDOT_DOC_BOOL && !asldot_vis_placeholder(f))
            wrong_type(c, name, f, "a boolean");
        break;
    case K_PATH:
    case K_REFPATH:
    case K_RESPATH:
    case K_ERRPATH:
        if (!jsonata)
            check_path(c, name, sp, f);
        break;
    case K_OBJECT:
        if (f->kind != ASLDOT_DOC_OBJECT)
            wrong_type(c, name, f, "an object");
        break;
    case K_PAYLOAD:
        if (f->kind == ASLDOT_DOC_OBJECT && !jsonata)
            asldot_validate_payload(c, name, f);
        break;
    case K_INT:
    case K_NUMBER:
        check_number(c, name, sp, f, jsonata);
        break;
    case K_TIMESTAMP:
        if (f->kind != ASLDOT_DOC_STRING)
            wrong_type(c, name, f, jsonata ? "a string or a JSONata expression" : "a string");
        else if (!(jsonata && asldot_vis_jsonata_string(f)) && !is_timestamp(f->str, f->str_len))
            asldot_vreport(c, ASLDOT_SEV_ERROR, "invalid-timestamp", f, 0,
                           "state \"%s\" field \"Timestamp\" must be an RFC 3339 date-time "
                           "such as 2016-03-14T01:59:00Z, not \"%.60s\"",
                           name, f->str);
        break;
    case K_SPECIAL:
        check_special(c, name, f, jsonata);
        break;
    case K_ANY:
        if (!jsonata && asldot_vkey_is(f, "Result"))
            asldot_validate_static_result(c, name, f);
        break;
    default:
        break;
    }
}

static void check_exclusive(asldot_vctx *c, const char *name, const asldot_doc_node *st)
{
    for (size_t k = 0; k < sizeof exclusive / sizeof exclusive[0]; k++) {
        const asldot_doc_node *a = asldot_doc_get(st, exclusive[k][0]);
        const asldot_doc_node *b = asldot_doc_get(st, exclusive[k][1]);
        if (a != NULL && b != NULL)
            asldot_vreport(c, ASLDOT_SEV_ERROR, "mutually-exclusive", b, 1,
                           "state \"%s\" cannot have both \"%s\" and \"%s\"", name, exclusive[k][0],
                           exclusive[k][1]);
    }
}

static void check_wait(asldot_vctx *c, const char *name, const asldot_doc_node *st)
{
    static const char *const opts[] = {"Seconds", "SecondsPath", "Timestamp", "TimestampPath"};
    const asldot_doc_node *first = NULL;
    for (size_t k = 0; k < 4; k++) {
        const asldot_doc_node *f = asldot_doc_get(st, opts[k]);
        if (f == NULL)
            continue;
        if (first != NULL)
            asldot_vreport(c, ASLDOT_SEV_ERROR, "mutually-exclusive", f, 1,
                           "state \"%s\" cannot have both \"%s\" and \"%s\"", name, first->key,
                           opts[k]);
        else
            first = f;
    }
    if (first == NULL)
        asldot_vreport(c, ASLDOT_SEV_ERROR, "missing-field", st, 1,
                       "state \"%s\" needs one of \"Seconds\", \"SecondsPath\", \"Timestamp\", "
                       "\"TimestampPath\"",
                       name);
}

static void check_next_end(asldot_vctx *c, const char *name, asldot_state_type t,
                           const asldot_doc_node *st)
{
    const asldot_doc_node *next = asldot_doc_get(st, "Next");
    const asldot_doc_node *end = asldot_doc_get(st, "End");
    int is_end = end != NULL && end->kind == ASLDOT_DOC_BOOL && end->boolean;
    if (!(TY(t) & T_FLOW)) {
        const char *what = t == ASLDOT_STATE_CHOICE ? "a Choice state" : "a terminal state";
        if (next != NULL)
            asldot_vreport(c, ASLDOT_SEV_ERROR, "field-not-allowed", next, 1,
                           "state \"%s\" is %s and cannot have \"Next\"", name, what);
        if (end != NULL)
            asldot_vreport(c, ASLDOT_SEV_ERROR, "field-not-allowed", end, 1,
                           "state \"%s\" is %s and cannot have \"End\"", name, what);
        return;
    }
    if (next != NULL && is_end)
        asldot_vreport(c, ASLDOT_SEV_ERROR, "next-and-end", end, 1,
                       "state \"%s\" has both \"Next\" and \"End\"", name);
    else if (next == NULL && end != NULL && end->kind == ASLDOT_DOC_BOOL && !is_end)
        asldot_vreport(c, ASLDOT_SEV_ERROR, "missing-next-or-end", end, 1,
                       "state \"%s\" has \"End\": false and no \"Next\"", name);
    else if (next == NULL && end == NULL)
        asldot_vreport(c, ASLDOT_SEV_ERROR, "missing-next-or-end", st, 1,
                       "state \"%s\" needs \"Next\" or \"End\": true", name);
}

static void check_required(asldot_vctx *c, const char *name, asldot_state_type t,
                           const asldot_doc_node *st)
{
    const char *req = NULL;
    switch (t) {
    case ASLDOT_STATE_TASK:
        req = "Resource";
        break;
    case ASLDOT_STATE_CHOICE:
        req = "Choices";
        break;
    case ASLDOT_STATE_PARALLEL:
        req = "Branches";
        break;
    case ASLDOT_STATE_WAIT:
        check_wait(c, name, st);
        break;
    case ASLDOT_STATE_MAP:
        if (asldot_doc_get(st, "ItemProcessor") == NULL && asldot_doc_get(st, "Iterator") == NULL)
            asldot_vreport(c, ASLDOT_SEV_ERROR, "missing-field", st, 1,
                           "Map state \"%s\" has no \"ItemProcessor\" (or \"Iterator\")", name);
        break;
    default:
        break;
    }
    if (req != NULL && asldot_doc_get(st, req) == NULL)
        asldot_vreport(c, ASLDOT_SEV_ERROR, "missing-field", st, 1, "%s state \"%s\" has no \"%s\"",
                       type_name(t), name, req);
}

static void check_heartbeat(asldot_vctx *c, const char *name, const asldot_doc_node *st)
{
    const asldot_doc_node *hb = asldot_doc_get(st, "HeartbeatSeconds");
    const asldot_doc_node *to = asldot_doc_get(st, "TimeoutSeconds");
    if (hb != NULL && to != NULL && hb->kind == ASLDOT_DOC_NUMBER &&
        to->kind == ASLDOT_DOC_NUMBER && hb->num >= to->num)
        asldot_vreport(c, ASLDOT_SEV_ERROR, "number-out-of-range", hb, 0,
                       "state \"%s\" field \"HeartbeatSeconds\" (%s) must be less than "
                       "\"TimeoutSeconds\" (%s)",
                       name, hb->str ? hb->str : "?", to->str ? to->str : "?");
}

static void check_parallel(asldot_vctx *c, const char *name, const asldot_doc_node *st)
{
    const asldot_doc_node *br = asldot_doc_get(st, "Branches");
    if (br == NULL)
        return;
    if (br->kind != ASLDOT_DOC_ARRAY) {
        wrong_type(c, name, br, "an array");
        return;
    }
    if (br->count == 0)
        asldot_vreport(c, ASLDOT_SEV_ERROR, "empty-branches", br, 1,
                       "Parallel state \"%s\" has an empty \"Branches\"", name);
    for (size_t i = 0; i < br->count; i++) {
        char owner[200];
        const asldot_doc_node *b = br->items[i];
        (void)snprintf(owner, sizeof owner, "branch %zu of state \"%.120s\"", i + 1, name);
        if (b->kind != ASLDOT_DOC_OBJECT)
            asldot_vreport(c, ASLDOT_SEV_ERROR, "wrong-type", b, 0,
                           "%s must be an object with \"StartAt\" and \"States\", not %s", owner,
                           asldot_doc_kind_name(b->kind));
        else
            asldot_validate_scope_object(c, owner, b, "branch");
    }
}

static void report_misplaced(asldot_vctx *c, const char *name, asldot_state_type t,
                             const asldot_doc_node *f, int jsonata)
{
    const field_spec *sp = find_field(f);
    if (sp == NULL) {
        asldot_vreport(c, ASLDOT_SEV_ERROR, "unknown-field", f, 1,
                       "state \"%s\" has unknown field \"%s\"", name, f->key ? f->key : "");
        return;
    }
    if (!(sp->types & TY(t))) {
        if (asldot_vkey_is(f, "Next") || asldot_vkey_is(f, "End"))
            return; /* check_next_end says it better */
        asldot_vreport(c, ASLDOT_SEV_ERROR, "field-not-allowed", f, 1,
                       "%s state \"%s\" cannot have \"%s\"", type_name(t), name, sp->name);
        return;
    }
    if (jsonata && sp->mode == M_JSONPATH) {
        asldot_vreport(c, ASLDOT_SEV_ERROR, "jsonpath-field-in-jsonata", f, 1,
                       "state \"%s\" uses JSONata and cannot have the JSONPath field \"%s\"%s%s",
                       name, sp->name, sp->jsonata_hint ? "; " : "",
                       sp->jsonata_hint ? sp->jsonata_hint : "");
    } else if (!jsonata && sp->mode == M_JSONATA) {
        asldot_vreport(c, ASLDOT_SEV_ERROR, "jsonata-field-in-jsonpath", f, 1,
                       "state \"%s\" uses JSONPath and cannot have the JSONata field \"%s\" "
                       "(set \"QueryLanguage\": \"JSONata\")",
                       name, sp->name);
    }
}

void asldot_validate_state_fields(asldot_vctx *c, const char *name, const asldot_doc_node *st)
{
    const asldot_doc_node *type = asldot_doc_get(st, "Type");
    asldot_state_type t;
    int jsonata = asldot_vstate_jsonata(c, st);
    if (type == NULL) {
        asldot_vreport(c, ASLDOT_SEV_ERROR, "missing-field", st, 1, "state \"%s\" has no \"Type\"",
                       name);
        return;
    }
    if (type->kind != ASLDOT_DOC_STRING) {
        wrong_type(c, name, type, "a string");
        return;
    }
    t = asldot_state_type_parse(type->str);
    if (t == ASLDOT_STATE_UNKNOWN) {
        asldot_vreport(c, ASLDOT_SEV_ERROR, "unknown-state-type", type, 0,
                       "state \"%s\" has unknown type \"%.60s\" (expected Task, Pass, Choice, "
                       "Wait, Succeed, Fail, Parallel or Map)",
                       name, type->str);
        return;
    }
    for (size_t i = 0; i < st->count; i++) {
        const asldot_doc_node *f = st->items[i];
        const field_spec *sp = find_field(f);
        if (sp == NULL || !(sp->types & TY(t)) || (jsonata && sp->mode == M_JSONPATH) ||
            (!jsonata && sp->mode == M_JSONATA)) {
            report_misplaced(c, name, t, f, jsonata);
            continue;
        }
        check_field(c, name, sp, f, jsonata);
    }
    check_required(c, name, t, st);
    check_next_end(c, name, t, st);
    check_exclusive(c, name, st);
    if (t == ASLDOT_STATE_TASK)
        check_heartbeat(c, name, st);
    else if (t == ASLDOT_STATE_PARALLEL)
        check_parallel(c, name, st);
    else if (t == ASLDOT_STATE_MAP)
        asldot_validate_map_fields(c, name, st, jsonata);
    if (jsonata) {
        for (size_t i = 0; i < st->count; i++) {
            const asldot_doc_node *f = st->items[i];
            if (asldot_vkey_is(f, "Branches") || asldot_vkey_is(f, "ItemProcessor") ||
                asldot_vkey_is(f, "Iterator"))
                continue;
            asldot_validate_jsonata_strings(c, name, f, 0);
        }
    }
}
