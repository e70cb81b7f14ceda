/*
 * source_tf.c: aws_sfn_state_machine resources in Terraform, from .tf files (HCL) and from the
 * JSON of `terraform show -json`.
 *
 * There is no HCL library in Debian, so this reads only what it needs and says what it cannot
 * evaluate. It scans the file for top-level blocks (strings, heredocs, comments and nesting
 * understood), finds resource "aws_sfn_state_machine" "NAME" and its `definition` attribute, and
 * evaluates that expression when it is one of:
 *   jsonencode({...})     the HCL value is written out as JSON; a reference, call or other
 *                         expression inside becomes the placeholder "${expression}"
 *   <<EOF ... EOF         a heredoc: the text as written, ${...} kept
 *   templatefile(P, {V})  the file P (${path.module} is the .tf file's folder), V's literal
 *                         values substituted, other values as "${expression}" placeholders
 *   file(P)               the file P
 *   "..."                 a string literal
 *   local.X, data.template_file.X.rendered   followed to the expression they name
 * Anything else (var.definition, a module output) leaves the machine unresolved, with the
 * expression in the reason. Nothing here can loop: every scan moves forward and references are
 * followed at most MAX_HOPS deep.
 */
#include "source.h"

#include "alloc.h"

#include <string.h>

#define MAX_HOPS 4

typedef struct hcl {
    asldot_source *s;
    const char *d;
    size_t len;
    asldot_mtext raw; /* the file with its own positions */
} hcl;

static int is_ident_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
}

/* Skips blanks and comments; newlines too when nl is set. */
static size_t skip_ws(const hcl *h, size_t i, int nl)
{
    while (i < h->len) {
        char c = h->d[i];
        if (c == ' ' || c == '\t' || c == '\r' || (nl && c == '\n')) {
            i++;
        } else if (c == '#' || (c == '/' && i + 1 < h->len && h->d[i + 1] == '/')) {
            while (i < h->len && h->d[i] != '\n')
                i++;
        } else if (c == '/' && i + 1 < h->len && h->d[i + 1] == '*') {
            i += 2;
            while (i + 1 < h->len && !(h->d[i] == '*' && h->d[i + 1] == '/'))
                i++;
            i = i + 2 < h->len ? i + 2 : h->len;
        } else {
            break;
        }
    }
    return i;
}

static size_t skip_balanced(const hcl *h, size_t i, char open, char close);

/* i at '"': returns the index after the closing quote (interpolations may nest strings). */
static size_t skip_string(const hcl *h, size_t i)
{
    for (i++; i < h->len; i++) {
        char c = h->d[i];
        if (c == '\\')
            i++;
        else if (c == '"')
            return i + 1;
        else if ((c == '$' || c == '%') && i + 1 < h->len && h->d[i + 1] == '{')
            i = skip_balanced(h, i + 1, '{', '}') - 1;
        else if (c == '\n')
            return i; /* an unterminated string ends with its line */
    }
    return h->len;
}

/* i at "<<": sets the body [*from, *to) and returns the index after the closing marker. */
static size_t skip_heredoc(const hcl *h, size_t i, size_t *from, size_t *to)
{
    size_t w, wn, line;
    i += 2;
    if (i < h->len && h->d[i] == '-')
        i++;
    w = i;
    while (i < h->len && is_ident_char(h->d[i]))
        i++;
    wn = i - w;
    while (i < h->len && h->d[i] != '\n')
        i++;
    *from = *to = i < h->len ? i + 1 : h->len;
    for (line = *from; line < h->len && wn > 0;) {
        size_t j = line, end;
        while (j < h->len && (h->d[j] == ' ' || h->d[j] == '\t'))
            j++;
        end = j + wn;
        if (end <= h->len && memcmp(h->d + j, h->d + w, wn) == 0 &&
            (end == h->len || h->d[end] == '\n' || h->d[end] == '\r')) {
            *to = line;
            return end;
        }
        while (line < h->len && h->d[line] != '\n')
            line++;
        line = line < h->len ? line + 1 : h->len;
    }
    *to = h->len;
    return h->len;
}

