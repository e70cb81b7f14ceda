/*
 * buf.h: growable, length-tracked byte buffer (always NUL-terminated after a successful put).
 * A buffer stays failed once an allocation fails (as libgit2's git_str does): every later put
 * returns the same error and adds nothing, asldot_buf_status says so, and asldot_buf_detach
 * returns NULL. A long run of appends therefore needs one check at the end.
 */
#ifndef ASLDOT_BUF_H
#define ASLDOT_BUF_H
#include "asldot.h"
#include <stddef.h>

typedef struct asldot_buf {
    char *data; /* NULL until the first put; heap-owned by the buffer */
    size_t len, cap;
    asldot_status failed; /* ASLDOT_OK, or the first error of a put: sticky until free/reset */
} asldot_buf;

/* clang-format off */
#define ASLDOT_BUF_INIT {NULL, 0, 0, ASLDOT_OK}
/* clang-format on */

asldot_status asldot_buf_put(asldot_buf *b, const char *s, size_t n);
asldot_status asldot_buf_puts(asldot_buf *b, const char *s);
asldot_status asldot_buf_putc(asldot_buf *b, char c);
asldot_status asldot_buf_printf(asldot_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/** ASLDOT_OK, or the error that made a put fail (the buffer stays failed). */
ASLDOT_MUST_CHECK asldot_status asldot_buf_status(const asldot_buf *b);
/** Returns the contents as a C string ("" when empty). Borrowed. */
const char *asldot_buf_cstr(const asldot_buf *b);
/** Empties the buffer and clears a failure. */
void asldot_buf_reset(asldot_buf *b);
/** Frees the storage; the buffer is empty afterwards. */
void asldot_buf_free(asldot_buf *b);
/** Hands the heap string to the caller (free with asldot_free); the buffer is empty afterwards.
 * Returns NULL when the buffer failed or out of memory. */
char *asldot_buf_detach(asldot_buf *b, size_t *len);
#endif
