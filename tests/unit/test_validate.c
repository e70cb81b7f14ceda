/*
 * test_validate.c: asldot_machine_validate, one small case per diagnostic code (code, JSON
 * Pointer and line), the JSONPath / intrinsic / JSONata syntax checkers, hostile shapes, and
 * the cost of validating a 2000-state machine.
 */
#include "asldot.h"
#include "../harness.h"
#include "buf.h"
#include "jsonata.h"
#include "jsonpath.h"

/* Parses and validates json; returns the diagnostics (caller frees). */
static asldot_diagnostics *lint(const char *json, asldot_status *vst)
{
    asldot_diagnostics *d = NULL;
    asldot_machine *m = NULL;
    asldot_status st;
    CHECK_EQ_INT(asldot_diagnostics_new(&d), ASLDOT_OK);
    st = asldot_machine_parse(&m, json, strlen(json), NULL, d);
    if (st == ASLDOT_OK) {
        st = asldot_machine_validate(m, NULL, d);
        if (vst)
            *vst = st;
    } else if (vst) {
        *vst = st;
    }
    asldot_machine_free(m);
    return d;
}

static void dump(const asldot_diagnostics *d)
{
    CHECK_EQ_INT(asldot_diagnostics_write(stderr, d, "case", ASLDOT_DIAG_TEXT, NULL), ASLDOT_OK);
}

/* Asserts that json yields a diagnostic with code at pointer on line (severity sev). */
static void expect(const char *json, const char *code, const char *pointer, unsigned line,
                   asldot_severity sev)
{
    asldot_diagnostics *d = lint(json, NULL);
    const asldot_diagnostic *hit = NULL;
    for (size_t i = 0; i < asldot_diagnostics_count(d); i++) {
        const asldot_diagnostic *g = asldot_diagnostics_get(d, i);
        if (strcmp(g->code, code) == 0 && strcmp(g->pointer, pointer) == 0) {
            hit = g;
            break;
        }
    }
    CHECK(hit != NULL);
    if (hit == NULL) {
        fprintf(stderr, "  expected [%s] at %s (line %u) in:\n%s\n  got:\n", code, pointer, line,
                json);
        dump(d);
    } else {
        CHECK_EQ_INT(hit->line, line);
        CHECK_EQ_INT(hit->severity, sev);
        CHECK(hit->message != NULL && hit->message[0] != '\0');
    }
    asldot_diagnostics_free(d);
}

#define ERR(json, code, ptr, line)  expect(json, code, ptr, line, ASLDOT_SEV_ERROR)
#define WARN(json, code, ptr, line) expect(json, code, ptr, line, ASLDOT_SEV_WARNING)

/* Asserts that json validates with no error and no warning. */
static void clean(const char *json)
{
    asldot_status st = ASLDOT_ERR_ARGS;
    asldot_diagnostics *d = lint(json, &st);
    CHECK_EQ_INT(st, ASLDOT_OK);
    CHECK_EQ_INT(asldot_diagnostics_count(d), 0);
    if (asldot_diagnostics_count(d) != 0) {
        fprintf(stderr, "  expected no diagnostic in:\n%s\n", json);
        dump(d);
    }
    asldot_diagnostics_free(d);
}

/* A one-state machine around a state body (line 3 holds the state's name). */
#define ONE(body) "{\"StartAt\": \"A\",\n\"States\": {\n\"A\": " body "\n}}"

static void test_structure(void)
{
    ERR("{\"States\": {\"A\": {\"Type\": \"Succeed\"}}}", "missing-field", "", 1);
    ERR("{\"StartAt\": \"A\"}", "missing-field", "", 1);
    ERR("{\"StartAt\": 1,\n\"States\": {\"A\": {\"Type\": \"Succeed\"}}}", "wrong-type", "/StartAt",
        1);
    ERR("{\"StartAt\": \"A\",\n\"States\": {}}", "empty-states", "/States", 2);
    ERR("{\"StartAt\": \"A\", \"Bogus\": 1,\n\"States\": {\"A\": {\"Type\": \"Succeed\"}}}",
        "unknown-field", "/Bogus", 1);
    ERR("{\"StartAt\": \"A\",\n\"Version\": \"2.0\",\n\"States\": {\"A\": {\"Type\": "
        "\"Succeed\"}}}",
        "invalid-version", "/Version", 2);
    ERR("{\"StartAt\": \"A\",\n\"TimeoutSeconds\": 0,\n\"States\": {\"A\": {\"Type\": "
        "\"Succeed\"}}}",
        "number-out-of-range", "/TimeoutSeconds", 2);
    ERR("{\"StartAt\": \"A\",\n\"QueryLanguage\": \"XPath\",\n\"States\": {\"A\": {\"Type\": "
        "\"Succeed\"}}}",
        "invalid-query-language", "/QueryLanguage", 2);
}