/* i at open: returns the index after the matching close. */
static size_t skip_balanced(const hcl *h, size_t i, char open, char close)
{
    size_t depth = 0;
    while (i < h->len) {
        char c = h->d[i];
        size_t a, b;
        if (c == '"') {
            i = skip_string(h, i);
            continue;
        }
        if (c == '<' && i + 1 < h->len && h->d[i + 1] == '<' && i + 2 < h->len &&
            (is_ident_char(h->d[i + 2]) || h->d[i + 2] == '-')) {
            i = skip_heredoc(h, i, &a, &b);
            continue;
        }
        if (c == '#' ||
            (c == '/' && i + 1 < h->len && (h->d[i + 1] == '/' || h->d[i + 1] == '*'))) {
            size_t j = skip_ws(h, i, 0);
            if (j > i) {
                i = j;
                continue;
            }
        }
        if (c == open)
            depth++;
        else if (c == close && --depth == 0)
            return i + 1;
        i++;
    }
    return h->len;
}

/* The end of the expression at i: at depth 0, a newline, ',' or a closing bracket ends it. */
static size_t expr_end(const hcl *h, size_t i)
{
    size_t a, b;
    while (i < h->len) {
        char c = h->d[i];
        if (c == '\n' || c == ',' || c == '}' || c == ']' || c == ')')
            return i;
        if (c == '#' || (c == '/' && i + 1 < h->len && (h->d[i + 1] == '/' || h->d[i + 1] == '*')))
            return i;
        if (c == '"')
            i = skip_string(h, i);
        else if (c == '(')
            i = skip_balanced(h, i, '(', ')');
        else if (c == '[')
            i = skip_balanced(h, i, '[', ']');
        else if (c == '{')
            i = skip_balanced(h, i, '{', '}');
        else if (c == '<' && i + 1 < h->len && h->d[i + 1] == '<')
            i = skip_heredoc(h, i, &a, &b);
        else
            i++;
    }
    return h->len;
}

static int word_at(const hcl *h, size_t i, const char *w)
{
    size_t n = strlen(w);
    return i + n <= h->len && memcmp(h->d + i, w, n) == 0 &&
           (i + n == h->len || !is_ident_char(h->d[i + n]) || w[n - 1] == '(' || w[n - 1] == '.');
}

/* A string literal's content [from, to) when i is at a '"' with no interpolation. */
static int plain_string(const hcl *h, size_t i, size_t *from, size_t *to)
{
    size_t end;
    if (i >= h->len || h->d[i] != '"')
        return 0;
    end = skip_string(h, i);
    *from = i + 1;
    *to = end > *from ? end - 1 : *from;
    return end <= h->len && end > i + 1 && h->d[end - 1] == '"';
}

/* ---------------------------------------------------------------- jsonencode: HCL -> JSON */

static asldot_status put_raw(asldot_mtext *out, const hcl *h, size_t from, size_t to)
{
    return asldot_mtext_put_span(out, &h->raw, from, to);
}

static asldot_status put_at(asldot_mtext *out, const hcl *h, size_t at, const char *s)
{
    size_t i = at < h->len ? at : h->len ? h->len - 1 : 0;
    unsigned line = h->len ? h->raw.line[i] : 1, col = h->len ? h->raw.column[i] : 1;
    return asldot_mtext_put(out, s, strlen(s), line, col);
}

