/*
 * machines.c: what every command does before it has a machine: read the file as a source
 * (asldot_source_parse, with --input-kind, --substitute and --substitutions), pick the machines
 * that --machine names, and "asl-dot list", which prints them.
 */
#include "args.h"
#include "cli.h"
#include "io.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cli_input_option(cli_input *in, const char *name, const char *v)
{
    if (strcmp(name, "input-kind") == 0) {
        if (asldot_source_kind_from_name(&in->kind, v) != ASLDOT_OK)
            return cli_usage_error("unknown --input-kind '%s' (auto, asl, cloudformation, "
                                   "serverless, terraform, terraform-json or aws-cli)",
                                   v);
    } else if (strcmp(name, "machine") == 0) {
        in->machine = v;
    } else if (strcmp(name, "substitute") == 0) {
        const char *eq = strchr(v, '=');
        if (eq == NULL || eq == v)
            return cli_usage_error("invalid --substitute '%s' (KEY=VALUE)", v);
        in->subs[in->n_subs++] = v;
    } else if (strcmp(name, "substitutions") == 0) {
        int e;
        free(in->map);
        in->map = NULL;
        e = cli_read_file(v, ASLDOT_DEFAULT_MAX_INPUT_BYTES + 1, &in->map, &in->map_len);
        if (e != 0) {
            cli_error("cannot read '%s': %s", v, strerror(e));
            return CLI_EXIT_IO;
        }
        if (in->map_len > ASLDOT_DEFAULT_MAX_INPUT_BYTES)
            return cli_usage_error("the substitutions file '%s' is too large", v);
    }
    return CLI_EXIT_OK;
}

int cli_input_init(cli_input *in, int argc)
{
    memset(in, 0, sizeof *in);
    in->subs = calloc((size_t)argc + 1, sizeof *in->subs);
    if (in->subs == NULL) {
        cli_error("out of memory");
        return CLI_EXIT_IO;
    }
    return CLI_EXIT_OK;
}

void cli_input_free(cli_input *in)
{
    free((void *)in->subs);
    free(in->map);
    memset(in, 0, sizeof *in);
}

int cli_source_parse(const cli_input *in, const char *path, const char *data, size_t len,
                     const asldot_options *opts, asldot_source **out, asldot_diagnostics *d)
{
    static const cli_input none = {ASLDOT_SOURCE_AUTO, NULL, NULL, 0, NULL, 0};
    asldot_source_options so;
    asldot_status st;
    if (in == NULL)
        in = &none;
    asldot_source_options_init(&so);
    so.kind = in->kind;
    so.path = path != NULL && strcmp(path, "-") != 0 ? path : NULL;
    so.substitutions = in->subs;
    so.substitution_count = in->n_subs;
    so.substitution_map = in->map;
    so.substitution_map_len = in->map_len;
    st = asldot_source_parse(out, data, len, &so, opts, d);
    if (st == ASLDOT_OK)
        return CLI_EXIT_OK;
    if (asldot_diagnostics_count(d) == 0)
        cli_error("%s: %s", cli_display_name(path), asldot_status_string(st));
    return *out != NULL ? CLI_EXIT_INVALID : cli_exit_for_input_status(st);
}

/* "a, b and c" of the machines' ids, for a message. */
static void print_ids(const asldot_source *src)
{
    size_t n = asldot_source_count(src);
    for (size_t i = 0; i < n; i++)
        (void)fprintf(stderr, "%s%s",
                      i == 0       ? ""
                      : i + 1 == n ? " and "
                                   : ", ",
                      asldot_source_get(src, i)->id);
}

