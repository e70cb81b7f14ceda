/* utf8.c: UTF-8 validation, byte offset -> line:column, excerpts for syntax diagnostics. */
#include "utf8.h"
#include "buf.h"

#include <stdarg.h>
#include <string.h>

/* Excerpts: no excerpt past this column, and at most this many characters after the caret. */
#define EXCERPT_MAX_COLUMN 400u
#define EXCERPT_TAIL       80u

size_t asldot_utf8_decode(const char *s, size_t len, unsigned long *cp)
{
    const unsigned char *p = (const unsigned char *)s;
    unsigned long v;
    size_t n;
    if (len == 0)
        return 0;
    if (p[0] < 0x80) {
        *cp = p[0];
        return 1;
    }
    if (p[0] >= 0xC2 && p[0] <= 0xDF) {
        n = 2;
        v = p[0] & 0x1Fu;
    } else if (p[0] >= 0xE0 && p[0] <= 0xEF) {
        n = 3;
        v = p[0] & 0x0Fu;
    } else if (p[0] >= 0xF0 && p[0] <= 0xF4) {
        n = 4;
        v = p[0] & 0x07u;
    } else {
        return 0; /* continuation byte, overlong lead (C0, C1) or past U+10FFFF (F5..FF) */
    }
    if (len < n)
        return 0;
    for (size_t i = 1; i < n; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (p[i] & 0x3Fu);
    }
    if ((n == 3 && v < 0x800) || (n == 4 && v < 0x10000) || v > 0x10FFFF ||
        (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return n;
}

size_t asldot_utf8_check(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        unsigned long cp;
        size_t n;
        if (p[i] < 0x80) {
            i++;
            continue;
        }
        n = asldot_utf8_decode(s + i, len - i, &cp);
        if (n == 0)
            return i; /* the lead byte of the bad sequence (or the stray byte itself) */
        i += n;
    }
    return len;
}

void asldot_textpos_init(asldot_textpos *t, const char *data, size_t len, int yaml_breaks)
{
    t->data = data;
    t->len = len;
    t->off = 0;
    t->line = 1;
    t->column = 1;
    t->yaml_breaks = yaml_breaks;
}

void asldot_textpos_seek(asldot_textpos *t, size_t off)
{
    const unsigned char *d = (const unsigned char *)t->data;
    size_t p, len = t->len;
    unsigned line, col;
    if (off > len)
        off = len;
    if (off < t->off)
        asldot_textpos_init(t, t->data, t->len, t->yaml_breaks);
    p = t->off;
    line = t->line;
    col = t->column;
    while (p < off) {
        unsigned char c = d[p];
        if (c == '\n') {
            line++;
            col = 1;
            p++;
        } else if (c == '\r') {
            if (p + 1 < len && d[p + 1] == '\n') {
                col++; /* the "\n" that follows ends the line */
            } else {
                line++;
                col = 1;
            }
            p++;
        } else if (t->yaml_breaks && c == 0xC2 && p + 2 <= off && d[p + 1] == 0x85) {
            line++;
            col = 1;
            p += 2;
        } else if (t->yaml_breaks && c == 0xE2 && p + 3 <= off && d[p + 1] == 0x80 &&
                   (d[p + 2] == 0xA8 || d[p + 2] == 0xA9)) {
            line++;
            col = 1;
            p += 3;
        } else {
            if ((c & 0xC0) != 0x80)
                col++;
            p++;
        }
    }
    t->off = p;
    t->line = line;
    t->column = col;
}

void asldot_text_line_at(const char *data, size_t len, size_t off, size_t *start, size_t *n)
{
    size_t i, j;
    if (off > len)
        off = len;
    i = off;
    while (i > 0 && data[i - 1] != '\n' && data[i - 1] != '\r')
        i--;
    j = off;
    while (j < len && data[j] != '\n' && data[j] != '\r')
        j++;
    *start = i;
    *n = j - i;
}

int asldot_text_line_number(const char *data, size_t len, unsigned line, int yaml_breaks,
                            size_t *start, size_t *n)
{
    const unsigned char *d = (const unsigned char *)data;
    unsigned cur = 1;
    size_t p = 0, s = 0;
    *start = 0;
    *n = 0;
    if (line == 0)
        return 0;
    while (cur < line) {
        size_t brk = 0;
        if (p >= len)
            return 0;
        if (d[p] == '\n')
            brk = 1;
        else if (d[p] == '\r')
            brk = p + 1 < len && d[p + 1] == '\n' ? 2 : 1;
        else if (yaml_breaks && d[p] == 0xC2 && p + 1 < len && d[p + 1] == 0x85)
            brk = 2;
        else if (yaml_breaks && d[p] == 0xE2 && p + 2 < len && d[p + 1] == 0x80 &&
                 (d[p + 2] == 0xA8 || d[p + 2] == 0xA9))
            brk = 3;
        if (brk) {
            p += brk;
            s = p;
            cur++;
        } else {
            p++;
        }
    }
    p = s;
    while (p < len && d[p] != '\n' && d[p] != '\r') {
        if (yaml_breaks && d[p] == 0xC2 && p + 1 < len && d[p + 1] == 0x85)
            break;
        if (yaml_breaks && d[p] == 0xE2 && p + 2 < len && d[p + 1] == 0x80 &&
            (d[p + 2] == 0xA8 || d[p + 2] == 0xA9))
            break;
        p++;
    }
    *start = s;
    *n = p - s;
    return 1;
}

/* Builds a printable excerpt: invalid UTF-8 and control characters (but tab) become '?', and
 * the line is cut EXCERPT_TAIL characters after the column. */
static asldot_status build_excerpt(asldot_buf *b, const char *s, size_t n, unsigned column)
{
    size_t i = 0;
    unsigned chars = 0;
    asldot_status st = ASLDOT_OK;
    while (i < n && st == ASLDOT_OK) {
        unsigned long cp;
        size_t k = asldot_utf8_decode(s + i, n - i, &cp);
        if (chars >= column + EXCERPT_TAIL) {
            st = asldot_buf_puts(b, "...");
            break;
        }
        if (k == 0) {
            st = asldot_buf_putc(b, '?');
            i++;
        } else if ((cp < 0x20 && cp != '\t') || cp == 0x7F || (cp >= 0x80 && cp < 0xA0)) {
            st = asldot_buf_putc(b, '?');
            i += k;
        } else {
            st = asldot_buf_put(b, s + i, k);
            i += k;
        }
        chars++;
    }
    if (st == ASLDOT_OK && b->data == NULL)
        st = asldot_buf_put(b, "", 0);
    return st;
}

static asldot_status text_diagv(asldot_diagnostics *d, asldot_severity sev, const char *code,
                                const char *data, size_t line_start, size_t line_len, unsigned line,
                                unsigned column, const char *fmt, va_list ap) ASLDOT_PRINTF(9, 0);

static asldot_status text_diagv(asldot_diagnostics *d, asldot_severity sev, const char *code,
                                const char *data, size_t line_start, size_t line_len, unsigned line,
                                unsigned column, const char *fmt, va_list ap)
{
    asldot_buf ex = ASLDOT_BUF_INIT;
    asldot_status st;
    if (d == NULL)
        return ASLDOT_OK;
    if (data != NULL && column > 0 && column <= EXCERPT_MAX_COLUMN) {
        st = build_excerpt(&ex, data + line_start, line_len, column);
        if (st != ASLDOT_OK) {
            asldot_buf_free(&ex);
            return st;
        }
    }
    st = asldot_diag_addv(d, sev, code, "", line, column, ex.data, ex.len, fmt, ap);
    asldot_buf_free(&ex);
    return st;
}

asldot_status asldot_text_diag(asldot_diagnostics *d, asldot_severity sev, const char *code,
                               const char *data, size_t line_start, size_t line_len, unsigned line,
                               unsigned column, const char *fmt, ...)
{
    va_list ap;
    asldot_status st;
    va_start(ap, fmt);
    st = text_diagv(d, sev, code, data, line_start, line_len, line, column, fmt, ap);
    va_end(ap);
    return st;
}

asldot_status asldot_text_diag_at(asldot_diagnostics *d, asldot_severity sev, const char *code,
                                  const char *data, size_t len, size_t off, const char *fmt, ...)
{
    va_list ap;
    asldot_status st;
    asldot_textpos t;
    size_t start, n;
    if (d == NULL)
        return ASLDOT_OK;
    asldot_textpos_init(&t, data, len, 0);
    asldot_textpos_seek(&t, off);
    asldot_text_line_at(data, len, off, &start, &n);
    va_start(ap, fmt);
    st = text_diagv(d, sev, code, data, start, n, t.line, t.column, fmt, ap);
    va_end(ap);
    return st;
}

asldot_status asldot_text_quote(asldot_buf *out, const char *s, size_t n, size_t max)
{
    size_t i = 0, chars = 0;
    asldot_status st = ASLDOT_OK;
    while (i < n && st == ASLDOT_OK) {
        unsigned char c = (unsigned char)s[i];
        if (chars >= max && (c & 0xC0) != 0x80) {
            st = asldot_buf_puts(out, "...");
            break;
        }
        if (c == '"' || c == '\\') {
            char e[2] = {'\\', (char)c};
            st = asldot_buf_put(out, e, 2);
        } else if (c == '\n') {
            st = asldot_buf_puts(out, "\\n");
        } else if (c == '\t') {
            st = asldot_buf_puts(out, "\\t");
        } else if (c < 0x20 || c == 0x7F) {
            st = asldot_buf_printf(out, "\\u%04x", c);
        } else {
            st = asldot_buf_putc(out, (char)c);
        }
        if ((c & 0xC0) != 0x80)
            chars++;
        i++;
    }
    if (st == ASLDOT_OK && out->data == NULL)
        st = asldot_buf_put(out, "", 0);
    return st;
}
