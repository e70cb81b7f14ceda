/*
 * describe.c: the words on the diagram. Pure functions from model fields and document nodes to
 * short plain UTF-8 text ("Lambda · Invoke", "wait 1m 30s", "$.amount > 100"). Nothing here
 * fails on odd input: a field of the wrong type is skipped or shown as written, long text is cut
 * on a character boundary with "…", and control characters never reach the output (lines are
 * separated by '\n' only where this file puts one). The only errors are out-of-memory.
 */
#include "describe.h"
#include "alloc.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define SEP      " \xC2\xB7 "   /* " · " */
#define ELLIPSIS "\xE2\x80\xA6" /* "…" */
#define RETRY    "\xE2\x86\xBB" /* "↻" */
#define TIMES    "\xC3\x97"     /* "×" */

/* Free text (names, paths, expressions, placeholders) is cut to this many characters. */
#define FIELD_MAX_CHARS 40
/* Lists (error names, assigned variables) show this many entries, then "+N more". */
#define LIST_MAX_ITEMS 3
/* And/Or/Not deeper than this are shown as "…" (the document layer limits depth as well). */
#define CONDITION_MAX_DEPTH 64

#define TRY(expr)                                                                                  \
    do {                                                                                           \
        asldot_status try_st_ = (expr);                                                            \
        if (try_st_ != ASLDOT_OK)                                                                  \
            return try_st_;                                                                        \
    } while (0)

/* ------------------------------------------------------------------ document helpers */

/* A local lookup keeps this file independent of the document parser (hand-built trees work). */
static const asldot_doc_node *member(const asldot_doc_node *obj, const char *key)
{
    size_t klen;
    if (obj == NULL || obj->kind != ASLDOT_DOC_OBJECT || key == NULL)
        return NULL;
    klen = strlen(key);
    for (size_t i = 0; i < obj->count; i++) {
        const asldot_doc_node *m = obj->items[i];
        if (m != NULL && m->key != NULL && m->key_len == klen && memcmp(m->key, key, klen) == 0)
            return m;
    }
    return NULL;
}

static const char *str_of(const asldot_doc_node *n)
{
    return n != NULL && n->kind == ASLDOT_DOC_STRING && n->str != NULL ? n->str : NULL;
}

static const char *member_str(const asldot_doc_node *obj, const char *key)
{
    return str_of(member(obj, key));
}

static int is_number(const asldot_doc_node *n)
{
    return n != NULL && n->kind == ASLDOT_DOC_NUMBER && isfinite(n->num);
}

static int is_one(const asldot_doc_node *n)
{
    return is_number(n) && n->num == 1;
}

/* ------------------------------------------------------------------ text helpers */

static int is_space_or_ctl(unsigned char c)
{
    return c <= 0x20 || c == 0x7f;
}

/*
 * Appends s[0..n) as one line: control characters become spaces. With squeeze, runs of white
 * space collapse to one space and both ends are trimmed (expressions written over many lines).
 */
static asldot_status put_clean(asldot_buf *out, const char *s, size_t n, int squeeze)
{
    size_t i = 0, start;
    if (squeeze) {
        while (n > 0 && is_space_or_ctl((unsigned char)s[n - 1]))
            n--;
        while (i < n && is_space_or_ctl((unsigned char)s[i]))
            i++;
    }
    start = i;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (!is_space_or_ctl(c) || (c == ' ' && !squeeze)) {
            i++;
            continue;
        }
        /* a control character, or (squeezing) the start of a run of white space */
        TRY(asldot_buf_put(out, s + start, i - start));
        TRY(asldot_buf_putc(out, ' '));
        i++;
        while (squeeze && i < n && is_space_or_ctl((unsigned char)s[i]))
            i++;
        start = i;
    }
    return asldot_buf_put(out, s + start, i - start);
}

static size_t utf8_chars(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            c++;
    return c;
}

/* Appends s[0..n), cut to max_chars characters (0: no limit) ending in "…" when cut. */
static asldot_status put_cut(asldot_buf *out, const char *s, size_t n, size_t max_chars)
{
    size_t keep = 0, chars = 0;
    if (max_chars == 0 || utf8_chars(s, n) <= max_chars)
        return asldot_buf_put(out, s, n);
    /* keep max_chars - 1 characters, never splitting a UTF-8 sequence, then the ellipsis */
    while (keep < n) {
        if (((unsigned char)s[keep] & 0xC0) != 0x80) {
            if (chars == max_chars - 1)
                break;
            chars++;
        }
        keep++;
    }
    while (keep > 0 && s[keep - 1] == ' ')
        keep--;
    TRY(asldot_buf_put(out, s, keep));
    return asldot_buf_puts(out, ELLIPSIS);
}

/* Appends s[0..n) cleaned (see put_clean) and cut to max_chars characters (0: no limit). */
static asldot_status put_text(asldot_buf *out, const char *s, size_t n, int squeeze,
                              size_t max_chars)
{
    asldot_buf tmp = ASLDOT_BUF_INIT;
    asldot_status st;
    if (s == NULL)
        return ASLDOT_OK;
    if (max_chars == 0)
        return put_clean(out, s, n, squeeze);
    st = put_clean(&tmp, s, n, squeeze);
    if (st == ASLDOT_OK)
        st = put_cut(out, asldot_buf_cstr(&tmp), tmp.len, max_chars);
    asldot_buf_free(&tmp);
    return st;
}

/* A field's text on one line, trimmed and cut to FIELD_MAX_CHARS. */
static asldot_status put_field(asldot_buf *out, const char *s)
{
    return s ? put_text(out, s, strlen(s), 1, FIELD_MAX_CHARS) : ASLDOT_OK;
}

static asldot_status put_span_field(asldot_buf *out, const char *s, size_t n)
{
    return put_text(out, s, n, 1, FIELD_MAX_CHARS);
}

static asldot_status newline(asldot_buf *out)
{
    return asldot_buf_putc(out, '\n');
}

/* A number as its source text when known (keeps "1e3" or "100.50" as written), else %g. */
static asldot_status put_number(asldot_buf *out, const asldot_doc_node *n)
{
    if (n->str != NULL && n->str[0] != '\0')
        return put_field(out, n->str);
    if (!isfinite(n->num))
        return asldot_buf_puts(out, "?");
    return asldot_buf_printf(out, "%.15g", n->num);
}

/* An integral count as digits ("10"), anything else as put_number shows it. */
static asldot_status put_count(asldot_buf *out, const asldot_doc_node *n)
{
    if (is_number(n) && n->num == floor(n->num) && fabs(n->num) < 1e15)
        return asldot_buf_printf(out, "%.0f", n->num);
    return put_number(out, n);
}

