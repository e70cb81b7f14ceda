/*
 * ir.h: the library-owned diagram graph between the model and Graphviz. build.c creates it,
 * overlay.c annotates it (status, counts, taken edges), style.c sets drawing attributes from
 * classes, gv_backend.c turns it into a cgraph graph. It has a stable text dump (-T ir).
 * Everything is owned by the graph's arena except the three growable pointer arrays.
 */
#ifndef ASLDOT_IR_H
#define ASLDOT_IR_H
#include "asldot.h"
#include "arena.h"

#define ASLDOT_IR_NONE      ((size_t)-1)
#define ASLDOT_IR_MAX_ATTRS 24

typedef enum asldot_ir_node_kind {
    ASLDOT_IR_STATE = 0,   /* a non-container state */
    ASLDOT_IR_START,       /* the Start marker */
    ASLDOT_IR_END,         /* the End marker */
    ASLDOT_IR_ANCHOR,      /* invisible entry/exit point of a container cluster */
    ASLDOT_IR_PLACEHOLDER, /* a missing transition target (keep-going mode) */
    ASLDOT_IR_LEGEND,      /* a sample node in the legend */
    ASLDOT_IR_GHOST,       /* a state only the older version has (diff.c) */
    ASLDOT_IR_ELSEWHERE    /* a state outside a partial view (view.c): where the rest connects */
} asldot_ir_node_kind;

typedef enum asldot_ir_edge_kind {
    ASLDOT_IR_EDGE_NEXT = 0,
    ASLDOT_IR_EDGE_CHOICE,
    ASLDOT_IR_EDGE_DEFAULT,
    ASLDOT_IR_EDGE_CATCH,
    ASLDOT_IR_EDGE_START,  /* Start marker -> StartAt */
    ASLDOT_IR_EDGE_END,    /* terminal state -> End marker */
    ASLDOT_IR_EDGE_LAYOUT, /* invisible, only shapes the layout */
    ASLDOT_IR_EDGE_LEGEND
} asldot_ir_edge_kind;

typedef enum asldot_ir_cluster_kind {
    ASLDOT_IR_CLUSTER_PARALLEL = 0,
    ASLDOT_IR_CLUSTER_MAP,
    ASLDOT_IR_CLUSTER_BRANCH,
    ASLDOT_IR_CLUSTER_LEGEND
} asldot_ir_cluster_kind;

/* Execution status from an overlay; NONE when no history was applied. */
typedef enum asldot_ir_status {
    ASLDOT_IR_STATUS_NONE = 0,
    ASLDOT_IR_STATUS_NOT_RUN,
    ASLDOT_IR_STATUS_SUCCEEDED,
    ASLDOT_IR_STATUS_CAUGHT,
    ASLDOT_IR_STATUS_IN_PROGRESS,
    ASLDOT_IR_STATUS_CANCELLED,
    ASLDOT_IR_STATUS_FAILED
} asldot_ir_status;

/* A drawing attribute set by a style: name is a static string from the style whitelist. */
typedef struct asldot_ir_attr {
    const char *name;
    const char *value; /* arena-owned */
} asldot_ir_attr;

typedef struct asldot_ir_attrs {
    asldot_ir_attr items[ASLDOT_IR_MAX_ATTRS];
    size_t count;
} asldot_ir_attrs;

/* What an overlay learnt about one state (all zero without an overlay). */
typedef struct asldot_ir_run {
    unsigned runs;      /* times entered */
    unsigned succeeded; /* runs that exited normally */
    unsigned failed;    /* runs that failed (caught or not) */
    unsigned attempts;  /* Task attempts, retries included (0 = not a Task / unknown) */
    long long total_ms; /* summed duration, -1 unknown */
    long long max_ms;   /* longest run, -1 unknown */
    unsigned iterations_succeeded, iterations_failed, iterations_total; /* Map */
    long long items_succeeded, items_failed, items_total; /* Distributed Map run, -1 unknown */
} asldot_ir_run;

