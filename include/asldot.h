/*
 * asldot.h: the public interface of libasldot, which turns AWS Step Functions state machines
 * (Amazon States Language, JSON or YAML) into diagrams.
 *
 * Pipeline:  bytes -> [asldot_source (a template's machines) -> load one]
 *            -> asldot_machine (parse) -> validate -> asldot_graph (build)
 *            -> [overlay an execution history] -> [diff against an older version]
 *            -> [view: collapse, focus, catch stubs] -> [legend] -> style
 *            -> render (SVG/PNG/PDF/DOT/Mermaid/HTML).
 *
 * Conventions
 *  - Every fallible function returns an asldot_status; failures are negative.
 *  - Output parameters come first and are set to NULL (or 0) before anything else happens.
 *  - Details of what went wrong go to a caller-owned asldot_diagnostics list; every function
 *    accepts NULL there, meaning "do not collect".
 *  - Each type has exactly one free function; _free(NULL) does nothing.
 *  - Parsing, validation and graph building are re-entrant. Rendering goes through Graphviz,
 *    which has process-wide state: serialise asldot_render calls (one renderer per process).
 */
#ifndef ASLDOT_H
#define ASLDOT_H

#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define ASLDOT_API __attribute__((visibility("default")))
#else
#define ASLDOT_API
#endif

/* Every function returning an asldot_status is marked: a status that is dropped is a warning
 * (define ASLDOT_NO_MUST_CHECK before including this header to turn it off). */
#if defined(__GNUC__) && !defined(ASLDOT_NO_MUST_CHECK)
#define ASLDOT_MUST_CHECK __attribute__((warn_unused_result))
#else
#define ASLDOT_MUST_CHECK
#endif

#define ASLDOT_VERSION_MAJOR  0
#define ASLDOT_VERSION_MINOR  3
#define ASLDOT_VERSION_PATCH  0
#define ASLDOT_VERSION_STRING "0.3.0"

/** Returns the library version, e.g. "0.3.0". Ownership: static string, never freed. */
ASLDOT_API const char *asldot_version_string(void);

/* ---------------------------------------------------------------- status */

typedef enum asldot_status {
    ASLDOT_OK = 0,
    ASLDOT_ERR_NOMEM = -1,   /**< out of memory */
    ASLDOT_ERR_ARGS = -2,    /**< a programming error: NULL where a value is required */
    ASLDOT_ERR_SYNTAX = -3,  /**< the bytes are not well-formed JSON/YAML */
    ASLDOT_ERR_INVALID = -4, /**< well-formed, but not a valid state machine / history / style */
    ASLDOT_ERR_LIMIT = -5,   /**< input exceeds a configured limit (size, nesting, states) */
    ASLDOT_ERR_RENDER = -6,  /**< Graphviz failed to lay out or render */
    ASLDOT_ERR_UNSUPPORTED = -7, /**< unknown format, style name or missing Graphviz plugin */
    ASLDOT_ERR_IO = -8           /**< reading or writing failed */
} asldot_status;

/** Returns a short lowercase description of st. Ownership: static string. */
ASLDOT_API const char *asldot_status_string(asldot_status st);

/* ---------------------------------------------------------------- diagnostics */

typedef enum asldot_severity {
    ASLDOT_SEV_ERROR = 0,
    ASLDOT_SEV_WARNING = 1,
    ASLDOT_SEV_NOTE = 2
} asldot_severity;

/** One finding. All strings are owned by the list that holds the diagnostic. */
typedef struct asldot_diagnostic {
    asldot_severity severity;
    const char *code;    /**< stable kebab-case code, e.g. "next-and-end" */
    const char *message; /**< one line, lowercase, no trailing period */
    const char *pointer; /**< JSON Pointer into the document ("" = whole document) */
    unsigned line;       /**< 1-based; 0 when unknown */
    unsigned column;     /**< 1-based, in characters; 0 when unknown */
    const char *excerpt; /**< the source line, for syntax errors; NULL otherwise */
    const char *machine; /**< the state machine's id in a template, or NULL */
} asldot_diagnostic;

typedef struct asldot_diagnostics asldot_diagnostics;

/** Returns ASLDOT_OK or ASLDOT_ERR_NOMEM. Ownership: caller frees *out with _free. */
ASLDOT_API ASLDOT_MUST_CHECK asldot_status asldot_diagnostics_new(asldot_diagnostics **out);
/** Ownership: frees d and every diagnostic in it. */
ASLDOT_API void asldot_diagnostics_free(asldot_diagnostics *d);
/** Returns the number of diagnostics (0 for NULL). */
ASLDOT_API size_t asldot_diagnostics_count(const asldot_diagnostics *d);
/** Returns the number of diagnostics of severity ERROR. */
ASLDOT_API size_t asldot_diagnostics_error_count(const asldot_diagnostics *d);
/** Returns the number of diagnostics of severity WARNING. */
ASLDOT_API size_t asldot_diagnostics_warning_count(const asldot_diagnostics *d);
/** Returns the i-th diagnostic or NULL. Ownership: borrowed, valid until _clear or _free. */
ASLDOT_API const asldot_diagnostic *asldot_diagnostics_get(const asldot_diagnostics *d, size_t i);
/** Removes every diagnostic. */
ASLDOT_API void asldot_diagnostics_clear(asldot_diagnostics *d);
/**
 * Names the state machine that the diagnostics added from now on are about (a template's
 * logical id; NULL: none). The printers show it. Returns ASLDOT_OK or ASLDOT_ERR_NOMEM.
 */
