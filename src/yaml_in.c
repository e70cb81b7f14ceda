/*
 * yaml_in.c: strict YAML into an asldot_doc tree. The only file that includes <yaml.h>.
 *
 * libyaml's event API drives an explicit stack (no recursion): one document only, nesting
 * limited like JSON, aliases expanded by copying within a node budget, scalars resolved with the
 * YAML 1.2 core schema (so an unquoted "Yes" stays a string), positions from libyaml's marks.
 */
#include "doc.h"
#include "alloc.h"
#include "diag.h"
#include "utf8.h"

#include <yaml.h>

#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define POOL_CHUNK      16384u
#define ALIAS_NODES_MAX 1000000u
#define ALIAS_PER_BYTE  10u
#define MESSAGE_KEY_MAX 80u
/* A node whose end event has not arrived yet (cleared before the tree is handed out). */
#define NODE_OPEN (1u << 30)

typedef struct yframe {
    asldot_doc_node *node;
    size_t start; /* its first child in the shared child stack */
    int have_key; /* mappings: a key is waiting for its value */
    const char *key;
    size_t key_len;
    unsigned key_line, key_column;
} yframe;

typedef struct anchor {
    const char *name; /* NULL: free slot */
    asldot_doc_node *node;
} anchor;

typedef struct yctx {
    asldot_doc *doc;
    const char *data;
    size_t len;
    const asldot_options *opts;
    asldot_diagnostics *diags;
    yframe *frames;
    size_t nframes, frame_cap;
    asldot_doc_node **kids;
    size_t nkids, kid_cap;
    anchor *anchors; /* open addressing, power-of-two size */
    size_t nanchors, anchor_cap;
    size_t nodes, max_nodes;
    unsigned max_depth;
    char *pool;
    size_t pool_left;
} yctx;

/* ---------------------------------------------------------------- helpers */

static asldot_status y_error(yctx *y, const char *code, asldot_status ret, unsigned line,
                             unsigned column, const char *fmt, ...) ASLDOT_PRINTF(6, 7);

/* line and column are 1-based; the excerpt is found by line number (libyaml's line breaks). */
static asldot_status y_error(yctx *y, const char *code, asldot_status ret, unsigned line,
                             unsigned column, const char *fmt, ...)
{
    char msg[512];
    size_t start = 0, n = 0;
    int found;
    asldot_status st;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    found = asldot_text_line_number(y->data, y->len, line, 1, &start, &n);
    st = asldot_text_diag(y->diags, ASLDOT_SEV_ERROR, code, found ? y->data : NULL, start, n, line,
                          column, "%s", msg);
    return st != ASLDOT_OK ? st : ret;
}

static char *pool_dup(yctx *y, const char *s, size_t n)
{
    char *d;
    if (n >= POOL_CHUNK / 8)
        return asldot_arena_strndup(y->doc->arena, s, n);
    if (y->pool_left < n + 1) {
        y->pool = asldot_arena_alloc(y->doc->arena, POOL_CHUNK);
        if (y->pool == NULL)
            return NULL;
        y->pool_left = POOL_CHUNK;
    }
    d = y->pool;
    memcpy(d, s, n);
    d[n] = '\0';
    y->pool += n + 1;
    y->pool_left -= n + 1;
    return d;
}

/* Keeps a local tag ("!Ref", "!Sub"...; not "!" or the "tag:yaml.org,2002:" ones): the source
 * layer reads CloudFormation's short forms from it. */
static int keep_tag(yctx *y, asldot_doc_node *n, const yaml_char_t *tag)
{
    const char *t = (const char *)tag;
    if (t == NULL || t[0] != '!' || t[1] == '\0' || t[1] == '!')
        return 1;
    n->tag = pool_dup(y, t, strlen(t));
    return n->tag != NULL;
}

static asldot_doc_node *new_node(yctx *y, asldot_doc_kind kind, const yaml_mark_t *m)
{
    asldot_doc_node *n = asldot_arena_alloc(y->doc->arena, sizeof *n);
    if (n == NULL)
        return NULL;
    n->kind = kind;
    n->line = (unsigned)m->line + 1;
    n->column = (unsigned)m->column + 1;
    y->nodes++;
    return n;
}

static int eq(const char *v, size_t n, const char *lit)
{
    return strlen(lit) == n && memcmp(v, lit, n) == 0;
}

