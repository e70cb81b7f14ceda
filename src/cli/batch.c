/*
 * batch.c: many inputs, one output directory. Each input becomes DIR/<name>.<format>, its name
 * taken from the input's base name without .json/.yaml/.yml and a preceding .asl. With -j N the
 * files are handed out one at a time to N worker processes (Graphviz is not thread-safe); each
 * process reuses one renderer for all its files. The exit code is the worst of the inputs.
 */
#include "cli.h"
#include "io.h"

#include <ctype.h>
#include <errno.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

typedef struct batch_item {
    const char *input;
    char *output; /* heap */
    size_t index;
} batch_item;

/* One message from a worker: which file it finished and with which exit code. */
typedef struct batch_result {
    uint32_t worker;
    uint32_t index;
    int32_t rc;
} batch_result;

static int strip_suffix(char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    if (m >= n) /* keep at least one character */
        return 0;
    for (size_t i = 0; i < m; i++) {
        if (tolower((unsigned char)s[n - m + i]) != suffix[i])
            return 0;
    }
    s[n - m] = '\0';
    return 1;
}

static char *output_name(const char *dir, const char *input, const char *ext)
{
    const char *slash = strrchr(input, '/');
    const char *base = slash ? slash + 1 : input;
    size_t dlen = strlen(dir);
    size_t blen = strlen(base);
    char *stem = malloc(blen + 1);
    char *out;
    size_t size;
    if (stem == NULL)
        return NULL;
    memcpy(stem, base, blen + 1);
    if (strip_suffix(stem, ".json") || strip_suffix(stem, ".yaml") || strip_suffix(stem, ".yml"))
        (void)(strip_suffix(stem, ".asl") || strip_suffix(stem, ".template"));
    else
        strip_suffix(stem, ".tf");
    while (dlen > 1 && dir[dlen - 1] == '/')
        dlen--;
    size = dlen + 1 + strlen(stem) + 1 + strlen(ext) + 1;
    out = malloc(size);
    if (out != NULL) {
        int need_slash = !(dlen == 1 && dir[0] == '/');
        (void)snprintf(out, size, "%.*s%s%s.%s", (int)dlen, dir, need_slash ? "/" : "", stem, ext);
    }
    free(stem);
    return out;
}

static int by_output(const void *a, const void *b)
{
    const batch_item *x = a, *y = b;
    int c = strcmp(x->output, y->output);
    if (c != 0)
        return c;
    return x->index < y->index ? -1 : x->index > y->index;
}

static int check_duplicates(batch_item *items, size_t n)
{
    int rc = CLI_EXIT_OK;
    batch_item *sorted;
    if (n < 2)
        return rc;
    sorted = malloc(n * sizeof *sorted);
    if (sorted == NULL) {
        cli_error("out of memory");
        return CLI_EXIT_IO;
    }
    memcpy(sorted, items, n * sizeof *sorted);
    qsort(sorted, n, sizeof *sorted, by_output);
    for (size_t i = 1; i < n; i++) {
        if (strcmp(sorted[i - 1].output, sorted[i].output) == 0) {
            rc = cli_usage_error("inputs '%s' and '%s' would both write '%s'", sorted[i - 1].input,
                                 sorted[i].input, sorted[i].output);
            break;
        }
    }
    free(sorted);
    return rc;
}

typedef struct progress {
    int on;
    size_t done, total;
} progress;

static void progress_step(progress *p, const char *input)
{
    p->done++;
    if (!p->on)
        return;
    /* the cursor goes back to column 0, so a following message overwrites the line */
    (void)fprintf(stderr, "\033[K[%zu/%zu] %s\r", p->done, p->total, input);
}

static void progress_end(const progress *p)
{
    if (p->on)
        (void)fputs("\033[K", stderr);
}

static int run_sequential(cli_session *s, const batch_item *items, size_t n, progress *p)
{
    int worst = CLI_EXIT_OK;
    s->batch = 1;
    for (size_t i = 0; i < n; i++) {
        worst = cli_worst_exit(worst, cli_render_one(s, items[i].input, items[i].output));
        progress_step(p, items[i].input);
    }
    return worst;
}

static int write_full(int fd, const void *buf, size_t len)
{
    const char *p = buf;
    while (len > 0) {
        ssize_t w = write(fd, p, len);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        p += w;
        len -= (size_t)w;
    }
    return 0;
}

