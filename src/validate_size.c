/*
 * validate_size.c: the one quota a definition can break by itself. Step Functions refuses a
 * definition larger than 1 MB (a hard quota: CreateStateMachine's definition is at most
 * 1 048 576 bytes). The size is taken as the definition's minified JSON, the least any deploying
 * tool can send, so the warning never fires on a file that would fit once minified. A placeholder
 * counts as its text: what replaces it at deploy time is unknown.
 */
#include "validate.h"

#include <stdint.h>
#include <string.h>

#define ASLDOT_AWS_DEFINITION_MAX 1048576u

/* Bytes of s as a JSON string, quotes included (UTF-8 passes through unescaped). */
static size_t json_string_size(const char *s, size_t n)
{
    size_t size = 2;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch == '"' || ch == '\\' || ch == '\b' || ch == '\f' || ch == '\n' || ch == '\r' ||
            ch == '\t')
            size += 2;
        else if (ch < 0x20)
            size += 6; /* \u00XX */
        else
            size += 1;
    }
    return size;
}

typedef struct size_walk {
    size_t bytes;
    const asldot_doc_node *root; /* the definition (in a template, a member of something) */
} size_walk;

static void add_node(void *ctx, asldot_doc_node *n)
{
    size_walk *w = ctx;
    if (n != w->root && n->index > 0)
        w->bytes += 1; /* the comma before it */
    if (n != w->root && n->key != NULL)
        w->bytes += json_string_size(n->key, n->key_len) + 1; /* "key": */
    switch (n->kind) {
    case ASLDOT_DOC_NULL:
        w->bytes += 4;
        break;
    case ASLDOT_DOC_BOOL:
        w->bytes += n->boolean ? 4 : 5;
        break;
    case ASLDOT_DOC_NUMBER: {
        char num[40];
        size_t len = 0;
        const char *text = asldot_doc_number_json(n, num, sizeof num, &len);
        w->bytes += text != NULL ? len : (n->str != NULL ? n->str_len : 0) + 2;
        break;
    }
    case ASLDOT_DOC_STRING:
        w->bytes += json_string_size(n->str, n->str_len);
        break;
    case ASLDOT_DOC_ARRAY:
    case ASLDOT_DOC_OBJECT:
        w->bytes += 2;
        break;
    }
}

void asldot_validate_size(asldot_vctx *c, const asldot_doc_node *root)
{
    size_walk w = {0, root};
    /* the walk only reads: its callback takes a mutable node for the walkers that relocate */
    asldot_status st = asldot_doc_walk((asldot_doc_node *)(uintptr_t)root, add_node, &w);
    if (st != ASLDOT_OK) {
        c->status = st;
        return;
    }
    if (w.bytes > ASLDOT_AWS_DEFINITION_MAX)
        asldot_vreport(c, ASLDOT_SEV_WARNING, "definition-too-large", root, 0,
                       "the definition is %zu bytes even as minified JSON; Step Functions refuses "
                       "definitions over 1 MB (%u bytes), so this machine cannot be deployed",
                       w.bytes, ASLDOT_AWS_DEFINITION_MAX);
}