static int eq_nocase(const char *v, size_t n, const char *lit)
{
    if (strlen(lit) != n)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = v[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != lit[i])
            return 0;
    }
    return 1;
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* YAML 1.2 core schema: [-+]? ( \.[0-9]+ | [0-9]+ ( \.[0-9]* )? ) ( [eE] [-+]? [0-9]+ )? */
static int is_core_decimal(const char *v, size_t n)
{
    size_t i = 0, digits = 0;
    if (i < n && (v[i] == '-' || v[i] == '+'))
        i++;
    while (i < n && is_digit(v[i])) {
        i++;
        digits++;
    }
    if (i < n && v[i] == '.') {
        i++;
        while (i < n && is_digit(v[i])) {
            i++;
            digits++;
        }
    }
    if (digits == 0)
        return 0;
    if (i < n && (v[i] == 'e' || v[i] == 'E')) {
        size_t e = 0;
        i++;
        if (i < n && (v[i] == '-' || v[i] == '+'))
            i++;
        while (i < n && is_digit(v[i])) {
            i++;
            e++;
        }
        if (e == 0)
            return 0;
    }
    return i == n;
}

static double decimal_value(const char *v, size_t n)
{
    char buf[128], *copy = n < sizeof buf ? buf : asldot_malloc(n + 1);
    const struct lconv *lc = localeconv();
    char dp = lc && lc->decimal_point && lc->decimal_point[0] ? lc->decimal_point[0] : '.';
    double r;
    if (copy == NULL)
        return 0.0;
    for (size_t i = 0; i < n; i++)
        copy[i] = v[i] == '.' ? dp : v[i];
    copy[n] = '\0';
    r = strtod(copy, NULL);
    if (copy != buf)
        asldot_free(copy);
    return r;
}

/* 0o17 / 0x1F; returns 1 and the value when v is one. */
static int radix_value(const char *v, size_t n, double *out)
{
    unsigned base;
    double r = 0;
    if (n < 3 || v[0] != '0' || (v[1] != 'o' && v[1] != 'x'))
        return 0;
    base = v[1] == 'o' ? 8u : 16u;
    for (size_t i = 2; i < n; i++) {
        char c = v[i];
        unsigned d;
        if (c >= '0' && c <= '9')
            d = (unsigned)(c - '0');
        else if (base == 16 && c >= 'a' && c <= 'f')
            d = (unsigned)(c - 'a' + 10);
        else if (base == 16 && c >= 'A' && c <= 'F')
            d = (unsigned)(c - 'A' + 10);
        else
            return 0;
        if (d >= base)
            return 0;
        r = r * base + d;
    }
    *out = r;
    return 1;
}

/* Resolves a scalar per the YAML 1.2 core schema; quoted, literal, folded and !!str are strings;
 * other explicit tags (CloudFormation's !Ref, !Sub...) do not change the resolution. */
static asldot_status resolve_scalar(yctx *y, asldot_doc_node *n, const yaml_event_t *ev)
{
    const char *v = (const char *)ev->data.scalar.value;
    const char *tag = (const char *)ev->data.scalar.tag;
    size_t len = ev->data.scalar.length;
    int plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
    int as_string =
        !plain || (tag != NULL && (strcmp(tag, YAML_STR_TAG) == 0 || strcmp(tag, "!") == 0));
    double num = 0;
    if (plain)
        n->flags |= ASLDOT_DOC_YAML_PLAIN;
    if (!as_string) {
        if (len == 0 || eq(v, len, "~") || eq(v, len, "null") || eq(v, len, "Null") ||
            eq(v, len, "NULL")) {
            n->kind = ASLDOT_DOC_NULL;
            return ASLDOT_OK;
        }
        if (eq(v, len, "true") || eq(v, len, "True") || eq(v, len, "TRUE") || eq(v, len, "false") ||
            eq(v, len, "False") || eq(v, len, "FALSE")) {
            n->kind = ASLDOT_DOC_BOOL;
            n->boolean = v[0] == 't' || v[0] == 'T';
            return ASLDOT_OK;
        }
        if (is_core_decimal(v, len)) {
            n->kind = ASLDOT_DOC_NUMBER;
            num = decimal_value(v, len);
        } else if (radix_value(v, len, &num)) {
            n->kind = ASLDOT_DOC_NUMBER;
        } else {
            size_t i = len && (v[0] == '-' || v[0] == '+') ? 1 : 0;
            const char *r = v + i;
            size_t rn = len - i;
            if (eq(r, rn, ".inf") || eq(r, rn, ".Inf") || eq(r, rn, ".INF")) {
                n->kind = ASLDOT_DOC_NUMBER;
                num = v[0] == '-' ? -HUGE_VAL : HUGE_VAL;
            } else if (i == 0 && (eq(v, len, ".nan") || eq(v, len, ".NaN") || eq(v, len, ".NAN"))) {
                n->kind = ASLDOT_DOC_NUMBER;
                num = NAN;
            }
        }
    }
    if (n->kind != ASLDOT_DOC_NUMBER)
        n->kind = ASLDOT_DOC_STRING;
    n->num = num;
    n->str = pool_dup(y, v, len);
    n->str_len = len;
    return n->str ? ASLDOT_OK : ASLDOT_ERR_NOMEM;
}