/* Returns 1 when len bytes were read, 0 at end of file, -1 on error. */
static int read_full(int fd, void *buf, size_t len)
{
    char *p = buf;
    size_t got = 0;
    while (got < len) {
        ssize_t r = read(fd, p + got, len - got);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        if (r == 0)
            return got == 0 ? 0 : -1;
        got += (size_t)r;
    }
    return 1;
}

static void close_fd(int *fd)
{
    if (*fd >= 0)
        (void)close(*fd);
    *fd = -1;
}

/* The worker's whole life: render what the parent sends until it closes the task pipe. */
static void worker_main(cli_session *s, const batch_item *items, size_t n, uint32_t id, int task_fd,
                        int result_fd)
{
    uint32_t index;
    int status = CLI_EXIT_OK;
    s->batch = 1;
    while (read_full(task_fd, &index, sizeof index) == 1) {
        batch_result r;
        if (index >= n)
            break;
        r.worker = id;
        r.index = index;
        r.rc = cli_render_one(s, items[index].input, items[index].output);
        (void)fflush(stdout); /* --check's lines */
        (void)fflush(stderr);
        if (write_full(result_fd, &r, sizeof r) != 0) {
            status = CLI_EXIT_IO;
            break;
        }
    }
    cli_session_close(s);
    _exit(status);
}

typedef struct worker {
    pid_t pid;
    int task_fd; /* parent's write end */
    int busy;
} worker;

static int send_task(worker *w, uint32_t index)
{
    if (write_full(w->task_fd, &index, sizeof index) != 0) {
        close_fd(&w->task_fd);
        return -1;
    }
    w->busy = 1;
    return 0;
}

static int run_parallel(cli_session *s, const batch_item *items, size_t n, unsigned jobs,
                        progress *p)
{
    worker ws[CLI_MAX_JOBS];
    int task_read[CLI_MAX_JOBS];
    int result[2] = {-1, -1};
    unsigned char *done = calloc(n, 1);
    int worst = CLI_EXIT_OK;
    size_t next = 0, outstanding = 0;
    unsigned started = 0;
    struct sigaction ign, old_pipe;

    if (done == NULL) {
        cli_error("out of memory");
        return CLI_EXIT_IO;
    }
    for (unsigned k = 0; k < jobs; k++) {
        ws[k].pid = -1;
        ws[k].task_fd = task_read[k] = -1;
        ws[k].busy = 0;
    }
    if (pipe(result) != 0)
        goto pipe_failed;
    for (unsigned k = 0; k < jobs; k++) {
        int fds[2];
        if (pipe(fds) != 0)
            goto pipe_failed;
        task_read[k] = fds[0];
        ws[k].task_fd = fds[1];
    }
    (void)fflush(stdout);
    (void)fflush(stderr);
    for (unsigned k = 0; k < jobs; k++) {
        pid_t pid = fork();
        if (pid < 0) {
            cli_error("cannot start worker process: %s", strerror(errno));
            close_fd(&ws[k].task_fd);
            close_fd(&task_read[k]);
            continue;
        }
        if (pid == 0) {
            /* keep only this worker's task read end and the result write end */
            for (unsigned j = 0; j < jobs; j++) {
                close_fd(&ws[j].task_fd);
                if (j != k)
                    close_fd(&task_read[j]);
            }
            close_fd(&result[0]);
            free(done);
            worker_main(s, items, n, k, task_read[k], result[1]);
        }
        ws[k].pid = pid;
        close_fd(&task_read[k]);
        started++;
    }
    close_fd(&result[1]);
    if (started == 0) {
        close_fd(&result[0]);
        free(done);
        return run_sequential(s, items, n, p);
    }

    /* a worker that died must not take the parent with it through SIGPIPE */
    memset(&ign, 0, sizeof ign);
    ign.sa_handler = SIG_IGN;
    sigemptyset(&ign.sa_mask);
    (void)sigaction(SIGPIPE, &ign, &old_pipe);

    for (unsigned k = 0; k < jobs && next < n; k++) {
        if (ws[k].task_fd >= 0 && send_task(&ws[k], (uint32_t)next) == 0) {
            next++;
            outstanding++;
        }
    }
    while (outstanding > 0) {
        batch_result r;
        worker *w;
        if (read_full(result[0], &r, sizeof r) != 1)
            break; /* every worker is gone */
        if (r.index >= n || r.worker >= jobs || done[r.index])
            continue;
        done[r.index] = 1;
        outstanding--;
        worst = cli_worst_exit(worst, r.rc);
        progress_step(p, items[r.index].input);
        w = &ws[r.worker];
        w->busy = 0;
        while (next < n && w->task_fd >= 0) {
            if (send_task(w, (uint32_t)next) == 0) {
                next++;
                outstanding++;
                break;
            }
        }
        if (next >= n)
            close_fd(&w->task_fd);
    }
    for (unsigned k = 0; k < jobs; k++)
        close_fd(&ws[k].task_fd);
    close_fd(&result[0]);
    for (unsigned k = 0; k < jobs; k++) {
        int status = 0;
        pid_t got;
        if (ws[k].pid < 0)
            continue;
        while ((got = waitpid(ws[k].pid, &status, 0)) < 0 && errno == EINTR)
            ;
        if (got < 0)
            cli_error("worker process %u could not be waited for: %s", k, strerror(errno));
        else if (WIFSIGNALED(status))
            cli_error("worker process %u was killed by signal %d", k, WTERMSIG(status));
        else if (WIFEXITED(status) && WEXITSTATUS(status) != 0)
            worst = cli_worst_exit(worst, WEXITSTATUS(status));
    }
    (void)sigaction(SIGPIPE, &old_pipe, NULL);
    for (size_t i = 0; i < n; i++) {
        if (!done[i]) {
            cli_error("%s: not rendered: its worker process died", items[i].input);
            worst = cli_worst_exit(worst, CLI_EXIT_RENDER);
        }
    }
    free(done);
    return worst;

pipe_failed:
    cli_error("cannot create a pipe: %s", strerror(errno));
    close_fd(&result[0]);
    close_fd(&result[1]);
    for (unsigned k = 0; k < jobs; k++) {
        close_fd(&ws[k].task_fd);
        close_fd(&task_read[k]);
    }
    free(done);
    return run_sequential(s, items, n, p);
}

