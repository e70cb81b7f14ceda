/* svg_ids.h: the element ids of the SVG (and so of the page), derived from state names (see
 * svg_ids.c). */
#ifndef ASLDOT_SVG_IDS_H
#define ASLDOT_SVG_IDS_H
#include "ir.h"

/* One id per object of a graph: node[i] for g->nodes[i], cluster[i], edge[i]; all distinct,
 * made of [A-Za-z0-9_-] only. Owned by the struct (asldot_svg_ids_free). */
typedef struct asldot_svg_ids {
    asldot_arena *arena;
    const char **node;
    const char **cluster;
    const char **edge;
} asldot_svg_ids;

/** Computes the ids of g's objects into *out (NULL on failure). The same graph always gives the
 * same ids, and a state keeps its id whatever else the definition adds or removes. Returns
 * ASLDOT_OK, ASLDOT_ERR_ARGS or ASLDOT_ERR_NOMEM. */
ASLDOT_MUST_CHECK asldot_status asldot_svg_ids_new(asldot_svg_ids **out, const asldot_graph *g);
void asldot_svg_ids_free(asldot_svg_ids *ids);
#endif
