/* test_doc_yaml.c: the strict input layer, YAML path (yaml_in.c through doc.c). */
#include "../harness.h"
#include "buf.h"
#include "doc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DOC_TEST_FORMAT ASLDOT_INPUT_YAML
#include "doc_helpers.h"

static const asldot_doc_node *path(const asldot_doc_node *n, const char *a, const char *b)
{
    n = asldot_doc_get(n, a);
    return b ? asldot_doc_get(n, b) : n;
}

static void expect_error(const char *s, asldot_status st, const char *code, unsigned line,
                         unsigned column)
{
    result r = parse(s);
    const asldot_diagnostic *g = first_diag(&r);
    CHECK_EQ_INT(r.st, st);
    CHECK(r.doc == NULL);
    CHECK(g != NULL);
    if (g != NULL) {
        CHECK_EQ_STR(g->code, code);
        CHECK_EQ_INT(g->line, line);
        CHECK_EQ_INT(g->column, column);
        if (strcmp(g->code, code) != 0 || g->line != line || g->column != column)
            fprintf(stderr, "  input: %s\n  got: %u:%u %s [%s]\n", s, g->line, g->column,
                    g->message, g->code);
    }
    done(&r);
}

static void test_tree_and_positions(void)
{
    const char *src = "StartAt: A   # the first state\n"
                      "States:\n"
                      "  A:\n"
                      "    Type: Pass\n"
                      "    Next: \"B\"\n"
                      "  é: {x: 1, ü: [a, 'b']}\n"
                      "  B:\n"
                      "  - 1\n"
                      "  - \"€\": two\n";
    result r = parse_opts(src, strlen(src), NULL); /* AUTO: not '{' or '[' -> YAML */
    const asldot_doc_node *root, *a, *e, *b;
    asldot_buf ptr = ASLDOT_BUF_INIT;
    CHECK_EQ_INT(r.st, ASLDOT_OK);
    CHECK_EQ_INT(asldot_diagnostics_count(r.d), 0);
    if (r.doc == NULL) {
        done(&r);
        return;
    }
    CHECK_EQ_INT(r.doc->is_yaml, 1);
    root = r.doc->root;
    CHECK_EQ_INT(root->kind, ASLDOT_DOC_OBJECT);
    CHECK_EQ_INT(root->count, 2);
    CHECK_EQ_STR(asldot_doc_get_string(root, "StartAt"), "A");
    CHECK_EQ_INT(root->items[0]->key_line, 1);
    CHECK_EQ_INT(root->items[0]->key_column, 1);
    CHECK_EQ_INT(root->items[0]->line, 1);
    CHECK_EQ_INT(root->items[0]->column, 10);
    CHECK(root->items[0]->flags & ASLDOT_DOC_YAML_PLAIN);
    a = path(root, "States", "A");
    CHECK(a != NULL && a->kind == ASLDOT_DOC_OBJECT);
    CHECK_EQ_INT(a->key_line, 3);
    CHECK_EQ_INT(a->key_column, 3);
    CHECK_EQ_STR(asldot_doc_get_string(a, "Type"), "Pass");
    CHECK_EQ_STR(asldot_doc_get_string(a, "Next"), "B");
    CHECK(!(asldot_doc_get(a, "Next")->flags & ASLDOT_DOC_YAML_PLAIN));
    CHECK_EQ_INT(asldot_doc_get(a, "Next")->line, 5);
    CHECK_EQ_INT(asldot_doc_get(a, "Next")->column, 11);
    CHECK_EQ_INT(asldot_doc_get(a, "Next")->key_column, 5);
    e = path(root, "States", "é");
    CHECK(e != NULL && e->kind == ASLDOT_DOC_OBJECT);
    CHECK_EQ_INT(e->line, 6);
    CHECK_EQ_INT(e->column, 6); /* "é" is one character */
    CHECK_EQ_INT(asldot_doc_get(e, "x")->column, 10);
    CHECK_EQ_INT(asldot_doc_get(e, "ü")->key_column, 13);
    CHECK_EQ_INT(asldot_doc_get(e, "ü")->count, 2);
    CHECK_EQ_INT(asldot_doc_get(e, "ü")->items[1]->column, 20);
    CHECK_EQ_STR(asldot_doc_get(e, "ü")->items[1]->str, "b");
    b = path(root, "States", "B");
    CHECK(b != NULL && b->kind == ASLDOT_DOC_ARRAY && b->count == 2);
    if (b != NULL && b->count == 2) {
        CHECK_EQ_INT(b->items[1]->kind, ASLDOT_DOC_OBJECT);
        CHECK_EQ_INT(b->items[1]->index, 1);
        CHECK_EQ_INT(b->items[1]->items[0]->key_column, 5);
        CHECK_EQ_INT(b->items[1]->items[0]->column, 10);
        CHECK_EQ_INT(asldot_doc_pointer(&ptr, b->items[1]->items[0]), ASLDOT_OK);
        CHECK_EQ_STR(asldot_buf_cstr(&ptr), "/States/B/1/€");
    }
    asldot_buf_free(&ptr);
    done(&r);

    /* a BOM is skipped here too */
    r = parse_opts("\xEF\xBB\xBF"
                   "a: 1\n",
                   8, NULL);
    CHECK_EQ_INT(r.st, ASLDOT_OK);
    if (r.doc) {
        CHECK_EQ_INT(r.doc->is_yaml, 1);
        CHECK_EQ_INT(r.doc->root->items[0]->key_column, 1);
        CHECK_EQ_INT(r.doc->root->items[0]->column, 4);
    }
    done(&r);
}

