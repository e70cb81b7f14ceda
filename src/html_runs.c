/*
 * html_runs.c: what an execution did, in the page's data (-T html --history), so that the page
 * can list every run of a state and step through a Map's iterations live, as --iteration does:
 *
 *   "edges": [{"el", "n"}]   the edges an overlay counts (Next, Choice, Default, Catch, Start,
 *                            End): their SVG id and the times taken;
 *   "runs": [{"s", "st", "t0", "t1", "n", "a", "in", "end", "it", "err", "cause", "input",
 *            "output"}]      one per run of a drawn state, in the order the history entered them:
 *                            s the state's place in "states", st its status, t0/t1 start and end
 *                            (milliseconds since the epoch; absent when unknown), n attempts,
 *                            a the first attempts as [t0, t1, failed, error, cause] (times -1
 *                            when unknown), in/end the places in "edges" of the edge counted for
 *                            entering it and for ending the execution there, it the Map
 *                            iterations it ran in, innermost first, as [Map's place in
 *                            "states", index]; input and output only with --show-io;
 *   "runs_dropped": N        runs past ASLDOT_IR_VISITS_MAX, not listed (the page then does not
 *                            step through iterations);
 *   "iteration": [M, K]      --iteration's Map and index: the page opens on it.
 * A state's status over the runs counted is the worst of theirs (the order of asldot_ir_status),
 * "not-run" when none is: the rule overlay.c applies. Text goes through asldot_html_put_json.
 */
#include "html.h"
#include "alloc.h"

static int counted(asldot_ir_edge_kind k)
{
    return k == ASLDOT_IR_EDGE_NEXT || k == ASLDOT_IR_EDGE_CHOICE || k == ASLDOT_IR_EDGE_DEFAULT ||
           k == ASLDOT_IR_EDGE_CATCH || k == ASLDOT_IR_EDGE_START || k == ASLDOT_IR_EDGE_END;
}

static void put_time_member(asldot_buf *b, const char *key, long long ms)
{
    if (ms >= 0)
        asldot_buf_printf(b, ",\"%s\":%lld", key, ms);
}

static void put_attempts(asldot_buf *b, const asldot_ir_visit *v)
{
    if (v->attempt_listed == 0)
        return;
    asldot_buf_puts(b, ",\"a\":[");
    for (size_t k = 0; k < v->attempt_listed; k++) {
        const asldot_ir_attempt *a = &v->attempt_list[k];
        asldot_buf_printf(b, "%s[%lld,%lld,%d,", k ? "," : "", a->start_ms, a->end_ms, a->failed);
        if (a->error)
            asldot_html_put_json(b, a->error);
        else
            asldot_buf_puts(b, "null");
        asldot_buf_putc(b, ',');
        if (a->cause)
            asldot_html_put_json(b, a->cause);
        else
            asldot_buf_puts(b, "null");
        asldot_buf_putc(b, ']');
    }
    asldot_buf_putc(b, ']');
}

static void put_run(asldot_buf *b, const asldot_graph *g, const asldot_ir_visit *v, size_t s,
                    const size_t *state_index, const size_t *edge_index, int *first)
{
    size_t listed = 0;
    asldot_buf_printf(b, "%s\n{\"s\":%zu,\"st\":\"%s\"", *first ? "" : ",", s,
                      asldot_ir_status_name(v->status));
    *first = 0;
    put_time_member(b, "t0", v->start_ms);
    put_time_member(b, "t1", v->end_ms);
    if (v->attempts)
        asldot_buf_printf(b, ",\"n\":%u", v->attempts);
    put_attempts(b, v);
    if (v->edge_in < g->edge_count && edge_index[v->edge_in] != ASLDOT_IR_NONE)
        asldot_buf_printf(b, ",\"in\":%zu", edge_index[v->edge_in]);
    if (v->edge_end < g->edge_count && edge_index[v->edge_end] != ASLDOT_IR_NONE)
        asldot_buf_printf(b, ",\"end\":%zu", edge_index[v->edge_end]);
    for (size_t k = 0; k < v->iter_depth; k++) {
        size_t m = v->iter_map[k] < g->state_count ? state_index[v->iter_map[k]] : ASLDOT_IR_NONE;
        if (m == ASLDOT_IR_NONE)
            continue; /* a Map not drawn (a partial view) */
        asldot_buf_printf(b, "%s[%zu,%lld]", listed++ ? "," : ",\"it\":[", m, v->iter_index[k]);
    }
    if (listed)
        asldot_buf_putc(b, ']');
    asldot_html_put_member(b, "err", v->error);
    asldot_html_put_member(b, "cause", v->cause);
    asldot_html_put_member(b, "input", v->input);
    asldot_html_put_member(b, "output", v->output);
    asldot_buf_putc(b, '}');
}

asldot_status asldot_html_put_runs(asldot_buf *b, const asldot_graph *g, const asldot_svg_ids *ids,
                                   const size_t *state_index)
{
    size_t *edge_index, n = 0;
    int first = 1;
    if (!g->has_overlay)
        return asldot_buf_status(b);
    if ((edge_index = asldot_calloc(g->edge_count + 1, sizeof *edge_index)) == NULL)
        return ASLDOT_ERR_NOMEM;
    asldot_buf_puts(b, ",\n\"edges\":[");
    for (size_t i = 0; i < g->edge_count; i++) {
        edge_index[i] = ASLDOT_IR_NONE;
        if (!counted(g->edges[i]->kind))
            continue;
        edge_index[i] = n;
        asldot_buf_printf(b, "%s{\"el\":", n++ ? "," : "");
        asldot_html_put_json(b, ids->edge[i]);
        asldot_buf_printf(b, ",\"n\":%u}", g->edges[i]->taken);
    }
    asldot_buf_puts(b, "],\n\"runs\":[");
    for (size_t k = 0; k < g->visit_count; k++) {
        const asldot_ir_visit *v = &g->visits[k];
        size_t s = v->state < g->state_count ? state_index[v->state] : ASLDOT_IR_NONE;
        if (s != ASLDOT_IR_NONE)
            put_run(b, g, v, s, state_index, edge_index, &first);
    }
    asldot_buf_puts(b, "\n]");
    if (g->visits_dropped)
        asldot_buf_printf(b, ",\"runs_dropped\":%zu", g->visits_dropped);
    if (g->iteration_state < g->state_count && state_index[g->iteration_state] != ASLDOT_IR_NONE)
        asldot_buf_printf(b, ",\"iteration\":[%zu,%lld]", state_index[g->iteration_state],
                          g->iteration_index);
    asldot_free(edge_index);
    return asldot_buf_status(b);
}
