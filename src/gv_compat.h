/*
 * gv_compat.h: the three places where Graphviz's API changed between 2.43 (Debian 12) and 14.x,
 * behind one name each, so that the rest of the code is written once. CMakeLists.txt probes the
 * installed headers at configure time and defines:
 *
 *   ASLDOT_GV_RENDERDATA_SIZE_T  gvRenderData's length is size_t * (Graphviz >= 13), not unsigned *
 *   ASLDOT_GV_STRFREE_HTML_ARG   agstrfree(g, s, is_html) takes a third argument (Graphviz >= 13)
 *   ASLDOT_GV_IDDISC_ALLOC       Agiddisc_t still has the alloc method (removed in Graphviz 13)
 *
 * The id and graph disciplines are initialised by member name (gv_ids.c), so the member that
 * Agdisc_t lost (mem, gone in 13) needs no probe. Only gv_backend.c, gv_ids.c and render.c
 * include this file.
 */
#ifndef ASLDOT_GV_COMPAT_H
#define ASLDOT_GV_COMPAT_H

#include <cgraph.h>
#include <stddef.h>

#ifndef ASLDOT_GV_RENDERDATA_SIZE_T
#define ASLDOT_GV_RENDERDATA_SIZE_T 0
#endif
#ifndef ASLDOT_GV_STRFREE_HTML_ARG
#define ASLDOT_GV_STRFREE_HTML_ARG 0
#endif
#ifndef ASLDOT_GV_IDDISC_ALLOC
#define ASLDOT_GV_IDDISC_ALLOC 1
#endif

/* The type of gvRenderData's length argument. */
#if ASLDOT_GV_RENDERDATA_SIZE_T
typedef size_t asldot_gv_len;
#else
typedef unsigned int asldot_gv_len;
#endif

/* Releases a string from agstrdup_html (html = 1) or agstrdup (html = 0). */
#if ASLDOT_GV_STRFREE_HTML_ARG
#define asldot_gv_strfree(g, s, html) agstrfree((g), (s), (html) != 0)
#else
#define asldot_gv_strfree(g, s, html) ((void)(html), agstrfree((g), (s)))
#endif

#endif
