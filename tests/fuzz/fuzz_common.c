/* fuzz_common.c: option header, contract checks and the definition pipeline for the fuzz targets.
 */
#include "fuzz_common.h"

#include "alloc.h"
#include "ir.h"

#include <cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

_Noreturn void fuzz_fail(const char *file, int line, const char *what)
{
    fprintf(stderr, "%s:%d: fuzz invariant failed: %s\n", file, line, what);
    abort();
}

void fuzz_decode(fuzz_input *in, const uint8_t *data, size_t size)
{
    static const unsigned doc_depths[8] = {0, 1, 2, 3, 5, 8, 32, 512};
    static const unsigned state_depths[8] = {0, 1, 2, 3, 4, 8, 16, 256};
    static const unsigned max_states[4] = {0, 1, 5, 40};
    static const char *const styles[4] = {"light", "dark", "high-contrast", "light"};
    uint8_t h[4] = {0, 0, 0, 0};

    memset(in, 0, sizeof *in);
    asldot_options_init(&in->opts);
    asldot_build_options_init(&in->build);
    in->style_name = "light";
    in->text = (const char *)data;
    in->len = size;
    if (size == 0 || data[0] < 0xF8)
        return;
    for (size_t i = 0; i < 4 && i < size; i++)
        h[i] = data[i];
    memcpy(in->hdr, h, sizeof h);
    in->has_header = 1;
    in->text = (const char *)data + (size < 4 ? size : 4);
    in->len = size < 4 ? 0 : size - 4;

    if (h[0] & 1u)
        in->opts.flags |= ASLDOT_OPT_LENIENT;
    switch ((h[0] >> 1) & 3u) {
    case 1:
        in->opts.input_format = ASLDOT_INPUT_JSON;
        break;
    case 2:
        in->opts.input_format = ASLDOT_INPUT_YAML;
        break;
    default:
        in->opts.input_format = ASLDOT_INPUT_AUTO;
        break;
    }

    in->opts.max_doc_depth = doc_depths[h[1] & 7u];
    in->opts.max_state_depth = state_depths[(h[1] >> 3) & 7u];
    in->opts.max_states = max_states[(h[1] >> 6) & 3u];

    in->build.rankdir = (h[2] & 1u) ? ASLDOT_RANKDIR_LR : ASLDOT_RANKDIR_TB;
    switch ((h[2] >> 1) & 3u) {
    case 1:
        in->build.layout = ASLDOT_LAYOUT_FULL;
        break;
    case 2:
        in->build.layout = ASLDOT_LAYOUT_FAST;
        break;
    default:
        in->build.layout = ASLDOT_LAYOUT_AUTO;
        break;
    }
    in->legend = (h[2] >> 3) & 1u;
    if ((h[2] >> 4) & 1u)
        in->opts.max_input_bytes = in->len / 2 + 1;
    in->style_name = styles[(h[2] >> 5) & 3u];
    in->show_io = (h[2] >> 7) & 1u;

    if (h[3] != 0)
        in->fail_after = h[3] < 128 ? h[3] : (unsigned long)(h[3] - 127) * 64u;
}

void fuzz_faults_begin(unsigned long n)
{
    asldot_alloc_fail_after(n);
}

void fuzz_faults_end(void)
{
    asldot_alloc_fail_after(0);
}

void fuzz_check_status(asldot_status st, const void *out, int faulted)
{
    FUZZ_CHECK(st <= 0 && st >= ASLDOT_ERR_IO);
    if (out != NULL)
        FUZZ_CHECK(st == ASLDOT_OK || st == ASLDOT_ERR_INVALID);
    else if (!faulted)
        FUZZ_CHECK(st != ASLDOT_OK);
}

static int is_kebab(const char *s)
{
    if (s == NULL || *s == '\0')
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-'))
            return 0;
    return 1;
}

/* Returns a malloc'd copy of what was written to a memory stream, or NULL. */
typedef struct memout {
    char *buf;
    size_t len;
    FILE *f;
} memout;

static int memout_open(memout *m)
{
    m->buf = NULL;
    m->len = 0;
    m->f = open_memstream(&m->buf, &m->len);
    return m->f != NULL;
}

static void memout_close(memout *m)
{
    (void)fclose(m->f);
    m->f = NULL;
}