/* One attempt of a visit (overlay): a Task's scheduling to its end, a Map's or Parallel's start
 * to its end. */
typedef struct asldot_ir_attempt {
    long long start_ms, end_ms; /* milliseconds since the epoch, -1 unknown */
    int failed;
    const char *error, *cause; /* of a failed attempt, or NULL */
} asldot_ir_attempt;

#define ASLDOT_IR_VISITS_MAX 20000 /* visits kept per graph (the page lists them) */

/* One run of a state in an execution (overlay.c), in the order the history entered them. */
typedef struct asldot_ir_visit {
    size_t state; /* model state id */
    asldot_ir_status status;
    long long start_ms, end_ms; /* -1 unknown */
    size_t edge_in;             /* the edge counted for entering it, or ASLDOT_IR_NONE */
    size_t edge_end; /* the End edge counted when the run ended here, or ASLDOT_IR_NONE */
    /* the Map iterations it ran in, innermost first: the Map's state id and the index */
    const size_t *iter_map;
    const long long *iter_index; /* -1: not known */
    size_t iter_depth;
    unsigned attempts; /* counted */
    const asldot_ir_attempt *attempt_list;
    size_t attempt_listed;      /* the first attempts, at most 100 */
    const char *error, *cause;  /* of a failure, or NULL */
    const char *input, *output; /* with ASLDOT_OVERLAY_SHOW_IO, else NULL */
} asldot_ir_visit;

typedef struct asldot_ir_node {
    size_t id; /* index in graph->nodes; Graphviz name "n<id>" */
    asldot_ir_node_kind kind;
    asldot_state_type type; /* STATE, PLACEHOLDER (UNKNOWN), LEGEND samples */
    const char *name;       /* first label line: the full state name or marker text */
    const char *detail;     /* '\n'-separated subtitle lines, or NULL */
    const char *notes;      /* '\n'-separated notes (retries, overlay figures), or NULL */
    const char *tooltip;    /* or NULL */
    const char *classes;    /* space-separated SVG classes */
    size_t cluster;         /* enclosing cluster id or ASLDOT_IR_NONE */
    size_t state_id;        /* model state id or ASLDOT_IR_NONE */
    asldot_ir_status status;
    asldot_ir_run run;
    asldot_ir_attrs attrs;
} asldot_ir_node;

typedef struct asldot_ir_edge {
    size_t id;
    asldot_ir_edge_kind kind;
    size_t from, to;     /* node ids */
    size_t ltail, lhead; /* cluster ids to clip at, or ASLDOT_IR_NONE */
    size_t from_state;   /* model state the transition leaves, or ASLDOT_IR_NONE */
    size_t to_state;     /* model state it enters, or ASLDOT_IR_NONE */
    const char *label;   /* shown text, or NULL */
    const char *tooltip; /* full text, or NULL */
    const char *classes;
    unsigned taken; /* overlay: times taken */
    int constraint; /* 0: does not influence ranking */
    int loop;       /* 1: back to a state on build.c's walk path; drawn reversed */
    int stub;       /* 1: drawn to a reference node beside its tail (view.c) */
    asldot_ir_attrs attrs;
} asldot_ir_edge;

typedef struct asldot_ir_cluster {
    size_t id; /* Graphviz name "cluster_<id>" */
    asldot_ir_cluster_kind kind;
    size_t parent;      /* enclosing cluster or ASLDOT_IR_NONE */
    const char *name;   /* state name (Parallel/Map), "Branch 1", "Legend" */
    const char *detail; /* caption lines */
    const char *notes;  /* retries, overlay figures */
    const char *tooltip;
    const char *classes;
    size_t state_id;    /* Parallel/Map state id, or ASLDOT_IR_NONE */
    size_t entry, exit; /* anchor node ids, or ASLDOT_IR_NONE */
    asldot_ir_status status;
    asldot_ir_run run;
    asldot_ir_attrs attrs;
} asldot_ir_cluster;