/* A number field (count) or its string form (a JSONata expression) as written; 0 if neither. */
static asldot_status put_value_field(asldot_buf *out, const asldot_doc_node *n, int *shown)
{
    *shown = 0;
    if (is_number(n)) {
        *shown = 1;
        return put_count(out, n);
    }
    if (str_of(n) != NULL) {
        *shown = 1;
        return put_field(out, n->str);
    }
    return ASLDOT_OK;
}

/* ------------------------------------------------------------------ Task resources */

typedef struct span {
    const char *p;
    size_t n;
} span;

static int span_is(span s, const char *lit)
{
    size_t n = strlen(lit);
    return s.n == n && memcmp(s.p, lit, n) == 0;
}

static int span_starts(span s, const char *lit)
{
    size_t n = strlen(lit);
    return s.n >= n && memcmp(s.p, lit, n) == 0;
}

static span span_trim(const char *s)
{
    span r = {s, strlen(s)};
    while (r.n > 0 && is_space_or_ctl((unsigned char)r.p[0])) {
        r.p++;
        r.n--;
    }
    while (r.n > 0 && is_space_or_ctl((unsigned char)r.p[r.n - 1]))
        r.n--;
    return r;
}

/* Splits the first ':'-separated segment off *rest; a "${...}" placeholder may hold colons
 * ("arn:${AWS::Partition}:states:::..."). Returns 0 when no ':' follows the segment. */
static int take_segment(span *rest, span *seg)
{
    const char *p = rest->p, *end = rest->p + rest->n;
    while (p < end && *p != ':') {
        if (*p == '$' && p + 1 < end && p[1] == '{') {
            const char *close = memchr(p, '}', (size_t)(end - p));
            if (close != NULL) {
                p = close + 1;
                continue;
            }
        }
        p++;
    }
    seg->p = rest->p;
    seg->n = (size_t)(p - rest->p);
    if (p == end)
        return 0;
    rest->p = p + 1;
    rest->n = (size_t)(end - rest->p);
    return 1;
}

/* Splits at the first occurrence of c: head before it, *s keeps what follows (or empty). */
static span take_until(span *s, char c)
{
    const char *at = s->n ? memchr(s->p, c, s->n) : NULL;
    span head = *s;
    if (at == NULL) {
        s->p += s->n;
        s->n = 0;
        return head;
    }
    head.n = (size_t)(at - s->p);
    s->n -= head.n + 1;
    s->p = at + 1;
    return head;
}

static const char *const service_names[][2] = {
    {"lambda", "Lambda"},
    {"s3", "S3"},
    {"dynamodb", "DynamoDB"},
    {"sqs", "SQS"},
    {"sns", "SNS"},
    {"ecs", "ECS"},
    {"eks", "EKS"},
    {"batch", "Batch"},
    {"glue", "Glue"},
    {"athena", "Athena"},
    {"sagemaker", "SageMaker"},
    {"states", "Step Functions"},
    {"sfn", "Step Functions"},
    {"events", "EventBridge"},
    {"eventbridge", "EventBridge"},
    {"scheduler", "EventBridge Scheduler"},
    {"codebuild", "CodeBuild"},
    {"codepipeline", "CodePipeline"},
    {"apigateway", "API Gateway"},
    {"bedrock", "Bedrock"},
    {"bedrock-agent", "Bedrock Agents"},
    {"bedrockagent", "Bedrock Agents"},
    {"emr-containers", "EMR"},
    {"elasticmapreduce", "EMR"},
    {"emr", "EMR"},
    {"emr-serverless", "EMR Serverless"},
    {"emrserverless", "EMR Serverless"},
    {"databrew", "Glue DataBrew"},
    {"mediaconvert", "MediaConvert"},
    {"http", "HTTP"},
    {"transcribe", "Transcribe"},
    {"translate", "Translate"},
    {"comprehend", "Comprehend"},
    {"rekognition", "Rekognition"},
    {"textract", "Textract"},
    {"polly", "Polly"},
    {"rds", "RDS"},
    {"ec2", "EC2"},
    {"iam", "IAM"},
    {"sts", "STS"},
    {"kms", "KMS"},
    {"ssm", "Systems Manager"},
    {"secretsmanager", "Secrets Manager"},
    {"cloudwatch", "CloudWatch"},
    {"logs", "CloudWatch Logs"},
    {"cloudformation", "CloudFormation"},
    {"kinesis", "Kinesis"},
    {"firehose", "Firehose"},
    {"ses", "SES"},
    {"sesv2", "SES"},
    {"config", "Config"},
    {"appflow", "AppFlow"},
    {"lookoutvision", "Lookout for Vision"},
    {"redshiftdata", "Redshift Data"},
    {"redshift", "Redshift"},
    {"ecr", "ECR"},
    {"route53", "Route 53"},
    {"organizations", "Organizations"},
};

static asldot_status put_service(asldot_buf *out, span svc)
{
    for (size_t i = 0; i < sizeof service_names / sizeof service_names[0]; i++)
        if (span_is(svc, service_names[i][0]))
            return asldot_buf_puts(out, service_names[i][1]);
    return put_span_field(out, svc.p, svc.n);
}

/* "putItem" -> "PutItem": the action as the service's API reference spells it. */
static asldot_status put_action(asldot_buf *out, span action)
{
    asldot_buf tmp = ASLDOT_BUF_INIT;
    asldot_status st = put_span_field(&tmp, action.p, action.n);
    if (st == ASLDOT_OK && tmp.len > 0) {
        if (tmp.data[0] >= 'a' && tmp.data[0] <= 'z')
            tmp.data[0] = (char)(tmp.data[0] - 'a' + 'A');
        st = asldot_buf_put(out, tmp.data, tmp.len);
    }
    asldot_buf_free(&tmp);
    return st;
}

/* ".sync", ".sync:2" -> "run job"; ".waitForTaskToken" -> "wait for callback". */
static asldot_status put_pattern(asldot_buf *out, span pattern)
{
    if (span_is(pattern, "sync") || span_starts(pattern, "sync:"))
        return asldot_buf_puts(out, "run job");
    if (span_is(pattern, "waitForTaskToken"))
        return asldot_buf_puts(out, "wait for callback");
    return put_span_field(out, pattern.p, pattern.n);
}

/*
 * What a placeholder refers to: "${aws_lambda_function.charge.arn}" (Terraform) gives the type
 * "aws_lambda_function" and the name "charge"; "${ChargeFn.Arn}" or "${ChargeFn}" (CloudFormation)
 * gives no type and the name "ChargeFn". Returns 0 when s is not one whole placeholder.
 */
