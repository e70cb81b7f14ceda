/* test_describe.c: the words on the diagram (describe.c), over document trees built by hand. */
#include "describe.h"
#include "../harness.h"
#include "alloc.h"

#include <math.h>

#include <stdarg.h>

/* ------------------------------------------------------------------ building documents */

static asldot_arena *arena;

static asldot_doc_node *node(asldot_doc_kind kind)
{
    asldot_doc_node *n = asldot_arena_alloc(arena, sizeof *n);
    if (n == NULL) {
        fprintf(stderr, "out of memory\n");
        exit(2);
    }
    n->kind = kind;
    n->line = n->column = 1;
    return n;
}

static asldot_doc_node *str(const char *s)
{
    asldot_doc_node *n = node(ASLDOT_DOC_STRING);
    n->str = s;
    n->str_len = strlen(s);
    return n;
}

static asldot_doc_node *num(double v, const char *text)
{
    asldot_doc_node *n = node(ASLDOT_DOC_NUMBER);
    n->num = v;
    n->str = text;
    n->str_len = text ? strlen(text) : 0;
    return n;
}

static asldot_doc_node *boolean(int v)
{
    asldot_doc_node *n = node(ASLDOT_DOC_BOOL);
    n->boolean = v;
    return n;
}

static void add_item(asldot_doc_node *parent, asldot_doc_node *child, const char *key)
{
    asldot_doc_node **items =
        asldot_arena_array(arena, parent->count + 1, sizeof(asldot_doc_node *));
    if (items == NULL)
        exit(2);
    if (parent->count)
        memcpy(items, parent->items, parent->count * sizeof *items);
    child->parent = parent;
    child->index = parent->count;
    child->key = key;
    child->key_len = key ? strlen(key) : 0;
    items[parent->count++] = child;
    parent->items = items;
}

/* obj("Key", value, "Key2", value2, NULL) */
static asldot_doc_node *obj(const char *key, ...)
{
    asldot_doc_node *n = node(ASLDOT_DOC_OBJECT);
    va_list ap;
    va_start(ap, key);
    while (key != NULL) {
        add_item(n, va_arg(ap, asldot_doc_node *), key);
        key = va_arg(ap, const char *);
    }
    va_end(ap);
    return n;
}

/* arr(item, item2, NULL) */
static asldot_doc_node *arr(asldot_doc_node *first, ...)
{
    asldot_doc_node *n = node(ASLDOT_DOC_ARRAY);
    va_list ap;
    va_start(ap, first);
    for (asldot_doc_node *c = first; c != NULL; c = va_arg(ap, asldot_doc_node *))
        add_item(n, c, NULL);
    va_end(ap);
    return n;
}

static const char *member_string(const asldot_doc_node *o, const char *key)
{
    for (size_t i = 0; o && o->kind == ASLDOT_DOC_OBJECT && i < o->count; i++)
        if (strcmp(o->items[i]->key, key) == 0 && o->items[i]->kind == ASLDOT_DOC_STRING)
            return o->items[i]->str;
    return NULL;
}

static asldot_state make_state(asldot_doc_node *n)
{
    asldot_state s;
    memset(&s, 0, sizeof s);
    s.name = "S";
    s.node = n;
    s.type_name = member_string(n, "Type");
    s.type = asldot_state_type_parse(s.type_name);
    return s;
}

/* ------------------------------------------------------------------ running describe */

static char result[32768];

static const char *keep(asldot_status st, asldot_buf *b)
{
    if (st != ASLDOT_OK)
        snprintf(result, sizeof result, "<status %d>", (int)st);
    else
        snprintf(result, sizeof result, "%s", asldot_buf_cstr(b));
    asldot_buf_free(b);
    return result;
}

static const char *resource(const char *r)
{
    asldot_buf b = ASLDOT_BUF_INIT;
    return keep(asldot_describe_resource(&b, r), &b);
}

static const char *state(asldot_doc_node *n)
{
    asldot_buf b = ASLDOT_BUF_INIT;
    asldot_state s = make_state(n);
    return keep(asldot_describe_state(&b, &s), &b);
}

static const char *jsonata_state(asldot_doc_node *n)
{
    asldot_buf b = ASLDOT_BUF_INIT;
    asldot_state s = make_state(n);
    s.jsonata = 1;
    return keep(asldot_describe_state(&b, &s), &b);
}

static const char *cond(asldot_doc_node *rule, size_t max)
{
    asldot_buf b = ASLDOT_BUF_INIT;
    return keep(asldot_describe_condition(&b, rule, max), &b);
}

static const char *container(asldot_doc_node *n)
{
    asldot_buf b = ASLDOT_BUF_INIT;
    asldot_state s = make_state(n);
    return keep(asldot_describe_container(&b, &s), &b);
}

static size_t utf8_len(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            n++;
    return n;
}

static int utf8_complete(const char *s)
{
    /* every lead byte is followed by the right number of continuation bytes */
    while (*s) {
        unsigned char c = (unsigned char)*s;
        int more = c < 0x80 ? 0 : c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : -1;
        if (more < 0)
            return 0;
        s++;
        for (int i = 0; i < more; i++, s++)
            if (((unsigned char)*s & 0xC0) != 0x80)
                return 0;
    }
    return 1;
}

/* ------------------------------------------------------------------ tests */

