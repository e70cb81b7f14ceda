/* doc_helpers.h: helpers shared by the input-layer tests. Define DOC_TEST_FORMAT (an
 * asldot_input_format) before including. */
#ifndef ASLDOT_TEST_DOC_HELPERS_H
#define ASLDOT_TEST_DOC_HELPERS_H
#include "doc.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct result {
    asldot_status st;
    asldot_doc *doc;
    asldot_diagnostics *d;
} result;

static result parse_opts(const char *s, size_t len, const asldot_options *o)
{
    result r;
    CHECK_EQ_INT(asldot_diagnostics_new(&r.d), ASLDOT_OK);
    r.st = asldot_doc_parse(&r.doc, s, len, o, r.d);
    return r;
}

static result parse(const char *s)
{
    asldot_options o;
    asldot_options_init(&o);
    o.input_format = DOC_TEST_FORMAT;
    return parse_opts(s, strlen(s), &o);
}

static void done(result *r)
{
    asldot_doc_free(r->doc);
    asldot_diagnostics_free(r->d);
}

static const asldot_diagnostic *first_diag(const result *r)
{
    return asldot_diagnostics_get(r->d, 0);
}

static int has_suffix(const char *s, const char *const *suffixes)
{
    size_t n = strlen(s);
    for (; *suffixes; suffixes++) {
        size_t k = strlen(*suffixes);
        if (n >= k && strcmp(s + n - k, *suffixes) == 0)
            return 1;
    }
    return 0;
}

/* Parses every definition in $ASLDOT_CORPUS_DIR/definitions/valid whose name ends in one of
 * suffixes (NULL-terminated) with default options, and checks that clean() accepts each result;
 * each one refused is printed with its first diagnostic. Skipped, saying so, without a corpus. */
static void check_corpus(const char *const *suffixes, int (*clean)(const result *),
                         const char *what)
{
    const char *root = getenv("ASLDOT_CORPUS_DIR");
    char dir[4096];
    DIR *dp;
    struct dirent *e;
    int files = 0, bad = 0;
    if (root == NULL) {
        fprintf(stderr, "skipped: corpus not found (ASLDOT_CORPUS_DIR unset)\n");
        return;
    }
    snprintf(dir, sizeof dir, "%s/definitions/valid", root);
    dp = opendir(dir);
    if (dp == NULL) {
        fprintf(stderr, "skipped: corpus not found (%s)\n", dir);
        return;
    }
    while ((e = readdir(dp)) != NULL) {
        char path[8192];
        size_t size = 0;
        char *data;
        result r;
        if (!has_suffix(e->d_name, suffixes))
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        data = harness_read_file(path, &size);
        if (data == NULL)
            continue;
        r = parse_opts(data, size, NULL);
        files++;
        if (!clean(&r)) {
            const asldot_diagnostic *g = first_diag(&r);
            bad++;
            fprintf(stderr, "%s: %u:%u %s [%s]\n", e->d_name, g ? g->line : 0, g ? g->column : 0,
                    g ? g->message : "?", g ? g->code : "?");
        }
        done(&r);
        free(data);
    }
    closedir(dp);
    fprintf(stderr, "corpus: %d %s definitions parsed\n", files, what);
    CHECK(files > 0);
    CHECK_EQ_INT(bad, 0);
}

#endif
