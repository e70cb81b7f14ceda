/* diag.c: the caller-owned diagnostics list and its three printers (text, JSON, GitHub). */
#include "diag.h"
#include "alloc.h"
#include "arena.h"
#include "buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct asldot_diagnostics {
    asldot_arena *arena; /* owns every string */
    asldot_diagnostic *items;
    size_t count, cap;
    const char *machine; /* stamped on every diagnostic added (arena copy), or NULL */
};

asldot_status asldot_diagnostics_new(asldot_diagnostics **out)
{
    asldot_diagnostics *d;
    if (out == NULL)
        return ASLDOT_ERR_ARGS;
    *out = NULL;
    d = asldot_calloc(1, sizeof *d);
    if (d == NULL)
        return ASLDOT_ERR_NOMEM;
    d->arena = asldot_arena_new();
    if (d->arena == NULL) {
        asldot_free(d);
        return ASLDOT_ERR_NOMEM;
    }
    *out = d;
    return ASLDOT_OK;
}

void asldot_diagnostics_free(asldot_diagnostics *d)
{
    if (d == NULL)
        return;
    asldot_arena_free(d->arena);
    asldot_free(d->items);
    asldot_free(d);
}

size_t asldot_diagnostics_count(const asldot_diagnostics *d)
{
    return d ? d->count : 0;
}

static size_t count_severity(const asldot_diagnostics *d, asldot_severity sev)
{
    size_t n = 0;
    for (size_t i = 0; d && i < d->count; i++)
        n += d->items[i].severity == sev;
    return n;
}

size_t asldot_diagnostics_error_count(const asldot_diagnostics *d)
{
    return count_severity(d, ASLDOT_SEV_ERROR);
}

size_t asldot_diagnostics_warning_count(const asldot_diagnostics *d)
{
    return count_severity(d, ASLDOT_SEV_WARNING);
}

const asldot_diagnostic *asldot_diagnostics_get(const asldot_diagnostics *d, size_t i)
{
    return d && i < d->count ? &d->items[i] : NULL;
}

void asldot_diagnostics_clear(asldot_diagnostics *d)
{
    asldot_arena *fresh;
    if (d == NULL)
        return;
    d->count = 0;
    fresh = asldot_arena_new();
    if (fresh != NULL) {
        asldot_arena_free(d->arena);
        d->arena = fresh;
    } /* else keep the old arena: strings leak into it until free, never dangle */
}

static int diag_cmp(const asldot_diagnostic *a, const asldot_diagnostic *b)
{
    /* unknown positions (0) sort first: they concern the whole document */
    if (a->line != b->line)
        return a->line < b->line ? -1 : 1;
    if (a->column != b->column)
        return a->column < b->column ? -1 : 1;
    return 0;
}

void asldot_diagnostics_sort(asldot_diagnostics *d)
{
    /* insertion sort: stable, and lists are short */
    if (d == NULL)
        return;
    for (size_t i = 1; i < d->count; i++) {
        asldot_diagnostic x = d->items[i];
        size_t j = i;
        while (j > 0 && diag_cmp(&d->items[j - 1], &x) > 0) {
            d->items[j] = d->items[j - 1];
            j--;
        }
        d->items[j] = x;
    }
}

asldot_status asldot_diag_addv(asldot_diagnostics *d, asldot_severity sev, const char *code,
                               const char *pointer, unsigned line, unsigned column,
                               const char *excerpt, size_t excerpt_len, const char *fmt, va_list ap)
{
    asldot_diagnostic *it;
    char *msg;
    va_list ap2;
    int n;
    if (d == NULL)
        return ASLDOT_OK;
    if (d->count == d->cap) {
        asldot_diagnostic *items = asldot_grow(d->items, &d->cap, d->count, sizeof *items, 16);
        if (items == NULL)
            return ASLDOT_ERR_NOMEM;
        d->items = items;
    }
    va_copy(ap2, ap);
    n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        return ASLDOT_ERR_ARGS;
    msg = asldot_arena_alloc(d->arena, (size_t)n + 1);
    if (msg == NULL)
        return ASLDOT_ERR_NOMEM;
    vsnprintf(msg, (size_t)n + 1, fmt, ap);
    it = &d->items[d->count];
    memset(it, 0, sizeof *it);
    it->severity = sev;
    it->code = asldot_arena_strdup(d->arena, code ? code : "error");
    it->pointer = asldot_arena_strdup(d->arena, pointer ? pointer : "");
    it->message = msg;
    it->machine = d->machine;
    it->line = line;
    it->column = column;
    if (excerpt != NULL) {
        it->excerpt = asldot_arena_strndup(d->arena, excerpt, excerpt_len);
        if (it->excerpt == NULL)
            return ASLDOT_ERR_NOMEM;
    }
    if (it->code == NULL || it->pointer == NULL)
        return ASLDOT_ERR_NOMEM;
    d->count++;
    return ASLDOT_OK;
}