void fuzz_check_diagnostics(const asldot_diagnostics *d, int faulted, int write)
{
    size_t n = asldot_diagnostics_count(d);
    size_t errors = 0, warnings = 0;
    memout m;

    for (size_t i = 0; i < n; i++) {
        const asldot_diagnostic *it = asldot_diagnostics_get(d, i);
        FUZZ_CHECK(it != NULL);
        FUZZ_CHECK(it->severity == ASLDOT_SEV_ERROR || it->severity == ASLDOT_SEV_WARNING ||
                   it->severity == ASLDOT_SEV_NOTE);
        errors += it->severity == ASLDOT_SEV_ERROR;
        warnings += it->severity == ASLDOT_SEV_WARNING;
        FUZZ_CHECK(is_kebab(it->code));
        FUZZ_CHECK(it->message != NULL && it->message[0] != '\0');
        FUZZ_CHECK(it->pointer != NULL && (it->pointer[0] == '\0' || it->pointer[0] == '/'));
        if (it->column != 0)
            FUZZ_CHECK(it->line != 0);
    }
    FUZZ_CHECK(asldot_diagnostics_get(d, n) == NULL);
    FUZZ_CHECK(asldot_diagnostics_error_count(d) == errors);
    FUZZ_CHECK(asldot_diagnostics_warning_count(d) == warnings);

    if (!write || !memout_open(&m))
        return;
    FUZZ_CHECK(asldot_diagnostics_write(m.f, d, "in:put,file%.json", ASLDOT_DIAG_TEXT, NULL) ==
               ASLDOT_OK);
    FUZZ_CHECK(asldot_diagnostics_write(m.f, d, NULL, ASLDOT_DIAG_GITHUB, NULL) == ASLDOT_OK);
    memout_close(&m);
    free(m.buf);

    if (!memout_open(&m))
        return;
    {
        size_t written = 0;
        cJSON *arr;
        fputs("[", m.f);
        FUZZ_CHECK(asldot_diagnostics_write(m.f, d, "a\"b\\c\n.json", ASLDOT_DIAG_JSON, &written) ==
                   ASLDOT_OK);
        FUZZ_CHECK(written == n);
        fputs("]", m.f);
        memout_close(&m);
        if (!faulted) {
            arr = cJSON_ParseWithLength(m.buf, m.len);
            FUZZ_CHECK(arr != NULL);
            FUZZ_CHECK(cJSON_IsArray(arr));
            FUZZ_CHECK((size_t)cJSON_GetArraySize(arr) == n);
            cJSON_Delete(arr);
        }
        free(m.buf);
    }
}

static int has_cluster_cycle(const asldot_graph *g, size_t c)
{
    size_t steps = 0;
    while (c != ASLDOT_IR_NONE) {
        if (c >= g->cluster_count || ++steps > g->cluster_count)
            return 1;
        c = g->clusters[c]->parent;
    }
    return 0;
}

static void check_attrs(const asldot_ir_attrs *a)
{
    FUZZ_CHECK(a->count <= ASLDOT_IR_MAX_ATTRS);
    for (size_t i = 0; i < a->count; i++) {
        FUZZ_CHECK(a->items[i].name != NULL && a->items[i].value != NULL);
        for (size_t j = 0; j < i; j++)
            FUZZ_CHECK(strcmp(a->items[i].name, a->items[j].name) != 0);
    }
}

#define OPT_ID(x, n) ((x) == ASLDOT_IR_NONE || (x) < (n))

