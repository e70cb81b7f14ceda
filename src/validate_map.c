/*
 * validate_map.c: the Map state's sub-objects: the processor (ItemProcessor, or the legacy
 * Iterator) as a scope with its ProcessorConfig (Mode INLINE|DISTRIBUTED, ExecutionType
 * STANDARD|EXPRESS), and the Distributed Map's ItemReader, ItemBatcher and ResultWriter
 * (object types, payload templates, mutually exclusive value/path pairs).
 */
#include "jsonpath.h"
#include "validate.h"

#include <stdio.h>
#include <string.h>

static void wrong_type(asldot_vctx *c, const char *name, const char *where,
                       const asldot_doc_node *f, const char *expected)
{
    asldot_vreport(c, ASLDOT_SEV_ERROR, "wrong-type", f, 0,
                   "Map state \"%s\" field \"%s%s%s\" must be %s, not %s", name, where,
                   where[0] ? "." : "", f->key ? f->key : "", expected,
                   asldot_doc_kind_name(f->kind));
}

static void check_enum(asldot_vctx *c, const char *name, const char *where,
                       const asldot_doc_node *f, const char *a, const char *b)
{
    if (f->kind != ASLDOT_DOC_STRING) {
        wrong_type(c, name, where, f, "a string");
        return;
    }
    if (strcmp(f->str, a) != 0 && strcmp(f->str, b) != 0)
        asldot_vreport(c, ASLDOT_SEV_ERROR, "invalid-enum", f, 0,
                       "Map state \"%s\" field \"%s.%s\" must be \"%s\" or \"%s\", not \"%.40s\"",
                       name, where, f->key, a, b, f->str);
}

static void check_processor_config(asldot_vctx *c, const char *name, const asldot_doc_node *pc)
{
    if (pc->kind != ASLDOT_DOC_OBJECT) {
        wrong_type(c, name, "ItemProcessor", pc, "an object");
        return;
    }
    for (size_t i = 0; i < pc->count; i++) {
        const asldot_doc_node *f = pc->items[i];
        if (asldot_vkey_is(f, "Mode"))
            check_enum(c, name, "ProcessorConfig", f, "INLINE", "DISTRIBUTED");
        else if (asldot_vkey_is(f, "ExecutionType"))
            check_enum(c, name, "ProcessorConfig", f, "STANDARD", "EXPRESS");
        else
            asldot_vreport(c, ASLDOT_SEV_ERROR, "unknown-field", f, 1,
                           "Map state \"%s\" ProcessorConfig has unknown field \"%s\"", name,
                           f->key ? f->key : "");
    }
}

static void check_processor(asldot_vctx *c, const char *name, const asldot_doc_node *p)
{
    char owner[200];
    (void)snprintf(owner, sizeof owner, "%s of Map state \"%.120s\"", p->key ? p->key : "processor",
                   name);
    if (p->kind != ASLDOT_DOC_OBJECT) {
        wrong_type(c, name, "", p, "an object with \"StartAt\" and \"States\"");
        return;
    }
    asldot_validate_scope_object(c, owner, p, "processor");
    {
        const asldot_doc_node *pc = asldot_doc_get(p, "ProcessorConfig");
        if (pc != NULL)
            check_processor_config(c, name, pc);
    }
}

static void check_pairs(asldot_vctx *c, const char *name, const char *where,
                        const asldot_doc_node *obj, const char *const (*pairs)[2], size_t n)
{
    for (size_t k = 0; k < n; k++) {
        const asldot_doc_node *a = asldot_doc_get(obj, pairs[k][0]);
        const asldot_doc_node *b = asldot_doc_get(obj, pairs[k][1]);
        if (a != NULL && b != NULL)
            asldot_vreport(c, ASLDOT_SEV_ERROR, "mutually-exclusive", b, 1,
                           "Map state \"%s\" %s cannot have both \"%s\" and \"%s\"", name, where,
                           pairs[k][0], pairs[k][1]);
    }
}

static void check_count(asldot_vctx *c, const char *name, const char *where,
                        const asldot_doc_node *f, int jsonata)
{
    if ((jsonata && asldot_vis_jsonata_string(f)) || asldot_vis_placeholder(f))
        return;
    if (f->kind != ASLDOT_DOC_NUMBER) {
        wrong_type(c, name, where, f, "an integer");
        return;
    }
    if (!asldot_doc_is_integer(f, -1e300, 1e300))
        asldot_vreport(c, ASLDOT_SEV_ERROR, "not-an-integer", f, 0,
                       "Map state \"%s\" field \"%s.%s\" must be an integer, not %s", name, where,
                       f->key, f->str ? f->str : "a fraction");
    else if (f->num < 0)
        asldot_vreport(c, ASLDOT_SEV_ERROR, "number-out-of-range", f, 0,
                       "Map state \"%s\" field \"%s.%s\" must not be negative", name, where,
                       f->key);
}

static void check_path_member(asldot_vctx *c, const char *name, const asldot_doc_node *f,
                              int jsonata)
{
    if (jsonata) {
        asldot_vreport(c, ASLDOT_SEV_ERROR, "jsonpath-field-in-jsonata", f, 1,
                       "Map state \"%s\" uses JSONata and cannot have the JSONPath field \"%s\"",
                       name, f->key);
        return;
    }
    if (f->kind != ASLDOT_DOC_STRING) {
        wrong_type(c, name, "", f, "a path string");
        return;
    }
    asldot_validate_path_field(c, name, f, ASLDOT_JP_CONTEXT | ASLDOT_JP_VARIABLE);
}

