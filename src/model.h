/*
 * model.h: the ASL model. A machine is a tree of scopes (the top level, each Parallel branch,
 * each Map processor); a scope holds states in document order. The model keeps the document tree
 * (doc.h) it was built from, so validation can point at any field, and copies nothing out of
 * cJSON/libyaml. Built leniently by parse_machine.c: a field of the wrong type is left unset here
 * (validate.c reports it), so the model exists for anything that is a JSON/YAML object.
 */
#ifndef ASLDOT_MODEL_H
#define ASLDOT_MODEL_H
#include "asldot.h"
#include "arena.h"
#include "doc.h"

typedef struct asldot_scope asldot_scope;
typedef struct asldot_state asldot_state;

typedef struct asldot_choice_rule {
    const char *next;            /* NULL when absent or not a string */
    const asldot_doc_node *node; /* the rule object (or the non-object item) */
} asldot_choice_rule;

typedef struct asldot_catcher {
    const char *const *errors; /* ErrorEquals strings (non-strings skipped) */
    size_t error_count;
    const char *next;
    const asldot_doc_node *node;
} asldot_catcher;

typedef struct asldot_retrier {
    const char *const *errors;
    size_t error_count;
    double max_attempts; /* -1 when absent (AWS default 3) */
    double interval;     /* -1 when absent (default 1) */
    double backoff_rate; /* -1 when absent (default 2) */
    const asldot_doc_node *node;
} asldot_retrier;

struct asldot_state {
    const char *name;
    asldot_state_type type;
    const char *type_name;       /* raw "Type" string, NULL when absent/not a string */
    const asldot_doc_node *node; /* the state's object in the document */
    asldot_scope *scope;         /* the scope holding this state */
    size_t index;                /* position in scope->states */
    size_t id;                   /* position in machine->states (document order, depth first) */

    const char *next;    /* "Next" */
    int end;             /* "End": true */
    const char *comment; /* "Comment" */
    int jsonata;         /* effective QueryLanguage is JSONata (state's own, else machine's) */

    /* Choice */
    asldot_choice_rule *choices;
    size_t choice_count;
    const char *default_next;

    /* Task, Parallel, Map */
    asldot_catcher *catchers;
    size_t catcher_count;
    asldot_retrier *retriers;
    size_t retrier_count;

    /* Parallel: one scope per branch; Map: one processor (ItemProcessor or legacy Iterator) */
    asldot_scope **branches;
    size_t branch_count;
    asldot_scope *processor;
};

struct asldot_scope {
    asldot_state *owner;         /* the Parallel/Map state, NULL at the top level */
    size_t branch_index;         /* Parallel branch number */
    unsigned depth;              /* 0 at the top level */
    const char *start_at;        /* "StartAt" */
    const char *comment;         /* "Comment" */
    const asldot_doc_node *node; /* the scope object: top level, branch, ItemProcessor/Iterator */
    asldot_state **states;       /* document order */
    size_t count;
    /* model.c's name index: states sorted by name, then index (NULL: searched linearly) */
    asldot_state **by_name;
};

struct asldot_machine {
    asldot_arena *arena; /* owns the model; the document has its own arena */
    asldot_doc *doc;     /* owned */
    asldot_scope *top;
    asldot_state **states; /* every state, depth first in document order */
    size_t state_count;
    const char *comment;
    int jsonata; /* top-level QueryLanguage is JSONata */
    /* model.c's name index: every state sorted by name, then id (parse_machine.c fills it) */
    asldot_state **by_name;
};

/**
 * Builds a machine from a document tree (asldot_machine_parse after parsing; the source layer
 * for definitions inside templates). Takes ownership of doc whatever happens.
 */
ASLDOT_MUST_CHECK asldot_status asldot_machine_from_doc(asldot_machine **out, asldot_doc *doc,
                                                        const asldot_options *opts,
                                                        asldot_diagnostics *diags);

/** Returns the state called name in scope s, or NULL. */
asldot_state *asldot_scope_find(const asldot_scope *s, const char *name);
/** Returns the state called name anywhere in the machine (first in document order), or NULL. */
asldot_state *asldot_machine_find(const asldot_machine *m, const char *name);
/** Maps a "Type" string to the enum (ASLDOT_STATE_UNKNOWN when unknown or NULL). */
asldot_state_type asldot_state_type_parse(const char *s);
/** Returns the ASL spelling ("Task", ...) or "Unknown". Ownership: static. */
const char *asldot_state_type_name(asldot_state_type t);
#endif
