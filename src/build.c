/*
 * build.c: model -> diagram graph (IR). Every state appears once: a node for ordinary states, a
 * cluster for Parallel (one nested cluster per branch) and Map (holding its processor). Containers
 * get invisible entry/exit anchors so that edges into and out of them are clipped at the cluster
 * border. Transitions become edges by kind; Start/End markers frame the top level. The words on
 * the diagram come from describe.c.
 *
 * Ranking: per scope, a depth-first walk from StartAt (successors in definition order: Next,
 * Choices, Default, Catch; then what StartAt does not reach, in document order) marks every
 * transition into a state still on the walk's path as a loop back (loop 1, constraint 0): the
 * backend gives it to Graphviz reversed, drawn with dir=back, so Graphviz gets an acyclic graph
 * whose edges all point with the flow, cannot pick its own (different) edges to reverse, and still
 * keeps a loop's states together. A state no ranking transition enters hangs from its scope's entry
 * (the Start marker or the container's entry anchor) by an invisible layout edge, so nothing is
 * drawn above Start.
 */
#include "alloc.h"
#include "arena.h"
#include "options.h"
#include "buf.h"
#include "describe.h"
#include "diag.h"
#include "doc.h"
#include "ir.h"
#include "model.h"

#include <stdlib.h>
#include <string.h>

typedef struct build_ctx {
    asldot_graph *g;
    const asldot_machine *m;
    const asldot_build_options *opts;
    asldot_diagnostics *diags;
    asldot_buf tmp;
    size_t end_node; /* the End marker, created on first use */
    size_t missing;  /* dangling transitions found */
    int nomem;       /* a diagnostic could not be recorded */
} build_ctx;

static const char *type_class(asldot_state_type t)
{
    switch (t) {
    case ASLDOT_STATE_TASK:
        return "task";
    case ASLDOT_STATE_PASS:
        return "pass";
    case ASLDOT_STATE_CHOICE:
        return "choice";
    case ASLDOT_STATE_WAIT:
        return "wait";
    case ASLDOT_STATE_SUCCEED:
        return "succeed";
    case ASLDOT_STATE_FAIL:
        return "fail";
    case ASLDOT_STATE_PARALLEL:
        return "parallel";
    case ASLDOT_STATE_MAP:
        return "map";
    default:
        return "unknown";
    }
}

/* Copies the scratch buffer into the graph (NULL when empty); *st records out-of-memory. */
static const char *take_text(build_ctx *c, asldot_status *st)
{
    const char *s;
    size_t len = c->tmp.len;
    if (asldot_buf_status(&c->tmp) != ASLDOT_OK) { /* a put failed: the text is cut short */
        *st = asldot_buf_status(&c->tmp);
        return NULL;
    }
    while (len > 0 && c->tmp.data[len - 1] == '\n')
        len--;
    if (len == 0)
        return NULL;
    c->tmp.data[len] = '\0';
    s = asldot_ir_strdup(c->g, c->tmp.data);
    if (s == NULL)
        *st = ASLDOT_ERR_NOMEM;
    return s;
}

/* Tooltip: the state's name, what it is, and its Comment. */
static const char *state_tooltip(build_ctx *c, const asldot_state *s, const char *detail,
                                 asldot_status *st)
{
    asldot_buf_reset(&c->tmp);
    asldot_buf_printf(&c->tmp, "%s (%s)", s->name,
                      s->type_name ? s->type_name : asldot_state_type_name(s->type));
    if (detail)
        asldot_buf_printf(&c->tmp, "\n%s", detail);
    if (s->type == ASLDOT_STATE_TASK) {
        /* the subtitle shortens identifiers; the tooltip keeps them whole */
        static const char *const holders[] = {"Parameters", "Arguments"};
        const char *resource = asldot_doc_get_string(s->node, "Resource");
        if (resource)
            asldot_buf_printf(&c->tmp, "\nResource: %s", resource);
        for (size_t i = 0; i < sizeof holders / sizeof *holders; i++) {
            const char *fn =
                asldot_doc_get_string(asldot_doc_get(s->node, holders[i]), "FunctionName");
            if (fn) {
                asldot_buf_printf(&c->tmp, "\nFunctionName: %s", fn);
                break;
            }
        }
    }
    if (s->comment)
        asldot_buf_printf(&c->tmp, "\n\n%s", s->comment);
    return take_text(c, st);
}

static asldot_status build_scope(build_ctx *c, const asldot_scope *scope, size_t cluster);

/* The state's own definition for the viewer's details (describe.h). */
static asldot_status state_definition(build_ctx *c, const asldot_state *s)
{
    asldot_status st = ASLDOT_OK;
    asldot_buf_reset(&c->tmp);
    if (asldot_describe_definition(&c->tmp, s) != ASLDOT_OK)
        return ASLDOT_ERR_NOMEM;
    c->g->state_defs[s->id] = take_text(c, &st);
    return st;
}

static asldot_status add_anchor(build_ctx *c, size_t cluster, const char *cls, size_t *out)
{
    asldot_ir_node *n;
    asldot_status st = asldot_ir_add_node(c->g, ASLDOT_IR_ANCHOR, cluster, &n);
    if (st != ASLDOT_OK)
        return st;
    st = asldot_ir_add_class(c->g, &n->classes, cls);
    *out = n->id;
    return st;
}

