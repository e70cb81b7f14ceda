/*
 * source_unfilled.c: with ASLDOT_OPT_NOTE_PLACEHOLDERS, the source stage notes every ${KEY}
 * left in a loaded definition that nothing will fill: no substitution of the file's own
 * (DefinitionSubstitutions, Fn::Sub's map, templatefile()'s variables) nor the caller's
 * (--substitute, --substitutions), and not something the deploying tool resolves:
 *   - a CloudFormation pseudo parameter or intrinsic ("AWS::Region", "Fn::..."), a Serverless
 *     variable ("self:...", "file(...)") or any other expression (":", "(", "[", spaces);
 *   - CloudFormation, SAM, CDK, Serverless: a template parameter or resource ("Fn", "Fn.Arn");
 *   - Terraform: a reference ("var.x", "aws_lambda_function.f.arn").
 * A ${KEY} inside a substituted intrinsic's text (a !Sub value of DefinitionSubstitutions) is the
 * deploying tool's too. One note per key and machine, at its first use in the file, saying how many
 * uses there are.
 */
#include "source.h"

#include "alloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct use {
    const char *key; /* into the node's string */
    size_t len;
    const asldot_doc_node *node;
    size_t uses; /* after grouping: how many uses the key has */
} use;

typedef struct collector {
    const asldot_source *s;
    const asldot_source_entry *e;
    use *uses;
    size_t count, cap;
    asldot_status status;
} collector;

/* A substitution for key, or one whose value is an intrinsic's text using ${key} (the deploying
 * tool resolves what it inserted, e.g. ${ServerlessRestApi} from a !Sub value). */
static int has_subst(const asldot_subst *subs, size_t n, const char *key, size_t len)
{
    for (size_t i = 0; i < n; i++) {
        const char *v = subs[i].value;
        if (strlen(subs[i].key) == len && memcmp(subs[i].key, key, len) == 0)
            return 1;
        while (subs[i].placeholder && v != NULL && (v = strstr(v, "${")) != NULL) {
            v += 2;
            if (strncmp(v, key, len) == 0 && v[len] == '}')
                return 1;
        }
    }
    return 0;
}

static int is_expression(const char *key, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (strchr(":([ \t'\"", key[i]) != NULL)
            return 1;
    return 0;
}

/* A member of obj (a mapping) named key[0, len). */
static int names_member(const asldot_doc_node *obj, const char *key, size_t len)
{
    if (obj == NULL || obj->kind != ASLDOT_DOC_OBJECT)
        return 0;
    for (size_t i = 0; i < obj->count; i++)
        if (obj->items[i]->key_len == len && memcmp(obj->items[i]->key, key, len) == 0)
            return 1;
    return 0;
}

/* A parameter or resource of the template (or the serverless.yml's functions). */
static int names_template_item(const asldot_source *s, const char *key, size_t len)
{
    const asldot_doc_node *root = s->doc != NULL ? s->doc->root : NULL;
    const char *dot = memchr(key, '.', len);
    if (root == NULL)
        return 0;
    if (dot != NULL)
        len = (size_t)(dot - key);
    return names_member(asldot_doc_get(root, "Resources"), key, len) ||
           names_member(asldot_doc_get(root, "Parameters"), key, len) ||
           names_member(asldot_doc_get(asldot_doc_get(root, "resources"), "Resources"), key, len) ||
           names_member(asldot_doc_get(root, "functions"), key, len);
}

static int filled(const collector *c, const char *key, size_t len)
{
    asldot_source_kind k = c->s->kind;
    if (len == 0 || key[0] == '!' || is_expression(key, len))
        return 1;
    if (has_subst(c->e->subs, c->e->sub_count, key, len) ||
        has_subst(c->s->user_subs, c->s->user_sub_count, key, len))
        return 1;
    if (k == ASLDOT_SOURCE_TERRAFORM || k == ASLDOT_SOURCE_TERRAFORM_JSON)
        return memchr(key, '.', len) != NULL;
    if (k == ASLDOT_SOURCE_CLOUDFORMATION || k == ASLDOT_SOURCE_SERVERLESS)
        return names_template_item(c->s, key, len);
    return 0;
}

static void add_use(collector *c, const char *key, size_t len, const asldot_doc_node *n)
{
    if (c->count == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 16;
        use *grown = asldot_realloc_array(c->uses, cap, sizeof *grown);
        if (grown == NULL) {
            c->status = ASLDOT_ERR_NOMEM;
            return;
        }
        c->uses = grown;
        c->cap = cap;
    }
    c->uses[c->count].key = key;
    c->uses[c->count].len = len;
    c->uses[c->count].node = n;
    c->uses[c->count].uses = 1;
    c->count++;
}