ASLDOT_API ASLDOT_MUST_CHECK asldot_status asldot_diagnostics_set_machine(asldot_diagnostics *d,
                                                                          const char *id);
/** Orders the diagnostics by line, then column, keeping insertion order for ties. */
ASLDOT_API void asldot_diagnostics_sort(asldot_diagnostics *d);

typedef enum asldot_diag_format {
    ASLDOT_DIAG_TEXT = 0, /**< FILE:LINE:COL: error: message [code] (at /pointer) */
    ASLDOT_DIAG_JSON,     /**< one JSON object per diagnostic (see *written) */
    ASLDOT_DIAG_GITHUB    /**< ::error file=F,line=L,col=C::message */
} asldot_diag_format;

/**
 * Writes every diagnostic of d to f in the given format, naming file (NULL means "-").
 * For ASLDOT_DIAG_JSON the objects are separated by commas so that several calls can fill one
 * array the caller opens and closes; *written counts objects already written (may be NULL).
 * Returns ASLDOT_OK; ASLDOT_ERR_NOMEM (nothing written, *written unchanged); or ASLDOT_ERR_IO
 * when writing fails (*written unchanged).
 */
ASLDOT_API ASLDOT_MUST_CHECK asldot_status asldot_diagnostics_write(FILE *f,
                                                                    const asldot_diagnostics *d,
                                                                    const char *file,
                                                                    asldot_diag_format fmt,
                                                                    size_t *written);

/* ---------------------------------------------------------------- options */

typedef enum asldot_input_format {
    ASLDOT_INPUT_AUTO = 0, /**< JSON when the first significant byte is '{' or '[', else YAML */
    ASLDOT_INPUT_JSON,
    ASLDOT_INPUT_YAML
} asldot_input_format;

/** Duplicate object keys become warnings instead of errors. */
#define ASLDOT_OPT_LENIENT (1u << 0)
/** asldot_source_load notes each ${KEY} placeholder that no substitution fills and no deploying
 * tool resolves (code "placeholder-unfilled", one note per key); the command's lint --strict. */
#define ASLDOT_OPT_NOTE_PLACEHOLDERS (1u << 1)

#define ASLDOT_DEFAULT_MAX_INPUT_BYTES ((size_t)8 * 1024 * 1024)
#define ASLDOT_DEFAULT_MAX_DOC_DEPTH   512u
#define ASLDOT_DEFAULT_MAX_STATE_DEPTH 256u
#define ASLDOT_DEFAULT_MAX_STATES      100000u

#define ASLDOT_OPTIONS_VERSION 1
/** Input options; zero limits mean the defaults above. NULL everywhere means all defaults. */
typedef struct asldot_options {
    unsigned version; /**< ASLDOT_OPTIONS_VERSION */
    unsigned flags;   /**< ASLDOT_OPT_* */
    asldot_input_format input_format;
    size_t max_input_bytes;   /**< larger inputs fail with ASLDOT_ERR_LIMIT */
    unsigned max_doc_depth;   /**< JSON/YAML nesting of arrays and objects */
    unsigned max_state_depth; /**< Parallel/Map nesting */
    unsigned max_states;      /**< states in the whole machine */
} asldot_options;

/** The defaults, for a declaration: asldot_options o = ASLDOT_OPTIONS_INIT; */
/* clang-format off */
#define ASLDOT_OPTIONS_INIT                                                                        \
    {ASLDOT_OPTIONS_VERSION, 0u, ASLDOT_INPUT_AUTO, ASLDOT_DEFAULT_MAX_INPUT_BYTES,                \
     ASLDOT_DEFAULT_MAX_DOC_DEPTH, ASLDOT_DEFAULT_MAX_STATE_DEPTH, ASLDOT_DEFAULT_MAX_STATES}
/* clang-format on */

/**
 * Fills o with the defaults. Every call taking options fails with ASLDOT_ERR_ARGS when
 * o->version is newer than the library's (a program built against a later header); a
 * zero-initialised struct (version 0) means all defaults.
 */
ASLDOT_API void asldot_options_init(asldot_options *o);

/* ---------------------------------------------------------------- machine */