/* An expression that cannot be evaluated: the JSON string "${expression}". */
static asldot_status put_expression(asldot_mtext *out, const hcl *h, size_t from, size_t to)
{
    asldot_status st = put_at(out, h, from, "\"${");
    size_t seg = from;
    while (to > from && (h->d[to - 1] == ' ' || h->d[to - 1] == '\t' || h->d[to - 1] == '\r'))
        to--;
    for (size_t i = from; i < to && st == ASLDOT_OK; i++) {
        char c = h->d[i];
        if (c == '"' || c == '\\' || c == '\n' || c == '\t') {
            put_raw(out, h, seg, i);
            st = put_at(out, h, i,
                        c == '\n'   ? "\\n"
                        : c == '\t' ? "\\t"
                        : c == '"'  ? "\\\""
                                    : "\\\\");
            seg = i + 1;
        }
    }
    if (st == ASLDOT_OK)
        put_raw(out, h, seg, to);
    if (st == ASLDOT_OK)
        st = put_at(out, h, to, "}\"");
    return st == ASLDOT_OK ? asldot_mtext_status(out) : st;
}

static asldot_status hcl_value(asldot_mtext *out, const hcl *h, size_t *pi, unsigned depth);

/* i after '{' or '['; reads members up to the closing bracket. */
static asldot_status hcl_collection(asldot_mtext *out, const hcl *h, size_t *pi, int object,
                                    unsigned depth)
{
    size_t i = *pi;
    int first = 1;
    asldot_status st = put_at(out, h, i - 1, object ? "{" : "[");
    char close = object ? '}' : ']';
    while (st == ASLDOT_OK) {
        i = skip_ws(h, i, 1);
        while (i < h->len && h->d[i] == ',')
            i = skip_ws(h, i + 1, 1);
        if (i >= h->len)
            return asldot_source_error(h->s, NULL, "terraform-syntax", 0, 0,
                                       "unterminated %s in jsonencode()",
                                       object ? "object" : "tuple");
        if (h->d[i] == close) {
            i++;
            break;
        }
        if (!first)
            st = put_at(out, h, i, ",");
        first = 0;
        if (object) {
            size_t k = i, from, to;
            if (plain_string(h, i, &from, &to)) {
                put_raw(out, h, i, to + 1);
                i = to + 1;
            } else {
                while (i < h->len && is_ident_char(h->d[i]))
                    i++;
                if (i == k) { /* a computed key: kept as the placeholder of its expression */
                    size_t e = expr_end(h, i);
                    while (e > i && h->d[e - 1] != '=' && h->d[e - 1] != ':')
                        e--;
                    i = e > i ? e - 1 : expr_end(h, i);
                    st = put_expression(out, h, k, i);
                } else {
                    put_at(out, h, k, "\"");
                    put_raw(out, h, k, i);
                    put_at(out, h, i - 1, "\"");
                }
            }
            i = skip_ws(h, i, 0);
            if (i < h->len && (h->d[i] == '=' || h->d[i] == ':'))
                i++;
            else
                return asldot_source_error(h->s, NULL, "terraform-syntax",
                                           h->raw.line[i < h->len ? i : h->len - 1],
                                           h->raw.column[i < h->len ? i : h->len - 1],
                                           "expected '=' after an object key in jsonencode()");
            put_at(out, h, i - 1, ":");
        }
        i = skip_ws(h, i, 1);
        if (st == ASLDOT_OK) {
            size_t at = i;
            st = hcl_value(out, h, &i, depth + 1);
            if (st == ASLDOT_OK && i == at) /* a stray ')' or the wrong closing bracket */
                return asldot_source_error(
                    h->s, NULL, "terraform-syntax", h->raw.line[i < h->len ? i : h->len - 1],
                    h->raw.column[i < h->len ? i : h->len - 1], "unexpected '%c' in jsonencode()",
                    i < h->len ? h->d[i] : ' ');
        }
    }
    if (st == ASLDOT_OK)
        st = put_at(out, h, i - 1, object ? "}" : "]");
    *pi = i;
    return st;
}

static int is_number_start(char c)
{
    return (c >= '0' && c <= '9') || c == '-';
}

