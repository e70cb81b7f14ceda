/* test_model.c: the ASL model (parse_machine.c, model.c): scopes, ids, lookups, leniency, limits,
 * and invariants over the real corpus. */
#include "model.h"
#include "../harness.h"
#include "alloc.h"
#include "buf.h"

#include <dirent.h>
#include <time.h>

/* ------------------------------------------------------------------ helpers */

static asldot_machine *parse_opts(const char *json, const asldot_options *opts,
                                  asldot_status *st_out, asldot_diagnostics *d)
{
    asldot_machine *m = (asldot_machine *)1; /* must be reset by the call */
    asldot_status st = asldot_machine_parse(&m, json, strlen(json), opts, d);
    if (st_out)
        *st_out = st;
    if (st != ASLDOT_OK) {
        CHECK(m == NULL);
        return NULL;
    }
    return m;
}

static asldot_machine *parse(const char *json)
{
    asldot_status st;
    asldot_machine *m = parse_opts(json, NULL, &st, NULL);
    CHECK_EQ_INT(st, ASLDOT_OK);
    return m;
}

static int has_code(const asldot_diagnostics *d, const char *code)
{
    for (size_t i = 0; i < asldot_diagnostics_count(d); i++)
        if (strcmp(asldot_diagnostics_get(d, i)->code, code) == 0)
            return 1;
    return 0;
}

/* ------------------------------------------------------------------ basics */

static void test_simple_machine(void)
{
    asldot_machine *m = parse("{\"Comment\": \"hello\", \"StartAt\": \"A\", \"States\": {"
                              "\"A\": {\"Type\": \"Pass\", \"Next\": \"B\", \"Comment\": \"c\"},"
                              "\"B\": {\"Type\": \"Wait\", \"Seconds\": 3, \"Next\": \"C\"},"
                              "\"C\": {\"Type\": \"Succeed\"}}}");
    if (m == NULL)
        return;
    CHECK_EQ_STR(asldot_machine_comment(m), "hello");
    CHECK_EQ_STR(asldot_machine_start_at(m), "A");
    CHECK_EQ_INT(asldot_machine_state_count(m), 3);
    CHECK(m->top != NULL && m->top->owner == NULL && m->top->depth == 0);
    CHECK_EQ_INT(m->top->count, 3);
    CHECK(m->top->node == m->doc->root);
    CHECK_EQ_STR(m->states[0]->name, "A");
    CHECK_EQ_STR(m->states[1]->name, "B");
    CHECK_EQ_STR(m->states[2]->name, "C");
    for (size_t i = 0; i < 3; i++) {
        CHECK_EQ_INT(m->states[i]->id, i);
        CHECK_EQ_INT(m->states[i]->index, i);
        CHECK(m->states[i]->scope == m->top);
        CHECK(m->top->states[i] == m->states[i]);
    }
    CHECK_EQ_INT(m->states[0]->type, ASLDOT_STATE_PASS);
    CHECK_EQ_STR(m->states[0]->type_name, "Pass");
    CHECK_EQ_STR(m->states[0]->next, "B");
    CHECK_EQ_STR(m->states[0]->comment, "c");
    CHECK_EQ_INT(m->states[0]->end, 0);
    CHECK_EQ_INT(m->states[1]->type, ASLDOT_STATE_WAIT);
    CHECK_EQ_INT(m->states[2]->type, ASLDOT_STATE_SUCCEED);
    CHECK(m->states[2]->next == NULL);
    CHECK(asldot_scope_find(m->top, "B") == m->states[1]);
    CHECK(asldot_scope_find(m->top, "Z") == NULL);
    CHECK(asldot_scope_find(m->top, "") == NULL);
    CHECK(asldot_machine_find(m, "C") == m->states[2]);
    CHECK(asldot_machine_find(m, "c") == NULL);
    CHECK(m->states[0]->node == asldot_doc_get(asldot_doc_get(m->doc->root, "States"), "A"));
    asldot_machine_free(m);
    asldot_machine_free(NULL);
    CHECK(asldot_machine_comment(NULL) == NULL);
    CHECK(asldot_machine_start_at(NULL) == NULL);
    CHECK_EQ_INT(asldot_machine_state_count(NULL), 0);
}