typedef enum asldot_state_type {
    ASLDOT_STATE_TASK = 0,
    ASLDOT_STATE_PASS,
    ASLDOT_STATE_CHOICE,
    ASLDOT_STATE_WAIT,
    ASLDOT_STATE_SUCCEED,
    ASLDOT_STATE_FAIL,
    ASLDOT_STATE_PARALLEL,
    ASLDOT_STATE_MAP,
    ASLDOT_STATE_UNKNOWN /**< missing or unrecognised "Type" */
} asldot_state_type;

typedef struct asldot_machine asldot_machine;

/**
 * Parses a definition (JSON or YAML) into a machine. The strict input layer reports syntax
 * errors (ASLDOT_ERR_SYNTAX, with line:column) and limits (ASLDOT_ERR_LIMIT) with *out NULL.
 * A problem that does not stop a model from being built (a duplicate key) is recorded and the
 * call returns ASLDOT_ERR_INVALID with *out set, so that the rest can still be linted or drawn
 * (--keep-going); ASLDOT_OK means *out is set and no error was recorded.
 * Ownership: caller frees *out with asldot_machine_free.
 */
ASLDOT_API ASLDOT_MUST_CHECK asldot_status asldot_machine_parse(asldot_machine **out,
                                                                const char *data, size_t len,
                                                                const asldot_options *opts,
                                                                asldot_diagnostics *diags);
/**
 * Checks the machine against the Amazon States Language rules, adding every finding.
 * Returns ASLDOT_OK when no error was found, ASLDOT_ERR_INVALID otherwise.
 */
ASLDOT_API ASLDOT_MUST_CHECK asldot_status asldot_machine_validate(const asldot_machine *m,
                                                                   const asldot_options *opts,
                                                                   asldot_diagnostics *diags);
/** Ownership: frees m. */
ASLDOT_API void asldot_machine_free(asldot_machine *m);
/** Returns the top-level "Comment" or NULL. Ownership: borrowed from m. */
ASLDOT_API const char *asldot_machine_comment(const asldot_machine *m);
/** Returns the top-level "StartAt" or NULL. Ownership: borrowed from m. */
ASLDOT_API const char *asldot_machine_start_at(const asldot_machine *m);
/** Returns the number of states at every depth. */
ASLDOT_API size_t asldot_machine_state_count(const asldot_machine *m);

/* ---------------------------------------------------------------- sources */

/*
 * Where definitions live. A source is one input file: a bare definition, or infrastructure code
 * holding any number of state machines (CloudFormation, SAM and CDK templates, serverless.yml,
 * Terraform, the AWS CLI's describe output). asldot_source_parse finds the machines and
 * resolves what the file says about each (intrinsics, DefinitionSubstitutions, referenced
 * files); asldot_source_load turns one into an asldot_machine. A value not known until deploy
 * time (${Name}, Ref, Fn::GetAtt, ...) becomes a placeholder that the linter accepts wherever a
 * value goes, and diagnostics point into the file the definition was read from.
 */
typedef enum asldot_source_kind {
    ASLDOT_SOURCE_AUTO = 0,       /**< options only: detect from the content */
    ASLDOT_SOURCE_ASL,            /**< a bare definition, JSON or YAML */
    ASLDOT_SOURCE_CLOUDFORMATION, /**< CloudFormation, SAM or CDK template, JSON or YAML */
    ASLDOT_SOURCE_SERVERLESS,     /**< serverless.yml with the serverless-step-functions plugin */
    ASLDOT_SOURCE_TERRAFORM,      /**< Terraform (.tf) with aws_sfn_state_machine resources */
    ASLDOT_SOURCE_TERRAFORM_JSON, /**< the JSON of terraform show -json (plan or state) */
    ASLDOT_SOURCE_AWS_CLI         /**< aws stepfunctions describe-state-machine* output */
} asldot_source_kind;

#define ASLDOT_SOURCE_OPTIONS_VERSION 1
typedef struct asldot_source_options {
    unsigned version;        /**< ASLDOT_SOURCE_OPTIONS_VERSION */
    asldot_source_kind kind; /**< AUTO: detected */
    /** The file's path: relative references (DefinitionUri, templatefile(), file()) are read
     * from its folder. NULL: nothing outside data is read (such machines are unresolved). */
    const char *path;
    /** "KEY=VALUE" strings filling ${KEY} wherever the file's own substitutions do not. */
    const char *const *substitutions;
    size_t substitution_count;
    /** A JSON or YAML mapping of KEY: VALUE (scalars), after substitutions; NULL for none. */
    const char *substitution_map;
    size_t substitution_map_len;
} asldot_source_options;

/* clang-format off */
#define ASLDOT_SOURCE_OPTIONS_INIT                                                                 \
    {ASLDOT_SOURCE_OPTIONS_VERSION, ASLDOT_SOURCE_AUTO, NULL, NULL, 0, NULL, 0}