static void test_states(void)
{
    ERR(ONE("{\"Type\": \"Sleep\", \"End\": true}"), "unknown-state-type", "/States/A/Type", 3);
    ERR(ONE("{\"End\": true}"), "missing-field", "/States/A", 3);
    ERR(ONE("{\"Type\": \"Pass\",\n\"Next\": \"A\", \"End\": true}"), "next-and-end",
        "/States/A/End", 4);
    ERR(ONE("{\"Type\": \"Pass\"}"), "missing-next-or-end", "/States/A", 3);
    ERR(ONE("{\"Type\": \"Succeed\",\n\"End\": true}"), "field-not-allowed", "/States/A/End", 4);
    ERR(ONE("{\"Type\": \"Fail\",\n\"ResultPath\": \"$.x\"}"), "field-not-allowed",
        "/States/A/ResultPath", 4);
    ERR(ONE("{\"Type\": \"Pass\", \"End\": true,\n\"Foo\": 1}"), "unknown-field", "/States/A/Foo",
        4);
    ERR(ONE("{\"Type\": \"Pass\", \"End\": true,\n\"Comment\": 7}"), "wrong-type",
        "/States/A/Comment", 4);
    ERR(ONE("{\"Type\": \"Task\", \"End\": true}"), "missing-field", "/States/A", 3);
    ERR(ONE("{\"Type\": \"Task\", \"Resource\": \"x\", \"End\": true,\n\"TimeoutSeconds\": 1.5}"),
        "not-an-integer", "/States/A/TimeoutSeconds", 4);
    ERR(ONE("{\"Type\": \"Task\", \"Resource\": \"x\", \"End\": true,\n\"TimeoutSeconds\": 5,\n"
            "\"HeartbeatSeconds\": 9}"),
        "number-out-of-range", "/States/A/HeartbeatSeconds", 5);
    ERR(ONE("{\"Type\": \"Task\", \"Resource\": \"x\", \"End\": true, \"TimeoutSeconds\": 5,\n"
            "\"TimeoutSecondsPath\": \"$.t\"}"),
        "mutually-exclusive", "/States/A/TimeoutSecondsPath", 4);
    ERR(ONE("{\"Type\": \"Wait\", \"End\": true}"), "missing-field", "/States/A", 3);
    ERR(ONE("{\"Type\": \"Wait\", \"End\": true, \"Seconds\": 1,\n\"Timestamp\": "
            "\"2016-03-14T01:59:00Z\"}"),
        "mutually-exclusive", "/States/A/Timestamp", 4);
    ERR(ONE("{\"Type\": \"Wait\", \"End\": true,\n\"Timestamp\": \"yesterday\"}"),
        "invalid-timestamp", "/States/A/Timestamp", 4);
    ERR(ONE("{\"Type\": \"Parallel\", \"End\": true,\n\"Branches\": []}"), "empty-branches",
        "/States/A/Branches", 4);
    ERR(ONE("{\"Type\": \"Parallel\", \"End\": true,\n\"Branches\": [[]]}"), "wrong-type",
        "/States/A/Branches/0", 4);
    ERR(ONE("{\"Type\": \"Map\", \"End\": true}"), "missing-field", "/States/A", 3);
    ERR(ONE("{\"Type\": \"Map\", \"End\": true, \"ToleratedFailurePercentage\": \n101, "
            "\"ItemProcessor\": {\"StartAt\": \"B\", \"States\": {\"B\": {\"Type\": "
            "\"Succeed\"}}}}"),
        "number-out-of-range", "/States/A/ToleratedFailurePercentage", 4);
    ERR(ONE("{\"Type\": \"Map\", \"End\": true, \"ItemProcessor\": {\"StartAt\": \"B\",\n"
            "\"ProcessorConfig\": {\"Mode\": \"PARALLEL\"}, \"States\": {\"B\": {\"Type\": "
            "\"Succeed\"}}}}"),
        "invalid-enum", "/States/A/ItemProcessor/ProcessorConfig/Mode", 4);
    ERR(ONE("{\"Type\": \"Task\", \"End\": true,\n\"Resource\": "
            "\"arn:aws:lambda:us-east-1:1:function:f:\"}"),
        "invalid-resource", "/States/A/Resource", 4);
    ERR(ONE("{\"Type\": \"Task\", \"End\": true,\n\"Resource\": "
            "\"arn:aws:states:::dynamodb:scan\"}"),
        "invalid-resource", "/States/A/Resource", 4);
    ERR(ONE("{\"Type\": \"Task\", \"Resource\": \"x\", \"End\": true,\n\"Credentials\": {}}"),
        "missing-field", "/States/A/Credentials", 4);
}

