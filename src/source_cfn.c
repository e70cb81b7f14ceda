/*
 * source_cfn.c: state machines in CloudFormation templates (and so SAM templates and CDK
 * output, JSON or YAML, long or short intrinsic forms) and in serverless.yml files, and the
 * CloudFormation intrinsics that their definitions are built from.
 *
 * Resolution (what a template says without deploying it): Fn::Join joins its pieces, Fn::Sub
 * substitutes its own variable map, Fn::If takes its first branch, Fn::Select picks from a
 * literal list; Ref X is the placeholder ${X}, Fn::GetAtt [A, B] is ${A.B}, any other intrinsic
 * is ${Fn::Name}. DefinitionSubstitutions become the machine's substitutions; a definition in
 * S3 (DefinitionS3Location, an s3:// DefinitionUri) is unresolved, a local DefinitionUri is read
 * relative to the template.
 */
#include "source.h"

#include "alloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const short_forms[][2] = {
    {"!Ref", "Ref"},
    {"!Condition", "Condition"},
    {"!Base64", "Fn::Base64"},
    {"!Cidr", "Fn::Cidr"},
    {"!FindInMap", "Fn::FindInMap"},
    {"!GetAtt", "Fn::GetAtt"},
    {"!GetAZs", "Fn::GetAZs"},
    {"!ImportValue", "Fn::ImportValue"},
    {"!Join", "Fn::Join"},
    {"!Select", "Fn::Select"},
    {"!Split", "Fn::Split"},
    {"!Sub", "Fn::Sub"},
    {"!Transform", "Fn::Transform"},
    {"!If", "Fn::If"},
    {"!Equals", "Fn::Equals"},
    {"!And", "Fn::And"},
    {"!Or", "Fn::Or"},
    {"!Not", "Fn::Not"},
    {"!Length", "Fn::Length"},
    {"!ToJsonString", "Fn::ToJsonString"},
    {"!GetParam", "Fn::GetParam"},
};

const char *asldot_intrinsic_name(const asldot_doc_node *n)
{
    if (n == NULL)
        return NULL;
    if (n->tag != NULL) {
        for (size_t i = 0; i < sizeof short_forms / sizeof short_forms[0]; i++)
            if (strcmp(n->tag, short_forms[i][0]) == 0)
                return short_forms[i][1];
        return NULL;
    }
    if (n->kind == ASLDOT_DOC_OBJECT && n->count == 1 && n->items[0]->key != NULL) {
        const char *k = n->items[0]->key;
        if (strcmp(k, "Ref") == 0 || strncmp(k, "Fn::", 4) == 0)
            return k;
    }
    return NULL;
}

/* The string value of an intrinsic's argument arg (n is the intrinsic: a tagged scalar is its
 * own argument), or NULL when arg is not a plain string. */
static const char *arg_string(const asldot_doc_node *arg, const asldot_doc_node *n)
{
    if (arg == NULL || arg->kind != ASLDOT_DOC_STRING)
        return NULL;
    return arg == n || asldot_intrinsic_name(arg) == NULL ? arg->str : NULL;
}

/* The argument of intrinsic n: the tagged node itself, or the one member's value. */
static const asldot_doc_node *intrinsic_arg(const asldot_doc_node *n)
{
    return n->tag != NULL ? n : n->items[0];
}

static asldot_status put_placeholder(asldot_mtext *out, const asldot_doc_node *at, const char *a,
                                     const char *sep, const char *b, int *known)
{
    asldot_status st = asldot_mtext_put(out, "${", 2, at->line, at->column);
    *known = 0;
    if (st == ASLDOT_OK)
        st = asldot_mtext_put(out, a, strlen(a), at->line, at->column);
    if (st == ASLDOT_OK && b != NULL) {
        st = asldot_mtext_put(out, sep, strlen(sep), at->line, at->column);
        if (st == ASLDOT_OK)
            st = asldot_mtext_put(out, b, strlen(b), at->line, at->column);
    }
    if (st == ASLDOT_OK)
        st = asldot_mtext_put(out, "}", 1, at->line, at->column);
    return st;
}

static const char *string_of(const asldot_doc_node *n)
{
    return n != NULL && n->kind == ASLDOT_DOC_STRING && asldot_intrinsic_name(n) == NULL ? n->str
                                                                                         : NULL;
}

