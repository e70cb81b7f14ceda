/*
 * state_json.c: a state's own definition as the viewer's details panel shows it (-T html): its
 * object from the document as compact JSON, member order kept, with what the diagram draws
 * inside it summarised: a Parallel branch's or a Map processor's "States" becomes the string
 * "N states, drawn inside", so every state's text holds only its own fields and the whole is no
 * bigger than the definition. Bounded: nesting past ASLDOT_STATE_JSON_DEPTH is written as "…"
 * and the text stops growing after ASLDOT_STATE_JSON_MAX bytes (it then ends in "…" and is no
 * longer JSON; the viewer shows such a text as it is).
 */
#include "describe.h"

#include <string.h>

#define ASLDOT_STATE_JSON_DEPTH 32
#define ASLDOT_STATE_JSON_MAX   ((size_t)64 * 1024)

static void put_string(asldot_buf *b, const char *s, size_t len)
{
    (void)asldot_buf_putc(b, '"');
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\') {
            (void)asldot_buf_putc(b, '\\');
            (void)asldot_buf_putc(b, (char)c);
        } else if (c == '\n') {
            (void)asldot_buf_puts(b, "\\n");
        } else if (c == '\t') {
            (void)asldot_buf_puts(b, "\\t");
        } else if (c < 0x20) {
            (void)asldot_buf_printf(b, "\\u%04x", c);
        } else {
            (void)asldot_buf_putc(b, (char)c);
        }
    }
    (void)asldot_buf_putc(b, '"');
}

static int key_is(const asldot_doc_node *n, const char *k)
{
    return n->key != NULL && n->key_len == strlen(k) && memcmp(n->key, k, n->key_len) == 0;
}

/* A scope the diagram draws inside its container: an item of Branches, or Iterator /
 * ItemProcessor, directly under the state object. */
static int drawn_scope(const asldot_doc_node *n, const asldot_doc_node *state)
{
    const asldot_doc_node *p = n->parent;
    if (n->kind != ASLDOT_DOC_OBJECT || p == NULL)
        return 0;
    if (p == state)
        return key_is(n, "Iterator") || key_is(n, "ItemProcessor");
    return p->kind == ASLDOT_DOC_ARRAY && p->parent == state && key_is(p, "Branches");
}

static void put_value(asldot_buf *b, const asldot_doc_node *n, const asldot_doc_node *state,
                      unsigned depth)
{
    if (b->len > ASLDOT_STATE_JSON_MAX)
        return;
    switch (n->kind) {
    case ASLDOT_DOC_NULL:
        (void)asldot_buf_puts(b, "null");
        break;
    case ASLDOT_DOC_BOOL:
        (void)asldot_buf_puts(b, n->boolean ? "true" : "false");
        break;
    case ASLDOT_DOC_NUMBER: {
        char num[40];
        size_t len = 0;
        const char *text = asldot_doc_number_json(n, num, sizeof num, &len);
        if (text != NULL)
            (void)asldot_buf_put(b, text, len);
        else /* .inf, .nan: kept as the text they were written as */
            put_string(b, n->str ? n->str : "", n->str ? n->str_len : 0);
        break;
    }
    case ASLDOT_DOC_STRING:
        put_string(b, n->str ? n->str : "", n->str ? n->str_len : 0);
        break;
    case ASLDOT_DOC_ARRAY:
    case ASLDOT_DOC_OBJECT: {
        int obj = n->kind == ASLDOT_DOC_OBJECT, scope = drawn_scope(n, state);
        if (depth >= ASLDOT_STATE_JSON_DEPTH) {
            put_string(b, "\xE2\x80\xA6", 3);
            break;
        }
        (void)asldot_buf_putc(b, obj ? '{' : '[');
        for (size_t i = 0; i < n->count && b->len <= ASLDOT_STATE_JSON_MAX; i++) {
            const asldot_doc_node *m = n->items[i];
            if (i > 0)
                (void)asldot_buf_putc(b, ',');
            if (obj) {
                put_string(b, m->key ? m->key : "", m->key ? m->key_len : 0);
                (void)asldot_buf_putc(b, ':');
            }
            if (scope && obj && key_is(m, "States") && m->kind == ASLDOT_DOC_OBJECT)
                (void)asldot_buf_printf(b, "\"%zu state%s, drawn inside\"", m->count,
                                        m->count == 1 ? "" : "s");
            else
                put_value(b, m, state, depth + 1);
        }
        (void)asldot_buf_putc(b, obj ? '}' : ']');
        break;
    }
    }
}

asldot_status asldot_describe_definition(asldot_buf *out, const asldot_state *s)
{
    if (out == NULL || s == NULL)
        return ASLDOT_ERR_ARGS;
    if (s->node == NULL)
        return ASLDOT_OK;
    put_value(out, s->node, s->node, 0);
    if (out->len > ASLDOT_STATE_JSON_MAX)
        (void)asldot_buf_puts(out, "\xE2\x80\xA6");
    return asldot_buf_status(out);
}
