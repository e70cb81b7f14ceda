/*
 * diff_write.c: reports of diffs. JSON for tools:
 *   {"machines": [{"id", "added", "removed", "changed": [{"state", "fields"}],
 *                  "renamed": [{"from", "to"}], "edges_added": [[from, to, kind]],
 *                  "edges_removed": [...], "top_level_fields_changed": [...]}]}
 * and Markdown for a pull-request comment: one summary line per machine, then the lists, then the
 * diagram (a fenced mermaid block, an image link, or a line saying why neither). Every
 * name from the definitions is escaped: JSON string escapes; in Markdown a code span whose fence
 * is longer than any run of backticks inside, control characters written as \n-style escapes, so
 * a name can neither end the span nor start a line of its own; image links are percent-encoded.
 */
#include "diff.h"
#include "alloc.h"
#include "buf.h"
#include "diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* A writer that stays failed after the first allocation failure: one check at the end. */
typedef struct dw {
    asldot_buf buf;
    asldot_status st;
} dw;

static void w_puts(dw *w, const char *s)
{
    if (w->st == ASLDOT_OK)
        w->st = asldot_buf_puts(&w->buf, s);
}

static void w_putc(dw *w, char c)
{
    if (w->st == ASLDOT_OK)
        w->st = asldot_buf_putc(&w->buf, c);
}

/* Short formatted pieces only (numbers, escapes, fixed words): names go through w_json/md_*. */
static void w_fmt(dw *w, const char *fmt, ...) ASLDOT_PRINTF(2, 3);
static void w_fmt(dw *w, const char *fmt, ...)
{
    char piece[160];
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = vsnprintf(piece, sizeof piece, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof piece)
        w->st = w->st == ASLDOT_OK ? ASLDOT_ERR_ARGS : w->st;
    else
        w_puts(w, piece);
}

static void w_json(dw *w, const char *s)
{
    if (w->st == ASLDOT_OK)
        w->st = asldot_json_put_string(&w->buf, s);
}

/* ---- JSON */

static void json_names(dw *b, const char *key, const char *const *v, size_t n)
{
    w_fmt(b, ", \"%s\": [", key);
    for (size_t i = 0; i < n; i++) {
        if (i)
            w_puts(b, ", ");
        w_json(b, v[i]);
    }
    w_putc(b, ']');
}

static void json_edges(dw *b, const char *key, const asldot_diff_edge *v, size_t n)
{
    w_fmt(b, ", \"%s\": [", key);
    for (size_t i = 0; i < n; i++) {
        w_puts(b, i ? ", [" : "[");
        w_json(b, v[i].from);
        w_puts(b, ", ");
        w_json(b, v[i].to);
        w_fmt(b, ", \"%s\"]", asldot_edge_kind_name(v[i].kind));
    }
    w_putc(b, ']');
}

static void json_machine(dw *b, const asldot_diff_item *it)
{
    const asldot_diff_summary *s = &it->diff->sum;
    w_puts(b, "{\"id\": ");
    w_json(b, it->id ? it->id : "-");
    json_names(b, "added", s->added, s->added_count);
    json_names(b, "removed", s->removed, s->removed_count);
    w_puts(b, ", \"changed\": [");
    for (size_t i = 0; i < s->changed_count; i++) {
        w_puts(b, i ? ", {\"state\": " : "{\"state\": ");
        w_json(b, s->changed[i].state);
        json_names(b, "fields", s->changed[i].fields, s->changed[i].field_count);
        w_putc(b, '}');
    }
    w_puts(b, "], \"renamed\": [");
    for (size_t i = 0; i < s->renamed_count; i++) {
        w_puts(b, i ? ", {\"from\": " : "{\"from\": ");
        w_json(b, s->renamed[i].from);
        w_puts(b, ", \"to\": ");
        w_json(b, s->renamed[i].to);
        w_putc(b, '}');
    }
    w_putc(b, ']');
    json_edges(b, "edges_added", s->edges_added, s->edges_added_count);
    json_edges(b, "edges_removed", s->edges_removed, s->edges_removed_count);
    json_names(b, "top_level_fields_changed", s->top_fields, s->top_field_count);
    w_putc(b, '}');
}