static void check_scalar(const asldot_doc_node *root, const char *key, asldot_doc_kind kind,
                         const char *str)
{
    const asldot_doc_node *n = asldot_doc_get(root, key);
    CHECK(n != NULL);
    if (n == NULL)
        return;
    if (n->kind != kind)
        fprintf(stderr, "  key %s: kind %s, expected %s\n", key, asldot_doc_kind_name(n->kind),
                asldot_doc_kind_name(kind));
    CHECK_EQ_INT(n->kind, kind);
    if (str != NULL)
        CHECK_EQ_STR(n->str, str);
}

static void test_scalars(void)
{
    const char *src = "n1: null\nn2: Null\nn3: NULL\nn4: ~\nn5:\n"
                      "b1: true\nb2: True\nb3: FALSE\n"
                      "s1: Yes\ns2: no\ns3: On\ns4: \"1\"\ns5: '2'\ns6: nULL\ns7: 1_000\n"
                      "s8: 0b101\ns9: 12:30\ns10: .5.5\ns11: \"true\"\ns12: tRUE\n"
                      "i1: 10\ni2: -3\ni3: 0o17\ni4: 0x1F\ni5: +7\ni6: 012\n"
                      "f1: 1.5\nf2: .5\nf3: 1e3\nf4: .inf\nf5: -.Inf\nf6: .nan\nf7: 2.\n"
                      "lit: |\n  line one\n  line two\nfold: >\n  a\n  b\n"
                      "t1: !!str 123\nt2: !Ref MyBucket\nt3: !GetAtt [Fn, Arn]\nt4: !!int \"5\"\n"
                      "t5: !Sub 42\nt6: ! 12\n";
    result r = parse(src);
    const asldot_doc_node *root, *n;
    CHECK_EQ_INT(r.st, ASLDOT_OK);
    CHECK_EQ_INT(asldot_diagnostics_count(r.d), 0);
    if (r.doc == NULL) {
        done(&r);
        return;
    }
    root = r.doc->root;
    check_scalar(root, "n1", ASLDOT_DOC_NULL, NULL);
    check_scalar(root, "n2", ASLDOT_DOC_NULL, NULL);
    check_scalar(root, "n3", ASLDOT_DOC_NULL, NULL);
    check_scalar(root, "n4", ASLDOT_DOC_NULL, NULL);
    check_scalar(root, "n5", ASLDOT_DOC_NULL, NULL);
    check_scalar(root, "b1", ASLDOT_DOC_BOOL, NULL);
    CHECK_EQ_INT(asldot_doc_get(root, "b1")->boolean, 1);
    CHECK_EQ_INT(asldot_doc_get(root, "b2")->boolean, 1);
    check_scalar(root, "b3", ASLDOT_DOC_BOOL, NULL);
    CHECK_EQ_INT(asldot_doc_get(root, "b3")->boolean, 0);
    check_scalar(root, "s1", ASLDOT_DOC_STRING, "Yes"); /* YAML 1.2: Yes as a value stays text */
    check_scalar(root, "s2", ASLDOT_DOC_STRING, "no");
    check_scalar(root, "s3", ASLDOT_DOC_STRING, "On");
    check_scalar(root, "s4", ASLDOT_DOC_STRING, "1");
    CHECK(!(asldot_doc_get(root, "s4")->flags & ASLDOT_DOC_YAML_PLAIN));
    check_scalar(root, "s5", ASLDOT_DOC_STRING, "2");
    check_scalar(root, "s6", ASLDOT_DOC_STRING, "nULL");
    check_scalar(root, "s7", ASLDOT_DOC_STRING, "1_000");
    check_scalar(root, "s8", ASLDOT_DOC_STRING, "0b101");
    check_scalar(root, "s9", ASLDOT_DOC_STRING, "12:30");
    check_scalar(root, "s10", ASLDOT_DOC_STRING, ".5.5");
    check_scalar(root, "s11", ASLDOT_DOC_STRING, "true");
    check_scalar(root, "s12", ASLDOT_DOC_STRING, "tRUE");
    check_scalar(root, "i1", ASLDOT_DOC_NUMBER, "10");
    CHECK(asldot_doc_is_integer(asldot_doc_get(root, "i1"), 10, 10));
    CHECK(asldot_doc_get(root, "i1")->flags & ASLDOT_DOC_YAML_PLAIN);
    CHECK(asldot_doc_get(root, "i2")->num == -3);
    CHECK(asldot_doc_get(root, "i3")->num == 15);
    CHECK_EQ_STR(asldot_doc_get(root, "i3")->str, "0o17");
    CHECK(asldot_doc_get(root, "i4")->num == 31);
    CHECK(asldot_doc_get(root, "i5")->num == 7);
    CHECK(asldot_doc_get(root, "i6")->num == 12);
    check_scalar(root, "f1", ASLDOT_DOC_NUMBER, "1.5");
    CHECK(asldot_doc_get(root, "f1")->num == 1.5);
    CHECK(asldot_doc_get(root, "f2")->num == 0.5);
    CHECK(asldot_doc_get(root, "f3")->num == 1000);
    n = asldot_doc_get(root, "f4");
    CHECK(n && n->kind == ASLDOT_DOC_NUMBER && isinf(n->num) && n->num > 0);
    n = asldot_doc_get(root, "f5");
    CHECK(n && n->kind == ASLDOT_DOC_NUMBER && isinf(n->num) && n->num < 0);
    n = asldot_doc_get(root, "f6");
    CHECK(n && n->kind == ASLDOT_DOC_NUMBER && isnan(n->num));
    CHECK(!asldot_doc_is_integer(n, -1e9, 1e9));
    CHECK(asldot_doc_get(root, "f7")->num == 2);
    check_scalar(root, "lit", ASLDOT_DOC_STRING, "line one\nline two\n");
    check_scalar(root, "fold", ASLDOT_DOC_STRING, "a b\n");
    check_scalar(root, "t1", ASLDOT_DOC_STRING, "123");
    check_scalar(root, "t2", ASLDOT_DOC_STRING, "MyBucket");
    check_scalar(root, "t3", ASLDOT_DOC_ARRAY, NULL);
    CHECK_EQ_INT(asldot_doc_get(root, "t3")->count, 2);
    check_scalar(root, "t4", ASLDOT_DOC_STRING, "5");
    check_scalar(root, "t5", ASLDOT_DOC_NUMBER, "42");
    check_scalar(root, "t6", ASLDOT_DOC_STRING, "12");
    done(&r);
}