static void visit(void *ctx, asldot_doc_node *n)
{
    collector *c = ctx;
    const char *d = n->str;
    size_t len = n->str_len;
    if (n->kind != ASLDOT_DOC_STRING || d == NULL || c->status != ASLDOT_OK)
        return;
    for (size_t i = 0; i + 1 < len; i++) {
        size_t j;
        if (d[i] != '$' || d[i + 1] != '{')
            continue;
        for (j = i + 2; j < len && d[j] != '}' && d[j] != '{'; j++)
            ;
        if (j >= len || d[j] != '}')
            continue;
        if (!filled(c, d + i + 2, j - i - 2))
            add_use(c, d + i + 2, j - i - 2, n);
        i = j;
    }
}

/* By key, then by position in the file (the walk's order breaks ties). */
static int by_key(const void *a, const void *b)
{
    const use *x = a, *y = b;
    size_t n = x->len < y->len ? x->len : y->len;
    int r = memcmp(x->key, y->key, n);
    if (r != 0)
        return r;
    if (x->len != y->len)
        return x->len < y->len ? -1 : 1;
    if (x->node->line != y->node->line)
        return x->node->line < y->node->line ? -1 : 1;
    if (x->node->column != y->node->column)
        return x->node->column < y->node->column ? -1 : 1;
    return x < y ? -1 : x > y;
}

/* By the position of the first use, for the order the notes are given in. */
static int by_position(const void *a, const void *b)
{
    const use *x = a, *y = b;
    if (x->node->line != y->node->line)
        return x->node->line < y->node->line ? -1 : 1;
    if (x->node->column != y->node->column)
        return x->node->column < y->node->column ? -1 : 1;
    return by_key(a, b);
}

asldot_status asldot_source_note_unfilled(const asldot_source *s, const asldot_source_entry *e,
                                          asldot_doc_node *root, asldot_diagnostics *diags)
{
    collector c;
    size_t keys = 0;
    asldot_status st;
    memset(&c, 0, sizeof c);
    c.s = s;
    c.e = e;
    c.status = ASLDOT_OK;
    st = asldot_doc_walk(root, visit, &c);
    if (st == ASLDOT_OK)
        st = c.status;
    if (st == ASLDOT_OK && c.count > 0) {
        /* each key's first use, with the number of its uses, then in file order */
        qsort(c.uses, c.count, sizeof *c.uses, by_key);
        for (size_t i = 0; i < c.count;) {
            size_t j = i + 1;
            while (j < c.count && c.uses[j].len == c.uses[i].len &&
                   memcmp(c.uses[j].key, c.uses[i].key, c.uses[i].len) == 0)
                j++;
            c.uses[keys] = c.uses[i];
            c.uses[keys++].uses = j - i;
            i = j;
        }
        qsort(c.uses, keys, sizeof *c.uses, by_position);
    }
    for (size_t i = 0; i < keys && st == ASLDOT_OK; i++) {
        const use *u = &c.uses[i];
        const char *dot = memchr(u->key, '.', u->len);
        int name_len = (int)(dot != NULL ? (size_t)(dot - u->key) : u->len), k = (int)u->len;
        char more[64] = "", why[320] = "";
        asldot_source_kind kind = s->kind;
        if (u->uses > 1)
            (void)snprintf(more, sizeof more, " (used %zu times, first here)", u->uses);
        if (kind == ASLDOT_SOURCE_CLOUDFORMATION || kind == ASLDOT_SOURCE_SERVERLESS)
            (void)snprintf(why, sizeof why,
                           ": no substitution names it and the template "
                           "declares no parameter or resource \"%.*s\"",
                           name_len, u->key);
        else if (kind == ASLDOT_SOURCE_TERRAFORM || kind == ASLDOT_SOURCE_TERRAFORM_JSON)
            (void)snprintf(why, sizeof why,
                           ": no templatefile() variable or substitution names it");
        st = asldot_doc_diag(diags, ASLDOT_SEV_NOTE, "placeholder-unfilled", u->node, 0,
                             "nothing fills the placeholder \"${%.*s}\"%s%s (give --substitute "
                             "%.*s=VALUE or --substitutions FILE)",
                             k, u->key, more, why, k, u->key);
    }
    asldot_free(c.uses);
    return st;
}
