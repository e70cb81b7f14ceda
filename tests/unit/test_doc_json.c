/* test_doc_json.c: the strict input layer, JSON path (doc.c, json_in.c, utf8.c). */
#include "../harness.h"
#include "alloc.h"
#include "buf.h"
#include "doc.h"
#include "utf8.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DOC_TEST_FORMAT ASLDOT_INPUT_JSON
#include "doc_helpers.h"

/* Expects the parse of s to fail with status st, code, at line:column, with an excerpt. */
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
        CHECK(g->excerpt != NULL);
        if (strcmp(g->code, code) != 0 || g->line != line || g->column != column)
            fprintf(stderr, "  input: %s\n  got: %u:%u %s [%s]\n", s, g->line, g->column,
                    g->message, g->code);
    }
    done(&r);
}

static void test_basic_tree(void)
{
    result r = parse("{\"a\": 1, \"b\": [true, null, \"x\", false, -2.5e3], \"c\": {}}");
    const asldot_doc_node *root, *b;
    CHECK_EQ_INT(r.st, ASLDOT_OK);
    CHECK_EQ_INT(asldot_diagnostics_count(r.d), 0);
    CHECK(r.doc != NULL && r.doc->is_yaml == 0);
    if (r.doc == NULL) {
        done(&r);
        return;
    }
    root = r.doc->root;
    CHECK_EQ_INT(root->kind, ASLDOT_DOC_OBJECT);
    CHECK_EQ_INT(root->count, 3);
    CHECK(root->parent == NULL);
    CHECK(asldot_doc_is_integer(asldot_doc_get(root, "a"), 0, 10));
    CHECK(!asldot_doc_is_integer(asldot_doc_get(root, "a"), 2, 10));
    CHECK_EQ_STR(asldot_doc_get(root, "a")->str, "1");
    b = asldot_doc_get(root, "b");
    CHECK(b != NULL && b->kind == ASLDOT_DOC_ARRAY && b->count == 5);
    CHECK_EQ_INT(b->items[0]->kind, ASLDOT_DOC_BOOL);
    CHECK_EQ_INT(b->items[0]->boolean, 1);
    CHECK_EQ_INT(b->items[1]->kind, ASLDOT_DOC_NULL);
    CHECK_EQ_STR(b->items[2]->str, "x");
    CHECK_EQ_INT(b->items[2]->index, 2);
    CHECK(b->items[2]->parent == b);
    CHECK(b->items[2]->key == NULL);
    CHECK_EQ_INT(b->items[3]->boolean, 0);
    CHECK(b->items[4]->num == -2500.0);
    CHECK_EQ_STR(b->items[4]->str, "-2.5e3");
    CHECK(!asldot_doc_is_integer(b->items[2], -1e9, 1e9));
    CHECK(asldot_doc_is_integer(b->items[4], -1e9, 1e9));
    CHECK_EQ_INT(asldot_doc_get(root, "c")->kind, ASLDOT_DOC_OBJECT);
    CHECK_EQ_INT(asldot_doc_get(root, "c")->count, 0);
    CHECK(asldot_doc_get(root, "A") == NULL); /* case-sensitive */
    CHECK(asldot_doc_get(NULL, "a") == NULL);
    CHECK(asldot_doc_get(b, "a") == NULL);
    CHECK(asldot_doc_get_string(root, "a") == NULL);
    CHECK(asldot_doc_get_string(root, "zz") == NULL);
    CHECK_EQ_STR(asldot_doc_kind_name(ASLDOT_DOC_OBJECT), "object");
    CHECK_EQ_STR(asldot_doc_kind_name(ASLDOT_DOC_STRING), "string");
    CHECK_EQ_STR(asldot_doc_kind_name(ASLDOT_DOC_BOOL), "boolean");
    CHECK_EQ_STR(asldot_doc_kind_name(ASLDOT_DOC_NUMBER), "number");
    CHECK_EQ_STR(asldot_doc_kind_name(ASLDOT_DOC_NULL), "null");
    CHECK_EQ_STR(asldot_doc_kind_name(ASLDOT_DOC_ARRAY), "array");
    done(&r);
}

