/*
 * git.c: "asl-dot diff --git" talks to git itself, as a child process (posix_spawnp of "git"
 * with an argv array: no shell, so no name is ever interpreted). Standard input is /dev/null,
 * standard output is read through a pipe with a size cap, standard error goes to a temporary
 * file and is printed when git fails. Which files changed comes from "git diff --raw -z"
 * (NUL-separated, so any byte in a name is safe), and each old or committed version is read by
 * its blob id with "git cat-file blob", which needs no path at all.
 */
#include "git.h"
#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

/* What one git run gave. */
typedef struct git_run {
    int status; /* exit status; -1 when killed by a signal */
    char *out;  /* standard output, NUL-terminated */
    size_t out_len;
    char err[4096]; /* the start of standard error, NUL-terminated */
} git_run;

#define GIT_LIST_CAP ((size_t)256 * 1024 * 1024)

/* Reads fd to EOF or cap bytes into r->out. Returns 0 or an errno value. */
static int read_pipe(int fd, size_t cap, git_run *r)
{
    size_t size = 0;
    for (;;) {
        ssize_t n;
        if (r->out_len == cap)
            return 0;
        if (size - r->out_len < 2) {
            size_t grow = size ? size * 2 : 8192;
            char *p;
            if (grow > cap + 1)
                grow = cap + 1;
            p = realloc(r->out, grow);
            if (p == NULL)
                return ENOMEM;
            r->out = p;
            size = grow;
        }
        n = read(fd, r->out + r->out_len, size - r->out_len - 1);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return errno;
        if (n == 0)
            return 0;
        r->out_len += (size_t)n;
        r->out[r->out_len] = '\0';
    }
}

static void read_errors(FILE *f, git_run *r)
{
    size_t n;
    rewind(f);
    n = fread(r->err, 1, sizeof r->err - 1, f);
    r->err[n] = '\0';
}

/* Runs git with argv (argv[0] is "git"), reading at most cap bytes of its output. Returns 0, or
 * an errno value when git could not be started or read (then nothing is set but r->err). */
static int run_git(char *const argv[], size_t cap, git_run *r)
{
    posix_spawn_file_actions_t fa;
    FILE *errf = tmpfile();
    int fds[2] = {-1, -1}, e, ws = 0, fa_ok = 0;
    pid_t pid = 0;

    memset(r, 0, sizeof *r);
    r->status = -1;
    if (errf == NULL)
        return errno ? errno : EIO;
    if (pipe(fds) != 0) {
        e = errno;
        goto fail;
    }
    (void)fcntl(fds[0], F_SETFD, FD_CLOEXEC);
    e = posix_spawn_file_actions_init(&fa);
    if (e != 0)
        goto fail;
    fa_ok = 1;
    if ((e = posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0)) != 0 ||
        (e = posix_spawn_file_actions_adddup2(&fa, fds[1], 1)) != 0 ||
        (e = posix_spawn_file_actions_adddup2(&fa, fileno(errf), 2)) != 0 ||
        (e = posix_spawn_file_actions_addclose(&fa, fds[1])) != 0)
        goto fail;
    e = posix_spawnp(&pid, "git", &fa, NULL, argv, environ);
    if (e != 0)
        goto fail;
    (void)close(fds[1]);
    fds[1] = -1;
    e = read_pipe(fds[0], cap, r);
    (void)close(fds[0]); /* a git with more to say than cap gets SIGPIPE */
    fds[0] = -1;
    while (waitpid(pid, &ws, 0) < 0) {
        if (errno != EINTR) {
            e = e ? e : errno;
            break;
        }
    }
    r->status = WIFEXITED(ws) ? WEXITSTATUS(ws) : -1;
    read_errors(errf, r);
fail:
    if (fa_ok)
        (void)posix_spawn_file_actions_destroy(&fa);
    for (int i = 0; i < 2; i++)
        if (fds[i] >= 0)
            (void)close(fds[i]);
    (void)fclose(errf);
    if (e != 0) {
        free(r->out);
        r->out = NULL;
        r->out_len = 0;
    }
    return e;
}

/* Prints git's standard error, each line prefixed with "git: ". */
static void print_git_errors(const git_run *r)
{
    const char *p = r->err;
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        (void)fprintf(stderr, "asl-dot: git: %.*s\n", (int)n, p);
        p += n + (nl != NULL);
    }
}

