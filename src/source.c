/*
 * source.c: the source stage's entry points (see source.h and asldot.h): detecting what a file
 * is, the list of machines, the helpers the finders share, and the two finders too small for a
 * file of their own (a bare definition, the AWS CLI's describe output).
 */
#include "source.h"

#include "alloc.h"
#include "diag.h"
#include "options.h"
#include "utf8.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* ---------------------------------------------------------------- kinds */

static const struct {
    const char *name;
    asldot_source_kind kind;
} kind_names[] = {
    {"auto", ASLDOT_SOURCE_AUTO},
    {"asl", ASLDOT_SOURCE_ASL},
    {"cloudformation", ASLDOT_SOURCE_CLOUDFORMATION},
    {"serverless", ASLDOT_SOURCE_SERVERLESS},
    {"terraform", ASLDOT_SOURCE_TERRAFORM},
    {"terraform-json", ASLDOT_SOURCE_TERRAFORM_JSON},
    {"aws-cli", ASLDOT_SOURCE_AWS_CLI},
    {"cfn", ASLDOT_SOURCE_CLOUDFORMATION},
    {"sam", ASLDOT_SOURCE_CLOUDFORMATION},
    {"cdk", ASLDOT_SOURCE_CLOUDFORMATION},
    {"tf", ASLDOT_SOURCE_TERRAFORM},
    {"cli", ASLDOT_SOURCE_AWS_CLI},
};

const char *asldot_source_kind_name(asldot_source_kind k)
{
    for (size_t i = 0; i < sizeof kind_names / sizeof kind_names[0]; i++)
        if (kind_names[i].kind == k)
            return kind_names[i].name;
    return "unknown";
}

asldot_status asldot_source_kind_from_name(asldot_source_kind *out, const char *name)
{
    if (out == NULL || name == NULL)
        return ASLDOT_ERR_ARGS;
    for (size_t i = 0; i < sizeof kind_names / sizeof kind_names[0]; i++)
        if (strcmp(kind_names[i].name, name) == 0) {
            *out = kind_names[i].kind;
            return ASLDOT_OK;
        }
    return ASLDOT_ERR_UNSUPPORTED;
}

void asldot_source_options_init(asldot_source_options *o)
{
    if (o != NULL) {
        asldot_source_options d = ASLDOT_SOURCE_OPTIONS_INIT;
        *o = d;
    }
}

/* ---------------------------------------------------------------- shared helpers */

asldot_status asldot_source_add(asldot_source *s, const char *id, const char *kind, unsigned line,
                                unsigned column, asldot_source_entry **out)
{
    asldot_source_entry *e;
    *out = NULL;
    if (s->count == s->cap) {
        e = asldot_grow(s->entries, &s->cap, s->count, sizeof *e, 8);
        if (e == NULL)
            return ASLDOT_ERR_NOMEM;
        s->entries = e;
    }
    e = &s->entries[s->count];
    memset(e, 0, sizeof *e);
    e->info.id = asldot_arena_strdup(s->arena, id);
    e->info.kind = kind;
    e->info.file = s->path != NULL ? s->path : "-";
    e->info.origin = "";
    e->info.line = line;
    e->info.column = column;
    if (e->info.id == NULL)
        return ASLDOT_ERR_NOMEM;
    s->count++;
    *out = e;
    return ASLDOT_OK;
}

asldot_status asldot_source_error(asldot_source *s, asldot_source_entry *e, const char *code,
                                  unsigned line, unsigned column, const char *fmt, ...)
{
    va_list ap;
    asldot_status st;
    if (e == NULL && s->current > 0 && s->current <= s->count)
        e = &s->entries[s->current - 1];
    st = asldot_diagnostics_set_machine(s->diags, e ? e->info.id : NULL);
    if (e != NULL)
        e->broken = 1;
    if (st == ASLDOT_OK) {
        va_start(ap, fmt);
        st = asldot_diag_addv(s->diags, ASLDOT_SEV_ERROR, code, "", line, column, NULL, 0, fmt, ap);
        va_end(ap);
    }
    if (st == ASLDOT_OK)
        st = asldot_diagnostics_set_machine(s->diags, NULL);
    return st == ASLDOT_OK ? ASLDOT_ERR_INVALID : st;
}

