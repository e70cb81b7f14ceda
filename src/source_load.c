/*
 * source_load.c: one machine of a source -> asldot_machine (see source.h). A tree definition is
 * copied into a document of its own, intrinsics becoming placeholder strings and ${KEY}s
 * substituted; a text definition is substituted and quoted as text, parsed, and every position
 * (of nodes and of diagnostics) is mapped back to the file through the text's table.
 */
#include "source.h"

#include "alloc.h"
#include "diag.h"
#include "model.h"

#include <string.h>

/* ---------------------------------------------------------------- text transforms */

static const asldot_subst *lookup(const char *key, size_t n, const asldot_subst *a, size_t an,
                                  const asldot_subst *b, size_t bn)
{
    for (size_t i = 0; i < an; i++)
        if (strlen(a[i].key) == n && memcmp(a[i].key, key, n) == 0)
            return &a[i];
    for (size_t i = 0; i < bn; i++)
        if (strlen(b[i].key) == n && memcmp(b[i].key, key, n) == 0)
            return &b[i];
    return NULL;
}

asldot_status asldot_subst_text(asldot_mtext *out, const asldot_mtext *in, const asldot_subst *subs,
                                size_t n, const asldot_subst *more, size_t more_n)
{
    const char *d = in->text.data;
    size_t len = in->text.len, from = 0, i = 0;
    while (i + 1 < len) {
        size_t j;
        const asldot_subst *v;
        if (d[i] != '$' || d[i + 1] != '{') {
            i++;
            continue;
        }
        for (j = i + 2; j < len && d[j] != '}' && d[j] != '{' && d[j] != '"'; j++)
            ;
        if (j >= len || d[j] != '}') {
            i += 2;
            continue;
        }
        v = lookup(d + i + 2, j - i - 2, subs, n, more, more_n);
        if (v != NULL) {
            asldot_mtext_put_span(out, in, from, i);
            asldot_mtext_put(out, v->value, strlen(v->value), in->line[i], in->column[i]);
            from = j + 1;
        }
        i = j + 1;
    }
    if (len > from)
        asldot_mtext_put_span(out, in, from, len);
    return asldot_mtext_status(out);
}

/* The end (one past the closing brace) of the ${...} at i, braces and quoted strings nested. */
static size_t placeholder_end(const char *d, size_t len, size_t i)
{
    size_t depth = 0;
    char quote = 0;
    for (size_t j = i + 1; j < len; j++) {
        char c = d[j];
        if (quote) {
            if (c == '\\')
                j++;
            else if (c == quote)
                quote = 0;
        } else if (c == '"') {
            quote = c;
        } else if (c == '{') {
            depth++;
        } else if (c == '}' && --depth == 0) {
            return j + 1;
        } else if (c == '\n' && depth <= 1) {
            return 0; /* not one placeholder: a brace left open */
        }
    }
    return 0;
}

/* Copies the placeholder [i, end) with its quotes escaped (it goes inside a JSON string). */
static void put_escaped(asldot_mtext *out, const asldot_mtext *in, size_t i, size_t end)
{
    size_t from = i;
    for (size_t j = i; j < end; j++)
        if (in->text.data[j] == '"' && (j == i || in->text.data[j - 1] != '\\')) {
            asldot_mtext_put_span(out, in, from, j);
            asldot_mtext_put(out, "\\", 1, in->line[j], in->column[j]);
            from = j;
        }
    asldot_mtext_put_span(out, in, from, end);
}

