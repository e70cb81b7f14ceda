/* io.c: capped file reading and atomic output (see io.h). */
#define _XOPEN_SOURCE 700 /* fsync(), mkstemp() */
#include "io.h"

#include <errno.h>
#include <signal.h>
#include <stdatomic.h>
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

/* The temporary file being written, for the signal handler: its name in a fixed buffer and a
 * flag, the only things a handler may safely touch. This is the command's one piece of
 * process-wide state; each batch worker has its own copy after fork. */
static char pending_name[4096];
static volatile sig_atomic_t pending_set;

static void pending_begin(const char *tmp)
{
    size_t n = strlen(tmp);
    if (n >= sizeof pending_name)
        return;
    memcpy(pending_name, tmp, n + 1);
    atomic_signal_fence(memory_order_seq_cst); /* the name is complete before the flag is seen */
    pending_set = 1;
}

static void pending_end(void)
{
    pending_set = 0;
    atomic_signal_fence(memory_order_seq_cst);
}

static void remove_pending(int sig)
{
    if (pending_set)
        (void)unlink(pending_name);
    (void)raise(sig); /* the handler was reset: the default action ends the process */
}

void cli_remove_temp_on_signals(void)
{
    static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
    for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++) {
        struct sigaction sa, old;
        if (sigaction(sigs[i], NULL, &old) != 0 || old.sa_handler == SIG_IGN)
            continue; /* keep nohup's choice */
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = remove_pending;
        sa.sa_flags = SA_RESETHAND;
        sigemptyset(&sa.sa_mask);
        (void)sigaction(sigs[i], &sa, NULL);
    }
}

/* Removes tmp and frees it. */
static void discard_temp(char *tmp)
{
    (void)unlink(tmp);
    pending_end();
    free(tmp);
}

/* Creates path.tmp.<pid> next to path, or path.tmp.XXXXXX when that name is taken (left behind
 * by an earlier process with the same id), or .asl-dot.XXXXXX in path's directory when the name
 * would be too long. Opened with mode 0666 so the umask gives the mode a
 * plain fopen would. Returns an fd and sets *tmp_out (heap), or returns -1 with errno set. */
static int create_temp(const char *path, char **tmp_out)
{
    size_t plen = strlen(path), size = plen + 32;
    char *tmp = malloc(size);
    int fd;
    *tmp_out = NULL;
    if (tmp == NULL) {
        errno = ENOMEM;
        return -1;
    }
    (void)snprintf(tmp, size, "%s.tmp.%ld", path, (long)getpid());
    do
        fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    while (fd < 0 && errno == EINTR);
    if (fd < 0 && (errno == EEXIST || errno == ENAMETOOLONG)) {
        int taken = errno == EEXIST;
        mode_t mask = umask(0);
        (void)umask(mask);
        if (taken) {
            memcpy(tmp + plen, ".tmp.XXXXXX", sizeof ".tmp.XXXXXX");
        } else { /* the name is near the limit: a short one in the same directory */
            const char *slash = strrchr(path, '/');
            size_t dlen = slash ? (size_t)(slash - path) + 1 : 0;
            memcpy(tmp + dlen, ".asl-dot.XXXXXX", sizeof ".asl-dot.XXXXXX");
        }
        fd = mkstemp(tmp); /* 0600: widen it to what the umask allows */
        if (fd >= 0 && fchmod(fd, 0666 & ~mask) != 0) {
            int e = errno;
            (void)close(fd);
            discard_temp(tmp);
            errno = e;
            return -1;
        }
    }
    if (fd < 0) {
        int e = errno;
        free(tmp);
        errno = e;
        return -1;
    }
    pending_begin(tmp);
    *tmp_out = tmp;
    return fd;
}

/* Writes data to a new temporary file beside path (fsync'd when durable) and returns its name
 * in *tmp_out (heap). On failure nothing is left behind. */
static int write_temp(const char *path, const char *data, size_t len, int durable, char **tmp_out,
                      const char **what)
{
    char *tmp;
    int e = 0, fd = create_temp(path, &tmp);
    *tmp_out = NULL;
    *what = "create";
    if (fd < 0) {
        e = errno;
        return e != 0 ? e : EIO; /* never 0: the caller would use the missing tmp */
    }
    *what = "write";
    e = write_all(fd, data, len);
    if (e == 0 && durable && fsync(fd) != 0) {
        e = errno;
        *what = "sync";
    }
    if (close(fd) != 0 && e == 0) {
        e = errno;
        *what = "write";
    }
    if (e != 0) {
        discard_temp(tmp);
        return e;
    }
    *tmp_out = tmp;
    return 0;
}

/* Writes straight into an existing non-regular file (a device such as /dev/null or /dev/full,
 * a FIFO): renaming over it would replace the device itself. Also into a file named through
 * /dev or /proc (/dev/stdout, /dev/fd/N, /proc/self/fd/N), which is some descriptor's file:
 * replacing it would throw away what the shell redirected there, so it is appended to. */
static int write_through(const char *path, int flags, const char *data, size_t len,
                         const char **what)
{
    int e, fd = open(path, O_WRONLY | flags);
    *what = "open";
    if (fd < 0)
        return errno;
    *what = "write";
    e = write_all(fd, data, len);
    if (close(fd) != 0 && e == 0)
        e = errno;
    return e;
}

/* The file a dangling symlink names (heap), resolved against the link's directory; NULL when path
 * is not a symlink or cannot be read. */
static char *dangling_target(const char *path)
{
    struct stat lst;
    const char *slash;
    char *target, *full;
    ssize_t n;
    size_t dlen;
    if (lstat(path, &lst) != 0 || !S_ISLNK(lst.st_mode) || lst.st_size <= 0 || lst.st_size > 65536)
        return NULL;
    target = malloc((size_t)lst.st_size + 1);
    if (target == NULL)
        return NULL;
    n = readlink(path, target, (size_t)lst.st_size + 1);
    if (n <= 0 || n > lst.st_size) {
        free(target);
        return NULL;
    }
    target[n] = '\0';
    slash = strrchr(path, '/');
    if (target[0] == '/' || slash == NULL)
        return target;
    dlen = (size_t)(slash - path) + 1;
    full = malloc(dlen + (size_t)n + 1);
    if (full != NULL) {
        memcpy(full, path, dlen);
        memcpy(full + dlen, target, (size_t)n + 1);
    }
    free(target);
    return full;
}

int cli_write_atomic(const char *path, const char *data, size_t len, int durable, const char **what)
{
    struct stat st;
    char *tmp, *real = NULL;
    int e, existed = stat(path, &st) == 0;

    /* a symlink to a file not there yet: create that file, as a shell redirection would */
    if (!existed && (real = dangling_target(path)) != NULL)
        path = real;

    if (existed && !S_ISREG(st.st_mode))
        return write_through(path, O_TRUNC, data, len, what);
    if (existed && (strncmp(path, "/dev/", 5) == 0 || strncmp(path, "/proc/", 6) == 0))
        return write_through(path, O_APPEND, data, len, what);
    /* a symlink to a file: replace the file it points to, keep the link */
    if (existed && (real = realpath(path, NULL)) != NULL)
        path = real;
    e = write_temp(path, data, len, durable, &tmp, what);
    if (e == 0 && existed && chmod(tmp, st.st_mode & 07777) != 0) {
        e = errno;
        *what = "chmod";
        discard_temp(tmp);
    } else if (e == 0) {
        if (rename(tmp, path) != 0) {
            e = errno;
            *what = "rename";
            discard_temp(tmp);
        } else {
            pending_end();
            free(tmp);
        }
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