/* clang-format on */
ASLDOT_API void asldot_source_options_init(asldot_source_options *o);

/** One machine of a source. Strings are owned by the source. */
typedef struct asldot_source_machine {
    const char *id;     /**< logical id, resource name or machine key; "-" for a bare definition */
    const char *name;   /**< StateMachineName / name as written (placeholders kept), or NULL */
    const char *kind;   /**< "asl", "cloudformation", "sam", "cdk", "serverless", "terraform",
                             "terraform-json" or "aws-cli" */
    const char *origin; /**< where the definition is written, e.g. "DefinitionString (Fn::Join)" */
    const char *file;   /**< the file the definition's line:column refer to */
    /** NULL when the definition is in the files; else why it is not (an S3 location, a variable
     * the caller sets): such a machine cannot be loaded, and that is no error of the file. */
    const char *unresolved;
    unsigned line, column; /**< where the machine is declared (0 when unknown) */
} asldot_source_machine;

typedef struct asldot_source asldot_source;

/**
 * Finds the state machines in data. Returns ASLDOT_OK, or ASLDOT_ERR_INVALID when an error was
 * recorded (no machine in a template, a referenced file missing, ...; *out is still set and
 * holds the machines that were found, a broken one fails asldot_source_load), or the status of a
 * syntax error, limit or allocation failure (*out NULL). Diagnostics about a machine name it
 * (asldot_diagnostic.machine). Ownership: caller frees *out with asldot_source_free.
 */
ASLDOT_API ASLDOT_MUST_CHECK asldot_status asldot_source_parse(asldot_source **out,
                                                               const char *data, size_t len,
                                                               const asldot_source_options *sopts,
                                                               const asldot_options *opts,
                                                               asldot_diagnostics *diags);
/** The kind that was detected or forced. */
ASLDOT_API asldot_source_kind asldot_source_get_kind(const asldot_source *s);
/** Returns the number of machines found (0 for NULL). */
ASLDOT_API size_t asldot_source_count(const asldot_source *s);
/** Returns the i-th machine, in file order, or NULL. Ownership: borrowed from s. */
ASLDOT_API const asldot_source_machine *asldot_source_get(const asldot_source *s, size_t i);
/** Sets *index to the machine whose id is id. Returns ASLDOT_OK or ASLDOT_ERR_INVALID. */
ASLDOT_API ASLDOT_MUST_CHECK asldot_status asldot_source_find(const asldot_source *s,
                                                              const char *id, size_t *index);
/**
 * Builds the i-th machine, as asldot_machine_parse does for a bare definition; diagnostics are
 * located in the machine's file and name its id. Returns ASLDOT_OK when *out was set and no error
 * was recorded, ASLDOT_ERR_INVALID with *out set when one was (as asldot_machine_parse does),
 * ASLDOT_ERR_UNSUPPORTED for an unresolved machine, ASLDOT_ERR_INVALID when the machine could
 * not be found or read (diagnostics say why), or the parse's status.
 * Ownership: caller frees *out with asldot_machine_free; it does not borrow from s.
 */
ASLDOT_API ASLDOT_MUST_CHECK asldot_status asldot_source_load(asldot_machine **out,
                                                              const asldot_source *s, size_t i,
                                                              const asldot_options *opts,
                                                              asldot_diagnostics *diags);
/** Ownership: frees s. */
ASLDOT_API void asldot_source_free(asldot_source *s);
/** "asl", "cloudformation", "serverless", "terraform", "terraform-json", "aws-cli". Static. */
ASLDOT_API const char *asldot_source_kind_name(asldot_source_kind k);
/** Parses a kind name (also "auto", "cfn", "sam", "cdk", "tf", "cli"). ASLDOT_ERR_UNSUPPORTED if
 * unknown. */
ASLDOT_API ASLDOT_MUST_CHECK asldot_status asldot_source_kind_from_name(asldot_source_kind *out,
                                                                        const char *name);

/* ---------------------------------------------------------------- graph */

typedef enum asldot_rankdir { ASLDOT_RANKDIR_TB = 0, ASLDOT_RANKDIR_LR } asldot_rankdir;

typedef enum asldot_layout_mode {
    ASLDOT_LAYOUT_AUTO = 0, /**< full quality for ordinary sizes, bounded work for giants */
    ASLDOT_LAYOUT_FULL,     /**< always the full-quality layout */
    ASLDOT_LAYOUT_FAST      /**< always the bounded layout */
} asldot_layout_mode;

/** Draw what can be drawn of an invalid machine: missing targets become placeholders. */
#define ASLDOT_BUILD_KEEP_GOING (1u << 0)

