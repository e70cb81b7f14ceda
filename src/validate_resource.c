/*
 * validate_resource.c: the Task "Resource" ARN. Lambda function ARNs must name a function and
 * an optional version or alias ($LATEST or [A-Za-z0-9_-]+); optimized integrations
 * (arn:<partition>:states:::<service>:<action>) of services whose action list is small and
 * stable must name one of those actions (SDK integrations go through "aws-sdk:" instead).
 * Templated values (CloudFormation "${...}", Terraform, JSONata) are left alone.
 */
#include "validate.h"

#include <string.h>

typedef struct integration {
    const char *service;
    const char *actions[5];
} integration;

static const integration integrations[] = {
    {"dynamodb", {"getItem", "putItem", "updateItem", "deleteItem", NULL}},
    {"sns", {"publish", NULL}},
    {"sqs", {"sendMessage", NULL}},
    {"lambda", {"invoke", NULL}},
    {"states", {"startExecution", NULL}},
    {"events", {"putEvents", NULL}},
};

static int is_qualifier_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_';
}

static int all_chars(const char *s, size_t n)
{
    if (n == 0)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!is_qualifier_char(s[i]))
            return 0;
    return 1;
}

/* Splits s at ':' into at most max parts; returns the number of parts. */
static size_t split(const char *s, size_t n, const char **parts, size_t *lens, size_t max)
{
    size_t k = 0, st = 0;
    for (size_t i = 0; i <= n && k < max; i++) {
        if (i == n || s[i] == ':') {
            parts[k] = s + st;
            lens[k] = i - st;
            k++;
            st = i + 1;
        }
    }
    return k;
}

static int eq(const char *s, size_t n, const char *lit)
{
    return strlen(lit) == n && memcmp(s, lit, n) == 0;
}

static void check_lambda(asldot_vctx *c, const char *name, const asldot_doc_node *n, const char **p,
                         const size_t *l, size_t k)
{
    if (k < 7 || !eq(p[5], l[5], "function"))
        return;
    if (!all_chars(p[6], l[6])) {
        asldot_vreport(c, ASLDOT_SEV_ERROR, "invalid-resource", n, 0,
                       "state \"%s\" field \"Resource\": invalid Lambda function name in "
                       "\"%.120s\"",
                       name, n->str);
        return;
    }
    if (k == 8 && !eq(p[7], l[7], "$LATEST") && !all_chars(p[7], l[7]))
        asldot_vreport(c, ASLDOT_SEV_ERROR, "invalid-resource", n, 0,
                       "state \"%s\" field \"Resource\": the Lambda version or alias in "
                       "\"%.120s\" must be $LATEST or letters, digits, \"-\" and \"_\"",
                       name, n->str);
    else if (k > 8)
        asldot_vreport(c, ASLDOT_SEV_ERROR, "invalid-resource", n, 0,
                       "state \"%s\" field \"Resource\": too many \":\" parts in Lambda ARN "
                       "\"%.120s\"",
                       name, n->str);
}

static void check_integration(asldot_vctx *c, const char *name, const asldot_doc_node *n,
                              const char *rest, size_t len)
{
    const char *colon = memchr(rest, ':', len);
    size_t slen, alen;
    const char *action;
    if (colon == NULL)
        return;
    slen = (size_t)(colon - rest);
    action = colon + 1;
    alen = len - slen - 1;
    /* drop the integration pattern suffix */
    for (size_t i = 0; i < alen; i++) {
        if (action[i] == '.') {
            alen = i;
            break;
        }
    }
    for (size_t k = 0; k < sizeof integrations / sizeof integrations[0]; k++) {
        const integration *in = &integrations[k];
        if (!eq(rest, slen, in->service))
            continue;
        for (size_t a = 0; in->actions[a] != NULL; a++)
            if (eq(action, alen, in->actions[a]))
                return;
        asldot_vreport(c, ASLDOT_SEV_ERROR, "invalid-resource", n, 0,
                       "state \"%s\" field \"Resource\": \"%.120s\" is not a known %s "
                       "integration (use \"arn:aws:states:::aws-sdk:%s:%.*s\" for the SDK "
                       "action)",
                       name, n->str, in->service, in->service, (int)alen, action);
        return;
    }
}

void asldot_validate_resource(asldot_vctx *c, const char *name, const asldot_doc_node *n)
{
    const char *p[9];
    size_t l[9], k;
    const char *s = n->str;
    size_t len = n->str_len;
    if (s == NULL || len < 4 || memcmp(s, "arn:", 4) != 0)
        return;
    if (strstr(s, "${") != NULL || strstr(s, "#{") != NULL || strstr(s, "{{") != NULL ||
        strstr(s, "{%") != NULL)
        return;
    k = split(s, len, p, l, 9);
    if (k < 6)
        return;
    if (eq(p[2], l[2], "lambda")) {
        check_lambda(c, name, n, p, l, k);
    } else if (eq(p[2], l[2], "states") && l[3] == 0 && l[4] == 0) {
        const char *rest = p[5];
        check_integration(c, name, n, rest, len - (size_t)(rest - s));
    }
}
