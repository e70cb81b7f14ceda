/* buf.h: growable, length-tracked byte buffer (always NUL-terminated after a successful put). */
#ifndef ASLDOT_BUF_H
#define ASLDOT_BUF_H
#include "asldot.h"
#include <stddef.h>

typedef struct asldot_buf {
    char *data; /* NULL until the first put; heap-owned by the buffer */
    size_t len, cap;
} asldot_buf;

#define ASLDOT_BUF_INIT {NULL, 0, 0}

asldot_status asldot_buf_put(asldot_buf *b, const char *s, size_t n);
asldot_status asldot_buf_puts(asldot_buf *b, const char *s);
asldot_status asldot_buf_putc(asldot_buf *b, char c);
asldot_status asldot_buf_printf(asldot_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/** Returns the contents as a C string ("" when empty). Borrowed. */
const char *asldot_buf_cstr(const asldot_buf *b);
void asldot_buf_reset(asldot_buf *b);
/** Frees the storage; the buffer is empty afterwards. */
void asldot_buf_free(asldot_buf *b);
/** Hands the heap string to the caller (free with asldot_free); the buffer is empty afterwards. */
char *asldot_buf_detach(asldot_buf *b, size_t *len);
#endif