#define ASLDOT_BUILD_OPTIONS_VERSION 1
typedef struct asldot_build_options {
    unsigned version; /**< ASLDOT_BUILD_OPTIONS_VERSION */
    unsigned flags;   /**< ASLDOT_BUILD_* */
    asldot_rankdir rankdir;
    asldot_layout_mode layout;
} asldot_build_options;

/** The defaults, for a declaration: asldot_build_options o = ASLDOT_BUILD_OPTIONS_INIT; */
/* clang-format off */
#define ASLDOT_BUILD_OPTIONS_INIT                                                                  \
    {ASLDOT_BUILD_OPTIONS_VERSION, 0u, ASLDOT_RANKDIR_TB, ASLDOT_LAYOUT_AUTO}
/* clang-format on */

/** Fills o with the defaults (top to bottom, automatic layout); versions as for asldot_options. */
ASLDOT_API void asldot_build_options_init(asldot_build_options *o);

typedef struct asldot_graph asldot_graph;

/**
 * Builds the diagram's graph from a machine. The graph copies what it needs: m may be freed
 * right after. Returns ASLDOT_OK, ASLDOT_ERR_NOMEM, or ASLDOT_ERR_INVALID when the machine has
 * dangling transitions and ASLDOT_BUILD_KEEP_GOING is not set. With ASLDOT_BUILD_KEEP_GOING,
 * every state that an error already in diags points into (by JSON Pointer, as
 * asldot_machine_validate reports them) gets the class "invalid" and the message in its tooltip.
 * Ownership: caller frees *out with asldot_graph_free.
 */
ASLDOT_API ASLDOT_MUST_CHECK asldot_status asldot_graph_build(asldot_graph **out,
                                                              const asldot_machine *m,
                                                              const asldot_build_options *opts,
                                                              asldot_diagnostics *diags);
/** Adds a legend explaining shapes, edges and (after an overlay) statuses. Mutates g. */
ASLDOT_API ASLDOT_MUST_CHECK asldot_status asldot_graph_add_legend(asldot_graph *g);
/** Writes the graph's stable text dump (the "ir" format) to f. */
ASLDOT_API ASLDOT_MUST_CHECK asldot_status asldot_graph_write_ir(FILE *f, const asldot_graph *g);
/** Ownership: frees g. */
ASLDOT_API void asldot_graph_free(asldot_graph *g);

/* ---------------------------------------------------------------- view: what is drawn */

/** How Catch edges into a shared error handler are drawn. */
typedef enum asldot_catch_mode {
    ASLDOT_CATCH_AUTO = 0, /**< stubs for a handler ASLDOT_CATCH_STUBS_AT or more Catch edges
                                reach, edges for the others */
    ASLDOT_CATCH_EDGES,    /**< every Catch edge drawn to its handler, whatever the fan-in */
    ASLDOT_CATCH_STUBS,    /**< a handler two or more Catch edges reach keeps one of them (the
                                last in the definition, so it stays below the states it serves);
                                the others end at a short stub beside the catching state that
                                looks like the handler and is named after it */
    ASLDOT_CATCH_HIDE      /**< no Catch edge drawn; each catching state says where it goes
                                ("catch → Handler") and the edges only shape the layout */
} asldot_catch_mode;

/** The fan-in from which automatic mode draws a handler's Catch edges as stubs. */
#define ASLDOT_CATCH_STUBS_AT 4u
/** Above this many states, a view with nothing else asked collapses every Parallel and Map
 * that is itself inside a Parallel or Map, and says so in the title. */
#define ASLDOT_VIEW_AUTO_COLLAPSE_STATES 150u
/** --focus's default depth: transitions away from the focused state. */
#define ASLDOT_VIEW_FOCUS_DEPTH 2u

#define ASLDOT_VIEW_COLLAPSE_ALL     (1u << 0) /**< draw every Parallel and Map as one box */
#define ASLDOT_VIEW_NO_AUTO_COLLAPSE (1u << 1) /**< never collapse by size */

#define ASLDOT_VIEW_OPTIONS_VERSION 1
typedef struct asldot_view_options {
    unsigned version;            /**< ASLDOT_VIEW_OPTIONS_VERSION */
    unsigned flags;              /**< ASLDOT_VIEW_* */
    const char *const *collapse; /**< names of Parallel/Map states to draw as one box */
    size_t collapse_count;
    const char *focus;    /**< draw only the states this many transitions from it, or NULL */
    unsigned focus_depth; /**< 0: ASLDOT_VIEW_FOCUS_DEPTH */
    const char *inside;   /**< draw only this Parallel/Map state's inside (what --split draws
                               per container), its own containers collapsed, or NULL */
    asldot_catch_mode catch_mode;
} asldot_view_options;

/** The defaults, for a declaration: asldot_view_options o = ASLDOT_VIEW_OPTIONS_INIT; */
/* clang-format off */
#define ASLDOT_VIEW_OPTIONS_INIT {ASLDOT_VIEW_OPTIONS_VERSION, 0u, NULL, 0u, NULL, 0u, NULL, ASLDOT_CATCH_AUTO}
/* clang-format on */