static void test_resources(void)
{
    CHECK_EQ_STR(resource("arn:aws:states:::lambda:invoke"), "Lambda · Invoke");
    CHECK_EQ_STR(resource("arn:aws:states:::lambda:invoke.waitForTaskToken"),
                 "Lambda · Invoke · wait for callback");
    CHECK_EQ_STR(resource("arn:aws:states:::aws-sdk:s3:getObject"), "S3 · GetObject");
    CHECK_EQ_STR(resource("arn:aws:states:::ecs:runTask.sync"), "ECS · RunTask · run job");
    CHECK_EQ_STR(resource("arn:aws:states:::ecs:runTask.sync:2"), "ECS · RunTask · run job");
    CHECK_EQ_STR(resource("arn:aws:states:::states:startExecution.sync:2"),
                 "Step Functions · StartExecution · run job");
    CHECK_EQ_STR(resource("arn:aws:states:::http:invoke"), "HTTP · Invoke");
    CHECK_EQ_STR(resource("arn:aws:states:::dynamodb:putItem"), "DynamoDB · PutItem");
    CHECK_EQ_STR(resource("arn:aws:states:::sqs:sendMessage.waitForTaskToken"),
                 "SQS · SendMessage · wait for callback");
    CHECK_EQ_STR(resource("arn:aws:states:::events:putEvents"), "EventBridge · PutEvents");
    CHECK_EQ_STR(resource("arn:aws:states:::apigateway:invoke"), "API Gateway · Invoke");
    CHECK_EQ_STR(resource("arn:aws:states:::emr-containers:startJobRun.sync"),
                 "EMR · StartJobRun · run job");
    CHECK_EQ_STR(resource("arn:aws:states:::elasticmapreduce:addStep"), "EMR · AddStep");
    CHECK_EQ_STR(resource("arn:aws:states:::databrew:startJobRun"), "Glue DataBrew · StartJobRun");
    CHECK_EQ_STR(resource("arn:aws:states:::bedrock:invokeModel"), "Bedrock · InvokeModel");
    CHECK_EQ_STR(resource("arn:aws:states:::aws-sdk:sfn:startSyncExecution"),
                 "Step Functions · StartSyncExecution");
    CHECK_EQ_STR(resource("arn:aws:states:::glue:startJobRun.sync"),
                 "Glue · StartJobRun · run job");
    CHECK_EQ_STR(resource("arn:aws:states:::aws-sdk:s3:listObjectsV2"), "S3 · ListObjectsV2");
    /* unknown services keep their name as written */
    CHECK_EQ_STR(resource("arn:aws:states:::aws-sdk:lookoutequipment:listModels"),
                 "lookoutequipment · ListModels");
    /* regional states ARNs, other partitions, partition placeholders */
    CHECK_EQ_STR(resource("arn:aws:states:us-east-1:776177632559:aws-sdk:s3:putObject"),
                 "S3 · PutObject");
    CHECK_EQ_STR(resource("arn:aws-cn:states:::lambda:invoke"), "Lambda · Invoke");
    CHECK_EQ_STR(resource("arn:aws-us-gov:states:::sns:publish"), "SNS · Publish");
    CHECK_EQ_STR(resource("arn:${AWS::Partition}:states:::athena:startQueryExecution.sync"),
                 "Athena · StartQueryExecution · run job");
    CHECK_EQ_STR(resource("arn:${AWSPartition}:states:::lambda:invoke"), "Lambda · Invoke");
    CHECK_EQ_STR(resource("  arn:aws:states:::sns:publish\n"), "SNS · Publish");
    /* bare Lambda ARNs */
    CHECK_EQ_STR(resource("arn:aws:lambda:us-east-1:123456789012:function:my-fn"),
                 "Lambda · my-fn");
    CHECK_EQ_STR(resource("arn:aws:lambda:us-east-1:123456789012:function:my-fn:prod"),
                 "Lambda · my-fn");
    CHECK_EQ_STR(resource("arn:aws:lambda:region-1:1234567890:function:FUNCTION_NAME:$LATEST"),
                 "Lambda · FUNCTION_NAME");
    CHECK_EQ_STR(resource("arn:aws-cn:lambda:cn-north-1:123456789012:function:fn"), "Lambda · fn");
    CHECK_EQ_STR(resource("arn:aws:lambda:::function:publish-to-slack-lambda"),
                 "Lambda · publish-to-slack-lambda");
    /* activities */
    CHECK_EQ_STR(resource("arn:aws:states:us-east-1:123456789012:activity:approve"),
                 "Activity · approve");
    CHECK_EQ_STR(resource("arn:aws-us-gov:states:us-gov-west-1:123456789012:activity:x"),
                 "Activity · x");
    CHECK_EQ_STR(resource("arn:aws:states:us-east-1:123456789012:activity:"), "Activity");
    /* placeholders and anything else: shown as written, cut */
    CHECK_EQ_STR(resource("${MyFunctionArn}"), "Task · ${MyFunctionArn}");
    CHECK_EQ_STR(resource("__tbd__"), "Task · __tbd__");
    CHECK_EQ_STR(resource("arn:aws:swf:us-east-1:1234567:task:X"),
                 "Task · arn:aws:swf:us-east-1:1234567:task:X");
    CHECK_EQ_STR(resource("arn:aws:swf:us-east-1:123456789012:task:X"),
                 "Task · arn:aws:swf:us-east-1:123456789012:task…");
    CHECK_EQ_STR(resource(""), "Task");
    CHECK_EQ_STR(resource("   "), "Task");
    CHECK_EQ_STR(resource(NULL), "Task");
    CHECK_EQ_STR(resource("arn:"), "Task · arn:");
    CHECK_EQ_STR(resource("arn:aws:states:::"), "Task · arn:aws:states:::");
    CHECK_EQ_STR(resource("arn:aws:states:::lambda"), "Task · arn:aws:states:::lambda");
    CHECK_EQ_STR(resource("arn:aws:states:::lambda:"), "Task · arn:aws:states:::lambda:");
    CHECK_EQ_STR(resource("arn:aws:states:::lambda:.sync"), "Task · arn:aws:states:::lambda:.sync");
    CHECK_EQ_STR(resource("arn:aws:lambda:us-east-1:1:function:"),
                 "Task · arn:aws:lambda:us-east-1:1:function:");
    /* an unclosed placeholder is an ordinary segment */
    CHECK_EQ_STR(resource("arn:${unclosed:states:::lambda:invoke"), "Lambda · Invoke");
    CHECK_EQ_STR(resource("a\tb\nc"), "Task · a b c");
}

static void test_lambda_function_name(void)
{
    CHECK_EQ_STR(state(obj("Type", str("Task"), "Resource", str("arn:aws:states:::lambda:invoke"),
                           "Parameters",
                           obj("FunctionName",
                               str("arn:aws:lambda:us-east-1:123456789012:function:my-fn:$LATEST"),
                               "Payload.$", str("$"), NULL),
                           NULL)),
                 "Lambda · Invoke · my-fn");
    CHECK_EQ_STR(state(obj("Type", str("Task"), "Resource", str("arn:aws:states:::lambda:invoke"),
                           "Arguments", obj("FunctionName", str("my-fn:prod"), NULL), NULL)),
                 "Lambda · Invoke · my-fn");
    CHECK_EQ_STR(state(obj("Type", str("Task"), "Resource",
                           str("arn:aws:states:::lambda:invoke.waitForTaskToken"), "Parameters",
                           obj("FunctionName", str("${CallbackFn}"), NULL), NULL)),
                 "Lambda · Invoke · ${CallbackFn} · wait for callback");
    CHECK_EQ_STR(state(obj("Type", str("Task"), "Resource", str("arn:aws:states:::lambda:invoke"),
                           "Arguments", obj("FunctionName", str("{% $fn %}"), NULL), NULL)),
                 "Lambda · Invoke");
    CHECK_EQ_STR(state(obj("Type", str("Task"), "Resource", str("arn:aws:states:::lambda:invoke"),
                           "Parameters", obj("FunctionName", num(5, "5"), NULL), NULL)),
                 "Lambda · Invoke");
    CHECK_EQ_STR(state(obj("Type", str("Task"), "Resource", str("arn:aws:states:::lambda:invoke"),
                           "Parameters", obj("FunctionName.$", str("$.fn"), NULL), NULL)),
                 "Lambda · Invoke");
    CHECK_EQ_STR(state(obj("Type", str("Task"), "Resource", str("arn:aws:states:::sns:publish"),
                           "Parameters", obj("FunctionName", str("x"), NULL), NULL)),
                 "SNS · Publish");
    CHECK_EQ_STR(state(obj("Type", str("Task"), "Resource", num(1, "1"), NULL)), "Task");
    CHECK_EQ_STR(state(obj("Type", str("Task"), NULL)), "Task");
}

