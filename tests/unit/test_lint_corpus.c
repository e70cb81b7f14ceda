/*
 * test_lint_corpus.c: issue 3's ground truth through the library. Every definition in
 * $ASLDOT_CORPUS_DIR/definitions/valid parses and validates without errors (warnings allowed);
 * every definition in definitions/invalid yields at least one error, and one whose code is among
 * those tests/data/lint/corpus-expect.tsv lists for the problem named in MANIFEST.tsv's note.
 * Prints the file and its diagnostics on failure; "skipped" when the corpus is absent.
 */
#include "asldot.h"
#include "../harness.h"

#include <dirent.h>

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Returns the sorted regular-file names of dir (caller frees), or NULL. */
static char **list_dir(const char *dir, size_t *count)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char **names = NULL;
    size_t n = 0, cap = 0;
    *count = 0;
    if (d == NULL)
        return NULL;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        if (n == cap) {
            char **p;
            cap = cap ? cap * 2 : 256;
            p = realloc(names, cap * sizeof *names);
            if (p == NULL)
                break;
            names = p;
        }
        names[n] = malloc(strlen(e->d_name) + 1);
        if (names[n] == NULL)
            break;
        strcpy(names[n], e->d_name);
        n++;
    }
    closedir(d);
    if (names != NULL)
        qsort(names, n, sizeof *names, cmp_str);
    *count = n;
    return names;
}

/* Looks up name's expected codes ("a,b,c") in the expectations file; returns 1 when found. */
static int expected_codes(const char *table, const char *name, char *out, size_t cap)
{
    size_t nl = strlen(name);
    const char *p = table;
    while (p != NULL && *p) {
        const char *eol = strchr(p, '\n');
        size_t ll = eol ? (size_t)(eol - p) : strlen(p);
        if (*p != '#' && ll > nl && strncmp(p, name, nl) == 0 && p[nl] == '\t') {
            size_t cl = ll - nl - 1;
            if (cl >= cap)
                cl = cap - 1;
            memcpy(out, p + nl + 1, cl);
            out[cl] = '\0';
            return 1;
        }
        p = eol ? eol + 1 : NULL;
    }
    return 0;
}

static int code_in_list(const char *code, const char *list)
{
    size_t cl = strlen(code);
    const char *p = list;
    while (*p) {
        const char *comma = strchr(p, ',');
        size_t l = comma ? (size_t)(comma - p) : strlen(p);
        if (l == cl && strncmp(p, code, l) == 0)
            return 1;
        if (comma == NULL)
            break;
        p = comma + 1;
    }
    return 0;
}

/* Parses and validates one file into d. */
static void lint(const char *path, asldot_diagnostics *d)
{
    size_t len = 0;
    char *data = harness_read_file(path, &len);
    asldot_machine *m = NULL;
    CHECK(data != NULL);
    if (data == NULL)
        return;
    if (asldot_machine_parse(&m, data, len, NULL, d) == ASLDOT_OK) {
        asldot_status st = asldot_machine_validate(m, NULL, d);
        CHECK(st == ASLDOT_OK || st == ASLDOT_ERR_INVALID);
        CHECK(st != ASLDOT_ERR_INVALID || asldot_diagnostics_error_count(d) > 0);
    }
    asldot_machine_free(m);
    free(data);
}

static void run_dir(const char *corpus, const char *sub, int valid, const char *table,
                    size_t *files)
{
    char dir[4096], path[8192];
    size_t n = 0;
    char **names;
    (void)snprintf(dir, sizeof dir, "%s/definitions/%s", corpus, sub);
    names = list_dir(dir, &n);
    CHECK(names != NULL && n > 0);
    for (size_t i = 0; i < n; i++) {
        asldot_diagnostics *d = NULL;
        int ok = 1;
        char codes[512];
        (void)snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        if (asldot_diagnostics_new(&d) != ASLDOT_OK) {
            CHECK(0);
            break;
        }
        lint(path, d);
        if (valid) {
            ok = asldot_diagnostics_error_count(d) == 0;
            if (!ok)
                fprintf(stderr, "FAIL valid/%s has errors:\n", names[i]);
        } else if (asldot_diagnostics_error_count(d) == 0) {
            ok = 0;
            fprintf(stderr, "FAIL invalid/%s has no error\n", names[i]);
        } else if (expected_codes(table, names[i], codes, sizeof codes)) {
            int hit = 0;
            for (size_t k = 0; k < asldot_diagnostics_count(d); k++) {
                const asldot_diagnostic *g = asldot_diagnostics_get(d, k);
                hit |= g->severity == ASLDOT_SEV_ERROR && code_in_list(g->code, codes);
            }
            ok = hit;
            if (!ok)
                fprintf(stderr, "FAIL invalid/%s: no error with code %s\n", names[i], codes);
        } else {
            ok = 0;
            fprintf(stderr, "FAIL invalid/%s is not listed in corpus-expect.tsv\n", names[i]);
        }
        CHECK(ok);
        if (!ok)
            CHECK_EQ_INT(asldot_diagnostics_write(stderr, d, path, ASLDOT_DIAG_TEXT, NULL),
                         ASLDOT_OK);
        asldot_diagnostics_free(d);
        free(names[i]);
        (*files)++;
    }
    free(names);
}

int main(void)
{
    const char *corpus = getenv("ASLDOT_CORPUS_DIR");
    const char *src = getenv("ASLDOT_SOURCE_DIR");
    char dir[4096], tpath[4096];
    char *table;
    size_t tlen = 0, files = 0;
    DIR *probe;
    if (corpus == NULL) {
        printf("skipped: corpus not found (ASLDOT_CORPUS_DIR is not set)\n");
        return HARNESS_SKIP;
    }
    (void)snprintf(dir, sizeof dir, "%s/definitions/valid", corpus);
    probe = opendir(dir);
    if (probe == NULL) {
        printf("skipped: corpus not found (%s)\n", dir);
        return HARNESS_SKIP;
    }
    closedir(probe);
    (void)snprintf(tpath, sizeof tpath, "%s/tests/data/lint/corpus-expect.tsv", src ? src : ".");
    table = harness_read_file(tpath, &tlen);
    CHECK(table != NULL);
    if (table == NULL) {
        fprintf(stderr, "cannot read %s\n", tpath);
        TEST_MAIN_END();
    }
    run_dir(corpus, "valid", 1, table, &files);
    run_dir(corpus, "invalid", 0, table, &files);
    fprintf(stderr, "%zu corpus definitions linted\n", files);
    free(table);
    TEST_MAIN_END();
}