static asldot_status hcl_value(asldot_mtext *out, const hcl *h, size_t *pi, unsigned depth)
{
    size_t i = *pi, end = expr_end(h, i), from, to;
    if (depth > 256)
        return asldot_source_error(h->s, NULL, "terraform-syntax", h->raw.line[i], h->raw.column[i],
                                   "jsonencode() nests deeper than 256 levels");
    if (i >= h->len)
        return asldot_source_error(h->s, NULL, "terraform-syntax", 0, 0,
                                   "a value is missing at the end of the file");
    if ((h->d[i] == '{' || h->d[i] == '[') &&
        skip_ws(h, skip_balanced(h, i, h->d[i], h->d[i] == '{' ? '}' : ']'), 0) >= end) {
        *pi = i + 1;
        return hcl_collection(out, h, pi, h->d[i] == '{', depth);
    }
    *pi = end;
    if (plain_string(h, i, &from, &to) && skip_ws(h, to + 1, 0) >= end) {
        size_t seg = i;
        asldot_status st = ASLDOT_OK;
        /* HCL's escapes are JSON's; "$${" is a literal "${" */
        for (size_t j = from; j < to && st == ASLDOT_OK; j++)
            if (h->d[j] == '$' && j + 2 < to && h->d[j + 1] == '$' && h->d[j + 2] == '{') {
                put_raw(out, h, seg, j);
                seg = j + 1;
            } else if (h->d[j] == '\\') {
                j++;
            }
        put_raw(out, h, seg, to + 1);
        return st == ASLDOT_OK ? asldot_mtext_status(out) : st;
    }
    if (word_at(h, i, "true") || word_at(h, i, "false") || word_at(h, i, "null") ||
        (is_number_start(h->d[i]) && end > i)) {
        size_t e = end;
        int number = 1;
        while (e > i && (h->d[e - 1] == ' ' || h->d[e - 1] == '\t' || h->d[e - 1] == '\r'))
            e--;
        for (size_t j = i; j < e; j++)
            if (!((h->d[j] >= '0' && h->d[j] <= '9') || h->d[j] == '.' || h->d[j] == '-' ||
                  h->d[j] == 'e' || h->d[j] == 'E' || h->d[j] == '+'))
                number = 0;
        if (number || word_at(h, i, "true") || word_at(h, i, "false") || word_at(h, i, "null"))
            if (number || e == i + (h->d[i] == 'f' ? 5u : 4u))
                return put_raw(out, h, i, e);
    }
    return put_expression(out, h, i, end);
}

/* ---------------------------------------------------------------- blocks and attributes */

typedef struct block {
    size_t word, word_len; /* "resource" */
    size_t label[2], label_len[2];
    size_t labels;
    size_t body, body_end; /* inside the braces */
} block;

/* Reads the block at i (after blanks); returns the index after it, or 0 when i is no block. */
static size_t read_block(const hcl *h, size_t i, block *b)
{
    size_t j = i;
    memset(b, 0, sizeof *b);
    while (j < h->len && is_ident_char(h->d[j]))
        j++;
    if (j == i)
        return 0;
    b->word = i;
    b->word_len = j - i;
    for (;;) {
        size_t from, to;
        j = skip_ws(h, j, 0);
        if (j < h->len && h->d[j] == '{')
            break;
        if (!plain_string(h, j, &from, &to) && !(j < h->len && is_ident_char(h->d[j])))
            return 0;
        if (h->d[j] != '"') {
            from = j;
            while (j < h->len && is_ident_char(h->d[j]))
                j++;
            to = j;
        } else {
            j = to + 1;
        }
        if (b->labels < 2) {
            b->label[b->labels] = from;
            b->label_len[b->labels] = to - from;
        }
        b->labels++;
    }
    b->body = j + 1;
    j = skip_balanced(h, j, '{', '}');
    b->body_end = j > b->body ? j - 1 : b->body;
    return j;
}

static int span_is(const hcl *h, size_t at, size_t n, const char *w)
{
    return strlen(w) == n && memcmp(h->d + at, w, n) == 0;
}

