/* test_source.c: the source stage (source*.c, mtext.c) through the public API: kinds and ids,
 * intrinsics as placeholders, substitutions, positions mapped back into the template, unresolved
 * and broken machines, the status contract, and every allocation failing in turn. */
#include "asldot.h"
#include "alloc.h"

#include "../harness.h"

#include <string.h>

static const char SAM[] = "Resources:\n"                                       /* 1 */
                          "  Fn:\n"                                            /* 2 */
                          "    Type: AWS::Serverless::Function\n"              /* 3 */
                          "  Flow:\n"                                          /* 4 */
                          "    Type: AWS::Serverless::StateMachine\n"          /* 5 */
                          "    Properties:\n"                                  /* 6 */
                          "      DefinitionSubstitutions:\n"                   /* 7 */
                          "        Wait: 5\n"                                  /* 8 */
                          "      Definition:\n"                                /* 9 */
                          "        StartAt: A\n"                               /* 10 */
                          "        States:\n"                                  /* 11 */
                          "          A:\n"                                     /* 12 */
                          "            Type: Task\n"                           /* 13 */
                          "            Resource: !GetAtt Fn.Arn\n"             /* 14 */
                          "            TimeoutSeconds: !Ref Timeout\n"         /* 15 */
                          "            Next: B\n"                              /* 16 */
                          "          B:\n"                                     /* 17 */
                          "            Type: Wait\n"                           /* 18 */
                          "            Seconds: 1\n"                           /* 19 */
                          "            Next: Gone\n"                           /* 20 */
                          "  Remote:\n"                                        /* 21 */
                          "    Type: AWS::StepFunctions::StateMachine\n"       /* 22 */
                          "    Properties:\n"                                  /* 23 */
                          "      DefinitionS3Location: {Bucket: b, Key: k}\n"; /* 24 */

/* A DefinitionString whose error sits after escapes: "Next" of B is on line 3, column 68. */
static const char CFN_JSON[] =
    "{\"Resources\": {\"M\": {\"Type\": \"AWS::StepFunctions::StateMachine\",\n"
    " \"Properties\": {\"DefinitionString\": {\"Fn::Join\": [\"\", [\n"
    "  \"{\\\"StartAt\\\": \\\"A\\\", \\\"States\\\": {\\\"A\\\": {\\\"Type\\\": \\\"Pass\\\", "
    "\\\"Next\\\": \\\"Nope\\\"}}}\"\n"
    " ]]}}}}}\n";

static const char TF[] =
    "resource \"aws_sfn_state_machine\" \"job\" {\n"
    "  definition = jsonencode({\n"
    "    StartAt = \"Run\"\n"
    "    States = { Run = { Type = \"Task\", Resource = aws_lambda_function.f.arn,\n"
    "                       TimeoutSeconds = var.t, End = true } }\n"
    "  })\n"
    "}\n"
    "resource \"aws_sfn_state_machine\" \"ext\" {\n"
    "  definition = var.definition\n"
    "}\n";

static const char BARE[] = "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Wait\","
                           " \"Seconds\": ${Wait}, \"End\": true}}}";

static asldot_source *parse(const char *text, asldot_source_kind kind, asldot_status want,
                            asldot_diagnostics *d)
{
    asldot_source_options so = ASLDOT_SOURCE_OPTIONS_INIT;
    asldot_source *s = NULL;
    so.kind = kind;
    CHECK_EQ_INT(asldot_source_parse(&s, text, strlen(text), &so, NULL, d), want);
    return s;
}

/* Loads and validates machine id; returns the number of errors (-1: not loaded). */
static int lint(const asldot_source *s, const char *id, asldot_diagnostics *d)
{
    size_t i = 0;
    asldot_machine *m = NULL;
    int before = (int)asldot_diagnostics_error_count(d);
    if (asldot_source_find(s, id, &i) != ASLDOT_OK ||
        asldot_source_load(&m, s, i, NULL, d) != ASLDOT_OK)
        return -1;
    CHECK_EQ_INT(asldot_diagnostics_set_machine(d, id), ASLDOT_OK);
    {
        asldot_status st = asldot_machine_validate(m, NULL, d); /* the caller counts the errors */
        CHECK(st == ASLDOT_OK || st == ASLDOT_ERR_INVALID);
    }
    CHECK_EQ_INT(asldot_diagnostics_set_machine(d, NULL), ASLDOT_OK);
    asldot_machine_free(m);
    return (int)asldot_diagnostics_error_count(d) - before;
}

