/*
 * layout.h: the layout policy. Decides, from the diagram graph's size and shape, what Graphviz is
 * given: ordinary diagrams get exactly the full-quality DOT; giants get a graph whose long edges
 * are shortened and, above a further size, a bounded x-coordinate network simplex.
 *
 * Why: dot's cost on large state machines is not the node count but the long edges. An edge
 * spanning k ranks becomes k virtual nodes; the x-coordinate network simplex (position.c) and the
 * spline router then work over all of them. A 500-state generated machine spends 10 of its 11
 * seconds in that network simplex because ~30 edges (Catch to a shared handler, Fail -> End,
 * Choice loops back) span 50..200 ranks; without those 30 edges dot needs 0.4 s. Bounding the
 * network simplex (nslimit) instead leaves those edges badly placed and the spline router then
 * takes longer than the simplex saved.
 *
 * What changes above which size (automatic mode; --layout full: never, but render.c refuses a
 * full layout estimated from asldot_layout_full_cost to take over a minute or 2 GB; --layout
 * fast: always, whatever the size). Catch stubs (view.c) end at references in every mode, and in
 * every mode ASLDOT_LAYOUT_FANIN_MERGE (6) or more forward Next/Choice/Default transitions into
 * one state share its entry point (samehead), so a fan-in reads as one merge:
 *
 *   IR nodes (states, markers, anchors)   change
 *   ------------------------------------  --------------------------------------------------------
 *   <= ASLDOT_LAYOUT_REF_NODES (200)      nothing: Graphviz's defaults, DOT byte-identical
 *   >  ASLDOT_LAYOUT_REF_NODES            a visible edge estimated to span more than
 *                                         ASLDOT_LAYOUT_LONG_SPAN (8) ranks ends at a reference
 *                                         node next to its tail (the target's look, dashed, named
 *                                         after it; a copy of the End marker for End edges)
 *                                         instead of crossing the diagram; an invisible layout
 *                                         edge that long is left out. Every node keeps its
 *                                         shortest incoming edge, so nothing floats away.
 *   >  ASLDOT_LAYOUT_BOUND_NODES (1000)    also nslimit = ASLDOT_LAYOUT_NS_ITERATIONS / nodes: the
 *                                         x-coordinate network simplex stops after about 1000
 *                                         iterations whatever the size. Each iteration costs
 *                                         time in proportion to the graph, so this keeps that
 *                                         phase linear instead of quadratic; edges get a little
 *                                         less straight (horizontal edge travel +34 % at 1000
 *                                         states, +45 % at 2000), time halves at 1000 and 2000.
 *   >  ASLDOT_LAYOUT_NEWRANK_NODES (3000)  also newrank=true: dot ranks the whole graph in one
 *                                         network simplex (dot2_rank) instead of ranking each
 *                                         cluster on its own and merging (dot1_rank), whose
 *                                         cleanup in Graphviz 2.43 scans every edge once per
 *                                         ranked edge: 38 % of a 4300-state layout. 4300 states
 *                                         2.87 s -> 1.92 s, 8000 states 8.7 s -> 5.5 s; crossings
 *                                         and edge length within a few per cent either way (it
 *                                         is not used below: +12 % crossings at 2000 states).
 *   >  ASLDOT_LAYOUT_PARTS_NODES (6000)    also laid out in parts (gv_parts.h): each top-level
 *                                         container on its own graph, composed with nop2. dot's
 *                                         cluster expansion (clusters x ranks) is then per part:
 *                                         8000 states 6.98 s -> 3.88 s, 539 -> 335 MiB, +14 %
 *                                         crossings. Not below: the AWS limit (4300 states,
 *                                         5400 nodes) keeps the one layout and its crossings.
 *
 * Measured (2 cores, Graphviz 2.43, gen_asl.py --seed 1, full-quality DOT -> shortened DOT):
 * 250 states 2.4 s -> 0.07 s; 500 states 11 s -> 0.2 s; 1000 states 43 s -> 0.9 s; 2000 states
 * -> 3.3 s. mclimit/remincross/searchsize were tried and do not pay once the long edges are
 * gone (mincross takes 0.16 s at 2000 states); nslimit without shortening makes it slower (the
 * spline router then spends 25 s on the badly placed long edges of a 500-state machine).
 *
 * Ranks are estimated in O(nodes + edges) over the edges Graphviz ranks by (constraint): build.c
 * has already left every loop-back transition out of those, so a built graph is acyclic and the
 * estimate uses the same back edges as the picture. Any cycle left (a diff's removed edges) is
 * broken by a depth-first search in node order (as dot does); then each node is ranked by the
 * longest path from a source.
 */