/* Finds attribute name at depth 0 of [from, to): sets *value to the expression's start. */
static int find_attr(const hcl *h, size_t from, size_t to, const char *name, size_t *value)
{
    size_t i = from;
    while (i < to) {
        size_t w;
        block b;
        i = skip_ws(h, i, 1);
        if (i >= to)
            break;
        size_t wend;
        w = i;
        while (i < to && is_ident_char(h->d[i]))
            i++;
        if (i == w) { /* stray punctuation: step over it */
            i = expr_end(h, i) + 1;
            continue;
        }
        wend = i;
        i = skip_ws(h, i, 0);
        if (i < to && (h->d[i] == '=' || h->d[i] == ':') && !(i + 1 < to && h->d[i + 1] == '=')) {
            size_t v = skip_ws(h, i + 1, 0);
            if (span_is(h, w, wend - w, name)) {
                *value = v;
                return 1;
            }
            i = expr_end(h, v);
            continue;
        }
        {
            size_t e = read_block(h, w, &b);
            i = e > w ? e : expr_end(h, i) + 1;
        }
    }
    return 0;
}

/* ---------------------------------------------------------------- definition expressions */

static char *copy_span(const hcl *h, size_t from, size_t to)
{
    return asldot_arena_strndup(h->s->arena, h->d + from, to - from);
}

/* templatefile()'s second argument: its literal values, and references as placeholders. */
static asldot_status template_vars(hcl *h, asldot_source_entry *e, size_t i)
{
    size_t end;
    asldot_status st = ASLDOT_OK;
    if (i >= h->len || h->d[i] != '{')
        return ASLDOT_OK;
    end = skip_balanced(h, i, '{', '}') - 1;
    i++;
    while (st == ASLDOT_OK) {
        size_t k, kend, v, vend, from, to;
        char *key, *val;
        i = skip_ws(h, i, 1);
        while (i < end && h->d[i] == ',')
            i = skip_ws(h, i + 1, 1);
        if (i >= end)
            break;
        k = i;
        if (plain_string(h, i, &from, &to)) {
            k = from;
            kend = to;
            i = to + 1;
        } else {
            while (i < end && is_ident_char(h->d[i]))
                i++;
            kend = i;
        }
        i = skip_ws(h, i, 0);
        if (kend == k || i >= end || (h->d[i] != '=' && h->d[i] != ':'))
            break;
        v = skip_ws(h, i + 1, 0);
        vend = expr_end(h, v);
        i = vend;
        while (vend > v && (h->d[vend - 1] == ' ' || h->d[vend - 1] == '\r'))
            vend--;
        key = copy_span(h, k, kend);
        if (plain_string(h, v, &from, &to) && to + 1 == vend)
            val = copy_span(h, from, to);
        else if (vend > v &&
                 (is_number_start(h->d[v]) || word_at(h, v, "true") || word_at(h, v, "false")))
            val = copy_span(h, v, vend);
        else
            val = asldot_arena_printf(h->s->arena, "${%.*s}", (int)(vend - v), h->d + v);
        if (key == NULL || val == NULL)
            return ASLDOT_ERR_NOMEM;
        st = asldot_source_add_subst(h->s, e, key, val, val[0] == '$');
    }
    return st;
}

/* A path argument: "${path.module}/x" is x relative to the .tf file. Sets *out to it, or to NULL
 * when it is computed; fails only when out of memory. */
static asldot_status path_arg(hcl *h, size_t i, char **out)
{
    static const char *const roots[] = {"${path.module}/", "${path.root}/", "${path.cwd}/", "./"};
    size_t from, to;
    *out = NULL;
    if (!plain_string(h, i, &from, &to))
        return ASLDOT_OK;
    for (size_t r = 0; r < sizeof roots / sizeof roots[0]; r++) {
        size_t n = strlen(roots[r]);
        if (to - from >= n && memcmp(h->d + from, roots[r], n) == 0)
            from += n;
    }
    if (memchr(h->d + from, '$', to - from) != NULL)
        return ASLDOT_OK; /* a path computed from a variable */
    *out = copy_span(h, from, to);
    return *out != NULL ? ASLDOT_OK : ASLDOT_ERR_NOMEM;
}