asldot_status asldot_source_unresolved(asldot_source *s, asldot_source_entry *e, const char *why)
{
    e->form = ASLDOT_DEF_NONE;
    e->info.unresolved = asldot_arena_strdup(s->arena, why);
    return e->info.unresolved != NULL ? ASLDOT_OK : ASLDOT_ERR_NOMEM;
}

asldot_status asldot_source_add_subst(asldot_source *s, asldot_source_entry *e, const char *key,
                                      const char *value, int placeholder)
{
    asldot_subst *subs = asldot_arena_array(s->arena, e->sub_count + 1, sizeof *subs);
    if (subs == NULL)
        return ASLDOT_ERR_NOMEM;
    if (e->sub_count)
        memcpy(subs, e->subs, e->sub_count * sizeof *subs);
    subs[e->sub_count].key = asldot_arena_strdup(s->arena, key);
    subs[e->sub_count].value = asldot_arena_strdup(s->arena, value);
    subs[e->sub_count].placeholder = placeholder;
    if (subs[e->sub_count].key == NULL || subs[e->sub_count].value == NULL)
        return ASLDOT_ERR_NOMEM;
    e->subs = subs;
    e->sub_count++;
    return ASLDOT_OK;
}

/* Reads at most max + 1 bytes of path. Returns 0 or an errno value. */
static int read_all(const char *path, size_t max, char **out, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t n = 0, cap = 0;
    int e = 0;
    *out = NULL;
    *len = 0;
    if (f == NULL)
        return errno ? errno : ENOENT;
    for (;;) {
        size_t got;
        if (n == cap) {
            char *b;
            if (cap > max) /* read past the limit: the caller reports the size */
                break;
            cap = cap ? cap * 2 : 8192;
            b = asldot_realloc_array(buf, cap + 1, 1);
            if (b == NULL) {
                e = ENOMEM;
                break;
            }
            buf = b;
        }
        got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0) {
            if (ferror(f))
                e = errno ? errno : EIO;
            break;
        }
    }
    fclose(f);
    if (e != 0) {
        asldot_free(buf);
        return e;
    }
    *out = buf;
    *len = n;
    return 0;
}

asldot_status asldot_source_read_ref(asldot_source *s, asldot_source_entry *e, const char *rel,
                                     unsigned line, unsigned column)
{
    size_t max = s->opts && s->opts->max_input_bytes ? s->opts->max_input_bytes
                                                     : ASLDOT_DEFAULT_MAX_INPUT_BYTES;
    const char *full;
    char *data = NULL;
    size_t len = 0;
    asldot_status st;
    int err;

    while (rel[0] == '.' && rel[1] == '/')
        rel += 2;
    if (s->dir == NULL) {
        char *why = asldot_arena_printf(s->arena,
                                        "the definition is in the file %s, and the "
                                        "template was not read from a file",
                                        rel);
        return why == NULL ? ASLDOT_ERR_NOMEM : asldot_source_unresolved(s, e, why);
    }
    full = rel[0] == '/' ? asldot_arena_strdup(s->arena, rel)
                         : asldot_arena_printf(s->arena, "%s%s", s->dir, rel);
    if (full == NULL)
        return ASLDOT_ERR_NOMEM;
    err = read_all(full, max, &data, &len);
    if (err == ENOMEM)
        return ASLDOT_ERR_NOMEM;
    if (err != 0)
        return asldot_source_error(s, e, "definition-file", line, column,
                                   "cannot read the definition file '%s': %s", full, strerror(err));
    if (len > max) {
        asldot_free(data);
        return asldot_source_error(s, e, "definition-file", line, column,
                                   "the definition file '%s' is larger than the limit of %zu "
                                   "bytes",
                                   full, max);
    }
    st = asldot_mtext_identity(&e->text, data, len);
    asldot_free(data);
    if (st != ASLDOT_OK)
        return st;
    e->form = ASLDOT_DEF_TEXT;
    e->info.file = full;
    return ASLDOT_OK;
}

