/* The Mermaid renderer: shapes, subgraphs, edges into containers, classes, and escaping of
 * hostile names (the real Mermaid parses these in tests/browser/, in Chromium). */
#include "asldot.h"
#include "mermaid.h"

#include "../harness.h"

static char *mermaid_of(const char *json, const char *style)
{
    asldot_machine *m = NULL;
    asldot_graph *g = NULL;
    asldot_style *s = NULL;
    char *out = NULL;
    size_t len = 0;
    CHECK_EQ_INT(asldot_machine_parse(&m, json, strlen(json), NULL, NULL), ASLDOT_OK);
    CHECK_EQ_INT(asldot_graph_build(&g, m, NULL, NULL), ASLDOT_OK);
    if (style != NULL) {
        CHECK_EQ_INT(asldot_style_builtin(&s, style, NULL), ASLDOT_OK);
        CHECK_EQ_INT(asldot_graph_apply_style(g, s, NULL), ASLDOT_OK);
    }
    CHECK_EQ_INT(asldot_render(NULL, g, ASLDOT_FORMAT_MERMAID, &out, &len, NULL), ASLDOT_OK);
    CHECK(out == NULL || strlen(out) == len);
    asldot_style_free(s);
    asldot_graph_free(g);
    asldot_machine_free(m);
    return out;
}

static void test_shapes_and_containers(void)
{
    char *t = mermaid_of(
        "{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Parallel\", \"Next\": \"C\","
        " \"Branches\": [{\"StartAt\": \"T\", \"States\": {\"T\": {\"Type\": \"Task\","
        " \"Resource\": \"arn:aws:states:::lambda:invoke\", \"End\": true}}}]},"
        " \"C\": {\"Type\": \"Choice\", \"Choices\": [{\"Variable\": \"$.x\", \"NumericEquals\": 1,"
        " \"Next\": \"S\"}], \"Default\": \"F\"}, \"S\": {\"Type\": \"Succeed\"},"
        " \"F\": {\"Type\": \"Fail\", \"Error\": \"E\"}}}",
        "light");
    CHECK(t != NULL);
    if (t == NULL)
        return;
    CHECK_CONTAINS(t, "flowchart TB\n");
    CHECK_CONTAINS(t, "subgraph c0[\"P · Parallel");
    CHECK_CONTAINS(t, "subgraph c1[\"Branch 1\"]");
    CHECK_CONTAINS(t, "{{\"C<br/>Choice\"}}");
    CHECK_CONTAINS(t, "([\"S<br/>Succeed\"])");
    CHECK_CONTAINS(t, "[[\"F<br/>");
    CHECK_CONTAINS(t, " --> c0\n"); /* Start enters the Parallel at its border */
    CHECK_CONTAINS(t, "c0 --> ");   /* and the Parallel's exit leaves it */
    CHECK_CONTAINS(t, "-->|\"$.x == 1\"|");
    CHECK_CONTAINS(t, "-.->|\"default\"|");
    CHECK_CONTAINS(t, "classDef end_marker ");
    CHECK(strstr(t, "class n") != NULL && strstr(t, " end\n") != NULL); /* subgraph ends */
    CHECK(strstr(t, "classDef end ") == NULL); /* "end" is Mermaid's keyword */
    CHECK_CONTAINS(t, "style n");              /* the applied style carries over */
    CHECK(strstr(t, "anchor") == NULL);
    asldot_buffer_free(t);
}

static void test_hostile_names(void)
{
    /* a name that tries to end the label, start statements, comment, directive, HTML, Markdown */
    char *t = mermaid_of(
        "{\"StartAt\": \"a\\\"] --> x\\n%%{init: {}}%%<img src=x onerror=alert(1)>`**b**`#quot;|\","
        " \"States\": {\"a\\\"] --> x\\n%%{init: {}}%%<img src=x onerror=alert(1)>`**b**`#quot;|\":"
        " {\"Type\": \"Pass\", \"End\": true}}}",
        NULL);
    const char *label;
    CHECK(t != NULL);
    if (t == NULL)
        return;
    label = strstr(t, "(\"a");
    CHECK(label != NULL);
    if (label != NULL) {
        const char *end = strstr(label, "\")");
        CHECK(end != NULL);
        if (end != NULL) {
            for (const char *p = label + 2; p < end; p++) {
                if (strncmp(p, "<br/>", 5) == 0) { /* our own line breaks are the only markup */
                    p += 4;
                    continue;
                }
                CHECK(strchr("\"<>`|%{}[]()\n", *p) == NULL); /* ";" ends our entities */
            }
        }
    }
    CHECK_CONTAINS(t, "#34;#93; --#62; x<br/>#37;#37;#123;init");
    CHECK_CONTAINS(t, "#35;quot#59;#124;");
    CHECK(strstr(t, "<img") == NULL);
    asldot_buffer_free(t);
}

int main(void)
{
    test_shapes_and_containers();
    test_hostile_names();
    TEST_MAIN_END();
}