static void test_retry_catch(void)
{
#define TASK(extra) ONE("{\"Type\": \"Task\", \"Resource\": \"x\", \"End\": true,\n" extra "}")
    ERR(TASK("\"Retry\": [{\"ErrorEquals\": []}]"), "empty-error-equals",
        "/States/A/Retry/0/ErrorEquals", 4);
    ERR(TASK("\"Retry\": [{\"ErrorEquals\": [\"X\"], \"MaxAttempts\": -1}]"), "number-out-of-range",
        "/States/A/Retry/0/MaxAttempts", 4);
    ERR(TASK("\"Retry\": [{\"ErrorEquals\": [\"X\"], \"BackoffRate\": 0.5}]"),
        "number-out-of-range", "/States/A/Retry/0/BackoffRate", 4);
    ERR(TASK("\"Retry\": [{\"ErrorEquals\": [\"X\"], \"IntervalSeconds\": 2.5}]"), "not-an-integer",
        "/States/A/Retry/0/IntervalSeconds", 4);
    ERR(TASK("\"Retry\": [{\"ErrorEquals\": [\"X\"], \"JitterStrategy\": \"full\"}]"),
        "invalid-enum", "/States/A/Retry/0/JitterStrategy", 4);
    ERR(TASK("\"Retry\": [{\"ErrorEquals\": [\"States.ALL\", \"X\"]}]"), "states-all-not-alone",
        "/States/A/Retry/0/ErrorEquals/0", 4);
    ERR(TASK("\"Retry\": [{\"ErrorEquals\": [\"States.ALL\"]}, {\"ErrorEquals\": [\"X\"]}]"),
        "states-all-not-last", "/States/A/Retry/0", 4);
    WARN(TASK("\"Retry\": [{\"ErrorEquals\": [\"States.Oops\"]}]"), "unknown-error-name",
         "/States/A/Retry/0/ErrorEquals/0", 4);
    ERR(TASK("\"Catch\": [{\"ErrorEquals\": [\"X\"]}]"), "missing-field", "/States/A/Catch/0", 4);
    ERR(TASK("\"Catch\": [{\"ErrorEquals\": [\"X\"], \"Next\": \"Nope\"}]"), "next-target-missing",
        "/States/A/Catch/0/Next", 4);
#undef TASK
}

