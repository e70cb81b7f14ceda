/*
 * mtext.c: position-mapped text (see mtext.h).
 */
#include "mtext.h"
#include "alloc.h"
#include "utf8.h"

#include <string.h>

/* How far ahead a lost match looks for the byte it wants before giving up on it. */
#define RESYNC_WINDOW 16

asldot_status asldot_lines_init(asldot_lines *l, const char *data, size_t len)
{
    size_t n = 1, k = 0;
    memset(l, 0, sizeof *l);
    l->data = data;
    l->len = len;
    for (size_t i = 0; i < len; i++)
        if (data[i] == '\n' || (data[i] == '\r' && (i + 1 >= len || data[i + 1] != '\n')))
            n++;
    l->start = asldot_malloc(n * sizeof *l->start);
    if (l->start == NULL)
        return ASLDOT_ERR_NOMEM;
    l->start[k++] = 0;
    for (size_t i = 0; i < len; i++)
        if (data[i] == '\n' || (data[i] == '\r' && (i + 1 >= len || data[i + 1] != '\n')))
            l->start[k++] = i + 1;
    l->count = k;
    return ASLDOT_OK;
}

void asldot_lines_free(asldot_lines *l)
{
    asldot_free(l->start);
    memset(l, 0, sizeof *l);
}

static int is_cont(unsigned char c)
{
    return (c & 0xC0) == 0x80;
}

size_t asldot_lines_offset(const asldot_lines *l, unsigned line, unsigned column)
{
    size_t p, end;
    if (l->count == 0 || line == 0)
        return 0;
    if (line > l->count)
        return l->len;
    p = l->start[line - 1];
    end = line < l->count ? l->start[line] : l->len;
    for (unsigned c = 1; c < column && p < end; c++) {
        p++;
        while (p < end && is_cont((unsigned char)l->data[p]))
            p++;
    }
    return p;
}

void asldot_mtext_free(asldot_mtext *t)
{
    asldot_buf_free(&t->text);
    asldot_free(t->line);
    asldot_free(t->column);
    t->line = t->column = NULL;
    t->cap = 0;
    t->failed = ASLDOT_OK;
}

asldot_status asldot_mtext_status(const asldot_mtext *t)
{
    return t->failed != ASLDOT_OK ? t->failed : asldot_buf_status(&t->text);
}

static asldot_status reserve(asldot_mtext *t, size_t n)
{
    size_t need = t->text.len + n, cap;
    unsigned *l, *c;
    if (t->failed != ASLDOT_OK)
        return t->failed;
    if (need < t->text.len) {
        t->failed = ASLDOT_ERR_LIMIT;
        return t->failed;
    }
    if (need <= t->cap)
        return ASLDOT_OK;
    cap = t->cap ? t->cap : 256;
    while (cap < need)
        cap *= 2;
    l = asldot_realloc_array(t->line, cap, sizeof *l);
    if (l != NULL)
        t->line = l;
    c = l != NULL ? asldot_realloc_array(t->column, cap, sizeof *c) : NULL;
    if (c == NULL) {
        t->failed = ASLDOT_ERR_NOMEM;
        return t->failed;
    }
    t->column = c;
    t->cap = cap;
    return ASLDOT_OK;
}

asldot_status asldot_mtext_put(asldot_mtext *t, const char *s, size_t n, unsigned line,
                               unsigned column)
{
    size_t at = t->text.len;
    asldot_status st = reserve(t, n);
    if (st == ASLDOT_OK)
        st = asldot_buf_put(&t->text, s, n);
    if (st != ASLDOT_OK)
        return t->failed = st;
    for (size_t i = 0; i < n; i++) {
        t->line[at + i] = line;
        t->column[at + i] = column;
    }
    return ASLDOT_OK;
}

asldot_status asldot_mtext_put_span(asldot_mtext *t, const asldot_mtext *src, size_t from,
                                    size_t to)
{
    size_t at = t->text.len, n = to - from;
    asldot_status st;
    if (n == 0)
        return t->failed;
    st = reserve(t, n);
    if (st == ASLDOT_OK)
        st = asldot_buf_put(&t->text, src->text.data + from, n);
    if (st != ASLDOT_OK)
        return t->failed = st;
    memcpy(t->line + at, src->line + from, n * sizeof *t->line);
    memcpy(t->column + at, src->column + from, n * sizeof *t->column);
    return ASLDOT_OK;
}

/* A cursor over the raw file that knows its line:column. */
typedef struct cursor {
    const char *d;
    size_t len, p;
    unsigned line, col;
} cursor;

static void step(cursor *c)
{
    unsigned char ch;
    if (c->p >= c->len)
        return;
    ch = (unsigned char)c->d[c->p++];
    if (ch == '\n' || (ch == '\r' && (c->p >= c->len || c->d[c->p] != '\n'))) {
        c->line++;
        c->col = 1;
    } else if (c->p >= c->len || !is_cont((unsigned char)c->d[c->p])) {
        c->col++;
    }
}