static int placeholder_ref(span s, span *type, span *name)
{
    span in, first, second;
    type->n = 0;
    type->p = s.p;
    if (s.n < 4 || !span_starts(s, "${") || s.p[s.n - 1] != '}' ||
        memchr(s.p + 2, '{', s.n - 3) != NULL)
        return 0;
    in.p = s.p + 2;
    in.n = s.n - 3;
    first = take_until(&in, '.');
    if (first.n > 4 && memcmp(first.p, "aws_", 4) == 0 && in.n > 0) {
        second = take_until(&in, '.');
        *type = first;
        *name = second;
        return second.n > 0;
    }
    *name = first;
    return first.n > 0;
}

/*
 * The short name of a Lambda function as written in FunctionName: the name segment of a full or
 * partial ARN ("arn:...:function:my-fn:prod", "123456789012:function:my-fn") or of "my-fn:alias",
 * without version or alias. Placeholders ("${MyFn}") are kept whole.
 */
static span function_short_name(const char *fn)
{
    span s = span_trim(fn), name;
    const char *f = NULL;
    for (const char *p = s.p; (size_t)(p - s.p) + 9 <= s.n; p++)
        if (memcmp(p, "function:", 9) == 0)
            f = p;
    if (f != NULL) {
        span rest = {f + 9, s.n - (size_t)(f + 9 - s.p)};
        name = take_until(&rest, ':');
        return name.n ? name : s;
    }
    if (span_starts(s, "${")) { /* "${Fn.Arn}" names Fn; a bare "${Name}" stays what it is */
        span type;
        return placeholder_ref(s, &type, &name) && memchr(s.p, '.', s.n) != NULL ? name : s;
    }
    name = take_until(&s, ':');
    return name.n ? name : span_trim(fn);
}

/* Plain FunctionName of a lambda:invoke Task (Parameters, or JSONata Arguments), or NULL. */
static const char *invoke_function_name(const asldot_doc_node *state)
{
    const char *fn = member_str(member(state, "Parameters"), "FunctionName");
    if (fn == NULL)
        fn = member_str(member(state, "Arguments"), "FunctionName");
    if (fn == NULL)
        return NULL;
    span t = span_trim(fn);
    if (t.n == 0 || span_starts(t, "{%"))
        return NULL; /* an expression: not a name to show */
    return fn;
}

/*
 * The resource a service integration acts on, when its field is a placeholder for a resource the
 * template declares (the source layer's hint) or a Terraform reference of the right type:
 * "SQS · SendMessage · ApprovalQueue" for QueueUrl: !Ref ApprovalQueue. Literal ARNs and URLs are
 * left out (they say what they say in the definition; the box stays short).
 */
typedef struct integration_target {
    const char *service, *action_prefix, *field, *cfn_type, *cfn_type2, *tf_type;
} integration_target;

static const integration_target targets[] = {
    {"sqs", "sendMessage", "QueueUrl", "AWS::SQS::Queue", NULL, "aws_sqs_queue"},
    {"sns", "publish", "TopicArn", "AWS::SNS::Topic", NULL, "aws_sns_topic"},
    {"ecs", "runTask", "TaskDefinition", "AWS::ECS::TaskDefinition", NULL,
     "aws_ecs_task_definition"},
    {"states", "startExecution", "StateMachineArn", "AWS::StepFunctions::StateMachine",
     "AWS::Serverless::StateMachine", "aws_sfn_state_machine"},
    {"dynamodb", "", "TableName", "AWS::DynamoDB::Table", "AWS::Serverless::SimpleTable",
     "aws_dynamodb_table"},
};

static int hint_is(const char *hint, const char *type)
{
    return hint != NULL && type != NULL && strcmp(hint, type) == 0;
}

static asldot_status put_target(asldot_buf *out, span svc, span action,
                                const asldot_doc_node *state)
{
    for (size_t i = 0; state != NULL && i < sizeof targets / sizeof targets[0]; i++) {
        const integration_target *t = &targets[i];
        const asldot_doc_node *f;
        span raw, type, name;
        if (!span_is(svc, t->service) || !span_starts(action, t->action_prefix))
            continue;
        f = member(member(state, "Parameters"), t->field);
        if (f == NULL)
            f = member(member(state, "Arguments"), t->field);
        if (f == NULL || f->kind != ASLDOT_DOC_STRING || f->str == NULL)
            return ASLDOT_OK;
        raw = span_trim(f->str);
        if (!placeholder_ref(raw, &type, &name))
            return ASLDOT_OK;
        if (!(type.n ? span_is(type, t->tf_type)
                     : hint_is(f->hint, t->cfn_type) || hint_is(f->hint, t->cfn_type2)))
            return ASLDOT_OK;
        TRY(asldot_buf_puts(out, SEP));
        return put_span_field(out, name.p, name.n);
    }
    return ASLDOT_OK;
}

static asldot_status put_unparsed(asldot_buf *out, span raw)
{
    TRY(asldot_buf_puts(out, "Task"));
    if (raw.n == 0)
        return ASLDOT_OK;
    TRY(asldot_buf_puts(out, SEP));
    return put_span_field(out, raw.p, raw.n);
}

/* "states" ARN resource part: "[aws-sdk:]svc:action[.pattern]" or "activity:name". */
static asldot_status put_states_resource(asldot_buf *out, span raw, span rest,
                                         const asldot_doc_node *state)
{
    span svc, action, pattern;
    if (span_starts(rest, "activity:")) {
        span name = {rest.p + 9, rest.n - 9};
        TRY(asldot_buf_puts(out, "Activity"));
        if (name.n == 0)
            return ASLDOT_OK;
        TRY(asldot_buf_puts(out, SEP));
        return put_span_field(out, name.p, name.n);
    }
    if (span_starts(rest, "aws-sdk:")) {
        rest.p += 8;
        rest.n -= 8;
    }
    if (!take_segment(&rest, &svc) || svc.n == 0)
        return put_unparsed(out, raw);
    action = take_until(&rest, '.');
    pattern = rest;
    if (action.n == 0)
        return put_unparsed(out, raw);
    TRY(put_service(out, svc));
    TRY(asldot_buf_puts(out, SEP));
    TRY(put_action(out, action));
    if (span_is(svc, "lambda") && span_is(action, "invoke") && state != NULL) {
        const char *fn = invoke_function_name(state);
        if (fn != NULL) {
            span name = function_short_name(fn);
            TRY(asldot_buf_puts(out, SEP));
            TRY(put_span_field(out, name.p, name.n));
        }
    } else {
        TRY(put_target(out, svc, action, state));
    }
    if (pattern.n > 0) {
        TRY(asldot_buf_puts(out, SEP));
        TRY(put_pattern(out, pattern));
    }
    return ASLDOT_OK;
}