static void test_choice(void)
{
#define CHOICE(rules) ONE("{\"Type\": \"Choice\", \"Default\": \"A\",\n\"Choices\": " rules "}")
    ERR(CHOICE("[]"), "empty-choices", "/States/A/Choices", 4);
    ERR(CHOICE("[{\"Variable\": \"$.x\", \"Next\": \"A\"}]"), "invalid-choice-rule",
        "/States/A/Choices/0", 4);
    ERR(CHOICE("[{\"Variable\": \"$.x\", \"IsNull\": true, \"IsString\": true, \"Next\": \"A\"}]"),
        "invalid-choice-rule", "/States/A/Choices/0", 4);
    ERR(CHOICE("[{\"Variable\": \"$.x\", \"IsNull\": true}]"), "missing-field",
        "/States/A/Choices/0", 4);
    ERR(CHOICE("[{\"Not\": {\"Variable\": \"$.x\", \"IsNull\": true, \"Next\": \"A\"}, \"Next\": "
               "\"A\"}]"),
        "field-not-allowed", "/States/A/Choices/0/Not/Next", 4);
    ERR(CHOICE("[{\"Variable\": \"$.x\", \"NumericEquals\": \"1\", \"Next\": \"A\"}]"),
        "wrong-type", "/States/A/Choices/0/NumericEquals", 4);
    ERR(CHOICE("[{\"Variable\": \"States.Format('x')\", \"IsNull\": true, \"Next\": \"A\"}]"),
        "invalid-jsonpath", "/States/A/Choices/0/Variable", 4);
    ERR(ONE("{\"Type\": \"Choice\", \"Default\": \"A\", \"Choices\": [{\"Variable\": \"$.x\", "
            "\"IsNull\": true, \"Next\": \"A\"}],\n\"Next\": \"A\"}"),
        "field-not-allowed", "/States/A/Next", 4);
#undef CHOICE
}

static void test_graph(void)
{
    ERR("{\"StartAt\": \"B\",\n\"States\": {\"A\": {\"Type\": \"Succeed\"}}}",
        "start-at-missing-target", "/StartAt", 1);
    ERR("{\"StartAt\": \"A\", \"States\": {\n\"A\": {\"Type\": \"Pass\",\n\"Next\": \"B\"}}}",
        "next-target-missing", "/States/A/Next", 3);
    ERR("{\"StartAt\": \"P\", \"States\": {\n\"P\": {\"Type\": \"Parallel\", \"End\": true, "
        "\"Branches\": [{\"StartAt\": \"B\", \"States\": {\"B\": {\"Type\": \"Pass\",\n"
        "\"Next\": \"P\"}}}]}}}",
        "transition-leaves-scope", "/States/P/Branches/0/States/B/Next", 3);
    ERR("{\"StartAt\": \"P\", \"States\": {\n\"P\": {\"Type\": \"Parallel\", \"End\": true, "
        "\"Branches\": [{\"StartAt\": \"B\", \"States\": {\n\"B\": {\"Type\": \"Succeed\"}}}, "
        "{\"StartAt\": \"B\", \"States\": {\n\"B\": {\"Type\": \"Succeed\"}}}]}}}",
        "duplicate-state-name", "/States/P/Branches/1/States/B", 4);
    ERR("{\"StartAt\": \"A\", \"States\": {\n\"A\": {\"Type\": \"Succeed\"},\n"
        "\"B\": {\"Type\": \"Succeed\"}}}",
        "unreachable-state", "/States/B", 3);
    ERR("{\"StartAt\": \"A\",\n\"States\": {\"A\": {\"Type\": \"Pass\", \"Next\": \"B\"}, "
        "\"B\": {\"Type\": \"Pass\", \"Next\": \"A\"}}}",
        "no-terminal-state", "/States", 2);
    ERR("{\"StartAt\": \"A\", \"States\": {\n\"A\": {\"Type\": \"Succeed\"},\n"
        "\"\": {\"Type\": \"Succeed\"}}}",
        "invalid-state-name", "/States/", 3);
    {
        char json[512];
        char name[100];
        memset(name, 'n', 81);
        name[81] = '\0';
        (void)snprintf(json, sizeof json,
                       "{\"StartAt\": \"%s\",\n\"States\": {\n\"%s\": {\"Type\": \"Succeed\"}}}",
                       name, name);
        {
            char ptr[120];
            (void)snprintf(ptr, sizeof ptr, "/States/%s", name);
            ERR(json, "state-name-too-long", ptr, 3);
        }
    }
}