static void test_type_names(void)
{
    static const char *names[] = {"Task",    "Pass", "Choice",   "Wait",
                                  "Succeed", "Fail", "Parallel", "Map"};
    for (int i = 0; i < 8; i++) {
        CHECK_EQ_INT(asldot_state_type_parse(names[i]), i);
        CHECK_EQ_STR(asldot_state_type_name((asldot_state_type)i), names[i]);
    }
    CHECK_EQ_INT(asldot_state_type_parse("task"), ASLDOT_STATE_UNKNOWN);
    CHECK_EQ_INT(asldot_state_type_parse(""), ASLDOT_STATE_UNKNOWN);
    CHECK_EQ_INT(asldot_state_type_parse(NULL), ASLDOT_STATE_UNKNOWN);
    CHECK_EQ_STR(asldot_state_type_name(ASLDOT_STATE_UNKNOWN), "Unknown");
    CHECK_EQ_STR(asldot_state_type_name((asldot_state_type)99), "Unknown");
}

static void test_scopes_and_ids(void)
{
    /* ids are depth first in document order; a Parallel's branches come before its next sibling */
    asldot_machine *m = parse(
        "{\"StartAt\": \"P\", \"States\": {"
        " \"P\": {\"Type\": \"Parallel\", \"Next\": \"M\", \"Branches\": ["
        "   {\"StartAt\": \"P1\", \"Comment\": \"first\", \"States\": {"
        "      \"P1\": {\"Type\": \"Pass\", \"Next\": \"P2\"}, \"P2\": {\"Type\": \"Succeed\"}}},"
        "   {\"StartAt\": \"Q1\", \"States\": {\"Q1\": {\"Type\": \"Pass\", \"End\": true}}}]},"
        " \"M\": {\"Type\": \"Map\", \"Next\": \"L\", \"ItemProcessor\": {"
        "   \"ProcessorConfig\": {\"Mode\": \"INLINE\"}, \"StartAt\": \"I\", \"States\": {"
        "     \"I\": {\"Type\": \"Map\", \"End\": true, \"Iterator\": {\"StartAt\": \"J\","
        "        \"States\": {\"J\": {\"Type\": \"Pass\", \"End\": true}}}}}}},"
        " \"L\": {\"Type\": \"Succeed\"}}}");
    static const char *order[] = {"P", "P1", "P2", "Q1", "M", "I", "J", "L"};
    if (m == NULL)
        return;
    CHECK_EQ_INT(m->state_count, 8);
    for (size_t i = 0; i < 8 && i < m->state_count; i++) {
        CHECK_EQ_STR(m->states[i]->name, order[i]);
        CHECK_EQ_INT(m->states[i]->id, i);
        CHECK(asldot_machine_find(m, order[i]) == m->states[i]);
    }
    asldot_state *p = asldot_scope_find(m->top, "P");
    asldot_state *mp = asldot_scope_find(m->top, "M");
    CHECK_EQ_INT(m->top->count, 3);
    CHECK(p != NULL && mp != NULL);
    if (p == NULL || mp == NULL)
        goto done;
    CHECK_EQ_INT(p->type, ASLDOT_STATE_PARALLEL);
    CHECK_EQ_INT(p->branch_count, 2);
    CHECK(p->processor == NULL);
    CHECK(p->branches[0]->owner == p && p->branches[1]->owner == p);
    CHECK_EQ_INT(p->branches[0]->branch_index, 0);
    CHECK_EQ_INT(p->branches[1]->branch_index, 1);
    CHECK_EQ_INT(p->branches[0]->depth, 1);
    CHECK_EQ_STR(p->branches[0]->start_at, "P1");
    CHECK_EQ_STR(p->branches[0]->comment, "first");
    CHECK_EQ_INT(p->branches[0]->count, 2);
    CHECK_EQ_INT(p->branches[1]->count, 1);
    CHECK(asldot_scope_find(p->branches[0], "P2") == m->states[2]);
    CHECK(asldot_scope_find(p->branches[0], "Q1") == NULL); /* other branch */
    CHECK(asldot_scope_find(m->top, "P1") == NULL);         /* nested, not top level */
    CHECK(m->states[2]->scope == p->branches[0]);
    CHECK_EQ_INT(m->states[2]->index, 1);

    CHECK_EQ_INT(mp->type, ASLDOT_STATE_MAP);
    CHECK(mp->processor != NULL && mp->branch_count == 0);
    if (mp->processor != NULL) {
        asldot_state *inner = asldot_scope_find(mp->processor, "I");
        CHECK(mp->processor->owner == mp);
        CHECK_EQ_INT(mp->processor->depth, 1);
        CHECK(mp->processor->node == asldot_doc_get(mp->node, "ItemProcessor"));
        CHECK(inner != NULL && inner->processor != NULL);
        if (inner != NULL && inner->processor != NULL) {
            CHECK_EQ_INT(inner->processor->depth, 2); /* legacy Iterator */
            CHECK(asldot_scope_find(inner->processor, "J") == m->states[6]);
        }
    }
done:
    asldot_machine_free(m);
}