void fuzz_check_graph(const asldot_graph *g)
{
    FUZZ_CHECK(g != NULL);
    FUZZ_CHECK(g->arena != NULL);
    check_attrs(&g->attrs);
    for (size_t i = 0; i < g->node_count; i++) {
        const asldot_ir_node *v = g->nodes[i];
        FUZZ_CHECK(v != NULL && v->id == i);
        FUZZ_CHECK(v->kind <= ASLDOT_IR_LEGEND);
        FUZZ_CHECK(v->classes != NULL);
        FUZZ_CHECK(OPT_ID(v->cluster, g->cluster_count));
        FUZZ_CHECK(OPT_ID(v->state_id, g->state_count));
        FUZZ_CHECK(v->status <= ASLDOT_IR_STATUS_FAILED);
        if (v->kind == ASLDOT_IR_STATE) {
            FUZZ_CHECK(v->name != NULL);
            FUZZ_CHECK(v->state_id != ASLDOT_IR_NONE);
            FUZZ_CHECK(g->state_node[v->state_id] == i);
        }
        check_attrs(&v->attrs);
    }
    for (size_t i = 0; i < g->edge_count; i++) {
        const asldot_ir_edge *e = g->edges[i];
        FUZZ_CHECK(e != NULL && e->id == i);
        FUZZ_CHECK(e->kind <= ASLDOT_IR_EDGE_LEGEND);
        FUZZ_CHECK(e->from < g->node_count && e->to < g->node_count);
        FUZZ_CHECK(OPT_ID(e->ltail, g->cluster_count) && OPT_ID(e->lhead, g->cluster_count));
        FUZZ_CHECK(OPT_ID(e->from_state, g->state_count) && OPT_ID(e->to_state, g->state_count));
        FUZZ_CHECK(e->classes != NULL);
        check_attrs(&e->attrs);
    }
    for (size_t i = 0; i < g->cluster_count; i++) {
        const asldot_ir_cluster *c = g->clusters[i];
        FUZZ_CHECK(c != NULL && c->id == i);
        FUZZ_CHECK(c->kind <= ASLDOT_IR_CLUSTER_LEGEND);
        FUZZ_CHECK(c->classes != NULL);
        FUZZ_CHECK(!has_cluster_cycle(g, i));
        FUZZ_CHECK(OPT_ID(c->entry, g->node_count) && OPT_ID(c->exit, g->node_count));
        FUZZ_CHECK(OPT_ID(c->state_id, g->state_count));
        if (c->state_id != ASLDOT_IR_NONE)
            FUZZ_CHECK(g->state_cluster[c->state_id] == i);
        check_attrs(&c->attrs);
    }
    for (size_t s = 0; s < g->state_count; s++) {
        FUZZ_CHECK(OPT_ID(g->state_node[s], g->node_count));
        FUZZ_CHECK(OPT_ID(g->state_cluster[s], g->cluster_count));
        /* a state is drawn at most once: as a node or as a cluster */
        FUZZ_CHECK(g->state_node[s] == ASLDOT_IR_NONE || g->state_cluster[s] == ASLDOT_IR_NONE);
    }
}

char *fuzz_write_ir(const asldot_graph *g, int faulted)
{
    memout m;
    asldot_status st;
    char *copy;
    if (!memout_open(&m))
        return NULL;
    st = asldot_graph_write_ir(m.f, g);
    memout_close(&m);
    if (!faulted)
        FUZZ_CHECK(st == ASLDOT_OK);
    if (st != ASLDOT_OK || m.buf == NULL) {
        free(m.buf);
        return NULL;
    }
    FUZZ_CHECK(m.len > 0 && m.buf[m.len - 1] == '\n');
    FUZZ_CHECK(strlen(m.buf) == m.len); /* no raw NUL in the dump */
    copy = m.buf;
    return copy;
}

const asldot_style *fuzz_builtin_style(const char *name)
{
    /* Process-wide cache: the harness, not the library, keeps these (loaded before any fault). */
    static asldot_style *cache[3];
    static const char *const names[3] = {"light", "dark", "high-contrast"};
    for (size_t i = 0; i < 3; i++) {
        if (strcmp(name, names[i]) != 0)
            continue;
        if (cache[i] == NULL) {
            FUZZ_CHECK(asldot_style_builtin(&cache[i], names[i], NULL) == ASLDOT_OK);
            FUZZ_CHECK(cache[i] != NULL);
        }
        return cache[i];
    }
    FUZZ_CHECK(!"unknown built-in style");
    return NULL;
}

/* A machine against itself: nothing changed, and marking that on its graph draws nothing new. */
static void check_self_diff(const asldot_machine *m, asldot_graph *g, int faulted,
                            asldot_diagnostics *diags)
{
    asldot_diff *d = (asldot_diff *)1;
    size_t nodes = g->node_count, edges = g->edge_count;
    asldot_status st = asldot_diff_new(&d, m, m, diags);
    fuzz_check_status(st, d, faulted);
    if (d == NULL)
        return;
    FUZZ_CHECK(asldot_diff_has_changes(d) == 0);
    st = asldot_graph_apply_diff(g, d, diags);
    if (!faulted)
        FUZZ_CHECK(st == ASLDOT_OK);
    FUZZ_CHECK(g->node_count == nodes && g->edge_count == edges);
    fuzz_check_graph(g);
    asldot_diff_free(d);
}

