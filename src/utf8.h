/*
 * utf8.h: UTF-8 validation and source positions for the strict input layer (doc.c, json_in.c,
 * yaml_in.c). Lines and columns are 1-based; a column counts characters (code points), a tab
 * counts 1. Also the few helpers the two back ends share (syntax diagnostics with an excerpt,
 * duplicate-key handling), so that doc.h stays the only interface the rest of the library sees.
 */
#ifndef ASLDOT_UTF8_H
#define ASLDOT_UTF8_H
#include "asldot.h"
#include "diag.h"
#include "doc.h"

#include <stddef.h>

/** Returns len when s[0..len) is valid UTF-8 (no overlongs, surrogates or values past
 * U+10FFFF), else the offset of the first invalid sequence's first byte. */
size_t asldot_utf8_check(const char *s, size_t len);

/** Decodes one code point at s[0..len); returns its byte length (1..4) or 0 when invalid. */
size_t asldot_utf8_decode(const char *s, size_t len, unsigned long *cp);

/**
 * A forward-only position tracker: converts increasing byte offsets into line:column in
 * amortised linear time. Line breaks are "\n", "\r\n" and a lone "\r"; with yaml_breaks, also
 * U+0085, U+2028 and U+2029 (as libyaml counts them).
 */
typedef struct asldot_textpos {
    const char *data;
    size_t len;
    size_t off;            /* the position that line/column describe */
    unsigned line, column; /* 1-based */
    int yaml_breaks;
} asldot_textpos;

void asldot_textpos_init(asldot_textpos *t, const char *data, size_t len, int yaml_breaks);
/** Moves t to byte offset off (clamped to len); going backwards restarts from the top. */
void asldot_textpos_seek(asldot_textpos *t, size_t off);

/** Finds the line holding byte offset off: *start and *n (without the line break). */
void asldot_text_line_at(const char *data, size_t len, size_t off, size_t *start, size_t *n);
/** Finds 1-based line number line; returns 0 when the text has fewer lines. */
int asldot_text_line_number(const char *data, size_t len, unsigned line, int yaml_breaks,
                            size_t *start, size_t *n);

/**
 * Adds an error diagnostic at line:column with the source line (starting at byte line_start,
 * line_len bytes) as excerpt. Very long lines are cut after the column; invalid bytes in the
 * excerpt become '?'. pointer is "" (syntax errors precede any tree).
 */
ASLDOT_MUST_CHECK asldot_status asldot_text_diag(asldot_diagnostics *d, asldot_severity sev,
                                                 const char *code, const char *data,
                                                 size_t line_start, size_t line_len, unsigned line,
                                                 unsigned column, const char *fmt, ...)
    ASLDOT_PRINTF(9, 10);

/** As asldot_text_diag, locating byte offset off of data[0..len) itself (linear time). */
ASLDOT_MUST_CHECK asldot_status asldot_text_diag_at(asldot_diagnostics *d, asldot_severity sev,
                                                    const char *code, const char *data, size_t len,
                                                    size_t off, const char *fmt, ...)
    ASLDOT_PRINTF(7, 8);

/**
 * Appends s[0..n) to out for a one-line message: '"', '\\' and control characters escaped,
 * cut after max characters with "...". Returns ASLDOT_OK or ASLDOT_ERR_NOMEM.
 */
ASLDOT_MUST_CHECK asldot_status asldot_text_quote(asldot_buf *out, const char *s, size_t n,
                                                  size_t max);

/**
 * Finishes an OBJECT node whose items are complete: reports every member whose key repeats an
 * earlier one ("duplicate-key", an error, or a warning with ASLDOT_OPT_LENIENT) at that key,
 * and removes it, so the first occurrence is the only one left in the tree. O(n log n).
 */
ASLDOT_MUST_CHECK asldot_status asldot_doc_dedupe(asldot_doc_node *obj, const asldot_options *opts,
                                                  asldot_diagnostics *diags);

/** Returns the effective limits from opts (NULL or zero fields mean the defaults). */
size_t asldot_opts_max_input_bytes(const asldot_options *opts);
unsigned asldot_opts_max_doc_depth(const asldot_options *opts);
#endif