static asldot_status build_container(build_ctx *c, const asldot_state *s, size_t parent)
{
    asldot_ir_cluster *cl;
    asldot_status st = ASLDOT_OK;
    int is_map = s->type == ASLDOT_STATE_MAP;

    st = asldot_ir_add_cluster(c->g, is_map ? ASLDOT_IR_CLUSTER_MAP : ASLDOT_IR_CLUSTER_PARALLEL,
                               parent, &cl);
    if (st != ASLDOT_OK)
        return st;
    cl->state_id = s->id;
    cl->name = asldot_ir_strdup(c->g, s->name);
    asldot_buf_reset(&c->tmp);
    if (asldot_describe_container(&c->tmp, s) != ASLDOT_OK)
        return ASLDOT_ERR_NOMEM;
    cl->detail = take_text(c, &st);
    asldot_buf_reset(&c->tmp);
    if (asldot_describe_retriers(&c->tmp, s) != ASLDOT_OK)
        return ASLDOT_ERR_NOMEM;
    cl->notes = take_text(c, &st);
    cl->tooltip = state_tooltip(c, s, cl->detail, &st);
    if (st != ASLDOT_OK || cl->name == NULL)
        return ASLDOT_ERR_NOMEM;
    if ((st = asldot_ir_add_class(c->g, &cl->classes, "state")) != ASLDOT_OK ||
        (st = asldot_ir_add_class(c->g, &cl->classes, type_class(s->type))) != ASLDOT_OK)
        return st;
    c->g->state_cluster[s->id] = cl->id;
    c->g->state_names[s->id] = cl->name;
    if ((st = state_definition(c, s)) != ASLDOT_OK)
        return st;

    if ((st = add_anchor(c, cl->id, "entry", &cl->entry)) != ASLDOT_OK)
        return st;
    if (is_map) {
        if (s->processor && (st = build_scope(c, s->processor, cl->id)) != ASLDOT_OK)
            return st;
    } else {
        for (size_t i = 0; i < s->branch_count; i++) {
            asldot_ir_cluster *br;
            if (s->branches[i] == NULL)
                continue;
            st = asldot_ir_add_cluster(c->g, ASLDOT_IR_CLUSTER_BRANCH, cl->id, &br);
            if (st != ASLDOT_OK)
                return st;
            br->name = asldot_arena_printf(c->g->arena, "Branch %zu", i + 1);
            if (br->name == NULL)
                return ASLDOT_ERR_NOMEM;
            if ((st = asldot_ir_add_class(c->g, &br->classes, "branch")) != ASLDOT_OK)
                return st;
            if ((st = build_scope(c, s->branches[i], br->id)) != ASLDOT_OK)
                return st;
        }
    }
    /* the exit anchor is created last so that it ranks below the container's content */
    return add_anchor(c, cl->id, "exit", &cl->exit);
}

static asldot_status build_state_node(build_ctx *c, const asldot_state *s, size_t cluster)
{
    asldot_ir_node *n;
    asldot_status st = asldot_ir_add_node(c->g, ASLDOT_IR_STATE, cluster, &n);
    if (st != ASLDOT_OK)
        return st;
    n->type = s->type;
    n->state_id = s->id;
    n->name = asldot_ir_strdup(c->g, s->name);
    asldot_buf_reset(&c->tmp);
    if (asldot_describe_state(&c->tmp, s) != ASLDOT_OK)
        return ASLDOT_ERR_NOMEM;
    n->detail = take_text(c, &st);
    asldot_buf_reset(&c->tmp);
    if (asldot_describe_retriers(&c->tmp, s) != ASLDOT_OK)
        return ASLDOT_ERR_NOMEM;
    n->notes = take_text(c, &st);
    n->tooltip = state_tooltip(c, s, n->detail, &st);
    if (st != ASLDOT_OK || n->name == NULL)
        return ASLDOT_ERR_NOMEM;
    if ((st = asldot_ir_add_class(c->g, &n->classes, "state")) != ASLDOT_OK ||
        (st = asldot_ir_add_class(c->g, &n->classes, type_class(s->type))) != ASLDOT_OK)
        return st;
    c->g->state_node[s->id] = n->id;
    c->g->state_names[s->id] = n->name;
    if ((st = state_definition(c, s)) != ASLDOT_OK)
        return st;
    return ASLDOT_OK;
}

/* Depth is bounded by the parser's max_state_depth, so recursion here is bounded too. */
static asldot_status build_scope(build_ctx *c, const asldot_scope *scope, size_t cluster)
{
    for (size_t i = 0; i < scope->count; i++) {
        const asldot_state *s = scope->states[i];
        asldot_status st;
        if (s->type == ASLDOT_STATE_PARALLEL || s->type == ASLDOT_STATE_MAP)
            st = build_container(c, s, cluster);
        else
            st = build_state_node(c, s, cluster);
        if (st != ASLDOT_OK)
            return st;
    }
    return ASLDOT_OK;
}

/* ---- transitions */

/* Where an edge into (or out of) a state attaches: the node, or the container's anchor. */
static size_t state_port(const build_ctx *c, const asldot_state *s, int incoming, size_t *clip)
{
    size_t cl = c->g->state_cluster[s->id];
    if (cl != ASLDOT_IR_NONE) {
        *clip = cl;
        return incoming ? c->g->clusters[cl]->entry : c->g->clusters[cl]->exit;
    }
    *clip = ASLDOT_IR_NONE;
    return c->g->state_node[s->id];
}

/* The scope's cluster (for placeholders and exit anchors), or NONE at the top level. */
static size_t scope_cluster(const build_ctx *c, const asldot_scope *scope)
{
    const asldot_state *owner = scope->owner;
    size_t cl;
    if (owner == NULL)
        return ASLDOT_IR_NONE;
    cl = c->g->state_cluster[owner->id];
    if (owner->type == ASLDOT_STATE_PARALLEL) {
        /* branch clusters follow their Parallel cluster in creation order: find branch i */
        size_t seen = 0;
        for (size_t i = cl + 1; i < c->g->cluster_count; i++) {
            const asldot_ir_cluster *b = c->g->clusters[i];
            if (b->parent == cl && b->kind == ASLDOT_IR_CLUSTER_BRANCH) {
                if (seen == scope->branch_index)
                    return i;
                seen++;
            }
        }
    }
    return cl;
}

