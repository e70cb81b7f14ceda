/* args.c: the table-driven option parser and help printer (see args.h). */
#include "args.h"

#include <string.h>

void cli_parser_init(cli_parser *p, const cli_option *table, int argc, char **argv, int first)
{
    memset(p, 0, sizeof *p);
    p->table = table;
    p->argc = argc;
    p->argv = argv;
    p->index = first;
}

static const cli_option *find_long(const cli_option *t, const char *name, size_t len)
{
    for (; t->id != 0; t++) {
        if (t->long_name != NULL && strlen(t->long_name) == len &&
            memcmp(t->long_name, name, len) == 0)
            return t;
    }
    return NULL;
}

static const cli_option *find_short(const cli_option *t, char c)
{
    for (; t->id != 0; t++) {
        if (t->short_name != 0 && t->short_name == c)
            return t;
    }
    return NULL;
}

/* "<prefix> '<dashes><name>'<suffix>", e.g. "option '--style' needs a value" */
static cli_arg_kind fail(cli_parser *p, const char *prefix, const char *dashes, const char *name,
                         size_t len, const char *suffix)
{
    (void)snprintf(p->message, sizeof p->message, "%s '%s%.*s'%s", prefix, dashes, (int)len, name,
                   suffix);
    return CLI_ARG_ERROR;
}

static cli_arg_kind next_short(cli_parser *p, const cli_option **opt, const char **value)
{
    char c = *p->cluster++;
    const cli_option *o = find_short(p->table, c);
    if (o == NULL)
        return fail(p, "unknown option", "-", &c, 1, "");
    *opt = o;
    if (o->value_name == NULL) {
        if (*p->cluster == '\0')
            p->cluster = NULL;
        return CLI_ARG_OPTION;
    }
    if (*p->cluster != '\0') { /* -j2 */
        *value = p->cluster;
        p->cluster = NULL;
        return CLI_ARG_OPTION;
    }
    p->cluster = NULL;
    if (p->index >= p->argc)
        return fail(p, "option", "-", &c, 1, " needs a value");
    *value = p->argv[p->index++];
    return CLI_ARG_OPTION;
}

static cli_arg_kind next_long(cli_parser *p, const char *arg, const cli_option **opt,
                              const char **value)
{
    const char *name = arg + 2;
    const char *eq = strchr(name, '=');
    size_t len = eq ? (size_t)(eq - name) : strlen(name);
    const cli_option *o = find_long(p->table, name, len);
    if (o == NULL)
        return fail(p, "unknown option", "--", name, len, "");
    *opt = o;
    if (o->value_name == NULL) {
        if (eq != NULL)
            return fail(p, "option", "--", name, len, " takes no value");
        return CLI_ARG_OPTION;
    }
    if (eq != NULL) {
        *value = eq + 1;
        return CLI_ARG_OPTION;
    }
    if (o->value_name[0] == '[') /* an optional value comes only as --name=VALUE */
        return CLI_ARG_OPTION;
    if (p->index >= p->argc)
        return fail(p, "option", "--", name, len, " needs a value");
    *value = p->argv[p->index++];
    return CLI_ARG_OPTION;
}

cli_arg_kind cli_parser_next(cli_parser *p, const cli_option **opt, const char **value)
{
    const char *arg;
    *opt = NULL;
    *value = NULL;
    if (p->cluster != NULL)
        return next_short(p, opt, value);
    if (p->index >= p->argc)
        return CLI_ARG_END;
    arg = p->argv[p->index++];
    if (p->options_done || arg[0] != '-' || arg[1] == '\0') {
        *value = arg; /* a file name, or "-" */
        return CLI_ARG_OPERAND;
    }
    if (arg[1] == '-') {
        if (arg[2] == '\0') {
            p->options_done = 1;
            return cli_parser_next(p, opt, value);
        }
        return next_long(p, arg, opt, value);
    }
    p->cluster = arg + 1;
    return next_short(p, opt, value);
}

void cli_options_help(FILE *f, const cli_option *table)
{
    enum { COLUMN = 28 };
    for (const cli_option *o = table; o->id != 0; o++) {
        char left[128];
        int n;
        if (o->short_name != 0 && o->long_name != NULL)
            n = snprintf(left, sizeof left, "-%c, --%s", o->short_name, o->long_name);
        else if (o->short_name != 0)
            n = snprintf(left, sizeof left, "-%c", o->short_name);
        else
            n = snprintf(left, sizeof left, "    --%s", o->long_name);
        if (n > 0 && (size_t)n < sizeof left && o->value_name != NULL)
            (void)snprintf(left + n, sizeof left - (size_t)n,
                           o->value_name[0] == '[' ? "%s" : " %s", o->value_name);
        if (strlen(left) + 2 >= COLUMN)
            (void)fprintf(f, "  %s\n  %*s%s\n", left, COLUMN, "", o->help);
        else
            (void)fprintf(f, "  %-*s%s\n", COLUMN, left, o->help);
    }
}