/* A Resource that is a placeholder for a function or activity declared beside the machine
 * (the source layer's hint, or a Terraform reference's type): "Lambda · Invoke · ChargeFn". */
static asldot_status put_placeholder_resource(asldot_buf *out, span raw,
                                              const asldot_doc_node *state)
{
    const asldot_doc_node *r = member(state, "Resource");
    const char *hint = r != NULL ? r->hint : NULL;
    span type, name;
    int lambda, activity;
    if (!placeholder_ref(raw, &type, &name))
        return put_unparsed(out, raw);
    lambda = span_is(type, "aws_lambda_function") ||
             (hint != NULL && (strcmp(hint, "AWS::Lambda::Function") == 0 ||
                               strcmp(hint, "AWS::Serverless::Function") == 0));
    activity = span_is(type, "aws_sfn_activity") ||
               (hint != NULL && strcmp(hint, "AWS::StepFunctions::Activity") == 0);
    if (!lambda && !activity)
        return put_unparsed(out, raw);
    TRY(asldot_buf_puts(out, lambda ? "Lambda" SEP "Invoke" SEP : "Activity" SEP));
    return put_span_field(out, name.p, name.n);
}

static asldot_status describe_resource(asldot_buf *out, const char *resource,
                                       const asldot_doc_node *state)
{
    span raw, rest, partition, service, region, account;
    if (resource == NULL)
        return asldot_buf_puts(out, "Task");
    raw = span_trim(resource);
    if (span_starts(raw, "${"))
        return put_placeholder_resource(out, raw, state);
    if (!span_starts(raw, "arn:"))
        return put_unparsed(out, raw);
    rest.p = raw.p + 4;
    rest.n = raw.n - 4;
    if (!take_segment(&rest, &partition) || !take_segment(&rest, &service) ||
        !take_segment(&rest, &region) || !take_segment(&rest, &account))
        return put_unparsed(out, raw);
    if (span_is(service, "states"))
        return put_states_resource(out, raw, rest, state);
    if (span_is(service, "lambda") && span_starts(rest, "function:")) {
        span name = {rest.p + 9, rest.n - 9};
        name = take_until(&name, ':');
        if (name.n == 0)
            return put_unparsed(out, raw);
        TRY(asldot_buf_puts(out, "Lambda" SEP));
        return put_span_field(out, name.p, name.n);
    }
    return put_unparsed(out, raw);
}

asldot_status asldot_describe_resource(asldot_buf *out, const char *resource)
{
    if (out == NULL)
        return ASLDOT_ERR_ARGS;
    return describe_resource(out, resource, NULL);
}

/* ------------------------------------------------------------------ Wait, Fail */

/* 30 -> "30s", 90 -> "1m 30s", 7380 -> "2h 03m", 93600 -> "1d 02h". */
static asldot_status put_duration(asldot_buf *out, const asldot_doc_node *n)
{
    unsigned long long t;
    if (!(n->num >= 0) || n->num > 1e15 || n->num != floor(n->num)) {
        TRY(put_number(out, n));
        return asldot_buf_putc(out, 's');
    }
    t = (unsigned long long)n->num;
    if (t < 60)
        return asldot_buf_printf(out, "%llus", t);
    if (t < 3600)
        return t % 60 ? asldot_buf_printf(out, "%llum %02llus", t / 60, t % 60)
                      : asldot_buf_printf(out, "%llum", t / 60);
    if (t < 86400)
        return t % 3600 ? asldot_buf_printf(out, "%lluh %02llum", t / 3600, t % 3600 / 60)
                        : asldot_buf_printf(out, "%lluh", t / 3600);
    return t % 86400 ? asldot_buf_printf(out, "%llud %02lluh", t / 86400, t % 86400 / 3600)
                     : asldot_buf_printf(out, "%llud", t / 86400);
}

static asldot_status describe_wait(asldot_buf *out, const asldot_doc_node *node)
{
    const asldot_doc_node *secs = member(node, "Seconds");
    const char *s;
    if (is_number(secs)) {
        TRY(asldot_buf_puts(out, "wait "));
        return put_duration(out, secs);
    }
    if ((s = str_of(secs)) != NULL || (s = member_str(node, "SecondsPath")) != NULL) {
        TRY(asldot_buf_puts(out, "wait "));
        return put_field(out, s);
    }
    if ((s = member_str(node, "Timestamp")) != NULL ||
        (s = member_str(node, "TimestampPath")) != NULL) {
        TRY(asldot_buf_puts(out, "until "));
        return put_field(out, s);
    }
    return asldot_buf_puts(out, "Wait");
}

static asldot_status describe_fail(asldot_buf *out, const asldot_doc_node *node)
{
    const char *error = member_str(node, "Error"), *cause = member_str(node, "Cause");
    if (error == NULL)
        error = member_str(node, "ErrorPath");
    if (cause == NULL)
        cause = member_str(node, "CausePath");
    if (error == NULL && cause == NULL)
        return asldot_buf_puts(out, "Fail");
    if (error != NULL) {
        TRY(asldot_buf_puts(out, "Error: "));
        TRY(put_field(out, error));
    }
    if (cause != NULL) {
        if (error != NULL)
            TRY(newline(out));
        TRY(asldot_buf_puts(out, "Cause: "));
        TRY(put_field(out, cause));
    }
    return ASLDOT_OK;
}

/* ------------------------------------------------------------------ Assign, JSONata */

static asldot_status put_extras(asldot_buf *out, const asldot_state *s)
{
    const asldot_doc_node *assign = member(s->node, "Assign");
    if (assign != NULL && assign->kind == ASLDOT_DOC_OBJECT && assign->count > 0) {
        size_t shown = 0;
        TRY(newline(out));
        TRY(asldot_buf_puts(out, "assigns "));
        for (size_t i = 0; i < assign->count && shown < LIST_MAX_ITEMS; i++) {
            const asldot_doc_node *m = assign->items[i];
            if (shown > 0)
                TRY(asldot_buf_puts(out, ", "));
            TRY(asldot_buf_putc(out, '$'));
            if (m != NULL && m->key != NULL)
                TRY(put_span_field(out, m->key, m->key_len));
            shown++;
        }
        if (assign->count > shown)
            TRY(asldot_buf_printf(out, " +%zu more", assign->count - shown));
    }
    /* only a state that switches language itself says so: in a JSONata machine every state
     * would otherwise repeat it */
    const asldot_doc_node *ql = member(s->node, "QueryLanguage");
    if (s->jsonata && ql != NULL && ql->kind == ASLDOT_DOC_STRING) {
        TRY(newline(out));
        TRY(asldot_buf_puts(out, "JSONata"));
    }
    return ASLDOT_OK;
}