static asldot_status sub_text(asldot_mtext *out, const asldot_doc_node *self,
                              const asldot_doc_node *arg, const asldot_lines *raw, int *known)
{
    const asldot_doc_node *text = arg, *map = NULL;
    asldot_mtext body = ASLDOT_MTEXT_INIT;
    asldot_subst *subs = NULL;
    char **vals = NULL;
    size_t n = 0;
    asldot_status st;

    if (arg->kind == ASLDOT_DOC_ARRAY && arg->count >= 1) {
        text = arg->items[0];
        map = arg->count >= 2 ? arg->items[1] : NULL;
    }
    if (arg_string(text, self) == NULL)
        return put_placeholder(out, arg, "Fn::Sub", NULL, NULL, known);
    st = asldot_mtext_put_scalar(&body, text->str, text->str_len, raw, text->line, text->column);
    if (st == ASLDOT_OK && map != NULL && map->kind == ASLDOT_DOC_OBJECT && map->count > 0) {
        subs = asldot_calloc(map->count, sizeof *subs);
        vals = asldot_calloc(map->count, sizeof *vals);
        if (subs == NULL || vals == NULL)
            st = ASLDOT_ERR_NOMEM;
        for (size_t i = 0; i < map->count && st == ASLDOT_OK; i++) {
            asldot_mtext v = ASLDOT_MTEXT_INIT;
            int k = 1;
            st = asldot_intrinsic_text(&v, map->items[i], raw, &k);
            if (st == ASLDOT_OK) {
                vals[n] = asldot_buf_detach(&v.text, NULL);
                if (vals[n] == NULL)
                    vals[n] = asldot_calloc(1, 1);
                if (vals[n] == NULL)
                    st = ASLDOT_ERR_NOMEM;
                else {
                    subs[n].key = map->items[i]->key;
                    subs[n].value = vals[n];
                    subs[n].placeholder = !k;
                    n++;
                }
            }
            asldot_mtext_free(&v);
        }
    }
    if (st == ASLDOT_OK)
        st = asldot_subst_text(out, &body, subs, n, NULL, 0);
    for (size_t i = 0; i < n; i++)
        asldot_free(vals[i]);
    asldot_free(vals);
    asldot_free(subs);
    asldot_mtext_free(&body);
    return st;
}

static asldot_status join_text(asldot_mtext *out, const asldot_doc_node *arg,
                               const asldot_lines *raw, int *known)
{
    const asldot_doc_node *sep, *list;
    asldot_status st = ASLDOT_OK;
    if (arg->kind != ASLDOT_DOC_ARRAY || arg->count != 2 || string_of(arg->items[0]) == NULL ||
        arg->items[1]->kind != ASLDOT_DOC_ARRAY || asldot_intrinsic_name(arg->items[1]) != NULL)
        return put_placeholder(out, arg, "Fn::Join", NULL, NULL, known);
    sep = arg->items[0];
    list = arg->items[1];
    for (size_t i = 0; i < list->count && st == ASLDOT_OK; i++) {
        if (i > 0 && sep->str_len > 0)
            st = asldot_mtext_put_scalar(out, sep->str, sep->str_len, raw, sep->line, sep->column);
        if (st == ASLDOT_OK)
            st = asldot_intrinsic_text(out, list->items[i], raw, known);
    }
    return st;
}