static void test_wait(void)
{
    CHECK_EQ_STR(state(obj("Type", str("Wait"), "Seconds", num(30, "30"), NULL)), "wait 30s");
    CHECK_EQ_STR(state(obj("Type", str("Wait"), "Seconds", num(90, "90"), NULL)), "wait 1m 30s");
    CHECK_EQ_STR(state(obj("Type", str("Wait"), "Seconds", num(120, "120"), NULL)), "wait 2m");
    CHECK_EQ_STR(state(obj("Type", str("Wait"), "Seconds", num(7380, "7380"), NULL)),
                 "wait 2h 03m");
    CHECK_EQ_STR(state(obj("Type", str("Wait"), "Seconds", num(3600, "3600"), NULL)), "wait 1h");
    CHECK_EQ_STR(state(obj("Type", str("Wait"), "Seconds", num(93600, "93600"), NULL)),
                 "wait 1d 02h");
    CHECK_EQ_STR(state(obj("Type", str("Wait"), "Seconds", num(0, "0"), NULL)), "wait 0s");
    CHECK_EQ_STR(state(obj("Type", str("Wait"), "Seconds", num(1.5, "1.5"), NULL)), "wait 1.5s");
    CHECK_EQ_STR(state(obj("Type", str("Wait"), "Seconds", num(-5, "-5"), NULL)), "wait -5s");
    CHECK_EQ_STR(state(obj("Type", str("Wait"), "Seconds", num(1e300, "1e300"), NULL)),
                 "wait 1e300s");
    CHECK_EQ_STR(state(obj("Type", str("Wait"), "SecondsPath", str("$.delay"), NULL)),
                 "wait $.delay");
    CHECK_EQ_STR(state(obj("Type", str("Wait"), "Timestamp", str("2026-01-01T00:00:00Z"), NULL)),
                 "until 2026-01-01T00:00:00Z");
    CHECK_EQ_STR(state(obj("Type", str("Wait"), "TimestampPath", str("$.when"), NULL)),
                 "until $.when");
    CHECK_EQ_STR(state(obj("Type", str("Wait"), "Seconds", str("{% $delay %}"), NULL)),
                 "wait {% $delay %}");
    CHECK_EQ_STR(state(obj("Type", str("Wait"), "Timestamp",
                           str("{%\n  $fromMillis($states.input.when_epoch_millis)\n%}"), NULL)),
                 "until {% $fromMillis($states.input.when_epoch…");
    CHECK_EQ_STR(state(obj("Type", str("Wait"), "Seconds", boolean(1), NULL)), "Wait");
    CHECK_EQ_STR(state(obj("Type", str("Wait"), NULL)), "Wait");
}

static void test_fail_and_simple_types(void)
{
    CHECK_EQ_STR(state(obj("Type", str("Fail"), "Error", str("OrderFailed"), "Cause",
                           str("the order could not be placed"), NULL)),
                 "Error: OrderFailed\nCause: the order could not be placed");
    CHECK_EQ_STR(state(obj("Type", str("Fail"), "ErrorPath", str("$.error"), "CausePath",
                           str("$.cause"), NULL)),
                 "Error: $.error\nCause: $.cause");
    CHECK_EQ_STR(state(obj("Type", str("Fail"), "Cause", str("only a cause"), NULL)),
                 "Cause: only a cause");
    CHECK_EQ_STR(state(obj("Type", str("Fail"), "Cause",
                           str("Something went wrong while talking to the payment "
                               "provider, retry later"),
                           NULL)),
                 "Cause: Something went wrong while talking to t…");
    CHECK_EQ_STR(state(obj("Type", str("Fail"), "Error", str("E"), "Cause",
                           str("line one\n\tline two"), NULL)),
                 "Error: E\nCause: line one line two");
    CHECK_EQ_STR(state(obj("Type", str("Fail"), "Error", num(3, "3"), NULL)), "Fail");
    CHECK_EQ_STR(state(obj("Type", str("Fail"), NULL)), "Fail");
    CHECK_EQ_STR(state(obj("Type", str("Pass"), NULL)), "Pass");
    CHECK_EQ_STR(state(obj("Type", str("Succeed"), NULL)), "Succeed");
    CHECK_EQ_STR(state(obj("Type", str("Choice"), NULL)), "Choice");
    CHECK_EQ_STR(state(obj("Type", str("Sleep"), NULL)), "Sleep");
    CHECK_EQ_STR(state(obj("Type", str("task"), NULL)), "task");
    CHECK_EQ_STR(state(obj("Type", num(1, "1"), NULL)), "Unknown");
    CHECK_EQ_STR(state(obj("Type", str(""), NULL)), "Unknown");
    CHECK_EQ_STR(state(obj(NULL)), "Unknown");
    CHECK_EQ_STR(state(str("not an object")), "Unknown");
}

static void test_assign_and_jsonata(void)
{
    CHECK_EQ_STR(state(obj("Type", str("Pass"), "Assign",
                           obj("total", num(0, "0"), "count", str("{% 1 %}"), NULL), NULL)),
                 "Pass\nassigns $total, $count");
    CHECK_EQ_STR(state(obj("Type", str("Pass"), "Assign",
                           obj("a", num(1, "1"), "b", num(1, "1"), "c", num(1, "1"), "d",
                               num(1, "1"), "e", num(1, "1"), NULL),
                           NULL)),
                 "Pass\nassigns $a, $b, $c +2 more");
    CHECK_EQ_STR(state(obj("Type", str("Pass"), "Assign", obj(NULL), NULL)), "Pass");
    CHECK_EQ_STR(state(obj("Type", str("Pass"), "Assign", str("{% $x %}"), NULL)), "Pass");
    CHECK_EQ_STR(
        jsonata_state(obj("Type", str("Task"), "Resource", str("arn:aws:states:::lambda:invoke"),
                          "Assign", obj("result", str("{% $states.result %}"), NULL), NULL)),
        "Lambda · Invoke\nassigns $result");
    /* inherited from a JSONata machine: not repeated on every state */
    CHECK_EQ_STR(jsonata_state(obj("Type", str("Succeed"), NULL)), "Succeed");
    /* a state that switches language itself says so */
    CHECK_EQ_STR(jsonata_state(obj("Type", str("Succeed"), "QueryLanguage", str("JSONata"), NULL)),
                 "Succeed\nJSONata");
}