static void test_positions(void)
{
    /* columns count characters: "é" and "ü" are two bytes each; a tab counts 1 */
    result r = parse("{\"é\": \"ü\", \"k\": 1,\n\t\"n\": {\"deep\":\n   [10, \"€x\", 7]}}");
    const asldot_doc_node *root, *k, *n, *deep;
    CHECK_EQ_INT(r.st, ASLDOT_OK);
    if (r.doc == NULL) {
        done(&r);
        return;
    }
    root = r.doc->root;
    CHECK_EQ_INT(root->line, 1);
    CHECK_EQ_INT(root->column, 1);
    CHECK_EQ_STR(asldot_doc_get_string(root, "é"), "ü");
    CHECK_EQ_INT(root->items[0]->key_column, 2);
    CHECK_EQ_INT(root->items[0]->column, 7);
    k = asldot_doc_get(root, "k");
    CHECK_EQ_INT(k->key_line, 1);
    CHECK_EQ_INT(k->key_column, 12);
    CHECK_EQ_INT(k->line, 1);
    CHECK_EQ_INT(k->column, 17);
    n = asldot_doc_get(root, "n");
    CHECK_EQ_INT(n->key_line, 2);
    CHECK_EQ_INT(n->key_column, 2);
    CHECK_EQ_INT(n->column, 7);
    deep = asldot_doc_get(n, "deep");
    CHECK_EQ_INT(deep->key_line, 2);
    CHECK_EQ_INT(deep->key_column, 8);
    CHECK_EQ_INT(deep->line, 3);
    CHECK_EQ_INT(deep->column, 4);
    CHECK_EQ_INT(deep->items[1]->column, 9);
    CHECK_EQ_STR(deep->items[1]->str, "€x");
    CHECK_EQ_INT(deep->items[2]->column, 15); /* after the 3-byte euro sign */
    CHECK_EQ_INT(deep->items[2]->key_line, 0);
    done(&r);

    /* CRLF line ends */
    r = parse("{\r\n  \"a\":\r\n    true\r\n}");
    CHECK_EQ_INT(r.st, ASLDOT_OK);
    if (r.doc != NULL) {
        CHECK_EQ_INT(r.doc->root->items[0]->key_line, 2);
        CHECK_EQ_INT(r.doc->root->items[0]->key_column, 3);
        CHECK_EQ_INT(r.doc->root->items[0]->line, 3);
        CHECK_EQ_INT(r.doc->root->items[0]->column, 5);
    }
    done(&r);
}