static asldot_status eval_definition(hcl *h, asldot_source_entry *e, size_t v, unsigned hops);

static int find_block(const hcl *h, const char *word, const char *l0, const char *l1, block *out)
{
    size_t i = 0;
    while (i < h->len) {
        size_t next;
        i = skip_ws(h, i, 1);
        if (i >= h->len)
            break;
        next = read_block(h, i, out);
        if (next == 0) {
            i = expr_end(h, i) + 1;
            continue;
        }
        if (span_is(h, out->word, out->word_len, word) &&
            (l0 == NULL ||
             (out->labels >= 1 && span_is(h, out->label[0], out->label_len[0], l0))) &&
            (l1 == NULL || (out->labels >= 2 && span_is(h, out->label[1], out->label_len[1], l1))))
            return 1;
        i = next;
    }
    return 0;
}

static asldot_status follow_reference(hcl *h, asldot_source_entry *e, size_t v, size_t end,
                                      unsigned hops)
{
    size_t n = end - v, at;
    block b;
    char *name;
    if (n > 6 && memcmp(h->d + v, "local.", 6) == 0) {
        size_t i = 0;
        name = copy_span(h, v + 6, end);
        if (name == NULL)
            return ASLDOT_ERR_NOMEM;
        while (i < h->len) { /* every locals block */
            size_t next;
            i = skip_ws(h, i, 1);
            next = i < h->len ? read_block(h, i, &b) : 0;
            if (next == 0) {
                if (i >= h->len)
                    break;
                i = expr_end(h, i) + 1;
                continue;
            }
            if (span_is(h, b.word, b.word_len, "locals") &&
                find_attr(h, b.body, b.body_end, name, &at))
                return eval_definition(h, e, at, hops + 1);
            i = next;
        }
    } else if (n > 23 && memcmp(h->d + v, "data.template_file.", 19) == 0 &&
               memcmp(h->d + end - 9, ".rendered", 9) == 0) {
        name = copy_span(h, v + 19, end - 9);
        if (name == NULL)
            return ASLDOT_ERR_NOMEM;
        if (find_block(h, "data", "template_file", name, &b) &&
            find_attr(h, b.body, b.body_end, "template", &at)) {
            size_t vars;
            asldot_status st = ASLDOT_OK;
            if (find_attr(h, b.body, b.body_end, "vars", &vars))
                st = template_vars(h, e, vars);
            return st == ASLDOT_OK ? eval_definition(h, e, at, hops + 1) : st;
        }
    }
    name = asldot_arena_printf(
        h->s->arena, "definition = %.*s %s", (int)(n > 80 ? 80 : n), h->d + v,
        n > 4 && memcmp(h->d + v, "var.", 4) == 0 ? "is a variable that the module's caller sets"
                                                  : "cannot be evaluated without Terraform");
    return name == NULL ? ASLDOT_ERR_NOMEM : asldot_source_unresolved(h->s, e, name);
}