static void test_fields(void)
{
    asldot_machine *m =
        parse("{\"StartAt\": \"T\", \"QueryLanguage\": \"JSONata\", \"States\": {"
              " \"T\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::lambda:invoke\","
              "   \"Next\": \"C\","
              "   \"Retry\": [{\"ErrorEquals\": [\"A\", 5, \"B\"], \"MaxAttempts\": 4,"
              "                \"IntervalSeconds\": 2, \"BackoffRate\": 1.5},"
              "              {\"ErrorEquals\": \"States.ALL\", \"MaxAttempts\": \"3\"}, 7],"
              "   \"Catch\": [{\"ErrorEquals\": [\"States.ALL\"], \"Next\": \"F\"}, \"x\"]},"
              " \"C\": {\"Type\": \"Choice\", \"QueryLanguage\": \"JSONPath\", \"Default\": \"F\","
              "   \"Choices\": [{\"Variable\": \"$.x\", \"IsPresent\": true, \"Next\": \"T\"},"
              "                 {\"Next\": 3}, []]},"
              " \"E\": {\"Type\": \"Pass\", \"End\": \"true\"},"
              " \"F\": {\"Type\": \"Fail\", \"End\": true}}}");
    if (m == NULL)
        return;
    asldot_state *t = asldot_machine_find(m, "T"), *c = asldot_machine_find(m, "C");
    asldot_state *e = asldot_machine_find(m, "E"), *f = asldot_machine_find(m, "F");
    CHECK(t && c && e && f);
    if (!(t && c && e && f))
        goto done;
    CHECK_EQ_INT(m->jsonata, 1);
    CHECK_EQ_INT(t->jsonata, 1); /* inherited */
    CHECK_EQ_INT(c->jsonata, 0); /* its own QueryLanguage wins */
    CHECK_EQ_INT(t->retrier_count, 3);
    CHECK_EQ_INT(t->retriers[0].error_count, 2);
    CHECK_EQ_STR(t->retriers[0].errors[0], "A");
    CHECK_EQ_STR(t->retriers[0].errors[1], "B");
    CHECK(t->retriers[0].max_attempts == 4);
    CHECK(t->retriers[0].interval == 2);
    CHECK(t->retriers[0].backoff_rate == 1.5);
    CHECK_EQ_INT(t->retriers[1].error_count, 0);
    CHECK(t->retriers[1].max_attempts == -1); /* a string is not a number */
    CHECK(t->retriers[1].interval == -1 && t->retriers[1].backoff_rate == -1);
    CHECK(t->retriers[2].node != NULL && t->retriers[2].node->kind == ASLDOT_DOC_NUMBER);
    CHECK_EQ_INT(t->catcher_count, 2);
    CHECK_EQ_STR(t->catchers[0].next, "F");
    CHECK_EQ_INT(t->catchers[0].error_count, 1);
    CHECK(t->catchers[1].next == NULL && t->catchers[1].error_count == 0);
    CHECK_EQ_INT(c->choice_count, 3);
    CHECK_EQ_STR(c->choices[0].next, "T");
    CHECK(c->choices[1].next == NULL);
    CHECK(c->choices[2].node != NULL && c->choices[2].node->kind == ASLDOT_DOC_ARRAY);
    CHECK_EQ_STR(c->default_next, "F");
    CHECK_EQ_INT(e->end, 0); /* "true" is a string */
    CHECK_EQ_INT(f->end, 1);
    CHECK_EQ_INT(f->catcher_count, 0);
done:
    asldot_machine_free(m);
}