static void test_pointer_and_diag(void)
{
    result r = parse("{\"a/b\": {\"m~n\": [0, {\"x\": 1}]}, \"States\": {\"Approve\": {\"Next\": "
                     "\"Done\"}}}");
    asldot_buf b = ASLDOT_BUF_INIT;
    const asldot_doc_node *x, *next;
    const asldot_diagnostic *g;
    CHECK_EQ_INT(r.st, ASLDOT_OK);
    if (r.doc == NULL) {
        done(&r);
        return;
    }
    x = r.doc->root->items[0]->items[0]->items[1]->items[0];
    CHECK_EQ_INT(asldot_doc_pointer(&b, x), ASLDOT_OK);
    CHECK_EQ_STR(asldot_buf_cstr(&b), "/a~1b/m~0n/1/x");
    asldot_buf_reset(&b);
    CHECK_EQ_INT(asldot_doc_pointer(&b, r.doc->root), ASLDOT_OK);
    CHECK_EQ_STR(asldot_buf_cstr(&b), "");
    CHECK(b.data != NULL);
    asldot_buf_reset(&b);
    next = asldot_doc_get(asldot_doc_get(asldot_doc_get(r.doc->root, "States"), "Approve"), "Next");
    CHECK_EQ_INT(asldot_doc_pointer(&b, next), ASLDOT_OK);
    CHECK_EQ_STR(asldot_buf_cstr(&b), "/States/Approve/Next");
    asldot_buf_reset(&b);
    CHECK_EQ_INT(asldot_doc_pointer_child(&b, next->parent, "Res/ult~Path"), ASLDOT_OK);
    CHECK_EQ_STR(asldot_buf_cstr(&b), "/States/Approve/Res~1ult~0Path");
    asldot_buf_free(&b);

    CHECK_EQ_INT(asldot_doc_diag(r.d, ASLDOT_SEV_ERROR, "test-key", next, 1, "at %s", "key"),
                 ASLDOT_OK);
    CHECK_EQ_INT(asldot_doc_diag(r.d, ASLDOT_SEV_WARNING, "test-value", next, 0, "value"),
                 ASLDOT_OK);
    CHECK_EQ_INT(asldot_doc_diag(r.d, ASLDOT_SEV_NOTE, "test-doc", NULL, 1, "doc"), ASLDOT_OK);
    CHECK_EQ_INT(asldot_doc_diag(r.d, ASLDOT_SEV_NOTE, "test-elem", x->parent, 1, "elem"),
                 ASLDOT_OK);
    g = asldot_diagnostics_get(r.d, 0);
    CHECK_EQ_STR(g->pointer, "/States/Approve/Next");
    CHECK_EQ_STR(g->message, "at key");
    CHECK_EQ_INT(g->line, 1);
    CHECK_EQ_INT(g->column, next->key_column);
    g = asldot_diagnostics_get(r.d, 1);
    CHECK_EQ_INT(g->column, next->column);
    CHECK(next->column > next->key_column);
    CHECK_EQ_INT(g->severity, ASLDOT_SEV_WARNING);
    g = asldot_diagnostics_get(r.d, 2);
    CHECK_EQ_STR(g->pointer, "");
    CHECK_EQ_INT(g->line, 0);
    g = asldot_diagnostics_get(r.d, 3); /* an array element has no key: the value's position */
    CHECK_EQ_STR(g->pointer, "/a~1b/m~0n/1");
    CHECK_EQ_INT(g->column, x->parent->column);
    CHECK_EQ_INT(asldot_doc_diag(NULL, ASLDOT_SEV_NOTE, "x", next, 0, "ignored"), ASLDOT_OK);
    done(&r);
}

static void test_common_checks(void)
{
    asldot_options o;
    result r;
    const asldot_diagnostic *g;

    /* BOM is skipped, AUTO sniffs JSON */
    r = parse_opts("\xEF\xBB\xBF{\"a\": \"b\"}", 13, NULL);
    CHECK_EQ_INT(r.st, ASLDOT_OK);
    CHECK(r.doc != NULL && r.doc->is_yaml == 0);
    if (r.doc) {
        CHECK_EQ_STR(asldot_doc_get_string(r.doc->root, "a"), "b");
        CHECK_EQ_INT(r.doc->root->items[0]->key_column, 2);
    }
    done(&r);

    r = parse_opts("", 0, NULL);
    CHECK_EQ_INT(r.st, ASLDOT_ERR_SYNTAX);
    CHECK_EQ_STR(first_diag(&r)->code, "empty-input");
    done(&r);
    r = parse_opts(NULL, 0, NULL);
    CHECK_EQ_INT(r.st, ASLDOT_ERR_SYNTAX);
    done(&r);
    r = parse_opts(" \r\n\t \n", 6, NULL);
    CHECK_EQ_INT(r.st, ASLDOT_ERR_SYNTAX);
    CHECK_EQ_STR(first_diag(&r)->code, "empty-input");
    done(&r);
    r = parse_opts("\xEF\xBB\xBF  ", 5, NULL);
    CHECK_EQ_STR(first_diag(&r)->code, "empty-input");
    done(&r);

    asldot_options_init(&o);
    o.max_input_bytes = 10;
    r = parse_opts("{\"abc\": \"defgh\"}", 16, &o);
    CHECK_EQ_INT(r.st, ASLDOT_ERR_LIMIT);
    CHECK_EQ_STR(first_diag(&r)->code, "input-too-large");
    CHECK(r.doc == NULL);
    done(&r);
    /* the size check comes first, even before the empty check */
    r = parse_opts("           ", 11, &o);
    CHECK_EQ_STR(first_diag(&r)->code, "input-too-large");
    done(&r);

    /* invalid UTF-8 points at the byte */
    r = parse("{\"a\": \"é\xff\"}");
    g = first_diag(&r);
    CHECK_EQ_INT(r.st, ASLDOT_ERR_SYNTAX);
    CHECK_EQ_STR(g->code, "invalid-utf8");
    CHECK_EQ_INT(g->line, 1);
    CHECK_EQ_INT(g->column, 9);
    CHECK_CONTAINS(g->message, "0xff");
    CHECK(g->excerpt != NULL && strchr(g->excerpt, '?') != NULL);
    done(&r);
    r = parse("{\n\"a\": \"\xe2\x82\"}"); /* cut-short sequence: points at its lead byte */
    g = first_diag(&r);
    CHECK_EQ_STR(g->code, "invalid-utf8");
    CHECK_EQ_INT(g->line, 2);
    CHECK_EQ_INT(g->column, 7);
    CHECK_CONTAINS(g->message, "0xe2");
    done(&r);
    r = parse("[\"\xed\xa0\x80\"]"); /* an encoded surrogate */
    CHECK_EQ_STR(first_diag(&r)->code, "invalid-utf8");
    done(&r);
    r = parse("[\"\xc0\xaf\"]"); /* overlong */
    CHECK_EQ_STR(first_diag(&r)->code, "invalid-utf8");
    CHECK_EQ_INT(first_diag(&r)->column, 3);
    done(&r);

    /* an explicit format wins over sniffing; top-level scalars are fine in JSON */
    r = parse(" \"just a string\" ");
    CHECK_EQ_INT(r.st, ASLDOT_OK);
    CHECK(r.doc && r.doc->root->kind == ASLDOT_DOC_STRING);
    done(&r);
    CHECK_EQ_INT(asldot_doc_parse(NULL, "{}", 2, NULL, NULL), ASLDOT_ERR_ARGS);
}

