/* mermaid.h: the diagram graph as a Mermaid flowchart (see mermaid.c for what is written). */
#ifndef ASLDOT_MERMAID_H
#define ASLDOT_MERMAID_H
#include "ir.h"

/** Writes g as Mermaid text into a new NUL-terminated buffer. Returns ASLDOT_OK, ASLDOT_ERR_ARGS
 * or ASLDOT_ERR_NOMEM. Ownership: *out is the caller's (asldot_buffer_free). */
ASLDOT_MUST_CHECK asldot_status asldot_mermaid_write(const asldot_graph *g, char **out,
                                                     size_t *out_len);
#endif
