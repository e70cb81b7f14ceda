/* diag.h: adding diagnostics from inside the library (the public list type lives in asldot.h). */
#ifndef ASLDOT_DIAG_H
#define ASLDOT_DIAG_H
#include "asldot.h"
#include <stdarg.h>

#if defined(__GNUC__)
#define ASLDOT_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define ASLDOT_PRINTF(f, a)
/* buf.h's type, declared here so that diag.h stays light */
struct asldot_buf;
/** Appends s as a JSON string literal ('"', '\\' and control characters escaped) to b.
 * Returns ASLDOT_OK or ASLDOT_ERR_NOMEM. */
asldot_status asldot_json_put_string(struct asldot_buf *b, const char *s);
#endif

/**
 * Appends one diagnostic; d may be NULL (nothing is collected). pointer may be NULL ("").
 * The message is built once from fmt. Returns ASLDOT_OK or ASLDOT_ERR_NOMEM.
 */
ASLDOT_MUST_CHECK asldot_status asldot_diag_add(asldot_diagnostics *d, asldot_severity sev,
                                                const char *code, const char *pointer,
                                                unsigned line, unsigned column, const char *fmt,
                                                ...) ASLDOT_PRINTF(7, 8);
ASLDOT_MUST_CHECK asldot_status asldot_diag_addv(asldot_diagnostics *d, asldot_severity sev,
                                                 const char *code, const char *pointer,
                                                 unsigned line, unsigned column,
                                                 const char *excerpt, size_t excerpt_len,
                                                 const char *fmt, va_list ap) ASLDOT_PRINTF(9, 0);
/** As asldot_diag_add, with the source line shown under the message (syntax errors). */
ASLDOT_MUST_CHECK asldot_status asldot_diag_add_excerpt(asldot_diagnostics *d, asldot_severity sev,
                                                        const char *code, unsigned line,
                                                        unsigned column, const char *excerpt,
                                                        size_t excerpt_len, const char *fmt, ...)
    ASLDOT_PRINTF(8, 9);
/* buf.h's type, declared here so that diag.h stays light */
struct asldot_buf;
/** Appends s as a JSON string literal ('"', '\\' and control characters escaped) to b.
 * Returns ASLDOT_OK or ASLDOT_ERR_NOMEM. */
asldot_status asldot_json_put_string(struct asldot_buf *b, const char *s);
/**
 * Moves every diagnostic from index `from` on through map (a definition parsed from text inside
 * a template: positions in that text become positions in the template). An excerpt no longer
 * matching its new position is dropped.
 */
typedef void (*asldot_diag_mapper)(void *ctx, unsigned *line, unsigned *column);
void asldot_diag_relocate(asldot_diagnostics *d, size_t from, asldot_diag_mapper map, void *ctx);

#endif