static asldot_doc_node *cmp(const char *var, const char *op, asldot_doc_node *value)
{
    return obj("Variable", str(var), op, value, "Next", str("X"), NULL);
}

static void test_conditions(void)
{
    CHECK_EQ_STR(cond(cmp("$.status", "StringEquals", str("APPROVED")), 0),
                 "$.status == \"APPROVED\"");
    CHECK_EQ_STR(cond(cmp("$.a", "StringEqualsPath", str("$.b")), 0), "$.a == $.b");
    CHECK_EQ_STR(cond(cmp("$.q", "StringEquals", str("say \"hi\" \\N")), 0),
                 "$.q == \"say \\\"hi\\\" \\\\N\"");
    CHECK_EQ_STR(cond(cmp("$.a", "StringLessThan", str("m")), 0), "$.a < \"m\"");
    CHECK_EQ_STR(cond(cmp("$.a", "StringGreaterThanEquals", str("m")), 0), "$.a >= \"m\"");
    CHECK_EQ_STR(cond(cmp("$.amount", "NumericGreaterThan", num(100, "100")), 0), "$.amount > 100");
    CHECK_EQ_STR(cond(cmp("$.n", "NumericLessThanEquals", num(5, "5")), 0), "$.n <= 5");
    CHECK_EQ_STR(cond(cmp("$.n", "NumericLessThan", num(0.5, "0.5")), 0), "$.n < 0.5");
    CHECK_EQ_STR(cond(cmp("$.n", "NumericGreaterThanEquals", num(1, "1")), 0), "$.n >= 1");
    CHECK_EQ_STR(cond(cmp("$.n", "NumericEquals", num(3, "3")), 0), "$.n == 3");
    CHECK_EQ_STR(cond(cmp("$.n", "NumericEqualsPath", str("$.m")), 0), "$.n == $.m");
    CHECK_EQ_STR(cond(cmp("$.n", "NumericGreaterThanPath", str("$.limit")), 0), "$.n > $.limit");
    CHECK_EQ_STR(cond(cmp("$.ok", "BooleanEquals", boolean(1)), 0), "$.ok == true");
    CHECK_EQ_STR(cond(cmp("$.ok", "BooleanEquals", boolean(0)), 0), "$.ok == false");
    CHECK_EQ_STR(cond(cmp("$.t", "TimestampGreaterThan", str("2026-01-01T00:00:00Z")), 0),
                 "$.t > \"2026-01-01T00:00:00Z\"");
    CHECK_EQ_STR(cond(cmp("$.t", "TimestampLessThanEquals", str("2026-01-01T00:00:00Z")), 0),
                 "$.t <= \"2026-01-01T00:00:00Z\"");
    CHECK_EQ_STR(cond(cmp("$.t", "TimestampEquals", str("2026-01-01T00:00:00Z")), 0),
                 "$.t == \"2026-01-01T00:00:00Z\"");
    CHECK_EQ_STR(cond(cmp("$.t", "TimestampLessThanPath", str("$.deadline")), 0),
                 "$.t < $.deadline");
    CHECK_EQ_STR(cond(cmp("$.name", "StringMatches", str("log-*")), 0), "$.name matches \"log-*\"");
    CHECK_EQ_STR(cond(cmp("$.x", "IsPresent", boolean(1)), 0), "$.x is present");
    CHECK_EQ_STR(cond(cmp("$.x", "IsPresent", boolean(0)), 0), "$.x is absent");
    CHECK_EQ_STR(cond(cmp("$.x", "IsNull", boolean(1)), 0), "$.x is null");
    CHECK_EQ_STR(cond(cmp("$.x", "IsNull", boolean(0)), 0), "$.x is not null");
    CHECK_EQ_STR(cond(cmp("$.x", "IsString", boolean(1)), 0), "$.x is a string");
    CHECK_EQ_STR(cond(cmp("$.x", "IsString", boolean(0)), 0), "$.x is not a string");
    CHECK_EQ_STR(cond(cmp("$.x", "IsNumeric", boolean(1)), 0), "$.x is numeric");
    CHECK_EQ_STR(cond(cmp("$.x", "IsBoolean", boolean(0)), 0), "$.x is not a boolean");
    CHECK_EQ_STR(cond(cmp("$.x", "IsTimestamp", boolean(1)), 0), "$.x is a timestamp");
    /* wrong value types are shown, not refused */
    CHECK_EQ_STR(cond(cmp("$.x", "IsNull", str("yes")), 0), "$.x IsNull \"yes\"");
    CHECK_EQ_STR(cond(cmp("$.n", "NumericEquals", str("3")), 0), "$.n == \"3\"");
    CHECK_EQ_STR(cond(cmp("$.n", "NumericEqualsPath", num(3, "3")), 0), "$.n == 3");
    CHECK_EQ_STR(cond(cmp("$.s", "StringEquals", arr(NULL)), 0), "$.s == […]");

    /* And, Or, Not */
    asldot_doc_node *a1 = cmp("$.a", "NumericEquals", num(1, "1"));
    asldot_doc_node *b2 = cmp("$.b", "NumericEquals", num(2, "2"));
    asldot_doc_node *c3 = cmp("$.c", "NumericEquals", num(3, "3"));
    CHECK_EQ_STR(cond(obj("And", arr(a1, b2, NULL), "Next", str("X"), NULL), 0),
                 "($.a == 1 and $.b == 2)");
    CHECK_EQ_STR(cond(obj("Or", arr(a1, b2, NULL), "Next", str("X"), NULL), 0),
                 "$.a == 1 or $.b == 2");
    CHECK_EQ_STR(cond(obj("Not", a1, "Next", str("X"), NULL), 0), "not ($.a == 1)");
    CHECK_EQ_STR(cond(obj("And", arr(a1, obj("Or", arr(b2, c3, NULL), NULL), NULL), NULL), 0),
                 "($.a == 1 and ($.b == 2 or $.c == 3))");
    CHECK_EQ_STR(cond(obj("Or", arr(obj("And", arr(a1, b2, NULL), NULL), c3, NULL), NULL), 0),
                 "($.a == 1 and $.b == 2) or $.c == 3");
    CHECK_EQ_STR(cond(obj("Not", obj("And", arr(a1, b2, NULL), NULL), NULL), 0),
                 "not ($.a == 1 and $.b == 2)");
    CHECK_EQ_STR(cond(obj("Not", obj("Or", arr(a1, b2, NULL), NULL), NULL), 0),
                 "not ($.a == 1 or $.b == 2)");
    CHECK_EQ_STR(cond(obj("And", arr(obj("Not", a1, NULL), b2, NULL), NULL), 0),
                 "(not ($.a == 1) and $.b == 2)");

    /* JSONata */
    CHECK_EQ_STR(
        cond(obj("Condition", str("{% $states.input.total > 100 %}"), "Next", str("X"), NULL), 0),
        "{% $states.input.total > 100 %}");
    CHECK_EQ_STR(cond(obj("Condition", str("{%\n  $a\n  and $b\n%}"), NULL), 0), "{% $a and $b %}");
    CHECK_EQ_STR(cond(obj("Condition", boolean(1), NULL), 0), "true");

    /* nothing recognisable */
    CHECK_EQ_STR(cond(obj("Next", str("X"), NULL), 0), "?");
    CHECK_EQ_STR(cond(obj("NumericEquals", num(1, "1"), NULL), 0), "?");
    CHECK_EQ_STR(cond(obj("Variable", str("$.a"), "Frobnicate", num(1, "1"), NULL), 0), "?");
    CHECK_EQ_STR(cond(obj("Variable", num(1, "1"), "NumericEquals", num(1, "1"), NULL), 0), "?");
    CHECK_EQ_STR(cond(obj("And", arr(NULL), NULL), 0), "?");
    CHECK_EQ_STR(cond(obj("And", str("x"), NULL), 0), "?");
    CHECK_EQ_STR(cond(obj("And", arr(str("x"), a1, NULL), NULL), 0), "(? and $.a == 1)");
    CHECK_EQ_STR(cond(obj("Not", num(1, "1"), NULL), 0), "not (?)");
    CHECK_EQ_STR(cond(str("rule"), 0), "?");
    CHECK_EQ_STR(cond(NULL, 0), "?");

    /* trimming: characters, not bytes, ending in "…" */
    CHECK_EQ_STR(cond(cmp("$.status", "StringEquals", str("APPROVED")), 12), "$.status ==…");
    CHECK_EQ_STR(cond(cmp("$.status", "StringEquals", str("APPROVED")), 23),
                 "$.status == \"APPROVED\"");
    CHECK_EQ_STR(cond(cmp("$.status", "StringEquals", str("APPROVED")), 1), "…");
    const char *t = cond(cmp("$.straße", "StringEquals", str("äöüäöüäöüäöüäöü")), 20);
    CHECK_EQ_INT(utf8_len(t), 20);
    CHECK(utf8_complete(t));
    CHECK_EQ_STR(t, "$.straße == \"äöüäöü…");
    t = cond(cmp("$.x", "StringEquals", str("€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€")),
             ASLDOT_CONDITION_MAX_CHARS);
    CHECK_EQ_INT(utf8_len(t), ASLDOT_CONDITION_MAX_CHARS);
    CHECK(utf8_complete(t));
    CHECK_EQ_STR(cond(cmp("$.x", "StringEquals", str("a\nb")), 0), "$.x == \"a b\"");
}

