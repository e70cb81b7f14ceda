/* svg_titles.h: readable <title> elements in Graphviz's SVG (see svg_titles.c). */
#ifndef ASLDOT_SVG_TITLES_H
#define ASLDOT_SVG_TITLES_H
#include "buf.h"
#include "ir.h"

/* Which objects of the graph the SVG draws: 1 for a node or container that has a group (with the
 * id svg_ids.c gave it), 0 when it was not found. Arrays of g's node_count and cluster_count
 * entries, zeroed by the caller. */
typedef struct asldot_svg_elements {
    unsigned char *node;
    unsigned char *cluster;
} asldot_svg_elements;

/** Appends svg to out with every <title> of an object of g replaced by the object's name
 * (nodes, containers, references), "A → B" for edges, and the diagram's title plus a <desc>
 * with the machine's Comment. With els, also records where each node and container is.
 * Returns ASLDOT_OK or the buffer's error. */
ASLDOT_MUST_CHECK asldot_status asldot_svg_retitle(asldot_buf *out, const asldot_graph *g,
                                                   const char *svg, size_t len,
                                                   asldot_svg_elements *els);
/** Appends s as XML/HTML text or attribute content: & < > " ' as entities; C0 controls but
 * tab, line feed and carriage return (not allowed in XML even as references) as U+FFFD. */
asldot_status asldot_xml_escape(asldot_buf *out, const char *s);
#endif
