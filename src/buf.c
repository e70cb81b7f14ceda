/* buf.c: growable byte buffer. */
#include "buf.h"
#include "alloc.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static asldot_status buf_fail(asldot_buf *b, asldot_status st)
{
    if (b->failed == ASLDOT_OK)
        b->failed = st;
    return st;
}

static asldot_status buf_grow(asldot_buf *b, size_t extra)
{
    size_t need, cap;
    char *d;
    if (b->failed != ASLDOT_OK)
        return b->failed;
    if (extra > SIZE_MAX - b->len - 1)
        return buf_fail(b, ASLDOT_ERR_NOMEM);
    need = b->len + extra + 1;
    if (need <= b->cap)
        return ASLDOT_OK;
    cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    d = asldot_realloc_array(b->data, cap, 1);
    if (d == NULL)
        return buf_fail(b, ASLDOT_ERR_NOMEM);
    b->data = d;
    b->cap = cap;
    return ASLDOT_OK;
}

asldot_status asldot_buf_put(asldot_buf *b, const char *s, size_t n)
{
    asldot_status st = buf_grow(b, n);
    if (st != ASLDOT_OK)
        return st;
    if (n)
        memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
    return ASLDOT_OK;
}

asldot_status asldot_buf_puts(asldot_buf *b, const char *s)
{
    return asldot_buf_put(b, s, strlen(s));
}

asldot_status asldot_buf_putc(asldot_buf *b, char c)
{
    return asldot_buf_put(b, &c, 1);
}

asldot_status asldot_buf_printf(asldot_buf *b, const char *fmt, ...)
{
    va_list ap;
    int n;
    asldot_status st;
    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return buf_fail(b, ASLDOT_ERR_ARGS);
    st = buf_grow(b, (size_t)n);
    if (st != ASLDOT_OK)
        return st;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return ASLDOT_OK;
}

asldot_status asldot_buf_status(const asldot_buf *b)
{
    return b->failed;
}

const char *asldot_buf_cstr(const asldot_buf *b)
{
    return b->data ? b->data : "";
}

void asldot_buf_reset(asldot_buf *b)
{
    b->len = 0;
    b->failed = ASLDOT_OK;
    if (b->data)
        b->data[0] = '\0';
}

void asldot_buf_free(asldot_buf *b)
{
    asldot_free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
    b->failed = ASLDOT_OK;
}

char *asldot_buf_detach(asldot_buf *b, size_t *len)
{
    char *d = b->data;
    if (b->failed != ASLDOT_OK) {
        asldot_buf_free(b);
        if (len)
            *len = 0;
        return NULL;
    }
    if (d == NULL)
        d = asldot_strndup("", 0);
    if (len)
        *len = d ? b->len : 0;
    b->data = NULL;
    b->len = b->cap = 0;
    b->failed = ASLDOT_OK;
    return d;
}
