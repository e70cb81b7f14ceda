/*
 * source.h: the source stage, before parse_machine. One input file becomes a list of state
 * machines, each with its definition in one of two forms:
 *   - a tree: a Definition mapping inside the file's own document (CloudFormation, SAM,
 *     serverless.yml). Loading copies it, turning intrinsics into placeholders and applying the
 *     substitutions; positions stay those of the file.
 *   - a text: a DefinitionString, a referenced file, a Terraform heredoc or jsonencode(), the
 *     AWS CLI's "definition" string. Kept as position-mapped text (mtext.h); loading applies the
 *     substitutions textually (as AWS does), quotes bare ${...} placeholders, parses, and maps
 *     every position back to the file.
 * Finding the machines (source.c detects the kind) is per kind: source_cfn.c (CloudFormation,
 * SAM, CDK, Serverless), source_tf.c (Terraform HCL and its JSON), source.c (bare, AWS CLI).
 * Nothing downstream knows where a definition came from except through the positions.
 */
#ifndef ASLDOT_SOURCE_H
#define ASLDOT_SOURCE_H
#include "asldot.h"
#include "arena.h"
#include "doc.h"
#include "mtext.h"

typedef enum asldot_def_form {
    ASLDOT_DEF_NONE = 0,
    ASLDOT_DEF_TREE,
    ASLDOT_DEF_TEXT
} asldot_def_form;

/* One ${key} substitution: value is what replaces it; placeholder marks a value that is itself
 * unknown until deploy time (an intrinsic's text such as "${ChargeFn.Arn}"). */
typedef struct asldot_subst {
    const char *key;
    const char *value;
    int placeholder;
} asldot_subst;

typedef struct asldot_source_entry {
    asldot_source_machine info; /* strings in the source's arena */
    asldot_def_form form;
    const asldot_doc_node *tree; /* TREE: borrowed from the source's document */
    asldot_mtext text;           /* TEXT: positions in info.file */
    asldot_subst *subs;          /* arena; applied in order, first match wins */
    size_t sub_count;
    int broken; /* an error about this machine was recorded: it cannot be loaded */
} asldot_source_entry;

struct asldot_source {
    asldot_arena *arena;
    asldot_source_kind kind;
    const char *path; /* as given (arena copy), or NULL */
    const char *dir;  /* path's folder with a trailing '/', "" for none; NULL: no references */
    char *data;       /* heap copy of the input */
    size_t len;
    asldot_lines lines;         /* of data */
    asldot_doc *doc;            /* the parsed file (NULL for Terraform HCL) */
    const asldot_options *opts; /* borrowed for the duration of asldot_source_parse only */
    asldot_diagnostics *diags;  /* idem */
    asldot_subst *user_subs;    /* --substitute, applied after an entry's own */
    size_t user_sub_count;
    size_t current; /* 1 + the entry a finder is reading (errors without one are about it), or 0 */
    asldot_source_entry *entries; /* heap */
    size_t count, cap;
};

/* ---- source.c: shared by the finders */

/** Adds a machine (id copied); *out points into s->entries until the next add. */
ASLDOT_MUST_CHECK asldot_status asldot_source_add(asldot_source *s, const char *id,
                                                  const char *kind, unsigned line, unsigned column,
                                                  asldot_source_entry **out);
/** Records an error about entry e (NULL: the file), marks e broken. Returns ERR_INVALID or NOMEM.
 */
ASLDOT_MUST_CHECK asldot_status asldot_source_error(asldot_source *s, asldot_source_entry *e,
                                                    const char *code, unsigned line,
                                                    unsigned column, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;
/**
 * Reads a file that the source refers to (rel, relative to the source's folder) into e->text
 * with its own positions and sets e->info.file. A missing or unreadable file is an error about
 * e (code "definition-file") at line:column of the reference; without a folder (data not read
 * from a file) the machine is unresolved instead. Returns ASLDOT_OK when it was read.
 */
ASLDOT_MUST_CHECK asldot_status asldot_source_read_ref(asldot_source *s, asldot_source_entry *e,
                                                       const char *rel, unsigned line,
                                                       unsigned column);
/** Marks e unresolved with the reason (copied). */
ASLDOT_MUST_CHECK asldot_status asldot_source_unresolved(asldot_source *s, asldot_source_entry *e,
                                                         const char *why);
/** Appends a substitution to e (strings copied). */
ASLDOT_MUST_CHECK asldot_status asldot_source_add_subst(asldot_source *s, asldot_source_entry *e,
                                                        const char *key, const char *value,
                                                        int placeholder);

/* ---- the finders (each adds the machines of s->doc or s->data) */
ASLDOT_MUST_CHECK asldot_status asldot_source_find_cfn(asldot_source *s);
ASLDOT_MUST_CHECK asldot_status asldot_source_find_serverless(asldot_source *s);
ASLDOT_MUST_CHECK asldot_status asldot_source_find_terraform(asldot_source *s);
ASLDOT_MUST_CHECK asldot_status asldot_source_find_terraform_json(asldot_source *s);

/* ---- source_cfn.c: intrinsics */

/** The intrinsic n is ("Ref", "Fn::GetAtt", ... from a one-member object or a YAML tag), or NULL.
 */
const char *asldot_intrinsic_name(const asldot_doc_node *n);
/**
 * Appends n's value as text: a string as written (positions through raw), a number or boolean
 * as its JSON text, an intrinsic resolved as far as the file allows (Fn::Join, Fn::Sub with its
 * map, Fn::If's first branch, Fn::Select of a list) and otherwise its placeholder ("${X}" for
 * Ref X, "${A.B}" for Fn::GetAtt, "${Fn::Name}"). *known is cleared when a placeholder went in.
 */
ASLDOT_MUST_CHECK asldot_status asldot_intrinsic_text(asldot_mtext *out, const asldot_doc_node *n,
                                                      const asldot_lines *raw, int *known);

/* ---- source_load.c */

/** Builds the machine of entry e (see asldot_source_load). */
ASLDOT_MUST_CHECK asldot_status asldot_source_entry_load(asldot_machine **out,
                                                         const asldot_source *s,
                                                         const asldot_source_entry *e,
                                                         const asldot_options *opts,
                                                         asldot_diagnostics *diags);
/**
 * Replaces each ${KEY} of in (not ${!KEY}, which becomes ${KEY}) that subs fills. Returns the
 * status of the appends.
 */
ASLDOT_MUST_CHECK asldot_status asldot_subst_text(asldot_mtext *out, const asldot_mtext *in,
                                                  const asldot_subst *subs, size_t n,
                                                  const asldot_subst *more, size_t more_n);
/** Copies in, quoting every ${...} that stands outside a JSON string. */
ASLDOT_MUST_CHECK asldot_status asldot_quote_placeholders(asldot_mtext *out,
                                                          const asldot_mtext *in);

/* ---- source_unfilled.c */

/**
 * Notes (code "placeholder-unfilled") each ${KEY} in the strings under root, the loaded
 * definition of e, that no substitution fills and no deploying tool resolves; one note per key,
 * at its first use. Returns ASLDOT_OK or the status of the diagnostics or allocation.
 */
ASLDOT_MUST_CHECK asldot_status asldot_source_note_unfilled(const asldot_source *s,
                                                            const asldot_source_entry *e,
                                                            asldot_doc_node *root,
                                                            asldot_diagnostics *diags);
#endif