static void test_lenient(void)
{
    /* wrong types are left unset; unknown fields ignored; odd states still exist */
    asldot_machine *m =
        parse("{\"StartAt\": 5, \"Comment\": [], \"Extra\": {}, \"States\": {"
              " \"A\": {\"Type\": 7, \"Next\": false, \"Comment\": 1, \"Whatever\": 1},"
              " \"B\": \"not an object\","
              " \"C\": {\"Type\": \"Parallel\", \"Branches\": {\"x\": 1}},"
              " \"D\": {\"Type\": \"Parallel\", \"Branches\": [1, {\"States\": []}, {}]},"
              " \"E\": {\"Type\": \"Map\", \"ItemProcessor\": \"x\", \"Iterator\": {"
              "    \"StartAt\": \"E1\", \"States\": {\"E1\": {\"Type\": \"Succeed\"}}}},"
              " \"F\": {\"Type\": \"Map\"},"
              " \"\": {\"Type\": \"Pass\", \"End\": true}}}");
    if (m == NULL)
        return;
    CHECK(asldot_machine_start_at(m) == NULL);
    CHECK(asldot_machine_comment(m) == NULL);
    CHECK_EQ_INT(m->state_count, 8);
    asldot_state *a = asldot_machine_find(m, "A"), *b = asldot_machine_find(m, "B");
    asldot_state *c = asldot_machine_find(m, "C"), *d = asldot_machine_find(m, "D");
    asldot_state *e = asldot_machine_find(m, "E"), *f = asldot_machine_find(m, "F");
    CHECK(a && b && c && d && e && f);
    if (!(a && b && c && d && e && f))
        goto done;
    CHECK_EQ_INT(a->type, ASLDOT_STATE_UNKNOWN);
    CHECK(a->type_name == NULL && a->next == NULL && a->comment == NULL);
    CHECK_EQ_INT(b->type, ASLDOT_STATE_UNKNOWN);
    CHECK(b->node->kind == ASLDOT_DOC_STRING);
    CHECK_EQ_INT(c->branch_count, 0);
    CHECK_EQ_INT(d->branch_count, 3);
    CHECK_EQ_INT(d->branches[0]->count, 0);
    CHECK_EQ_INT(d->branches[1]->count, 0);
    CHECK(d->branches[0]->start_at == NULL);
    CHECK(e->processor != NULL && e->processor->count == 1); /* falls back to Iterator */
    CHECK(f->processor == NULL);
    CHECK(asldot_scope_find(m->top, "") != NULL);
    CHECK(asldot_scope_find(d->branches[0], "A") == NULL);
done:
    asldot_machine_free(m);

    /* no States at all */
    m = parse("{\"StartAt\": \"A\"}");
    if (m != NULL) {
        CHECK_EQ_INT(m->state_count, 0);
        CHECK(m->top != NULL && m->top->count == 0);
        CHECK(asldot_scope_find(m->top, "A") == NULL);
        CHECK(asldot_machine_find(m, "A") == NULL);
        asldot_machine_free(m);
    }
}