static void test_paths(void)
{
    ERR(ONE("{\"Type\": \"Pass\", \"End\": true,\n\"InputPath\": \"$.a[\"}"), "invalid-jsonpath",
        "/States/A/InputPath", 4);
    ERR(ONE("{\"Type\": \"Pass\", \"End\": true,\n\"ResultPath\": \"$.a[*]\"}"), "invalid-jsonpath",
        "/States/A/ResultPath", 4);
    ERR(ONE("{\"Type\": \"Pass\", \"End\": true, \"Parameters\": {\n\"x.$\": \"States.Array(\"}}"),
        "invalid-intrinsic", "/States/A/Parameters/x.$", 4);
    ERR(ONE("{\"Type\": \"Pass\", \"End\": true, \"Parameters\": {\"x\": 1,\n\"x.$\": \"$.x\"}}"),
        "duplicate-payload-field", "/States/A/Parameters/x.$", 4);
    WARN(ONE("{\"Type\": \"Pass\", \"End\": true, \"Parameters\": {\n\"x.$\": "
             "\"States.Format('{}{}', $.a $.b)\"}}"),
         "intrinsic-missing-comma", "/States/A/Parameters/x.$", 4);
    ERR(ONE("{\"Type\": \"Fail\",\n\"ErrorPath\": \"States.MathAdd(1, 2)\"}"), "invalid-intrinsic",
        "/States/A/ErrorPath", 4);
    /* what AWS's validator warns about: a path passed on as text */
    WARN(ONE("{\"Type\": \"Pass\", \"End\": true, \"Parameters\": {\"a\": {\n\"id\": "
             "\"$.order.id\"}}}"),
         "no-dollar", "/States/A/Parameters/a/id", 4);
    WARN(ONE("{\"Type\": \"Pass\", \"End\": true, \"Parameters\": {\n\"n\": "
             "\"States.ArrayLength($.a)\"}}"),
         "no-dollar", "/States/A/Parameters/n", 4);
    WARN(ONE("{\"Type\": \"Pass\", \"End\": true, \"Result\": {\"m\": [1,\n{\"x.$\": \"$\"}]}}"),
         "pass-result-is-static", "/States/A/Result/m/1/x.$", 4);
    WARN(ONE("{\"Type\": \"Pass\", \"End\": true,\n\"Result\": \"$$.Execution.Id\"}"),
         "pass-result-is-static", "/States/A/Result", 4);
    WARN(ONE("{\"Type\": \"Fail\",\n\"Cause\": \"$.error.Cause\"}"), "no-path", "/States/A/Cause",
         4);
    /* every predefined error name is known (AWS's guide lists two the ASL spec does not) */
    clean(
        ONE("{\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::http:invoke\", \"Parameters\": "
            "{\"ApiEndpoint\": \"https://example.com\", \"Method\": \"GET\", \"Authentication\": "
            "{\"ConnectionArn\": \"arn:aws:events:us-east-1:123456789012:connection/c/1\"}}, "
            "\"End\": true, \"Retry\": [{\"ErrorEquals\": [\"States.Http.Socket\", "
            "\"States.DataLimitExceeded\"]}]}"));
    /* text that only starts like a path, money, and JSONata states stay quiet */
    clean(ONE("{\"Type\": \"Pass\", \"End\": true, \"Parameters\": {\"price\": \"$5\", \"note\": "
              "\"$.a is [\", \"all\": \"$\"}, \"ResultPath\": \"$.x\"}"));
    clean(ONE("{\"Type\": \"Pass\", \"End\": true, \"Result\": {\"cost\": \"$10\"}}"));
    clean(ONE("{\"Type\": \"Fail\", \"Error\": \"Failed\", \"Cause\": \"$ is low\"}"));
    clean(ONE("{\"Type\": \"Pass\", \"QueryLanguage\": \"JSONata\", \"End\": true, \"Output\": "
              "{\"id\": \"$.order.id\"}}"));
}

