/* The HTML page (-T html) and the SVG titles under it: the page's structure, its CSP, that it
 * holds the viewer files as built, that hostile names stay text, that nothing in it points at
 * the network and that the same input gives the same bytes. The page runs in a real browser in
 * tests/browser/html-check.mjs. */
#include "asldot.h"
#include "html.h"

#include "../harness.h"

/* The table embed_styles.cmake writes from src/viewer/ (as html.c declares it). */
struct asldot_viewer_files_entry {
    const char *name;
    const char *data;
    size_t len;
    const char *sha256;
};
extern const struct asldot_viewer_files_entry asldot_viewer_files[];

static asldot_renderer *renderer;

static char *render_of(const char *json, asldot_format fmt, size_t *len_out)
{
    asldot_machine *m = NULL;
    asldot_graph *g = NULL;
    char *out = NULL;
    size_t len = 0;
    CHECK_EQ_INT(asldot_machine_parse(&m, json, strlen(json), NULL, NULL), ASLDOT_OK);
    CHECK_EQ_INT(asldot_graph_build(&g, m, NULL, NULL), ASLDOT_OK);
    CHECK_EQ_INT(asldot_render(renderer, g, fmt, &out, &len, NULL), ASLDOT_OK);
    CHECK(out == NULL || strlen(out) == len);
    asldot_graph_free(g);
    asldot_machine_free(m);
    if (len_out != NULL)
        *len_out = len;
    return out;
}

static size_t count_of(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = hay; (p = strstr(p, needle)) != NULL; p += strlen(needle))
        n++;
    return n;
}

/* The text between the first occurrence of open and the next close, as a heap string. */
static char *between(const char *hay, const char *open, const char *close)
{
    const char *a = strstr(hay, open), *b;
    char *s;
    if (a == NULL)
        return NULL;
    a += strlen(open);
    b = strstr(a, close);
    if (b == NULL)
        return NULL;
    s = malloc((size_t)(b - a) + 1);
    if (s != NULL) {
        memcpy(s, a, (size_t)(b - a));
        s[b - a] = '\0';
    }
    return s;
}

static const struct asldot_viewer_files_entry *viewer_file(const char *name)
{
    for (size_t i = 0; asldot_viewer_files[i].name != NULL; i++)
        if (strcmp(asldot_viewer_files[i].name, name) == 0)
            return &asldot_viewer_files[i];
    return NULL;
}

static const char machine[] =
    "{\"Comment\": \"Orders\", \"StartAt\": \"Load\", \"States\": {"
    "\"Load\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::lambda:invoke\","
    " \"Next\": \"Each\"},"
    "\"Each\": {\"Type\": \"Map\", \"ItemProcessor\": {\"StartAt\": \"Ship\", \"States\": {"
    " \"Ship\": {\"Type\": \"Pass\", \"End\": true}}}, \"Next\": \"Done\"},"
    "\"Done\": {\"Type\": \"Succeed\"}}}";

