/*
 * git.h: what "asl-dot diff --git" asks of git (git.c). git runs as a child process with its
 * arguments as an argv array, never through a shell, so a file name or revision is only ever a
 * name. Errors print git's own standard error and return an exit code (cli.h).
 */
#ifndef ASLDOT_CLI_GIT_H
#define ASLDOT_CLI_GIT_H

#include <stddef.h>

/** One regular file that differs between the two sides of a range. */
typedef struct cli_git_change {
    char *path;        /**< relative to the top of the work tree, as git prints it */
    char old_blob[65]; /**< OLD's blob id; "" when the file is new */
    char new_blob[65]; /**< NEW's blob id; "" when the file was deleted or NEW is the work tree */
    int old_present;   /**< the file exists in OLD */
    int new_present;   /**< the file exists in NEW */
    int new_worktree;  /**< NEW is the file in the work tree (read it at cdup + path) */
} cli_git_change;

/**
 * Lists the regular files (no symlinks, no submodules) that differ between range's sides under
 * paths (git pathspecs, relative to the current directory; none: the whole tree). range is REV
 * (REV against the work tree), REV..REV2 or REV...REV2 (from their merge base). *cdup is the
 * path from the current directory to the top of the work tree ("" or "../.."-style with a
 * final '/'). Returns an exit code: 2 when this is not a repository or a revision does not
 * exist, 3 when git cannot run or fails. Ownership: caller frees with cli_git_changes_free.
 */
int cli_git_changes(const char *range, const char *const *paths, size_t n_paths, char **cdup,
                    cli_git_change **out, size_t *n_out);
/** Frees what cli_git_changes returned (NULL is fine). */
void cli_git_changes_free(char *cdup, cli_git_change *c, size_t n);

/**
 * Reads the blob id into *data: at most cap bytes (*len == cap: there may be more).
 * Returns an exit code. Ownership: caller frees *data with free(); it is NUL-terminated.
 */
int cli_git_blob(const char *blob, size_t cap, char **data, size_t *len);

#endif