struct asldot_graph {
    asldot_arena *arena;
    const char *title;    /* machine Comment's first paragraph, shortened, or NULL */
    const char *tooltip;  /* the whole Comment when the title had to shorten it, or NULL */
    const char *subtitle; /* overlay: execution outcome line, or NULL */
    const char *note;     /* what every box would repeat, said once under the title, or NULL */
    asldot_rankdir rankdir;
    asldot_layout_mode layout;
    int has_overlay;
    int has_legend;
    int has_diff;          /* diff.c marked the graph */
    asldot_ir_attrs attrs; /* graph-level drawing attributes */

    asldot_ir_node **nodes;
    size_t node_count, node_cap;
    asldot_ir_edge **edges;
    size_t edge_count, edge_cap;
    asldot_ir_cluster **clusters;
    size_t cluster_count, cluster_cap;

    size_t state_count;       /* model states */
    size_t *state_node;       /* state id -> node id (non-containers) or ASLDOT_IR_NONE */
    size_t *state_cluster;    /* state id -> cluster id (Parallel/Map) or ASLDOT_IR_NONE */
    const char **state_names; /* state id -> name */
    const char **state_defs;  /* state id -> its own definition as JSON (state_json.c), or NULL */

    asldot_ir_visit *visits; /* overlay: every run of a drawn state, at most VISITS_MAX */
    size_t visit_count;
    size_t visits_dropped;  /* runs past ASLDOT_IR_VISITS_MAX, not listed */
    size_t iteration_state; /* --iteration's Map, or ASLDOT_IR_NONE */
    long long iteration_index;
};

/** Returns an empty graph for state_count model states. Ownership: asldot_graph_free. */
ASLDOT_MUST_CHECK asldot_status asldot_ir_new(asldot_graph **out, size_t state_count);
/** Adds a node (zeroed, classes "", cluster/state_id NONE); *out is borrowed from g. */
ASLDOT_MUST_CHECK asldot_status asldot_ir_add_node(asldot_graph *g, asldot_ir_node_kind kind,
                                                   size_t cluster, asldot_ir_node **out);
ASLDOT_MUST_CHECK asldot_status asldot_ir_add_edge(asldot_graph *g, asldot_ir_edge_kind kind,
                                                   size_t from, size_t to, asldot_ir_edge **out);
ASLDOT_MUST_CHECK asldot_status asldot_ir_add_cluster(asldot_graph *g, asldot_ir_cluster_kind kind,
                                                      size_t parent, asldot_ir_cluster **out);
/** Appends a class to a space-separated class string owned by g's arena (no duplicates). */
ASLDOT_MUST_CHECK asldot_status asldot_ir_add_class(asldot_graph *g, const char **classes,
                                                    const char *cls);
/** Returns 1 when the class string holds cls as a whole word. */
int asldot_ir_has_class(const char *classes, const char *cls);
/** Sets (or replaces) an attribute; name must be a static string; value is copied. */
ASLDOT_MUST_CHECK asldot_status asldot_ir_set_attr(asldot_graph *g, asldot_ir_attrs *a,
                                                   const char *name, const char *value);
/** Returns the attribute's value or NULL. */
const char *asldot_ir_get_attr(const asldot_ir_attrs *a, const char *name);
/** Copies a string into the graph's arena (NULL stays NULL). */
const char *asldot_ir_strdup(asldot_graph *g, const char *s);
/**
 * Removes the nodes, edges and clusters marked 1 in the three arrays (sized node_count,
 * edge_count, cluster_count; NULL: none) and renumbers what stays, in order. An edge that
 * touches a removed node is removed too; references to removed clusters become NONE.
 */
ASLDOT_MUST_CHECK asldot_status asldot_ir_remove(asldot_graph *g, const unsigned char *node_dead,
                                                 const unsigned char *edge_dead,
                                                 const unsigned char *cluster_dead);
/** Returns the status's class suffix ("succeeded", "not-run", ...) or NULL for NONE. */
const char *asldot_ir_status_name(asldot_ir_status s);
#endif