static void test_duplicates(void)
{
    /* the same name in two branches: machine_find gives the first in document order */
    asldot_machine *m =
        parse("{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Parallel\", \"End\": true,"
              " \"Branches\": [{\"StartAt\": \"X\", \"States\": {\"X\": {\"Type\": \"Succeed\"}}},"
              "              {\"StartAt\": \"X\", \"States\": {\"X\": {\"Type\": \"Fail\"}}}]},"
              " \"X\": {\"Type\": \"Pass\", \"End\": true}}}");
    if (m == NULL)
        return;
    CHECK_EQ_INT(m->state_count, 4);
    CHECK(asldot_machine_find(m, "X") == m->states[1]);
    CHECK(asldot_scope_find(m->top, "X") == m->states[3]);
    CHECK(asldot_scope_find(m->states[0]->branches[1], "X") == m->states[2]);
    asldot_machine_free(m);
}

static void test_not_an_object(void)
{
    static const char *inputs[] = {"[1, 2]", "\"text\"", "42", "null", "true", "- a\n- b\n"};
    for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
        asldot_diagnostics *d = NULL;
        asldot_status st;
        CHECK_EQ_INT(asldot_diagnostics_new(&d), ASLDOT_OK);
        CHECK(parse_opts(inputs[i], NULL, &st, d) == NULL);
        CHECK_EQ_INT(st, ASLDOT_ERR_INVALID);
        CHECK(has_code(d, "not-an-object"));
        CHECK_EQ_INT(asldot_diagnostics_error_count(d), 1);
        asldot_diagnostics_free(d);
    }
    /* syntax errors come from the document layer */
    asldot_status st;
    CHECK(parse_opts("{\"StartAt\": ", NULL, &st, NULL) == NULL);
    CHECK_EQ_INT(st, ASLDOT_ERR_SYNTAX);
    CHECK(parse_opts("", NULL, &st, NULL) == NULL);
    CHECK(st != ASLDOT_OK);
    CHECK_EQ_INT(asldot_machine_parse(NULL, "{}", 2, NULL, NULL), ASLDOT_ERR_ARGS);
    asldot_machine *m = (asldot_machine *)1;
    CHECK_EQ_INT(asldot_machine_parse(&m, NULL, 3, NULL, NULL), ASLDOT_ERR_ARGS);
    CHECK(m == NULL);
}

static void test_yaml(void)
{
    asldot_machine *m = parse("Comment: from yaml\nStartAt: A\nStates:\n"
                              "  A:\n    Type: Wait\n    Seconds: 5\n    Next: B\n"
                              "  B:\n    Type: Succeed\n");
    if (m == NULL)
        return;
    CHECK_EQ_STR(asldot_machine_comment(m), "from yaml");
    CHECK_EQ_INT(m->state_count, 2);
    CHECK_EQ_STR(m->states[0]->next, "B");
    CHECK(m->doc->is_yaml);
    asldot_machine_free(m);
}

/* ------------------------------------------------------------------ limits */

/* A chain of Maps nested depth levels deep (the innermost holds a Pass). */
static char *nested_maps(unsigned depth)
{
    asldot_buf b = ASLDOT_BUF_INIT;
    for (unsigned i = 0; i < depth; i++)
        asldot_buf_printf(&b,
                          "{\"StartAt\": \"m%u\", \"States\": {\"m%u\": {\"Type\": \"Map\", "
                          "\"End\": true, \"ItemProcessor\": ",
                          i, i);
    asldot_buf_puts(&b, "{\"StartAt\": \"leaf\", \"States\": {\"leaf\": {\"Type\": \"Pass\", "
                        "\"End\": true}}}");
    for (unsigned i = 0; i < depth; i++)
        asldot_buf_puts(&b, "}}}");
    return asldot_buf_detach(&b, NULL);
}