static void test_jsonata_rules(void)
{
#define JA(body) ONE("{\"QueryLanguage\": \"JSONata\", " body "}")
    ERR(JA("\"Type\": \"Pass\", \"End\": true,\n\"Output\": \"{% $x + %}\""), "invalid-jsonata",
        "/States/A/Output", 4);
    ERR(JA("\"Type\": \"Pass\", \"End\": true,\n\"ResultPath\": \"$.x\""),
        "jsonpath-field-in-jsonata", "/States/A/ResultPath", 4);
    ERR(ONE("{\"Type\": \"Pass\", \"End\": true,\n\"Output\": 1}"), "jsonata-field-in-jsonpath",
        "/States/A/Output", 4);
    ERR("{\"QueryLanguage\": \"JSONata\", \"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": "
        "\"Pass\", \"End\": true,\n\"QueryLanguage\": \"JSONPath\"}}}",
        "invalid-query-language", "/States/A/QueryLanguage", 2);
    ERR(JA("\"Type\": \"Task\", \"Resource\": \"x\", \"End\": true,\n\"Arguments\": 123"),
        "wrong-type", "/States/A/Arguments", 4);
#undef JA
}

static void test_clean(void)
{
    clean("{\"Comment\": \"c\", \"Version\": \"1.0\", \"TimeoutSeconds\": 60, \"StartAt\": \"A\","
          " \"States\": {\"A\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::lambda:"
          "invoke.waitForTaskToken\", \"Parameters\": {\"a.$\": \"$.x[0].y\", \"b.$\": "
          "\"$$.Execution.Id\", \"c.$\": \"States.Format('{} {}', $.a, States.UUID())\"}, "
          "\"ResultSelector\": {\"r.$\": \"$.Payload\"}, \"ResultPath\": \"$.out\", \"Retry\": "
          "[{\"ErrorEquals\": [\"States.Timeout\"], \"MaxAttempts\": 2, \"BackoffRate\": 1.5, "
          "\"JitterStrategy\": \"FULL\"}, {\"ErrorEquals\": [\"States.ALL\"]}], \"Catch\": "
          "[{\"ErrorEquals\": [\"States.ALL\"], \"Next\": \"F\"}], \"Next\": \"C\"}, \"C\": "
          "{\"Type\": \"Choice\", \"Choices\": [{\"And\": [{\"Variable\": \"$.a\", "
          "\"IsPresent\": true}, {\"Not\": {\"Variable\": \"$.b\", \"StringMatches\": "
          "\"x*\"}}], \"Next\": \"W\"}], \"Default\": \"F\"}, \"W\": {\"Type\": \"Wait\", "
          "\"SecondsPath\": \"$.s\", \"Next\": \"M\"}, \"M\": {\"Type\": \"Map\", \"ItemsPath\": "
          "\"$.items\", \"MaxConcurrency\": 2, \"ItemProcessor\": {\"ProcessorConfig\": "
          "{\"Mode\": \"INLINE\"}, \"StartAt\": \"I\", \"States\": {\"I\": {\"Type\": "
          "\"Succeed\"}}}, \"End\": true}, \"F\": {\"Type\": \"Fail\", \"Error\": \"E\"}}}");
    clean("{\"QueryLanguage\": \"JSONata\", \"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": "
          "\"Task\", \"Resource\": \"arn:aws:states:::lambda:invoke\", \"Arguments\": "
          "{\"Payload\": \"{% $states.input %}\"}, \"Output\": \"{% $states.result.Payload %}\", "
          "\"Assign\": {\"n\": \"{% $count($states.input.items) %}\"}, \"TimeoutSeconds\": "
          "\"{% $t %}\", \"Next\": \"C\"}, \"C\": {\"Type\": \"Choice\", \"Choices\": "
          "[{\"Condition\": \"{% $n > 2 and $exists($states.input.x) %}\", \"Next\": \"S\"}], "
          "\"Default\": \"S\"}, \"S\": {\"Type\": \"Succeed\", \"Output\": \"{% {'a': [1..3], "
          "'f': function($x){ $x * 2 }(3)} %}\"}}}");
}

