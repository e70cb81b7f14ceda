/*
 * gv_backend.h: the only bridge from the diagram graph (ir.h) to Graphviz's cgraph. The cgraph
 * graph it returns lives only inside one render call (render.c) or one DOT dump.
 */
#ifndef ASLDOT_GV_BACKEND_H
#define ASLDOT_GV_BACKEND_H
#include "asldot.h"
#include "buf.h"
#include "ir.h"

struct Agraph_s;

/**
 * Builds a cgraph graph from g: synthetic names (n<id>, cluster_<id>), escaped HTML-like labels,
 * classes for the SVG contract, every edge created on the root graph.
 * Ownership: caller closes *out with asldot_gv_graph_free (after gvFreeLayout if laid out).
 */
ASLDOT_MUST_CHECK asldot_status asldot_gv_graph_new(struct Agraph_s **out, const asldot_graph *g);
void asldot_gv_graph_free(struct Agraph_s *gv);
/** Writes the un-laid-out graph as DOT into out (heap, free with asldot_free). */
ASLDOT_MUST_CHECK asldot_status asldot_gv_write_dot(struct Agraph_s *gv, char **out,
                                                    size_t *out_len);

/* Label building, exposed for unit tests. */
/** Appends s as HTML-like label text: entities for & < > ", doubled backslashes, no controls. */
ASLDOT_MUST_CHECK asldot_status asldot_gv_html_escape(asldot_buf *out, const char *s, size_t n);
/** Appends s split into lines of about width characters at word or camelCase breaks; never
 * drops a character. Lines are separated by '\n'. */
ASLDOT_MUST_CHECK asldot_status asldot_gv_wrap(asldot_buf *out, const char *s, size_t width);
#endif