static void test_keys(void)
{
    const char *src = "States:\n  Yes: 1\n  \"No\": 2\n  on: 3\n  Y: 4\n  yes please: 5\n";
    asldot_options o;
    result r = parse(src);
    const asldot_diagnostic *g;
    const asldot_doc_node *s;
    CHECK_EQ_INT(r.st, ASLDOT_OK);
    CHECK_EQ_INT(asldot_diagnostics_error_count(r.d), 0);
    /* Yes and on warn; Y does not (common 1.1 loaders keep it a string; DynamoDB's "N") */
    CHECK_EQ_INT(asldot_diagnostics_warning_count(r.d), 2);
    g = first_diag(&r);
    CHECK_EQ_STR(g->code, "yaml-boolean-key");
    CHECK_EQ_STR(g->message, "key \"Yes\" is a boolean in YAML 1.1 tools; quote it");
    CHECK_EQ_STR(g->pointer, "/States/Yes");
    CHECK_EQ_INT(g->line, 2);
    CHECK_EQ_INT(g->column, 3);
    CHECK_EQ_INT(asldot_diagnostics_get(r.d, 1)->line, 4);
    s = r.doc ? asldot_doc_get(r.doc->root, "States") : NULL;
    CHECK(asldot_doc_get(s, "Yes") != NULL); /* stays the string */
    CHECK(asldot_doc_get(s, "on") != NULL);
    done(&r);

    /* complex keys */
    expect_error("? [a, b]\n: 1\n", ASLDOT_ERR_SYNTAX, "yaml-complex-key", 1, 3);
    expect_error("x: {{a: 1}: 2}\n", ASLDOT_ERR_SYNTAX, "yaml-complex-key", 1, 5);
    /* scalar keys of any type are key strings; explicit "? a" too */
    r = parse("1: one\ntrue: t\n~: n\n? k\n: v\n");
    CHECK_EQ_INT(r.st, ASLDOT_OK);
    if (r.doc) {
        CHECK_EQ_STR(asldot_doc_get_string(r.doc->root, "1"), "one");
        CHECK_EQ_STR(asldot_doc_get_string(r.doc->root, "true"), "t");
        CHECK_EQ_STR(asldot_doc_get_string(r.doc->root, "~"), "n");
        CHECK_EQ_STR(asldot_doc_get_string(r.doc->root, "k"), "v");
    }
    done(&r);

    /* duplicates: error, or warning when lenient; the first one stays */
    src = "States:\n  A:\n    Next: B\n    Next: C\n";
    r = parse(src);
    CHECK_EQ_INT(r.st, ASLDOT_OK);
    CHECK_EQ_INT(asldot_diagnostics_error_count(r.d), 1);
    g = first_diag(&r);
    CHECK_EQ_STR(g->code, "duplicate-key");
    CHECK_EQ_STR(g->message, "duplicate key \"Next\" (first at line 3)");
    CHECK_EQ_STR(g->pointer, "/States/A/Next");
    CHECK_EQ_INT(g->line, 4);
    CHECK_EQ_INT(g->column, 5);
    if (r.doc)
        CHECK_EQ_STR(asldot_doc_get_string(path(r.doc->root, "States", "A"), "Next"), "B");
    done(&r);
    asldot_options_init(&o);
    o.input_format = ASLDOT_INPUT_YAML;
    o.flags = ASLDOT_OPT_LENIENT;
    r = parse_opts(src, strlen(src), &o);
    CHECK_EQ_INT(asldot_diagnostics_error_count(r.d), 0);
    CHECK_EQ_INT(asldot_diagnostics_warning_count(r.d), 1);
    done(&r);
    /* merge keys are ordinary keys */
    r = parse("base: &b {x: 1}\nuse:\n  <<: *b\n  y: 2\n");
    CHECK_EQ_INT(r.st, ASLDOT_OK);
    if (r.doc)
        CHECK(asldot_doc_get(path(r.doc->root, "use", NULL), "<<") != NULL);
    done(&r);
}