/* ------------------------------------------------------------------ states */

static asldot_status describe_container(asldot_buf *out, const asldot_state *s);

asldot_status asldot_describe_state(asldot_buf *out, const asldot_state *s)
{
    if (out == NULL || s == NULL)
        return ASLDOT_ERR_ARGS;
    switch (s->type) {
    case ASLDOT_STATE_TASK:
        TRY(describe_resource(out, member_str(s->node, "Resource"), s->node));
        break;
    case ASLDOT_STATE_WAIT:
        TRY(describe_wait(out, s->node));
        break;
    case ASLDOT_STATE_FAIL:
        TRY(describe_fail(out, s->node));
        break;
    case ASLDOT_STATE_PASS:
    case ASLDOT_STATE_SUCCEED:
    case ASLDOT_STATE_CHOICE:
        TRY(asldot_buf_puts(out, asldot_state_type_name(s->type)));
        break;
    case ASLDOT_STATE_PARALLEL:
    case ASLDOT_STATE_MAP:
        return describe_container(out, s);
    case ASLDOT_STATE_UNKNOWN:
    default:
        if (s->type_name != NULL && span_trim(s->type_name).n > 0)
            TRY(put_field(out, s->type_name));
        else
            TRY(asldot_buf_puts(out, "Unknown"));
        break;
    }
    return put_extras(out, s);
}

/* ------------------------------------------------------------------ Choice conditions */

typedef struct comparison {
    const char *name;
    const char *op;
    char kind; /* 's' string, 'n' numeric, 'b' boolean, 't' timestamp */
} comparison;

static const comparison comparisons[] = {
    {"StringEquals", "==", 's'},
    {"StringLessThan", "<", 's'},
    {"StringGreaterThan", ">", 's'},
    {"StringLessThanEquals", "<=", 's'},
    {"StringGreaterThanEquals", ">=", 's'},
    {"StringMatches", "matches", 's'},
    {"NumericEquals", "==", 'n'},
    {"NumericLessThan", "<", 'n'},
    {"NumericGreaterThan", ">", 'n'},
    {"NumericLessThanEquals", "<=", 'n'},
    {"NumericGreaterThanEquals", ">=", 'n'},
    {"BooleanEquals", "==", 'b'},
    {"TimestampEquals", "==", 't'},
    {"TimestampLessThan", "<", 't'},
    {"TimestampGreaterThan", ">", 't'},
    {"TimestampLessThanEquals", "<=", 't'},
    {"TimestampGreaterThanEquals", ">=", 't'},
};

typedef struct type_test {
    const char *name;
    const char *yes, *no;
} type_test;

static const type_test type_tests[] = {
    {"IsPresent", "is present", "is absent"},
    {"IsNull", "is null", "is not null"},
    {"IsString", "is a string", "is not a string"},
    {"IsNumeric", "is numeric", "is not numeric"},
    {"IsBoolean", "is a boolean", "is not a boolean"},
    {"IsTimestamp", "is a timestamp", "is not a timestamp"},
};

enum { CTX_TOP, CTX_OPERAND, CTX_NOT };

/* Any JSON value, short: strings quoted, numbers as written, containers elided. */
static asldot_status put_value(asldot_buf *out, const asldot_doc_node *v)
{
    switch (v->kind) {
    case ASLDOT_DOC_STRING:
        TRY(asldot_buf_putc(out, '"'));
        if (v->str != NULL) {
            /* quotes and backslashes inside are escaped as in JSON, so the value reads back */
            const char *p = v->str, *end = v->str + strlen(v->str);
            while (p < end) {
                size_t run = strcspn(p, "\"\\");
                TRY(put_clean(out, p, run, 0));
                p += run;
                if (p < end) {
                    TRY(asldot_buf_putc(out, '\\'));
                    TRY(asldot_buf_putc(out, *p++));
                }
            }
        }
        return asldot_buf_putc(out, '"');
    case ASLDOT_DOC_NUMBER:
        return put_number(out, v);
    case ASLDOT_DOC_BOOL:
        return asldot_buf_puts(out, v->boolean ? "true" : "false");
    case ASLDOT_DOC_ARRAY:
        return asldot_buf_puts(out, "[" ELLIPSIS "]");
    case ASLDOT_DOC_OBJECT:
        return asldot_buf_puts(out, "{" ELLIPSIS "}");
    case ASLDOT_DOC_NULL:
    default:
        return asldot_buf_puts(out, "null");
    }
}

static asldot_status put_operand_text(asldot_buf *out, const char *s)
{
    return put_clean(out, s, strlen(s), 1);
}

/* The comparison of one rule ("$.x > 1", "$.x is present"), or "?" when none is recognised. */
static asldot_status condition_compare(asldot_buf *out, const asldot_doc_node *rule)
{
    const char *var = member_str(rule, "Variable");
    if (var == NULL)
        return asldot_buf_putc(out, '?');
    for (size_t i = 0; i < rule->count; i++) {
        const asldot_doc_node *m = rule->items[i];
        if (m == NULL || m->key == NULL)
            continue;
        for (size_t k = 0; k < sizeof comparisons / sizeof comparisons[0]; k++) {
            const comparison *c = &comparisons[k];
            size_t n = strlen(c->name);
            int path;
            if (m->key_len == n && memcmp(m->key, c->name, n) == 0)
                path = 0;
            else if (m->key_len == n + 4 && memcmp(m->key, c->name, n) == 0 &&
                     memcmp(m->key + n, "Path", 4) == 0)
                path = 1;
            else
                continue;
            TRY(put_operand_text(out, var));
            TRY(asldot_buf_printf(out, " %s ", c->op));
            if (path && m->kind == ASLDOT_DOC_STRING && m->str != NULL)
                return put_operand_text(out, m->str);
            return put_value(out, m);
        }
        for (size_t k = 0; k < sizeof type_tests / sizeof type_tests[0]; k++) {
            const type_test *t = &type_tests[k];
            size_t n = strlen(t->name);
            if (m->key_len != n || memcmp(m->key, t->name, n) != 0)
                continue;
            TRY(put_operand_text(out, var));
            TRY(asldot_buf_putc(out, ' '));
            if (m->kind == ASLDOT_DOC_BOOL)
                return asldot_buf_puts(out, m->boolean ? t->yes : t->no);
            TRY(asldot_buf_puts(out, t->name));
            TRY(asldot_buf_putc(out, ' '));
            return put_value(out, m);
        }
    }
    return asldot_buf_putc(out, '?');
}