/* ---------------------------------------------------------------- detection */

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* HCL: the first word (after comments) is a Terraform block type followed by a label or '{'. */
static int looks_like_hcl(const char *d, size_t len)
{
    static const char *const words[] = {"resource",  "data",   "variable", "provider",
                                        "terraform", "locals", "module",   "output"};
    size_t i = 0;
    for (;;) {
        while (i < len && is_space(d[i]))
            i++;
        if (i < len && (d[i] == '#' || (d[i] == '/' && i + 1 < len && d[i + 1] == '/'))) {
            while (i < len && d[i] != '\n')
                i++;
        } else if (i + 1 < len && d[i] == '/' && d[i + 1] == '*') {
            i += 2;
            while (i + 1 < len && !(d[i] == '*' && d[i + 1] == '/'))
                i++;
            i += 2;
        } else {
            break;
        }
    }
    for (size_t w = 0; w < sizeof words / sizeof words[0]; w++) {
        size_t n = strlen(words[w]), j = i + n;
        if (j < len && memcmp(d + i, words[w], n) == 0 && (d[j] == ' ' || d[j] == '\t')) {
            while (j < len && (d[j] == ' ' || d[j] == '\t'))
                j++;
            if (j < len && (d[j] == '"' || d[j] == '{'))
                return 1;
        }
    }
    return 0;
}

static asldot_source_kind detect_doc(const asldot_doc_node *root)
{
    const asldot_doc_node *res = asldot_doc_get(root, "Resources");
    if (root == NULL || root->kind != ASLDOT_DOC_OBJECT)
        return ASLDOT_SOURCE_ASL;
    if (asldot_doc_get(root, "States") != NULL || asldot_doc_get(root, "StartAt") != NULL)
        return ASLDOT_SOURCE_ASL;
    if ((res != NULL && res->kind == ASLDOT_DOC_OBJECT) ||
        asldot_doc_get(root, "AWSTemplateFormatVersion") != NULL)
        return ASLDOT_SOURCE_CLOUDFORMATION;
    if (asldot_doc_get(root, "stepFunctions") != NULL ||
        (asldot_doc_get(root, "service") != NULL && asldot_doc_get(root, "provider") != NULL))
        return ASLDOT_SOURCE_SERVERLESS;
    if (asldot_doc_get(root, "format_version") != NULL &&
        (asldot_doc_get(root, "values") != NULL || asldot_doc_get(root, "planned_values") != NULL ||
         asldot_doc_get(root, "resource_changes") != NULL))
        return ASLDOT_SOURCE_TERRAFORM_JSON;
    if (asldot_doc_get_string(root, "definition") != NULL &&
        (asldot_doc_get(root, "stateMachineArn") != NULL ||
         asldot_doc_get(root, "roleArn") != NULL))
        return ASLDOT_SOURCE_AWS_CLI;
    if (asldot_doc_get(root, "stateMachineArn") != NULL ||
        asldot_doc_get(root, "stateMachineAliasArn") != NULL)
        return ASLDOT_SOURCE_AWS_CLI;
    return ASLDOT_SOURCE_ASL;
}

/* ---------------------------------------------------------------- bare and AWS CLI */

static asldot_status find_bare(asldot_source *s)
{
    asldot_source_entry *e;
    asldot_status st = asldot_source_add(s, "-", "asl", 1, 1, &e);
    if (st != ASLDOT_OK)
        return st;
    e->info.origin = "definition";
    if (s->doc != NULL) {
        e->form = ASLDOT_DEF_TREE;
        e->tree = s->doc->root;
        return ASLDOT_OK;
    }
    /* bare ${...} placeholders where JSON values go: the loader quotes them */
    e->form = ASLDOT_DEF_TEXT;
    return asldot_mtext_identity(&e->text, s->data, s->len);
}

static asldot_status find_aws_cli(asldot_source *s)
{
    const asldot_doc_node *root = s->doc->root, *def = asldot_doc_get(root, "definition");
    const char *id = asldot_doc_get_string(root, "name");
    asldot_source_entry *e;
    asldot_status st;
    if (id == NULL)
        id = asldot_doc_get_string(root, "stateMachineArn");
    st = asldot_source_add(s, id != NULL ? id : "-", "aws-cli", root->line, root->column, &e);
    if (st != ASLDOT_OK)
        return st;
    e->info.name = asldot_doc_get_string(root, "name");
    e->info.origin = "definition";
    if (def == NULL || def->kind != ASLDOT_DOC_STRING)
        return asldot_source_error(s, e, "no-definition", root->line, root->column,
                                   "this AWS CLI output holds no \"definition\" string "
                                   "(describe-state-machine-alias does not carry one; use "
                                   "describe-state-machine or describe-state-machine-version)");
    e->form = ASLDOT_DEF_TEXT;
    return asldot_mtext_put_scalar(&e->text, def->str, def->str_len, &s->lines, def->line,
                                   def->column);
}