/** Fills o with the defaults (everything drawn, automatic catch stubs and collapsing). */
ASLDOT_API void asldot_view_options_init(asldot_view_options *o);

/**
 * Chooses what part of g is drawn, after any overlay and diff and before the legend and styles.
 * A collapsed Parallel or Map becomes one box (a node with classes "state collapsed" and its
 * type; it keeps the container's status, diff marks and tooltip, and counts what it holds).
 * With focus, states farther away are left out and each transition to one of them ends at a
 * dashed box named after it (class "elsewhere", never "state"). Returns ASLDOT_OK,
 * ASLDOT_ERR_NOMEM, or ASLDOT_ERR_INVALID when a name given is not a state of g (or not a
 * Parallel or Map where one is needed), reported in diags with code "view-unknown-state".
 * Mutates g.
 */
ASLDOT_API ASLDOT_MUST_CHECK asldot_status asldot_graph_view(asldot_graph *g,
                                                             const asldot_view_options *opts,
                                                             asldot_diagnostics *diags);
/** Returns the name of the i-th Parallel or Map state of g, in definition order, or NULL past
 * the last. Ownership: borrowed from g. */
ASLDOT_API const char *asldot_graph_container_name(const asldot_graph *g, size_t i);

/* ---------------------------------------------------------------- execution history */

typedef struct asldot_history asldot_history;

/** Returns an empty history. Ownership: caller frees *out with asldot_history_free. */
ASLDOT_API ASLDOT_MUST_CHECK asldot_status asldot_history_new(asldot_history **out);
/**
 * Adds the events of one file: a GetExecutionHistory response ({"events": [...]}) or several
 * concatenated, or a bare array of events. Pages may arrive in any order; events are ordered by id.
 * Returns ASLDOT_OK; ASLDOT_ERR_SYNTAX, ASLDOT_ERR_LIMIT or ASLDOT_ERR_NOMEM; or ASLDOT_ERR_INVALID
 * when it recorded any error (the events that could be read are kept).
 */
ASLDOT_API ASLDOT_MUST_CHECK asldot_status asldot_history_add(asldot_history *h, const char *data,
                                                              size_t len,
                                                              const asldot_options *opts,
                                                              asldot_diagnostics *diags);
/** Returns the number of events held. */
ASLDOT_API size_t asldot_history_event_count(const asldot_history *h);
/** Ownership: frees h. */
ASLDOT_API void asldot_history_free(asldot_history *h);

/** Include (1 KiB of) each state's input and output in tooltips; they may hold secrets. */
#define ASLDOT_OVERLAY_SHOW_IO (1u << 0)

#define ASLDOT_OVERLAY_OPTIONS_VERSION 1
typedef struct asldot_overlay_options {
    unsigned version;            /**< ASLDOT_OVERLAY_OPTIONS_VERSION */
    unsigned flags;              /**< ASLDOT_OVERLAY_* */
    const char *iteration_state; /**< with iteration_index >= 0: show one iteration of this Map */
    long iteration_index;        /**< -1: all iterations */
} asldot_overlay_options;

/** The defaults, for a declaration: asldot_overlay_options o = ASLDOT_OVERLAY_OPTIONS_INIT; */
/* clang-format off */
#define ASLDOT_OVERLAY_OPTIONS_INIT {ASLDOT_OVERLAY_OPTIONS_VERSION, 0u, NULL, -1L}
/* clang-format on */

/** Fills o with the defaults; versions as for asldot_options. */
ASLDOT_API void asldot_overlay_options_init(asldot_overlay_options *o);

/**
 * Colours and annotates g with what the execution in h did. Never changes which states exist.
 * States named by h but absent from g produce a "history-unknown-state" warning.
 */
ASLDOT_API ASLDOT_MUST_CHECK asldot_status asldot_graph_overlay(asldot_graph *g,
                                                                const asldot_history *h,
                                                                const asldot_overlay_options *opts,
                                                                asldot_diagnostics *diags);

/* ---------------------------------------------------------------- diff of two definitions */

/** The kind of a transition, as a diff reports it. */
typedef enum asldot_edge_kind {
    ASLDOT_EDGE_NEXT = 0, /**< "Next" */
    ASLDOT_EDGE_CHOICE,   /**< a Choice rule's "Next" */
    ASLDOT_EDGE_DEFAULT,  /**< a Choice state's "Default" */
    ASLDOT_EDGE_CATCH     /**< a Catch entry's "Next" */
} asldot_edge_kind;

/** Returns "next", "choice", "default" or "catch". Ownership: static. */
ASLDOT_API const char *asldot_edge_kind_name(asldot_edge_kind k);