static void test_errors(void)
{
    const asldot_diagnostic *g;
    result r;
    expect_error("a: b: c\n", ASLDOT_ERR_SYNTAX, "yaml-syntax", 1, 5);
    expect_error("a:\n  - 1\n  - [2, 3\n", ASLDOT_ERR_SYNTAX, "yaml-syntax", 4, 1);
    expect_error("é: ü\nb: \"x\n", ASLDOT_ERR_SYNTAX, "yaml-syntax", 3, 1);
    expect_error("é: ü: x\n", ASLDOT_ERR_SYNTAX, "yaml-syntax", 1,
                 5); /* columns count characters */
    expect_error("é: ü\n - x: 1\n", ASLDOT_ERR_SYNTAX, "yaml-syntax", 2, 5);
    expect_error("a: 1\n---\nb: 2\n", ASLDOT_ERR_SYNTAX, "trailing-data", 2, 1);
    expect_error("a: \"x\\0y\"\n", ASLDOT_ERR_SYNTAX, "nul-in-string", 1, 4);
    expect_error("a: *nowhere\n", ASLDOT_ERR_SYNTAX, "yaml-syntax", 1, 4);
    expect_error("a: &r [1, *r]\n", ASLDOT_ERR_SYNTAX, "yaml-syntax", 1, 11);
    expect_error("a: x\x01y\n", ASLDOT_ERR_SYNTAX, "yaml-syntax", 1, 5);
    expect_error("# nothing but a comment\n", ASLDOT_ERR_SYNTAX, "empty-input", 0, 0);
    r = parse("key: value\n  bad: indent\n");
    g = first_diag(&r);
    CHECK_EQ_INT(r.st, ASLDOT_ERR_SYNTAX);
    CHECK(g != NULL && g->excerpt != NULL);
    if (g && g->excerpt) {
        CHECK_EQ_STR(g->excerpt, "  bad: indent");
        CHECK_CONTAINS(g->message, "mapping values are not allowed");
    }
    done(&r);
    r = parse("a: 1\n\xff\n");
    CHECK_EQ_STR(first_diag(&r)->code, "invalid-utf8");
    CHECK_EQ_INT(first_diag(&r)->line, 2);
    done(&r);
    /* a document end marker alone is fine; "..." then garbage is a second document */
    r = parse("a: 1\n...\n");
    CHECK_EQ_INT(r.st, ASLDOT_OK);
    done(&r);
}