/* ---------------------------------------------------------------- entry points */

static asldot_status add_user_sub(asldot_source *s, const char *key, size_t key_len,
                                  const char *value, size_t value_len)
{
    asldot_subst *u = &s->user_subs[s->user_sub_count];
    u->key = asldot_arena_strndup(s->arena, key, key_len);
    u->value = asldot_arena_strndup(s->arena, value, value_len);
    if (u->key == NULL || u->value == NULL)
        return ASLDOT_ERR_NOMEM;
    s->user_sub_count++;
    return ASLDOT_OK;
}

/* --substitute KEY=VALUE pairs, then the --substitutions map (a mapping of scalars). */
static asldot_status copy_user_subs(asldot_source *s, const asldot_source_options *so)
{
    asldot_doc *map = NULL;
    size_t n = 0;
    asldot_status st = ASLDOT_OK;
    if (so == NULL)
        return ASLDOT_OK;
    if (so->substitution_map != NULL) {
        st = asldot_doc_parse(&map, so->substitution_map, so->substitution_map_len, s->opts,
                              s->diags);
        if (st != ASLDOT_OK)
            return st;
        if (map->root == NULL || map->root->kind != ASLDOT_DOC_OBJECT) {
            asldot_doc_free(map);
            st = asldot_diag_add(s->diags, ASLDOT_SEV_ERROR, "substitutions", "", 1, 1,
                                 "the substitutions file is not a mapping of names to values");
            return st == ASLDOT_OK ? ASLDOT_ERR_INVALID : st;
        }
        n = map->root->count;
    }
    s->user_subs =
        asldot_arena_array(s->arena, so->substitution_count + n + 1, sizeof *s->user_subs);
    if (s->user_subs == NULL)
        st = ASLDOT_ERR_NOMEM;
    for (size_t i = 0; i < so->substitution_count && st == ASLDOT_OK; i++) {
        const char *kv = so->substitutions[i], *eq = kv ? strchr(kv, '=') : NULL;
        if (eq == NULL || eq == kv)
            st = ASLDOT_ERR_ARGS;
        else
            st = add_user_sub(s, kv, (size_t)(eq - kv), eq + 1, strlen(eq + 1));
    }
    for (size_t i = 0; i < n && st == ASLDOT_OK; i++) {
        const asldot_doc_node *v = map->root->items[i];
        if (v->kind == ASLDOT_DOC_STRING || v->kind == ASLDOT_DOC_NUMBER)
            st = add_user_sub(s, v->key, v->key_len, v->str, v->str_len);
        else if (v->kind == ASLDOT_DOC_BOOL)
            st = add_user_sub(s, v->key, v->key_len, v->boolean ? "true" : "false",
                              v->boolean ? 4 : 5);
        else {
            st = asldot_doc_diag(s->diags, ASLDOT_SEV_ERROR, "substitutions", v, 1,
                                 "substitution \"%s\" is a %s; values must be scalars", v->key,
                                 asldot_doc_kind_name(v->kind));
            if (st == ASLDOT_OK)
                st = ASLDOT_ERR_INVALID;
        }
    }
    asldot_doc_free(map);
    return st;
}

static asldot_status set_path(asldot_source *s, const char *path)
{
    const char *slash;
    if (path == NULL || strcmp(path, "-") == 0)
        return ASLDOT_OK;
    s->path = asldot_arena_strdup(s->arena, path);
    slash = strrchr(path, '/');
    s->dir = slash == NULL ? "" : asldot_arena_strndup(s->arena, path, (size_t)(slash - path) + 1);
    return s->path != NULL && s->dir != NULL ? ASLDOT_OK : ASLDOT_ERR_NOMEM;
}

