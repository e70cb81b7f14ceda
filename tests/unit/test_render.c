/* test_render.c: the whole pipeline through Graphviz: the SVG contract (classes, one group per
 * state, clusters for containers), escaping of hostile names, PNG/PDF/DOT output, no warnings. */
#include "asldot.h"
#include "gv_backend.h"
#include "../harness.h"

#include <string.h>

static const char *const escape_machine =
    "{\"Comment\": \"Escapes: <b>bold</b> & \\\\N\", \"StartAt\": \"<script>\", \"States\": {\n"
    " \"<script>\": {\"Type\": \"Pass\", \"Comment\": \"tip \\\\G <i>\", \"Next\": \"a\\\\Nb\"},\n"
    " \"a\\\\Nb\": {\"Type\": \"Choice\", \"Choices\": [{\"Variable\": \"$.x\", \"StringEquals\": "
    "\"\\\\N\", \"Next\": \"P & Q\"}], \"Default\": \"P & Q\"},\n"
    " \"P & Q\": {\"Type\": \"Parallel\", \"Branches\": [\n"
    "   {\"StartAt\": \"x\\\\ly\", \"States\": {\"x\\\\ly\": {\"Type\": \"Succeed\"}}},\n"
    "   {\"StartAt\": \"M\", \"States\": {\"M\": {\"Type\": \"Map\", \"ItemProcessor\": "
    "{\"StartAt\": "
    "\"W\", \"States\": {\"W\": {\"Type\": \"Wait\", \"Seconds\": 5, \"End\": true}}}, \"End\": "
    "true}}}],\n"
    "  \"Catch\": [{\"ErrorEquals\": [\"States.ALL\"], \"Next\": \"F\"}], \"End\": true},\n"
    " \"F\": {\"Type\": \"Fail\", \"Error\": \"E\"}}}";

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    if (hay == NULL) /* a failed render, already reported */
        return 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

static asldot_status render(asldot_renderer *r, const char *json, asldot_format fmt, char **out,
                            size_t *len, asldot_diagnostics *d)
{
    asldot_machine *m = NULL;
    asldot_graph *g = NULL;
    asldot_style *s = NULL;
    asldot_status st = asldot_machine_parse(&m, json, strlen(json), NULL, d);
    if (st == ASLDOT_OK)
        st = asldot_machine_validate(m, NULL, d);
    if (st == ASLDOT_OK)
        st = asldot_graph_build(&g, m, NULL, d);
    if (st == ASLDOT_OK)
        st = asldot_style_builtin(&s, "light", d);
    if (st == ASLDOT_OK)
        st = asldot_graph_apply_style(g, s, d);
    if (st == ASLDOT_OK)
        st = asldot_render(r, g, fmt, out, len, d);
    asldot_style_free(s);
    asldot_graph_free(g);
    asldot_machine_free(m);
    return st;
}

static void test_svg_contract(asldot_renderer *r)
{
    asldot_diagnostics *d = NULL;
    char *svg = NULL;
    size_t len = 0;
    CHECK_EQ_INT(asldot_diagnostics_new(&d), ASLDOT_OK);
    CHECK_EQ_INT(render(r, escape_machine, ASLDOT_FORMAT_SVG, &svg, &len, d), ASLDOT_OK);
    CHECK_EQ_INT(asldot_diagnostics_count(d), 0);
    CHECK(svg != NULL && len == strlen(svg));
    if (svg == NULL) {
        asldot_diagnostics_free(d);
        return;
    }
    /* one group per plain state, one cluster per container, typed */
    CHECK_EQ_INT(count(svg, "class=\"node state "), 5);
    CHECK_EQ_INT(count(svg, "class=\"node state pass\""), 1);
    CHECK_EQ_INT(count(svg, "class=\"node state choice\""), 1);
    CHECK_EQ_INT(count(svg, "class=\"node state succeed\""), 1);
    CHECK_EQ_INT(count(svg, "class=\"node state wait\""), 1);
    CHECK_EQ_INT(count(svg, "class=\"node state fail\""), 1);
    CHECK_EQ_INT(count(svg, "class=\"cluster state parallel\""), 1);
    CHECK_EQ_INT(count(svg, "class=\"cluster state map\""), 1);
    CHECK_EQ_INT(count(svg, "class=\"cluster branch\""), 2);
    CHECK_EQ_INT(count(svg, "class=\"node start\""), 1);
    CHECK_EQ_INT(count(svg, "class=\"node end\""), 1);
    CHECK_EQ_INT(count(svg, "class=\"edge choice\""), 1);
    CHECK_EQ_INT(count(svg, "class=\"edge default\""), 1);
    CHECK_EQ_INT(count(svg, "class=\"edge catch\""), 1);
    CHECK(count(svg, "class=\"edge next\"") >= 3);
    /* names appear literally: never markup, never a Graphviz escape */
    CHECK_CONTAINS(svg, ">&lt;script&gt;</text>");
    CHECK_CONTAINS(svg, ">a\\Nb</text>");
    CHECK_CONTAINS(svg, ">x\\ly</text>");
    CHECK_CONTAINS(svg, ">P &amp; Q</text>");
    CHECK_CONTAINS(svg, "Escapes: &lt;b&gt;bold&lt;/b&gt; &amp; \\N");
    CHECK_CONTAINS(svg, "xlink:title=\"a\\Nb (Choice)");
    CHECK_CONTAINS(svg, "tip \\G &lt;i&gt;");
    CHECK(strstr(svg, "<script>") == NULL);
    CHECK(strstr(svg, "<b>") == NULL);
    /* the Choice rule's condition and the Catch's errors label their edges */
    CHECK_CONTAINS(svg, "$.x == &quot;\\\\N&quot;"); /* JSON-escaped value */
    CHECK_CONTAINS(svg, "catch States.ALL");
    CHECK_CONTAINS(svg, "wait 5s");
    asldot_buffer_free(svg);
    asldot_diagnostics_free(d);
}