static void test_condition_pathological(void)
{
    /* deep Not chains and wide Ands: bounded work, no crash */
    asldot_doc_node *deep = cmp("$.x", "IsPresent", boolean(1));
    for (int i = 0; i < 2000; i++)
        deep = obj("Not", deep, NULL);
    const char *t = cond(deep, 0);
    CHECK(strncmp(t, "not (not (", 10) == 0);
    CHECK_CONTAINS(t, "…");
    t = cond(deep, ASLDOT_CONDITION_MAX_CHARS);
    /* 39 characters: the space before the cut is dropped */
    CHECK_EQ_STR(t, "not (not (not (not (not (not (not (not…");

    asldot_doc_node *wide = node(ASLDOT_DOC_ARRAY);
    for (int i = 0; i < 5000; i++)
        add_item(wide, cmp("$.value", "NumericEquals", num(i, "7")), NULL);
    t = cond(obj("And", wide, NULL), ASLDOT_CONDITION_MAX_CHARS);
    CHECK_EQ_INT(utf8_len(t), ASLDOT_CONDITION_MAX_CHARS);
    CHECK(strncmp(t, "($.value == 7 and $.value == 7 and", 34) == 0);
}

static void test_retriers_and_catchers(void)
{
    const char *lambda_errors[] = {"Lambda.ServiceException", "Lambda.AWSLambdaException"};
    const char *many[] = {"A", "B", "C", "D", "E"};
    const char *all[] = {"States.ALL"};
    asldot_retrier r[3];
    asldot_state s;
    asldot_buf b = ASLDOT_BUF_INIT;

    memset(r, 0, sizeof r);
    memset(&s, 0, sizeof s);
    r[0].errors = lambda_errors;
    r[0].error_count = 2;
    r[0].max_attempts = -1;
    r[0].interval = r[0].backoff_rate = -1;
    r[1].errors = many;
    r[1].error_count = 5;
    r[1].max_attempts = 6;
    r[2].errors = all;
    r[2].error_count = 1;
    r[2].max_attempts = 0;
    s.type = ASLDOT_STATE_TASK;
    s.retriers = r;
    s.retrier_count = 1;
    CHECK_EQ_STR(keep(asldot_describe_retriers(&b, &s), &b),
                 "↻ 3× Lambda.ServiceException, Lambda.AWSLambdaException");
    s.retrier_count = 3;
    CHECK_EQ_STR(keep(asldot_describe_retriers(&b, &s), &b),
                 "↻ 3× Lambda.ServiceException, Lambda.AWSLambdaException\n"
                 "↻ 6× A, B, C +2 more\n"
                 "no retry: States.ALL");
    s.retrier_count = 0;
    CHECK_EQ_STR(keep(asldot_describe_retriers(&b, &s), &b), "");
    r[0].error_count = 0;
    r[0].max_attempts = 2.5;
    s.retrier_count = 1;
    CHECK_EQ_STR(keep(asldot_describe_retriers(&b, &s), &b), "↻ 2.5×");

    asldot_catcher c;
    memset(&c, 0, sizeof c);
    const char *catch_errors[] = {"States.TaskFailed", "States.Timeout"};
    c.errors = catch_errors;
    c.error_count = 2;
    CHECK_EQ_STR(keep(asldot_describe_catcher(&b, &c, 0), &b), "States.TaskFailed, States.Timeout");
    CHECK_EQ_STR(keep(asldot_describe_catcher(&b, &c, 20), &b), "States.TaskFailed,…");
    CHECK_EQ_STR(keep(asldot_describe_catcher(&b, &c, 33), &b),
                 "States.TaskFailed, States.Timeout");
    c.error_count = 0;
    CHECK_EQ_STR(keep(asldot_describe_catcher(&b, &c, 10), &b), "");
    CHECK_EQ_INT(asldot_describe_catcher(&b, NULL, 0), ASLDOT_ERR_ARGS);
    CHECK_EQ_INT(asldot_describe_retriers(&b, NULL), ASLDOT_ERR_ARGS);
    asldot_buf_free(&b);
}