static int at(const cursor *c, char ch)
{
    return c->p < c->len && c->d[c->p] == ch;
}

static int is_space(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n';
}

/* The length of the escape at c (a backslash) and how many bytes it decodes to. */
static size_t escape_len(const cursor *c, size_t *decoded)
{
    const char *s = c->d + c->p;
    size_t left = c->len - c->p;
    *decoded = 1;
    if (left < 2)
        return left;
    switch (s[1]) {
    case 'x':
        return left < 4 ? left : 4;
    case 'u': {
        unsigned cp = 0;
        for (size_t i = 2; i < 6 && i < left; i++) {
            char h = s[i];
            cp = cp * 16 + (unsigned)(h >= 'a' ? h - 'a' + 10 : h >= 'A' ? h - 'A' + 10 : h - '0');
        }
        if (cp >= 0xD800 && cp < 0xDC00 && left >= 12 && s[6] == '\\' && s[7] == 'u') {
            *decoded = 4;
            return 12;
        }
        *decoded = cp < 0x80 ? 1 : cp < 0x800 ? 2 : 3;
        return left < 6 ? left : 6;
    }
    case 'U':
        *decoded = 4;
        return left < 10 ? left : 10;
    case '\n':
        *decoded = 0; /* YAML's escaped line break */
        return 2;
    default:
        return 2;
    }
}

asldot_status asldot_mtext_put_scalar(asldot_mtext *t, const char *s, size_t n,
                                      const asldot_lines *raw, unsigned line, unsigned column)
{
    cursor c = {raw->data, raw->len, asldot_lines_offset(raw, line, column), line, column};
    char quote = 0;
    unsigned last_line = line, last_col = column;
    asldot_status st = reserve(t, n);
    if (st != ASLDOT_OK)
        return st;
    if (at(&c, '!')) { /* a YAML tag ("!Sub |") */
        while (c.p < c.len && !is_space(c.d[c.p]))
            step(&c);
        while (at(&c, ' ') || at(&c, '\t'))
            step(&c);
    }
    if (at(&c, '"') || at(&c, '\'')) {
        quote = c.d[c.p];
        step(&c);
    } else if (at(&c, '|') || at(&c, '>')) { /* block scalar: the text starts on the next line */
        while (c.p < c.len && c.d[c.p] != '\n')
            step(&c);
        step(&c);
    }
    for (size_t i = 0; i < n;) {
        char b = s[i];
        size_t dec = 1, k;
        if (quote == '"' && at(&c, '\\')) {
            size_t el = escape_len(&c, &dec);
            if (dec == 0) {
                for (k = 0; k < el; k++)
                    step(&c);
                continue;
            }
            last_line = c.line;
            last_col = c.col;
            for (k = 0; k < el; k++)
                step(&c);
        } else if (quote == '\'' && at(&c, '\'') && c.p + 1 < c.len && c.d[c.p + 1] == '\'') {
            last_line = c.line;
            last_col = c.col;
            step(&c);
            step(&c);
        } else {
            cursor look = c;
            for (k = 0; k < RESYNC_WINDOW && look.p < look.len && look.d[look.p] != b; k++) {
                if (!is_space(look.d[look.p]) && !is_space(b) && quote == 0)
                    break; /* plain text that differs: do not skip content */
                step(&look);
            }
            if (look.p < look.len && look.d[look.p] == b) {
                c = look;
                last_line = c.line;
                last_col = c.col;
                step(&c);
            }
        }
        if (dec > n - i)
            dec = n - i;
        for (k = 0; k < dec; k++) {
            size_t pos = t->text.len + k;
            t->line[pos] = last_line;
            t->column[pos] = last_col;
        }
        if ((st = asldot_buf_put(&t->text, s + i, dec)) != ASLDOT_OK)
            return t->failed = st;
        i += dec;
    }
    return ASLDOT_OK;
}

asldot_status asldot_mtext_identity(asldot_mtext *t, const char *data, size_t len)
{
    asldot_textpos tp;
    asldot_status st;
    asldot_mtext_free(t);
    if ((st = reserve(t, len)) != ASLDOT_OK ||
        (st = asldot_buf_put(&t->text, data, len)) != ASLDOT_OK)
        return t->failed = st;
    asldot_textpos_init(&tp, data, len, 0);
    for (size_t i = 0; i < len; i++) {
        asldot_textpos_seek(&tp, i);
        t->line[i] = tp.line;
        t->column[i] = tp.column;
    }
    return ASLDOT_OK;
}

void asldot_mtext_locate(const asldot_mtext *t, const asldot_lines *lines, unsigned *line,
                         unsigned *column)
{
    size_t off;
    if (t->text.len == 0 || *line == 0)
        return;
    off = asldot_lines_offset(lines, *line, *column ? *column : 1);
    if (off >= t->text.len)
        off = t->text.len - 1;
    *line = t->line[off];
    *column = t->column[off];
}
