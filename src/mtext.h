/*
 * mtext.h: text that remembers, for every byte, where in a source file it came from. The source
 * layer builds a definition's JSON text out of pieces of a template (a DefinitionString literal,
 * the strings of an Fn::Join, a file a DefinitionUri names), substitutes ${...} and quotes bare
 * placeholders; the definition is then parsed from that text, and each position the parser
 * reports is mapped back through the per-byte table to the line:column in the user's file.
 *
 * Positions are 1-based lines and columns counted in characters, as asldot_textpos counts them.
 * Cost: 8 bytes of table per byte of text (definitions are kilobytes; the input cap bounds it).
 */
#ifndef ASLDOT_MTEXT_H
#define ASLDOT_MTEXT_H
#include "asldot.h"
#include "buf.h"

typedef struct asldot_lines {
    const char *data;
    size_t len;
    size_t *start; /* heap: offset of each line's first byte */
    size_t count;
} asldot_lines;

/** Indexes the line starts of data (borrowed). Returns ASLDOT_OK or ASLDOT_ERR_NOMEM. */
ASLDOT_MUST_CHECK asldot_status asldot_lines_init(asldot_lines *l, const char *data, size_t len);
void asldot_lines_free(asldot_lines *l);
/** The byte offset of line:column (clamped to the line's end and to the data). */
size_t asldot_lines_offset(const asldot_lines *l, unsigned line, unsigned column);

typedef struct asldot_mtext {
    asldot_buf text;
    unsigned *line, *column; /* heap, one per byte of text */
    size_t cap;
    asldot_status failed; /* sticky, as asldot_buf's */
} asldot_mtext;

/* clang-format off */
#define ASLDOT_MTEXT_INIT {ASLDOT_BUF_INIT, NULL, NULL, 0, ASLDOT_OK}
/* clang-format on */

void asldot_mtext_free(asldot_mtext *t);
/** Appends s[0..n), every byte placed at line:column. */
asldot_status asldot_mtext_put(asldot_mtext *t, const char *s, size_t n, unsigned line,
                               unsigned column);
/** Appends the bytes [from, to) of another mapped text with their positions. */
asldot_status asldot_mtext_put_span(asldot_mtext *t, const asldot_mtext *src, size_t from,
                                    size_t to);
/**
 * Appends s[0..n), the decoded value of a string scalar that starts at line:column of the file
 * raw (its opening quote, a YAML tag or block indicator, or its first character): each byte is
 * matched with the raw character it came from, through JSON/YAML escapes, quotes, line folding
 * and block indentation. Where the match is lost, bytes take the last matched position.
 */
ASLDOT_MUST_CHECK asldot_status asldot_mtext_put_scalar(asldot_mtext *t, const char *s, size_t n,
                                                        const asldot_lines *raw, unsigned line,
                                                        unsigned column);
/** Replaces t by a copy of data whose positions are its own (a file read as it is). */
ASLDOT_MUST_CHECK asldot_status asldot_mtext_identity(asldot_mtext *t, const char *data,
                                                      size_t len);
/** Maps line:column of t's text to the source position (unchanged when t is empty). */
void asldot_mtext_locate(const asldot_mtext *t, const asldot_lines *lines, unsigned *line,
                         unsigned *column);
/** ASLDOT_OK or the first failure of an append. */
ASLDOT_MUST_CHECK asldot_status asldot_mtext_status(const asldot_mtext *t);
#endif