static asldot_doc_node *mini_scope(void)
{
    return obj("StartAt", str("P"), "States",
               obj("P", obj("Type", str("Pass"), "End", boolean(1), NULL), NULL), NULL);
}

static void test_containers(void)
{
    CHECK_EQ_STR(container(obj("Type", str("Parallel"), "Branches",
                               arr(mini_scope(), mini_scope(), mini_scope(), NULL), NULL)),
                 "Parallel · 3 branches");
    CHECK_EQ_STR(container(obj("Type", str("Parallel"), "Branches", arr(mini_scope(), NULL), NULL)),
                 "Parallel · 1 branch");
    CHECK_EQ_STR(container(obj("Type", str("Parallel"), NULL)), "Parallel · 0 branches");

    CHECK_EQ_STR(container(obj("Type", str("Map"), "ItemsPath", str("$.orders"), "MaxConcurrency",
                               num(10, "10"), "ItemProcessor", mini_scope(), NULL)),
                 "Map · inline\nmax concurrency 10\nitems $.orders");
    CHECK_EQ_STR(container(obj("Type", str("Map"), "MaxConcurrency", num(0, "0"), "Iterator",
                               mini_scope(), NULL)),
                 "Map · inline\nunlimited concurrency");
    CHECK_EQ_STR(container(obj("Type", str("Map"), "Items", str("{% $states.input.items %}"),
                               "MaxConcurrency", str("{% $max %}"), NULL)),
                 "Map · inline\nmax concurrency {% $max %}\nitems {% $states.input.items %}");
    CHECK_EQ_STR(
        container(obj("Type", str("Map"), "Items", arr(num(1, "1"), num(2, "2"), NULL), NULL)),
        "Map · inline\nitems: 2 values");
    CHECK_EQ_STR(container(obj("Type", str("Map"), "MaxConcurrencyPath", str("$.max"), NULL)),
                 "Map · inline\nmax concurrency $.max");

    asldot_doc_node *dist_express = obj(
        "ProcessorConfig", obj("Mode", str("DISTRIBUTED"), "ExecutionType", str("EXPRESS"), NULL),
        "StartAt", str("P"), NULL);
    asldot_doc_node *dist = obj(
        "ProcessorConfig", obj("Mode", str("DISTRIBUTED"), "ExecutionType", str("STANDARD"), NULL),
        "StartAt", str("P"), NULL);
    CHECK_EQ_STR(container(obj("Type", str("Map"), "ItemProcessor", dist_express, "ItemReader",
                               obj("Resource", str("arn:aws:states:::s3:listObjectsV2"),
                                   "Parameters", obj("Bucket", str("${InputBucket}"), NULL), NULL),
                               NULL)),
                 "Map · distributed · express\nreads S3 · ListObjectsV2");
    CHECK_EQ_STR(
        container(obj(
            "Type", str("Map"), "ItemProcessor", dist, "MaxConcurrency", num(1000, "1000"),
            "ItemReader",
            obj("Resource", str("arn:aws:states:::s3:getObject"), "ReaderConfig",
                obj("InputType", str("CSV"), "CSVHeaderLocation", str("FIRST_ROW"), "MaxItems",
                    num(100, "100"), NULL),
                NULL),
            "ItemBatcher", obj("MaxItemsPerBatch", num(100, "100"), NULL), "ResultWriter",
            obj("Resource", str("arn:aws:states:::s3:putObject"), "Parameters",
                obj("Bucket", str("myOutputBucket"), "Prefix", str("csvProcessJobs"), NULL), NULL),
            "ToleratedFailurePercentage", num(5, "5"), "ToleratedFailureCount", num(10, "10"),
            NULL)),
        "Map · distributed\nmax concurrency 1000\nreads CSV from S3 · GetObject (max 100 items)\n"
        "batches of 100 items\nwrites results to s3://myOutputBucket/csvProcessJobs\n"
        "tolerates 5% failures\ntolerates 10 failures");
    CHECK_EQ_STR(container(obj("Type", str("Map"), "ItemProcessor", dist, "ItemBatcher",
                               obj("MaxInputBytesPerBatch", num(262144, "262144"), NULL), NULL)),
                 "Map · distributed\nbatches up to 256 KiB");
    CHECK_EQ_STR(container(obj("Type", str("Map"), "ItemProcessor", dist, "ItemBatcher",
                               obj("MaxItemsPerBatch", num(10, "10"), "MaxInputBytesPerBatch",
                                   num(131072, "131072"), NULL),
                               NULL)),
                 "Map · distributed\nbatches of 10 items, up to 128 KiB");
    CHECK_EQ_STR(container(obj("Type", str("Map"), "ItemProcessor", dist, "ItemBatcher",
                               obj("MaxItemsPerBatch", num(1, "1"), NULL), "ItemReader",
                               obj("Resource", str("arn:aws:states:::s3:getObject"), "ReaderConfig",
                                   obj("MaxItems", num(1, "1"), NULL), NULL),
                               NULL)),
                 "Map · distributed\nreads S3 · GetObject (max 1 item)\nbatches of 1 item");
    CHECK_EQ_STR(container(obj("Type", str("Map"), "ItemProcessor", dist, "ItemBatcher",
                               obj("BatchInput", obj(NULL), NULL), NULL)),
                 "Map · distributed\nbatches items");
    CHECK_EQ_STR(container(obj("Type", str("Map"), "ItemProcessor", dist, "ItemBatcher",
                               obj("MaxItemsPerBatchPath", str("$.n"), NULL), NULL)),
                 "Map · distributed\nbatches of $.n items");
    CHECK_EQ_STR(container(obj("Type", str("Map"), "ItemProcessor", dist, "ResultWriter",
                               obj("Resource", str("arn:aws:states:::s3:putObject"), "Arguments",
                                   str("{% $states %}"), NULL),
                               NULL)),
                 "Map · distributed\nwrites results to S3");
    CHECK_EQ_STR(
        container(obj("Type", str("Map"), "ItemProcessor", dist, "ResultWriter",
                      obj("WriterConfig", obj("OutputType", str("JSON"), NULL), NULL), NULL)),
        "Map · distributed");
    CHECK_EQ_STR(
        container(obj("Type", str("Map"), "ItemProcessor", dist, "ToleratedFailurePercentagePath",
                      str("$.pct"), "ToleratedFailureCountPath", str("$.count"), NULL)),
        "Map · distributed\ntolerates $.pct % failures\ntolerates $.count failures");
    CHECK_EQ_STR(container(obj("Type", str("Map"), "ToleratedFailurePercentage", num(0, "0"),
                               "ToleratedFailureCount", num(0, "0"), NULL)),
                 "Map · inline");
    CHECK_EQ_STR(
        container(obj("Type", str("Map"), "ItemProcessor", dist, "ItemReader",
                      obj("ReaderConfig", obj("InputType", str("JSONL"), NULL), NULL), NULL)),
        "Map · distributed\nreads JSONL");
    /* Assign and JSONata lines follow the caption */
    CHECK_EQ_STR(container(obj("Type", str("Parallel"), "Branches", arr(mini_scope(), NULL),
                               "Assign", obj("x", num(1, "1"), NULL), NULL)),
                 "Parallel · 1 branch\nassigns $x");
    /* a non-container goes through asldot_describe_state */
    CHECK_EQ_STR(container(obj("Type", str("Pass"), NULL)), "Pass");
}