static void test_depth_limit(void)
{
    asldot_options o;
    asldot_status st;
    asldot_diagnostics *d = NULL;
    char *json;
    asldot_machine *m;

    asldot_options_init(&o);
    o.max_state_depth = 5;
    json = nested_maps(5);
    m = parse_opts(json, &o, &st, NULL);
    CHECK_EQ_INT(st, ASLDOT_OK);
    if (m != NULL) {
        CHECK_EQ_INT(m->state_count, 6);
        CHECK_EQ_INT(m->states[5]->scope->depth, 5);
        CHECK_EQ_STR(m->states[5]->name, "leaf");
    }
    asldot_machine_free(m);
    asldot_free(json);

    json = nested_maps(6);
    CHECK_EQ_INT(asldot_diagnostics_new(&d), ASLDOT_OK);
    m = parse_opts(json, &o, &st, d);
    CHECK(m == NULL);
    CHECK_EQ_INT(st, ASLDOT_ERR_LIMIT);
    CHECK(has_code(d, "state-depth-limit"));
    if (asldot_diagnostics_count(d) > 0) {
        const asldot_diagnostic *g = asldot_diagnostics_get(d, asldot_diagnostics_count(d) - 1);
        CHECK_CONTAINS(g->message, "\"m5\"");
        CHECK(g->line > 0);
        CHECK_CONTAINS(g->pointer, "/m5");
    }
    asldot_diagnostics_free(d);
    asldot_free(json);

    /* the default limit (256), with a document deep enough to reach it */
    asldot_options_init(&o);
    o.max_doc_depth = 1000;
    json = nested_maps(257);
    m = parse_opts(json, &o, &st, NULL);
    CHECK_EQ_INT(st, ASLDOT_ERR_LIMIT);
    asldot_free(json);
    json = nested_maps(256);
    m = parse_opts(json, &o, &st, NULL);
    CHECK_EQ_INT(st, ASLDOT_OK);
    if (m != NULL)
        CHECK_EQ_INT(m->state_count, 257);
    asldot_machine_free(m);
    asldot_free(json);
}

/* n states in one scope, chained by Next. */
static char *chain(size_t n)
{
    asldot_buf b = ASLDOT_BUF_INIT;
    asldot_buf_puts(&b, "{\"StartAt\": \"s0\", \"States\": {");
    for (size_t i = 0; i < n; i++) {
        if (i + 1 < n)
            asldot_buf_printf(&b, "\"s%zu\": {\"Type\": \"Pass\", \"Next\": \"s%zu\"},", i, i + 1);
        else
            asldot_buf_printf(&b, "\"s%zu\": {\"Type\": \"Succeed\"}", i);
    }
    asldot_buf_puts(&b, "}}");
    return asldot_buf_detach(&b, NULL);
}

static void test_state_limit(void)
{
    asldot_options o;
    asldot_status st;
    asldot_diagnostics *d = NULL;
    char *json = chain(10);
    asldot_machine *m;

    asldot_options_init(&o);
    o.max_states = 10;
    m = parse_opts(json, &o, &st, NULL);
    CHECK_EQ_INT(st, ASLDOT_OK);
    CHECK_EQ_INT(asldot_machine_state_count(m), 10);
    asldot_machine_free(m);
    o.max_states = 9;
    CHECK_EQ_INT(asldot_diagnostics_new(&d), ASLDOT_OK);
    m = parse_opts(json, &o, &st, d);
    CHECK(m == NULL);
    CHECK_EQ_INT(st, ASLDOT_ERR_LIMIT);
    CHECK(has_code(d, "state-limit"));
    asldot_diagnostics_free(d);
    asldot_free(json);

    /* nested states count too */
    json = nested_maps(4); /* 5 states */
    o.max_states = 4;
    m = parse_opts(json, &o, &st, NULL);
    CHECK_EQ_INT(st, ASLDOT_ERR_LIMIT);
    asldot_free(json);
}