asldot_status asldot_intrinsic_text(asldot_mtext *out, const asldot_doc_node *n,
                                    const asldot_lines *raw, int *known)
{
    const char *name = asldot_intrinsic_name(n);
    const asldot_doc_node *arg;
    if (name == NULL) {
        switch (n->kind) {
        case ASLDOT_DOC_STRING:
            return asldot_mtext_put_scalar(out, n->str, n->str_len, raw, n->line, n->column);
        case ASLDOT_DOC_NUMBER:
            return asldot_mtext_put(out, n->str, n->str_len, n->line, n->column);
        case ASLDOT_DOC_BOOL:
            return asldot_mtext_put(out, n->boolean ? "true" : "false", n->boolean ? 4 : 5, n->line,
                                    n->column);
        case ASLDOT_DOC_NULL:
            return asldot_mtext_put(out, "null", 4, n->line, n->column);
        default:
            return put_placeholder(out, n, n->kind == ASLDOT_DOC_ARRAY ? "list" : "object", NULL,
                                   NULL, known);
        }
    }
    arg = intrinsic_arg(n);
    if (strcmp(name, "Ref") == 0 && arg_string(arg, n) != NULL)
        return put_placeholder(out, n, arg->str, NULL, NULL, known);
    if (strcmp(name, "Fn::GetAtt") == 0) {
        if (arg_string(arg, n) != NULL)
            return put_placeholder(out, n, arg->str, NULL, NULL, known);
        if (arg->kind == ASLDOT_DOC_ARRAY && arg->count == 2 && string_of(arg->items[0]) &&
            string_of(arg->items[1]))
            return put_placeholder(out, n, arg->items[0]->str, ".", arg->items[1]->str, known);
    }
    if (strcmp(name, "Fn::Join") == 0)
        return join_text(out, arg, raw, known);
    if (strcmp(name, "Fn::Sub") == 0) {
        size_t before = out->text.len;
        asldot_status st = sub_text(out, n, arg, raw, known);
        if (st == ASLDOT_OK && out->text.len > before &&
            strstr(out->text.data + before, "${") != NULL)
            *known = 0;
        return st;
    }
    if (strcmp(name, "Fn::If") == 0 && arg->kind == ASLDOT_DOC_ARRAY && arg->count == 3)
        return asldot_intrinsic_text(out, arg->items[1], raw, known);
    if (strcmp(name, "Fn::Select") == 0 && arg->kind == ASLDOT_DOC_ARRAY && arg->count == 2 &&
        arg->items[1]->kind == ASLDOT_DOC_ARRAY && asldot_intrinsic_name(arg->items[1]) == NULL) {
        const asldot_doc_node *i = arg->items[0];
        double idx = i->kind == ASLDOT_DOC_NUMBER ? i->num
                     : string_of(i) != NULL       ? strtod(i->str, NULL)
                                                  : -1;
        if (idx >= 0 && idx < (double)arg->items[1]->count)
            return asldot_intrinsic_text(out, arg->items[1]->items[(size_t)idx], raw, known);
    }
    return put_placeholder(out, n, name, NULL, NULL, known);
}

/* ---------------------------------------------------------------- CloudFormation */

/* Sets *out to n's text (NULL when n is); fails only when out of memory. */
static asldot_status text_of(asldot_source *s, const asldot_doc_node *n, const char **out)
{
    asldot_mtext t = ASLDOT_MTEXT_INIT;
    int known = 1;
    asldot_status st;
    *out = n != NULL ? string_of(n) : NULL;
    if (n == NULL || *out != NULL)
        return ASLDOT_OK;
    st = asldot_intrinsic_text(&t, n, &s->lines, &known);
    if (st == ASLDOT_OK) {
        *out = asldot_arena_strndup(s->arena, t.text.data ? t.text.data : "", t.text.len);
        if (*out == NULL)
            st = ASLDOT_ERR_NOMEM;
    }
    asldot_mtext_free(&t);
    return st;
}

static asldot_status add_substitutions(asldot_source *s, asldot_source_entry *e,
                                       const asldot_doc_node *map)
{
    asldot_status st = ASLDOT_OK;
    if (map == NULL || map->kind != ASLDOT_DOC_OBJECT || asldot_intrinsic_name(map) != NULL)
        return ASLDOT_OK;
    for (size_t i = 0; i < map->count && st == ASLDOT_OK; i++) {
        asldot_mtext t = ASLDOT_MTEXT_INIT;
        int known = 1;
        st = asldot_intrinsic_text(&t, map->items[i], &s->lines, &known);
        if (st == ASLDOT_OK)
            st = asldot_source_add_subst(s, e, map->items[i]->key, t.text.data ? t.text.data : "",
                                         !known);
        asldot_mtext_free(&t);
    }
    return st;
}