static void test_syntax_errors(void)
{
    expect_error("{\"a\": \"abc", ASLDOT_ERR_SYNTAX, "json-syntax", 1, 7);
    expect_error("{\"a\" 1}", ASLDOT_ERR_SYNTAX, "json-syntax", 1, 6);
    expect_error("{\"a\": 1 \"b\": 2}", ASLDOT_ERR_SYNTAX, "json-syntax", 1, 9);
    expect_error("[1 2]", ASLDOT_ERR_SYNTAX, "json-syntax", 1, 4);
    expect_error("{\"a\": 1,\n \"b\": 2,\n}", ASLDOT_ERR_SYNTAX, "json-syntax", 2, 8);
    expect_error("[1, 2, ]", ASLDOT_ERR_SYNTAX, "json-syntax", 1, 6);
    expect_error("{\"a\": 012}", ASLDOT_ERR_SYNTAX, "json-syntax", 1, 7);
    expect_error("[-]", ASLDOT_ERR_SYNTAX, "json-syntax", 1, 3);
    expect_error("[1.]", ASLDOT_ERR_SYNTAX, "json-syntax", 1, 4);
    expect_error("[1e+]", ASLDOT_ERR_SYNTAX, "json-syntax", 1, 5);
    expect_error("[\"\\ud800\"]", ASLDOT_ERR_SYNTAX, "json-syntax", 1, 3);
    expect_error("[\"x\\udc00\"]", ASLDOT_ERR_SYNTAX, "json-syntax", 1, 4);
    expect_error("[\"\\ud800\\u0041\"]", ASLDOT_ERR_SYNTAX, "json-syntax", 1, 3);
    expect_error("[\"\\x\"]", ASLDOT_ERR_SYNTAX, "json-syntax", 1, 3);
    expect_error("[\"\\u12g4\"]", ASLDOT_ERR_SYNTAX, "json-syntax", 1, 3);
    expect_error("{\"a\": True}", ASLDOT_ERR_SYNTAX, "json-syntax", 1, 7);
    expect_error("{\"a\": 'x'}", ASLDOT_ERR_SYNTAX, "json-syntax", 1, 7);
    expect_error("{a: 1}", ASLDOT_ERR_SYNTAX, "json-syntax", 1, 2);
    expect_error("{\"a\": }", ASLDOT_ERR_SYNTAX, "json-syntax", 1, 7);
    expect_error("{\"a\": [1}", ASLDOT_ERR_SYNTAX, "json-syntax", 1, 9);
    expect_error("{\"a\": \"x\ny\"}", ASLDOT_ERR_SYNTAX, "json-syntax", 1, 9);
    expect_error("[\"a\tb\"]", ASLDOT_ERR_SYNTAX, "json-syntax", 1, 4);
    expect_error("{\"a\": 1", ASLDOT_ERR_SYNTAX, "json-syntax", 1, 8);
    expect_error("[1, 2] x", ASLDOT_ERR_SYNTAX, "trailing-data", 1, 8);
    expect_error("{}\n{}", ASLDOT_ERR_SYNTAX, "trailing-data", 2, 1);
    expect_error("[\"a\\u0000b\"]", ASLDOT_ERR_SYNTAX, "nul-in-string", 1, 4);
    expect_error("{\"k\\u0000\": 1}", ASLDOT_ERR_SYNTAX, "nul-in-string", 1, 4);
    {
        const char raw[] = "[\"a\0b\"]";
        result r = parse_opts(raw, sizeof raw - 1, NULL);
        CHECK_EQ_INT(r.st, ASLDOT_ERR_SYNTAX);
        CHECK_EQ_STR(first_diag(&r)->code, "nul-in-string");
        CHECK_EQ_INT(first_diag(&r)->column, 4);
        done(&r);
    }
    {
        /* an escaped backslash followed by u0000 is six ordinary characters */
        result r = parse("[\"a\\\\u0000b\", \"\\\\\\u0041\"]");
        CHECK_EQ_INT(r.st, ASLDOT_OK);
        if (r.doc) {
            CHECK_EQ_STR(r.doc->root->items[0]->str, "a\\u0000b");
            CHECK_EQ_INT(r.doc->root->items[0]->str_len, 8);
            CHECK_EQ_STR(r.doc->root->items[1]->str, "\\A");
        }
        done(&r);
    }
    {
        /* the excerpt is the source line; a caret can be drawn under the column */
        result r = parse("{\n  \"StartAt\": \"A\"\n  \"States\": {}\n}");
        const asldot_diagnostic *g = first_diag(&r);
        CHECK_EQ_INT(g->line, 3);
        CHECK_EQ_INT(g->column, 3);
        CHECK_EQ_STR(g->excerpt, "  \"States\": {}");
        CHECK_CONTAINS(g->message, "expected ',' or '}'");
        done(&r);
    }
    {
        /* surrogate pairs and escapes decode */
        result r = parse("[\"\\ud83d\\ude00\\n\\\"\\/\"]");
        CHECK_EQ_INT(r.st, ASLDOT_OK);
        if (r.doc)
            CHECK_EQ_STR(r.doc->root->items[0]->str, "\xF0\x9F\x98\x80\n\"/");
        done(&r);
    }
}

