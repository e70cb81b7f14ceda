/*
 * args.h: a table-driven command-line parser. Each command describes its options once, in a
 * static cli_option table; the same table drives parsing and the --help text, so the two cannot
 * drift apart. Accepted forms: --name VALUE, --name=VALUE, -x VALUE, -xVALUE, bundled short
 * flags (-qk), "--" to end the options, and "-" as an operand (standard input or output).
 */
#ifndef ASLDOT_CLI_ARGS_H
#define ASLDOT_CLI_ARGS_H

#include <stddef.h>
#include <stdio.h>

typedef struct cli_option {
    int id;                 /* returned to the caller; 0 marks the end of a table */
    const char *long_name;  /* without the leading "--"; NULL for a short-only option */
    char short_name;        /* 0 for a long-only option */
    const char *value_name; /* NULL for a flag; else the placeholder shown in the help; one
                               starting with '[' ("[=LIST]") is optional, given as --name=VALUE */
    const char *help;       /* one line */
} cli_option;

typedef enum cli_arg_kind {
    CLI_ARG_END = 0, /* no arguments left */
    CLI_ARG_OPTION,  /* *opt is the matched entry, *value its value (NULL for a flag) */
    CLI_ARG_OPERAND, /* *value is a file name or "-" */
    CLI_ARG_ERROR    /* the parser's message holds a one-line description */
} cli_arg_kind;

typedef struct cli_parser {
    const cli_option *table; /* terminated by an entry with id 0 */
    int argc;
    char **argv;
    int index;           /* next argv element */
    const char *cluster; /* rest of a bundle of short options, or NULL */
    int options_done;    /* set after "--" */
    char message[256];   /* the last error */
} cli_parser;

/** Starts parsing argv[first..argc-1] with the given table. */
void cli_parser_init(cli_parser *p, const cli_option *table, int argc, char **argv, int first);

/** Returns the kind of the next argument and fills *opt and *value accordingly. */
cli_arg_kind cli_parser_next(cli_parser *p, const cli_option **opt, const char **value);

/** Writes one aligned line per option of table to f. */
void cli_options_help(FILE *f, const cli_option *table);

#endif