asldot_status asldot_quote_placeholders(asldot_mtext *out, const asldot_mtext *in)
{
    const char *d = in->text.data;
    size_t len = in->text.len, from = 0, i = 0;
    int in_string = 0;
    while (i < len) {
        char c = d[i];
        size_t end;
        if (c == '$' && i + 1 < len && d[i + 1] == '{' && (end = placeholder_end(d, len, i)) > 0) {
            asldot_mtext_put_span(out, in, from, i);
            if (!in_string)
                asldot_mtext_put(out, "\"", 1, in->line[i], in->column[i]);
            put_escaped(out, in, i, end);
            if (!in_string)
                asldot_mtext_put(out, "\"", 1, in->line[end - 1], in->column[end - 1]);
            from = i = end;
            continue;
        }
        if (in_string && c == '\\')
            i++;
        else if (c == '"')
            in_string = !in_string;
        i++;
    }
    if (len > from)
        asldot_mtext_put_span(out, in, from, len < i ? len : i);
    return asldot_mtext_status(out);
}

/* ---------------------------------------------------------------- text definitions */

typedef struct mapper_ctx {
    const asldot_mtext *t;
    const asldot_lines *lines;
} mapper_ctx;

static void map_position(void *ctx, unsigned *line, unsigned *column)
{
    const mapper_ctx *m = ctx;
    asldot_mtext_locate(m->t, m->lines, line, column);
}

/* Maps a node's positions (value and key) back to the file. */
static void relocate_node(void *ctx, asldot_doc_node *n)
{
    map_position(ctx, &n->line, &n->column);
    if (n->key_line)
        map_position(ctx, &n->key_line, &n->key_column);
}

/* JSON text (it opens with '{' or '['), where a bare ${...} must be quoted to parse; YAML text
 * reads one as a plain string already. */
static int opens_json(const asldot_mtext *t)
{
    for (size_t i = 0; i < t->text.len; i++) {
        char c = t->text.data[i];
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
            return c == '{' || c == '[';
    }
    return 0;
}

static asldot_status load_text(asldot_doc **out, const asldot_source *s,
                               const asldot_source_entry *e, const asldot_options *opts,
                               asldot_diagnostics *diags)
{
    asldot_mtext sub = ASLDOT_MTEXT_INIT, quoted = ASLDOT_MTEXT_INIT;
    const asldot_mtext *t = &sub;
    asldot_lines lines;
    asldot_options o;
    size_t before = asldot_diagnostics_count(diags);
    asldot_status st;
    mapper_ctx m;

    *out = NULL;
    st = asldot_subst_text(&sub, &e->text, e->subs, e->sub_count, s->user_subs, s->user_sub_count);
    if (st == ASLDOT_OK && opens_json(&sub)) {
        st = asldot_quote_placeholders(&quoted, &sub);
        t = &quoted;
    }
    if (st != ASLDOT_OK) {
        asldot_mtext_free(&sub);
        asldot_mtext_free(&quoted);
        return st;
    }
    st = asldot_lines_init(&lines, t->text.data ? t->text.data : "", t->text.len);
    if (st == ASLDOT_OK) {
        if (opts != NULL)
            o = *opts;
        else
            asldot_options_init(&o);
        o.input_format = ASLDOT_INPUT_AUTO;
        st = asldot_doc_parse(out, t->text.data ? t->text.data : "", t->text.len, &o, diags);
        m.t = t;
        m.lines = &lines;
        asldot_diag_relocate(diags, before, map_position, &m);
        if (st == ASLDOT_OK)
            st = asldot_doc_walk((*out)->root, relocate_node, &m);
        asldot_lines_free(&lines);
    }
    if (st != ASLDOT_OK && *out != NULL) {
        asldot_doc_free(*out);
        *out = NULL;
    }
    asldot_mtext_free(&sub);
    asldot_mtext_free(&quoted);
    return st;
}

/* ---------------------------------------------------------------- tree definitions */

typedef struct copier {
    const asldot_source *s;
    const asldot_source_entry *e;
    asldot_doc *doc;
    unsigned max_depth;
} copier;