static void test_numbers(void)
{
    result r = parse("[1e999, -1e999, 9007199254740993, 1.5, -0, "
                     "1234567890123456789012345678901234567890123456789012345678901234567890.5]");
    CHECK_EQ_INT(r.st, ASLDOT_OK);
    if (r.doc) {
        asldot_doc_node **it = r.doc->root->items;
        CHECK(isinf(it[0]->num) && it[0]->num > 0);
        CHECK_EQ_STR(it[0]->str, "1e999");
        CHECK(!asldot_doc_is_integer(it[0], -INFINITY, INFINITY));
        CHECK(isinf(it[1]->num) && it[1]->num < 0);
        CHECK_EQ_STR(it[2]->str, "9007199254740993");
        CHECK(!asldot_doc_is_integer(it[3], 0, 10));
        CHECK(asldot_doc_is_integer(it[4], 0, 0));
        CHECK_EQ_INT(it[5]->str_len, 72);
        CHECK(it[5]->num > 1.2e69 && it[5]->num < 1.3e69);
    }
    done(&r);
}

static void test_duplicates(void)
{
    const char *src = "{\n  \"States\": {\n    \"A\": {\n      \"Next\": \"B\",\n"
                      "      \"Next\": \"C\"\n    }\n  },\n  \"x\": 1, \"x\": 2, \"x\": 3\n}";
    asldot_options o;
    result r = parse_opts(src, strlen(src), NULL);
    const asldot_diagnostic *g;
    const asldot_doc_node *a;
    CHECK_EQ_INT(r.st, ASLDOT_OK); /* a tree is produced; the errors are diagnostics */
    CHECK_EQ_INT(asldot_diagnostics_error_count(r.d), 3);
    g = first_diag(&r);
    CHECK_EQ_STR(g->code, "duplicate-key");
    CHECK_EQ_STR(g->message, "duplicate key \"Next\" (first at line 4)");
    CHECK_EQ_STR(g->pointer, "/States/A/Next");
    CHECK_EQ_INT(g->line, 5);
    CHECK_EQ_INT(g->column, 7);
    g = asldot_diagnostics_get(r.d, 2);
    CHECK_EQ_INT(g->line, 8);
    CHECK_EQ_INT(g->column, 19);
    if (r.doc) {
        a = asldot_doc_get(asldot_doc_get(r.doc->root, "States"), "A");
        CHECK_EQ_STR(asldot_doc_get_string(a, "Next"), "B");
        CHECK_EQ_INT(a->count, 1);
        CHECK_EQ_INT(r.doc->root->count, 2);
        CHECK_EQ_INT(asldot_doc_get(r.doc->root, "x")->num, 1);
        CHECK_EQ_INT(asldot_doc_get(r.doc->root, "x")->index, 1);
    }
    done(&r);

    asldot_options_init(&o);
    o.flags = ASLDOT_OPT_LENIENT;
    r = parse_opts(src, strlen(src), &o);
    CHECK_EQ_INT(r.st, ASLDOT_OK);
    CHECK_EQ_INT(asldot_diagnostics_error_count(r.d), 0);
    CHECK_EQ_INT(asldot_diagnostics_warning_count(r.d), 3);
    CHECK_EQ_STR(first_diag(&r)->code, "duplicate-key");
    done(&r);

    /* keys that differ only after an escape are different; equal after unescaping are equal */
    r = parse("{\"a\\u0062\": 1, \"ab\": 2, \"aB\": 3}");
    CHECK_EQ_INT(asldot_diagnostics_error_count(r.d), 1);
    CHECK_EQ_INT(first_diag(&r)->column, 16);
    done(&r);
}