/* One build (keep-going or not) and everything after it. Returns the IR dump or NULL. */
static char *build_and_dump(const fuzz_input *in, const asldot_machine *m, unsigned flags,
                            asldot_status validated, const asldot_style *style, int faulted,
                            asldot_diagnostics *diags)
{
    asldot_build_options bo = in->build;
    asldot_graph *g = (asldot_graph *)1;
    asldot_status st;
    char *ir = NULL;

    bo.flags = flags;
    st = asldot_graph_build(&g, m, &bo, diags);
    fuzz_check_status(st, g, faulted);
    if (!faulted && validated == ASLDOT_OK)
        FUZZ_CHECK(st == ASLDOT_OK); /* a valid machine always builds */
    if (!faulted && (flags & ASLDOT_BUILD_KEEP_GOING))
        FUZZ_CHECK(st == ASLDOT_OK); /* keep-going draws whatever parsed */
    if (g == NULL)
        return NULL;
    FUZZ_CHECK(g->state_count == asldot_machine_state_count(m));
    fuzz_check_graph(g);
    check_self_diff(m, g, faulted, diags);
    if (in->legend) {
        st = asldot_graph_add_legend(g);
        if (!faulted)
            FUZZ_CHECK(st == ASLDOT_OK);
        fuzz_check_graph(g);
    }
    st = asldot_graph_apply_style(g, style, diags);
    if (!faulted)
        FUZZ_CHECK(st == ASLDOT_OK);
    fuzz_check_graph(g);
    ir = fuzz_write_ir(g, faulted);
    asldot_graph_free(g);
    return ir;
}

void fuzz_definition_pipeline(const fuzz_input *in)
{
    const asldot_style *style = fuzz_builtin_style(in->style_name);
    asldot_diagnostics *diags = NULL;
    asldot_machine *m = (asldot_machine *)1;
    asldot_status st, validated = ASLDOT_ERR_INVALID;
    int faulted = in->fail_after != 0;
    size_t errors_before;
    char *ir_strict = NULL, *ir_keep = NULL;

    FUZZ_CHECK(asldot_diagnostics_new(&diags) == ASLDOT_OK);
    fuzz_faults_begin(in->fail_after);

    st = asldot_machine_parse(&m, in->text, in->len, &in->opts, diags);
    fuzz_check_status(st, m, faulted);
    if (st != ASLDOT_OK && !faulted)
        FUZZ_CHECK(asldot_diagnostics_error_count(diags) > 0); /* a failure always says why */
    if (m != NULL) {
        (void)asldot_machine_comment(m);
        (void)asldot_machine_start_at(m);
        errors_before = asldot_diagnostics_error_count(diags);
        validated = asldot_machine_validate(m, &in->opts, diags);
        FUZZ_CHECK(validated == ASLDOT_OK || validated == ASLDOT_ERR_INVALID ||
                   validated == ASLDOT_ERR_NOMEM);
        if (!faulted) {
            FUZZ_CHECK(validated != ASLDOT_ERR_NOMEM);
            FUZZ_CHECK((validated == ASLDOT_OK) ==
                       (asldot_diagnostics_error_count(diags) == errors_before));
        }
        ir_strict = build_and_dump(in, m, 0, validated, style, faulted, diags);
        ir_keep = build_and_dump(in, m, ASLDOT_BUILD_KEEP_GOING, validated, style, faulted, diags);
        /* without any error (parsing's included: keep-going marks the states errors point
         * into), keep-going changes nothing */
        if (!faulted && validated == ASLDOT_OK && errors_before == 0 && ir_strict != NULL &&
            ir_keep != NULL)
            FUZZ_CHECK(strcmp(ir_strict, ir_keep) == 0);
        asldot_machine_free(m);
    }
    fuzz_faults_end();
    fuzz_check_diagnostics(diags, faulted, 1);
    asldot_diagnostics_sort(diags);
    asldot_diagnostics_free(diags);
    free(ir_strict);
    free(ir_keep);
}