/* Keep-going mode: a faulty state carries the class "invalid". */
static asldot_status mark_invalid(build_ctx *c, const asldot_state *s)
{
    size_t id = c->g->state_node[s->id];
    if (id != ASLDOT_IR_NONE)
        return asldot_ir_add_class(c->g, &c->g->nodes[id]->classes, "invalid");
    id = c->g->state_cluster[s->id];
    if (id != ASLDOT_IR_NONE)
        return asldot_ir_add_class(c->g, &c->g->clusters[id]->classes, "invalid");
    return ASLDOT_OK;
}

/* Resolves a target by name in the state's scope; in keep-going mode a missing target becomes a
 * placeholder node, otherwise it is counted and reported. Returns NONE when there is nothing to
 * draw. */
static size_t target_port(build_ctx *c, const asldot_state *from, const char *name,
                          const char *field, size_t *clip, size_t *to_state, asldot_status *st)
{
    const asldot_state *t = asldot_scope_find(from->scope, name);
    asldot_ir_node *ph;
    *clip = ASLDOT_IR_NONE;
    *to_state = ASLDOT_IR_NONE;
    if (t != NULL) {
        *to_state = t->id;
        return state_port(c, t, 1, clip);
    }
    c->missing++;
    if (!(c->opts->flags & ASLDOT_BUILD_KEEP_GOING)) {
        if (asldot_doc_diag(c->diags, ASLDOT_SEV_ERROR, "next-target-missing",
                            asldot_doc_get(from->node, field), 0,
                            "state \"%s\" has \"%s\" \"%s\", which is not a state in its scope",
                            from->name, field, name) != ASLDOT_OK)
            c->nomem = 1;
        return ASLDOT_IR_NONE;
    }
    *st = mark_invalid(c, from);
    if (*st != ASLDOT_OK)
        return ASLDOT_IR_NONE;
    if ((*st = asldot_ir_add_node(c->g, ASLDOT_IR_PLACEHOLDER, scope_cluster(c, from->scope),
                                  &ph)) != ASLDOT_OK)
        return ASLDOT_IR_NONE;
    ph->name = asldot_ir_strdup(c->g, name);
    ph->detail = "missing state";
    ph->tooltip = asldot_arena_printf(c->g->arena, "\"%s\" is not a state in this scope", name);
    if (ph->name == NULL || ph->tooltip == NULL ||
        (*st = asldot_ir_add_class(c->g, &ph->classes, "placeholder")) != ASLDOT_OK) {
        *st = ASLDOT_ERR_NOMEM;
        return ASLDOT_IR_NONE;
    }
    return ph->id;
}

static asldot_status add_transition(build_ctx *c, const asldot_state *from, const char *name,
                                    const char *field, asldot_ir_edge_kind kind, const char *cls,
                                    asldot_ir_edge **out)
{
    size_t tail_clip, head_clip, to_state, tail, head;
    asldot_status st = ASLDOT_OK;
    asldot_ir_edge *e;
    *out = NULL;
    if (name == NULL)
        return ASLDOT_OK; /* absent or not a string: the validator reports it */
    tail = state_port(c, from, 0, &tail_clip);
    head = target_port(c, from, name, field, &head_clip, &to_state, &st);
    if (st != ASLDOT_OK || head == ASLDOT_IR_NONE)
        return st;
    if ((st = asldot_ir_add_edge(c->g, kind, tail, head, &e)) != ASLDOT_OK)
        return st;
    e->from_state = from->id;
    e->to_state = to_state;
    /* a container looping onto itself cannot be clipped at both ends of the same cluster */
    if (!(tail_clip != ASLDOT_IR_NONE && tail_clip == head_clip)) {
        e->ltail = tail_clip;
        e->lhead = head_clip;
    }
    if ((st = asldot_ir_add_class(c->g, &e->classes, cls)) != ASLDOT_OK)
        return st;
    *out = e;
    return ASLDOT_OK;
}

static asldot_status add_end_edge(build_ctx *c, const asldot_state *s)
{
    asldot_ir_edge *e;
    size_t clip, tail = state_port(c, s, 0, &clip);
    asldot_status st;
    if (s->scope->owner != NULL) {
        /* inside a branch or processor: rank the container's exit below its last states */
        size_t cl = c->g->state_cluster[s->scope->owner->id];
        if (cl == ASLDOT_IR_NONE)
            return ASLDOT_OK;
        st = asldot_ir_add_edge(c->g, ASLDOT_IR_EDGE_LAYOUT, tail, c->g->clusters[cl]->exit, &e);
        if (st == ASLDOT_OK)
            e->ltail = clip;
        return st;
    }
    if (c->end_node == ASLDOT_IR_NONE) {
        asldot_ir_node *n;
        if ((st = asldot_ir_add_node(c->g, ASLDOT_IR_END, ASLDOT_IR_NONE, &n)) != ASLDOT_OK)
            return st;
        n->name = "End";
        if ((st = asldot_ir_add_class(c->g, &n->classes, "end")) != ASLDOT_OK)
            return st;
        c->end_node = n->id;
    }
    if ((st = asldot_ir_add_edge(c->g, ASLDOT_IR_EDGE_END, tail, c->end_node, &e)) != ASLDOT_OK)
        return st;
    e->ltail = clip;
    e->from_state = s->id;
    return asldot_ir_add_class(c->g, &e->classes, "next");
}