static void test_jsonpath_syntax(void)
{
    static const char *const good[] = {
        "$",
        "$.a.b",
        "$['a b'].c",
        "$.a[0]",
        "$.a[-1]",
        "$.a[1:]",
        "$.a[0,1]",
        "$..a",
        "$.a[*].b",
        "$.a[?(@.b == 'x')]",
        "$.a.length()",
        "$.[0]",
        "$[(@.length-1)].bar",
        "$.detail-type",
        "$.x ",
    };
    static const char *const bad[] = {"",     "a",    "$.",   "$.a[",     "$.a[]",
                                      "$a b", "$.a]", " $.a", "$.a[?()]", "$$23"};
    char why[200];
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        int ok = asldot_jsonpath_check(good[i], strlen(good[i]),
                                       ASLDOT_JP_CONTEXT | ASLDOT_JP_VARIABLE, why, sizeof why);
        CHECK(ok == 1);
        if (ok != 1)
            fprintf(stderr, "  \"%s\": %s\n", good[i], why);
    }
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        CHECK(asldot_jsonpath_check(bad[i], strlen(bad[i]), ASLDOT_JP_CONTEXT, why, sizeof why) ==
              0);
    CHECK(asldot_jsonpath_check("$.a..b", 6, ASLDOT_JP_REFERENCE, why, sizeof why) == 0);
    CHECK_CONTAINS(why, "reference path");
    CHECK(asldot_jsonpath_check("$$.Map", 6, 0, why, sizeof why) == 0);
    CHECK(asldot_jsonpath_check("$var.x", 6, 0, why, sizeof why) == 0);
    CHECK(asldot_jsonpath_check("$var.x", 6, ASLDOT_JP_VARIABLE, why, sizeof why) == 1);
}

static void test_intrinsics(void)
{
    static const char *const good[] = {
        "States.UUID()",
        "States.Format('a {} b \\{\\} {}', $.x, 3)",
        "States.Array(1, 'x', true, null, $.a, States.UUID())",
        "States.ArrayPartition($.a, 2)",
        "States.ArrayRange(1, 9, 2)",
        "States.Hash($.x, 'SHA-256')",
        "States.JsonMerge($.a, $.b, false)",
        "States.MathRandom(1, 100)",
        "States.MathAdd($.n, -1.5)",
        "States.StringSplit($.s, ',')",
        "States.ArrayGetItem(States.StringSplit($.s, ','), 0)",
        "States.Base64Encode($.s)",
        "States.ArrayContains($.a, $.v)",
        "States.ArrayLength($.a)",
        "States.ArrayUnique($.a)",
        "States.JsonToString($)",
        "States.StringToJson($.s)",
        "States.Base64Decode('YQ==')",
    };
    static const char *const bad[] = {
        "States.Nope()",
        "States.UUID(1)",
        "States.Format('{} {}', $.a)",
        "States.MathAdd(1, '2')",
        "States.ArrayPartition($.a, 0)",
        "States.Hash($.x, 'SHA-3')",
        "States.JsonMerge($.a, $.b, true)",
        "States.StringToJson('\\\"')",
        "States.Format(\"x\")",
        "States.Array(",
        "States.Array() x",
        "States.ArrayGetItem($.a, -1)",
    };
    char why[200];
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        int ok = asldot_intrinsic_check(good[i], strlen(good[i]), NULL, why, sizeof why);
        CHECK(ok == 1);
        if (ok != 1)
            fprintf(stderr, "  \"%s\": %s\n", good[i], why);
    }
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int ok = asldot_intrinsic_check(bad[i], strlen(bad[i]), NULL, why, sizeof why);
        CHECK(ok == 0);
        if (ok != 0)
            fprintf(stderr, "  accepted \"%s\"\n", bad[i]);
    }
}