static void test_big_object(void)
{
    /* 100000 members and two duplicates: must be fast (sorting, not pairwise) */
    asldot_buf b = ASLDOT_BUF_INIT;
    result r;
    asldot_buf_puts(&b, "{");
    for (int i = 0; i < 100000; i++)
        asldot_buf_printf(&b, "%s\"key%d\": %d", i ? ",\n" : "", i, i);
    asldot_buf_puts(&b, ", \"key5\": 0, \"key99999\": 1}");
    r = parse_opts(b.data, b.len, NULL);
    CHECK_EQ_INT(r.st, ASLDOT_OK);
    CHECK_EQ_INT(asldot_diagnostics_error_count(r.d), 2);
    CHECK_EQ_STR(first_diag(&r)->message, "duplicate key \"key5\" (first at line 6)");
    CHECK_EQ_INT(first_diag(&r)->line, 100000);
    if (r.doc) {
        CHECK_EQ_INT(r.doc->root->count, 100000);
        CHECK_EQ_INT(asldot_doc_get(r.doc->root, "key99999")->num, 99999);
        CHECK_EQ_INT(r.doc->root->items[99999]->index, 99999);
    }
    done(&r);
    asldot_buf_free(&b);
}

static void test_depth(void)
{
    size_t n = 200000;
    char *s = malloc(2 * n);
    result r;
    asldot_options o;
    memset(s, '[', n);
    memset(s + n, ']', n);
    r = parse_opts(s, 2 * n, NULL);
    CHECK_EQ_INT(r.st, ASLDOT_ERR_LIMIT);
    CHECK_EQ_STR(first_diag(&r)->code, "depth-limit");
    CHECK_EQ_INT(first_diag(&r)->column, ASLDOT_DEFAULT_MAX_DOC_DEPTH + 1);
    done(&r);
    /* objects too, and exactly at the limit is fine */
    asldot_options_init(&o);
    o.max_doc_depth = 3;
    r = parse_opts("{\"a\": {\"b\": [1]}}", 17, &o);
    CHECK_EQ_INT(r.st, ASLDOT_OK);
    done(&r);
    r = parse_opts("{\"a\": {\"b\": [[1]]}}", 19, &o);
    CHECK_EQ_INT(r.st, ASLDOT_ERR_LIMIT);
    CHECK_EQ_STR(first_diag(&r)->code, "depth-limit");
    done(&r);
    /* a deep but allowed document converts without recursion */
    o.max_doc_depth = 900;
    r = parse_opts(s + n - 900, 1800, &o);
    CHECK_EQ_INT(r.st, ASLDOT_OK);
    if (r.doc) {
        const asldot_doc_node *d = r.doc->root;
        int levels = 1;
        while (d->count == 1) {
            d = d->items[0];
            levels++;
        }
        CHECK_EQ_INT(levels, 900);
    }
    done(&r);
    /* beyond what cJSON can nest */
    o.max_doc_depth = 5000;
    r = parse_opts(s + n - 1500, 3000, &o);
    CHECK_EQ_INT(r.st, ASLDOT_ERR_LIMIT);
    CHECK_EQ_STR(first_diag(&r)->code, "depth-limit");
    done(&r);
    free(s);
}