int cli_source_pick(const asldot_source *src, const char *path, const char *machine, int many_ok,
                    size_t *first, size_t *count)
{
    size_t n = asldot_source_count(src);
    *first = 0;
    *count = 0;
    if (machine != NULL) {
        if (asldot_source_find(src, machine, first) != ASLDOT_OK) {
            cli_error("%s: no state machine '%s' in this file", cli_display_name(path), machine);
            if (n > 0) {
                (void)fputs("asl-dot: it holds ", stderr);
                print_ids(src);
                (void)fputc('\n', stderr);
            }
            return CLI_EXIT_USAGE;
        }
        *count = 1;
        return CLI_EXIT_OK;
    }
    if (n > 1 && !many_ok) {
        cli_error("%s holds %zu state machines: choose one with --machine ID, or draw them all "
                  "with -o DIR/",
                  cli_display_name(path), n);
        (void)fputs("asl-dot: they are ", stderr);
        print_ids(src);
        (void)fputc('\n', stderr);
        return CLI_EXIT_USAGE;
    }
    *count = n;
    return CLI_EXIT_OK;
}

/* ---------------------------------------------------------------- asl-dot list */

enum { LS_FORMAT = 1, LS_KIND, LS_SUB, LS_SUBS, LS_MAX_BYTES, LS_HELP };

static const cli_option list_options[] = {
    {LS_FORMAT, "format", 0, "FMT", "text (default: tab-separated) or json"},
    {LS_KIND, "input-kind", 0, "KIND",
     "auto (default), asl, cloudformation, serverless, terraform, "
     "terraform-json or aws-cli"},
    {LS_SUB, "substitute", 0, "KEY=VALUE", "fill ${KEY} (repeatable)"},
    {LS_SUBS, "substitutions", 0, "FILE", "fill ${KEY}s from a JSON/YAML mapping"},
    {LS_MAX_BYTES, "max-bytes", 0, "N", "largest input accepted (default 8M; K M G)"},
    {LS_HELP, "help", 'h', NULL, "show this help and exit"},
    {0, NULL, 0, NULL, NULL},
};

/* Tabs and line breaks in a field would break the columns. */
static void put_field(FILE *f, const char *s)
{
    for (; s && *s; s++)
        (void)fputc(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s, f);
}

static int list_one(const char *path, int json, const cli_input *in, size_t max, size_t *written)
{
    asldot_diagnostics *d = NULL;
    asldot_source *src = NULL;
    asldot_options o;
    char *data = NULL;
    size_t len = 0;
    int rc, e;

    if (asldot_diagnostics_new(&d) != ASLDOT_OK) {
        cli_error("out of memory");
        return CLI_EXIT_IO;
    }
    e = cli_read_file(path, max + 1, &data, &len);
    if (e != 0) {
        cli_error("cannot read '%s': %s", cli_display_name(path), strerror(e));
        asldot_diagnostics_free(d);
        return CLI_EXIT_IO;
    }
    asldot_options_init(&o);
    o.max_input_bytes = max;
    o.input_format = cli_input_format(path);
    rc = cli_source_parse(in, path, data, len, &o, &src, d);
    for (size_t i = 0; i < asldot_source_count(src); i++) {
        const asldot_source_machine *m = asldot_source_get(src, i);
        asldot_machine *mm = NULL;
        long states = -1;
        if (m->unresolved == NULL) {
            asldot_status st = asldot_source_load(&mm, src, i, &o, NULL);
            (void)st; /* an invalid machine may still be built and counted: mm decides */
        }
        if (mm != NULL)
            states = (long)asldot_machine_state_count(mm);
        asldot_machine_free(mm);
        if (json) {
            (void)fputs((*written)++ ? ",\n    {\"file\": " : "\n    {\"file\": ", stdout);
            cli_put_json_string(stdout, cli_display_name(path));
            (void)fputs(", \"id\": ", stdout);
            cli_put_json_string(stdout, m->id);
            (void)fputs(", \"kind\": ", stdout);
            cli_put_json_string(stdout, m->kind);
            if (states >= 0)
                (void)printf(", \"states\": %ld", states);
            else
                (void)fputs(", \"states\": null", stdout);
            if (m->name != NULL) {
                (void)fputs(", \"name\": ", stdout);
                cli_put_json_string(stdout, m->name);
            }
            (void)fputs(", \"source\": ", stdout);
            cli_put_json_string(stdout, m->origin);
            (void)fputs(", \"definition_file\": ", stdout);
            cli_put_json_string(stdout, m->file);
            (void)printf(", \"line\": %u", m->line);
            if (m->unresolved != NULL) {
                (void)fputs(", \"resolvable\": false, \"reason\": ", stdout);
                cli_put_json_string(stdout, m->unresolved);
            }
            (void)fputc('}', stdout);
        } else {
            put_field(stdout, cli_display_name(path));
            (void)fputc('\t', stdout);
            put_field(stdout, m->id);
            (void)fputc('\t', stdout);
            put_field(stdout, m->kind);
            if (states >= 0)
                (void)printf("\t%ld", states);
            else
                (void)fputs("\t-", stdout);
            if (m->unresolved != NULL) {
                (void)fputs("\t(", stdout);
                put_field(stdout, m->unresolved);
                (void)fputc(')', stdout);
            }
            (void)fputc('\n', stdout);
        }
    }
    cli_print_diagnostics(d, path, 0);
    asldot_source_free(src);
    asldot_diagnostics_free(d);
    free(data);
    return rc;
}