static void test_formats(asldot_renderer *r)
{
    static const char *const hello =
        "{\"StartAt\": \"Hi\", \"States\": {\"Hi\": {\"Type\": \"Pass\", \"End\": true}}}";
    char *out = NULL;
    size_t len = 0;
    CHECK_EQ_INT(render(r, hello, ASLDOT_FORMAT_PNG, &out, &len, NULL), ASLDOT_OK);
    CHECK(len > 8 && memcmp(out, "\x89PNG\r\n\x1a\n", 8) == 0);
    asldot_buffer_free(out);
    CHECK_EQ_INT(render(r, hello, ASLDOT_FORMAT_PDF, &out, &len, NULL), ASLDOT_OK);
    CHECK(len > 5 && memcmp(out, "%PDF-", 5) == 0);
    asldot_buffer_free(out);
    CHECK_EQ_INT(render(r, hello, ASLDOT_FORMAT_DOT, &out, &len, NULL), ASLDOT_OK);
    CHECK(out && strncmp(out, "digraph", 7) == 0);
    CHECK_CONTAINS(out, "compound=true");
    CHECK_CONTAINS(out, "class=\"state pass\"");
    asldot_buffer_free(out);
    /* DOT and IR need no renderer */
    CHECK_EQ_INT(render(NULL, hello, ASLDOT_FORMAT_IR, &out, &len, NULL), ASLDOT_OK);
    CHECK_CONTAINS(out, "node n1 state in=- name=\"Hi\"");
    asldot_buffer_free(out);
}