static asldot_status eval_definition(hcl *h, asldot_source_entry *e, size_t v, unsigned hops)
{
    size_t end = expr_end(h, v), from, to, i;
    char *path;
    asldot_status st;
    while (end > v && (h->d[end - 1] == ' ' || h->d[end - 1] == '\r' || h->d[end - 1] == '\t'))
        end--;
    if (hops > MAX_HOPS)
        return asldot_source_unresolved(h->s, e, "definition refers through too many names");
    if (word_at(h, v, "jsonencode(")) {
        i = skip_ws(h, v + 11, 1);
        e->info.origin = "definition = jsonencode()";
        e->form = ASLDOT_DEF_TEXT;
        return hcl_value(&e->text, h, &i, 0);
    }
    if (v + 2 < h->len && h->d[v] == '<' && h->d[v + 1] == '<') {
        skip_heredoc(h, v, &from, &to);
        e->info.origin = "definition = heredoc";
        e->form = ASLDOT_DEF_TEXT;
        st = put_raw(&e->text, h, from, to);
        return st == ASLDOT_OK ? asldot_mtext_status(&e->text) : st;
    }
    if (word_at(h, v, "templatefile(") || word_at(h, v, "file(")) {
        int tpl = h->d[v] == 't';
        i = skip_ws(h, v + (tpl ? 13 : 5), 1);
        if ((st = path_arg(h, i, &path)) != ASLDOT_OK)
            return st;
        if (path == NULL) {
            char *why = asldot_arena_printf(h->s->arena,
                                            "the definition file's name is computed "
                                            "(%.*s)",
                                            (int)(end - v > 80 ? 80 : end - v), h->d + v);
            return why == NULL ? ASLDOT_ERR_NOMEM : asldot_source_unresolved(h->s, e, why);
        }
        if (tpl) {
            size_t a = skip_string(h, i);
            a = skip_ws(h, a, 1);
            if (a < h->len && h->d[a] == ',' &&
                (st = template_vars(h, e, skip_ws(h, a + 1, 1))) != ASLDOT_OK)
                return st;
        }
        st = asldot_source_read_ref(h->s, e, path, h->raw.line[v], h->raw.column[v]);
        if (st == ASLDOT_OK || e->info.unresolved != NULL) {
            e->info.origin = asldot_arena_printf(h->s->arena, "definition = %s(%s)",
                                                 tpl ? "templatefile" : "file", path);
            if (e->info.origin == NULL)
                return ASLDOT_ERR_NOMEM;
        }
        return st;
    }
    if (plain_string(h, v, &from, &to) && to + 1 == end) {
        if (to - from > 3 && h->d[from] == '$' && h->d[from + 1] == '{' && h->d[to - 1] == '}' &&
            skip_balanced(h, from + 1, '{', '}') == to)
            return follow_reference(h, e, from + 2, to - 1, hops);
        e->info.origin = "definition = string";
        e->form = ASLDOT_DEF_TEXT;
        for (i = from; i < to; i++) { /* HCL's escapes, decoded */
            char c = h->d[i];
            if (c == '\\' && i + 1 < to) {
                char n = h->d[++i];
                const char *r = n == 'n' ? "\n" : n == 't' ? "\t" : n == 'r' ? "\r" : NULL;
                if (r != NULL)
                    put_at(&e->text, h, i - 1, r);
                else
                    put_raw(&e->text, h, i, i + 1);
            } else {
                put_raw(&e->text, h, i, i + 1);
            }
        }
        return asldot_mtext_status(&e->text);
    }
    return follow_reference(h, e, v, end, hops);
}

asldot_status asldot_source_find_terraform(asldot_source *s)
{
    hcl h;
    size_t i = 0;
    asldot_status st = ASLDOT_OK, worst = ASLDOT_OK;
    h.s = s;
    h.d = s->data;
    h.len = s->len;
    memset(&h.raw, 0, sizeof h.raw);
    st = asldot_mtext_identity(&h.raw, s->data, s->len);
    while (st == ASLDOT_OK && i < h.len) {
        block b;
        size_t next, v;
        i = skip_ws(&h, i, 1);
        if (i >= h.len)
            break;
        next = read_block(&h, i, &b);
        if (next == 0) {
            i = expr_end(&h, i) + 1;
            continue;
        }
        if (span_is(&h, b.word, b.word_len, "resource") && b.labels == 2 &&
            span_is(&h, b.label[0], b.label_len[0], "aws_sfn_state_machine")) {
            asldot_source_entry *e;
            char *id = copy_span(&h, b.label[1], b.label[1] + b.label_len[1]);
            if (id == NULL) {
                st = ASLDOT_ERR_NOMEM;
                break;
            }
            st =
                asldot_source_add(s, id, "terraform", h.raw.line[b.word], h.raw.column[b.word], &e);
            if (st != ASLDOT_OK)
                break;
            if (find_attr(&h, b.body, b.body_end, "name", &v)) {
                size_t from, to;
                if (plain_string(&h, v, &from, &to) &&
                    (e->info.name = copy_span(&h, from, to)) == NULL) {
                    st = ASLDOT_ERR_NOMEM;
                    break;
                }
            }
            if (!find_attr(&h, b.body, b.body_end, "definition", &v))
                st = asldot_source_error(s, e, "no-definition", h.raw.line[b.word],
                                         h.raw.column[b.word],
                                         "aws_sfn_state_machine \"%s\" has no definition", id);
            else {
                s->current = s->count; /* errors inside the expression are about this machine */
                st = eval_definition(&h, e, v, 0);
                s->current = 0;
            }
            if (st == ASLDOT_ERR_INVALID) {
                worst = st;
                st = ASLDOT_OK;
            }
        }
        i = next;
    }
    asldot_mtext_free(&h.raw);
    return st != ASLDOT_OK ? st : worst;
}

