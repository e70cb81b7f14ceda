/* harness.h: a tiny test harness. Each test file is one executable registered with ctest. */
#ifndef ASLDOT_TEST_HARNESS_H
#define ASLDOT_TEST_HARNESS_H

/* Exit code of a test that could not run (the corpus is absent): ctest reports it as skipped. */
#define HARNESS_SKIP 77
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Reads the whole file at path into a NUL-terminated heap buffer (free() it) and sets *len;
 * returns NULL when the file cannot be read. */
static inline char *harness_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *data = NULL;
    long n;
    if (f == NULL)
        return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
        data = malloc((size_t)n + 1);
        if (data != NULL && fread(data, 1, (size_t)n, f) != (size_t)n) {
            free(data);
            data = NULL;
        } else if (data != NULL) {
            data[n] = '\0';
            *len = (size_t)n;
        }
    }
    fclose(f);
    return data;
}

/* Reads $ASLDOT_SOURCE_DIR/dir/name (the current directory without the variable); a test that
 * needs its data file cannot go on without it, so a missing file ends the test. */
static inline char *harness_read_source(const char *dir, const char *name, size_t *len)
{
    const char *root = getenv("ASLDOT_SOURCE_DIR");
    char path[4096];
    char *data;
    snprintf(path, sizeof path, "%s/%s/%s", root ? root : ".", dir, name);
    data = harness_read_file(path, len);
    if (data == NULL) {
        fprintf(stderr, "cannot read %s\n", path);
        exit(1);
    }
    return data;
}

static int harness_failures;
static int harness_checks;

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        harness_checks++;                                                                          \
        if (!(cond)) {                                                                             \
            harness_failures++;                                                                    \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);               \
        }                                                                                          \
    } while (0)

#define CHECK_EQ_INT(a, b)                                                                         \
    do {                                                                                           \
        long long ha_ = (long long)(a), hb_ = (long long)(b);                                      \
        harness_checks++;                                                                          \
        if (ha_ != hb_) {                                                                          \
            harness_failures++;                                                                    \
            fprintf(stderr, "%s:%d: %s == %lld, expected %lld\n", __FILE__, __LINE__, #a, ha_,     \
                    hb_);                                                                          \
        }                                                                                          \
    } while (0)

#define CHECK_EQ_STR(a, b)                                                                         \
    do {                                                                                           \
        const char *ha_ = (a), *hb_ = (b);                                                         \
        harness_checks++;                                                                          \
        if (ha_ == NULL || hb_ == NULL || strcmp(ha_, hb_) != 0) {                                 \
            harness_failures++;                                                                    \
            fprintf(stderr, "%s:%d: %s == \"%s\", expected \"%s\"\n", __FILE__, __LINE__, #a,      \
                    ha_ ? ha_ : "(null)", hb_ ? hb_ : "(null)");                                   \
        }                                                                                          \
    } while (0)

#define CHECK_CONTAINS(hay, needle)                                                                \
    do {                                                                                           \
        const char *ha_ = (hay), *hb_ = (needle);                                                  \
        harness_checks++;                                                                          \
        if (ha_ == NULL || strstr(ha_, hb_) == NULL) {                                             \
            harness_failures++;                                                                    \
            fprintf(stderr, "%s:%d: \"%s\" does not contain \"%s\"\n", __FILE__, __LINE__,         \
                    ha_ ? ha_ : "(null)", hb_);                                                    \
        }                                                                                          \
    } while (0)

#define TEST_MAIN_END()                                                                            \
    do {                                                                                           \
        fprintf(stderr, "%d checks, %d failed\n", harness_checks, harness_failures);               \
        return harness_failures ? 1 : 0;                                                           \
    } while (0)
#endif