static void test_jsonata_syntax(void)
{
    static const char *const good[] = {
        "{% $states.input %}",
        "{% $x.y[0].z %}",
        "{% $sum($states.input.items.price) %}",
        "{% $a ? 'yes' : 'no' %}",
        "{% ($v := 1; $v + 2) %}",
        "{% [1..5] ~> $map(function($x){ $x * 2 }) %}",
        "{% $states.input.items^(>price)[0] %}",
        "{% $f(?, 2) %}",
        "{% {'a': 1, 'b': [true, false, null]} %}",
        "{% $match($s, /ab+c/i) %}",
        "{% $a / 2 %}",
        "{% /* note */ $a %}",
        "{% Account.Order#$i.Product %}",
        "{% $states.input.items[price > 10 and qty in [1, 2]] %}",
        "{% $x != 3 %}",
        "{% `weird name`.x %}",
        "{% $a ?? 0 %}",
        "{% function($x)<n:n>{ $x } %}",
        "{% $ %}",
        "{% $states.input%}",
    };
    static const char *const bad[] = {
        "{%10%}",      "{% \n10 %}",  "10 %}",       "{% 10",
        "{%  %}",      "{% 420. %}",  "{% $sum( %}", "{% $.a[?(@.b < 1)] %}",
        "{% 'open %}", "{% [1, 2 %}", "{% $a + %}",  "{% ) %}",
        "{% a b %}",   "{% /* x %}",
    };
    char why[200];
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        int ok = asldot_jsonata_check_template(good[i], strlen(good[i]), why, sizeof why);
        CHECK(ok == 1);
        if (ok != 1)
            fprintf(stderr, "  \"%s\": %s\n", good[i], why);
    }
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int ok = asldot_jsonata_check_template(bad[i], strlen(bad[i]), why, sizeof why);
        CHECK(ok == 0);
        if (ok != 0)
            fprintf(stderr, "  accepted \"%s\"\n", bad[i]);
    }
    /* deep nesting fails cleanly */
    {
        size_t n = 100000;
        char *s = malloc(n + 8);
        CHECK(s != NULL);
        if (s != NULL) {
            memcpy(s, "{% ", 3);
            memset(s + 3, '(', n);
            memcpy(s + 3 + n, " %}", 3);
            CHECK(asldot_jsonata_check_template(s, n + 6, why, sizeof why) == 0);
            free(s);
        }
    }
}

/* A chain of n Task states with Catch edges, plus a Choice fanning out over every state. */
static void test_wide_fan_out(void)
{
    asldot_buf b = ASLDOT_BUF_INIT;
    const size_t n = 2000;
    asldot_diagnostics *d = NULL;
    asldot_machine *m = NULL;
    (void)asldot_buf_puts(&b, "{\"StartAt\": \"C\", \"States\": {\"C\": {\"Type\": "
                              "\"Choice\", \"Default\": \"S0\", \"Choices\": [");
    for (size_t i = 0; i < n; i++)
        (void)asldot_buf_printf(&b,
                                "%s{\"Variable\": \"$.v\", \"NumericEquals\": %zu, "
                                "\"Next\": \"S%zu\"}",
                                i ? "," : "", i, i);
    (void)asldot_buf_puts(&b, "]}");
    for (size_t i = 0; i < n; i++) {
        (void)asldot_buf_printf(&b,
                                ", \"S%zu\": {\"Type\": \"Task\", \"Resource\": \"r\", "
                                "\"Catch\": [{\"ErrorEquals\": [\"States.ALL\"], \"Next\": "
                                "\"S%zu\"}], ",
                                i, n - 1);
        if (i + 1 < n)
            (void)asldot_buf_printf(&b, "\"Next\": \"S%zu\"}", i + 1);
        else
            (void)asldot_buf_puts(&b, "\"End\": true}");
    }
    (void)asldot_buf_puts(&b, "}}");
    CHECK_EQ_INT(asldot_diagnostics_new(&d), ASLDOT_OK);
    CHECK_EQ_INT(asldot_machine_parse(&m, b.data, b.len, NULL, d), ASLDOT_OK);
    /* No time bound here (a loaded machine would fail it): ctest's timeout guards against a
     * quadratic walk, and the benchmark measures the speed. */
    CHECK_EQ_INT(asldot_machine_validate(m, NULL, d), ASLDOT_OK);
    CHECK_EQ_INT(asldot_diagnostics_count(d), 0);
    if (asldot_diagnostics_count(d) != 0)
        dump(d);
    asldot_machine_free(m);
    asldot_diagnostics_free(d);
    asldot_buf_free(&b);
}

int main(void)
{
    test_structure();
    test_states();
    test_retry_catch();
    test_choice();
    test_graph();
    test_paths();
    test_jsonata_rules();
    test_clean();
    test_jsonpath_syntax();
    test_intrinsics();
    test_jsonata_syntax();
    test_wide_fan_out();
    TEST_MAIN_END();
}