static int is_terminal(const asldot_state *s)
{
    return s->end || s->type == ASLDOT_STATE_SUCCEED || s->type == ASLDOT_STATE_FAIL;
}

typedef struct rule_label {
    const char *label;
    size_t rule;
} rule_label;

static int by_label(const void *a, const void *b)
{
    const rule_label *x = a, *y = b;
    int d = strcmp(x->label, y->label);
    return d ? d : (x->rule > y->rule) - (x->rule < y->rule);
}

/* Labels that are still equal (rules alike in what a label can show, or the very same condition)
 * get the rule's number: " #2". */
static asldot_status number_equal_labels(build_ctx *c, asldot_ir_edge **edges, size_t count)
{
    rule_label *sorted = asldot_calloc(count ? count : 1, sizeof *sorted);
    size_t n = 0;
    asldot_status st = ASLDOT_OK;
    if (sorted == NULL)
        return ASLDOT_ERR_NOMEM;
    for (size_t i = 0; i < count; i++)
        if (edges[i] != NULL && edges[i]->label != NULL) {
            sorted[n].label = edges[i]->label;
            sorted[n++].rule = i;
        }
    qsort(sorted, n, sizeof *sorted, by_label);
    for (size_t lo = 0, hi; lo < n && st == ASLDOT_OK; lo = hi) {
        for (hi = lo + 1; hi < n && strcmp(sorted[hi].label, sorted[lo].label) == 0; hi++)
            ;
        for (size_t k = lo; hi - lo > 1 && k < hi && st == ASLDOT_OK; k++) {
            asldot_ir_edge *e = edges[sorted[k].rule];
            e->label = asldot_arena_printf(c->g->arena, "%s #%zu", e->label, sorted[k].rule + 1);
            if (e->label == NULL)
                st = ASLDOT_ERR_NOMEM;
        }
    }
    asldot_free(sorted);
    return st;
}

/* The Choice rules' edges. The tooltip has the whole condition; the label is cut, and sibling
 * labels stay apart: a cut drops the beginning the rules share rather than what tells them apart
 * (describe.c), and labels still equal get their rule's number. */
static asldot_status build_choices(build_ctx *c, const asldot_state *s)
{
    size_t n = s->choice_count;
    asldot_ir_edge **edges = asldot_calloc(n ? n : 1, sizeof *edges);
    const char **texts = asldot_calloc(n ? n : 1, sizeof *texts);
    size_t *at = asldot_calloc(n ? n : 1, sizeof *at);
    asldot_status st = ASLDOT_OK;
    if (edges == NULL || texts == NULL || at == NULL)
        st = ASLDOT_ERR_NOMEM;
    for (size_t i = 0; i < n && st == ASLDOT_OK; i++) {
        const asldot_choice_rule *r = &s->choices[i];
        st = add_transition(c, s, r->next, "Next", ASLDOT_IR_EDGE_CHOICE, "choice", &edges[i]);
        asldot_buf_reset(&c->tmp);
        if (st == ASLDOT_OK && asldot_describe_condition(&c->tmp, r->node, 0) != ASLDOT_OK)
            st = ASLDOT_ERR_NOMEM;
        texts[i] = st == ASLDOT_OK ? take_text(c, &st) : NULL;
        if (texts[i] == NULL)
            texts[i] = "";
        if (edges[i] != NULL)
            edges[i]->tooltip = *texts[i] ? texts[i] : NULL;
    }
    if (st == ASLDOT_OK)
        st = asldot_describe_sibling_offsets(texts, n, at);
    for (size_t i = 0; i < n && st == ASLDOT_OK; i++) {
        if (edges[i] == NULL)
            continue;
        asldot_buf_reset(&c->tmp);
        if (asldot_describe_rule_label(&c->tmp, texts[i], at[i], ASLDOT_CONDITION_MAX_CHARS) !=
            ASLDOT_OK)
            st = ASLDOT_ERR_NOMEM;
        else
            edges[i]->label = take_text(c, &st);
    }
    if (st == ASLDOT_OK)
        st = number_equal_labels(c, edges, n);
    asldot_free(edges);
    asldot_free(texts);
    asldot_free(at);
    return st;
}

static asldot_status build_transitions(build_ctx *c, const asldot_state *s)
{
    asldot_ir_edge *e;
    asldot_status st;

    if (s->type == ASLDOT_STATE_CHOICE) {
        if ((st = build_choices(c, s)) != ASLDOT_OK)
            return st;
        st =
            add_transition(c, s, s->default_next, "Default", ASLDOT_IR_EDGE_DEFAULT, "default", &e);
        if (st != ASLDOT_OK)
            return st;
        if (e != NULL) {
            e->label = "default";
            e->tooltip = "Default: no rule matched";
        }
    }
    st = add_transition(c, s, s->next, "Next", ASLDOT_IR_EDGE_NEXT, "next", &e);
    if (st != ASLDOT_OK)
        return st;
    for (size_t i = 0; i < s->catcher_count; i++) {
        const asldot_catcher *k = &s->catchers[i];
        st = add_transition(c, s, k->next, "Catch", ASLDOT_IR_EDGE_CATCH, "catch", &e);
        if (st != ASLDOT_OK)
            return st;
        if (e == NULL)
            continue;
        asldot_buf_reset(&c->tmp);
        asldot_buf_puts(&c->tmp, "catch ");
        if (asldot_describe_catcher(&c->tmp, k, 32) != ASLDOT_OK)
            return ASLDOT_ERR_NOMEM;
        e->label = take_text(c, &st);
        asldot_buf_reset(&c->tmp);
        asldot_buf_puts(&c->tmp, "Catch: ");
        if (asldot_describe_catcher(&c->tmp, k, 0) != ASLDOT_OK)
            return ASLDOT_ERR_NOMEM;
        e->tooltip = take_text(c, &st);
        if (st != ASLDOT_OK)
            return st;
    }
    if (is_terminal(s) && (st = add_end_edge(c, s)) != ASLDOT_OK)
        return st;
    return ASLDOT_OK;
}