/* Does the JSON-looking text hold a ${...} outside any string? */
static asldot_status has_bare_placeholder(const char *d, size_t len, int *out)
{
    asldot_mtext in = ASLDOT_MTEXT_INIT, q = ASLDOT_MTEXT_INIT;
    asldot_status st;
    *out = 0;
    size_t i = 0;
    while (i + 1 < len && !(d[i] == '$' && d[i + 1] == '{'))
        i++;
    if (i + 1 >= len)
        return ASLDOT_OK;
    st = asldot_mtext_identity(&in, d, len);
    if (st == ASLDOT_OK)
        st = asldot_quote_placeholders(&q, &in);
    if (st == ASLDOT_OK)
        *out = q.text.len != in.text.len;
    asldot_mtext_free(&in);
    asldot_mtext_free(&q);
    return st;
}

static asldot_status find_machines(asldot_source *s, asldot_source_kind forced)
{
    asldot_status st;
    size_t i = 0, bad;
    int bare = 0;

    while (i < s->len && is_space(s->data[i]))
        i++;
    bad = asldot_utf8_check(s->data, s->len);
    if (bad < s->len) {
        st =
            asldot_text_diag_at(s->diags, ASLDOT_SEV_ERROR, "invalid-utf8", s->data, s->len, bad,
                                "invalid utf-8 byte 0x%02x", (unsigned)(unsigned char)s->data[bad]);
        return st != ASLDOT_OK ? st : ASLDOT_ERR_SYNTAX;
    }
    if (forced == ASLDOT_SOURCE_TERRAFORM ||
        (forced == ASLDOT_SOURCE_AUTO &&
         (looks_like_hcl(s->data, s->len) || (s->path && ends_with(s->path, ".tf"))))) {
        s->kind = ASLDOT_SOURCE_TERRAFORM;
        return asldot_source_find_terraform(s);
    }
    if ((forced == ASLDOT_SOURCE_AUTO || forced == ASLDOT_SOURCE_ASL) && i < s->len &&
        s->data[i] == '{' && (st = has_bare_placeholder(s->data, s->len, &bare)) != ASLDOT_OK)
        return st;
    if (bare) {
        s->kind = ASLDOT_SOURCE_ASL;
        return find_bare(s);
    }
    st = asldot_doc_parse(&s->doc, s->data, s->len, s->opts, s->diags);
    if (st != ASLDOT_OK)
        return st;
    s->kind = forced != ASLDOT_SOURCE_AUTO ? forced : detect_doc(s->doc->root);
    switch (s->kind) {
    case ASLDOT_SOURCE_CLOUDFORMATION:
        return asldot_source_find_cfn(s);
    case ASLDOT_SOURCE_SERVERLESS:
        return asldot_source_find_serverless(s);
    case ASLDOT_SOURCE_TERRAFORM_JSON:
        return asldot_source_find_terraform_json(s);
    case ASLDOT_SOURCE_AWS_CLI:
        return find_aws_cli(s);
    default:
        return find_bare(s);
    }
}

asldot_status asldot_source_parse(asldot_source **out, const char *data, size_t len,
                                  const asldot_source_options *sopts, const asldot_options *opts,
                                  asldot_diagnostics *diags)
{
    asldot_source *s;
    asldot_status st;
    size_t errors_before = asldot_diagnostics_error_count(diags);
    size_t max =
        opts && opts->max_input_bytes ? opts->max_input_bytes : ASLDOT_DEFAULT_MAX_INPUT_BYTES;

    if (out == NULL)
        return ASLDOT_ERR_ARGS;
    *out = NULL;
    if ((data == NULL && len != 0) || ASLDOT_OPTIONS_TOO_NEW(opts, ASLDOT_OPTIONS_VERSION) ||
        ASLDOT_OPTIONS_TOO_NEW(sopts, ASLDOT_SOURCE_OPTIONS_VERSION))
        return ASLDOT_ERR_ARGS;
    if (len > max) {
        st = asldot_diag_add(diags, ASLDOT_SEV_ERROR, "input-too-large", "", 0, 0,
                             "input is %zu bytes, more than the limit of %zu bytes", len, max);
        return st != ASLDOT_OK ? st : ASLDOT_ERR_LIMIT;
    }
    s = asldot_calloc(1, sizeof *s);
    if (s == NULL)
        return ASLDOT_ERR_NOMEM;
    s->arena = asldot_arena_new();
    s->data = asldot_malloc(len + 1);
    if (s->arena == NULL || s->data == NULL) {
        asldot_source_free(s);
        return ASLDOT_ERR_NOMEM;
    }
    if (len)
        memcpy(s->data, data, len);
    s->data[len] = '\0';
    s->len = len;
    s->opts = opts;
    s->diags = diags;
    st = asldot_lines_init(&s->lines, s->data, s->len);
    if (st == ASLDOT_OK)
        st = set_path(s, sopts ? sopts->path : NULL);
    if (st == ASLDOT_OK)
        st = copy_user_subs(s, sopts);
    if (st == ASLDOT_OK)
        st = find_machines(s, sopts ? sopts->kind : ASLDOT_SOURCE_AUTO);
    s->opts = NULL;
    s->diags = NULL;
    if (st == ASLDOT_ERR_INVALID ||
        (st == ASLDOT_OK && s->count == 0 && s->kind != ASLDOT_SOURCE_ASL)) {
        if (st == ASLDOT_OK) {
            asldot_status d = asldot_diag_add(diags, ASLDOT_SEV_ERROR, "no-state-machine", "", 0, 0,
                                              "no state machine in this %s file",
                                              asldot_source_kind_name(s->kind));
            if (d != ASLDOT_OK) {
                asldot_source_free(s);
                return d;
            }
        }
        *out = s;
        return ASLDOT_ERR_INVALID;
    }
    if (st != ASLDOT_OK) {
        asldot_source_free(s);
        return st;
    }
    *out = s;
    return asldot_diagnostics_error_count(diags) > errors_before ? ASLDOT_ERR_INVALID : ASLDOT_OK;
}