static void test_depth(void)
{
    size_t n = 200000;
    char *s = malloc(2 * n + 1);
    asldot_buf b = ASLDOT_BUF_INIT;
    asldot_options o;
    result r;
    asldot_options_init(&o);
    o.input_format = ASLDOT_INPUT_YAML;
    memset(s, '[', n);
    memset(s + n, ']', n);
    r = parse_opts(s, 2 * n, &o);
    CHECK_EQ_INT(r.st, ASLDOT_ERR_LIMIT);
    CHECK_EQ_STR(first_diag(&r)->code, "depth-limit");
    done(&r);
    /* block style: "- - - - ... x" */
    for (size_t i = 0; i < 20000; i++)
        asldot_buf_puts(&b, "- ");
    asldot_buf_puts(&b, "x\n");
    r = parse_opts(b.data, b.len, &o);
    CHECK_EQ_INT(r.st, ASLDOT_ERR_LIMIT);
    CHECK_EQ_STR(first_diag(&r)->code, "depth-limit");
    done(&r);
    asldot_buf_free(&b);
    o.max_doc_depth = 2;
    r = parse_opts("a: {b: 1}\n", 10, &o);
    CHECK_EQ_INT(r.st, ASLDOT_OK);
    done(&r);
    r = parse_opts("a: {b: [1]}\n", 12, &o);
    CHECK_EQ_INT(r.st, ASLDOT_ERR_LIMIT);
    CHECK_EQ_INT(first_diag(&r)->column, 8);
    done(&r);
    /* an alias cannot smuggle in more depth */
    r = parse_opts("a: &x [1]\nb: [*x]\n", 18, &o);
    CHECK_EQ_INT(r.st, ASLDOT_ERR_LIMIT);
    CHECK_EQ_STR(first_diag(&r)->code, "depth-limit");
    done(&r);
    free(s);
}

static void test_aliases(void)
{
    const char *src = "defaults: &d\n  Retry: [{ErrorEquals: [States.ALL], MaxAttempts: 2}]\n"
                      "  Type: Task\n"
                      "States:\n  A: *d\n  B: *d\n  C: &name Foo\n  D: *name\n  *name : key\n";
    result r = parse(src);
    const asldot_doc_node *a, *b, *d;
    asldot_buf ptr = ASLDOT_BUF_INIT;
    CHECK_EQ_INT(r.st, ASLDOT_OK);
    CHECK_EQ_INT(asldot_diagnostics_count(r.d), 0);
    if (r.doc == NULL) {
        done(&r);
        return;
    }
    a = path(r.doc->root, "States", "A");
    b = path(r.doc->root, "States", "B");
    d = asldot_doc_get(r.doc->root, "defaults");
    CHECK(a != NULL && b != NULL && a != b && a != d);
    if (a == NULL || b == NULL) {
        done(&r);
        return;
    }
    CHECK_EQ_INT(a->kind, ASLDOT_DOC_OBJECT);
    CHECK_EQ_STR(asldot_doc_get_string(a, "Type"), "Task");
    CHECK_EQ_INT(a->line, 5);
    CHECK_EQ_INT(a->column, 6);
    CHECK_EQ_INT(b->line, 6);
    CHECK(asldot_doc_get(a, "Retry")->parent == a);
    CHECK(asldot_doc_get(a, "Retry")->items[0]->parent == asldot_doc_get(a, "Retry"));
    CHECK_EQ_INT(asldot_doc_pointer(&ptr, asldot_doc_get(a, "Retry")->items[0]->items[1]),
                 ASLDOT_OK);
    CHECK_EQ_STR(asldot_buf_cstr(&ptr), "/States/A/Retry/0/MaxAttempts");
    asldot_buf_free(&ptr);
    CHECK_EQ_STR(asldot_doc_get_string(path(r.doc->root, "States", NULL), "D"), "Foo");
    CHECK_EQ_STR(asldot_doc_get_string(path(r.doc->root, "States", NULL), "Foo"), "key");
    done(&r);
}