/* Entry of every nested scope: an invisible edge from the container's entry anchor to StartAt. */
static asldot_status build_scope_entries(build_ctx *c)
{
    for (size_t i = 0; i < c->m->state_count; i++) {
        const asldot_state *s = c->m->states[i];
        size_t cl = c->g->state_cluster[s->id];
        const asldot_scope *const *scopes;
        size_t nscopes;
        if (cl == ASLDOT_IR_NONE)
            continue;
        if (s->type == ASLDOT_STATE_MAP) {
            scopes = (const asldot_scope *const *)&s->processor;
            nscopes = s->processor ? 1 : 0;
        } else {
            scopes = (const asldot_scope *const *)s->branches;
            nscopes = s->branch_count;
        }
        for (size_t b = 0; b < nscopes; b++) {
            const asldot_state *first;
            size_t clip, head;
            asldot_ir_edge *e;
            asldot_status st;
            if (scopes[b] == NULL || scopes[b]->start_at == NULL)
                continue;
            first = asldot_scope_find(scopes[b], scopes[b]->start_at);
            if (first == NULL)
                continue;
            head = state_port(c, first, 1, &clip);
            st = asldot_ir_add_edge(c->g, ASLDOT_IR_EDGE_LAYOUT, c->g->clusters[cl]->entry, head,
                                    &e);
            if (st != ASLDOT_OK)
                return st;
            e->lhead = clip;
        }
    }
    return ASLDOT_OK;
}

/* The Start marker is node 0, so Graphviz meets it first; its edge is added once the states exist.
 */
static asldot_status build_start_marker(build_ctx *c)
{
    asldot_ir_node *n;
    asldot_status st = asldot_ir_add_node(c->g, ASLDOT_IR_START, ASLDOT_IR_NONE, &n);
    if (st != ASLDOT_OK)
        return st;
    n->name = "Start";
    return asldot_ir_add_class(c->g, &n->classes, "start");
}

static asldot_status build_start_edge(build_ctx *c)
{
    asldot_ir_edge *e;
    const asldot_state *first;
    size_t clip, head;
    asldot_status st;
    if (c->m->top == NULL || c->m->top->start_at == NULL)
        return ASLDOT_OK;
    first = asldot_scope_find(c->m->top, c->m->top->start_at);
    if (first == NULL) {
        if (!(c->opts->flags & ASLDOT_BUILD_KEEP_GOING)) {
            c->missing++;
            return asldot_doc_diag(c->diags, ASLDOT_SEV_ERROR, "start-at-missing-target",
                                   asldot_doc_get(c->m->top->node, "StartAt"), 0,
                                   "\"StartAt\" names \"%s\", which is not a state",
                                   c->m->top->start_at);
        }
        asldot_ir_node *ph;
        if ((st = asldot_ir_add_node(c->g, ASLDOT_IR_PLACEHOLDER, ASLDOT_IR_NONE, &ph)) !=
            ASLDOT_OK)
            return st;
        ph->name = asldot_ir_strdup(c->g, c->m->top->start_at);
        ph->detail = "missing state";
        if (ph->name == NULL)
            return ASLDOT_ERR_NOMEM;
        if ((st = asldot_ir_add_class(c->g, &ph->classes, "placeholder")) != ASLDOT_OK)
            return st;
        head = ph->id;
        clip = ASLDOT_IR_NONE;
    } else {
        head = state_port(c, first, 1, &clip);
    }
    if ((st = asldot_ir_add_edge(c->g, ASLDOT_IR_EDGE_START, 0, head, &e)) != ASLDOT_OK)
        return st;
    e->lhead = clip;
    if (first)
        e->to_state = first->id;
    return asldot_ir_add_class(c->g, &e->classes, "next");
}

/* ---- ranking: which transitions place states, and where each scope's states hang from */

/* Order of a state's successors in the walk: Next, the Choices in order, Default, the Catchers
 * in order (the order a reader follows; -1: not a transition between two states). */
static int walk_order(const asldot_ir_edge *e)
{
    if (e->from_state == ASLDOT_IR_NONE || e->to_state == ASLDOT_IR_NONE)
        return -1;
    switch (e->kind) {
    case ASLDOT_IR_EDGE_NEXT:
        return 0;
    case ASLDOT_IR_EDGE_CHOICE:
        return 1;
    case ASLDOT_IR_EDGE_DEFAULT:
        return 2;
    case ASLDOT_IR_EDGE_CATCH:
        return 3;
    default:
        return -1;
    }
}

typedef struct walk_ctx {
    size_t *start;        /* per state + 1: CSR of its transitions in walk order */
    size_t *edge;         /* the transitions */
    size_t *cursor;       /* per state: next transition to follow */
    size_t *stack;        /* states on the walk's path */
    unsigned char *state; /* per state: 0 new, 1 on the path, 2 done */
    size_t *indeg;        /* per state: transitions into it that still rank it */
} walk_ctx;

static void walk_free(walk_ctx *w)
{
    asldot_free(w->start);
    asldot_free(w->edge);
    asldot_free(w->cursor);
    asldot_free(w->stack);
    asldot_free(w->state);
    asldot_free(w->indeg);
}

/* Depth-first from root over the transitions in walk order; a transition into a state on the
 * path closes a loop and stops ranking (constraint 0). Iterative: depth is unbounded. */