/** One transition (from, to, kind); several rules to one target collapse into one edge. */
typedef struct asldot_diff_edge {
    const char *from;
    const char *to;
    asldot_edge_kind kind;
} asldot_diff_edge;

/** A state in both versions whose own definition differs: the top-level fields that differ. */
typedef struct asldot_diff_change {
    const char *state;
    const char *const *fields; /**< sorted by name */
    size_t field_count;
} asldot_diff_change;

/** A state removed and one added with the same own definition and the same neighbours. */
typedef struct asldot_diff_rename {
    const char *from; /**< the name in OLD */
    const char *to;   /**< the name in NEW */
} asldot_diff_rename;

/**
 * What changed between two versions of a definition. States are identified by name at any depth
 * (top level, Parallel branches, Map processors). A state's "own" definition is its object with
 * the States maps of its Branches / ItemProcessor / Iterator left out, compared as parsed data
 * (key order ignored), so a change inside a branch marks the inner state, not the container.
 * Renamed states appear only in `renamed`, not in `added`/`removed`; `changed` compares data
 * exactly (a Next that follows a rename is a change). Edges are compared modulo the renames:
 * edges_added holds NEW's names, edges_removed OLD's. Every list is sorted by name.
 * All strings are owned by the asldot_diff.
 */
typedef struct asldot_diff_summary {
    const char *const *added; /**< only in NEW */
    size_t added_count;
    const char *const *removed; /**< only in OLD */
    size_t removed_count;
    const asldot_diff_change *changed;
    size_t changed_count;
    const asldot_diff_rename *renamed;
    size_t renamed_count;
    const asldot_diff_edge *edges_added;
    size_t edges_added_count;
    const asldot_diff_edge *edges_removed;
    size_t edges_removed_count;
    const char *const *top_fields; /**< top-level fields (StartAt, Comment, ...) that differ */
    size_t top_field_count;
} asldot_diff_summary;

typedef struct asldot_diff asldot_diff;

/**
 * Compares two parsed machines. The diff copies what it needs: both machines may be freed right
 * after. Returns ASLDOT_OK, ASLDOT_ERR_ARGS (a NULL machine) or ASLDOT_ERR_NOMEM (nothing is
 * added to diags then). Ownership: caller frees *out with asldot_diff_free.
 */
ASLDOT_API ASLDOT_MUST_CHECK asldot_status asldot_diff_new(asldot_diff **out,
                                                           const asldot_machine *old_m,
                                                           const asldot_machine *new_m,
                                                           asldot_diagnostics *diags);
/** Returns the lists of d. Ownership: borrowed from d, valid until asldot_diff_free. */
ASLDOT_API const asldot_diff_summary *asldot_diff_get(const asldot_diff *d);
/** Returns 1 when anything differs (states, edges or top-level fields), else 0. */
ASLDOT_API int asldot_diff_has_changes(const asldot_diff *d);
/** Ownership: frees d. */
ASLDOT_API void asldot_diff_free(asldot_diff *d);

/**
 * Marks d on g, the graph built from d's NEW machine, as an overlay does: states and their edges
 * get the classes "diff-added", "diff-changed" or "diff-renamed" and a line in their label
 * ("+ added", "~ changed: Parameters", "renamed from X"); every removed state is drawn as a
 * dashed "ghost" node (classes "ghost diff-removed" and its type, never "state") in the nearest
 * container that still exists, with its removed edges (class "diff-removed"). Call it once,
 * after asldot_graph_overlay if any and before asldot_graph_add_legend.
 * Returns ASLDOT_OK, ASLDOT_ERR_ARGS (NULL, or g already has a diff) or ASLDOT_ERR_NOMEM.
 * Mutates g; g keeps no pointer into d.
 */
ASLDOT_API ASLDOT_MUST_CHECK asldot_status asldot_graph_apply_diff(asldot_graph *g,
                                                                   const asldot_diff *d,
                                                                   asldot_diagnostics *diags);

typedef enum asldot_diff_format {
    ASLDOT_DIFF_JSON = 0, /**< {"machines": [{"id", "added", "removed", "changed", ...}]} */
    ASLDOT_DIFF_MARKDOWN  /**< a pull-request comment: a summary line per machine and the lists */
} asldot_diff_format;

/** One machine of a diff report. */
typedef struct asldot_diff_item {
    const char *id; /**< the machine's id ("-" for a file holding one machine) */
    const asldot_diff *diff;
    const char *image;   /**< Markdown: a link to the diagram, or NULL */
    const char *mermaid; /**< Markdown: the diagram as Mermaid text, written as a fenced
                              mermaid block (GitHub and GitLab draw it), or NULL */
    const char *note;    /**< Markdown: one line about the diagram (why it is an image or
                              left out), written in italics, or NULL */
} asldot_diff_item;

/** What GitHub and GitLab draw inline: Mermaid's own defaults (maxTextSize, maxEdges). A chart
 * above either is refused by the viewer, so a report links an image instead. */
