/* doc.c: the format-neutral half of the strict input layer: common checks, then JSON or YAML;
 * tree accessors, JSON Pointers, located diagnostics and duplicate-key handling. */
#include "doc.h"
#include "alloc.h"
#include "diag.h"
#include "utf8.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Objects up to this size are checked for duplicates pairwise; larger ones are sorted. */
#define DEDUPE_PAIRWISE_MAX 8u
/* Keys are quoted in messages up to this many characters. */
#define MESSAGE_KEY_MAX 80u

size_t asldot_opts_max_input_bytes(const asldot_options *opts)
{
    return opts && opts->max_input_bytes ? opts->max_input_bytes : ASLDOT_DEFAULT_MAX_INPUT_BYTES;
}

unsigned asldot_opts_max_doc_depth(const asldot_options *opts)
{
    return opts && opts->max_doc_depth ? opts->max_doc_depth : ASLDOT_DEFAULT_MAX_DOC_DEPTH;
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

asldot_status asldot_doc_parse(asldot_doc **out, const char *data, size_t len,
                               const asldot_options *opts, asldot_diagnostics *diags)
{
    size_t max = asldot_opts_max_input_bytes(opts), i, bad;
    asldot_input_format fmt = opts ? opts->input_format : ASLDOT_INPUT_AUTO;
    asldot_doc *doc;
    asldot_status st;

    if (out != NULL)
        *out = NULL;
    if (out == NULL || (data == NULL && len != 0))
        return ASLDOT_ERR_ARGS;
    if (len > max) {
        st = asldot_diag_add(diags, ASLDOT_SEV_ERROR, "input-too-large", "", 0, 0,
                             "input is %zu bytes, more than the limit of %zu bytes", len, max);
        return st != ASLDOT_OK ? st : ASLDOT_ERR_LIMIT;
    }
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        data += 3;
        len -= 3;
    }
    for (i = 0; i < len && is_space(data[i]); i++)
        ;
    if (i == len) {
        st = asldot_diag_add(diags, ASLDOT_SEV_ERROR, "empty-input", "", 0, 0,
                             len ? "input holds only whitespace" : "input is empty");
        return st != ASLDOT_OK ? st : ASLDOT_ERR_SYNTAX;
    }
    bad = asldot_utf8_check(data, len);
    if (bad < len) {
        st = asldot_text_diag_at(diags, ASLDOT_SEV_ERROR, "invalid-utf8", data, len, bad,
                                 "invalid utf-8 byte 0x%02x", (unsigned)(unsigned char)data[bad]);
        return st != ASLDOT_OK ? st : ASLDOT_ERR_SYNTAX;
    }
    if (fmt != ASLDOT_INPUT_JSON && fmt != ASLDOT_INPUT_YAML)
        fmt = data[i] == '{' || data[i] == '[' ? ASLDOT_INPUT_JSON : ASLDOT_INPUT_YAML;

    doc = asldot_calloc(1, sizeof *doc);
    if (doc == NULL)
        return ASLDOT_ERR_NOMEM;
    doc->arena = asldot_arena_new();
    if (doc->arena == NULL) {
        asldot_free(doc);
        return ASLDOT_ERR_NOMEM;
    }
    doc->is_yaml = fmt == ASLDOT_INPUT_YAML;
    st = doc->is_yaml ? asldot_yaml_parse(doc, data, len, opts, diags)
                      : asldot_json_parse(doc, data, len, opts, diags);
    if (st == ASLDOT_OK && doc->root == NULL)
        st = ASLDOT_ERR_SYNTAX; /* a back end must say why; never hand out a rootless tree */
    if (st != ASLDOT_OK) {
        asldot_doc_free(doc);
        return st;
    }
    *out = doc;
    return ASLDOT_OK;
}

void asldot_doc_free(asldot_doc *doc)
{
    if (doc == NULL)
        return;
    asldot_arena_free(doc->arena);
    asldot_free(doc);
}

const asldot_doc_node *asldot_doc_get(const asldot_doc_node *obj, const char *key)
{
    size_t n;
    if (obj == NULL || key == NULL || obj->kind != ASLDOT_DOC_OBJECT)
        return NULL;
    n = strlen(key);
    for (size_t i = 0; i < obj->count; i++) {
        const asldot_doc_node *c = obj->items[i];
        if (c->key_len == n && memcmp(c->key, key, n) == 0)
            return c;
    }
    return NULL;
}

const char *asldot_doc_get_string(const asldot_doc_node *obj, const char *key)
{
    const asldot_doc_node *c = asldot_doc_get(obj, key);
    return c && c->kind == ASLDOT_DOC_STRING ? c->str : NULL;
}

