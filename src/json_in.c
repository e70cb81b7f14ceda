/*
 * json_in.c: strict JSON into an asldot_doc tree. The only file that includes <cJSON.h>.
 *
 * Two passes. Our own linear, non-recursive scanner checks the whole grammar (RFC 8259) with
 * exact positions, enforces the depth limit and rejects "\u0000" and lone surrogates. Then cJSON
 * builds the tree, which we walk in document order (iteratively) to copy it into the arena, while
 * a light re-tokenizer walks the text in step to give every value and member name its position.
 * Each cJSON item is deleted as soon as it has been copied, so that the peak memory is not the
 * sum of both trees (page faults dominate the cost of big inputs).
 */
#include "doc.h"
#include "alloc.h"
#include "diag.h"
#include "utf8.h"

#include <cJSON.h>

#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* cJSON (1.7.15) copies at most 63 characters of a number; longer ones are handed to it as 0. */
#define CJSON_NUMBER_MAX 63u

typedef struct scanner {
    const char *s;
    size_t len, p;
    asldot_textpos tp;
    size_t *longnum; /* offsets of numbers longer than cJSON takes */
    size_t nlong, longcap;
    unsigned char *stack; /* '{' or '[' per open container */
    size_t depth, stack_cap, max_seen;
    unsigned max_depth;
    asldot_diagnostics *diags;
} scanner;

enum expect {
    EXP_VALUE,          /* a value (top level, after ':' or after ',' in an array) */
    EXP_VALUE_OR_CLOSE, /* right after '[' */
    EXP_KEY,            /* after ',' in an object */
    EXP_KEY_OR_CLOSE,   /* right after '{' */
    EXP_COLON,
    EXP_COMMA_OR_CLOSE,
    EXP_END
};

static asldot_status scan_error(scanner *sc, const char *code, asldot_status ret, size_t off,
                                const char *fmt, ...) ASLDOT_PRINTF(5, 6);

static asldot_status scan_error(scanner *sc, const char *code, asldot_status ret, size_t off,
                                const char *fmt, ...)
{
    char msg[256];
    size_t start, n;
    asldot_status st;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    asldot_textpos_seek(&sc->tp, off);
    asldot_text_line_at(sc->s, sc->len, off, &start, &n);
    st = asldot_text_diag(sc->diags, ASLDOT_SEV_ERROR, code, sc->s, start, n, sc->tp.line,
                          sc->tp.column, "%s", msg);
    return st != ASLDOT_OK ? st : ret;
}

static asldot_status syntax(scanner *sc, size_t off, const char *fmt, ...) ASLDOT_PRINTF(3, 4);

static asldot_status syntax(scanner *sc, size_t off, const char *fmt, ...)
{
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return scan_error(sc, "json-syntax", ASLDOT_ERR_SYNTAX, off, "%s", msg);
}

static asldot_status note_long_number(scanner *sc, size_t off)
{
    if (sc->nlong == sc->longcap) {
        size_t *p = asldot_grow(sc->longnum, &sc->longcap, sc->nlong, sizeof *p, 16);
        if (p == NULL)
            return ASLDOT_ERR_NOMEM;
        sc->longnum = p;
    }
    sc->longnum[sc->nlong++] = off;
    return ASLDOT_OK;
}

static asldot_status push(scanner *sc, unsigned char kind)
{
    if (sc->depth >= sc->max_depth)
        return scan_error(sc, "depth-limit", ASLDOT_ERR_LIMIT, sc->p,
                          "nesting deeper than %u levels", sc->max_depth);
    if (sc->depth == sc->stack_cap) {
        size_t cap = sc->stack_cap ? sc->stack_cap * 2 : 64;
        unsigned char *s = asldot_realloc_array(sc->stack, cap, 1);
        if (s == NULL)
            return ASLDOT_ERR_NOMEM;
        sc->stack = s;
        sc->stack_cap = cap;
    }
    sc->stack[sc->depth++] = kind;
    if (sc->depth > sc->max_seen)
        sc->max_seen = sc->depth;
    sc->p++;
    return ASLDOT_OK;
}

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Reads "\uXXXX" at s[p..]; returns the code unit or -1. */
static long read_u_escape(const scanner *sc, size_t p)
{
    long v = 0;
    if (p + 6 > sc->len || sc->s[p] != '\\' || sc->s[p + 1] != 'u')
        return -1;
    for (size_t i = 2; i < 6; i++) {
        int h = hex_value(sc->s[p + i]);
        if (h < 0)
            return -1;
        v = v * 16 + h;
    }
    return v;
}