static void test_large_machine(void)
{
    /* 100000 states (the default limit): parse, then look every one up by name */
    size_t n = ASLDOT_DEFAULT_MAX_STATES;
    char *json = chain(n);
    asldot_machine *m = NULL;
    clock_t t0 = clock();
    asldot_status st = asldot_machine_parse(&m, json, strlen(json), NULL, NULL);
    clock_t t1;
    size_t found = 0;
    char name[32];
    CHECK_EQ_INT(st, ASLDOT_OK);
    if (m != NULL) {
        CHECK_EQ_INT(m->state_count, n);
        for (size_t i = 0; i < n; i++) {
            snprintf(name, sizeof name, "s%zu", (n * 7 + i * 13) % n);
            asldot_state *s = asldot_scope_find(m->top, name);
            if (s != NULL && strcmp(s->name, name) == 0 && asldot_machine_find(m, name) == s)
                found++;
        }
        CHECK_EQ_INT(found, n);
        CHECK(asldot_scope_find(m->top, "s100000") == NULL);
    }
    t1 = clock();
    fprintf(stderr, "100000 states: parse + 200000 lookups in %.2fs\n",
            (double)(t1 - t0) / CLOCKS_PER_SEC);
    asldot_machine_free(m);
    asldot_free(json);

    /* one more is over the default limit */
    json = chain(n + 1);
    st = asldot_machine_parse(&m, json, strlen(json), NULL, NULL);
    CHECK_EQ_INT(st, ASLDOT_ERR_LIMIT);
    CHECK(m == NULL);
    asldot_free(json);
}

#ifdef ASLDOT_TESTING
static void test_out_of_memory(void)
{
    const char *json = "{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Parallel\","
                       " \"End\": true, \"Retry\": [{\"ErrorEquals\": [\"A\"]}],"
                       " \"Catch\": [{\"ErrorEquals\": [\"B\"], \"Next\": \"X\"}],"
                       " \"Branches\": [{\"StartAt\": \"X\", \"States\": {\"X\": {"
                       " \"Type\": \"Choice\", \"Choices\": [{\"Next\": \"X\"}]}}}]},"
                       " \"X\": {\"Type\": \"Pass\", \"End\": true}}}";
    int ok = 0, bad = 0;
    for (unsigned long n = 1; n < 1000 && !ok; n++) {
        asldot_machine *m = NULL;
        asldot_status st;
        asldot_alloc_fail_after(n);
        st = asldot_machine_parse(&m, json, strlen(json), NULL, NULL);
        asldot_alloc_fail_after(0);
        if (st == ASLDOT_OK && m != NULL)
            ok = 1;
        else if (m != NULL || (st != ASLDOT_ERR_NOMEM && st != ASLDOT_ERR_SYNTAX))
            bad++;
        asldot_machine_free(m);
    }
    CHECK(ok);
    CHECK_EQ_INT(bad, 0);
}
#endif

/* ------------------------------------------------------------------ the corpus */

typedef struct expect {
    const char *file;
    size_t states;
    const char *start_at;
    const char *names[8]; /* the first states in id order */
    unsigned depth[8];    /* their scope depths */
} expect;

static const expect expected[] = {
    {"aslv__valid-map-nested.json",
     4,
     "Map",
     {"Map", "Map2", "Wait 20s", "Final State"},
     {0, 1, 2, 0}},
    {"aslv__valid-parallel-nested.json",
     4,
     "Parallel",
     {"Parallel", "NestedParallel", "Inner Final", "Final State"},
     {0, 1, 2, 0}},
    {"wfc__distributed-batch-import__state-machine__create-organization.asl.yaml",
     4,
     "Read S3 file",
     {"Read S3 file", "GetRequestItems", "GetRequestItem", "BatchWriteItem"},
     {0, 1, 2, 1}},
    {"ase__sam__demo-manage-glue-crawlers-with-step-functions__template__"
     "StateMachineCreateDataset.json",
     22,
     "Parallel",
     {"Parallel", "Daily User - Per Year", "Daily User - Months", "Daily User - Per Month",
      "Daily User - Generate Days", "Daily User - Per Day", "Daily User - Create File Per User",
      "Daily User - Create Json File Per User"},
     {0, 1, 2, 2, 3, 3, 4, 5}},
    {"ase__sam__app-decompose-for-parallelism__statemachine__main.asl.json",
     10,
     "VerifyInput",
     {"VerifyInput"},
     {0}},
};