/* Runs git; on failure prints why and returns fail_rc (or 3 when git could not run). */
static int git_or_fail(char *const argv[], size_t cap, git_run *r, int fail_rc, const char *what)
{
    int e = run_git(argv, cap, r);
    if (e != 0) {
        if (e == ENOENT)
            cli_error("cannot run git: %s (is git installed and on PATH?)", strerror(e));
        else
            cli_error("cannot run git %s: %s", what, strerror(e));
        return CLI_EXIT_IO;
    }
    if (r->status != 0) {
        print_git_errors(r);
        if (r->status < 0)
            cli_error("git %s was killed", what);
        free(r->out);
        r->out = NULL;
        return r->status < 0 ? CLI_EXIT_IO : fail_rc;
    }
    return CLI_EXIT_OK;
}

/* Checks that each side of range names a commit. Returns an exit code. */
static int check_revisions(const char *range)
{
    const char *dots = strstr(range, "..");
    size_t skip = dots && dots[2] == '.' ? 3 : 2;
    const char *part[2] = {range, dots ? dots + skip : NULL};
    size_t len[2] = {dots ? (size_t)(dots - range) : strlen(range), part[1] ? strlen(part[1]) : 0};

    for (int i = 0; i < 2; i++) {
        git_run r;
        char *spec,
            *argv[] = {"git", "rev-parse", "--verify", "--quiet", "--end-of-options", NULL, NULL};
        int rc;
        if (part[i] == NULL || len[i] == 0) /* "A.." and "..B" mean HEAD there, as in git */
            continue;
        if (part[i][0] == '-')
            return cli_usage_error("invalid revision '%.*s'", (int)len[i], part[i]);
        spec = malloc(len[i] + sizeof "^{commit}");
        if (spec == NULL) {
            cli_error("out of memory");
            return CLI_EXIT_IO;
        }
        (void)snprintf(spec, len[i] + sizeof "^{commit}", "%.*s^{commit}", (int)len[i], part[i]);
        argv[5] = spec;
        rc = git_or_fail(argv, 4096, &r, CLI_EXIT_USAGE, "rev-parse");
        free(spec);
        free(r.out);
        if (rc == CLI_EXIT_USAGE)
            cli_error("unknown revision '%.*s': not a commit in this repository", (int)len[i],
                      part[i]);
        if (rc != CLI_EXIT_OK)
            return rc;
    }
    return CLI_EXIT_OK;
}

static int is_zero_id(const char *s)
{
    for (; *s; s++)
        if (*s != '0')
            return 0;
    return 1;
}

/* One "--raw -z" record: ":MODE MODE ID ID STATUS\0PATH\0". Returns the bytes used, 0 at the
 * end or on a malformed record. c is zeroed first, so c->path is NULL or c's own copy. */
static size_t parse_raw(const char *p, const char *end, cli_git_change *c, int *keep)
{
    char om[8], nm[8], oid[65], nid[65], status;
    const char *nul = memchr(p, '\0', (size_t)(end - p)), *path, *pend;
    memset(c, 0, sizeof *c);
    *keep = 0;
    if (nul == NULL || *p != ':' ||
        sscanf(p, ":%7s %7s %64s %64s %c", om, nm, oid, nid, &status) != 5)
        return 0;
    path = nul + 1;
    pend = path < end ? memchr(path, '\0', (size_t)(end - path)) : NULL;
    if (pend == NULL)
        return 0;
    /* regular files only: 100644 or 100755; a symlink (120000) or submodule (160000) is skipped */
    *keep = (strncmp(om, "100", 3) == 0 || strcmp(om, "000000") == 0) &&
            (strncmp(nm, "100", 3) == 0 || strcmp(nm, "000000") == 0) && status != 'U';
    c->old_present = strcmp(om, "000000") != 0;
    c->new_present = strcmp(nm, "000000") != 0;
    if (c->old_present)
        memcpy(c->old_blob, oid, sizeof oid);
    if (c->new_present && !is_zero_id(nid))
        memcpy(c->new_blob, nid, sizeof nid);
    c->new_worktree = c->new_present && is_zero_id(nid);
    c->path = *keep ? strdup(path) : NULL;
    if (*keep && c->path == NULL)
        *keep = -1;
    return (size_t)(pend + 1 - p);
}

