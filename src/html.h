/* html.h: the diagram as one self-contained interactive HTML page (see html.c). */
#ifndef ASLDOT_HTML_H
#define ASLDOT_HTML_H
#include "buf.h"
#include "ir.h"
#include "svg_ids.h"

/** Writes the page for g around svg, Graphviz's SVG of g (as rendered, titles not yet
 * rewritten), into a new NUL-terminated buffer. Returns ASLDOT_OK, ASLDOT_ERR_ARGS or
 * ASLDOT_ERR_NOMEM. Ownership: *out is the caller's (asldot_buffer_free). */
ASLDOT_MUST_CHECK asldot_status asldot_html_write(const asldot_graph *g, const char *svg,
                                                  size_t svg_len, char **out, size_t *out_len);

/* Inside the page (html.c, html_runs.c). */

/** Appends s as a JSON string that is also safe inside a <script> element of HTML: < > & and
 * U+2028/U+2029 are \u escapes besides JSON's own. */
void asldot_html_put_json(asldot_buf *b, const char *s);
/** Appends ,"key": and value as asldot_html_put_json writes it; nothing when value is NULL. */
void asldot_html_put_member(asldot_buf *b, const char *key, const char *value);
/** Appends the overlay's runs to the page's data object (html_runs.c): ,"edges":[...],
 * "runs":[...] and what goes with them. state_index maps a state id to its place in the data's
 * "states" list, or ASLDOT_IR_NONE. Nothing without an overlay. Returns the buffer's status. */
ASLDOT_MUST_CHECK asldot_status asldot_html_put_runs(asldot_buf *b, const asldot_graph *g,
                                                     const asldot_svg_ids *ids,
                                                     const size_t *state_index);
#endif