/* Each file allocates and frees a few megabytes; glibc's default gives the top of the heap back
 * to the kernel after every file and asks for it again on the next (two system calls a file,
 * half of a Mermaid batch's time). A batch keeps what it freed for the next file instead. */
static void keep_freed_memory(void)
{
#if defined(__GLIBC__)
    (void)mallopt(M_TRIM_THRESHOLD, 64 << 20);
    (void)mallopt(M_TOP_PAD, 16 << 20);
#endif
}

int cli_batch(cli_session *s, const char *const *inputs, size_t n)
{
    const cli_config *cfg = s->cfg;
    const char *dir = cfg->output;
    const char *ext =
        cfg->format == ASLDOT_FORMAT_MERMAID ? "mmd" : asldot_format_name(cfg->format);
    batch_item *items = calloc(n ? n : 1, sizeof *items);
    progress p = {0, 0, n};
    int rc = CLI_EXIT_OK;
    unsigned jobs = cfg->jobs ? cfg->jobs : 1;

    if (items == NULL) {
        cli_error("out of memory");
        return CLI_EXIT_IO;
    }
    keep_freed_memory();
    for (size_t i = 0; i < n; i++) {
        items[i].input = inputs[i];
        items[i].index = i;
        items[i].output = output_name(dir, inputs[i], ext);
        if (items[i].output == NULL) {
            cli_error("out of memory");
            rc = CLI_EXIT_IO;
            goto done;
        }
    }
    rc = check_duplicates(items, n);
    if (rc != CLI_EXIT_OK)
        goto done;
    if (!cfg->check && !cli_is_directory(dir) && mkdir(dir, 0777) != 0) {
        cli_error("cannot create directory '%s': %s", dir,
                  strerror(errno == EEXIST ? ENOTDIR : errno));
        rc = CLI_EXIT_IO;
        goto done;
    }
    p.on = !cfg->quiet && isatty(STDERR_FILENO);
    if (jobs > n)
        jobs = (unsigned)n;
    if (jobs <= 1)
        rc = run_sequential(s, items, n, &p);
    else
        rc = run_parallel(s, items, n, jobs, &p);
    progress_end(&p);
done:
    for (size_t i = 0; i < n; i++)
        free(items[i].output);
    free(items);
    return rc;
}