static void test_structure(void)
{
    size_t len = 0;
    char *h = render_of(machine, ASLDOT_FORMAT_HTML, &len);
    const struct asldot_viewer_files_entry *js = viewer_file("viewer.js");
    const struct asldot_viewer_files_entry *css = viewer_file("viewer.css");
    char csp[512], *script, *style, *data;
    CHECK(h != NULL && js != NULL && css != NULL);
    if (h == NULL || js == NULL || css == NULL)
        return;
    CHECK(strncmp(h, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n",
                  62) == 0);
    snprintf(csp, sizeof csp,
             "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
             "script-src 'sha256-%s'; style-src 'sha256-%s'; base-uri 'none'; "
             "form-action 'none'\">",
             js->sha256, css->sha256);
    CHECK_CONTAINS(h, csp);
    CHECK_EQ_INT(strlen(js->sha256), 44); /* base64 of 32 bytes */
    CHECK_CONTAINS(h, "<title>Orders</title>");
    /* the script and stylesheet are the embedded files, byte for byte, so the hashes hold */
    script = between(h, "<script>", "</script>");
    style = between(h, "<style>", "</style>");
    CHECK(script != NULL && strlen(script) == js->len && memcmp(script, js->data, js->len) == 0);
    CHECK(style != NULL && strlen(style) == css->len && memcmp(style, css->data, css->len) == 0);
    CHECK(strstr(js->data, "</script") == NULL && strstr(js->data, "<!--") == NULL);
    CHECK(strstr(css->data, "</style") == NULL);
    /* the viewer's own code stays small: at most 30 KiB, script and stylesheet together */
    CHECK(js->len + css->len <= (size_t)30 * 1024);
    /* one inline SVG, without prolog, doctype or namespace URIs; nothing refers to the network */
    CHECK_EQ_INT(count_of(h, "<svg"), 1);
    CHECK_EQ_INT(count_of(h, "</svg>"), 1);
    CHECK(strstr(h, "<?xml") == NULL && strstr(h, "<!DOCTYPE svg") == NULL);
    CHECK(strstr(h, "http://") == NULL && strstr(h, "https://") == NULL);
    CHECK(strstr(h, " src=") == NULL && strstr(h, " href=") == NULL);
    CHECK(strstr(h, "<link") == NULL && strstr(h, "@import") == NULL && strstr(h, "url(") == NULL);
    CHECK_EQ_INT(count_of(h, "<script"), 2);
    CHECK_EQ_INT(count_of(h, "</script>"), 2);
    /* the viewer's parts and the data: every state, with the id of its SVG group */
    CHECK_CONTAINS(h, "<main id=\"asl-view\" tabindex=\"0\"");
    CHECK_CONTAINS(h, "<aside id=\"asl-details\"");
    CHECK_CONTAINS(h, "<input id=\"asl-search\"");
    data = between(h, "<script type=\"application/json\" id=\"asl-data\">", "</script>");
    CHECK(data != NULL);
    if (data != NULL) {
        CHECK_CONTAINS(data, "{\"title\":\"Orders\",\"states\":[");
        CHECK_CONTAINS(data, "\"name\":\"Each\",\"type\":\"Map\"");
        CHECK_CONTAINS(data, "\"name\":\"Load\",\"type\":\"Task\"");
        CHECK_CONTAINS(data, "\"name\":\"Ship\",\"type\":\"Pass\"");
        CHECK_CONTAINS(data, "\"name\":\"Done\",\"type\":\"Succeed\"");
        CHECK_CONTAINS(data, "{\"el\":\"state-Each\",\"name\":\"Each\"");
        CHECK_EQ_INT(count_of(data, "\"el\":\""), 4);
        /* each state's own definition, as JSON text; what a container draws inside, summarised */
        CHECK_CONTAINS(data, "\"def\":\"{\\\"Type\\\":\\\"Task\\\",\\\"Resource\\\":"
                             "\\\"arn:aws:states:::lambda:invoke\\\",\\\"Next\\\":\\\"Each\\\"}\"");
        CHECK_CONTAINS(data, "\\\"ItemProcessor\\\":{\\\"StartAt\\\":\\\"Ship\\\","
                             "\\\"States\\\":\\\"1 state, drawn inside\\\"}");
        CHECK_EQ_INT(count_of(data, "\"def\":"), 4);
        /* in document order, which Tab follows: a container before its content */
        CHECK(strstr(data, "\"Load\"") < strstr(data, "\"Each\"") &&
              strstr(data, "\"Each\"") < strstr(data, "\"Ship\"") &&
              strstr(data, "\"Ship\"") < strstr(data, "\"Done\""));
    }
    /* every state's group is titled with its name */
    CHECK_CONTAINS(h, "<title>Load</title>");
    CHECK_CONTAINS(h, "<title>Each</title>");
    CHECK_CONTAINS(h, "<title>Load \xE2\x86\x92 Each</title>");
    CHECK_CONTAINS(h, "<desc>Orders</desc>");
    free(script);
    free(style);
    free(data);
    asldot_buffer_free(h);
}

static void test_svg_titles(void)
{
    char *s = render_of(machine, ASLDOT_FORMAT_SVG, NULL);
    CHECK(s != NULL);
    if (s == NULL)
        return;
    CHECK_CONTAINS(s, "<title>Orders</title>\n<desc>Orders</desc>");
    CHECK_CONTAINS(s, "<title>Load</title>");
    CHECK_CONTAINS(s, "<title>Ship</title>");
    CHECK_CONTAINS(s, "<title>Each</title>");
    CHECK_CONTAINS(s, "<title>Start \xE2\x86\x92 Load</title>");
    CHECK_CONTAINS(s, "<title>Done \xE2\x86\x92 End</title>");
    CHECK(strstr(s, "<title>n") == NULL && strstr(s, "<title>cluster_") == NULL);
    CHECK(strstr(s, "&#45;&gt;") == NULL || strstr(s, "<!-- n") != NULL); /* only comments */
    asldot_buffer_free(s);
}