static asldot_status definition_uri(asldot_source *s, asldot_source_entry *e,
                                    const asldot_doc_node *uri)
{
    const char *u = string_of(uri);
    char *why;
    e->info.origin = "DefinitionUri";
    if (u != NULL && strncmp(u, "s3://", 5) != 0) {
        e->info.origin = asldot_arena_printf(s->arena, "DefinitionUri %s", u);
        if (e->info.origin == NULL)
            return ASLDOT_ERR_NOMEM;
        return asldot_source_read_ref(s, e, u, uri->line, uri->column);
    }
    why = u != NULL ? asldot_arena_printf(s->arena, "the definition is in S3 (%s)", u)
                    : asldot_arena_strdup(s->arena, "the definition is in S3 (DefinitionUri "
                                                    "names a bucket and key)");
    return why == NULL ? ASLDOT_ERR_NOMEM : asldot_source_unresolved(s, e, why);
}

static asldot_status definition_string(asldot_source *s, asldot_source_entry *e,
                                       const asldot_doc_node *ds)
{
    const char *name = asldot_intrinsic_name(ds);
    int known = 1;
    asldot_status st;
    if (name == NULL && ds->kind != ASLDOT_DOC_STRING)
        return asldot_source_error(s, e, "definition-string", ds->line, ds->column,
                                   "DefinitionString is a %s, not a string",
                                   asldot_doc_kind_name(ds->kind));
    e->info.origin = name == NULL ? "DefinitionString (literal)"
                                  : asldot_arena_printf(s->arena, "DefinitionString (%s)", name);
    if (e->info.origin == NULL)
        return ASLDOT_ERR_NOMEM;
    st = asldot_intrinsic_text(&e->text, ds, &s->lines, &known);
    if (st != ASLDOT_OK)
        return st;
    if (name != NULL && strcmp(name, "Fn::Join") != 0 && strcmp(name, "Fn::Sub") != 0 &&
        strcmp(name, "Fn::If") != 0)
        return asldot_source_unresolved(s, e,
                                        "DefinitionString is computed by an intrinsic "
                                        "that only CloudFormation can evaluate");
    e->form = ASLDOT_DEF_TEXT;
    return ASLDOT_OK;
}

static asldot_status add_cfn_machine(asldot_source *s, const asldot_doc_node *res, const char *kind,
                                     const char *file_kind)
{
    const asldot_doc_node *props = asldot_doc_get(res, "Properties"), *def, *ds, *uri, *s3;
    asldot_source_entry *e;
    int sam = strcmp(kind, "sam") == 0;
    asldot_status st = asldot_source_add(s, res->key, file_kind ? file_kind : kind, res->key_line,
                                         res->key_column, &e);
    if (st != ASLDOT_OK)
        return st;
    if (props == NULL || props->kind != ASLDOT_DOC_OBJECT)
        return asldot_source_error(s, e, "no-definition", res->key_line, res->key_column,
                                   "state machine resource \"%s\" has no Properties", res->key);
    st = text_of(s, asldot_doc_get(props, sam ? "Name" : "StateMachineName"), &e->info.name);
    if (st == ASLDOT_OK)
        st = add_substitutions(s, e, asldot_doc_get(props, "DefinitionSubstitutions"));
    if (st != ASLDOT_OK)
        return st;
    def = asldot_doc_get(props, "Definition");
    ds = asldot_doc_get(props, "DefinitionString");
    uri = asldot_doc_get(props, "DefinitionUri");
    s3 = asldot_doc_get(props, "DefinitionS3Location");
    if (def != NULL) {
        e->info.origin = "Definition";
        if (def->kind != ASLDOT_DOC_OBJECT || asldot_intrinsic_name(def) != NULL)
            return def->kind == ASLDOT_DOC_OBJECT
                       ? asldot_source_unresolved(s, e, "Definition is computed by an intrinsic")
                       : asldot_source_error(s, e, "definition-type", def->line, def->column,
                                             "Definition is a %s, not a mapping",
                                             asldot_doc_kind_name(def->kind));
        e->form = ASLDOT_DEF_TREE;
        e->tree = def;
        return ASLDOT_OK;
    }
    if (ds != NULL)
        return definition_string(s, e, ds);
    if (uri != NULL)
        return definition_uri(s, e, uri);
    if (s3 != NULL) {
        e->info.origin = "DefinitionS3Location";
        return asldot_source_unresolved(s, e, "the definition is in S3 (DefinitionS3Location)");
    }
    return asldot_source_error(s, e, "no-definition", res->key_line, res->key_column,
                               "state machine \"%s\" has no Definition, DefinitionString, "
                               "DefinitionUri or DefinitionS3Location",
                               res->key);
}