/* ItemReader, ResultWriter: Resource, Parameters (JSONPath) or Arguments (JSONata), config. */
static void check_io(asldot_vctx *c, const char *name, const asldot_doc_node *o, int jsonata,
                     const char *config)
{
    static const char *const pairs[][2] = {{"MaxItems", "MaxItemsPath"}};
    const char *where = o->key;
    if (o->kind != ASLDOT_DOC_OBJECT) {
        wrong_type(c, name, "", o, "an object");
        return;
    }
    if (strcmp(where, "ItemReader") == 0 && asldot_doc_get(o, "Resource") == NULL)
        asldot_vreport(c, ASLDOT_SEV_ERROR, "missing-field", o, 1,
                       "Map state \"%s\" ItemReader has no \"Resource\"", name);
    for (size_t i = 0; i < o->count; i++) {
        const asldot_doc_node *f = o->items[i];
        if (asldot_vkey_is(f, "Resource")) {
            if (f->kind != ASLDOT_DOC_STRING)
                wrong_type(c, name, where, f, "a string");
        } else if (asldot_vkey_is(f, "Parameters")) {
            if (jsonata)
                asldot_vreport(c, ASLDOT_SEV_ERROR, "jsonpath-field-in-jsonata", f, 1,
                               "Map state \"%s\" uses JSONata and its %s cannot have "
                               "\"Parameters\"; use \"Arguments\"",
                               name, where);
            else
                asldot_validate_payload(c, name, f);
        } else if (asldot_vkey_is(f, "Arguments")) {
            if (!jsonata)
                asldot_vreport(c, ASLDOT_SEV_ERROR, "jsonata-field-in-jsonpath", f, 1,
                               "Map state \"%s\" uses JSONPath and its %s cannot have "
                               "\"Arguments\"; use \"Parameters\"",
                               name, where);
        } else if (asldot_vkey_is(f, config)) {
            if (f->kind != ASLDOT_DOC_OBJECT) {
                if (!(jsonata && asldot_vis_jsonata_string(f)))
                    wrong_type(c, name, where, f, "an object");
                continue;
            }
            check_pairs(c, name, config, f, pairs, 1);
            for (size_t k = 0; k < f->count; k++) {
                const asldot_doc_node *g = f->items[k];
                if (asldot_vkey_is(g, "MaxItems"))
                    check_count(c, name, config, g, jsonata);
                else if (asldot_vkey_is(g, "MaxItemsPath"))
                    check_path_member(c, name, g, jsonata);
            }
        } else {
            asldot_vreport(c, ASLDOT_SEV_ERROR, "unknown-field", f, 1,
                           "Map state \"%s\" %s has unknown field \"%s\"", name, where,
                           f->key ? f->key : "");
        }
    }
}

static void check_batcher(asldot_vctx *c, const char *name, const asldot_doc_node *o, int jsonata)
{
    static const char *const pairs[][2] = {{"MaxItemsPerBatch", "MaxItemsPerBatchPath"},
                                           {"MaxInputBytesPerBatch", "MaxInputBytesPerBatchPath"}};
    if (o->kind != ASLDOT_DOC_OBJECT) {
        wrong_type(c, name, "", o, "an object");
        return;
    }
    check_pairs(c, name, "ItemBatcher", o, pairs, 2);
    for (size_t i = 0; i < o->count; i++) {
        const asldot_doc_node *f = o->items[i];
        if (asldot_vkey_is(f, "MaxItemsPerBatch") || asldot_vkey_is(f, "MaxInputBytesPerBatch"))
            check_count(c, name, "ItemBatcher", f, jsonata);
        else if (asldot_vkey_is(f, "MaxItemsPerBatchPath") ||
                 asldot_vkey_is(f, "MaxInputBytesPerBatchPath"))
            check_path_member(c, name, f, jsonata);
        else if (asldot_vkey_is(f, "BatchInput")) {
            if (!jsonata)
                asldot_validate_payload(c, name, f);
        } else
            asldot_vreport(c, ASLDOT_SEV_ERROR, "unknown-field", f, 1,
                           "Map state \"%s\" ItemBatcher has unknown field \"%s\"", name,
                           f->key ? f->key : "");
    }
}

void asldot_validate_map_fields(asldot_vctx *c, const char *name, const asldot_doc_node *st,
                                int jsonata)
{
    for (size_t i = 0; i < st->count; i++) {
        const asldot_doc_node *f = st->items[i];
        if (asldot_vkey_is(f, "ItemProcessor") || asldot_vkey_is(f, "Iterator"))
            check_processor(c, name, f);
        else if (asldot_vkey_is(f, "ItemReader"))
            check_io(c, name, f, jsonata, "ReaderConfig");
        else if (asldot_vkey_is(f, "ResultWriter"))
            check_io(c, name, f, jsonata, "WriterConfig");
        else if (asldot_vkey_is(f, "ItemBatcher"))
            check_batcher(c, name, f, jsonata);
    }
}