/* Names that try to close the data block, add markup or break out of JavaScript strings. */
static void test_hostile_names(void)
{
    static const char hostile[] =
        "{\"Comment\": \"</title><script>window.__pwned=1</script>\", "
        "\"StartAt\": \"</script><script>window.__pwned=1</script>\", \"States\": {"
        "\"</script><script>window.__pwned=1</script>\": {\"Type\": \"Pass\","
        " \"Next\": \"<img src=x onerror=alert(1)> & \\u2028 \\u2029 <!-- x\"},"
        "\"<img src=x onerror=alert(1)> & \\u2028 \\u2029 <!-- x\": {\"Type\": \"Fail\","
        " \"Error\": \"\\\"</svg><svg onload=alert(1)>\"}}}";
    char *h = render_of(hostile, ASLDOT_FORMAT_HTML, NULL);
    char *data;
    CHECK(h != NULL);
    if (h == NULL)
        return;
    CHECK_EQ_INT(count_of(h, "<script"), 2);
    CHECK_EQ_INT(count_of(h, "</script>"), 2);
    CHECK_EQ_INT(count_of(h, "<svg"), 1);
    CHECK_EQ_INT(count_of(h, "</svg>"), 1);
    CHECK(strstr(h, "<img") == NULL);
    CHECK(strstr(h, "<!-- x") == NULL);
    CHECK(strstr(h, "<svg onload") == NULL);
    CHECK_CONTAINS(h, "&lt;/svg&gt;&lt;svg onload=alert(1)&gt;"); /* text, as Graphviz escaped it */
    CHECK_CONTAINS(h, "<title>&lt;/title&gt;&lt;script&gt;window.__pwned=1&lt;/script&gt;</title>");
    CHECK_CONTAINS(h, "<title>&lt;img src=x onerror=alert(1)&gt; &amp; ");
    data = between(h, "<script type=\"application/json\" id=\"asl-data\">", "</script>");
    CHECK(data != NULL);
    if (data != NULL) {
        CHECK_CONTAINS(data, "\"name\":\"\\u003c/script\\u003e\\u003cscript\\u003ewindow");
        CHECK_CONTAINS(data, "\\u003cimg src=x onerror=alert(1)\\u003e \\u0026 \\u2028 \\u2029 "
                             "\\u003c!-- x");
        CHECK(strchr(data, '<') == NULL && strchr(data, '>') == NULL && strchr(data, '&') == NULL);
        CHECK(strstr(data, "\xE2\x80\xA8") == NULL && strstr(data, "\xE2\x80\xA9") == NULL);
        free(data);
    }
    asldot_buffer_free(h);
}

static void test_deterministic(void)
{
    size_t la = 0, lb = 0;
    char *a = render_of(machine, ASLDOT_FORMAT_HTML, &la);
    char *b = render_of(machine, ASLDOT_FORMAT_HTML, &lb);
    CHECK(a != NULL && b != NULL && la == lb && memcmp(a, b, la) == 0);
    asldot_buffer_free(a);
    asldot_buffer_free(b);
}

static void test_format_names_and_args(void)
{
    asldot_format f = ASLDOT_FORMAT_SVG;
    char *out = (char *)"x";
    size_t len = 1;
    CHECK_EQ_INT(asldot_format_from_name(&f, "HTML"), ASLDOT_OK);
    CHECK_EQ_INT(f, ASLDOT_FORMAT_HTML);
    CHECK_EQ_STR(asldot_format_name(ASLDOT_FORMAT_HTML), "html");
    CHECK_EQ_INT(ASLDOT_FORMAT_HTML, ASLDOT_FORMAT_MERMAID + 1); /* appended: the ABI holds */
    CHECK_EQ_INT(asldot_html_write(NULL, "<svg></svg>", 11, &out, &len), ASLDOT_ERR_ARGS);
    CHECK(out == NULL && len == 0);
}

/* A definition read from YAML is still JSON in the page: numbers as JSON writes them. */
static void test_yaml_numbers(void)
{
    static const char yaml[] =
        "StartAt: T\nStates:\n  T:\n    Type: Task\n"
        "    Resource: arn:aws:states:::lambda:invoke\n"
        "    TimeoutSeconds: 0x1F\n    Retry:\n      - ErrorEquals: [States.ALL]\n"
        "        MaxAttempts: +3\n        BackoffRate: 2.\n    End: true\n";
    char *h = render_of(yaml, ASLDOT_FORMAT_HTML, NULL);
    CHECK(h != NULL);
    if (h == NULL)
        return;
    CHECK_CONTAINS(h, "\\\"TimeoutSeconds\\\":31,");
    CHECK_CONTAINS(h, "\\\"MaxAttempts\\\":3,\\\"BackoffRate\\\":2}");
    asldot_buffer_free(h);
}

