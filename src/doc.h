/*
 * doc.h: the strict input layer's product, a library-owned document tree with source positions.
 * JSON (json_in.c, through cJSON) and YAML (yaml_in.c, through libyaml) both produce it, so
 * everything after this stage is format-blind, and no cJSON or libyaml pointer outlives parsing.
 */
#ifndef ASLDOT_DOC_H
#define ASLDOT_DOC_H
#include "asldot.h"
#include "arena.h"
#include "buf.h"

typedef enum asldot_doc_kind {
    ASLDOT_DOC_NULL = 0,
    ASLDOT_DOC_BOOL,
    ASLDOT_DOC_NUMBER,
    ASLDOT_DOC_STRING,
    ASLDOT_DOC_ARRAY,
    ASLDOT_DOC_OBJECT
} asldot_doc_kind;

/* asldot_doc_node.flags */
#define ASLDOT_DOC_YAML_PLAIN (1u << 0) /* YAML scalar written without quotes */
/* A value not known until deploy time (a CloudFormation intrinsic, a ${...} the source layer
 * could not fill): kind STRING, str its placeholder text. The validator accepts it for a field
 * of any type (asldot_vis_placeholder); everything else treats it as the string it shows. */
#define ASLDOT_DOC_PLACEHOLDER (1u << 1)

typedef struct asldot_doc_node asldot_doc_node;
struct asldot_doc_node {
    asldot_doc_kind kind;
    unsigned flags;
    unsigned line, column;         /* 1-based position of the value */
    unsigned key_line, key_column; /* position of the member name (parent is an object), else 0 */
    const char *key;               /* member name when the parent is an object, else NULL */
    size_t key_len;
    /* STRING placeholder "${X...}" naming a resource of its template: the resource's type
     * ("AWS::Lambda::Function"), set by the source layer; else NULL */
    const char *hint;
    const char *tag; /* YAML local tag ("!Ref", "!GetAtt", ...) when one was written, else NULL */
    const char *str; /* STRING: the value (NUL-terminated copy); NUMBER: its source text */
    size_t str_len;
    double num;  /* NUMBER */
    int boolean; /* BOOL: 0 or 1 */
    asldot_doc_node *parent;
    size_t index;            /* position within the parent */
    asldot_doc_node **items; /* ARRAY/OBJECT: children in document order */
    size_t count;
};

typedef struct asldot_doc {
    asldot_arena *arena; /* owns every node and string */
    asldot_doc_node *root;
    int is_yaml;
} asldot_doc;

/**
 * Parses data as JSON or YAML (opts->input_format; AUTO sniffs the first significant byte),
 * enforcing the strict input rules: empty input, size and nesting limits, UTF-8 validity, no NUL
 * characters, no trailing data, duplicate keys (error, or warning with ASLDOT_OPT_LENIENT), a
 * UTF-8 BOM is skipped. Returns ASLDOT_OK when *out was set (diagnostics may still hold errors,
 * e.g. duplicate keys); ASLDOT_ERR_SYNTAX or ASLDOT_ERR_LIMIT with a diagnostic otherwise.
 * Ownership: caller frees *out with asldot_doc_free.
 */
ASLDOT_MUST_CHECK asldot_status asldot_doc_parse(asldot_doc **out, const char *data, size_t len,
                                                 const asldot_options *opts,
                                                 asldot_diagnostics *diags);
void asldot_doc_free(asldot_doc *doc);

/* The two back ends (called by asldot_doc_parse after the common checks; data has no BOM). */
ASLDOT_MUST_CHECK asldot_status asldot_json_parse(asldot_doc *doc, const char *data, size_t len,
                                                  const asldot_options *opts,
                                                  asldot_diagnostics *diags);
ASLDOT_MUST_CHECK asldot_status asldot_yaml_parse(asldot_doc *doc, const char *data, size_t len,
                                                  const asldot_options *opts,
                                                  asldot_diagnostics *diags);

/** Returns the member of obj named key (case-sensitive, first match) or NULL; obj may be NULL. */
const asldot_doc_node *asldot_doc_get(const asldot_doc_node *obj, const char *key);
/** Returns the member's string value, or NULL if absent or not a string. */
const char *asldot_doc_get_string(const asldot_doc_node *obj, const char *key);
/** Returns 1 when n is a NUMBER holding an integer value in [min, max] (finite), else 0. */
int asldot_doc_is_integer(const asldot_doc_node *n, double min, double max);
/** The NUMBER n as JSON text, in buf (at least 40 bytes) or borrowed from n: its source text
 * when that is already a JSON number (RFC 8259), else its value printed without the locale;
 * NULL when the value has no JSON form (YAML's .inf, .nan). */
const char *asldot_doc_number_json(const asldot_doc_node *n, char *buf, size_t size, size_t *len);
/** Returns a name for the kind ("string", "object", ...). Ownership: static. */
const char *asldot_doc_kind_name(asldot_doc_kind k);

/**
 * Calls visit on root and every node below it, parents before children and children in
 * document order, without recursion (any depth). Returns ASLDOT_OK or ASLDOT_ERR_NOMEM.
 */
ASLDOT_MUST_CHECK asldot_status asldot_doc_walk(asldot_doc_node *root,
                                                void (*visit)(void *ctx, asldot_doc_node *n),
                                                void *ctx);

/** Appends n's JSON Pointer (RFC 6901, "~0"/"~1" escapes) to out. */
ASLDOT_MUST_CHECK asldot_status asldot_doc_pointer(asldot_buf *out, const asldot_doc_node *n);
/** As asldot_doc_pointer, then appends "/" + escaped child (a member that may be absent). */
ASLDOT_MUST_CHECK asldot_status asldot_doc_pointer_child(asldot_buf *out, const asldot_doc_node *n,
                                                         const char *child);

/**
 * Adds a diagnostic located at node n: its JSON Pointer, and the line:column of its key when
 * at_key is non-zero and n is an object member (else of its value). n may be NULL (document).
 */
ASLDOT_MUST_CHECK asldot_status asldot_doc_diag(asldot_diagnostics *d, asldot_severity sev,
                                                const char *code, const asldot_doc_node *n,
                                                int at_key, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;
#endif
