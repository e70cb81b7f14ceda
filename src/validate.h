/*
 * validate.h: shared context of the semantic validator (validate*.c). Validation is read-only
 * over the model and its document tree; it only adds diagnostics. Field-level checks walk the
 * document (every member has a position); graph checks use the model's scopes and states.
 */
#ifndef ASLDOT_VALIDATE_H
#define ASLDOT_VALIDATE_H
#include "asldot.h"
#include "doc.h"
#include "model.h"

/* Nesting bound for recursive walks over payload templates and rules (documents are already
 * depth-limited by the input layer; this keeps a hostile max_doc_depth from hurting us). */
#define ASLDOT_VALIDATE_MAX_DEPTH 256

typedef struct asldot_vctx {
    const asldot_machine *m;
    asldot_diagnostics *diags;
    size_t errors;        /* errors added by validation */
    asldot_status status; /* ASLDOT_ERR_NOMEM once an allocation failed, else ASLDOT_OK */
    int machine_jsonata;  /* top-level QueryLanguage is "JSONata" */
} asldot_vctx;

/** Adds a diagnostic at n (its key when at_key and n is a member), counting errors. */
void asldot_vreport(asldot_vctx *c, asldot_severity sev, const char *code, const asldot_doc_node *n,
                    int at_key, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;

/** Returns 1 when the member name of n equals s. */
int asldot_vkey_is(const asldot_doc_node *n, const char *s);
/** Returns 1 when n is a string that starts with "{%" or ends with "%}". */
int asldot_vis_jsonata_string(const asldot_doc_node *n);
/** Returns 1 when n is a string that is one deploy-time placeholder such as "${Timeout}"
 * (CloudFormation, SAM, Terraform substitute them before AWS sees the definition). */
int asldot_vis_placeholder(const asldot_doc_node *n);
/** Returns 1 when the state object node uses JSONata (its own QueryLanguage, else the machine's).
 */
int asldot_vstate_jsonata(const asldot_vctx *c, const asldot_doc_node *state);

/* validate_fields.c: per-state-type field tables, JSON types, exclusivity, ranges. */
void asldot_validate_state_fields(asldot_vctx *c, const char *name, const asldot_doc_node *state);
/* validate_retry.c: Retry and Catch arrays. */
void asldot_validate_retry(asldot_vctx *c, const char *name, const asldot_doc_node *arr,
                           int jsonata);
void asldot_validate_catch(asldot_vctx *c, const char *name, const asldot_doc_node *arr,
                           int jsonata);
/* validate_choice.c: Choices rules. */
void asldot_validate_choices(asldot_vctx *c, const char *name, const asldot_doc_node *arr,
                             int jsonata);
/* validate_payload.c: payload templates ("*.$" keys), JSONata strings, Credentials. */
void asldot_validate_payload(asldot_vctx *c, const char *name, const asldot_doc_node *n);
/** A Pass state's "Result": warns (pass-result-is-static) when it holds a path. */
void asldot_validate_static_result(asldot_vctx *c, const char *name, const asldot_doc_node *n);
/** Returns 1 when n is a string that is a valid path, context path or intrinsic call. */
int asldot_vlooks_like_path(const asldot_doc_node *n);
void asldot_validate_jsonata_strings(asldot_vctx *c, const char *name, const asldot_doc_node *n,
                                     unsigned depth);
/** Checks a path field (flags from jsonpath.h); reports invalid-jsonpath. */
void asldot_validate_path_field(asldot_vctx *c, const char *name, const asldot_doc_node *n,
                                unsigned flags);
/* validate_resource.c: Task "Resource" ARNs. */
void asldot_validate_resource(asldot_vctx *c, const char *name, const asldot_doc_node *n);
/* validate_map.c: Map sub-objects (ItemReader, ItemBatcher, ResultWriter, processors). */
void asldot_validate_map_fields(asldot_vctx *c, const char *name, const asldot_doc_node *state,
                                int jsonata);
/** Checks a scope object (top level, branch, processor): StartAt, States, allowed members. */
void asldot_validate_scope_object(asldot_vctx *c, const char *owner, const asldot_doc_node *obj,
                                  const char *what);
/* validate_graph.c: transitions, reachability, terminal states, names. */
void asldot_validate_graph(asldot_vctx *c);
/** Warns when the definition, minified, is over AWS's 1 MB quota (validate_size.c). */
void asldot_validate_size(asldot_vctx *c, const asldot_doc_node *root);
#endif