int cli_git_changes(const char *range, const char *const *paths, size_t n_paths, char **cdup,
                    cli_git_change **out, size_t *n_out)
{
    char *top_argv[] = {"git", "rev-parse", "--show-cdup", NULL};
    static const char *const diff_head[] = {"git",           "diff",
                                            "--raw",         "-z",
                                            "--no-abbrev",   "--no-renames",
                                            "--no-color",    "--no-ext-diff",
                                            "--no-textconv", "--ignore-submodules"};
    const size_t nh = sizeof diff_head / sizeof *diff_head;
    char **argv = NULL;
    cli_git_change *list = NULL;
    size_t n = 0, cap = 0;
    git_run r;
    int rc;

    *cdup = NULL;
    *out = NULL;
    *n_out = 0;
    if (range[0] == '\0' || range[0] == '-' || strcmp(range, "..") == 0 ||
        strcmp(range, "...") == 0)
        return cli_usage_error("invalid --git revision range '%s' (REV, REV..REV2 or REV...REV2)",
                               range);
    rc = git_or_fail(top_argv, 65536, &r, CLI_EXIT_USAGE, "rev-parse");
    if (rc == CLI_EXIT_USAGE)
        cli_error("--git needs a git work tree: the current directory is not in one");
    if (rc != CLI_EXIT_OK)
        return rc;
    r.out_len = strcspn(r.out, "\n");
    r.out[r.out_len] = '\0';
    *cdup = r.out;
    if ((rc = check_revisions(range)) != CLI_EXIT_OK)
        goto fail;
    argv = calloc(nh + n_paths + 3, sizeof *argv);
    if (argv == NULL) {
        cli_error("out of memory");
        rc = CLI_EXIT_IO;
        goto fail;
    }
    memcpy(argv, diff_head, sizeof diff_head);
    argv[nh] = (char *)range;
    argv[nh + 1] = "--";
    for (size_t i = 0; i < n_paths; i++)
        argv[nh + 2 + i] = (char *)paths[i];
    rc = git_or_fail(argv, GIT_LIST_CAP, &r, CLI_EXIT_USAGE, "diff");
    free(argv);
    if (rc != CLI_EXIT_OK)
        goto fail;
    for (const char *p = r.out, *end = r.out + r.out_len; p < end;) {
        cli_git_change c;
        int keep = 0;
        size_t used = parse_raw(p, end, &c, &keep);
        if (used == 0 || keep < 0) {
            free(c.path);
            cli_error(used == 0 ? "cannot read the output of git diff" : "out of memory");
            rc = CLI_EXIT_IO;
            break;
        }
        p += used;
        if (!keep)
            continue;
        if (n == cap) {
            size_t ncap = cap ? cap * 2 : 16;
            cli_git_change *g = realloc(list, ncap * sizeof *g);
            if (g == NULL) {
                free(c.path);
                cli_error("out of memory");
                rc = CLI_EXIT_IO;
                break;
            }
            list = g;
            cap = ncap;
        }
        list[n++] = c;
    }
    free(r.out);
    if (rc != CLI_EXIT_OK)
        goto fail;
    *out = list;
    *n_out = n;
    return CLI_EXIT_OK;
fail:
    cli_git_changes_free(*cdup, list, n);
    *cdup = NULL;
    return rc;
}

void cli_git_changes_free(char *cdup, cli_git_change *c, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(c[i].path);
    free(c);
    free(cdup);
}

int cli_git_blob(const char *blob, size_t cap, char **data, size_t *len)
{
    char *argv[] = {"git", "cat-file", "blob", (char *)blob, NULL};
    git_run r;
    int rc = git_or_fail(argv, cap, &r, CLI_EXIT_IO, "cat-file");
    *data = NULL;
    *len = 0;
    if (rc != CLI_EXIT_OK)
        return rc;
    if (r.out == NULL && (r.out = calloc(1, 1)) == NULL) {
        cli_error("out of memory");
        return CLI_EXIT_IO;
    }
    *data = r.out;
    *len = r.out_len;
    return CLI_EXIT_OK;
}
