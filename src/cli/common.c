/* common.c: messages, exit codes and number parsing shared by the asl-dot commands. */
#include "cli.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void cli_error(const char *fmt, ...)
{
    char line[1024];
    va_list ap;
    va_start(ap, fmt);
    /* the analyzer loses va_start when it inlines variadic calls: a known false positive */
    (void)vsnprintf(line, sizeof line, fmt, ap); // NOLINT(clang-analyzer-valist.Uninitialized)
    va_end(ap);
    /* one write per message, so lines from parallel workers do not interleave */
    (void)fprintf(stderr, "asl-dot: %s\n", line);
}

int cli_usage_error(const char *fmt, ...)
{
    char line[1024];
    va_list ap;
    va_start(ap, fmt);
    /* the analyzer loses va_start when it inlines variadic calls: a known false positive */
    (void)vsnprintf(line, sizeof line, fmt, ap); // NOLINT(clang-analyzer-valist.Uninitialized)
    va_end(ap);
    (void)fprintf(stderr, "asl-dot: %s\nasl-dot: try 'asl-dot --help'\n", line);
    return CLI_EXIT_USAGE;
}

const char *cli_display_name(const char *path)
{
    return strcmp(path, "-") == 0 ? "<stdin>" : path;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    if (m > n)
        return 0;
    for (size_t i = 0; i < m; i++) {
        if (tolower((unsigned char)s[n - m + i]) != suffix[i])
            return 0;
    }
    return 1;
}

asldot_input_format cli_input_format(const char *path)
{
    if (ends_with(path, ".json"))
        return ASLDOT_INPUT_JSON;
    if (ends_with(path, ".yaml") || ends_with(path, ".yml"))
        return ASLDOT_INPUT_YAML;
    return ASLDOT_INPUT_AUTO;
}

int cli_exit_for_status(asldot_status st)
{
    switch (st) {
    case ASLDOT_OK:
        return CLI_EXIT_OK;
    case ASLDOT_ERR_SYNTAX:
    case ASLDOT_ERR_INVALID:
    case ASLDOT_ERR_LIMIT:
        return CLI_EXIT_INVALID;
    case ASLDOT_ERR_RENDER:
    case ASLDOT_ERR_UNSUPPORTED:
        return CLI_EXIT_RENDER;
    case ASLDOT_ERR_NOMEM:
    case ASLDOT_ERR_ARGS:
    case ASLDOT_ERR_IO:
        return CLI_EXIT_IO;
    }
    return CLI_EXIT_IO;
}

int cli_exit_for_input_status(asldot_status st)
{
    if (st == ASLDOT_OK)
        return CLI_EXIT_OK;
    if (st == ASLDOT_ERR_NOMEM || st == ASLDOT_ERR_IO)
        return CLI_EXIT_IO;
    return CLI_EXIT_INVALID;
}

static int exit_rank(int code)
{
    switch (code) {
    case CLI_EXIT_OK:
        return 0;
    case CLI_EXIT_INVALID:
        return 1;
    case CLI_EXIT_IO:
        return 2;
    case CLI_EXIT_RENDER:
        return 3;
    default:
        return 4;
    }
}

int cli_worst_exit(int a, int b)
{
    return exit_rank(a) >= exit_rank(b) ? a : b;
}

int cli_parse_long(const char *s, long min, long max, long *out)
{
    char *end;
    long v;
    if (s == NULL || (!isdigit((unsigned char)s[0]) && s[0] != '-'))
        return -1;
    errno = 0;
    v = strtol(s, &end, 10);
    if (errno != 0 || end == s || *end != '\0' || v < min || v > max)
        return -1;
    *out = v;
    return 0;
}

int cli_parse_size(const char *s, size_t *out)
{
    char *end;
    unsigned long long v;
    unsigned shift = 0;
    if (s == NULL || !isdigit((unsigned char)s[0]))
        return -1;
    errno = 0;
    v = strtoull(s, &end, 10);
    if (errno != 0 || end == s)
        return -1;
    switch (*end) {
    case '\0':
        break;
    case 'k':
    case 'K':
        shift = 10;
        break;
    case 'm':
    case 'M':
        shift = 20;
        break;
    case 'g':
    case 'G':
        shift = 30;
        break;
    default:
        return -1;
    }
    if (*end != '\0') {
        end++;
        if ((end[0] == 'i' || end[0] == 'I') && (end[1] == 'b' || end[1] == 'B'))
            end += 2;
        else if (end[0] == 'b' || end[0] == 'B')
            end++;
        if (*end != '\0')
            return -1;
    }
    /* the reader allocates up to N+1 bytes: keep N far from SIZE_MAX */
    if (v == 0 || v > ((unsigned long long)SIZE_MAX / 4) >> shift)
        return -1;
    *out = (size_t)(v << shift);
    return 0;
}

void cli_print_diagnostics(asldot_diagnostics *d, const char *file, int quiet)
{
    if (asldot_diagnostics_count(d) == 0)
        return;
    if (quiet && asldot_diagnostics_error_count(d) == 0)
        return;
    asldot_diagnostics_sort(d);
    if (asldot_diagnostics_write(stderr, d, cli_display_name(file), ASLDOT_DIAG_TEXT, NULL) !=
        ASLDOT_OK)
        cli_error("%s: the diagnostics could not be written", cli_display_name(file));
}

void cli_put_json_string(FILE *f, const char *s)
{
    (void)fputc('"', f);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            (void)fprintf(f, "\\%c", c);
        else if (c < 0x20 || c == 0x7f)
            (void)fprintf(f, "\\u%04x", c);
        else
            (void)fputc(c, f);
    }
    (void)fputc('"', f);
}

/* GitHub workflow commands: properties escape %, CR, LF, ':' and ','. */
static void put_github_property(FILE *f, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '%':
            (void)fputs("%25", f);
            break;
        case '\r':
            (void)fputs("%0D", f);
            break;
        case '\n':
            (void)fputs("%0A", f);
            break;
        case ':':
            (void)fputs("%3A", f);
            break;
        case ',':
            (void)fputs("%2C", f);
            break;
        default:
            (void)fputc(*s, f);
        }
    }
}

int cli_write_too_large(FILE *f, const char *file, size_t max, asldot_diag_format fmt,
                        size_t *written)
{
    char msg[128];
    (void)snprintf(msg, sizeof msg, "input is larger than the limit of %zu bytes (see --max-bytes)",
                   max);
    switch (fmt) {
    case ASLDOT_DIAG_JSON:
        (void)fputs(written && *written ? ",\n  {\"file\": " : "  {\"file\": ", f);
        cli_put_json_string(f, file);
        (void)fprintf(f,
                      ", \"line\": 0, \"column\": 0, \"severity\": \"error\", "
                      "\"code\": \"input-too-large\", \"message\": \"%s\", \"pointer\": \"\"}",
                      msg);
        if (written)
            (*written)++;
        break;
    case ASLDOT_DIAG_GITHUB:
        (void)fputs("::error file=", f);
        put_github_property(f, file);
        (void)fprintf(f, ",title=input-too-large::%s\n", msg);
        break;
    default:
        (void)fprintf(f, "%s: error: %s [input-too-large]\n", file, msg);
        break;
    }
    return ferror(f) ? -1 : 0;
}