#define ASLDOT_MERMAID_MAX_TEXT  50000u
#define ASLDOT_MERMAID_MAX_EDGES 500u
/** GitHub's limit on a comment body; the inline charts of one report stay within it. */
#define ASLDOT_MD_COMMENT_MAX 65536u

/**
 * Writes a report of n machines' diffs in fmt to memory. Every name is escaped for the format.
 * Returns ASLDOT_OK, ASLDOT_ERR_ARGS or ASLDOT_ERR_NOMEM.
 * Ownership: caller frees *out with asldot_buffer_free.
 */
ASLDOT_API ASLDOT_MUST_CHECK asldot_status asldot_diff_write(char **out, size_t *out_len,
                                                             const asldot_diff_item *items,
                                                             size_t n, asldot_diff_format fmt);

/* ---------------------------------------------------------------- styles */

typedef struct asldot_style asldot_style;

/** Parses a JSON style sheet (format: styles/README.md). Ownership: caller frees *out. */
ASLDOT_API ASLDOT_MUST_CHECK asldot_status asldot_style_parse(asldot_style **out, const char *data,
                                                              size_t len,
                                                              asldot_diagnostics *diags);
/**
 * Loads a built-in style by name ("light", "dark", "high-contrast").
 * Returns ASLDOT_ERR_UNSUPPORTED for an unknown name. Ownership: caller frees *out.
 */
ASLDOT_API ASLDOT_MUST_CHECK asldot_status asldot_style_builtin(asldot_style **out,
                                                                const char *name,
                                                                asldot_diagnostics *diags);
/** Returns the i-th built-in style name, or NULL past the end. Ownership: static. */
ASLDOT_API const char *asldot_style_builtin_name(size_t i);
/** Ownership: frees s. */
ASLDOT_API void asldot_style_free(asldot_style *s);
/** Sets the graph's drawing attributes from s. Mutates g; g keeps no pointer into s. */
ASLDOT_API ASLDOT_MUST_CHECK asldot_status asldot_graph_apply_style(asldot_graph *g,
                                                                    const asldot_style *s,
                                                                    asldot_diagnostics *diags);

/* ---------------------------------------------------------------- rendering */

typedef enum asldot_format {
    ASLDOT_FORMAT_SVG = 0,
    ASLDOT_FORMAT_PNG,
    ASLDOT_FORMAT_PDF,
    ASLDOT_FORMAT_DOT,     /**< Graphviz DOT before layout, for pipelines */
    ASLDOT_FORMAT_IR,      /**< asl-dot's own stable graph dump */
    ASLDOT_FORMAT_MERMAID, /**< a Mermaid flowchart, for Markdown (needs no renderer) */
    ASLDOT_FORMAT_HTML     /**< one self-contained interactive page: the SVG and a viewer */
} asldot_format;

/** Maps "svg", "png", "pdf", "dot", "ir", "mermaid", "html" (case-insensitive). Returns
 * ASLDOT_ERR_UNSUPPORTED. */
ASLDOT_API ASLDOT_MUST_CHECK asldot_status asldot_format_from_name(asldot_format *out,
                                                                   const char *name);
/** Returns the lowercase name of fmt. Ownership: static. */
ASLDOT_API const char *asldot_format_name(asldot_format fmt);

typedef struct asldot_renderer asldot_renderer;

/**
 * Creates the renderer: one Graphviz context, meant to be reused for every render in the
 * process. Ownership: caller frees *out with asldot_renderer_free.
 */
ASLDOT_API ASLDOT_MUST_CHECK asldot_status asldot_renderer_new(asldot_renderer **out,
                                                               asldot_diagnostics *diags);
/** Ownership: frees r and its Graphviz context. */
ASLDOT_API void asldot_renderer_free(asldot_renderer *r);

/**
 * Lays out and renders g in fmt to memory. Graphviz warnings become diagnostics with code
 * "graphviz"; Graphviz errors make the call fail with ASLDOT_ERR_RENDER. A graph built with
 * ASLDOT_LAYOUT_FULL whose layout is estimated to take over a minute or 2 GB is refused before
 * Graphviz starts: ASLDOT_ERR_LIMIT, with an error "layout-too-costly" giving the estimate.
 * Returns ASLDOT_OK when out and out_len hold the document.
 * Ownership: caller frees *out with asldot_buffer_free (never free()).
 */
ASLDOT_API ASLDOT_MUST_CHECK asldot_status asldot_render(asldot_renderer *r, const asldot_graph *g,
                                                         asldot_format fmt, char **out,
                                                         size_t *out_len,
                                                         asldot_diagnostics *diags);
/** Ownership: frees a buffer returned by asldot_render. */
ASLDOT_API void asldot_buffer_free(char *buf);

#ifdef __cplusplus
}
#endif
#endif /* ASLDOT_H */