static void test_wrap_and_escape(void)
{
    asldot_buf b = ASLDOT_BUF_INIT;
    CHECK_EQ_INT(asldot_gv_wrap(&b, "Validate the incoming expense report", 28), ASLDOT_OK);
    CHECK_EQ_STR(asldot_buf_cstr(&b), "Validate the incoming\nexpense report");
    asldot_buf_reset(&b);
    CHECK_EQ_INT(asldot_gv_wrap(&b, "ProcessIncomingExpenseReportAndNotify", 28), ASLDOT_OK);
    CHECK_EQ_STR(asldot_buf_cstr(&b), "ProcessIncomingExpense\nReportAndNotify");
    asldot_buf_reset(&b);
    CHECK_EQ_INT(asldot_gv_wrap(&b, "abcdefghijklmnopqrstuvwxyzabcdefgh", 28), ASLDOT_OK);
    CHECK_EQ_STR(asldot_buf_cstr(&b), "abcdefghijklmnopqrstuvwxyzab\ncdefgh");
    asldot_buf_reset(&b);
    CHECK_EQ_INT(asldot_gv_wrap(&b, "ünïcödé ünïcödé ünïcödé ünïcödé", 16), ASLDOT_OK);
    CHECK_EQ_STR(asldot_buf_cstr(&b), "ünïcödé ünïcödé\nünïcödé ünïcödé");
    asldot_buf_reset(&b);
    /* a space is preferred to a break inside an identifier, when it fills half the line */
    CHECK_EQ_INT(
        asldot_gv_wrap(
            &b, "\xE2\x86\xBB 3\xC3\x97 Lambda.ServiceException, Lambda.TooManyRequestsException",
            40),
        ASLDOT_OK);
    CHECK_EQ_STR(asldot_buf_cstr(&b), "\xE2\x86\xBB 3\xC3\x97 Lambda.ServiceException,\n"
                                      "Lambda.TooManyRequestsException");
    asldot_buf_reset(&b);
    /* ... but not when it would leave the line short: then the identifier breaks */
    CHECK_EQ_INT(asldot_gv_wrap(&b, "Call the ServiceWithAVeryLongNameThatGoesOnAndOn", 28),
                 ASLDOT_OK);
    CHECK_EQ_STR(asldot_buf_cstr(&b), "Call the ServiceWithAVery\nLongNameThatGoesOnAndOn");
    asldot_buf_reset(&b);
    /* a placeholder is never broken: the line breaks before it, or after it */
    CHECK_EQ_INT(
        asldot_gv_wrap(&b, "Lambda \xC2\xB7 Invoke \xC2\xB7 ${ExecuteRulesetLambdaPath}", 30),
        ASLDOT_OK);
    CHECK_EQ_STR(asldot_buf_cstr(&b),
                 "Lambda \xC2\xB7 Invoke \xC2\xB7\n${ExecuteRulesetLambdaPath}");
    asldot_buf_reset(&b);
    CHECK_EQ_INT(asldot_gv_wrap(&b, "arn:${AWS::Partition}:states:::lambda:invoke", 24), ASLDOT_OK);
    CHECK_EQ_STR(asldot_buf_cstr(&b), "arn:${AWS::Partition}:\nstates:::lambda:invoke");
    asldot_buf_reset(&b);
    /* an ARN breaks after its : and / only, never inside a segment (us-east-1, my-func_v2) */
    CHECK_EQ_INT(asldot_gv_wrap(
                     &b, "arn:aws:lambda:us-east-1:123456789012:function:order-processing_v2", 28),
                 ASLDOT_OK);
    CHECK_EQ_STR(asldot_buf_cstr(&b),
                 "arn:aws:lambda:us-east-1:\n123456789012:function:\norder-processing_v2");
    asldot_buf_reset(&b);
    CHECK_EQ_INT(
        asldot_gv_wrap(&b, "run arn:aws:states:us-east-1:123456789012:stateMachine:nightly-etl-job",
                       30),
        ASLDOT_OK);
    CHECK_EQ_STR(asldot_buf_cstr(&b),
                 "run arn:aws:states:us-east-1:\n123456789012:stateMachine:\nnightly-etl-job");
    asldot_buf_reset(&b);
    /* ... while the words beside it still break as words do */
    CHECK_EQ_INT(
        asldot_gv_wrap(&b, "arn:aws:sns:eu-west-1:1:alerts then-notify-the-on-call-engineer", 24),
        ASLDOT_OK);
    CHECK_EQ_STR(asldot_buf_cstr(&b),
                 "arn:aws:sns:eu-west-1:1:\nalerts then-notify-the-\non-call-engineer");
    asldot_buf_reset(&b);
    CHECK_EQ_INT(asldot_gv_html_escape(&b, "<a & \"b\"> \\N\x01", 13), ASLDOT_OK);
    CHECK_EQ_STR(asldot_buf_cstr(&b), "&lt;a &amp; &quot;b&quot;&gt; \\\\N ");
    asldot_buf_free(&b);
}

/* The title is the Comment's first paragraph, at most 240 characters cut at a word; the whole
 * Comment moves to the tooltip when anything was left out. */
/* The IR dump of a one-state machine whose Comment is comment (JSON-escaped already); NULL
 * when it does not render. Free with asldot_buffer_free. */
static char *ir_for_comment(asldot_renderer *r, asldot_diagnostics *d, const char *comment)
{
    static char json[4096];
    char *ir = NULL;
    size_t len = 0;
    snprintf(json, sizeof json,
             "{\"Comment\": \"%s\", \"StartAt\": \"A\", \"States\": {\"A\": "
             "{\"Type\": \"Pass\", \"End\": true}}}",
             comment);
    CHECK_EQ_INT(render(r, json, ASLDOT_FORMAT_IR, &ir, &len, d), ASLDOT_OK);
    return ir;
}