/* ---- Markdown */

static void md_code(dw *b, const char *s)
{
    size_t run = 0, longest = 0, n = strlen(s);
    int pad;
    for (const char *p = s; *p; p++) {
        run = *p == '`' ? run + 1 : 0;
        if (run > longest)
            longest = run;
    }
    pad = n == 0 || s[0] == '`' || s[n - 1] == '`' || s[0] == ' ' || s[n - 1] == ' ';
    for (size_t i = 0; i <= longest; i++)
        w_putc(b, '`');
    if (pad)
        w_putc(b, ' ');
    for (const char *p = s; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c == '\n')
            w_puts(b, "\\n");
        else if (c == '\r')
            w_puts(b, "\\r");
        else if (c == '\t')
            w_puts(b, "\\t");
        else if (c < 0x20 || c == 0x7f)
            w_fmt(b, "\\x%02x", c);
        else
            w_putc(b, (char)c);
    }
    if (pad)
        w_putc(b, ' ');
    for (size_t i = 0; i <= longest; i++)
        w_putc(b, '`');
}

/* Text outside code spans: Markdown and HTML punctuation backslash-escaped. */
static void md_text(dw *b, const char *s)
{
    for (const char *p = s; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c < 0x20 || c == 0x7f)
            w_putc(b, ' ');
        else if (strchr("\\`*_[]<>|&~!", c))
            w_fmt(b, "\\%c", c);
        else
            w_putc(b, (char)c);
    }
}

static void md_url(dw *b, const char *s)
{
    for (const char *p = s; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            strchr("._~/-", c))
            w_putc(b, (char)c);
        else
            w_fmt(b, "%%%02X", c);
    }
}

static void md_count(dw *b, int *first, size_t n, const char *what)
{
    if (n == 0)
        return;
    w_fmt(b, "%s%zu %s", *first ? "" : ", ", n, what);
    *first = 0;
}

static void md_names(dw *b, const char *title, const char *const *v, size_t n)
{
    if (n == 0)
        return;
    w_fmt(b, "- **%s:** ", title);
    for (size_t i = 0; i < n; i++) {
        if (i)
            w_puts(b, ", ");
        md_code(b, v[i]);
    }
    w_putc(b, '\n');
}

static void md_edges(dw *b, const char *title, const asldot_diff_edge *v, size_t n)
{
    if (n == 0)
        return;
    w_fmt(b, "- **%s:** ", title);
    for (size_t i = 0; i < n; i++) {
        if (i)
            w_puts(b, ", ");
        md_code(b, v[i].from);
        w_puts(b, " \xE2\x86\x92 ");
        md_code(b, v[i].to);
        w_fmt(b, " (%s)", asldot_edge_kind_name(v[i].kind));
    }
    w_putc(b, '\n');
}

/* A fenced mermaid block: the fence is longer than any run of backticks that starts a line of
 * the text (after up to three spaces), so no line of it can close the block early. */
static void md_mermaid(dw *b, const char *text)
{
    size_t longest = 2, n = strlen(text);
    for (const char *line = text; *line;) {
        /* a closing fence may be indented by up to three spaces */
        size_t indent = strspn(line, " ") > 3 ? 3 : strspn(line, " ");
        size_t run = strspn(line + indent, "`");
        const char *nl = strchr(line, '\n');
        longest = run > longest ? run : longest;
        if (nl == NULL)
            break;
        line = nl + 1;
    }
    w_putc(b, '\n');
    for (size_t i = 0; i <= longest; i++)
        w_putc(b, '`');
    w_puts(b, "mermaid\n");
    w_puts(b, text);
    if (n > 0 && text[n - 1] != '\n')
        w_putc(b, '\n');
    for (size_t i = 0; i <= longest; i++)
        w_putc(b, '`');
    w_putc(b, '\n');
}