static void test_sam(void)
{
    asldot_diagnostics *d = NULL;
    asldot_source *s;
    const asldot_diagnostic *g;
    CHECK_EQ_INT(asldot_diagnostics_new(&d), ASLDOT_OK);
    s = parse(SAM, ASLDOT_SOURCE_AUTO, ASLDOT_OK, d);
    CHECK_EQ_INT(asldot_source_get_kind(s), ASLDOT_SOURCE_CLOUDFORMATION);
    CHECK_EQ_INT((int)asldot_source_count(s), 2);
    CHECK_EQ_STR(asldot_source_get(s, 0)->id, "Flow");
    CHECK_EQ_STR(asldot_source_get(s, 0)->kind, "sam");
    CHECK_EQ_STR(asldot_source_get(s, 0)->origin, "Definition");
    CHECK(asldot_source_get(s, 0)->unresolved == NULL);
    CHECK_EQ_STR(asldot_source_get(s, 1)->id, "Remote");
    CHECK(asldot_source_get(s, 1)->unresolved != NULL);
    CHECK(asldot_source_get(s, 2) == NULL);
    /* the placeholders pass; the one real error is found, at the template's line:column */
    CHECK_EQ_INT(lint(s, "Flow", d), 1);
    g = asldot_diagnostics_get(d, 0);
    CHECK(g != NULL);
    if (g != NULL) {
        CHECK_EQ_STR(g->code, "next-target-missing");
        CHECK_EQ_INT(g->line, 20);
        CHECK_EQ_INT(g->column, 19);
        CHECK_EQ_STR(g->pointer, "/States/B/Next");
        CHECK_EQ_STR(g->machine, "Flow");
    }
    {
        asldot_machine *m = (asldot_machine *)1;
        CHECK_EQ_INT(asldot_source_load(&m, s, 1, NULL, d), ASLDOT_ERR_UNSUPPORTED);
        CHECK(m == NULL);
        CHECK_EQ_INT(asldot_source_load(&m, s, 9, NULL, d), ASLDOT_ERR_ARGS);
    }
    asldot_source_free(s);
    asldot_diagnostics_free(d);
}

static void test_definition_string_positions(void)
{
    asldot_diagnostics *d = NULL;
    asldot_source *s;
    const asldot_diagnostic *g;
    CHECK_EQ_INT(asldot_diagnostics_new(&d), ASLDOT_OK);
    s = parse(CFN_JSON, ASLDOT_SOURCE_AUTO, ASLDOT_OK, d);
    CHECK_EQ_STR(asldot_source_get(s, 0)->origin, "DefinitionString (Fn::Join)");
    CHECK_EQ_INT(lint(s, "M", d), 1);
    g = asldot_diagnostics_get(d, 0);
    if (g != NULL) {
        CHECK_EQ_INT(g->line, 3);
        CHECK_EQ_INT(g->column, 76); /* the escaped opening quote of "Nope" in the template */
        CHECK_EQ_STR(g->pointer, "/States/A/Next");
    }
    asldot_source_free(s);
    asldot_diagnostics_free(d);
}

static void test_terraform(void)
{
    asldot_diagnostics *d = NULL;
    asldot_source *s;
    CHECK_EQ_INT(asldot_diagnostics_new(&d), ASLDOT_OK);
    s = parse(TF, ASLDOT_SOURCE_AUTO, ASLDOT_OK, d);
    CHECK_EQ_INT(asldot_source_get_kind(s), ASLDOT_SOURCE_TERRAFORM);
    CHECK_EQ_INT((int)asldot_source_count(s), 2);
    CHECK_EQ_STR(asldot_source_get(s, 0)->id, "job");
    CHECK_EQ_INT(lint(s, "job", d), 0); /* references and var.t are placeholders */
    CHECK_CONTAINS(asldot_source_get(s, 1)->unresolved, "var.definition");
    asldot_source_free(s);
    asldot_diagnostics_free(d);
}