#ifndef ASLDOT_LAYOUT_H
#define ASLDOT_LAYOUT_H
#include "asldot.h"
#include "ir.h"

#define ASLDOT_LAYOUT_REF_NODES     200
#define ASLDOT_LAYOUT_BOUND_NODES   1000
#define ASLDOT_LAYOUT_NS_ITERATIONS 1000
#define ASLDOT_LAYOUT_NEWRANK_NODES 3000
#define ASLDOT_LAYOUT_PARTS_NODES   6000
#define ASLDOT_LAYOUT_LONG_SPAN     8
#define ASLDOT_LAYOUT_FANIN_MERGE   6 /* transitions into one state that share its entry point */
#define ASLDOT_LAYOUT_MAX_PARAMS    8

typedef enum asldot_layout_edge_action {
    ASLDOT_LAYOUT_EDGE_KEEP = 0,
    ASLDOT_LAYOUT_EDGE_REF, /* draw it to a reference node beside its tail */
    ASLDOT_LAYOUT_EDGE_DROP /* leave it out (invisible layout edges only) */
} asldot_layout_edge_action;

typedef struct asldot_layout_param {
    const char *name, *value; /* static strings, or the plan's own buffers */
} asldot_layout_param;

typedef struct asldot_layout_plan {
    int reshaped; /* 1: some edges are referenced or dropped */
    asldot_layout_param params[ASLDOT_LAYOUT_MAX_PARAMS]; /* graph attributes to set */
    char nslimit[32];                                     /* the value params may point at */
    size_t param_count;
    unsigned char *edge_action; /* per IR edge (asldot_layout_edge_action); NULL if !reshaped */
    size_t edge_count;
    size_t refs, dropped;
    size_t reversed; /* ranked edges reversed to break a cycle the builder left (0 when built) */
    /* per IR edge, 1: one of ASLDOT_LAYOUT_FANIN_MERGE or more transitions into the same state,
     * drawn arriving at one shared point (samehead); NULL when there is no such fan-in */
    unsigned char *merge_head;
    size_t merged;
} asldot_layout_plan;

/** Fills plan for g (zeroed plan, nothing to do, for full quality). Free with
 * asldot_layout_plan_free. Returns ASLDOT_ERR_NOMEM on allocation failure. */
ASLDOT_MUST_CHECK asldot_status asldot_layout_plan_make(asldot_layout_plan *plan,
                                                        const asldot_graph *g);
void asldot_layout_plan_free(asldot_layout_plan *plan);

/* The full-quality layout's cost, estimated before running it. dot's network simplex and spline
 * router work over every node and virtual node (V: one per rank a long edge crosses beyond the
 * first). Measured with --layout full -T svg on gen_asl.py --seed 1 machines (2 cores, Graphviz
 * 2.43): 1000 states V = 12970, 24 s, 80 MB; 1500 states V = 28546, 38 s, 98 MB; 2000 states
 * V = 49812, 100 s, 116 MB. Time is taken as 47 ns x V squared, fitted to the 1500-state point;
 * it predicts 117 s for the 2000-state one, more than measured, so a giant is refused rather
 * than started. Memory is taken as 4 KiB x V, well above all three. */
#define ASLDOT_LAYOUT_FULL_MAX_SECONDS 60.0
#define ASLDOT_LAYOUT_FULL_MAX_BYTES   (2.0 * 1024 * 1024 * 1024)
#define ASLDOT_LAYOUT_FULL_NS_PER_V2   47.0
#define ASLDOT_LAYOUT_FULL_BYTES_PER_V 4096.0

typedef struct asldot_layout_cost {
    size_t nodes, virtuals;
    double seconds, bytes;
    int too_costly; /* over ASLDOT_LAYOUT_FULL_MAX_SECONDS or ASLDOT_LAYOUT_FULL_MAX_BYTES */
} asldot_layout_cost;

/** Writes the nslimit value that holds dot's x-coordinate network simplex of a graph of nodes
 * nodes to about ASLDOT_LAYOUT_NS_ITERATIONS iterations (buf: 32 bytes suffice). */
void asldot_layout_nslimit(char *buf, size_t size, size_t nodes);

/** 1 when g is laid out in parts (gv_parts.h): automatic mode over ASLDOT_LAYOUT_PARTS_NODES. */
int asldot_layout_in_parts(const asldot_graph *g);

/** Estimates the full-quality layout of g from the same rank estimate as the plan.
 * O(nodes + edges). */
ASLDOT_MUST_CHECK asldot_status asldot_layout_full_cost(const asldot_graph *g,
                                                        asldot_layout_cost *cost);
#endif