/* s[0..n) is a number in JSON's grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
static int json_number_text(const char *s, size_t n)
{
    size_t i = 0, d;
    if (i < n && s[i] == '-')
        i++;
    if (i < n && s[i] == '0')
        i++;
    else if (i < n && s[i] >= '1' && s[i] <= '9')
        while (i < n && s[i] >= '0' && s[i] <= '9')
            i++;
    else
        return 0;
    if (i < n && s[i] == '.') {
        for (d = ++i; i < n && s[i] >= '0' && s[i] <= '9';)
            i++;
        if (i == d)
            return 0;
    }
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-'))
            i++;
        for (d = i; i < n && s[i] >= '0' && s[i] <= '9';)
            i++;
        if (i == d)
            return 0;
    }
    return i == n;
}

const char *asldot_doc_number_json(const asldot_doc_node *n, char *buf, size_t size, size_t *len)
{
    if (n->str != NULL && json_number_text(n->str, n->str_len)) {
        *len = n->str_len;
        return n->str;
    }
    if (!isfinite(n->num))
        return NULL;
    snprintf(buf, size, "%.17g", n->num);
    for (char *p = buf; *p; p++)
        if (*p == ',')
            *p = '.'; /* a locale's decimal comma */
    *len = strlen(buf);
    return buf;
}

int asldot_doc_is_integer(const asldot_doc_node *n, double min, double max)
{
    return n != NULL && n->kind == ASLDOT_DOC_NUMBER && isfinite(n->num) &&
           floor(n->num) == n->num && n->num >= min && n->num <= max;
}

const char *asldot_doc_kind_name(asldot_doc_kind k)
{
    switch (k) {
    case ASLDOT_DOC_NULL:
        return "null";
    case ASLDOT_DOC_BOOL:
        return "boolean";
    case ASLDOT_DOC_NUMBER:
        return "number";
    case ASLDOT_DOC_STRING:
        return "string";
    case ASLDOT_DOC_ARRAY:
        return "array";
    case ASLDOT_DOC_OBJECT:
        return "object";
    }
    return "unknown";
}

/* Appends "/" and s[0..n) with "~" -> "~0" and "/" -> "~1". */
static asldot_status put_segment(asldot_buf *out, const char *s, size_t n)
{
    size_t run = 0;
    asldot_status st = asldot_buf_putc(out, '/');
    for (size_t i = 0; i < n && st == ASLDOT_OK; i++) {
        if (s[i] != '~' && s[i] != '/')
            continue;
        st = asldot_buf_put(out, s + run, i - run);
        if (st == ASLDOT_OK)
            st = asldot_buf_puts(out, s[i] == '~' ? "~0" : "~1");
        run = i + 1;
    }
    if (st == ASLDOT_OK)
        st = asldot_buf_put(out, s + run, n - run);
    return st;
}

asldot_status asldot_doc_walk(asldot_doc_node *root, void (*visit)(void *ctx, asldot_doc_node *n),
                              void *ctx)
{
    asldot_doc_node **stack;
    size_t sp = 0, cap = 64;
    if (root == NULL)
        return ASLDOT_OK;
    stack = asldot_malloc(cap * sizeof *stack);
    if (stack == NULL)
        return ASLDOT_ERR_NOMEM;
    stack[sp++] = root;
    while (sp > 0) {
        asldot_doc_node *n = stack[--sp];
        visit(ctx, n);
        if (n->count > cap - sp) {
            asldot_doc_node **grown;
            while (n->count > cap - sp)
                cap *= 2;
            grown = asldot_realloc_array(stack, cap, sizeof *stack);
            if (grown == NULL) {
                asldot_free(stack);
                return ASLDOT_ERR_NOMEM;
            }
            stack = grown;
        }
        for (size_t i = n->count; i > 0; i--) /* last pushed first popped: document order */
            stack[sp++] = n->items[i - 1];
    }
    asldot_free(stack);
    return ASLDOT_OK;
}

asldot_status asldot_doc_pointer(asldot_buf *out, const asldot_doc_node *n)
{
    const asldot_doc_node *local[64], **path = local;
    size_t depth = 0, i;
    asldot_status st;
    if (out == NULL)
        return ASLDOT_ERR_ARGS;
    st = asldot_buf_put(out, "", 0);
    for (const asldot_doc_node *p = n; p != NULL && p->parent != NULL; p = p->parent)
        depth++;
    if (depth > sizeof local / sizeof local[0]) {
        path = asldot_calloc(depth, sizeof *path);
        if (path == NULL)
            return ASLDOT_ERR_NOMEM;
    }
    i = depth;
    for (const asldot_doc_node *p = n; p != NULL && p->parent != NULL; p = p->parent)
        path[--i] = p;
    for (i = 0; i < depth && st == ASLDOT_OK; i++) {
        const asldot_doc_node *p = path[i];
        if (p->parent->kind == ASLDOT_DOC_ARRAY || p->key == NULL)
            st = asldot_buf_printf(out, "/%zu", p->index);
        else
            st = put_segment(out, p->key, p->key_len);
    }
    if (path != local)
        asldot_free((void *)path);
    return st;
}

