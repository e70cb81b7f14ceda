/*
 * gv_floor.c: the Graphviz floor for the benchmark. Reads every DOT file into memory first, then
 * in ONE process with ONE Graphviz context, for each file: parses the DOT into a cgraph graph
 * (agmemread), lays it out and renders it to SVG in memory, frees the layout and the graph.
 * Prints per file "FILE GRAPHVIZ_SECONDS LAYOUT_RENDER_SECONDS" and the totals "total G L", where
 * GRAPHVIZ is everything from the DOT text to the freed graph and LAYOUT_RENDER only
 * gvLayout + gvRenderData + gvFreeRenderData + gvFreeLayout. Not part of the library or its tests.
 * Usage: gv_floor FILE.dot...
 */
#include "gv_compat.h" /* src/: gvRenderData's length type */

#include <cgraph.h>
#include <gvc.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *data;
    long n;
    if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
        fseek(f, 0, SEEK_SET) != 0) {
        if (f != NULL)
            fclose(f);
        return NULL;
    }
    data = malloc((size_t)n + 1);
    if (data != NULL && fread(data, 1, (size_t)n, f) != (size_t)n) {
        free(data);
        data = NULL;
    }
    if (data != NULL)
        data[n] = '\0';
    fclose(f);
    return data;
}

int main(int argc, char **argv)
{
    GVC_t *gvc = gvContext();
    double total_gv = 0, total_lr = 0;
    char **texts = calloc((size_t)argc, sizeof *texts);
    if (texts == NULL)
        return 3;
    for (int i = 1; i < argc; i++) {
        texts[i] = slurp(argv[i]);
        if (texts[i] == NULL) {
            perror(argv[i]);
            return 3;
        }
    }
    for (int i = 1; i < argc; i++) {
        char *data = NULL;
        asldot_gv_len len = 0;
        double t0 = now(), t1, t2;
        Agraph_t *g = agmemread(texts[i]);
        if (g == NULL) {
            fprintf(stderr, "%s: not DOT\n", argv[i]);
            return 1;
        }
        t1 = now();
        if (gvLayout(gvc, g, "dot") != 0 || gvRenderData(gvc, g, "svg", &data, &len) != 0) {
            fprintf(stderr, "%s: layout/render failed\n", argv[i]);
            return 4;
        }
        gvFreeRenderData(data);
        gvFreeLayout(gvc, g);
        t2 = now();
        agclose(g);
        total_gv += now() - t0;
        total_lr += t2 - t1;
        printf("%s %.6f %.6f\n", argv[i], now() - t0, t2 - t1);
    }
    printf("total %.6f %.6f\n", total_gv, total_lr);
    for (int i = 1; i < argc; i++)
        free(texts[i]);
    free(texts);
    gvFreeContext(gvc);
    return 0;
}
