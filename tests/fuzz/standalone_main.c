/*
 * standalone_main.c: a driver for the fuzz targets without libFuzzer, so that any compiler (gcc
 * included) can replay a corpus. Usage:
 *
 *     fuzz_machine_replay [--optional] PATH...
 *
 * Each PATH is a file or a directory (its regular files, recursively, in name order; names
 * starting with '.' are skipped). Every file is passed to LLVMFuzzerTestOneInput once. A missing
 * PATH is an error, unless it follows --optional (then it is skipped with a note: used for the
 * shared corpus, which is not always present). Exit status 0 when every file ran (a failed check
 * aborts), 1 when a path could not be read, 2 for a usage error.
 */
#include "fuzz_common.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MAX_DEPTH 16

typedef struct replay {
    size_t files;
    int errors;
} replay;

static int read_file(const char *path, uint8_t **out, size_t *len)
{
    FILE *f = fopen(path, "rb");
    uint8_t *buf = NULL;
    size_t cap = 0, n = 0;
    *out = NULL;
    *len = 0;
    if (f == NULL)
        return -1;
    for (;;) {
        size_t got;
        if (n == cap) {
            uint8_t *nb;
            cap = cap ? cap * 2 : 65536;
            nb = realloc(buf, cap);
            if (nb == NULL) {
                free(buf);
                (void)fclose(f);
                return -1;
            }
            buf = nb;
        }
        got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        free(buf);
        (void)fclose(f);
        return -1;
    }
    (void)fclose(f);
    *out = buf;
    *len = n;
    return 0;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void run_path(replay *r, const char *path, int depth);

static void run_dir(replay *r, const char *path, int depth)
{
    DIR *d = opendir(path);
    struct dirent *e;
    char **names = NULL;
    size_t count = 0, cap = 0;
    if (d == NULL) {
        fprintf(stderr, "%s: %s\n", path, strerror(errno));
        r->errors++;
        return;
    }
    while ((e = readdir(d)) != NULL) {
        char *full;
        size_t need;
        if (e->d_name[0] == '.')
            continue;
        if (count == cap) {
            char **nn;
            cap = cap ? cap * 2 : 64;
            nn = realloc(names, cap * sizeof *names);
            if (nn == NULL)
                break;
            names = nn;
        }
        need = strlen(path) + strlen(e->d_name) + 2;
        full = malloc(need);
        if (full == NULL)
            break;
        (void)snprintf(full, need, "%s/%s", path, e->d_name);
        names[count++] = full;
    }
    (void)closedir(d);
    if (count > 1)
        qsort(names, count, sizeof *names, cmp_names);
    for (size_t i = 0; i < count; i++) {
        run_path(r, names[i], depth + 1);
        free(names[i]);
    }
    free(names);
}

static void run_path(replay *r, const char *path, int depth)
{
    struct stat sb;
    uint8_t *data;
    size_t len;
    if (stat(path, &sb) != 0) {
        fprintf(stderr, "%s: %s\n", path, strerror(errno));
        r->errors++;
        return;
    }
    if (S_ISDIR(sb.st_mode)) {
        if (depth < MAX_DEPTH)
            run_dir(r, path, depth);
        return;
    }
    if (!S_ISREG(sb.st_mode))
        return;
    if (read_file(path, &data, &len) != 0) {
        fprintf(stderr, "%s: cannot read\n", path);
        r->errors++;
        return;
    }
    if (getenv("FUZZ_REPLAY_VERBOSE") != NULL)
        fprintf(stderr, "running %s (%zu bytes)\n", path, len);
    (void)LLVMFuzzerTestOneInput(data, len);
    free(data);
    r->files++;
}

int main(int argc, char **argv)
{
    replay r = {0, 0};
    int optional = 0;
    if (argc < 2) {
        fprintf(stderr, "usage: %s [--optional] PATH...\n", argv[0]);
        return 2;
    }
    for (int i = 1; i < argc; i++) {
        struct stat sb;
        if (strcmp(argv[i], "--optional") == 0) {
            optional = 1;
            continue;
        }
        if (optional && stat(argv[i], &sb) != 0) {
            fprintf(stderr, "%s: not found, skipped\n", argv[i]);
            continue;
        }
        run_path(&r, argv[i], 0);
    }
    fprintf(stderr, "%s: replayed %zu inputs\n", argv[0], r.files);
    return r.errors ? 1 : 0;
}
