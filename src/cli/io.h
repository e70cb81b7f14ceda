/*
 * io.h: file input with a size cap, and output that is never half-written: files through a
 * temporary file in the same directory plus rename, standard output with a final error check.
 * Every function returns 0 on success or an errno value (never sets a global).
 */
#ifndef ASLDOT_CLI_IO_H
#define ASLDOT_CLI_IO_H

#include <stddef.h>

/**
 * Reads at most cap bytes of path ("-" is standard input) into a heap buffer. A file longer than
 * cap is not read further: *len == cap tells the caller there may be more.
 * Returns 0 or an errno value. Ownership: the caller frees *data with free(); it is
 * NUL-terminated (not counted in *len).
 */
int cli_read_file(const char *path, size_t cap, char **data, size_t *len);

/**
 * Replaces path with data atomically: writes path.tmp.<pid> in the same directory, fsyncs it when
 * durable, renames it over path. A reader sees the old file or the new one, never a part. An
 * existing file keeps its permissions; a symlink keeps pointing at the file it names, which is
 * replaced; a device or FIFO is written through. On failure the temporary file is removed, an
 * existing path is left untouched, and *what names the failed step ("create", "write", "sync",
 * "chmod", "rename", "open"). Returns 0 or an errno value.
 */
int cli_write_atomic(const char *path, const char *data, size_t len, int durable,
                     const char **what);

/**
 * Makes SIGINT, SIGTERM and SIGHUP remove the temporary file being written before the process
 * ends with that signal (signals set to be ignored stay ignored). Call once, early.
 */
void cli_remove_temp_on_signals(void);

/** Writes data to standard output. Returns 0 or an errno value (EIO when unknown). */
int cli_write_stdout(const char *data, size_t len);

/** Flushes and closes standard output, checking for any earlier write error. Returns 0/errno. */
int cli_close_stdout(void);

/** Returns 1 when path names an existing directory. */
int cli_is_directory(const char *path);

#endif