static void walk_from(build_ctx *c, walk_ctx *w, size_t root)
{
    size_t top = 0;
    if (w->state[root])
        return;
    w->stack[top++] = root;
    w->state[root] = 1;
    while (top > 0) {
        size_t v = w->stack[top - 1], t;
        asldot_ir_edge *e;
        if (w->cursor[v] == w->start[v + 1]) {
            w->state[v] = 2;
            top--;
            continue;
        }
        e = c->g->edges[w->edge[w->cursor[v]++]];
        t = e->to_state;
        if (w->state[t] == 1) {
            e->constraint = 0;
            e->loop = 1;
        } else if (w->state[t] == 0) {
            w->state[t] = 1;
            w->stack[top++] = t; /* each state is pushed once: top <= state count */
        }
    }
}

/* A state of the scope that no ranking transition enters (an unreachable one, or one entered
 * only by loops) would float to the top of the picture: an invisible edge from the scope's entry
 * (the Start marker, or the container's entry anchor) keeps it below. */
static asldot_status hang_sources(build_ctx *c, const walk_ctx *w, const asldot_scope *scope,
                                  const asldot_state *first)
{
    size_t entry = 0;
    if (scope->owner != NULL) {
        size_t cl = c->g->state_cluster[scope->owner->id];
        if (cl == ASLDOT_IR_NONE)
            return ASLDOT_OK;
        entry = c->g->clusters[cl]->entry;
    }
    for (size_t i = 0; i < scope->count; i++) {
        const asldot_state *s = scope->states[i];
        asldot_ir_edge *e;
        size_t clip, head;
        asldot_status st;
        if (s == first || w->indeg[s->id] > 0)
            continue;
        head = state_port(c, s, 1, &clip);
        if ((st = asldot_ir_add_edge(c->g, ASLDOT_IR_EDGE_LAYOUT, entry, head, &e)) != ASLDOT_OK)
            return st;
        e->lhead = clip;
    }
    return ASLDOT_OK;
}

static asldot_status rank_scope(build_ctx *c, walk_ctx *w, const asldot_scope *scope)
{
    const asldot_state *first;
    if (scope == NULL)
        return ASLDOT_OK;
    first = scope->start_at ? asldot_scope_find(scope, scope->start_at) : NULL;
    if (first != NULL)
        walk_from(c, w, first->id);
    for (size_t i = 0; i < scope->count; i++) /* what StartAt does not reach, in document order */
        walk_from(c, w, scope->states[i]->id);
    for (size_t i = 0; i < scope->count; i++) {
        const asldot_state *s = scope->states[i];
        for (size_t k = w->start[s->id]; k < w->start[s->id + 1]; k++) {
            const asldot_ir_edge *e = c->g->edges[w->edge[k]];
            if (e->constraint)
                w->indeg[e->to_state]++;
        }
    }
    return hang_sources(c, w, scope, first);
}

/* Per scope, a depth-first walk from StartAt decides which transitions are loops back (they are
 * drawn but do not rank; layout.c and Graphviz then have no cycle to break, so they cannot pick
 * a different edge), and every state ends up below its scope's entry. */
static asldot_status rank_transitions(build_ctx *c)
{
    const asldot_machine *m = c->m;
    size_t n = m->state_count, edges = c->g->edge_count;
    asldot_status st = ASLDOT_OK;
    walk_ctx w;
    w.start = asldot_calloc(n + 1, sizeof *w.start);
    w.edge = asldot_calloc(edges ? edges : 1, sizeof *w.edge);
    w.cursor = asldot_calloc(n ? n : 1, sizeof *w.cursor);
    w.stack = asldot_calloc(n ? n : 1, sizeof *w.stack);
    w.state = asldot_calloc(n ? n : 1, 1);
    w.indeg = asldot_calloc(n ? n : 1, sizeof *w.indeg);
    if (w.start == NULL || w.edge == NULL || w.cursor == NULL || w.stack == NULL ||
        w.state == NULL || w.indeg == NULL) {
        walk_free(&w);
        return ASLDOT_ERR_NOMEM;
    }
    for (size_t i = 0; i < edges; i++)
        if (walk_order(c->g->edges[i]) >= 0)
            w.start[c->g->edges[i]->from_state + 1]++;
    for (size_t v = 0; v < n; v++)
        w.start[v + 1] += w.start[v];
    memcpy(w.cursor, w.start, n * sizeof *w.cursor);
    for (int order = 0; order <= 3; order++) /* stable: creation order within one kind */
        for (size_t i = 0; i < edges; i++)
            if (walk_order(c->g->edges[i]) == order)
                w.edge[w.cursor[c->g->edges[i]->from_state]++] = i;
    memcpy(w.cursor, w.start, n * sizeof *w.cursor);
    st = rank_scope(c, &w, m->top);
    for (size_t i = 0; i < n && st == ASLDOT_OK; i++) {
        const asldot_state *s = m->states[i];
        st = rank_scope(c, &w, s->processor);
        for (size_t b = 0; b < s->branch_count && st == ASLDOT_OK; b++)
            st = rank_scope(c, &w, s->branches[b]);
    }
    walk_free(&w);
    return st;
}

typedef struct state_pointer {
    const char *pointer; /* the state object's JSON Pointer (graph arena) */
    const asldot_state *state;
} state_pointer;

static int by_pointer(const void *a, const void *b)
{
    return strcmp(((const state_pointer *)a)->pointer, ((const state_pointer *)b)->pointer);
}

