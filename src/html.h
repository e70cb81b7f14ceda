/* html.h: the diagram as one self-contained interactive HTML page (see html.c). */
#ifndef ASLDOT_HTML_H
#define ASLDOT_HTML_H
#include "ir.h"

/** Writes the page for g around svg, Graphviz's SVG of g (as rendered, titles not yet
 * rewritten), into a new NUL-terminated buffer. Returns ASLDOT_OK, ASLDOT_ERR_ARGS or
 * ASLDOT_ERR_NOMEM. Ownership: *out is the caller's (asldot_buffer_free). */
ASLDOT_MUST_CHECK asldot_status asldot_html_write(const asldot_graph *g, const char *svg,
                                                  size_t svg_len, char **out, size_t *out_len);
#endif