static void test_bare_and_substitutions(void)
{
    static const char *const good[] = {"Wait=10"}, *const bad[] = {"Wait=\"x\""};
    asldot_source_options so = ASLDOT_SOURCE_OPTIONS_INIT;
    asldot_diagnostics *d = NULL;
    asldot_source *s = NULL;
    CHECK_EQ_INT(asldot_diagnostics_new(&d), ASLDOT_OK);
    s = parse(BARE, ASLDOT_SOURCE_AUTO, ASLDOT_OK, d);
    CHECK_EQ_STR(asldot_source_get(s, 0)->id, "-");
    CHECK_EQ_INT(lint(s, "-", d), 0); /* the bare ${Wait} is quoted: a placeholder number */
    asldot_source_free(s);
    so.substitutions = good;
    so.substitution_count = 1;
    CHECK_EQ_INT(asldot_source_parse(&s, BARE, strlen(BARE), &so, NULL, d), ASLDOT_OK);
    CHECK_EQ_INT(lint(s, "-", d), 0);
    asldot_source_free(s);
    so.substitutions = bad;
    CHECK_EQ_INT(asldot_source_parse(&s, BARE, strlen(BARE), &so, NULL, d), ASLDOT_OK);
    CHECK_EQ_INT(lint(s, "-", d), 1); /* a substituted string where a number goes */
    asldot_source_free(s);
    asldot_diagnostics_free(d);
}

/* With ASLDOT_OPT_NOTE_PLACEHOLDERS: one note per key that nothing fills, nothing else. */
static void test_unfilled_notes(void)
{
    static const char *const wait[] = {"Wait=10"};
    asldot_options o = ASLDOT_OPTIONS_INIT;
    asldot_source_options so = ASLDOT_SOURCE_OPTIONS_INIT;
    asldot_diagnostics *d = NULL;
    asldot_source *s = NULL;
    asldot_machine *m = NULL;
    const asldot_diagnostic *g;
    o.flags |= ASLDOT_OPT_NOTE_PLACEHOLDERS;
    CHECK_EQ_INT(asldot_diagnostics_new(&d), ASLDOT_OK);
    s = parse(SAM, ASLDOT_SOURCE_AUTO, ASLDOT_OK, d);
    CHECK_EQ_INT(asldot_source_load(&m, s, 0, &o, d), ASLDOT_OK);
    /* !GetAtt Fn.Arn names a resource; !Ref Timeout names nothing the template declares */
    CHECK_EQ_INT((int)asldot_diagnostics_count(d), 1);
    g = asldot_diagnostics_get(d, 0);
    if (g != NULL) {
        CHECK_EQ_STR(g->code, "placeholder-unfilled");
        CHECK_EQ_INT(g->severity, ASLDOT_SEV_NOTE);
        CHECK_EQ_INT(g->line, 15);
        CHECK_EQ_STR(g->pointer, "/States/A/TimeoutSeconds");
        CHECK_EQ_STR(g->machine, "Flow");
        CHECK_CONTAINS(g->message, "\"${Timeout}\"");
    }
    asldot_machine_free(m);
    m = NULL;
    asldot_source_free(s);
    asldot_diagnostics_clear(d);
    s = parse(BARE, ASLDOT_SOURCE_AUTO, ASLDOT_OK, d);
    CHECK_EQ_INT(asldot_source_load(&m, s, 0, NULL, d), ASLDOT_OK);
    CHECK_EQ_INT((int)asldot_diagnostics_count(d), 0); /* without the flag: no note */
    asldot_machine_free(m);
    m = NULL;
    CHECK_EQ_INT(asldot_source_load(&m, s, 0, &o, d), ASLDOT_OK);
    CHECK_EQ_INT((int)asldot_diagnostics_count(d), 1);
    asldot_machine_free(m);
    m = NULL;
    asldot_source_free(s);
    asldot_diagnostics_clear(d);
    so.substitutions = wait;
    so.substitution_count = 1;
    CHECK_EQ_INT(asldot_source_parse(&s, BARE, strlen(BARE), &so, NULL, d), ASLDOT_OK);
    CHECK_EQ_INT(asldot_source_load(&m, s, 0, &o, d), ASLDOT_OK);
    CHECK_EQ_INT((int)asldot_diagnostics_count(d), 0); /* --substitute filled it */
    asldot_machine_free(m);
    asldot_source_free(s);
    asldot_diagnostics_free(d);
}

