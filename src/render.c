/*
 * render.c: layout and rendering in-process with libgvc. One renderer holds one Graphviz context
 * for the whole process. Graphviz's messages are captured for the duration of one call through
 * agseterrf, whose callback takes no user data: the capture buffer below is the library's one
 * piece of process-wide state, and it is why asldot_render calls must be serialised.
 */
#include "alloc.h"
#include "buf.h"
#include "diag.h"
#include "gv_backend.h"
#include "gv_compat.h"
#include "gv_parts.h"
#include "ir.h"
#include "html.h"
#include "layout.h"
#include "mermaid.h"
#include "svg_titles.h"

#include <gvc.h>
#include <stdlib.h>
#include <string.h>

struct asldot_renderer {
    GVC_t *gvc;
};

static asldot_buf *capture_buf; /* Graphviz message capture, set only inside asldot_render */

static int capture_message(char *msg)
{
    if (capture_buf != NULL && msg != NULL)
        asldot_buf_puts(capture_buf, msg);
    return 0;
}

asldot_status asldot_renderer_new(asldot_renderer **out, asldot_diagnostics *diags)
{
    asldot_renderer *r;
    (void)diags;
    if (out == NULL)
        return ASLDOT_ERR_ARGS;
    *out = NULL;
    r = asldot_calloc(1, sizeof *r);
    if (r == NULL)
        return ASLDOT_ERR_NOMEM;
    r->gvc = gvContext();
    if (r->gvc == NULL) {
        asldot_free(r);
        return ASLDOT_ERR_NOMEM;
    }
    *out = r;
    return ASLDOT_OK;
}

void asldot_renderer_free(asldot_renderer *r)
{
    if (r == NULL)
        return;
    gvFreeContext(r->gvc);
    asldot_free(r);
}

void asldot_buffer_free(char *buf)
{
    asldot_free(buf);
}

static const char *const format_names[] = {"svg", "png", "pdf", "dot", "ir", "mermaid", "html"};

asldot_status asldot_format_from_name(asldot_format *out, const char *name)
{
    if (out == NULL || name == NULL)
        return ASLDOT_ERR_ARGS;
    for (size_t i = 0; i < sizeof format_names / sizeof format_names[0]; i++) {
        size_t j = 0;
        while (name[j] && format_names[i][j] && (name[j] | 0x20) == format_names[i][j])
            j++;
        if (name[j] == '\0' && format_names[i][j] == '\0') {
            *out = (asldot_format)i;
            return ASLDOT_OK;
        }
    }
    return ASLDOT_ERR_UNSUPPORTED;
}

const char *asldot_format_name(asldot_format fmt)
{
    return (unsigned)fmt < sizeof format_names / sizeof format_names[0] ? format_names[fmt] : "?";
}

/* Turns captured Graphviz text into diagnostics, one per line. */
static int report_messages(asldot_diagnostics *diags, const asldot_buf *msgs)
{
    const char *p = asldot_buf_cstr(msgs);
    int errors = 0;
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        if (n > 0) {
            int is_error = strncmp(p, "Error", 5) == 0;
            errors += is_error;
            if (asldot_diag_add(diags, is_error ? ASLDOT_SEV_ERROR : ASLDOT_SEV_WARNING, "graphviz",
                                NULL, 0, 0, "graphviz: %.*s", (int)n, p) != ASLDOT_OK)
                errors++; /* not recorded: the render fails rather than hide it */
        }
        p = nl ? nl + 1 : p + n;
    }
    return errors;
}

static asldot_status write_ir(const asldot_graph *g, char **out, size_t *out_len)
{
    char *data = NULL;
    size_t len = 0;
    asldot_status st;
    FILE *f = open_memstream(&data, &len);
    if (f == NULL)
        return ASLDOT_ERR_NOMEM;
    st = asldot_graph_write_ir(f, g);
    if (fclose(f) != 0 && st == ASLDOT_OK)
        st = ASLDOT_ERR_IO;
    if (st == ASLDOT_OK) {
        *out = asldot_strndup(data, len);
        if (*out == NULL)
            st = ASLDOT_ERR_NOMEM;
        else
            *out_len = len;
    }
    free(data);
    return st;
}