/* The entry whose pointer equals key[0..n), or NULL (sorted is ordered by strcmp). */
static const state_pointer *find_pointer(const state_pointer *sorted, size_t count, const char *key,
                                         size_t n)
{
    size_t lo = 0, hi = count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const char *p = sorted[mid].pointer;
        int c = strncmp(key, p, n);
        if (c == 0)
            c = p[n] == '\0' ? 0 : -1; /* key is a proper prefix of p: it sorts first */
        if (c == 0)
            return &sorted[mid];
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

/* The state an error points into: the longest prefix of pointer, at a '/', that is a state. */
static const asldot_state *state_at(const state_pointer *sorted, size_t count, const char *pointer)
{
    size_t n = strlen(pointer);
    for (;;) {
        const state_pointer *hit = find_pointer(sorted, count, pointer, n);
        if (hit != NULL)
            return hit->state;
        while (n > 0 && pointer[n - 1] != '/')
            n--;
        if (n == 0)
            return NULL;
        n--; /* drop the '/' */
    }
}

#define MAX_TOOLTIP_ERRORS 5 /* per state; the lint output has them all */

/* Keep-going mode: every state an error already reported points into (validation's findings,
 * passed in diags) is marked invalid, and its tooltip says why. */
static asldot_status mark_reported(build_ctx *c)
{
    const asldot_machine *m = c->m;
    size_t n = asldot_diagnostics_count(c->diags), count = 0;
    state_pointer *sorted;
    unsigned *told; /* per state id: errors put in its tooltip */
    asldot_status st = ASLDOT_OK;
    if (asldot_diagnostics_error_count(c->diags) == 0 || m->state_count == 0)
        return ASLDOT_OK;
    sorted = asldot_calloc(m->state_count, sizeof *sorted);
    told = asldot_calloc(m->state_count, sizeof *told);
    if (sorted == NULL || told == NULL) {
        asldot_free(sorted);
        asldot_free(told);
        return ASLDOT_ERR_NOMEM;
    }
    for (size_t i = 0; i < m->state_count && st == ASLDOT_OK; i++) {
        if (m->states[i]->node == NULL)
            continue;
        asldot_buf_reset(&c->tmp);
        st = asldot_doc_pointer(&c->tmp, m->states[i]->node);
        if (st == ASLDOT_OK &&
            (sorted[count].pointer = asldot_ir_strdup(c->g, c->tmp.data)) == NULL)
            st = ASLDOT_ERR_NOMEM;
        sorted[count++].state = m->states[i];
    }
    if (st == ASLDOT_OK)
        qsort(sorted, count, sizeof *sorted, by_pointer);
    for (size_t i = 0; i < n && st == ASLDOT_OK; i++) {
        const asldot_diagnostic *d = asldot_diagnostics_get(c->diags, i);
        const asldot_state *s;
        size_t id;
        const char **tip;
        if (d->severity != ASLDOT_SEV_ERROR || d->pointer == NULL ||
            (s = state_at(sorted, count, d->pointer)) == NULL)
            continue;
        st = mark_invalid(c, s);
        id = c->g->state_node[s->id];
        if (id != ASLDOT_IR_NONE)
            tip = &c->g->nodes[id]->tooltip;
        else if ((id = c->g->state_cluster[s->id]) != ASLDOT_IR_NONE)
            tip = &c->g->clusters[id]->tooltip;
        else
            continue;
        if (st == ASLDOT_OK && told[s->id] <= MAX_TOOLTIP_ERRORS) {
            const char *t;
            if (told[s->id]++ < MAX_TOOLTIP_ERRORS)
                t = asldot_arena_printf(c->g->arena, "%s%s✗ %s [%s]", *tip ? *tip : "",
                                        *tip ? "\n" : "", d->message, d->code);
            else
                t = asldot_arena_printf(c->g->arena, "%s\n✗ and more: see the lint output",
                                        *tip ? *tip : "");
            if (t == NULL)
                st = ASLDOT_ERR_NOMEM;
            *tip = t ? t : *tip;
        }
    }
    asldot_free(sorted);
    asldot_free(told);
    return st;
}

#define SHARED_RETRY_MIN 3 /* states with one retry policy before it is said once */

/* The notes of the state behind node or cluster i (kind 0 node, 1 cluster), when it can retry. */
static const char **retry_notes(asldot_graph *g, int cluster, size_t i)
{
    if (cluster) {
        asldot_ir_cluster *cl = g->clusters[i];
        return cl->state_id != ASLDOT_IR_NONE &&
                       (cl->kind == ASLDOT_IR_CLUSTER_MAP || cl->kind == ASLDOT_IR_CLUSTER_PARALLEL)
                   ? &cl->notes
                   : NULL;
    }
    return g->nodes[i]->kind == ASLDOT_IR_STATE && g->nodes[i]->type == ASLDOT_STATE_TASK
               ? &g->nodes[i]->notes
               : NULL;
}

/* A retry policy written the same on every state that can retry (a Task, Parallel or Map), at
 * least SHARED_RETRY_MIN of them, is said once under the title instead of on every box (the
 * CDK's default Lambda retry, for one). The tooltips keep each state's own. */
static asldot_status share_retry_notes(asldot_graph *g)
{
    const char *shared = NULL;
    size_t count = 0, containers = 0;
    asldot_buf b = ASLDOT_BUF_INIT;
    for (int k = 0; k < 2; k++)
        for (size_t i = 0; i < (k ? g->cluster_count : g->node_count); i++) {
            const char **notes = retry_notes(g, k, i);
            if (notes == NULL)
                continue;
            if (*notes == NULL || **notes == '\0' || (shared && strcmp(shared, *notes) != 0))
                return ASLDOT_OK;
            shared = *notes;
            count++;
            containers += k;
        }
    if (count < SHARED_RETRY_MIN)
        return ASLDOT_OK;
    asldot_buf_puts(&b,
                    containers ? "every Task, Parallel and Map retries: " : "every Task retries: ");
    for (const char *p = shared; *p; p++)
        if (*p == '\n')
            asldot_buf_puts(&b, "; ");
        else
            asldot_buf_putc(&b, *p);
    if (asldot_buf_status(&b) != ASLDOT_OK || (g->note = asldot_ir_strdup(g, b.data)) == NULL) {
        asldot_buf_free(&b);
        return ASLDOT_ERR_NOMEM;
    }
    asldot_buf_free(&b);
    for (int k = 0; k < 2; k++)
        for (size_t i = 0; i < (k ? g->cluster_count : g->node_count); i++) {
            const char **notes = retry_notes(g, k, i);
            if (notes != NULL)
                *notes = NULL;
        }
    return ASLDOT_OK;
}

#define TITLE_MAX_CHARS 240 /* about three lines of the title's wrapping */

static int is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* The title is the Comment's first paragraph on one line (white space collapsed), cut at a word
 * with "…" past TITLE_MAX_CHARS characters; when anything was left out, the whole Comment becomes
 * the diagram's tooltip. A multi-paragraph Comment would otherwise tower over the diagram. */
static asldot_status set_title(asldot_graph *g, const char *comment)
{
    asldot_buf b = ASLDOT_BUF_INIT;
    const char *p = comment;
    size_t chars = 0, cut = 0, cut_chars = 0;
    int shortened = 0;
    asldot_status st = ASLDOT_OK;
    while (is_blank(*p))
        p++;
    while (*p && st == ASLDOT_OK) {
        if (is_blank(*p)) {
            const char *q = p;
            int newlines = 0;
            while (is_blank(*q))
                newlines += *q++ == '\n';
            if (*q == '\0')
                break;
            if (newlines >= 2) { /* a blank line ends the paragraph */
                shortened = 1;
                break;
            }
            cut = b.len;
            cut_chars = chars;
            st = asldot_buf_putc(&b, ' ');
            chars++;
            p = q;
            continue;
        }
        if (chars >= TITLE_MAX_CHARS) {
            shortened = 1;
            break;
        }
        st = asldot_buf_putc(&b, *p);
        if (((unsigned char)*p & 0xC0) != 0x80) /* count characters, not bytes */
            chars++;
        p++;
        while (st == ASLDOT_OK && ((unsigned char)*p & 0xC0) == 0x80)
            st = asldot_buf_putc(&b, *p++);
    }
    if (st == ASLDOT_OK && shortened && chars >= TITLE_MAX_CHARS) {
        if (cut > 0 && cut_chars >= TITLE_MAX_CHARS / 2)
            b.len = cut; /* at the last word boundary */
        st = asldot_buf_puts(&b, "…");
    } else if (st == ASLDOT_OK && shortened) {
        st = asldot_buf_puts(&b, " …");
    }
    if (st == ASLDOT_OK && b.len > 0 && (g->title = asldot_ir_strdup(g, b.data)) == NULL)
        st = ASLDOT_ERR_NOMEM;
    if (st == ASLDOT_OK && shortened && (g->tooltip = asldot_ir_strdup(g, comment)) == NULL)
        st = ASLDOT_ERR_NOMEM;
    asldot_buf_free(&b);
    return st;
}

asldot_status asldot_graph_build(asldot_graph **out, const asldot_machine *m,
                                 const asldot_build_options *opts, asldot_diagnostics *diags)
{
    build_ctx c;
    asldot_build_options defaults;
    asldot_status st;

    if (out == NULL || m == NULL)
        return ASLDOT_ERR_ARGS;
    if (ASLDOT_OPTIONS_TOO_NEW(opts, ASLDOT_BUILD_OPTIONS_VERSION))
        return ASLDOT_ERR_ARGS;
    *out = NULL;
    if (opts == NULL) {
        asldot_build_options_init(&defaults);
        opts = &defaults;
    }
    memset(&c, 0, sizeof c);
    c.m = m;
    c.opts = opts;
    c.diags = diags;
    c.end_node = ASLDOT_IR_NONE;
    st = asldot_ir_new(&c.g, m->state_count);
    if (st != ASLDOT_OK)
        return st;
    c.g->rankdir = opts->rankdir;
    c.g->layout = opts->layout;
    if (m->comment)
        st = set_title(c.g, m->comment);

    if (st == ASLDOT_OK)
        st = build_start_marker(&c);
    if (st == ASLDOT_OK && m->top)
        st = build_scope(&c, m->top, ASLDOT_IR_NONE);
    if (st == ASLDOT_OK)
        st = build_start_edge(&c);
    if (st == ASLDOT_OK)
        st = build_scope_entries(&c);
    for (size_t i = 0; st == ASLDOT_OK && i < m->state_count; i++)
        st = build_transitions(&c, m->states[i]);
    if (st == ASLDOT_OK)
        st = rank_transitions(&c);
    if (st == ASLDOT_OK)
        st = share_retry_notes(c.g);
    if (st == ASLDOT_OK && c.nomem)
        st = ASLDOT_ERR_NOMEM;
    if (st == ASLDOT_OK && c.missing && !(opts->flags & ASLDOT_BUILD_KEEP_GOING))
        st = ASLDOT_ERR_INVALID;
    if (st == ASLDOT_OK && (opts->flags & ASLDOT_BUILD_KEEP_GOING))
        st = mark_reported(&c);

    asldot_buf_free(&c.tmp);
    if (st != ASLDOT_OK) {
        asldot_graph_free(c.g);
        return st;
    }
    *out = c.g;
    return ASLDOT_OK;
}