/*
 * Appends rule's condition. budget bounds the work: once out holds more than budget bytes the
 * rest is dropped (the caller cuts the text anyway), so a 5000-operand And stays cheap.
 */
static asldot_status condition(asldot_buf *out, const asldot_doc_node *rule, int ctx,
                               unsigned depth, size_t budget)
{
    const asldot_doc_node *v;
    if (rule == NULL || rule->kind != ASLDOT_DOC_OBJECT)
        return asldot_buf_putc(out, '?');
    if (depth >= CONDITION_MAX_DEPTH)
        return asldot_buf_puts(out, ELLIPSIS);
    if ((v = member(rule, "Condition")) != NULL) {
        if (v->kind == ASLDOT_DOC_STRING && v->str != NULL)
            return put_operand_text(out, v->str);
        return put_value(out, v);
    }
    if ((v = member(rule, "Not")) != NULL) {
        TRY(asldot_buf_puts(out, "not ("));
        TRY(condition(out, v, CTX_NOT, depth + 1, budget));
        return asldot_buf_putc(out, ')');
    }
    for (int is_and = 1; is_and >= 0; is_and--) {
        int parens;
        v = member(rule, is_and ? "And" : "Or");
        if (v == NULL)
            continue;
        if (v->kind != ASLDOT_DOC_ARRAY || v->count == 0)
            return asldot_buf_putc(out, '?');
        parens = is_and ? ctx != CTX_NOT : ctx == CTX_OPERAND;
        if (parens)
            TRY(asldot_buf_putc(out, '('));
        for (size_t i = 0; i < v->count; i++) {
            if (i > 0)
                TRY(asldot_buf_puts(out, is_and ? " and " : " or "));
            if (out->len > budget) {
                TRY(asldot_buf_puts(out, ELLIPSIS));
                break;
            }
            TRY(condition(out, v->items[i], CTX_OPERAND, depth + 1, budget));
        }
        if (parens)
            TRY(asldot_buf_putc(out, ')'));
        return ASLDOT_OK;
    }
    return condition_compare(out, rule);
}

asldot_status asldot_describe_condition(asldot_buf *out, const asldot_doc_node *rule,
                                        size_t max_chars)
{
    asldot_buf tmp = ASLDOT_BUF_INIT;
    asldot_status st;
    size_t budget = SIZE_MAX;
    if (out == NULL)
        return ASLDOT_ERR_ARGS;
    if (max_chars > 0 && max_chars < SIZE_MAX / 8)
        budget = max_chars * 4 + 16;
    st = condition(&tmp, rule, CTX_TOP, 0, budget);
    if (st == ASLDOT_OK)
        st = put_cut(out, asldot_buf_cstr(&tmp), tmp.len, max_chars);
    asldot_buf_free(&tmp);
    return st;
}

/* ------------------------------------------------------------------ sibling Choice labels */

static int by_text(const void *a, const void *b)
{
    return strcmp(**(const char *const *const *)a, **(const char *const *const *)b);
}

static size_t common_prefix(const char *a, const char *b)
{
    size_t n = 0;
    while (a[n] != '\0' && a[n] == b[n])
        n++;
    while (n > 0 && ((unsigned char)a[n] & 0xC0) == 0x80)
        n--; /* at a character's start */
    return n;
}

asldot_status asldot_describe_sibling_offsets(const char *const *texts, size_t count, size_t *at)
{
    const char *const **sorted;
    if (count == 0)
        return ASLDOT_OK;
    if (texts == NULL || at == NULL)
        return ASLDOT_ERR_ARGS;
    sorted = asldot_calloc(count, sizeof *sorted);
    if (sorted == NULL)
        return ASLDOT_ERR_NOMEM;
    for (size_t i = 0; i < count; i++)
        sorted[i] = &texts[i];
    qsort(sorted, count, sizeof *sorted, by_text);
    /* the longest common prefix with any other text is the one with a sorted neighbour; equal
     * texts are one run, and its neighbours are the distinct texts just before and after it */
    for (size_t lo = 0, hi; lo < count; lo = hi) {
        size_t best = 0;
        for (hi = lo + 1; hi < count && strcmp(*sorted[hi], *sorted[lo]) == 0; hi++)
            ;
        if (lo > 0)
            best = common_prefix(*sorted[lo], *sorted[lo - 1]);
        if (hi < count) {
            size_t n = common_prefix(*sorted[lo], *sorted[hi]);
            best = n > best ? n : best;
        }
        for (size_t k = lo; k < hi; k++)
            at[sorted[k] - texts] = best;
    }
    asldot_free(sorted);
    return ASLDOT_OK;
}

/* A word starts after a space, a dot or an opening bracket. */
static int word_start(const char *s, size_t i)
{
    char c = i > 0 ? s[i - 1] : ' ';
    return (c == ' ' || c == '.' || c == '(' || c == '[') && s[i] != ' ' &&
           ((unsigned char)s[i] & 0xC0) != 0x80;
}

/* A step of a path starts after a dot with a letter or '_' (not the fraction of "1.5"). */
static int path_step(const char *s, size_t i)
{
    unsigned char c = (unsigned char)s[i];
    return i > 0 && s[i - 1] == '.' && (c == '_' || (unsigned)((c | 0x20) - 'a') < 26u);
}

/* The byte offset chars characters before end (at 0 when there are fewer). */
static size_t back_chars(const char *s, size_t end, size_t chars)
{
    while (end > 0 && chars > 0) {
        end--;
        if (((unsigned char)s[end] & 0xC0) != 0x80)
            chars--;
    }
    while (end > 0 && ((unsigned char)s[end] & 0xC0) == 0x80)
        end--;
    return end;
}