static void test_bad_input(void)
{
    asldot_diagnostics *d = NULL;
    asldot_source *s;
    CHECK_EQ_INT(asldot_diagnostics_new(&d), ASLDOT_OK);
    s = parse("Resources:\n  Q:\n    Type: AWS::SQS::Queue\n", ASLDOT_SOURCE_AUTO,
              ASLDOT_ERR_INVALID, d);
    CHECK(s != NULL);
    CHECK_EQ_INT((int)asldot_source_count(s), 0);
    CHECK_EQ_STR(asldot_diagnostics_get(d, 0)->code, "no-state-machine");
    asldot_source_free(s);
    asldot_diagnostics_clear(d);
    s = parse("{\"Resources\": ", ASLDOT_SOURCE_AUTO, ASLDOT_ERR_SYNTAX, d);
    CHECK(s == NULL);
    /* a DefinitionUri without a file to read it relative to: unresolved, not an error */
    s = parse("Resources:\n  M:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n"
              "      DefinitionUri: sm/x.json\n",
              ASLDOT_SOURCE_AUTO, ASLDOT_OK, d);
    CHECK(s != NULL && asldot_source_get(s, 0)->unresolved != NULL);
    asldot_source_free(s);
    {
        asldot_source_kind k;
        CHECK_EQ_INT(asldot_source_kind_from_name(&k, "sam"), ASLDOT_OK);
        CHECK_EQ_INT(k, ASLDOT_SOURCE_CLOUDFORMATION);
        CHECK_EQ_INT(asldot_source_kind_from_name(&k, "hcl2"), ASLDOT_ERR_UNSUPPORTED);
        CHECK_EQ_STR(asldot_source_kind_name(ASLDOT_SOURCE_TERRAFORM_JSON), "terraform-json");
    }
    {
        asldot_source_options newer = ASLDOT_SOURCE_OPTIONS_INIT;
        newer.version = ASLDOT_SOURCE_OPTIONS_VERSION + 1;
        CHECK_EQ_INT(asldot_source_parse(&s, BARE, strlen(BARE), &newer, NULL, d), ASLDOT_ERR_ARGS);
    }
    asldot_diagnostics_free(d);
}

#ifdef ASLDOT_TESTING
static void test_allocation_failure(void)
{
    static const char *const inputs[] = {SAM, CFN_JSON, TF, BARE};
    asldot_options o = ASLDOT_OPTIONS_INIT;
    o.flags |= ASLDOT_OPT_NOTE_PLACEHOLDERS;
    for (size_t k = 0; k < sizeof inputs / sizeof inputs[0]; k++)
        for (unsigned long n = 1; n < 600; n++) {
            asldot_diagnostics *d = NULL;
            asldot_source *s = NULL;
            asldot_status st;
            CHECK_EQ_INT(asldot_diagnostics_new(&d), ASLDOT_OK);
            asldot_alloc_fail_after(n);
            st = asldot_source_parse(&s, inputs[k], strlen(inputs[k]), NULL, NULL, d);
            CHECK(st == ASLDOT_OK || st == ASLDOT_ERR_NOMEM || st == ASLDOT_ERR_INVALID);
            CHECK(st != ASLDOT_ERR_NOMEM || s == NULL);
            for (size_t i = 0; i < asldot_source_count(s); i++) {
                asldot_machine *m = NULL;
                st = asldot_source_load(&m, s, i, &o, d);
                CHECK((st == ASLDOT_OK || st == ASLDOT_ERR_INVALID) == (m != NULL));
                asldot_machine_free(m);
            }
            asldot_alloc_fail_after(0);
            asldot_source_free(s);
            asldot_diagnostics_free(d);
        }
}
#endif

int main(void)
{
    test_sam();
    test_definition_string_positions();
    test_terraform();
    test_bare_and_substitutions();
    test_unfilled_notes();
    test_bad_input();
#ifdef ASLDOT_TESTING
    test_allocation_failure();
#endif
    TEST_MAIN_END();
}