asldot_source_kind asldot_source_get_kind(const asldot_source *s)
{
    return s != NULL ? s->kind : ASLDOT_SOURCE_AUTO;
}

size_t asldot_source_count(const asldot_source *s)
{
    return s != NULL ? s->count : 0;
}

const asldot_source_machine *asldot_source_get(const asldot_source *s, size_t i)
{
    return s != NULL && i < s->count ? &s->entries[i].info : NULL;
}

asldot_status asldot_source_find(const asldot_source *s, const char *id, size_t *index)
{
    if (s == NULL || id == NULL || index == NULL)
        return ASLDOT_ERR_ARGS;
    for (size_t i = 0; i < s->count; i++)
        if (strcmp(s->entries[i].info.id, id) == 0) {
            *index = i;
            return ASLDOT_OK;
        }
    return ASLDOT_ERR_INVALID;
}

asldot_status asldot_source_load(asldot_machine **out, const asldot_source *s, size_t i,
                                 const asldot_options *opts, asldot_diagnostics *diags)
{
    asldot_status st, st2;
    size_t errors;
    if (out == NULL)
        return ASLDOT_ERR_ARGS;
    *out = NULL;
    if (s == NULL || i >= s->count || ASLDOT_OPTIONS_TOO_NEW(opts, ASLDOT_OPTIONS_VERSION))
        return ASLDOT_ERR_ARGS;
    if (s->entries[i].info.unresolved != NULL)
        return ASLDOT_ERR_UNSUPPORTED;
    if (s->entries[i].broken || s->entries[i].form == ASLDOT_DEF_NONE)
        return ASLDOT_ERR_INVALID;
    st = asldot_diagnostics_set_machine(
        diags, s->kind == ASLDOT_SOURCE_ASL ? NULL : s->entries[i].info.id);
    if (st != ASLDOT_OK)
        return st;
    errors = asldot_diagnostics_error_count(diags);
    st = asldot_source_entry_load(out, s, &s->entries[i], opts, diags);
    st2 = asldot_diagnostics_set_machine(diags, NULL);
    if (st == ASLDOT_OK && st2 != ASLDOT_OK) {
        asldot_machine_free(*out);
        *out = NULL;
        return st2;
    }
    return st == ASLDOT_OK && asldot_diagnostics_error_count(diags) > errors ? ASLDOT_ERR_INVALID
                                                                             : st;
}

void asldot_source_free(asldot_source *s)
{
    if (s == NULL)
        return;
    for (size_t i = 0; i < s->count; i++)
        asldot_mtext_free(&s->entries[i].text);
    asldot_free(s->entries);
    asldot_doc_free(s->doc);
    asldot_lines_free(&s->lines);
    asldot_free(s->data);
    asldot_arena_free(s->arena);
    asldot_free(s);
}