static void md_machine(dw *b, const asldot_diff_item *it)
{
    const asldot_diff_summary *s = &it->diff->sum;
    int first = 1;
    w_puts(b, "**");
    md_text(b, it->id ? it->id : "-");
    w_puts(b, "**: ");
    md_count(b, &first, s->added_count, s->added_count == 1 ? "state added" : "states added");
    md_count(b, &first, s->removed_count, "removed");
    md_count(b, &first, s->renamed_count, "renamed");
    md_count(b, &first, s->changed_count, "changed");
    md_count(b, &first, s->edges_added_count,
             s->edges_added_count == 1 ? "transition added" : "transitions added");
    md_count(b, &first, s->edges_removed_count,
             s->edges_removed_count == 1 ? "transition removed" : "transitions removed");
    md_count(b, &first, s->top_field_count,
             s->top_field_count == 1 ? "machine field changed" : "machine fields changed");
    w_puts(b, first ? "no changes\n" : "\n");
    if (!first)
        w_putc(b, '\n');
    md_names(b, "Added", s->added, s->added_count);
    md_names(b, "Removed", s->removed, s->removed_count);
    if (s->renamed_count) {
        w_puts(b, "- **Renamed:** ");
        for (size_t i = 0; i < s->renamed_count; i++) {
            if (i)
                w_puts(b, ", ");
            md_code(b, s->renamed[i].from);
            w_puts(b, " \xE2\x86\x92 ");
            md_code(b, s->renamed[i].to);
        }
        w_putc(b, '\n');
    }
    if (s->changed_count) {
        w_puts(b, "- **Changed:** ");
        for (size_t i = 0; i < s->changed_count; i++) {
            const asldot_diff_change *c = &s->changed[i];
            if (i)
                w_puts(b, ", ");
            md_code(b, c->state);
            for (size_t f = 0; f < c->field_count; f++) {
                w_puts(b, f ? ", " : " (");
                md_text(b, c->fields[f]);
            }
            if (c->field_count)
                w_putc(b, ')');
        }
        w_putc(b, '\n');
    }
    md_edges(b, "Transitions added", s->edges_added, s->edges_added_count);
    md_edges(b, "Transitions removed", s->edges_removed, s->edges_removed_count);
    md_names(b, "Machine fields changed", s->top_fields, s->top_field_count);
    if (it->mermaid)
        md_mermaid(b, it->mermaid);
    if (it->image) {
        w_puts(b, "\n![diagram of ");
        md_text(b, it->id ? it->id : "-");
        w_puts(b, "](");
        md_url(b, it->image);
        w_puts(b, ")\n");
    }
    if (it->note) {
        w_puts(b, "\n_");
        md_text(b, it->note);
        w_puts(b, "_\n");
    }
}

asldot_status asldot_diff_write(char **out, size_t *out_len, const asldot_diff_item *items,
                                size_t n, asldot_diff_format fmt)
{
    dw b = {ASLDOT_BUF_INIT, ASLDOT_OK};
    if (out == NULL || out_len == NULL)
        return ASLDOT_ERR_ARGS;
    *out = NULL;
    *out_len = 0;
    if (items == NULL && n > 0)
        return ASLDOT_ERR_ARGS;
    for (size_t i = 0; i < n; i++)
        if (items[i].diff == NULL)
            return ASLDOT_ERR_ARGS;
    if (fmt == ASLDOT_DIFF_JSON) {
        w_puts(&b, "{\"machines\": [");
        for (size_t i = 0; i < n; i++) {
            if (i)
                w_puts(&b, ", ");
            json_machine(&b, &items[i]);
        }
        w_puts(&b, "]}\n");
    } else {
        w_puts(&b, "### asl-dot diff\n\n");
        for (size_t i = 0; i < n; i++) {
            if (i)
                w_putc(&b, '\n');
            md_machine(&b, &items[i]);
        }
    }
    if (b.st != ASLDOT_OK) {
        asldot_buf_free(&b.buf);
        return b.st;
    }
    *out = asldot_buf_detach(&b.buf, out_len);
    return *out ? ASLDOT_OK : ASLDOT_ERR_NOMEM;
}