static void test_large_and_noise(void)
{
    asldot_buf b = ASLDOT_BUF_INIT;
    result r;
    unsigned seed = 12345;
    asldot_options o;
    int i = 0;
    /* about 8 MiB of definition-like JSON */
    asldot_buf_puts(&b, "{\"StartAt\": \"S0\", \"States\": {");
    while (b.len < 8u * 1024 * 1024 - 400) {
        asldot_buf_printf(&b,
                          "%s\n  \"S%d\": {\"Type\": \"Task\", \"Resource\": "
                          "\"arn:aws:states:::lambda:invoke\", \"Parameters\": {\"n\": %d, "
                          "\"é\": [1.5, true, null]}, \"Next\": \"S%d\"}",
                          i ? "," : "", i, i, i + 1);
        i++;
    }
    asldot_buf_puts(&b, "}}");
    r = parse_opts(b.data, b.len, NULL);
    CHECK_EQ_INT(r.st, ASLDOT_OK);
    CHECK_EQ_INT(asldot_diagnostics_count(r.d), 0);
    done(&r);
    asldot_buf_free(&b);

    /* binary noise fails cleanly, whatever the format */
    for (int round = 0; round < 200; round++) {
        char noise[512];
        for (size_t k = 0; k < sizeof noise; k++) {
            seed = seed * 1103515245u + 12345u;
            noise[k] = (char)(seed >> 16);
        }
        if (round % 2)
            noise[0] = '{';
        asldot_options_init(&o);
        o.input_format = (asldot_input_format)(round % 3);
        r = parse_opts(noise, sizeof noise, &o);
        CHECK(r.st != ASLDOT_OK);
        CHECK(asldot_diagnostics_error_count(r.d) > 0);
        done(&r);
    }
}

/* a clean JSON definition parses without a single diagnostic */
static int json_clean(const result *r)
{
    return r->st == ASLDOT_OK && asldot_diagnostics_count(r->d) == 0;
}

static void test_corpus(void)
{
    static const char *const suffixes[] = {".json", NULL};
    check_corpus(suffixes, json_clean, "json");
}

int main(void)
{
    test_basic_tree();
    test_positions();
    test_pointer_and_diag();
    test_common_checks();
    test_syntax_errors();
    test_numbers();
    test_duplicates();
    test_big_object();
    test_depth();
    test_large_and_noise();
    test_corpus();
    TEST_MAIN_END();
}