asldot_status asldot_describe_rule_label(asldot_buf *out, const char *text, size_t at,
                                         size_t max_chars)
{
    size_t len, lo, from, start;
    if (out == NULL || text == NULL)
        return ASLDOT_ERR_ARGS;
    len = strlen(text);
    if (at > len)
        at = len;
    /* a cut from the right keeps max_chars - 1 characters: enough when it shows byte at */
    if (max_chars < 8 || utf8_chars(text, len) <= max_chars || utf8_chars(text, at) < max_chars - 1)
        return put_cut(out, text, len, max_chars);
    /* otherwise the shared beginning goes, up to the path step the difference is in (the last
     * ".name" before it, when that leaves the difference inside the window)... */
    lo = back_chars(text, at, max_chars - 3);
    for (start = at; start > lo && !path_step(text, start); start--)
        ;
    if (!path_step(text, start)) {
        /* ...else the whole tail when it fits in the window (after its "…"), or a window that
         * starts half a label before the difference; either from the start of a word */
        from = back_chars(text, len, max_chars - 1);
        if (from > at)
            from = back_chars(text, at, max_chars / 2);
        for (start = from; start < at && !word_start(text, start); start++)
            ;
        if (!word_start(text, start))
            start = from; /* no word starts in between: cut inside one */
    }
    TRY(asldot_buf_puts(out, ELLIPSIS));
    return put_cut(out, text + start, len - start, max_chars - 1);
}

/* ------------------------------------------------------------------ Retry, Catch */

/* "A, B, C +2 more": the first LIST_MAX_ITEMS names, each cut to FIELD_MAX_CHARS. */
static asldot_status put_name_list(asldot_buf *out, const char *const *names, size_t count)
{
    size_t shown = 0;
    for (size_t i = 0; i < count && shown < LIST_MAX_ITEMS; i++) {
        if (names[i] == NULL)
            continue;
        if (shown > 0)
            TRY(asldot_buf_puts(out, ", "));
        TRY(put_field(out, names[i]));
        shown++;
    }
    if (count > shown && shown > 0)
        TRY(asldot_buf_printf(out, " +%zu more", count - shown));
    return ASLDOT_OK;
}

asldot_status asldot_describe_retriers(asldot_buf *out, const asldot_state *s)
{
    if (out == NULL || s == NULL)
        return ASLDOT_ERR_ARGS;
    for (size_t i = 0; i < s->retrier_count && s->retriers != NULL; i++) {
        const asldot_retrier *r = &s->retriers[i];
        double attempts = r->max_attempts;
        if (i > 0)
            TRY(newline(out));
        if (attempts == -1 || !isfinite(attempts))
            attempts = 3;    /* the ASL default */
        if (attempts == 0) { /* MaxAttempts 0: these errors are never retried */
            TRY(asldot_buf_puts(out, "no retry"));
            if (r->error_count > 0 && r->errors != NULL) {
                TRY(asldot_buf_puts(out, ": "));
                TRY(put_name_list(out, r->errors, r->error_count));
            }
            continue;
        }
        TRY(asldot_buf_puts(out, RETRY " "));
        if (attempts == floor(attempts) && fabs(attempts) < 1e15)
            TRY(asldot_buf_printf(out, "%.0f" TIMES, attempts));
        else
            TRY(asldot_buf_printf(out, "%g" TIMES, attempts));
        if (r->error_count > 0 && r->errors != NULL) {
            TRY(asldot_buf_putc(out, ' '));
            TRY(put_name_list(out, r->errors, r->error_count));
        }
    }
    return ASLDOT_OK;
}

asldot_status asldot_describe_catcher(asldot_buf *out, const asldot_catcher *c, size_t max_chars)
{
    asldot_buf tmp = ASLDOT_BUF_INIT;
    asldot_status st = ASLDOT_OK;
    if (out == NULL || c == NULL)
        return ASLDOT_ERR_ARGS;
    for (size_t i = 0; i < c->error_count && c->errors != NULL && st == ASLDOT_OK; i++) {
        if (c->errors[i] == NULL)
            continue;
        if (tmp.len > 0)
            st = asldot_buf_puts(&tmp, ", ");
        if (st == ASLDOT_OK)
            st = put_clean(&tmp, c->errors[i], strlen(c->errors[i]), 1);
        if (max_chars > 0 && max_chars < SIZE_MAX / 8 && tmp.len > max_chars * 4 + 16)
            break; /* enough to fill the label */
    }
    if (st == ASLDOT_OK)
        st = put_cut(out, asldot_buf_cstr(&tmp), tmp.len, max_chars);
    asldot_buf_free(&tmp);
    return st;
}

/* ------------------------------------------------------------------ Parallel, Map */

/* 262144 -> "256 KiB", 1536 -> "1.5 KiB", 100 -> "100 bytes". */
static asldot_status put_bytes(asldot_buf *out, const asldot_doc_node *n)
{
    double b = n->num;
    if (!(b >= 0) || b != floor(b) || b > 1e15)
        return put_number(out, n);
    if (b < 1024)
        return asldot_buf_printf(out, "%.0f bytes", b);
    if (b < 1024.0 * 1024)
        return asldot_buf_printf(out, "%.4g KiB", b / 1024);
    return asldot_buf_printf(out, "%.4g MiB", b / (1024.0 * 1024));
}

static asldot_status describe_reader(asldot_buf *out, const asldot_doc_node *reader)
{
    const asldot_doc_node *config = member(reader, "ReaderConfig");
    const char *resource = member_str(reader, "Resource");
    const char *input = member_str(config, "InputType");
    const asldot_doc_node *max = member(config, "MaxItems");
    int shown;
    TRY(newline(out));
    TRY(asldot_buf_puts(out, "reads "));
    if (input != NULL && span_trim(input).n > 0) {
        TRY(put_field(out, input));
        if (resource != NULL)
            TRY(asldot_buf_puts(out, " from "));
    } else if (resource == NULL) {
        TRY(asldot_buf_puts(out, "items"));
    }
    if (resource != NULL)
        TRY(describe_resource(out, resource, NULL));
    if (max == NULL)
        max = member(config, "MaxItemsPath");
    if (is_number(max) || str_of(max) != NULL) {
        TRY(asldot_buf_puts(out, " (max "));
        TRY(put_value_field(out, max, &shown));
        TRY(asldot_buf_puts(out, is_one(max) ? " item)" : " items)"));
    }
    return ASLDOT_OK;
}