/* The length of the title in an IR dump, in bytes, up to its ellipsis; -1 without one. */
static long title_bytes(const char *ir)
{
    const char *t = ir ? strstr(ir, "title=\"") : NULL;
    const char *e = t ? strstr(t, "…") : NULL;
    return e ? (long)(e - t) - 7 : -1;
}

/* The title is the Comment's first paragraph, at most 240 characters cut at a word; the whole
 * Comment moves to the tooltip when anything was left out. */
static void test_title_from_comment(asldot_renderer *r)
{
    char text[1500] = "", *ir;
    asldot_diagnostics *d = NULL;
    CHECK_EQ_INT(asldot_diagnostics_new(&d), ASLDOT_OK);

    ir = ir_for_comment(r, d, "Short and sweet");
    CHECK_CONTAINS(ir, "title=\"Short and sweet\" subtitle=");
    asldot_buffer_free(ir);

    ir = ir_for_comment(r, d, "\\n  First paragraph,\\n  two lines.\\n\\nSecond one.");
    CHECK_CONTAINS(ir, "title=\"First paragraph, two lines. …\" tooltip=\"");
    CHECK_CONTAINS(ir, "Second one.\" subtitle=");
    asldot_buffer_free(ir);

    for (int i = 0; i < 60; i++)
        strcat(text, "word ");
    ir = ir_for_comment(r, d, text);
    /* 48 words are 239 characters with their spaces: the 49th would cross 240 */
    CHECK_CONTAINS(ir, "word word…\" tooltip=");
    CHECK(title_bytes(ir) >= 0 && title_bytes(ir) <= 240);
    asldot_buffer_free(ir);

    text[0] = '\0';
    for (int i = 0; i < 300; i++)
        strcat(text, "é");
    ir = ir_for_comment(r, d, text);
    /* cut by characters, never inside one: 240 × é then the ellipsis */
    CHECK_CONTAINS(ir, "éé…");
    CHECK_EQ_INT(title_bytes(ir), 480);
    asldot_buffer_free(ir);
    asldot_diagnostics_free(d);
}

/* A loop back is given to Graphviz reversed (it ranks with the flow and stays short), drawn with
 * dir=back, marked with the class "loop" and titled in the flow's direction. */
static void test_loop_reversed(asldot_renderer *r)
{
    static const char *const poll =
        "{\"StartAt\": \"Start job\", \"States\": {\n"
        " \"Start job\": {\"Type\": \"Pass\", \"Next\": \"Wait\"},\n"
        " \"Wait\": {\"Type\": \"Wait\", \"Seconds\": 5, \"Next\": \"Check\"},\n"
        " \"Check\": {\"Type\": \"Pass\", \"Next\": \"Done?\"},\n"
        " \"Done?\": {\"Type\": \"Choice\", \"Choices\": [{\"Variable\": \"$.done\",\n"
        "   \"BooleanEquals\": false, \"Next\": \"Wait\"}], \"Default\": \"Finished\"},\n"
        " \"Finished\": {\"Type\": \"Succeed\"}}}";
    char *out = NULL;
    size_t len = 0;
    CHECK_EQ_INT(render(r, poll, ASLDOT_FORMAT_SVG, &out, &len, NULL), ASLDOT_OK);
    CHECK_EQ_INT(count(out, "class=\"edge choice loop\""), 1);
    CHECK_EQ_INT(count(out, " loop\""), 1); /* only the loop back */
    CHECK_CONTAINS(out, "<title>Done? → Wait</title>");
    CHECK(out != NULL && strstr(out, "<title>Wait → Done?</title>") == NULL);
    CHECK_CONTAINS(out, "<title>Wait → Check</title>");
    asldot_buffer_free(out);
    CHECK_EQ_INT(render(r, poll, ASLDOT_FORMAT_DOT, &out, &len, NULL), ASLDOT_OK);
    CHECK_EQ_INT(count(out, "dir=back"), 1);
    CHECK(out != NULL && strstr(out, "constraint=false") == NULL); /* ranks, the right way */
    asldot_buffer_free(out);
}

int main(void)
{
    asldot_renderer *r = NULL;
    CHECK_EQ_INT(asldot_renderer_new(&r, NULL), ASLDOT_OK);
    test_svg_contract(r);
    test_formats(r);
    test_wrap_and_escape();
    test_title_from_comment(r);
    test_loop_reversed(r);
    asldot_renderer_free(r);
    TEST_MAIN_END();
}