int cli_list_main(int argc, char **argv)
{
    cli_parser p;
    const cli_option *opt;
    const char *value;
    cli_arg_kind kind;
    cli_input in;
    const char **files = calloc((size_t)argc + 1, sizeof *files);
    size_t nfiles = 0, written = 0, max = ASLDOT_DEFAULT_MAX_INPUT_BYTES;
    int json = 0, rc = cli_input_init(&in, argc);

    if (files == NULL || rc != CLI_EXIT_OK) {
        free((void *)files);
        cli_input_free(&in);
        return CLI_EXIT_IO;
    }
    cli_parser_init(&p, list_options, argc, argv, 1);
    while (rc == CLI_EXIT_OK && (kind = cli_parser_next(&p, &opt, &value)) != CLI_ARG_END) {
        if (kind == CLI_ARG_ERROR)
            rc = cli_usage_error("%s", p.message);
        else if (kind == CLI_ARG_OPERAND)
            files[nfiles++] = value;
        else if (opt->id == LS_FORMAT && strcmp(value, "json") == 0)
            json = 1;
        else if (opt->id == LS_FORMAT && strcmp(value, "text") != 0)
            rc = cli_usage_error("unknown --format '%s' (text or json)", value);
        else if (opt->id == LS_MAX_BYTES && cli_parse_size(value, &max) != 0)
            rc = cli_usage_error("invalid --max-bytes '%s'", value);
        else if (opt->id == LS_HELP) {
            (void)fputs("usage: asl-dot list [OPTION]... FILE...|-\n"
                        "Prints one line per state machine found: file, id, kind of source,\n"
                        "number of states (tab-separated; '-' and the reason when the\n"
                        "definition is not in the files). A bare definition has the id '-'.\n"
                        "\noptions:\n",
                        stdout);
            cli_options_help(stdout, list_options);
            nfiles = 0;
            goto done;
        } else if (opt->long_name != NULL && opt->id != LS_FORMAT && opt->id != LS_MAX_BYTES)
            rc = cli_input_option(&in, opt->long_name, value);
    }
    if (rc == CLI_EXIT_OK && nfiles == 0)
        rc = cli_usage_error("no input file (use '-' for standard input)");
    if (rc == CLI_EXIT_OK) {
        if (json)
            (void)fputs("{\"machines\": [", stdout);
        for (size_t i = 0; i < nfiles; i++)
            rc = cli_worst_exit(rc, list_one(files[i], json, &in, max, &written));
        if (json)
            (void)fputs(written ? "\n]}\n" : "]}\n", stdout);
    }
done:
    free((void *)files);
    cli_input_free(&in);
    return rc;
}