/* Substitutes the ${KEY}s of a string; *out is an arena copy. */
static asldot_status subst_string(copier *c, const char *str, size_t len, const char **out,
                                  size_t *out_len)
{
    asldot_mtext in = ASLDOT_MTEXT_INIT, res = ASLDOT_MTEXT_INIT;
    asldot_status st = ASLDOT_OK;
    if (memchr(str, '$', len) == NULL || (c->e->sub_count == 0 && c->s->user_sub_count == 0)) {
        *out = asldot_arena_strndup(c->doc->arena, str, len);
        *out_len = len;
        return *out != NULL ? ASLDOT_OK : ASLDOT_ERR_NOMEM;
    }
    st = asldot_mtext_put(&in, str, len, 0, 0);
    if (st == ASLDOT_OK)
        st = asldot_subst_text(&res, &in, c->e->subs, c->e->sub_count, c->s->user_subs,
                               c->s->user_sub_count);
    if (st == ASLDOT_OK) {
        *out =
            asldot_arena_strndup(c->doc->arena, res.text.data ? res.text.data : "", res.text.len);
        *out_len = res.text.len;
        if (*out == NULL)
            st = ASLDOT_ERR_NOMEM;
    }
    asldot_mtext_free(&in);
    asldot_mtext_free(&res);
    return st;
}

static asldot_status copy_node(copier *c, const asldot_doc_node *src, asldot_doc_node *parent,
                               unsigned depth, asldot_doc_node **out)
{
    asldot_doc_node *n = asldot_arena_alloc(c->doc->arena, sizeof *n);
    asldot_status st = ASLDOT_OK;
    *out = n;
    if (n == NULL)
        return ASLDOT_ERR_NOMEM;
    *n = *src;
    n->parent = parent;
    n->tag = NULL;
    n->items = NULL;
    n->count = 0;
    if (src->key != NULL &&
        (n->key = asldot_arena_strndup(c->doc->arena, src->key, src->key_len)) == NULL)
        return ASLDOT_ERR_NOMEM;
    if (depth > c->max_depth)
        return ASLDOT_ERR_LIMIT;
    if (asldot_intrinsic_name(src) != NULL &&
        (c->s->kind != ASLDOT_SOURCE_ASL || src->tag != NULL)) {
        asldot_mtext t = ASLDOT_MTEXT_INIT;
        int known = 1;
        st = asldot_intrinsic_text(&t, src, &c->s->lines, &known);
        if (st == ASLDOT_OK) {
            n->kind = ASLDOT_DOC_STRING;
            n->flags |= known ? 0u : ASLDOT_DOC_PLACEHOLDER;
            st = subst_string(c, t.text.data ? t.text.data : "", t.text.len, &n->str, &n->str_len);
        }
        asldot_mtext_free(&t);
        return st;
    }
    if (src->kind == ASLDOT_DOC_STRING || src->kind == ASLDOT_DOC_NUMBER)
        return subst_string(c, src->str ? src->str : "", src->str_len, &n->str, &n->str_len);
    if (src->count == 0)
        return ASLDOT_OK;
    n->items = asldot_arena_array(c->doc->arena, src->count, sizeof *n->items);
    if (n->items == NULL)
        return ASLDOT_ERR_NOMEM;
    n->count = src->count;
    for (size_t i = 0; i < src->count && st == ASLDOT_OK; i++)
        st = copy_node(c, src->items[i], n, depth + 1, &n->items[i]);
    return st;
}