static void test_odd_inputs(void)
{
    size_t big = (size_t)10 * 1024;
    char *huge = malloc(big + 1);
    if (huge == NULL)
        return;
    memset(huge, 'x', big);
    huge[big] = '\0';

    /* 10 KB strings where short ones are expected */
    const char *t = resource(huge);
    CHECK_EQ_INT(utf8_len(t), strlen("Task · ") + 40 - 1);
    CHECK(strstr(t, "…") != NULL);
    t = state(obj("Type", str("Wait"), "SecondsPath", str(huge), NULL));
    CHECK(strlen(t) < 100);
    t = state(obj("Type", str(huge), NULL));
    CHECK(strlen(t) < 100);
    t = state(obj("Type", str("Fail"), "Error", str(huge), "Cause", str(huge), NULL));
    CHECK(strlen(t) < 200);
    t = state(obj("Type", str("Pass"), "Assign", obj(huge, num(1, "1"), NULL), NULL));
    CHECK(strlen(t) < 100);
    t = cond(cmp(huge, "StringEquals", str(huge)), ASLDOT_CONDITION_MAX_CHARS);
    CHECK_EQ_INT(utf8_len(t), ASLDOT_CONDITION_MAX_CHARS);
    t = cond(cmp(huge, "StringEquals", str(huge)), 0);
    CHECK_EQ_INT(strlen(t), 2 * big + 6);

    char *arn = malloc(big + 64);
    if (arn != NULL) {
        snprintf(arn, big + 64, "arn:aws:states:::%s:%s", "lambda", huge);
        t = resource(arn);
        CHECK(strncmp(t, "Lambda · X", strlen("Lambda · X")) == 0);
        CHECK(strlen(t) < 100);
        free(arn);
    }

    /* numbers, arrays and objects where strings are expected */
    CHECK_EQ_STR(state(obj("Type", str("Wait"), "Timestamp", num(5, "5"), NULL)), "Wait");
    CHECK_EQ_STR(container(obj("Type", str("Map"), "ItemsPath", num(5, "5"), "ItemReader", str("x"),
                               "ItemBatcher", arr(NULL), "ResultWriter", num(1, "1"),
                               "ItemProcessor", str("x"), NULL)),
                 "Map · inline");
    CHECK_EQ_STR(container(obj("Type", str("Map"), "ItemProcessor",
                               obj("ProcessorConfig", obj("Mode", num(1, "1"), NULL), NULL),
                               "ItemReader", obj("Resource", num(1, "1"), NULL), NULL)),
                 "Map · inline\nreads items");
    /* a number without source text, NaN from a hand-built tree */
    CHECK_EQ_STR(state(obj("Type", str("Wait"), "Seconds", num(45, NULL), NULL)), "wait 45s");
    CHECK_EQ_STR(state(obj("Type", str("Wait"), "Seconds", num(NAN, NULL), NULL)), "Wait");
    /* empty strings */
    CHECK_EQ_STR(state(obj("Type", str("Fail"), "Error", str(""), NULL)), "Error: ");
    CHECK_EQ_STR(cond(cmp("", "StringEquals", str("")), 0), " == \"\"");
    /* argument errors */
    asldot_buf b = ASLDOT_BUF_INIT;
    CHECK_EQ_INT(asldot_describe_state(&b, NULL), ASLDOT_ERR_ARGS);
    CHECK_EQ_INT(asldot_describe_state(NULL, NULL), ASLDOT_ERR_ARGS);
    CHECK_EQ_INT(asldot_describe_resource(NULL, "x"), ASLDOT_ERR_ARGS);
    CHECK_EQ_INT(asldot_describe_condition(NULL, NULL, 0), ASLDOT_ERR_ARGS);
    CHECK_EQ_INT(asldot_describe_container(&b, NULL), ASLDOT_ERR_ARGS);
    CHECK_EQ_INT(b.len, 0);
    asldot_buf_free(&b);
    free(huge);
}

/* ------------------------------------------------------------------ sibling Choice labels */

#define ELLIPSIS "\xE2\x80\xA6" /* "…" */