/* Adds the state machines among the resources; file_kind overrides the kind (serverless). */
static asldot_status find_in_resources(asldot_source *s, const asldot_doc_node *resources,
                                       const char *file_kind)
{
    asldot_status st = ASLDOT_OK, worst = ASLDOT_OK;
    int cdk;
    if (resources == NULL || resources->kind != ASLDOT_DOC_OBJECT)
        return ASLDOT_OK;
    cdk = asldot_doc_get(resources, "CDKMetadata") != NULL;
    for (size_t i = 0; i < resources->count; i++) {
        const asldot_doc_node *r = resources->items[i];
        const char *type = asldot_doc_get_string(r, "Type");
        const asldot_doc_node *meta = asldot_doc_get(r, "Metadata");
        const char *kind;
        if (type == NULL)
            continue;
        if (strcmp(type, "AWS::Serverless::StateMachine") == 0)
            kind = "sam";
        else if (strcmp(type, "AWS::StepFunctions::StateMachine") == 0)
            kind = cdk || asldot_doc_get(meta, "aws:cdk:path") != NULL ? "cdk" : "cloudformation";
        else
            continue;
        st = add_cfn_machine(s, r, kind, file_kind);
        if (st == ASLDOT_ERR_INVALID)
            worst = st; /* recorded; the other machines are still found */
        else if (st != ASLDOT_OK)
            return st;
    }
    return worst;
}

asldot_status asldot_source_find_cfn(asldot_source *s)
{
    return find_in_resources(s, asldot_doc_get(s->doc->root, "Resources"), NULL);
}

/* ---------------------------------------------------------------- Serverless Framework */

/* "${file(./x.json)}" or "${file(x.yml):key}" -> *out, the path in the arena; else NULL. */
static asldot_status file_reference(asldot_source *s, const char *v, const char **out)
{
    const char *p, *end;
    *out = NULL;
    if (v == NULL || strncmp(v, "${file(", 7) != 0)
        return ASLDOT_OK;
    p = v + 7;
    end = strchr(p, ')');
    if (end == NULL)
        return ASLDOT_OK;
    *out = asldot_arena_strndup(s->arena, p, (size_t)(end - p));
    return *out != NULL ? ASLDOT_OK : ASLDOT_ERR_NOMEM;
}

asldot_status asldot_source_find_serverless(asldot_source *s)
{
    const asldot_doc_node *root = s->doc->root;
    const asldot_doc_node *machines =
        asldot_doc_get(asldot_doc_get(root, "stepFunctions"), "stateMachines");
    asldot_status st = ASLDOT_OK, worst = ASLDOT_OK;
    for (size_t i = 0; machines && machines->kind == ASLDOT_DOC_OBJECT && i < machines->count;
         i++) {
        const asldot_doc_node *m = machines->items[i], *def = asldot_doc_get(m, "definition");
        const char *ref = NULL;
        asldot_source_entry *e;
        st = file_reference(s, def ? def->str : NULL, &ref);
        if (st == ASLDOT_OK)
            st = asldot_source_add(s, m->key, "serverless", m->key_line, m->key_column, &e);
        if (st == ASLDOT_OK)
            st = text_of(s, asldot_doc_get(m, "name"), &e->info.name);
        if (st != ASLDOT_OK)
            return st;
        e->info.origin = "definition";
        if (def != NULL && def->kind == ASLDOT_DOC_OBJECT) {
            e->form = ASLDOT_DEF_TREE;
            e->tree = def;
        } else if (def != NULL && def->kind == ASLDOT_DOC_STRING && ref != NULL) {
            st = asldot_source_read_ref(s, e, ref, def->line, def->column);
        } else if (def != NULL && def->kind == ASLDOT_DOC_STRING) {
            st = asldot_source_unresolved(s, e, "the definition is a Serverless variable");
        } else {
            st = asldot_source_error(s, e, "no-definition", m->key_line, m->key_column,
                                     "state machine \"%s\" has no definition mapping", m->key);
        }
        if (st == ASLDOT_ERR_INVALID)
            worst = st;
        else if (st != ASLDOT_OK)
            return st;
    }
    st = find_in_resources(s, asldot_doc_get(asldot_doc_get(root, "resources"), "Resources"), NULL);
    return st != ASLDOT_OK ? st : worst;
}