void asldot_diag_relocate(asldot_diagnostics *d, size_t from, asldot_diag_mapper map, void *ctx)
{
    for (size_t i = from; d != NULL && i < d->count; i++) {
        asldot_diagnostic *it = &d->items[i];
        unsigned line = it->line, column = it->column;
        if (line == 0)
            continue;
        map(ctx, &line, &column);
        if (line != it->line || column != it->column)
            it->excerpt = NULL;
        it->line = line;
        it->column = column;
    }
}

asldot_status asldot_diagnostics_set_machine(asldot_diagnostics *d, const char *id)
{
    if (d == NULL)
        return ASLDOT_OK;
    if (id == NULL) {
        d->machine = NULL;
        return ASLDOT_OK;
    }
    if (d->machine != NULL && strcmp(d->machine, id) == 0)
        return ASLDOT_OK;
    d->machine = asldot_arena_strdup(d->arena, id);
    return d->machine != NULL ? ASLDOT_OK : ASLDOT_ERR_NOMEM;
}

asldot_status asldot_diag_add(asldot_diagnostics *d, asldot_severity sev, const char *code,
                              const char *pointer, unsigned line, unsigned column, const char *fmt,
                              ...)
{
    va_list ap;
    asldot_status st;
    va_start(ap, fmt);
    st = asldot_diag_addv(d, sev, code, pointer, line, column, NULL, 0, fmt, ap);
    va_end(ap);
    return st;
}

asldot_status asldot_diag_add_excerpt(asldot_diagnostics *d, asldot_severity sev, const char *code,
                                      unsigned line, unsigned column, const char *excerpt,
                                      size_t excerpt_len, const char *fmt, ...)
{
    va_list ap;
    asldot_status st;
    va_start(ap, fmt);
    st = asldot_diag_addv(d, sev, code, "", line, column, excerpt, excerpt_len, fmt, ap);
    va_end(ap);
    return st;
}

static const char *severity_name(asldot_severity s)
{
    switch (s) {
    case ASLDOT_SEV_ERROR:
        return "error";
    case ASLDOT_SEV_WARNING:
        return "warning";
    default:
        return "note";
    }
}

asldot_status asldot_json_put_string(asldot_buf *b, const char *s)
{
    asldot_status st = asldot_buf_putc(b, '"');
    for (; *s && st == ASLDOT_OK; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            st = asldot_buf_printf(b, "\\%c", c);
        else if (c == '\n')
            st = asldot_buf_puts(b, "\\n");
        else if (c == '\t')
            st = asldot_buf_puts(b, "\\t");
        else if (c < 0x20 || c == 0x7f)
            st = asldot_buf_printf(b, "\\u%04x", c);
        else
            st = asldot_buf_putc(b, (char)c);
    }
    return st == ASLDOT_OK ? asldot_buf_putc(b, '"') : st;
}

/* GitHub workflow commands: data escapes %, CR, LF; properties also ':' and ','. */
static void put_github(asldot_buf *b, const char *s, int property)
{
    for (; *s; s++) {
        switch (*s) {
        case '%':
            asldot_buf_puts(b, "%25");
            break;
        case '\r':
            asldot_buf_puts(b, "%0D");
            break;
        case '\n':
            asldot_buf_puts(b, "%0A");
            break;
        case ':':
            asldot_buf_puts(b, property ? "%3A" : ":");
            break;
        case ',':
            asldot_buf_puts(b, property ? "%2C" : ",");
            break;
        default:
            asldot_buf_putc(b, *s);
        }
    }
}

/* Text output is one line per diagnostic: control characters in messages and pointers (a state
 * name may hold a newline or a terminal escape) are written as C-style escapes. */
static void put_text(asldot_buf *b, const char *s)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '\n')
            asldot_buf_puts(b, "\\n");
        else if (c == '\t')
            asldot_buf_puts(b, "\\t");
        else if (c < 0x20 || c == 0x7f)
            asldot_buf_printf(b, "\\x%02x", c);
        else
            asldot_buf_putc(b, (char)c);
    }
}

/* Prints the excerpt and a caret under column (1-based, in characters); tabs are kept so the
 * caret lines up in a terminal. */