/* Structural invariants every parsed machine must satisfy. */
static int check_invariants(const asldot_machine *m)
{
    int bad = 0;
    for (size_t i = 0; i < m->state_count; i++) {
        const asldot_state *s = m->states[i];
        if (s == NULL || s->id != i || s->scope == NULL || s->index >= s->scope->count ||
            s->scope->states[s->index] != s)
            return 1;
        if (asldot_scope_find(s->scope, s->name) == NULL ||
            strcmp(asldot_scope_find(s->scope, s->name)->name, s->name) != 0)
            bad++;
        if (asldot_machine_find(m, s->name) == NULL || asldot_machine_find(m, s->name)->id > s->id)
            bad++;
        if (s->scope->owner != NULL && s->scope->depth != s->scope->owner->scope->depth + 1)
            bad++;
        if (s->scope->owner != NULL && s->scope->owner->id >= s->id)
            bad++; /* depth first: a container comes before its content */
        for (size_t b = 0; b < s->branch_count; b++)
            if (s->branches[b] == NULL || s->branches[b]->owner != s)
                bad++;
        if (s->type != ASLDOT_STATE_UNKNOWN &&
            strcmp(asldot_state_type_name(s->type), s->type_name) != 0)
            bad++;
    }
    return bad;
}

static void test_corpus(void)
{
    const char *dir = getenv("ASLDOT_CORPUS_DIR");
    char path[4096];
    DIR *dp;
    struct dirent *e;
    size_t files = 0, parsed = 0, states = 0;

    if (dir == NULL ||
        (snprintf(path, sizeof path, "%s/definitions/valid", dir), (dp = opendir(path)) == NULL)) {
        fprintf(stderr, "skipped: corpus not found\n");
        return;
    }
    while ((e = readdir(dp)) != NULL) {
        size_t len = 0;
        char *data;
        asldot_machine *m = NULL;
        if (e->d_name[0] == '.')
            continue;
        snprintf(path, sizeof path, "%s/definitions/valid/%s", dir, e->d_name);
        data = harness_read_file(path, &len);
        if (data == NULL)
            continue;
        files++;
        if (asldot_machine_parse(&m, data, len, NULL, NULL) == ASLDOT_OK) {
            int bad = check_invariants(m);
            parsed++;
            states += m->state_count;
            if (bad)
                fprintf(stderr, "%s: %d invariant failures\n", e->d_name, bad);
            CHECK_EQ_INT(bad, 0);
            CHECK(m->state_count > 0);
        } else {
            fprintf(stderr, "%s: not parsed\n", e->d_name);
        }
        asldot_machine_free(m);
        free(data);
    }
    closedir(dp);
    fprintf(stderr, "corpus: %zu of %zu definitions parsed, %zu states\n", parsed, files, states);
    CHECK(files >= 200);
    CHECK_EQ_INT(parsed, files);

    for (size_t k = 0; k < sizeof expected / sizeof expected[0]; k++) {
        const expect *x = &expected[k];
        size_t len = 0;
        char *data;
        asldot_machine *m = NULL;
        snprintf(path, sizeof path, "%s/definitions/valid/%s", dir, x->file);
        data = harness_read_file(path, &len);
        CHECK(data != NULL);
        if (data == NULL)
            continue;
        CHECK_EQ_INT(asldot_machine_parse(&m, data, len, NULL, NULL), ASLDOT_OK);
        if (m != NULL) {
            CHECK_EQ_INT(m->state_count, x->states);
            CHECK_EQ_STR(asldot_machine_start_at(m), x->start_at);
            CHECK(asldot_scope_find(m->top, x->start_at) != NULL);
            for (size_t i = 0; i < 8 && x->names[i] != NULL && i < m->state_count; i++) {
                CHECK_EQ_STR(m->states[i]->name, x->names[i]);
                CHECK_EQ_INT(m->states[i]->scope->depth, x->depth[i]);
            }
        }
        asldot_machine_free(m);
        free(data);
    }
}

int main(void)
{
    test_type_names();
    test_simple_machine();
    test_scopes_and_ids();
    test_fields();
    test_lenient();
    test_duplicates();
    test_not_an_object();
    test_yaml();
    test_depth_limit();
    test_state_limit();
    test_large_machine();
#ifdef ASLDOT_TESTING
    test_out_of_memory();
#endif
    test_corpus();
    TEST_MAIN_END();
}