static size_t utf8_count(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* The label of texts[self] among its siblings, cut to max characters (static buffer). */
static const char *sibling_label(const char *const *texts, size_t count, size_t self, size_t max)
{
    static char text[512];
    size_t at[8];
    asldot_buf b = ASLDOT_BUF_INIT;
    CHECK(count <= 8);
    CHECK_EQ_INT(asldot_describe_sibling_offsets(texts, count, at), ASLDOT_OK);
    CHECK_EQ_INT(asldot_describe_rule_label(&b, texts[self], at[self], max), ASLDOT_OK);
    snprintf(text, sizeof text, "%s", asldot_buf_cstr(&b));
    asldot_buf_free(&b);
    CHECK(max == 0 || utf8_count(text) <= max);
    return text;
}

static void test_sibling_labels(void)
{
    static const char *const status[] = {"$.detail.requestParameters.approvalStatus == \"A\"",
                                         "$.detail.requestParameters.approvalStatus == \"B\"",
                                         "$.other"};
    static const char *const same[] = {"x == 1", "x == 1", "y"};
    static const char *const numbers[] = {"$.detail.requestParameters.amount.total == 1.5",
                                          "$.detail.requestParameters.amount.total == 1.7"};
    static const char *const words[] = {
        "{% $count($states.input.items) > 0 and $count($states.input.other) = 1 %}",
        "{% $count($states.input.items) > 0 and $count($states.input.other) = 2 %}"};
    static const char *const unicode[] = {
        "$.d\xC3\xA9tail.r\xC3\xA9questParameters.approvalStatus == \"\xC3\xA9t\xC3\xA9\"",
        "$.d\xC3\xA9tail.r\xC3\xA9questParameters.approvalStatus == \"hiver\""};
    static const char *const early[] = {
        "$.a == \"x\" and $.detail.requestParameters.approvalStatus == \"A\"",
        "$.b == \"x\" and $.detail.requestParameters.approvalStatus == \"A\""};
    static const char *const middle[] = {
        "{% $a > 0 and $b > 0 and $c > 0 and $d > 1 and $e > 0 and $f > 0 and $g > 0 %}",
        "{% $a > 0 and $b > 0 and $c > 0 and $d > 2 and $e > 0 and $f > 0 and $g > 0 %}",
        ("{% $a > 0 and $b > 0 and $c > 0 and $d > 3 and $e > 0 and $f > 0 and $g > 0 and $h > 0"
         " and $i > 0 %}")};
    size_t at[3];

    /* where each text first differs from its siblings: after the longest shared beginning */
    CHECK_EQ_INT(asldot_describe_sibling_offsets(status, 3, at), ASLDOT_OK);
    CHECK_EQ_INT(at[0], strlen("$.detail.requestParameters.approvalStatus == \""));
    CHECK_EQ_INT(at[1], at[0]);
    CHECK_EQ_INT(at[2], 2); /* "$." */
    CHECK_EQ_INT(asldot_describe_sibling_offsets(same, 3, at), ASLDOT_OK);
    CHECK_EQ_INT(at[0], 0); /* an equal text is no sibling to tell apart from */
    CHECK_EQ_INT(at[2], 0);
    CHECK_EQ_INT(asldot_describe_sibling_offsets(status, 0, NULL), ASLDOT_OK);

    /* the shared beginning goes, from the path step the difference is in */
    CHECK_EQ_STR(sibling_label(status, 3, 0, 40), ELLIPSIS "approvalStatus == \"A\"");
    CHECK_EQ_STR(sibling_label(status, 3, 1, 40), ELLIPSIS "approvalStatus == \"B\"");
    CHECK_EQ_STR(sibling_label(status, 3, 2, 40), "$.other"); /* short: as it is */
    /* a difference inside the window: cut from the right, as without siblings */
    CHECK_EQ_STR(sibling_label(early, 2, 0, 40),
                 "$.a == \"x\" and $.detail.requestParamete\xE2\x80\xA6");
    CHECK_EQ_STR(sibling_label(status, 3, 0, 0), status[0]); /* no limit */
    /* a number's fraction is no path step */
    CHECK_EQ_STR(sibling_label(numbers, 2, 0, 40), ELLIPSIS "total == 1.5");
    /* JSONata: the path step too */
    CHECK_EQ_STR(sibling_label(words, 2, 1, 40), ELLIPSIS "other) = 2 %}");
    /* the difference far from the start: the longest tail that fits, from a word start... */
    CHECK_EQ_STR(sibling_label(middle, 3, 1, 40),
                 ELLIPSIS "> 2 and $e > 0 and $f > 0 and $g > 0 %}");
    /* ...or, far from both ends, a window from a word start half a label before it */
    CHECK_EQ_STR(sibling_label(middle, 3, 2, 40),
                 ELLIPSIS "and $c > 0 and $d > 3 and $e > 0 and $\xE2\x80\xA6");
    /* characters, not bytes, and never half of one */
    CHECK_EQ_STR(sibling_label(unicode, 2, 0, 40),
                 ELLIPSIS "approvalStatus == \"\xC3\xA9t\xC3\xA9\"");
    /* no path step close enough to the difference: the tail that fits, from a word start */
    CHECK_EQ_STR(sibling_label(unicode, 2, 0, 20), ELLIPSIS "== \"\xC3\xA9t\xC3\xA9\"");
    CHECK_EQ_STR(sibling_label(unicode, 2, 1, 20), ELLIPSIS "== \"hiver\"");
}

#ifdef ASLDOT_TESTING
static void test_out_of_memory(void)
{
    /* every allocation failure is reported as ASLDOT_ERR_NOMEM, never a crash or a leak */
    asldot_doc_node *map =
        obj("Type", str("Map"), "ItemProcessor",
            obj("ProcessorConfig", obj("Mode", str("DISTRIBUTED"), NULL), NULL), "ItemReader",
            obj("Resource", str("arn:aws:states:::s3:getObject"), "ReaderConfig",
                obj("InputType", str("CSV"), NULL), NULL),
            "ResultWriter",
            obj("Resource", str("arn:aws:states:::s3:putObject"), "Parameters",
                obj("Bucket", str("b"), NULL), NULL),
            "Assign", obj("a", num(1, "1"), NULL), NULL);
    asldot_doc_node *rule = obj("And",
                                arr(cmp("$.a", "StringEquals", str("x")),
                                    obj("Not", cmp("$.b", "IsNull", boolean(1)), NULL), NULL),
                                NULL);
    int failures = 0, ok = 0;
    for (unsigned long n = 1; n < 200 && !ok; n++) {
        asldot_buf b = ASLDOT_BUF_INIT;
        asldot_state s = make_state(map);
        asldot_status st;
        asldot_alloc_fail_after(n);
        st = asldot_describe_container(&b, &s);
        if (st == ASLDOT_OK)
            st = asldot_describe_condition(&b, rule, 10);
        asldot_alloc_fail_after(0);
        if (st == ASLDOT_OK)
            ok = 1;
        else if (st != ASLDOT_ERR_NOMEM)
            failures++;
        asldot_buf_free(&b);
    }
    CHECK(ok);
    CHECK_EQ_INT(failures, 0);
}
#endif

int main(void)
{
    arena = asldot_arena_new();
    if (arena == NULL)
        return 2;
    test_resources();
    test_lambda_function_name();
    test_wait();
    test_fail_and_simple_types();
    test_assign_and_jsonata();
    test_conditions();
    test_condition_pathological();
    test_retriers_and_catchers();
    test_containers();
    test_odd_inputs();
    test_sibling_labels();
#ifdef ASLDOT_TESTING
    test_out_of_memory();
#endif
    asldot_arena_free(arena);
    TEST_MAIN_END();
}