static asldot_status describe_batcher(asldot_buf *out, const asldot_doc_node *batcher)
{
    const asldot_doc_node *items = member(batcher, "MaxItemsPerBatch");
    const asldot_doc_node *bytes = member(batcher, "MaxInputBytesPerBatch");
    int shown = 0;
    if (items == NULL)
        items = member(batcher, "MaxItemsPerBatchPath");
    if (bytes == NULL)
        bytes = member(batcher, "MaxInputBytesPerBatchPath");
    TRY(newline(out));
    TRY(asldot_buf_puts(out, "batches"));
    if (items != NULL && (is_number(items) || str_of(items) != NULL)) {
        TRY(asldot_buf_puts(out, " of "));
        TRY(put_value_field(out, items, &shown));
        TRY(asldot_buf_puts(out, is_one(items) ? " item" : " items"));
    }
    if (is_number(bytes)) {
        TRY(asldot_buf_puts(out, shown ? ", up to " : " up to "));
        TRY(put_bytes(out, bytes));
        shown = 1;
    } else if (str_of(bytes) != NULL) {
        TRY(asldot_buf_puts(out, shown ? ", up to " : " up to "));
        TRY(put_field(out, bytes->str));
        TRY(asldot_buf_puts(out, " bytes"));
        shown = 1;
    }
    if (!shown)
        TRY(asldot_buf_puts(out, " items"));
    return ASLDOT_OK;
}

static int plain_string(const char *s)
{
    return s != NULL && span_trim(s).n > 0 && !span_starts(span_trim(s), "{%");
}

static asldot_status describe_writer(asldot_buf *out, const asldot_doc_node *writer)
{
    const char *resource = member_str(writer, "Resource");
    const asldot_doc_node *params = member(writer, "Parameters");
    const char *bucket, *prefix;
    if (resource == NULL)
        return ASLDOT_OK; /* WriterConfig alone only shapes the output */
    if (params == NULL)
        params = member(writer, "Arguments");
    bucket = member_str(params, "Bucket");
    prefix = member_str(params, "Prefix");
    TRY(newline(out));
    if (strstr(resource, ":s3:") == NULL) {
        TRY(asldot_buf_puts(out, "writes results via "));
        return describe_resource(out, resource, NULL);
    }
    if (!plain_string(bucket))
        return asldot_buf_puts(out, "writes results to S3");
    TRY(asldot_buf_puts(out, "writes results to s3://"));
    TRY(put_field(out, bucket));
    if (plain_string(prefix)) {
        TRY(asldot_buf_putc(out, '/'));
        TRY(put_field(out, prefix));
    }
    return ASLDOT_OK;
}

/* "tolerates 5% failures" / "tolerates 10 failures"; zero (the default) says nothing. */
static asldot_status describe_tolerance(asldot_buf *out, const asldot_doc_node *node,
                                        const char *key, const char *key_path, int percent)
{
    const asldot_doc_node *v = member(node, key);
    const char *path = member_str(node, key_path);
    if (is_number(v) && v->num != 0) {
        TRY(newline(out));
        TRY(asldot_buf_puts(out, "tolerates "));
        TRY(put_count(out, v));
        return asldot_buf_puts(out, percent ? "% failures" : " failures");
    }
    if (str_of(v) != NULL || path != NULL) {
        TRY(newline(out));
        TRY(asldot_buf_puts(out, "tolerates "));
        TRY(put_field(out, path != NULL && str_of(v) == NULL ? path : v->str));
        return asldot_buf_puts(out, percent ? " % failures" : " failures");
    }
    return ASLDOT_OK;
}

static asldot_status describe_map(asldot_buf *out, const asldot_state *s)
{
    const asldot_doc_node *node = s->node, *proc, *config, *v;
    const char *mode, *exec;
    int distributed, shown;
    proc = member(node, "ItemProcessor");
    if (proc == NULL)
        proc = member(node, "Iterator");
    config = member(proc, "ProcessorConfig");
    mode = member_str(config, "Mode");
    exec = member_str(config, "ExecutionType");
    distributed = mode != NULL && strcmp(mode, "DISTRIBUTED") == 0;
    TRY(asldot_buf_puts(out, distributed ? "Map" SEP "distributed" : "Map" SEP "inline"));
    if (exec != NULL && strcmp(exec, "EXPRESS") == 0)
        TRY(asldot_buf_puts(out, SEP "express"));

    v = member(node, "MaxConcurrency");
    if (v == NULL)
        v = member(node, "MaxConcurrencyPath");
    if (is_number(v) && v->num == 0) {
        TRY(newline(out));
        TRY(asldot_buf_puts(out, "unlimited concurrency"));
    } else if (is_number(v) || str_of(v) != NULL) {
        TRY(newline(out));
        TRY(asldot_buf_puts(out, "max concurrency "));
        TRY(put_value_field(out, v, &shown));
    }

    if ((v = member(node, "ItemsPath")) != NULL && str_of(v) != NULL) {
        TRY(newline(out));
        TRY(asldot_buf_puts(out, "items "));
        TRY(put_field(out, v->str));
    } else if ((v = member(node, "Items")) != NULL) {
        if (str_of(v) != NULL) {
            TRY(newline(out));
            TRY(asldot_buf_puts(out, "items "));
            TRY(put_field(out, v->str));
        } else if (v->kind == ASLDOT_DOC_ARRAY) {
            TRY(newline(out));
            TRY(asldot_buf_printf(out, "items: %zu value%s", v->count, v->count == 1 ? "" : "s"));
        }
    }

    if ((v = member(node, "ItemReader")) != NULL && v->kind == ASLDOT_DOC_OBJECT)
        TRY(describe_reader(out, v));
    if ((v = member(node, "ItemBatcher")) != NULL && v->kind == ASLDOT_DOC_OBJECT)
        TRY(describe_batcher(out, v));
    if ((v = member(node, "ResultWriter")) != NULL && v->kind == ASLDOT_DOC_OBJECT)
        TRY(describe_writer(out, v));
    TRY(describe_tolerance(out, node, "ToleratedFailurePercentage",
                           "ToleratedFailurePercentagePath", 1));
    TRY(describe_tolerance(out, node, "ToleratedFailureCount", "ToleratedFailureCountPath", 0));
    return ASLDOT_OK;
}

static asldot_status describe_container(asldot_buf *out, const asldot_state *s)
{
    if (s->type == ASLDOT_STATE_MAP) {
        TRY(describe_map(out, s));
    } else {
        const asldot_doc_node *branches = member(s->node, "Branches");
        size_t n = branches != NULL && branches->kind == ASLDOT_DOC_ARRAY ? branches->count
                                                                          : s->branch_count;
        TRY(asldot_buf_printf(out, "Parallel" SEP "%zu branch%s", n, n == 1 ? "" : "es"));
    }
    return put_extras(out, s);
}

asldot_status asldot_describe_container(asldot_buf *out, const asldot_state *s)
{
    if (out == NULL || s == NULL)
        return ASLDOT_ERR_ARGS;
    if (s->type != ASLDOT_STATE_PARALLEL && s->type != ASLDOT_STATE_MAP)
        return asldot_describe_state(out, s);
    return describe_container(out, s);
}
