/* doc_helpers.h: helpers shared by the input-layer tests. Define DOC_TEST_FORMAT (an
 * asldot_input_format) before including. */
#ifndef ASLDOT_TEST_DOC_HELPERS_H
#define ASLDOT_TEST_DOC_HELPERS_H
#include "doc.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct result {
    asldot_status st;
    asldot_doc *doc;
    asldot_diagnostics *d;
} result;

static result parse_opts(const char *s, size_t len, const asldot_options *o)
{
    result r;
    asldot_diagnostics_new(&r.d);
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

/* CPU seconds since t0, scaled down under sanitizers and valgrind so that the time limits
 * keep their meaning (the limits are for optimised and debug builds). */
static double seconds_since(clock_t t0)
{
    double s = (double)(clock() - t0) / CLOCKS_PER_SEC;
    const char *preload = getenv("LD_PRELOAD");
#if defined(__SANITIZE_ADDRESS__)
    s /= 5;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
    s /= 5;
#endif
#endif
    if (preload != NULL && strstr(preload, "vgpreload") != NULL)
        s /= 50;
    return s;
}
#endif
