/*
 * gv_floor.c: the Graphviz floor for the benchmark. Reads DOT files, and in ONE process with ONE
 * Graphviz context lays out and renders each to SVG in memory, timing only gvLayout+gvRenderData.
 * Prints "FILE SECONDS" per file and "total SECONDS". Not part of the library or its tests.
 * Usage: gv_floor FILE.dot...
 */
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

int main(int argc, char **argv)
{
    GVC_t *gvc = gvContext();
    double total = 0;
    for (int i = 1; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        Agraph_t *g;
        char *data = NULL;
        unsigned int len = 0;
        double t0;
        if (f == NULL) {
            perror(argv[i]);
            return 3;
        }
        g = agread(f, NULL);
        fclose(f);
        if (g == NULL) {
            fprintf(stderr, "%s: not DOT\n", argv[i]);
            return 1;
        }
        t0 = now();
        if (gvLayout(gvc, g, "dot") != 0 || gvRenderData(gvc, g, "svg", &data, &len) != 0) {
            fprintf(stderr, "%s: layout/render failed\n", argv[i]);
            return 4;
        }
        gvFreeRenderData(data);
        gvFreeLayout(gvc, g);
        t0 = now() - t0;
        total += t0;
        agclose(g);
        printf("%s %.6f\n", argv[i], t0);
    }
    printf("total %.6f\n", total);
    gvFreeContext(gvc);
    return 0;
}