/* A state's notes (here its retry) and its Retry in its own definition reach the data block. */
static void test_notes_and_definition(void)
{
    static const char retried[] =
        "{\"StartAt\": \"Call\", \"States\": {\"Call\": {\"Type\": \"Task\", \"Resource\": "
        "\"arn:aws:states:::lambda:invoke\", \"Retry\": [{\"ErrorEquals\": [\"States.ALL\"], "
        "\"MaxAttempts\": 2}], \"End\": true}}}";
    char *h = render_of(retried, ASLDOT_FORMAT_HTML, NULL);
    char *data =
        h ? between(h, "<script type=\"application/json\" id=\"asl-data\">", "</script>") : NULL;
    CHECK(data != NULL);
    if (data != NULL) {
        CHECK_CONTAINS(data, "\"notes\":\"\u21bb 2\u00d7 States.ALL\"");
        CHECK_CONTAINS(data, "\\\"Retry\\\":[{\\\"ErrorEquals\\\":[\\\"States.ALL\\\"],"
                             "\\\"MaxAttempts\\\":2}]");
        free(data);
    }
    CHECK_CONTAINS(h, "<pre id=\"asl-d-notes\">");
    CHECK_CONTAINS(h, "<table id=\"asl-d-retry\">");
    CHECK_CONTAINS(h, "<button type=\"button\" id=\"asl-d-collapse\" hidden>");
    asldot_buffer_free(h);
}

/* With a history: every run in the data, with its iterations, attempts and edges; the text of
 * the history escaped like the definition's. */
static void test_runs(void)
{
    size_t dlen = 0, hlen = 0, len = 0;
    char *def = harness_read_source("tests/data/histories", "map.asl.json", &dlen);
    char *hist = harness_read_source("tests/data/histories", "map.json", &hlen);
    char *evil = NULL, *p, *h = NULL, *data;
    asldot_machine *m = NULL;
    asldot_graph *g = NULL;
    asldot_history *hi = NULL;
    asldot_overlay_options o;
    /* a cause that would close the data block if it were not escaped */
    p = strstr(hist, "item 3 is broken");
    CHECK(p != NULL);
    evil = malloc(hlen + 64);
    CHECK(evil != NULL);
    if (p == NULL || evil == NULL)
        goto done;
    snprintf(evil, hlen + 64, "%.*s</script><b>%s", (int)(p - hist), hist, p);
    asldot_overlay_options_init(&o);
    o.iteration_state = "ProcessAll";
    o.iteration_index = 2;
    CHECK_EQ_INT(asldot_machine_parse(&m, def, dlen, NULL, NULL), ASLDOT_OK);
    CHECK_EQ_INT(asldot_graph_build(&g, m, NULL, NULL), ASLDOT_OK);
    CHECK_EQ_INT(asldot_history_new(&hi), ASLDOT_OK);
    CHECK_EQ_INT(asldot_history_add(hi, evil, strlen(evil), NULL, NULL), ASLDOT_OK);
    CHECK_EQ_INT(asldot_graph_overlay(g, hi, &o, NULL), ASLDOT_OK);
    asldot_history_free(hi); /* the graph keeps its own copies of the history's text */
    CHECK_EQ_INT(asldot_render(renderer, g, ASLDOT_FORMAT_HTML, &h, &len, NULL), ASLDOT_OK);
    data = h ? between(h, "<script type=\"application/json\" id=\"asl-data\">", "</script>") : NULL;
    CHECK(data != NULL);
    if (data != NULL) {
        /* the edges counted, with the times taken in the picture (iteration 2 only) */
        CHECK_CONTAINS(data, "\"edges\":[{\"el\":\"edge-start--ProcessAll\",\"n\":1},");
        CHECK_CONTAINS(data, "{\"el\":\"edge-ProcessAll--Recover-catch\",\"n\":1}");
        /* the Map's run (state 0): entered by the Start edge, one attempt */
        CHECK_CONTAINS(data, "{\"s\":0,\"st\":\"caught\",\"t0\":1714660200100,"
                             "\"t1\":1714660203200,\"n\":1,\"a\":[[1714660200200,"
                             "1714660203100,1,null,null]],\"in\":0}");
        /* Work ran four times, one per iteration; the third failed, the fourth was cancelled */
        CHECK_EQ_INT(count_of(data, "{\"s\":1,"), 4);
        CHECK_CONTAINS(data, "\"it\":[[0,2]],\"err\":\"Work.Failed\",\"cause\":"
                             "\"\\u003c/script\\u003e\\u003cb\\u003eitem 3 is broken\"}");
        CHECK_CONTAINS(data, "{\"s\":1,\"st\":\"cancelled\",\"t0\":1714660202600,\"n\":1,");
        /* Recover ended the execution */
        CHECK_CONTAINS(data, "\"in\":2,\"end\":4}");
        /* no input or output without --show-io; the page opens on --iteration's */
        CHECK(strstr(data, "\"input\"") == NULL && strstr(data, "\"output\"") == NULL);
        CHECK_CONTAINS(data, "\"iteration\":[0,2]}");
        free(data);
    }
    CHECK(h != NULL && strstr(h, "</script><b>") == NULL);
    CHECK_CONTAINS(h, "<table id=\"asl-d-runs\">");
    CHECK_CONTAINS(h, "<button type=\"button\" id=\"asl-iter-next\"");
done:
    asldot_buffer_free(h);
    asldot_graph_free(g);
    asldot_machine_free(m);
    free(evil);
    free(def);
    free(hist);
}

