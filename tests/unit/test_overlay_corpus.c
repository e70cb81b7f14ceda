/*
 * test_overlay_corpus.c: every NAME.definition.json + NAME.history.json pair of
 * $ASLDOT_CORPUS_DIR/histories overlays without error, and the statuses keep the rules of
 * issue 4: one status class per state object; never-entered states are not-run and entered ones
 * are not; entered Fail states are failed; Pass/Wait/Choice/Succeed states that exited every
 * time they were entered are succeeded. Entries and exits are counted straight from the events
 * here, independently of overlay.c.
 */
#include "../harness.h"

#include "asldot.h"
#include "doc.h"
#include "ir.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcmp(s + a - b, suffix) == 0;
}

static int name_cmp(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Counts StateEntered / StateExited events per state name, read straight from the document. */
static void count_events(const asldot_doc_node *root, const char *name, unsigned *entered,
                         unsigned *exited)
{
    const asldot_doc_node *events =
        root->kind == ASLDOT_DOC_ARRAY ? root : asldot_doc_get(root, "events");
    *entered = *exited = 0;
    for (size_t i = 0; events && i < events->count; i++) {
        const asldot_doc_node *e = events->items[i];
        const char *type = asldot_doc_get_string(e, "type");
        const char *n;
        if (type == NULL)
            continue;
        if (ends_with(type, "StateEntered")) {
            n = asldot_doc_get_string(asldot_doc_get(e, "stateEnteredEventDetails"), "name");
            if (n && strcmp(n, name) == 0)
                (*entered)++;
        } else if (ends_with(type, "StateExited")) {
            n = asldot_doc_get_string(asldot_doc_get(e, "stateExitedEventDetails"), "name");
            if (n && strcmp(n, name) == 0)
                (*exited)++;
        }
    }
}

static void check_pair(const char *dir, const char *stem)
{
    char path[4096];
    size_t dlen = 0, hlen = 0;
    char *def, *hist;
    asldot_machine *m = NULL;
    asldot_graph *g = NULL;
    asldot_history *h = NULL;
    asldot_diagnostics *d = NULL;
    asldot_doc *doc = NULL;
    asldot_build_options bo;
    asldot_status st;
    int bad = 0;

    def = hist = NULL;
    if (snprintf(path, sizeof path, "%s/%s.definition.json", dir, stem) < (int)sizeof path)
        def = harness_read_file(path, &dlen);
    if (snprintf(path, sizeof path, "%s/%s.history.json", dir, stem) < (int)sizeof path)
        hist = harness_read_file(path, &hlen);
    CHECK(def != NULL && hist != NULL);
    if (def == NULL || hist == NULL) {
        free(def);
        free(hist);
        return;
    }
    CHECK_EQ_INT(asldot_diagnostics_new(&d), ASLDOT_OK);
    asldot_build_options_init(&bo);
    bo.flags = ASLDOT_BUILD_KEEP_GOING;
    st = asldot_machine_parse(&m, def, dlen, NULL, d);
    CHECK_EQ_INT(st, ASLDOT_OK);
    if (st == ASLDOT_OK)
        st = asldot_graph_build(&g, m, &bo, d);
    CHECK_EQ_INT(st, ASLDOT_OK);
    CHECK_EQ_INT(asldot_history_new(&h), ASLDOT_OK);
    if (st == ASLDOT_OK) {
        st = asldot_history_add(h, hist, hlen, NULL, d);
        CHECK_EQ_INT(st, ASLDOT_OK);
    }
    if (st == ASLDOT_OK) {
        st = asldot_graph_overlay(g, h, NULL, d);
        CHECK_EQ_INT(st, ASLDOT_OK);
    }
    if (st == ASLDOT_OK && asldot_doc_parse(&doc, hist, hlen, NULL, NULL) == ASLDOT_OK) {
        CHECK(g->has_overlay);
        CHECK(g->subtitle != NULL);
        for (size_t s = 0; s < g->state_count; s++) {
            const char *name = g->state_names[s], *classes;
            asldot_ir_status status;
            asldot_state_type type;
            unsigned entered, exited;
            int n = 0;
            if (name == NULL)
                continue;
            if (g->state_node[s] != ASLDOT_IR_NONE) {
                const asldot_ir_node *o = g->nodes[g->state_node[s]];
                classes = o->classes;
                status = o->status;
                type = o->type;
            } else if (g->state_cluster[s] != ASLDOT_IR_NONE) {
                const asldot_ir_cluster *o = g->clusters[g->state_cluster[s]];
                classes = o->classes;
                status = o->status;
                type = o->kind == ASLDOT_IR_CLUSTER_MAP ? ASLDOT_STATE_MAP : ASLDOT_STATE_PARALLEL;
            } else {
                continue;
            }
            for (const char *p = classes; (p = strstr(p, "status-")) != NULL; p++)
                if (p == classes || p[-1] == ' ')
                    n++;
            count_events(doc->root, name, &entered, &exited);
            if (n != 1 || (entered == 0) != (status == ASLDOT_IR_STATUS_NOT_RUN) ||
                (entered && type == ASLDOT_STATE_FAIL && status != ASLDOT_IR_STATUS_FAILED) ||
                (entered && exited == entered &&
                 (type == ASLDOT_STATE_PASS || type == ASLDOT_STATE_WAIT ||
                  type == ASLDOT_STATE_CHOICE || type == ASLDOT_STATE_SUCCEED) &&
                 status != ASLDOT_IR_STATUS_SUCCEEDED)) {
                fprintf(stderr,
                        "%s: state \"%s\" entered %u exited %u: status %s, classes \"%s\"\n", stem,
                        name, entered, exited, asldot_ir_status_name(status), classes);
                bad = 1;
            }
        }
        CHECK(!bad);
    }
    if (st != ASLDOT_OK)
        CHECK_EQ_INT(asldot_diagnostics_write(stderr, d, stem, ASLDOT_DIAG_TEXT, NULL), ASLDOT_OK);
    asldot_doc_free(doc);
    asldot_history_free(h);
    asldot_graph_free(g);
    asldot_machine_free(m);
    asldot_diagnostics_free(d);
    free(def);
    free(hist);
}

int main(void)
{
    const char *corpus = getenv("ASLDOT_CORPUS_DIR");
    char dir[4096];
    DIR *dp;
    struct dirent *de;
    char **stems = NULL;
    size_t count = 0, cap = 0;
    int oom = 0;

    snprintf(dir, sizeof dir, "%s/histories", corpus ? corpus : "");
    if (corpus == NULL || (dp = opendir(dir)) == NULL) {
        printf("skipped: corpus not found\n");
        return HARNESS_SKIP;
    }
    while ((de = readdir(dp)) != NULL) {
        size_t n = strlen(de->d_name);
        const char *suffix = ".history.json";
        if (!ends_with(de->d_name, suffix))
            continue;
        if (count == cap) {
            size_t ncap = cap ? cap * 2 : 64;
            char **grown = realloc(stems, ncap * sizeof *stems);
            if (grown == NULL) {
                oom = 1;
                break;
            }
            stems = grown;
            cap = ncap;
        }
        stems[count] = malloc(n + 1);
        if (stems[count] == NULL) {
            oom = 1;
            break;
        }
        memcpy(stems[count], de->d_name, n - strlen(suffix));
        stems[count][n - strlen(suffix)] = '\0';
        count++;
    }
    closedir(dp);
    if (oom) {
        for (size_t i = 0; i < count; i++)
            free(stems[i]);
        free(stems);
        fprintf(stderr, "out of memory\n");
        return 1;
    }
    if (count > 0)
        qsort(stems, count, sizeof *stems, name_cmp);
    for (size_t i = 0; i < count; i++) {
        check_pair(dir, stems[i]);
        free(stems[i]);
    }
    free(stems);
    CHECK(count > 0);
    fprintf(stderr, "%zu history pairs\n", count);
    TEST_MAIN_END();
}