static void test_alias_bomb(void)
{
    const char *bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
                       "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                       "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
                       "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
                       "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
                       "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
                       "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\n"
                       "h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g, *g]\n"
                       "i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h, *h]\n";
    asldot_buf big = ASLDOT_BUF_INIT;
    result r;
    r = parse(bomb);
    CHECK_EQ_INT(r.st, ASLDOT_ERR_LIMIT);
    CHECK_EQ_STR(first_diag(&r)->code, "alias-limit");
    CHECK(r.doc == NULL);
    done(&r);
    /* the budget is also absolute: 1,000,000 nodes whatever the input size */
    asldot_buf_puts(&big, "a: &a [");
    for (int i = 0; i < 1000; i++)
        asldot_buf_puts(&big, i ? ", x" : "x");
    asldot_buf_puts(&big, "]\nb: [");
    for (int i = 0; i < 2000; i++)
        asldot_buf_puts(&big, i ? ", *a" : "*a");
    asldot_buf_puts(&big, "]\n");
    r = parse(big.data);
    CHECK_EQ_INT(r.st, ASLDOT_ERR_LIMIT);
    CHECK_EQ_STR(first_diag(&r)->code, "alias-limit");
    done(&r);
    asldot_buf_free(&big);
    /* a modest amount of reuse is fine */
    r = parse("a: &a [1, 2, 3]\nb: [*a, *a, *a]\n");
    CHECK_EQ_INT(r.st, ASLDOT_OK);
    done(&r);
}

/* Random text over the JSON and YAML punctuation: never a crash, and a failure always says why. */
static void test_structured_noise(void)
{
    static const char alphabet[] = "{}[]:,\"'&*!-?|># \n\n\t  ab01.\\u~%@é";
    unsigned seed = 987654321u;
    int failures_without_reason = 0, ok = 0;
    for (int round = 0; round < 3000; round++) {
        char text[160];
        size_t n = 1 + round % (sizeof text - 1), k = 0;
        asldot_options o;
        result r;
        while (k < n) {
            char c;
            seed = seed * 1103515245u + 12345u;
            c = alphabet[(seed >> 16) % (sizeof alphabet - 1)];
            if ((unsigned char)c >= 0x80) { /* keep the two bytes of "é" together */
                if (k + 2 > n)
                    break;
                text[k++] = "é"[0];
                text[k++] = "é"[1];
                continue;
            }
            text[k++] = c;
        }
        asldot_options_init(&o);
        o.input_format = (asldot_input_format)(round % 3);
        o.max_doc_depth = 8;
        r = parse_opts(text, k, &o);
        if (r.st == ASLDOT_OK) {
            ok++;
            CHECK(r.doc != NULL && r.doc->root != NULL);
        } else {
            CHECK(r.doc == NULL);
            if (asldot_diagnostics_error_count(r.d) == 0)
                failures_without_reason++;
        }
        done(&r);
    }
    CHECK_EQ_INT(failures_without_reason, 0);
    CHECK(ok > 0);
}

/* a YAML definition parses as YAML, without errors (YAML 1.1 warnings are allowed) */
static int yaml_clean(const result *r)
{
    return r->st == ASLDOT_OK && asldot_diagnostics_error_count(r->d) == 0 && r->doc != NULL &&
           r->doc->is_yaml == 1;
}

static void test_corpus(void)
{
    static const char *const suffixes[] = {".yaml", ".yml", NULL};
    check_corpus(suffixes, yaml_clean, "yaml");
}

int main(void)
{
    test_tree_and_positions();
    test_scalars();
    test_keys();
    test_errors();
    test_depth();
    test_aliases();
    test_alias_bomb();
    test_structured_noise();
    test_corpus();
    TEST_MAIN_END();
}