/* A view after the overlay renumbers edges: the runs still name the edges they took. */
static void test_runs_after_view(void)
{
    static const char *const collapse[] = {"ProcessAll"};
    size_t dlen = 0, hlen = 0, len = 0;
    char *def = harness_read_source("tests/data/histories", "map.asl.json", &dlen);
    char *hist = harness_read_source("tests/data/histories", "map.json", &hlen);
    char *h = NULL, *data;
    asldot_machine *m = NULL;
    asldot_graph *g = NULL;
    asldot_history *hi = NULL;
    asldot_view_options v = ASLDOT_VIEW_OPTIONS_INIT;
    v.collapse = collapse;
    v.collapse_count = 1;
    CHECK_EQ_INT(asldot_machine_parse(&m, def, dlen, NULL, NULL), ASLDOT_OK);
    CHECK_EQ_INT(asldot_graph_build(&g, m, NULL, NULL), ASLDOT_OK);
    CHECK_EQ_INT(asldot_history_new(&hi), ASLDOT_OK);
    CHECK_EQ_INT(asldot_history_add(hi, hist, hlen, NULL, NULL), ASLDOT_OK);
    CHECK_EQ_INT(asldot_graph_overlay(g, hi, NULL, NULL), ASLDOT_OK);
    CHECK_EQ_INT(asldot_graph_view(g, &v, NULL), ASLDOT_OK);
    CHECK_EQ_INT(asldot_render(renderer, g, ASLDOT_FORMAT_HTML, &h, &len, NULL), ASLDOT_OK);
    data = h ? between(h, "<script type=\"application/json\" id=\"asl-data\">", "</script>") : NULL;
    CHECK(data != NULL);
    if (data != NULL) {
        /* the edges left, in order; Recover (state 1 now: Work is inside the box) was entered by
         * the catch edge and ended the execution by its End edge */
        CHECK_CONTAINS(data, "\"edges\":[{\"el\":\"edge-start--ProcessAll\",\"n\":1},"
                             "{\"el\":\"edge-ProcessAll--Report\",\"n\":0},"
                             "{\"el\":\"edge-ProcessAll--Recover-catch\",\"n\":1},"
                             "{\"el\":\"edge-Report--end\",\"n\":0},"
                             "{\"el\":\"edge-Recover--end\",\"n\":1}]");
        CHECK_CONTAINS(data, "\"in\":2,\"end\":4}");
        CHECK_CONTAINS(data, "\"t1\":1714660203200,\"n\":1,\"a\":[[1714660200200,"
                             "1714660203100,1,null,null]],\"in\":0}");
        free(data);
    }
    asldot_buffer_free(h);
    asldot_history_free(hi);
    asldot_graph_free(g);
    asldot_machine_free(m);
    free(def);
    free(hist);
}

int main(void)
{
    CHECK_EQ_INT(asldot_renderer_new(&renderer, NULL), ASLDOT_OK);
    test_structure();
    test_notes_and_definition();
    test_runs();
    test_runs_after_view();
    test_yaml_numbers();
    test_svg_titles();
    test_hostile_names();
    test_deterministic();
    test_format_names_and_args();
    asldot_renderer_free(renderer);
    TEST_MAIN_END();
}
