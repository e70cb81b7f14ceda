/*
 * gv_parts.h: laying a giant out in parts. Each top-level Parallel or Map cluster is laid out on
 * its own graph; the top level is laid out with one box of that size in its place; the
 * positions are then put together on the original graph, which Graphviz draws as given
 * (the "nop2" engine: neato -n2). Same objects, names, classes and ids as one dot layout, so the
 * SVG contract is unchanged.
 *
 * Why: Graphviz 2.43's dot expands every cluster against the whole graph (mincross.c
 * expand_cluster: an allocation of every rank and a walk of the whole virtual node list per rank
 * of each cluster), so its cost is clusters x ranks, quadratic in a long machine: 58 % of the
 * layout of 8000 generated states. No container can reach a state outside it (ASL), so a part
 * only meets the rest through its entry and exit edges, which end on its border (lhead/ltail).
 * Used above ASLDOT_LAYOUT_PARTS_NODES (layout.h) and by --layout fast.
 */
#ifndef ASLDOT_GV_PARTS_H
#define ASLDOT_GV_PARTS_H
#include "asldot.h"

struct Agraph_s;
struct GVC_s;

/**
 * Lays gv (from asldot_gv_graph_new, not laid out) out with dot, in parts when it has top-level
 * clusters and every edge into or out of them ends on their border; otherwise as one graph.
 * On success gv is laid out (release with gvFreeLayout); *in_parts says which way was taken.
 * Returns ASLDOT_ERR_NOMEM or ASLDOT_ERR_RENDER (Graphviz failed: its messages say why).
 */
ASLDOT_MUST_CHECK asldot_status asldot_gv_layout(struct GVC_s *gvc, struct Agraph_s *gv, int parts,
                                                 int *in_parts);
#endif