static asldot_status load_tree(asldot_doc **out, const asldot_source *s,
                               const asldot_source_entry *e, const asldot_options *opts,
                               asldot_diagnostics *diags)
{
    copier c;
    asldot_status st;
    *out = NULL;
    c.s = s;
    c.e = e;
    c.max_depth = opts && opts->max_doc_depth ? opts->max_doc_depth : ASLDOT_DEFAULT_MAX_DOC_DEPTH;
    c.doc = asldot_calloc(1, sizeof *c.doc);
    if (c.doc == NULL || (c.doc->arena = asldot_arena_new()) == NULL) {
        asldot_free(c.doc);
        return ASLDOT_ERR_NOMEM;
    }
    c.doc->is_yaml = s->doc->is_yaml;
    st = copy_node(&c, e->tree, NULL, 0, &c.doc->root);
    if (st == ASLDOT_OK) {
        c.doc->root->key = NULL; /* the definition is the root of its own document */
        c.doc->root->key_len = 0;
        c.doc->root->key_line = c.doc->root->key_column = 0;
        c.doc->root->index = 0;
    } else if (st == ASLDOT_ERR_LIMIT) {
        st = asldot_diag_add(diags, ASLDOT_SEV_ERROR, "depth-limit", "", e->tree->line,
                             e->tree->column, "the definition nests deeper than %u levels",
                             c.max_depth);
        if (st == ASLDOT_OK)
            st = ASLDOT_ERR_LIMIT;
    }
    if (st != ASLDOT_OK) {
        asldot_doc_free(c.doc);
        return st;
    }
    *out = c.doc;
    return ASLDOT_OK;
}

/* ---------------------------------------------------------------- resource hints */

/* The type of the resource or function that a whole "${X}" / "${X.Attr}" names, or NULL. */
static const char *placeholder_type(const asldot_source *s, const asldot_doc_node *n)
{
    const asldot_doc_node *root = s->doc != NULL ? s->doc->root : NULL, *res, *r;
    const char *end, *dot;
    char key[256];
    size_t k;
    if (root == NULL || n->kind != ASLDOT_DOC_STRING || n->str_len < 4 || n->str[0] != '$' ||
        n->str[1] != '{' || n->str[n->str_len - 1] != '}')
        return NULL;
    end = n->str + n->str_len - 1;
    dot = memchr(n->str + 2, '.', (size_t)(end - n->str - 2));
    k = (size_t)((dot != NULL ? dot : end) - n->str - 2);
    if (k == 0 || k >= sizeof key || memchr(n->str + 2, '$', (size_t)(end - n->str - 2)) != NULL)
        return NULL;
    memcpy(key, n->str + 2, k);
    key[k] = '\0';
    res = asldot_doc_get(root, "Resources");
    if (res == NULL) /* serverless.yml: resources.Resources, and its functions */
        res = asldot_doc_get(asldot_doc_get(root, "resources"), "Resources");
    r = asldot_doc_get(res, key);
    if (r != NULL)
        return asldot_doc_get_string(r, "Type");
    if (asldot_doc_get(asldot_doc_get(root, "functions"), key) != NULL)
        return "AWS::Lambda::Function";
    return NULL;
}

static void hint_node(void *ctx, asldot_doc_node *n)
{
    n->hint = placeholder_type(ctx, n);
}

/* Marks every placeholder that names one of the template's resources with the resource's type,
 * so that the diagram can say "Lambda · Invoke · ChargeFn" instead of the placeholder. */
static asldot_status add_hints(const asldot_source *s, asldot_doc_node *root)
{
    if (root == NULL || s->kind == ASLDOT_SOURCE_ASL || s->doc == NULL)
        return ASLDOT_OK;
    return asldot_doc_walk(root, hint_node, (void *)s);
}

asldot_status asldot_source_entry_load(asldot_machine **out, const asldot_source *s,
                                       const asldot_source_entry *e, const asldot_options *opts,
                                       asldot_diagnostics *diags)
{
    asldot_doc *doc = NULL;
    asldot_status st = e->form == ASLDOT_DEF_TREE ? load_tree(&doc, s, e, opts, diags)
                                                  : load_text(&doc, s, e, opts, diags);
    *out = NULL;
    if (st == ASLDOT_OK)
        st = add_hints(s, doc->root);
    if (st == ASLDOT_OK && opts != NULL && (opts->flags & ASLDOT_OPT_NOTE_PLACEHOLDERS))
        st = asldot_source_note_unfilled(s, e, doc->root, diags);
    if (st != ASLDOT_OK) {
        asldot_doc_free(doc);
        return st;
    }
    return asldot_machine_from_doc(out, doc, opts, diags);
}