static void put_excerpt(asldot_buf *b, const char *line, unsigned column)
{
    const unsigned char *p = (const unsigned char *)line;
    unsigned col = 1;
    asldot_buf_puts(b, "    ");
    for (const char *q = line; *q; q++) {
        unsigned char c = (unsigned char)*q;
        /* tabs stay so the caret lines up; other controls (binary input) never reach the terminal
         */
        asldot_buf_putc(b, (c < 0x20 && c != '\t') || c == 0x7f ? ' ' : (char)c);
    }
    asldot_buf_puts(b, "\n    ");
    for (; *p && col < column; p++) {
        if ((*p & 0xC0) == 0x80)
            continue; /* continuation byte: same character */
        asldot_buf_putc(b, *p == '\t' ? '\t' : ' ');
        col++;
    }
    asldot_buf_puts(b, "^\n");
}

static void format_one(asldot_buf *b, const asldot_diagnostic *it, const char *file,
                       asldot_diag_format fmt, size_t index)
{
    switch (fmt) {
    case ASLDOT_DIAG_JSON:
        asldot_buf_puts(b, index ? ",\n  {\"file\": " : "  {\"file\": ");
        asldot_json_put_string(b, file);
        asldot_buf_printf(b, ", \"line\": %u, \"column\": %u, \"severity\": \"%s\", \"code\": ",
                          it->line, it->column, severity_name(it->severity));
        asldot_json_put_string(b, it->code);
        asldot_buf_puts(b, ", \"message\": ");
        asldot_json_put_string(b, it->message);
        asldot_buf_puts(b, ", \"pointer\": ");
        asldot_json_put_string(b, it->pointer);
        if (it->machine != NULL) {
            asldot_buf_puts(b, ", \"machine\": ");
            asldot_json_put_string(b, it->machine);
        }
        asldot_buf_puts(b, "}");
        break;
    case ASLDOT_DIAG_GITHUB:
        asldot_buf_printf(b, "::%s file=",
                          it->severity == ASLDOT_SEV_ERROR     ? "error"
                          : it->severity == ASLDOT_SEV_WARNING ? "warning"
                                                               : "notice");
        put_github(b, file, 1);
        if (it->line)
            asldot_buf_printf(b, ",line=%u,col=%u", it->line, it->column ? it->column : 1);
        asldot_buf_puts(b, ",title=");
        put_github(b, it->code, 1);
        asldot_buf_puts(b, "::");
        put_github(b, it->message, 0);
        if (it->pointer[0] || it->machine) {
            asldot_buf_puts(b, " (");
            if (it->machine) {
                asldot_buf_puts(b, "machine ");
                put_github(b, it->machine, 0);
                asldot_buf_puts(b, it->pointer[0] ? ", " : "");
            }
            if (it->pointer[0]) {
                asldot_buf_puts(b, "at ");
                put_github(b, it->pointer, 0);
            }
            asldot_buf_puts(b, ")");
        }
        asldot_buf_putc(b, '\n');
        break;
    default:
        put_text(b, file);
        if (it->line)
            asldot_buf_printf(b, ":%u:%u", it->line, it->column ? it->column : 1);
        asldot_buf_printf(b, ": %s: ", severity_name(it->severity));
        put_text(b, it->message);
        asldot_buf_printf(b, " [%s]", it->code);
        if (it->pointer[0] || it->machine) {
            asldot_buf_puts(b, " (");
            if (it->machine) {
                asldot_buf_puts(b, "machine ");
                put_text(b, it->machine);
                asldot_buf_puts(b, it->pointer[0] ? ", " : "");
            }
            if (it->pointer[0]) {
                asldot_buf_puts(b, "at ");
                put_text(b, it->pointer);
            }
            asldot_buf_putc(b, ')');
        }
        asldot_buf_putc(b, '\n');
        if (it->excerpt)
            put_excerpt(b, it->excerpt, it->column);
        break;
    }
}

asldot_status asldot_diagnostics_write(FILE *f, const asldot_diagnostics *d, const char *file,
                                       asldot_diag_format fmt, size_t *written)
{
    asldot_buf b = ASLDOT_BUF_INIT;
    size_t n = written ? *written : 0;
    asldot_status st = ASLDOT_OK;
    if (f == NULL)
        return ASLDOT_ERR_ARGS;
    if (file == NULL)
        file = "-";
    for (size_t i = 0; d && i < d->count; i++)
        format_one(&b, &d->items[i], file, fmt, n++);
    /* the buffer stays failed after an allocation failure: nothing half-formatted is written */
    st = asldot_buf_status(&b);
    if (st == ASLDOT_OK && b.len && fwrite(b.data, 1, b.len, f) != b.len)
        st = ASLDOT_ERR_IO;
    if (written && st == ASLDOT_OK) /* what was not written does not count */
        *written = n;
    asldot_buf_free(&b);
    return st;
}