/* Cairo's largest bitmap side (plugin/pango: CAIRO_XMAX, CAIRO_YMAX), less a margin for the
 * rounding of Graphviz's own size computation. */
#define BITMAP_MAX_SIDE 32700.0

/* The first number of a Graphviz point or double attribute ("0.3" or "0.3,0.2"), or dflt. */
static double first_number(const char *s, double dflt)
{
    char *end;
    double v;
    if (s == NULL || *s == '\0')
        return dflt;
    v = strtod(s, &end);
    return end != s && v >= 0 ? v : dflt;
}

/* A PNG above cairo's limit would be scaled down by the plugin with a message of its own on
 * stderr: choose the scale here instead (through the resolution, which the renderer reads after
 * the layout), and say so once, in a diagnostic. */
static asldot_status fit_bitmap(Agraph_t *gv, asldot_diagnostics *diags)
{
    double pad, dpi, w, h, scale;
    boxf bb = GD_bb(gv);                                     /* points, set by the layout */
    pad = first_number(agget(gv, "pad"), 4.0 / 72.0) * 72.0; /* inches -> points */
    dpi = GD_drawing(gv)->dpi > 0 ? GD_drawing(gv)->dpi : 96.0;
    w = (bb.UR.x - bb.LL.x + 2 * pad) * dpi / 72.0;
    h = (bb.UR.y - bb.LL.y + 2 * pad) * dpi / 72.0;
    if (w < BITMAP_MAX_SIDE && h < BITMAP_MAX_SIDE)
        return ASLDOT_OK;
    scale = BITMAP_MAX_SIDE / (w > h ? w : h);
    GD_drawing(gv)->dpi = dpi * scale;
    return asldot_diag_add(diags, ASLDOT_SEV_WARNING, "png-scaled", NULL, 0, 0,
                           "the picture is %.0f x %.0f px, more than a PNG can hold (32767 px a "
                           "side): drawn at %.0f %% (%.0f x %.0f px); SVG and PDF keep the full "
                           "size",
                           w, h, scale * 100.0, w * scale, h * scale);
}

/* --layout full on a giant: refused before Graphviz starts, with the estimate (layout.h). */
static asldot_status check_full_cost(const asldot_graph *g, asldot_diagnostics *diags)
{
    asldot_layout_cost cost;
    asldot_status st;
    if (g->layout != ASLDOT_LAYOUT_FULL)
        return ASLDOT_OK;
    if ((st = asldot_layout_full_cost(g, &cost)) != ASLDOT_OK || !cost.too_costly)
        return st;
    st = asldot_diag_add(diags, ASLDOT_SEV_ERROR, "layout-too-costly", NULL, 0, 0,
                         "--layout full would lay out %zu nodes and %zu virtual nodes (edges "
                         "crossing ranks): estimated %.0f s and %.1f GB, over the %.0f s / 2 GB "
                         "limit; use the default layout (--layout auto, long edges drawn as "
                         "references), --collapse, --split or --focus STATE",
                         cost.nodes, cost.virtuals, cost.seconds,
                         cost.bytes / (1024.0 * 1024 * 1024), ASLDOT_LAYOUT_FULL_MAX_SECONDS);
    return st != ASLDOT_OK ? st : ASLDOT_ERR_LIMIT;
}

static const char *gv_format(asldot_format fmt)
{
    switch (fmt) {
    case ASLDOT_FORMAT_PNG:
        return "png:cairo";
    case ASLDOT_FORMAT_PDF:
        return "pdf:cairo";
    default:
        return "svg";
    }
}