/* ---------------------------------------------------------------- anchors */

static size_t hash_name(const char *s)
{
    size_t h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

static anchor *anchor_slot(anchor *tab, size_t cap, const char *name)
{
    size_t i = hash_name(name) & (cap - 1);
    while (tab[i].name != NULL && strcmp(tab[i].name, name) != 0)
        i = (i + 1) & (cap - 1);
    return &tab[i];
}

static asldot_status anchor_set(yctx *y, const char *name, asldot_doc_node *n)
{
    anchor *a;
    if (y->anchor_cap == 0 || (y->nanchors + 1) * 2 > y->anchor_cap) {
        size_t cap = y->anchor_cap ? y->anchor_cap * 2 : 64;
        anchor *tab = asldot_calloc(cap, sizeof *tab);
        if (tab == NULL)
            return ASLDOT_ERR_NOMEM;
        for (size_t i = 0; i < y->anchor_cap; i++)
            if (y->anchors[i].name != NULL)
                *anchor_slot(tab, cap, y->anchors[i].name) = y->anchors[i];
        asldot_free(y->anchors);
        y->anchors = tab;
        y->anchor_cap = cap;
    }
    a = anchor_slot(y->anchors, y->anchor_cap, name);
    if (a->name == NULL) {
        a->name = pool_dup(y, name, strlen(name));
        if (a->name == NULL)
            return ASLDOT_ERR_NOMEM;
        y->nanchors++;
    }
    a->node = n; /* a redefined anchor refers to the latest node */
    return ASLDOT_OK;
}

static asldot_doc_node *anchor_get(const yctx *y, const char *name)
{
    if (y->anchor_cap == 0)
        return NULL;
    return anchor_slot(y->anchors, y->anchor_cap, name)->node;
}

/* ---------------------------------------------------------------- tree building */

static asldot_status push_kid(yctx *y, asldot_doc_node *n)
{
    if (y->nkids == y->kid_cap) {
        size_t cap = y->kid_cap ? y->kid_cap * 2 : 256;
        asldot_doc_node **k = asldot_realloc_array(y->kids, cap, sizeof *k);
        if (k == NULL)
            return ASLDOT_ERR_NOMEM;
        y->kids = k;
        y->kid_cap = cap;
    }
    y->kids[y->nkids++] = n;
    return ASLDOT_OK;
}

/* Is the next node a mapping key? */
static int at_key(const yctx *y)
{
    const yframe *f = y->nframes ? &y->frames[y->nframes - 1] : NULL;
    return f != NULL && f->node->kind == ASLDOT_DOC_OBJECT && !f->have_key;
}

/* Makes n the next value: the root, an array element or the value of the pending key. */
static asldot_status attach(yctx *y, asldot_doc_node *n)
{
    yframe *f;
    if (y->nframes == 0) {
        y->doc->root = n;
        return ASLDOT_OK;
    }
    f = &y->frames[y->nframes - 1];
    n->parent = f->node;
    n->index = y->nkids - f->start;
    if (f->node->kind == ASLDOT_DOC_OBJECT) {
        n->key = f->key;
        n->key_len = f->key_len;
        n->key_line = f->key_line;
        n->key_column = f->key_column;
        f->have_key = 0;
    } else {
        n->key = NULL;
        n->key_len = 0;
        n->key_line = n->key_column = 0;
    }
    return push_kid(y, n);
}

static asldot_status set_key(yctx *y, const char *key, size_t len, const yaml_mark_t *m)
{
    yframe *f = &y->frames[y->nframes - 1];
    f->key = pool_dup(y, key, len);
    if (f->key == NULL)
        return ASLDOT_ERR_NOMEM;
    f->key_len = len;
    f->key_line = (unsigned)m->line + 1;
    f->key_column = (unsigned)m->column + 1;
    f->have_key = 1;
    return ASLDOT_OK;
}

static int is_yaml11_bool(const char *v, size_t n)
{
    /* The 1.1 spec also lists y and n, but the common 1.1 loaders (PyYAML, js-yaml) do not
     * resolve them, and "N" is DynamoDB's number-type key in nearly every SAM template. */
    static const char *const words[] = {"yes", "no", "on", "off"};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (eq_nocase(v, n, words[i]))
            return 1;
    return 0;
}

static asldot_status on_key_scalar(yctx *y, const yaml_event_t *ev)
{
    const char *v = (const char *)ev->data.scalar.value;
    size_t len = ev->data.scalar.length;
    asldot_status st = set_key(y, v, len, &ev->start_mark);
    if (st == ASLDOT_OK && ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
        ev->data.scalar.tag == NULL && is_yaml11_bool(v, len) && y->diags != NULL) {
        asldot_buf ptr = ASLDOT_BUF_INIT, q = ASLDOT_BUF_INIT;
        const yframe *f = &y->frames[y->nframes - 1];
        st = asldot_doc_pointer(&ptr, f->node);
        if (st == ASLDOT_OK)
            st = asldot_buf_putc(&ptr, '/'); /* a boolean-like key needs no ~ escapes */
        if (st == ASLDOT_OK)
            st = asldot_buf_put(&ptr, v, len);
        if (st == ASLDOT_OK)
            st = asldot_text_quote(&q, v, len, MESSAGE_KEY_MAX);
        if (st == ASLDOT_OK)
            st = asldot_diag_add(y->diags, ASLDOT_SEV_WARNING, "yaml-boolean-key",
                                 asldot_buf_cstr(&ptr), f->key_line, f->key_column,
                                 "key \"%s\" is a boolean in YAML 1.1 tools; quote it",
                                 asldot_buf_cstr(&q));
        asldot_buf_free(&ptr);
        asldot_buf_free(&q);
    }
    if (st == ASLDOT_OK && ev->data.scalar.anchor != NULL) {
        /* an anchored key: keep a detached copy so that aliases can use it */
        asldot_doc_node *n = new_node(y, ASLDOT_DOC_STRING, &ev->start_mark);
        st = n ? resolve_scalar(y, n, ev) : ASLDOT_ERR_NOMEM;
        if (st == ASLDOT_OK)
            st = anchor_set(y, (const char *)ev->data.scalar.anchor, n);
    }
    return st;
}

static asldot_status on_scalar(yctx *y, const yaml_event_t *ev)
{
    asldot_doc_node *n;
    asldot_status st;
    const yaml_mark_t *m = &ev->start_mark;
    if (memchr(ev->data.scalar.value, 0, ev->data.scalar.length) != NULL)
        return y_error(y, "nul-in-string", ASLDOT_ERR_SYNTAX, (unsigned)m->line + 1,
                       (unsigned)m->column + 1, "nul character in string");
    if (at_key(y))
        return on_key_scalar(y, ev);
    n = new_node(y, ASLDOT_DOC_STRING, m);
    if (n == NULL || !keep_tag(y, n, ev->data.scalar.tag))
        return ASLDOT_ERR_NOMEM;
    st = resolve_scalar(y, n, ev);
    if (st == ASLDOT_OK)
        st = attach(y, n);
    if (st == ASLDOT_OK && ev->data.scalar.anchor != NULL)
        st = anchor_set(y, (const char *)ev->data.scalar.anchor, n);
    return st;
}

static asldot_status on_start(yctx *y, const yaml_event_t *ev, asldot_doc_kind kind)
{
    const yaml_mark_t *m = &ev->start_mark;
    const yaml_char_t *anchor_name =
        kind == ASLDOT_DOC_OBJECT ? ev->data.mapping_start.anchor : ev->data.sequence_start.anchor;
    asldot_doc_node *n;
    asldot_status st;
    yframe *f;
    if (at_key(y))
        return y_error(y, "yaml-complex-key", ASLDOT_ERR_SYNTAX, (unsigned)m->line + 1,
                       (unsigned)m->column + 1, "mapping key is a %s; keys must be scalars",
                       kind == ASLDOT_DOC_OBJECT ? "mapping" : "sequence");
    if (y->nframes >= y->max_depth)
        return y_error(y, "depth-limit", ASLDOT_ERR_LIMIT, (unsigned)m->line + 1,
                       (unsigned)m->column + 1, "nesting deeper than %u levels", y->max_depth);
    n = new_node(y, kind, m);
    if (n == NULL || !keep_tag(y, n,
                               kind == ASLDOT_DOC_OBJECT ? ev->data.mapping_start.tag
                                                         : ev->data.sequence_start.tag))
        return ASLDOT_ERR_NOMEM;
    n->flags |= NODE_OPEN;
    st = attach(y, n);
    if (st == ASLDOT_OK && anchor_name != NULL)
        st = anchor_set(y, (const char *)anchor_name, n);
    if (st != ASLDOT_OK)
        return st;
    if (y->nframes == y->frame_cap) {
        yframe *fr = asldot_grow(y->frames, &y->frame_cap, y->nframes, sizeof *fr, 32);
        if (fr == NULL)
            return ASLDOT_ERR_NOMEM;
        y->frames = fr;
    }
    f = &y->frames[y->nframes++];
    memset(f, 0, sizeof *f);
    f->node = n;
    f->start = y->nkids;
    return ASLDOT_OK;
}

static asldot_status on_end(yctx *y)
{
    yframe *f;
    asldot_doc_node *n;
    size_t count;
    if (y->nframes == 0)
        return ASLDOT_ERR_SYNTAX; /* libyaml balances its events; never reached */
    f = &y->frames[y->nframes - 1];
    n = f->node;
    count = y->nkids - f->start;
    if (count) {
        n->items = asldot_arena_array(y->doc->arena, count, sizeof *n->items);
        if (n->items == NULL)
            return ASLDOT_ERR_NOMEM;
        memcpy(n->items, y->kids + f->start, count * sizeof *n->items);
    }
    n->count = count;
    n->flags &= ~NODE_OPEN;
    y->nkids = f->start;
    y->nframes--;
    return n->kind == ASLDOT_DOC_OBJECT ? asldot_doc_dedupe(n, y->opts, y->diags) : ASLDOT_OK;
}

typedef struct copy_item {
    const asldot_doc_node *src;
    asldot_doc_node *dst;
    unsigned depth;
} copy_item;

/* Deep-copies src without recursion, within the node budget and the depth limit (base is the
 * depth the copy's root will have). Strings are shared: they are immutable and arena-owned. */
static asldot_status copy_tree(yctx *y, const asldot_doc_node *src, unsigned base,
                               asldot_doc_node **out, const yaml_mark_t *m, const char *name)
{
    copy_item *stack = NULL;
    size_t sp = 0, cap = 0;
    asldot_status st = ASLDOT_OK;
    asldot_doc_node *root = asldot_arena_alloc(y->doc->arena, sizeof *root);
    *out = NULL;
    if (root == NULL)
        return ASLDOT_ERR_NOMEM;
    *root = *src;
    y->nodes++;
    if (src->kind == ASLDOT_DOC_ARRAY || src->kind == ASLDOT_DOC_OBJECT) {
        cap = 64;
        stack = asldot_calloc(cap, sizeof *stack);
        if (stack == NULL)
            return ASLDOT_ERR_NOMEM;
        stack[sp++] = (copy_item){src, root, base};
    }
    while (sp > 0 && st == ASLDOT_OK) {
        copy_item it = stack[--sp];
        asldot_doc_node **items = NULL;
        if (it.depth > y->max_depth) {
            st = y_error(
                y, "depth-limit", ASLDOT_ERR_LIMIT, (unsigned)m->line + 1, (unsigned)m->column + 1,
                "alias \"%s\" makes the nesting deeper than %u levels", name, y->max_depth);
            break;
        }
        if (it.src->count > 0) {
            items = asldot_arena_array(y->doc->arena, it.src->count, sizeof *items);
            if (items == NULL) {
                st = ASLDOT_ERR_NOMEM;
                break;
            }
        }
        it.dst->items = items;
        for (size_t i = 0; i < it.src->count && st == ASLDOT_OK; i++) {
            const asldot_doc_node *sc = it.src->items[i];
            asldot_doc_node *dc;
            if (y->nodes >= y->max_nodes) {
                st =
                    y_error(y, "alias-limit", ASLDOT_ERR_LIMIT, (unsigned)m->line + 1,
                            (unsigned)m->column + 1,
                            "expanding alias \"%s\" makes more than %zu nodes", name, y->max_nodes);
                break;
            }
            dc = asldot_arena_alloc(y->doc->arena, sizeof *dc);
            if (dc == NULL) {
                st = ASLDOT_ERR_NOMEM;
                break;
            }
            *dc = *sc;
            dc->parent = it.dst;
            dc->index = i;
            items[i] = dc;
            y->nodes++;
            if (sc->kind == ASLDOT_DOC_ARRAY || sc->kind == ASLDOT_DOC_OBJECT) {
                if (sp == cap) {
                    copy_item *s2 = asldot_realloc_array(stack, cap * 2, sizeof *stack);
                    if (s2 == NULL) {
                        st = ASLDOT_ERR_NOMEM;
                        break;
                    }
                    stack = s2;
                    cap *= 2;
                }
                stack[sp++] = (copy_item){sc, dc, it.depth + 1};
            }
        }
    }
    asldot_free(stack);
    if (st == ASLDOT_OK)
        *out = root;
    return st;
}

static asldot_status on_alias(yctx *y, const yaml_event_t *ev)
{
    const char *name = (const char *)ev->data.alias.anchor;
    const yaml_mark_t *m = &ev->start_mark;
    const asldot_doc_node *target = anchor_get(y, name);
    asldot_doc_node *n;
    asldot_status st;
    asldot_buf q = ASLDOT_BUF_INIT;
    char shown[128];
    if (asldot_text_quote(&q, name, strlen(name), 40) != ASLDOT_OK) {
        asldot_buf_free(&q);
        return ASLDOT_ERR_NOMEM;
    }
    snprintf(shown, sizeof shown, "%s", asldot_buf_cstr(&q));
    asldot_buf_free(&q);
    if (target == NULL)
        return y_error(y, "yaml-syntax", ASLDOT_ERR_SYNTAX, (unsigned)m->line + 1,
                       (unsigned)m->column + 1, "undefined alias \"%s\"", shown);
    if (target->flags & NODE_OPEN)
        return y_error(y, "yaml-syntax", ASLDOT_ERR_SYNTAX, (unsigned)m->line + 1,
                       (unsigned)m->column + 1, "alias \"%s\" refers to a node that contains it",
                       shown);
    if (at_key(y)) {
        const char *k = target->str;
        size_t kl = target->str_len;
        if (target->kind == ASLDOT_DOC_ARRAY || target->kind == ASLDOT_DOC_OBJECT)
            return y_error(y, "yaml-complex-key", ASLDOT_ERR_SYNTAX, (unsigned)m->line + 1,
                           (unsigned)m->column + 1, "mapping key is a %s; keys must be scalars",
                           target->kind == ASLDOT_DOC_OBJECT ? "mapping" : "sequence");
        if (target->kind == ASLDOT_DOC_BOOL) {
            k = target->boolean ? "true" : "false";
            kl = strlen(k);
        } else if (k == NULL) {
            k = "";
            kl = 0;
        }
        return set_key(y, k, kl, m);
    }
    if (y->nodes >= y->max_nodes)
        return y_error(y, "alias-limit", ASLDOT_ERR_LIMIT, (unsigned)m->line + 1,
                       (unsigned)m->column + 1, "expanding alias \"%s\" makes more than %zu nodes",
                       shown, y->max_nodes);
    st = copy_tree(y, target, (unsigned)y->nframes + 1, &n, m, shown);
    if (st != ASLDOT_OK)
        return st;
    n->line = (unsigned)m->line + 1;
    n->column = (unsigned)m->column + 1;
    return attach(y, n);
}

static asldot_status parser_error(yctx *y, const yaml_parser_t *p)
{
    unsigned line, column;
    const char *problem = p->problem ? p->problem : "invalid yaml";
    if (p->error == YAML_MEMORY_ERROR)
        return ASLDOT_ERR_NOMEM;
    if (p->error == YAML_READER_ERROR) {
        asldot_textpos t;
        asldot_textpos_init(&t, y->data, y->len, 1);
        asldot_textpos_seek(&t, p->problem_offset);
        line = t.line;
        column = t.column;
    } else {
        line = (unsigned)p->problem_mark.line + 1;
        column = (unsigned)p->problem_mark.column + 1;
    }
    if (p->context != NULL)
        return y_error(y, "yaml-syntax", ASLDOT_ERR_SYNTAX, line, column, "%s %s", problem,
                       p->context);
    return y_error(y, "yaml-syntax", ASLDOT_ERR_SYNTAX, line, column, "%s", problem);
}

/* Clears the private flag everywhere (iteratively) before the tree is handed out. Only nodes
 * still open carry it, which happens only on failure, so this is a no-op on success paths. */
static void clear_open_flags(yctx *y)
{
    for (size_t i = 0; i < y->nframes; i++)
        y->frames[i].node->flags &= ~NODE_OPEN;
}

asldot_status asldot_yaml_parse(asldot_doc *doc, const char *data, size_t len,
                                const asldot_options *opts, asldot_diagnostics *diags)
{
    yaml_parser_t parser;
    yaml_event_t ev;
    yctx y;
    int docs = 0, done = 0;
    asldot_status st = ASLDOT_OK;

    if (doc == NULL || doc->arena == NULL || (data == NULL && len != 0))
        return ASLDOT_ERR_ARGS;
    memset(&y, 0, sizeof y);
    y.doc = doc;
    y.data = data;
    y.len = len;
    y.opts = opts;
    y.diags = diags;
    y.max_depth = asldot_opts_max_doc_depth(opts);
    y.max_nodes = len < ALIAS_NODES_MAX / ALIAS_PER_BYTE ? len * ALIAS_PER_BYTE : ALIAS_NODES_MAX;
    doc->is_yaml = 1;
    doc->root = NULL;
    if (!yaml_parser_initialize(&parser))
        return ASLDOT_ERR_NOMEM;
    yaml_parser_set_input_string(&parser, (const unsigned char *)(data ? data : ""), len);
    yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
    while (!done && st == ASLDOT_OK) {
        if (!yaml_parser_parse(&parser, &ev)) {
            st = parser_error(&y, &parser);
            break;
        }
        switch (ev.type) {
        case YAML_STREAM_END_EVENT:
            done = 1;
            break;
        case YAML_DOCUMENT_START_EVENT:
            if (docs++ > 0)
                st = y_error(&y, "trailing-data", ASLDOT_ERR_SYNTAX,
                             (unsigned)ev.start_mark.line + 1, (unsigned)ev.start_mark.column + 1,
                             "a second yaml document starts here (only one is allowed)");
            break;
        case YAML_SCALAR_EVENT:
            st = on_scalar(&y, &ev);
            break;
        case YAML_SEQUENCE_START_EVENT:
            st = on_start(&y, &ev, ASLDOT_DOC_ARRAY);
            break;
        case YAML_MAPPING_START_EVENT:
            st = on_start(&y, &ev, ASLDOT_DOC_OBJECT);
            break;
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
            st = on_end(&y);
            break;
        case YAML_ALIAS_EVENT:
            st = on_alias(&y, &ev);
            break;
        default: /* stream start, document end */
            break;
        }
        yaml_event_delete(&ev);
    }
    yaml_parser_delete(&parser);
    clear_open_flags(&y);
    if (st == ASLDOT_OK && docs == 0)
        st = asldot_diag_add(diags, ASLDOT_SEV_ERROR, "empty-input", "", 0, 0,
                             "input holds no yaml document (only comments or directives)") ==
                     ASLDOT_OK
                 ? ASLDOT_ERR_SYNTAX
                 : ASLDOT_ERR_NOMEM;
    asldot_free(y.frames);
    asldot_free(y.kids);
    asldot_free(y.anchors);
    if (st != ASLDOT_OK)
        doc->root = NULL;
    return st;
}