asldot_status asldot_doc_pointer_child(asldot_buf *out, const asldot_doc_node *n, const char *child)
{
    asldot_status st = asldot_doc_pointer(out, n);
    if (st == ASLDOT_OK && child != NULL)
        st = put_segment(out, child, strlen(child));
    return st;
}

asldot_status asldot_doc_diag(asldot_diagnostics *d, asldot_severity sev, const char *code,
                              const asldot_doc_node *n, int at_key, const char *fmt, ...)
{
    asldot_buf ptr = ASLDOT_BUF_INIT;
    unsigned line = 0, column = 0;
    asldot_status st;
    va_list ap;
    if (d == NULL)
        return ASLDOT_OK;
    st = asldot_doc_pointer(&ptr, n);
    if (st != ASLDOT_OK) {
        asldot_buf_free(&ptr);
        return st;
    }
    if (n != NULL) {
        if (at_key && n->key != NULL && n->key_line != 0) {
            line = n->key_line;
            column = n->key_column;
        } else {
            line = n->line;
            column = n->column;
        }
    }
    va_start(ap, fmt);
    st = asldot_diag_addv(d, sev, code, asldot_buf_cstr(&ptr), line, column, NULL, 0, fmt, ap);
    va_end(ap);
    asldot_buf_free(&ptr);
    return st;
}

static int same_key(const asldot_doc_node *a, const asldot_doc_node *b)
{
    return a->key_len == b->key_len && memcmp(a->key, b->key, a->key_len) == 0;
}

/* Orders members by key (length, then bytes), then by position: the first of each run of equal
 * keys is the first occurrence. */
static int member_cmp(const void *pa, const void *pb)
{
    const asldot_doc_node *a = *(const asldot_doc_node *const *)pa;
    const asldot_doc_node *b = *(const asldot_doc_node *const *)pb;
    int c;
    if (a->key_len != b->key_len)
        return a->key_len < b->key_len ? -1 : 1;
    c = memcmp(a->key, b->key, a->key_len);
    if (c != 0)
        return c;
    return a->index < b->index ? -1 : a->index > b->index ? 1 : 0;
}

asldot_status asldot_doc_dedupe(asldot_doc_node *obj, const asldot_options *opts,
                                asldot_diagnostics *diags)
{
    asldot_severity sev =
        opts && (opts->flags & ASLDOT_OPT_LENIENT) ? ASLDOT_SEV_WARNING : ASLDOT_SEV_ERROR;
    const asldot_doc_node **first;
    size_t n, k = 0, dups = 0;
    asldot_status st = ASLDOT_OK;

    if (obj == NULL || obj->kind != ASLDOT_DOC_OBJECT || obj->count < 2)
        return ASLDOT_OK;
    n = obj->count;
    for (size_t i = 0; i < n; i++)
        obj->items[i]->index = i;
    first = asldot_calloc(n, sizeof *first); /* first[i]: the earlier member item i repeats */
    if (first == NULL)
        return ASLDOT_ERR_NOMEM;
    if (n <= DEDUPE_PAIRWISE_MAX) {
        for (size_t i = 1; i < n; i++) {
            for (size_t j = 0; j < i; j++) {
                if (same_key(obj->items[i], obj->items[j])) {
                    first[i] = obj->items[j];
                    dups++;
                    break;
                }
            }
        }
    } else {
        asldot_doc_node **sorted = asldot_calloc(n, sizeof *sorted);
        if (sorted == NULL) {
            asldot_free((void *)first);
            return ASLDOT_ERR_NOMEM;
        }
        memcpy(sorted, obj->items, n * sizeof *sorted);
        qsort(sorted, n, sizeof *sorted, member_cmp);
        for (size_t i = 1, head = 0; i < n; i++) {
            if (same_key(sorted[i], sorted[head])) {
                first[sorted[i]->index] = sorted[head];
                dups++;
            } else {
                head = i;
            }
        }
        asldot_free(sorted);
    }
    if (dups == 0) {
        asldot_free((void *)first);
        return ASLDOT_OK;
    }
    for (size_t i = 0; i < n; i++) {
        asldot_doc_node *c = obj->items[i];
        if (first[i] != NULL) {
            asldot_buf q = ASLDOT_BUF_INIT;
            if (st == ASLDOT_OK)
                st = asldot_text_quote(&q, c->key, c->key_len, MESSAGE_KEY_MAX);
            if (st == ASLDOT_OK)
                st = asldot_doc_diag(diags, sev, "duplicate-key", c, 1,
                                     "duplicate key \"%s\" (first at line %u)", asldot_buf_cstr(&q),
                                     first[i]->key_line);
            asldot_buf_free(&q);
            continue;
        }
        c->index = k;
        obj->items[k++] = c;
    }
    obj->count = k;
    asldot_free((void *)first);
    return st;
}
