/* io.c: capped file reading and atomic output (see io.h). */
#define _XOPEN_SOURCE 700 /* sync() */
#include "io.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int read_fd(int fd, size_t cap, size_t hint, char **data, size_t *len)
{
    size_t size = hint < cap ? hint : cap;
    size_t n = 0;
    char *buf = malloc(size + 1);
    if (buf == NULL)
        return ENOMEM;
    while (n < cap) {
        ssize_t r;
        if (n == size) {
            /* the file grew, or its size was unknown: double, never past cap */
            size_t bigger = size > cap / 2 ? cap : size * 2;
            char *nb = realloc(buf, bigger + 1);
            if (nb == NULL) {
                free(buf);
                return ENOMEM;
            }
            buf = nb;
            size = bigger;
        }
        r = read(fd, buf + n, size - n);
        if (r < 0) {
            int e = errno;
            if (e == EINTR)
                continue;
            free(buf);
            return e;
        }
        if (r == 0)
            break;
        n += (size_t)r;
    }
    buf[n] = '\0';
    *data = buf;
    *len = n;
    return 0;
}

int cli_read_file(const char *path, size_t cap, char **data, size_t *len)
{
    struct stat st;
    size_t hint = (size_t)64 * 1024;
    int fd, e;
    *data = NULL;
    *len = 0;
    if (strcmp(path, "-") == 0) {
        fd = STDIN_FILENO;
    } else {
        do
            fd = open(path, O_RDONLY);
        while (fd < 0 && errno == EINTR);
        if (fd < 0)
            return errno;
    }
    if (fstat(fd, &st) == 0) {
        if (S_ISDIR(st.st_mode)) {
            if (fd != STDIN_FILENO)
                (void)close(fd);
            return EISDIR;
        }
        /* +1 so that a file of exactly cap bytes is seen to end without a second read */
        if (S_ISREG(st.st_mode) && st.st_size >= 0 && (unsigned long long)st.st_size < cap)
            hint = (size_t)st.st_size + 1;
    }
    if (hint == 0)
        hint = 1;
    e = read_fd(fd, cap, hint, data, len);
    if (fd != STDIN_FILENO)
        (void)close(fd);
    return e;
}

static int write_all(int fd, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t w = write(fd, data, len);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return errno;
        }
        data += w;
        len -= (size_t)w;
    }
    return 0;
}

int cli_write_temp(const char *path, const char *data, size_t len, int sync_now, char **tmp_out,
                   const char **what)
{
    static const char suffix[] = ".tmp.XXXXXX";
    size_t plen = strlen(path);
    char *tmp;
    int fd, e = 0;
    mode_t mask;

    *tmp_out = NULL;
    *what = "create";
    tmp = malloc(plen + sizeof suffix);
    if (tmp == NULL)
        return ENOMEM;
    memcpy(tmp, path, plen);
    memcpy(tmp + plen, suffix, sizeof suffix);
    fd = mkstemp(tmp);
    if (fd < 0) {
        e = errno;
        free(tmp);
        return e;
    }
    /* mkstemp creates 0600; give the output the mode a plain fopen would have */
    mask = umask(0);
    (void)umask(mask);
    if (fchmod(fd, 0666 & ~mask) != 0)
        e = errno;
    if (e == 0 && (e = write_all(fd, data, len)) != 0)
        *what = "write";
    if (e == 0 && sync_now && fsync(fd) != 0) {
        e = errno;
        *what = "sync";
    }
    if (close(fd) != 0 && e == 0) {
        e = errno;
        *what = "write";
    }
    if (e != 0) {
        cli_discard_temp(tmp);
        return e;
    }
    *tmp_out = tmp;
    return 0;
}

int cli_commit_temp(char *tmp, const char *path)
{
    int e = 0;
    if (tmp == NULL)
        return EINVAL;
    if (rename(tmp, path) != 0) {
        e = errno;
        (void)unlink(tmp);
    }
    free(tmp);
    return e;
}

void cli_discard_temp(char *tmp)
{
    if (tmp == NULL)
        return;
    (void)unlink(tmp);
    free(tmp);
}

void cli_sync_all(void)
{
    sync();
}

/* Writes straight into an existing non-regular file (a device such as /dev/null or /dev/full,
 * a FIFO): renaming over it would replace the device itself. */
static int write_through(const char *path, const char *data, size_t len, const char **what)
{
    int e, fd = open(path, O_WRONLY | O_TRUNC);
    *what = "open";
    if (fd < 0)
        return errno;
    *what = "write";
    e = write_all(fd, data, len);
    if (close(fd) != 0 && e == 0)
        e = errno;
    return e;
}

int cli_write_atomic(const char *path, const char *data, size_t len, const char **what)
{
    struct stat st;
    char *tmp, *real = NULL;
    int e, existed = stat(path, &st) == 0;

    if (existed && !S_ISREG(st.st_mode))
        return write_through(path, data, len, what);
    /* a symlink to a file: replace the file it points to, keep the link */
    if (existed && (real = realpath(path, NULL)) != NULL)
        path = real;
    e = cli_write_temp(path, data, len, 1, &tmp, what);
    if (e == 0 && existed && chmod(tmp, st.st_mode & 07777) != 0) {
        e = errno;
        *what = "chmod";
        cli_discard_temp(tmp);
    } else if (e == 0) {
        e = cli_commit_temp(tmp, path);
        if (e != 0)
            *what = "rename";
    }
    free(real);
    return e;
}

int cli_write_stdout(const char *data, size_t len)
{
    errno = 0;
    if (len > 0 && fwrite(data, 1, len, stdout) != len)
        return errno ? errno : EIO;
    return 0;
}

int cli_close_stdout(void)
{
    int e = 0;
    errno = 0;
    if (fflush(stdout) != 0)
        e = errno ? errno : EIO;
    if (ferror(stdout) && e == 0)
        e = EIO;
    if (fclose(stdout) != 0 && e == 0)
        e = errno ? errno : EIO;
    return e;
}

int cli_is_directory(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}