static int is_word_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '.' || c == '+' || c == '-';
}

/* sc->p is at the opening quote; leaves sc->p after the closing quote. */
static asldot_status scan_string(scanner *sc, int is_key)
{
    const char *s = sc->s;
    size_t len = sc->len, q0 = sc->p, p = sc->p + 1;
    for (;;) {
        unsigned char c;
        while (p < len && s[p] != '"' && s[p] != '\\' && (unsigned char)s[p] >= 0x20)
            p++;
        if (p >= len)
            return syntax(sc, q0, "unterminated %s", is_key ? "member name" : "string");
        c = (unsigned char)s[p];
        if (c == '"') {
            sc->p = p + 1;
            return ASLDOT_OK;
        }
        if (c == 0)
            return scan_error(sc, "nul-in-string", ASLDOT_ERR_SYNTAX, p, "nul character in string");
        if (c == '\n' || c == '\r')
            return syntax(sc, p, "line break in string (missing closing quote?)");
        if (c < 0x20)
            return syntax(sc, p, "control character U+%04X in string (escape it)", c);
        /* backslash */
        if (p + 1 >= len)
            return syntax(sc, q0, "unterminated %s", is_key ? "member name" : "string");
        switch (s[p + 1]) {
        case '"':
        case '\\':
        case '/':
        case 'b':
        case 'f':
        case 'n':
        case 'r':
        case 't':
            p += 2;
            break;
        case 'u': {
            long u = read_u_escape(sc, p);
            if (u < 0)
                return syntax(sc, p, "invalid \\u escape (expected four hex digits)");
            if (u == 0)
                return scan_error(sc, "nul-in-string", ASLDOT_ERR_SYNTAX, p,
                                  "\\u0000 (nul character) in string");
            if (u >= 0xDC00 && u <= 0xDFFF)
                return syntax(sc, p, "lone surrogate escape \\u%04lx", u);
            if (u >= 0xD800 && u <= 0xDBFF) {
                long lo = read_u_escape(sc, p + 6);
                if (lo < 0xDC00 || lo > 0xDFFF)
                    return syntax(sc, p, "lone surrogate escape \\u%04lx", u);
                p += 12;
            } else {
                p += 6;
            }
            break;
        }
        default: {
            unsigned char e = (unsigned char)s[p + 1];
            if (e >= 0x21 && e < 0x7F)
                return syntax(sc, p, "invalid escape '\\%c' in string", e);
            return syntax(sc, p, "invalid escape in string");
        }
        }
    }
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static asldot_status scan_number(scanner *sc)
{
    const char *s = sc->s;
    size_t len = sc->len, p0 = sc->p, p = sc->p;
    if (s[p] == '-')
        p++;
    if (p >= len || !is_digit(s[p]))
        return syntax(sc, p, "expected a digit after '-'");
    if (s[p] == '0') {
        p++;
        if (p < len && is_digit(s[p]))
            return syntax(sc, p0, "leading zeros are not allowed in numbers");
    } else {
        while (p < len && is_digit(s[p]))
            p++;
    }
    if (p < len && s[p] == '.') {
        p++;
        if (p >= len || !is_digit(s[p]))
            return syntax(sc, p, "expected a digit after '.'");
        while (p < len && is_digit(s[p]))
            p++;
    }
    if (p < len && (s[p] == 'e' || s[p] == 'E')) {
        p++;
        if (p < len && (s[p] == '+' || s[p] == '-'))
            p++;
        if (p >= len || !is_digit(s[p]))
            return syntax(sc, p, "expected a digit in the exponent");
        while (p < len && is_digit(s[p]))
            p++;
    }
    if (p < len && is_word_char(s[p]))
        return syntax(sc, p0, "invalid number");
    sc->p = p;
    return p - p0 > CJSON_NUMBER_MAX ? note_long_number(sc, p0) : ASLDOT_OK;
}

static asldot_status scan_word(scanner *sc)
{
    const char *s = sc->s;
    size_t p0 = sc->p, p = sc->p, n;
    while (p < sc->len && is_word_char(s[p]) && p - p0 < 24)
        p++;
    n = p - p0;
    if ((n == 4 && memcmp(s + p0, "true", 4) == 0) || (n == 5 && memcmp(s + p0, "false", 5) == 0) ||
        (n == 4 && memcmp(s + p0, "null", 4) == 0)) {
        sc->p = p;
        return ASLDOT_OK;
    }
    return syntax(sc, p0, "invalid value \"%.*s\" (strings need double quotes)", (int)n, s + p0);
}

static asldot_status unexpected(scanner *sc, const char *what)
{
    unsigned char c = (unsigned char)sc->s[sc->p];
    if (c == '\'')
        return syntax(sc, sc->p, "unexpected character '\\'' (strings need double quotes)");
    if (c >= 0x21 && c < 0x7F)
        return syntax(sc, sc->p, "unexpected character '%c'%s%s", c, what[0] ? ", " : "", what);
    if (c < 0x80)
        return syntax(sc, sc->p, "unexpected character U+%04X%s%s", c, what[0] ? ", " : "", what);
    {
        unsigned long cp = 0;
        asldot_utf8_decode(sc->s + sc->p, sc->len - sc->p, &cp);
        return syntax(sc, sc->p, "unexpected character U+%04lX%s%s", cp, what[0] ? ", " : "", what);
    }
}

static asldot_status scan(scanner *sc)
{
    const char *s = sc->s;
    size_t len = sc->len, comma = 0;
    enum expect state = EXP_VALUE;
    int after_comma = 0;
    asldot_status st;

    for (;;) {
        char c;
        while (sc->p < len &&
               (s[sc->p] == ' ' || s[sc->p] == '\n' || s[sc->p] == '\r' || s[sc->p] == '\t'))
            sc->p++;
        if (sc->p >= len) {
            if (state == EXP_END)
                return ASLDOT_OK;
            if (sc->depth > 0)
                return syntax(sc, len, "unexpected end of input (expected '%c')",
                              sc->stack[sc->depth - 1] == '{' ? '}' : ']');
            return syntax(sc, len, "unexpected end of input");
        }
        c = s[sc->p];
        switch (state) {
        case EXP_END:
            return scan_error(sc, "trailing-data", ASLDOT_ERR_SYNTAX, sc->p,
                              "unexpected data after the end of the document");
        case EXP_VALUE_OR_CLOSE:
        case EXP_VALUE:
            if (c == ']' || c == '}') {
                if (state == EXP_VALUE_OR_CLOSE && c == ']') {
                    sc->p++;
                    sc->depth--;
                    state = sc->depth ? EXP_COMMA_OR_CLOSE : EXP_END;
                    after_comma = 0;
                    continue;
                }
                if (after_comma)
                    return syntax(sc, comma, "trailing comma before '%c'", c);
                return unexpected(sc, "expected a value");
            }
            after_comma = 0;
            if (c == '{') {
                st = push(sc, '{');
                state = EXP_KEY_OR_CLOSE;
            } else if (c == '[') {
                st = push(sc, '[');
                state = EXP_VALUE_OR_CLOSE;
            } else {
                if (c == '"')
                    st = scan_string(sc, 0);
                else if (c == '-' || is_digit(c))
                    st = scan_number(sc);
                else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
                    st = scan_word(sc);
                else
                    st = unexpected(sc, "expected a value");
                state = sc->depth ? EXP_COMMA_OR_CLOSE : EXP_END;
            }
            if (st != ASLDOT_OK)
                return st;
            break;
        case EXP_KEY_OR_CLOSE:
        case EXP_KEY:
            if (c == '}') {
                if (state == EXP_KEY)
                    return syntax(sc, comma, "trailing comma before '}'");
                sc->p++;
                sc->depth--;
                state = sc->depth ? EXP_COMMA_OR_CLOSE : EXP_END;
                continue;
            }
            if (c != '"')
                return unexpected(sc, "expected a member name in double quotes");
            after_comma = 0;
            st = scan_string(sc, 1);
            if (st != ASLDOT_OK)
                return st;
            state = EXP_COLON;
            break;
        case EXP_COLON:
            if (c != ':')
                return syntax(sc, sc->p, "expected ':' after member name");
            sc->p++;
            state = EXP_VALUE;
            break;
        case EXP_COMMA_OR_CLOSE: {
            char open = (char)sc->stack[sc->depth - 1];
            char close = open == '{' ? '}' : ']';
            if (c == ',') {
                comma = sc->p++;
                after_comma = 1;
                state = open == '{' ? EXP_KEY : EXP_VALUE;
            } else if (c == close) {
                sc->p++;
                sc->depth--;
                state = sc->depth ? EXP_COMMA_OR_CLOSE : EXP_END;
            } else {
                return syntax(sc, sc->p, "expected ',' or '%c' after %s", close,
                              open == '{' ? "object member" : "array element");
            }
            break;
        }
        }
    }
}

/* ---------------------------------------------------------------- conversion */

/* Short strings are packed into chunks of this size instead of one 16-aligned block each. */
#define POOL_CHUNK 16384u

typedef struct frame {
    cJSON *item; /* the container; deleted when the frame is popped */
    cJSON *next; /* its next child to convert */
    asldot_doc_node *node;
    size_t i;
} frame;

typedef struct converter {
    asldot_doc *doc;
    const char *s;
    size_t len, p; /* the re-tokenizer's position */
    asldot_textpos tp;
    char *pool;
    size_t pool_left;
} converter;

static size_t number_length(const char *s, size_t len)
{
    size_t n = 0;
    while (n < len && (is_digit(s[n]) || s[n] == '-' || s[n] == '+' || s[n] == '.' || s[n] == 'e' ||
                       s[n] == 'E'))
        n++;
    return n;
}

/* For numbers cJSON could not take: strtod with the locale's decimal point, as cJSON does. */
static double long_number_value(const char *text, size_t n)
{
    char *copy = asldot_strndup(text, n);
    const struct lconv *lc = localeconv();
    char dp = lc && lc->decimal_point && lc->decimal_point[0] ? lc->decimal_point[0] : '.';
    double v;
    if (copy == NULL)
        return 0.0;
    for (size_t i = 0; i < n; i++)
        if (copy[i] == '.')
            copy[i] = dp;
    v = strtod(copy, NULL);
    asldot_free(copy);
    return v;
}

/* Returns the offset of the next value or member name and moves past it. The scanner has
 * validated the text, so only token boundaries matter here. */
static size_t next_token(converter *cv)
{
    const char *s = cv->s;
    size_t len = cv->len, p = cv->p, start;
    while (p < len && (s[p] == ' ' || s[p] == '\n' || s[p] == '\r' || s[p] == '\t' || s[p] == ',' ||
                       s[p] == ':' || s[p] == ']' || s[p] == '}'))
        p++;
    start = p;
    if (p < len) {
        if (s[p] == '{' || s[p] == '[') {
            p++;
        } else if (s[p] == '"') {
            p++;
            while (p < len && s[p] != '"')
                p += s[p] == '\\' ? 2 : 1;
            p++;
        } else {
            while (p < len && is_word_char(s[p]))
                p++;
        }
    }
    cv->p = p > len ? len : p;
    return start;
}

static void locate(converter *cv, size_t off, unsigned *line, unsigned *column)
{
    asldot_textpos_seek(&cv->tp, off);
    *line = cv->tp.line;
    *column = cv->tp.column;
}

static char *pool_dup(converter *cv, const char *s, size_t n)
{
    char *d;
    if (n >= POOL_CHUNK / 8)
        return asldot_arena_strndup(cv->doc->arena, s, n);
    if (cv->pool_left < n + 1) {
        cv->pool = asldot_arena_alloc(cv->doc->arena, POOL_CHUNK);
        if (cv->pool == NULL)
            return NULL;
        cv->pool_left = POOL_CHUNK;
    }
    d = cv->pool;
    memcpy(d, s, n);
    d[n] = '\0';
    cv->pool += n + 1;
    cv->pool_left -= n + 1;
    return d;
}

/* Fills n from c (whose text starts at off); containers get their items array. */
static asldot_status fill(converter *cv, asldot_doc_node *n, const cJSON *c, size_t off)
{
    locate(cv, off, &n->line, &n->column);
    if (cJSON_IsBool(c)) {
        n->kind = ASLDOT_DOC_BOOL;
        n->boolean = cJSON_IsTrue(c) ? 1 : 0;
    } else if (cJSON_IsNumber(c)) {
        size_t k = off < cv->len ? number_length(cv->s + off, cv->len - off) : 0;
        n->kind = ASLDOT_DOC_NUMBER;
        n->str = pool_dup(cv, cv->s + off, k);
        if (n->str == NULL)
            return ASLDOT_ERR_NOMEM;
        n->str_len = k;
        n->num = k > CJSON_NUMBER_MAX ? long_number_value(n->str, k) : cJSON_GetNumberValue(c);
    } else if (cJSON_IsString(c)) {
        const char *v = cJSON_GetStringValue(c);
        n->kind = ASLDOT_DOC_STRING;
        n->str_len = v ? strlen(v) : 0;
        n->str = pool_dup(cv, v ? v : "", n->str_len);
        if (n->str == NULL)
            return ASLDOT_ERR_NOMEM;
    } else if (cJSON_IsArray(c) || cJSON_IsObject(c)) {
        size_t count = 0;
        for (const cJSON *k = c->child; k != NULL; k = k->next)
            count++;
        n->kind = cJSON_IsArray(c) ? ASLDOT_DOC_ARRAY : ASLDOT_DOC_OBJECT;
        if (count) {
            n->items = asldot_arena_array(cv->doc->arena, count, sizeof *n->items);
            if (n->items == NULL)
                return ASLDOT_ERR_NOMEM;
        }
        n->count = count;
    } else { /* null, or cJSON_Raw / cJSON_Invalid, which parsing never produces */
        n->kind = ASLDOT_DOC_NULL;
    }
    return ASLDOT_OK;
}

/* Deletes a container whose converted children are gone, and its unconverted ones. */
static void drop_frame(frame *f)
{
    if (f->next != NULL)
        cJSON_Delete(f->next); /* also deletes the siblings that follow */
    f->item->child = NULL;
    f->item->next = NULL;
    cJSON_Delete(f->item);
}

/* Converts and deletes the cJSON tree root (which must not be used afterwards). */
static asldot_status convert(converter *cv, cJSON *root, size_t max_depth,
                             const asldot_options *opts, asldot_diagnostics *diags)
{
    asldot_arena *a = cv->doc->arena;
    frame *stack;
    size_t sp = 0;
    asldot_status st;
    asldot_doc_node *rn = asldot_arena_alloc(a, sizeof *rn);
    st = rn != NULL ? fill(cv, rn, root, next_token(cv)) : ASLDOT_ERR_NOMEM;
    if (st != ASLDOT_OK || (rn->kind != ASLDOT_DOC_ARRAY && rn->kind != ASLDOT_DOC_OBJECT)) {
        cJSON_Delete(root);
        cv->doc->root = st == ASLDOT_OK ? rn : NULL;
        return st;
    }
    stack = asldot_calloc(max_depth + 1, sizeof *stack);
    if (stack == NULL) {
        cJSON_Delete(root);
        return ASLDOT_ERR_NOMEM;
    }
    cv->doc->root = rn;
    stack[sp++] = (frame){root, root->child, rn, 0};
    while (sp > 0) {
        frame *f = &stack[sp - 1];
        cJSON *c = f->next;
        asldot_doc_node *n;
        if (c == NULL || f->i >= f->node->count) {
            if (f->node->kind == ASLDOT_DOC_OBJECT)
                st = asldot_doc_dedupe(f->node, opts, diags);
            if (st != ASLDOT_OK)
                break;
            drop_frame(f);
            sp--;
            continue;
        }
        f->next = c->next;
        c->next = NULL; /* c alone now: deleting it leaves its siblings alone */
        n = asldot_arena_alloc(a, sizeof *n);
        if (n == NULL) {
            cJSON_Delete(c);
            st = ASLDOT_ERR_NOMEM;
            break;
        }
        n->parent = f->node;
        n->index = f->i;
        f->node->items[f->i++] = n;
        if (f->node->kind == ASLDOT_DOC_OBJECT) {
            const char *k = c->string ? c->string : "";
            locate(cv, next_token(cv), &n->key_line, &n->key_column);
            n->key_len = strlen(k);
            n->key = pool_dup(cv, k, n->key_len);
            if (n->key == NULL) {
                cJSON_Delete(c);
                st = ASLDOT_ERR_NOMEM;
                break;
            }
        }
        st = fill(cv, n, c, next_token(cv));
        if (st == ASLDOT_OK && (n->kind == ASLDOT_DOC_ARRAY || n->kind == ASLDOT_DOC_OBJECT) &&
            sp <= max_depth) {
            stack[sp++] = (frame){c, c->child, n, 0};
            continue;
        }
        cJSON_Delete(c);
        if (st != ASLDOT_OK)
            break;
        if (n->kind == ASLDOT_DOC_ARRAY || n->kind == ASLDOT_DOC_OBJECT) {
            st = ASLDOT_ERR_LIMIT; /* cannot happen: the scanner measured the depth */
            break;
        }
    }
    while (sp > 0)
        drop_frame(&stack[--sp]);
    asldot_free(stack);
    return st;
}

asldot_status asldot_json_parse(asldot_doc *doc, const char *data, size_t len,
                                const asldot_options *opts, asldot_diagnostics *diags)
{
    scanner sc;
    converter cv;
    cJSON *root;
    const char *end = NULL, *input = data;
    char *patched = NULL;
    asldot_status st;

    if (doc == NULL || doc->arena == NULL || (data == NULL && len != 0))
        return ASLDOT_ERR_ARGS;
    memset(&sc, 0, sizeof sc);
    sc.s = data;
    sc.len = len;
    sc.max_depth = asldot_opts_max_doc_depth(opts);
    sc.diags = diags;
    asldot_textpos_init(&sc.tp, data, len, 0);
    st = scan(&sc);
    asldot_free(sc.stack);
    if (st == ASLDOT_OK && sc.max_seen >= CJSON_NESTING_LIMIT)
        st = scan_error(&sc, "depth-limit", ASLDOT_ERR_LIMIT, 0,
                        "nesting deeper than %d levels is not supported", CJSON_NESTING_LIMIT - 1);
    if (st == ASLDOT_OK && sc.nlong > 0 && len > 0) { /* len > 0 whenever numbers were found */
        /* hand cJSON a copy where each over-long number is "0" plus spaces (same offsets) */
        patched = asldot_malloc(len);
        if (patched == NULL) {
            st = ASLDOT_ERR_NOMEM;
        } else {
            memcpy(patched, data, len);
            for (size_t i = 0; i < sc.nlong; i++) {
                size_t off = sc.longnum[i], k = number_length(data + off, len - off);
                patched[off] = '0';
                memset(patched + off + 1, ' ', k - 1);
            }
            input = patched;
        }
    }
    asldot_free(sc.longnum);
    if (st != ASLDOT_OK)
        return st;
    root = cJSON_ParseWithLengthOpts(input, len, &end, 0);
    if (root == NULL) {
        /* the scanner accepted the text, so this is cJSON running out of memory */
        asldot_free(patched);
        return ASLDOT_ERR_NOMEM;
    }
    memset(&cv, 0, sizeof cv);
    cv.doc = doc;
    cv.s = data;
    cv.len = len;
    asldot_textpos_init(&cv.tp, data, len, 0);
    st = convert(&cv, root, sc.max_seen, opts, diags);
    asldot_free(patched);
    if (st != ASLDOT_OK)
        doc->root = NULL;
    return st;
}