asldot_status asldot_render(asldot_renderer *r, const asldot_graph *g, asldot_format fmt,
                            char **out, size_t *out_len, asldot_diagnostics *diags)
{
    Agraph_t *gv = NULL;
    asldot_buf msgs = ASLDOT_BUF_INIT;
    agusererrf prev;
    asldot_status st;
    int laid_out = 0;

    if (out == NULL || out_len == NULL)
        return ASLDOT_ERR_ARGS;
    *out = NULL;
    *out_len = 0;
    if (g == NULL || (r == NULL && fmt != ASLDOT_FORMAT_IR && fmt != ASLDOT_FORMAT_DOT &&
                      fmt != ASLDOT_FORMAT_MERMAID))
        return ASLDOT_ERR_ARGS;
    if (fmt == ASLDOT_FORMAT_IR)
        return write_ir(g, out, out_len);
    if (fmt == ASLDOT_FORMAT_MERMAID)
        return asldot_mermaid_write(g, out, out_len);

    if (fmt != ASLDOT_FORMAT_DOT && (st = check_full_cost(g, diags)) != ASLDOT_OK)
        return st;
    capture_buf = &msgs;
    prev = agseterrf(capture_message);
    agreseterrors();

    st = asldot_gv_graph_new(&gv, g);
    if (st == ASLDOT_OK && fmt == ASLDOT_FORMAT_DOT) {
        st = asldot_gv_write_dot(gv, out, out_len);
    } else if (st == ASLDOT_OK) {
        char *data = NULL;
        asldot_gv_len len = 0;
        int in_parts = 0;
        st = asldot_gv_layout(r->gvc, gv, asldot_layout_in_parts(g), &in_parts);
        if (st == ASLDOT_OK) {
            laid_out = 1;
            if (fmt == ASLDOT_FORMAT_PNG)
                st = fit_bitmap(gv, diags);
            if (st != ASLDOT_OK) {
                /* a diagnostic that could not be recorded */
            } else if (gvRenderData(r->gvc, gv, gv_format(fmt), &data, &len) != 0) {
                st = ASLDOT_ERR_RENDER;
            } else if (fmt == ASLDOT_FORMAT_HTML) {
                st = asldot_html_write(g, data, (size_t)len, out, out_len);
            } else if (fmt == ASLDOT_FORMAT_SVG) {
                asldot_buf svg = ASLDOT_BUF_INIT;
                st = asldot_svg_retitle(&svg, g, data, (size_t)len, NULL);
                if (st == ASLDOT_OK) {
                    *out = asldot_buf_detach(&svg, out_len);
                    if (*out == NULL)
                        st = ASLDOT_ERR_NOMEM;
                }
                asldot_buf_free(&svg);
            } else {
                *out = asldot_malloc((size_t)len + 1);
                if (*out == NULL) {
                    st = ASLDOT_ERR_NOMEM;
                } else {
                    memcpy(*out, data, len);
                    (*out)[len] = '\0';
                    *out_len = len;
                }
            }
            if (data != NULL)
                gvFreeRenderData(data);
        }
    }
    if (laid_out)
        gvFreeLayout(r->gvc, gv);
    asldot_gv_graph_free(gv);

    agseterrf(prev);
    capture_buf = NULL;
    if (report_messages(diags, &msgs) > 0 && st == ASLDOT_OK)
        st = ASLDOT_ERR_RENDER;
    if (st == ASLDOT_ERR_RENDER && msgs.len == 0 &&
        asldot_diag_add(diags, ASLDOT_SEV_ERROR, "render-failed", NULL, 0, 0,
                        "graphviz could not render %s (is the plugin installed? try `dot -c`)",
                        asldot_format_name(fmt)) != ASLDOT_OK)
        st = ASLDOT_ERR_NOMEM;
    asldot_buf_free(&msgs);
    if (st != ASLDOT_OK) {
        asldot_free(*out);
        *out = NULL;
        *out_len = 0;
    }
    return st;
}