/* ---------------------------------------------------------------- terraform show -json */

static asldot_status tf_json_resource(asldot_source *s, const asldot_doc_node *r,
                                      const asldot_doc_node *values)
{
    const char *addr = asldot_doc_get_string(r, "address");
    const asldot_doc_node *def = asldot_doc_get(values, "definition");
    asldot_source_entry *e;
    asldot_status st =
        asldot_source_add(s,
                          addr                               ? addr
                          : asldot_doc_get_string(r, "name") ? asldot_doc_get_string(r, "name")
                                                             : "-",
                          "terraform-json", r->line, r->column, &e);
    if (st != ASLDOT_OK)
        return st;
    e->info.name = asldot_doc_get_string(values, "name");
    e->info.origin = "definition";
    if (def == NULL || def->kind != ASLDOT_DOC_STRING)
        return asldot_source_unresolved(s, e, "the definition is not known until apply");
    e->form = ASLDOT_DEF_TEXT;
    return asldot_mtext_put_scalar(&e->text, def->str, def->str_len, &s->lines, def->line,
                                   def->column);
}

static asldot_status tf_json_module(asldot_source *s, const asldot_doc_node *mod, unsigned depth)
{
    const asldot_doc_node *res = asldot_doc_get(mod, "resources");
    const asldot_doc_node *kids = asldot_doc_get(mod, "child_modules");
    asldot_status st = ASLDOT_OK;
    if (depth > 64)
        return ASLDOT_OK;
    for (size_t i = 0; res && res->kind == ASLDOT_DOC_ARRAY && i < res->count && st == ASLDOT_OK;
         i++) {
        const asldot_doc_node *r = res->items[i];
        const char *type = asldot_doc_get_string(r, "type");
        if (type != NULL && strcmp(type, "aws_sfn_state_machine") == 0)
            st = tf_json_resource(s, r, asldot_doc_get(r, "values"));
    }
    for (size_t i = 0; kids && kids->kind == ASLDOT_DOC_ARRAY && i < kids->count && st == ASLDOT_OK;
         i++)
        st = tf_json_module(s, kids->items[i], depth + 1);
    return st;
}

asldot_status asldot_source_find_terraform_json(asldot_source *s)
{
    const asldot_doc_node *root = s->doc->root, *changes;
    const asldot_doc_node *vals = asldot_doc_get(root, "values");
    asldot_status st;
    if (vals == NULL)
        vals = asldot_doc_get(root, "planned_values");
    st = tf_json_module(s, asldot_doc_get(vals, "root_module"), 0);
    changes = asldot_doc_get(root, "resource_changes");
    for (size_t i = 0; st == ASLDOT_OK && s->count == 0 && changes &&
                       changes->kind == ASLDOT_DOC_ARRAY && i < changes->count;
         i++) {
        const asldot_doc_node *r = changes->items[i];
        const char *type = asldot_doc_get_string(r, "type");
        if (type != NULL && strcmp(type, "aws_sfn_state_machine") == 0)
            st = tf_json_resource(s, r, asldot_doc_get(asldot_doc_get(r, "change"), "after"));
    }
    return st;
}
