/*
 * jsonpath.c: syntax of ASL paths and intrinsic functions.
 *
 * Paths follow the subset of Jayway JsonPath the ASL specification names: "$" (or "$$" for the
 * context object, or "$name" for a variable) followed by ".name", ".*", "..name", "[n]",
 * "['name']", "[a:b:c]", "[n,m]", "[*]", "[?(filter)]", "[(script)]" and a trailing function
 * such as ".length()". A Reference Path keeps only ".name", "['name']" and "[n]".
 * Intrinsic functions are parsed recursively (depth-bounded) and checked against a table of
 * arities and argument types.
 */
#include "jsonpath.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define MAX_CALL_DEPTH 32

typedef struct jp {
    const char *s;
    size_t n, i;
    char *why;
    size_t cap;
    int warned; /* a tolerated irregularity was described in why */
} jp;

static int fail(jp *p, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static int fail(jp *p, const char *fmt, ...)
{
    va_list ap;
    if (p->why != NULL && p->cap > 0) {
        va_start(ap, fmt);
        (void)vsnprintf(p->why, p->cap, fmt, ap);
        va_end(ap);
    }
    return 0;
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static int is_ident(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) || c == '_' ||
           (unsigned char)c >= 0x80;
}

/* Characters that may appear in a dot-notation member name. */
static int is_name_char(char c)
{
    if ((unsigned char)c <= 0x20 || c == 0x7f)
        return 0;
    return strchr(".[]()'\",", c) == NULL;
}

static void skip_ws(jp *p)
{
    while (p->i < p->n && is_space(p->s[p->i]))
        p->i++;
}

/* Skips a quoted string starting at p->i (a quote). */
static int skip_quoted(jp *p)
{
    char q = p->s[p->i++];
    while (p->i < p->n) {
        char c = p->s[p->i++];
        if (c == '\\') {
            if (p->i >= p->n)
                break;
            p->i++;
        } else if (c == q) {
            return 1;
        }
    }
    return fail(p, "unterminated string in path");
}

/* Skips "( ... )" starting at p->i, honouring nested brackets and strings. */
static int skip_parens(jp *p, int need_content)
{
    size_t depth = 0, start = p->i;
    while (p->i < p->n) {
        char c = p->s[p->i];
        if (c == '\'' || c == '"') {
            if (!skip_quoted(p))
                return 0;
            continue;
        }
        if (c == '(' || c == '[') {
            depth++;
        } else if (c == ')' || c == ']') {
            if (depth == 0)
                return fail(p, "unbalanced \"%c\" in path", c);
            depth--;
            if (depth == 0) {
                if (c != ')')
                    return fail(p, "unbalanced \"]\" in path");
                p->i++;
                if (need_content) {
                    size_t k = start + 1;
                    while (k < p->i - 1 && is_space(p->s[k]))
                        k++;
                    if (k >= p->i - 1)
                        return fail(p, "empty expression in path");
                }
                return 1;
            }
        }
        p->i++;
    }
    return fail(p, "unclosed \"(\" in path");
}

static int expect(jp *p, char c)
{
    skip_ws(p);
    if (p->i >= p->n)
        return fail(p, "expected \"%c\" at the end of the path", c);
    if (p->s[p->i] != c)
        return fail(p, "expected \"%c\" at offset %zu, found \"%c\"", c, p->i, p->s[p->i]);
    p->i++;
    return 1;
}

/* An index list or slice: int (, int)* or [int]:[int][:[int]] */
static int index_subscript(jp *p, unsigned flags)
{
    int items = 0, colons = 0, commas = 0;
    for (;;) {
        int have = 0;
        skip_ws(p);
        if (p->i < p->n && p->s[p->i] == '-')
            p->i++;
        while (p->i < p->n && is_digit(p->s[p->i])) {
            p->i++;
            have = 1;
        }
        if (!have && p->i > 0 && p->s[p->i - 1] == '-')
            return fail(p, "expected a digit after \"-\" in path");
        items += have;
        skip_ws(p);
        if (p->i >= p->n)
            return fail(p, "unclosed \"[\" in path");
        if (p->s[p->i] == ':') {
            if (commas)
                return fail(p, "invalid subscript in path");
            colons++;
            p->i++;
            continue;
        }
        if (p->s[p->i] == ',') {
            if (colons || !have)
                return fail(p, "invalid subscript in path");
            commas++;
            p->i++;
            continue;
        }
        if (p->s[p->i] != ']')
            return fail(p, "invalid character \"%c\" in a subscript", p->s[p->i]);
        if (commas && !have)
            return fail(p, "invalid subscript in path");
        break;
    }
    if (colons > 2)
        return fail(p, "a slice has at most three parts");
    if (items == 0 && colons == 0)
        return fail(p, "empty subscript \"[]\" in path");
    if ((flags & ASLDOT_JP_REFERENCE) && (colons || commas))
        return fail(p, "slices and index lists are not allowed in a reference path");
    p->i++; /* ']' */
    return 1;
}

static int bracket(jp *p, unsigned flags)
{
    int ref = (flags & ASLDOT_JP_REFERENCE) != 0;
    char c;
    p->i++; /* '[' */
    skip_ws(p);
    if (p->i >= p->n)
        return fail(p, "unclosed \"[\" in path");
    c = p->s[p->i];
    if (c == '*') {
        if (ref)
            return fail(p, "wildcards are not allowed in a reference path");
        p->i++;
        return expect(p, ']');
    }
    if (c == '?') {
        if (ref)
            return fail(p, "filters are not allowed in a reference path");
        p->i++;
        skip_ws(p);
        if (p->i >= p->n || p->s[p->i] != '(')
            return fail(p, "expected \"(\" after \"[?\" in path");
        if (!skip_parens(p, 1))
            return 0;
        return expect(p, ']');
    }
    if (c == '(') {
        if (ref)
            return fail(p, "expressions are not allowed in a reference path");
        if (!skip_parens(p, 1))
            return 0;
        return expect(p, ']');
    }
    if (c == '\'' || c == '"') {
        int names = 0;
        for (;;) {
            skip_ws(p);
            if (p->i >= p->n || (p->s[p->i] != '\'' && p->s[p->i] != '"'))
                return fail(p, "expected a quoted name in \"[...]\"");
            if (!skip_quoted(p))
                return 0;
            names++;
            skip_ws(p);
            if (p->i < p->n && p->s[p->i] == ',') {
                if (ref)
                    return fail(p, "name lists are not allowed in a reference path");
                p->i++;
                continue;
            }
            break;
        }
        return expect(p, ']');
    }
    if (is_digit(c) || c == '-' || c == ':')
        return index_subscript(p, flags);
    if (c == ']')
        return fail(p, "empty subscript \"[]\" in path");
    return fail(p, "invalid subscript starting with \"%c\" in path", c);
}

static int path_body(jp *p, unsigned flags)
{
    int ref = (flags & ASLDOT_JP_REFERENCE) != 0;
    while (p->i < p->n) {
        char c = p->s[p->i];
        if (c == '.') {
            size_t st;
            p->i++;
            if (p->i < p->n && p->s[p->i] == '.') {
                if (ref)
                    return fail(p, "\"..\" is not allowed in a reference path");
                p->i++;
                if (p->i < p->n && p->s[p->i] == '[')
                    continue;
            } else if (p->i < p->n && p->s[p->i] == '[') {
                continue; /* "$.[0]": Jayway reads ".[" as "[" */
            }
            if (p->i >= p->n)
                return fail(p, "path ends with \".\"");
            if (p->s[p->i] == '*') {
                if (ref)
                    return fail(p, "wildcards are not allowed in a reference path");
                p->i++;
                continue;
            }
            st = p->i;
            while (p->i < p->n && is_name_char(p->s[p->i]))
                p->i++;
            if (p->i == st) {
                if (is_space(p->s[p->i]))
                    return fail(p, "unexpected white space at offset %zu of the path", p->i);
                return fail(p, "expected a member name after \".\" at offset %zu", st);
            }
            if (p->i < p->n && p->s[p->i] == '(') {
                if (ref)
                    return fail(p, "functions are not allowed in a reference path");
                if (!skip_parens(p, 0))
                    return 0;
                if (p->i != p->n)
                    return fail(p, "a path function such as length() must come last");
            }
        } else if (c == '[') {
            if (!bracket(p, flags))
                return 0;
        } else if (is_space(c)) {
            return fail(p, "unexpected white space at offset %zu of the path", p->i);
        } else {
            return fail(p, "unexpected \"%c\" at offset %zu of the path", c, p->i);
        }
    }
    return 1;
}

static int path_check(jp *p, unsigned flags)
{
    const char *s = p->s;
    if (p->n == 0)
        return fail(p, "empty path");
    if (s[0] != '$')
        return fail(p, "a path must start with \"$\"");
    p->i = 1;
    if (p->n >= 2 && s[1] == '$') {
        if (!(flags & ASLDOT_JP_CONTEXT))
            return fail(p, "a context object path (\"$$\") is not allowed here");
        p->i = 2;
    } else if (p->n >= 2 && is_ident(s[1]) && !is_digit(s[1])) {
        if (!(flags & ASLDOT_JP_VARIABLE))
            return fail(p, "a variable is not allowed here");
        while (p->i < p->n && is_ident(s[p->i]))
            p->i++;
    }
    return path_body(p, flags);
}

/* ------------------------------------------------------------------ intrinsic functions */

enum { F_STRING_OK = 1 };

typedef struct fn_spec {
    const char *name;
    int min, max; /* max -1: unbounded */
    asldot_ivalue ret;
    asldot_ivalue args[3]; /* required kinds of the first arguments (ANY: no constraint) */
    unsigned flags;
} fn_spec;

static const fn_spec fns[] = {
    {"Format", 1, -1, ASLDOT_IV_STRING, {ASLDOT_IV_STRING}, F_STRING_OK},
    {"StringToJson", 1, 1, ASLDOT_IV_ANY, {ASLDOT_IV_STRING}, 0},
    {"JsonToString", 1, 1, ASLDOT_IV_STRING, {ASLDOT_IV_ANY}, F_STRING_OK},
    {"Array", 0, -1, ASLDOT_IV_ARRAY, {ASLDOT_IV_ANY}, 0},
    {"ArrayPartition", 2, 2, ASLDOT_IV_ARRAY, {ASLDOT_IV_ARRAY, ASLDOT_IV_NUMBER}, 0},
    {"ArrayContains", 2, 2, ASLDOT_IV_BOOL, {ASLDOT_IV_ARRAY, ASLDOT_IV_ANY}, 0},
    {"ArrayRange",
     3,
     3,
     ASLDOT_IV_ARRAY,
     {ASLDOT_IV_NUMBER, ASLDOT_IV_NUMBER, ASLDOT_IV_NUMBER},
     0},
    {"ArrayGetItem", 2, 2, ASLDOT_IV_ANY, {ASLDOT_IV_ARRAY, ASLDOT_IV_NUMBER}, F_STRING_OK},
    {"ArrayLength", 1, 1, ASLDOT_IV_NUMBER, {ASLDOT_IV_ARRAY}, 0},
    {"ArrayUnique", 1, 1, ASLDOT_IV_ARRAY, {ASLDOT_IV_ARRAY}, 0},
    {"Base64Encode", 1, 1, ASLDOT_IV_STRING, {ASLDOT_IV_STRING}, F_STRING_OK},
    {"Base64Decode", 1, 1, ASLDOT_IV_STRING, {ASLDOT_IV_STRING}, F_STRING_OK},
    {"Hash", 2, 2, ASLDOT_IV_STRING, {ASLDOT_IV_ANY, ASLDOT_IV_STRING}, F_STRING_OK},
    {"JsonMerge", 3, 3, ASLDOT_IV_OBJECT, {ASLDOT_IV_OBJECT, ASLDOT_IV_OBJECT, ASLDOT_IV_BOOL}, 0},
    {"MathRandom",
     2,
     3,
     ASLDOT_IV_NUMBER,
     {ASLDOT_IV_NUMBER, ASLDOT_IV_NUMBER, ASLDOT_IV_NUMBER},
     0},
    {"MathAdd", 2, 2, ASLDOT_IV_NUMBER, {ASLDOT_IV_NUMBER, ASLDOT_IV_NUMBER}, 0},
    {"StringSplit", 2, 2, ASLDOT_IV_ARRAY, {ASLDOT_IV_STRING, ASLDOT_IV_STRING}, 0},
    {"UUID", 0, 0, ASLDOT_IV_STRING, {ASLDOT_IV_ANY}, F_STRING_OK},
};

static const char *kind_name(asldot_ivalue k)
{
    switch (k) {
    case ASLDOT_IV_STRING:
        return "a string";
    case ASLDOT_IV_NUMBER:
        return "a number";
    case ASLDOT_IV_BOOL:
        return "a boolean";
    case ASLDOT_IV_NULL:
        return "null";
    case ASLDOT_IV_ARRAY:
        return "an array";
    case ASLDOT_IV_OBJECT:
        return "an object";
    case ASLDOT_IV_ANY:
        break;
    }
    return "any value";
}

/* What one parsed argument was. */
typedef struct arg_info {
    asldot_ivalue kind;
    int literal;     /* a literal (string, number, boolean, null) */
    int integer;     /* a number literal without fraction or exponent */
    int negative;    /* a number literal with a leading '-' */
    int zero;        /* a number literal whose digits are all zero */
    size_t holes;    /* string literal: unescaped "{}" placeholders */
    const char *str; /* string literal body (escapes unresolved) */
    size_t str_len;
    int bool_value;
} arg_info;

static int parse_call(jp *p, asldot_ivalue *type, unsigned depth);

static int parse_string_lit(jp *p, arg_info *a)
{
    size_t start;
    p->i++; /* opening quote */
    start = p->i;
    while (p->i < p->n) {
        char c = p->s[p->i];
        if (c == '\\') {
            char e;
            if (p->i + 1 >= p->n)
                return fail(p, "unterminated string literal in intrinsic function");
            e = p->s[p->i + 1];
            if (e != '\'' && e != '{' && e != '}' && e != '\\')
                return fail(p,
                            "illegal escape \"\\%c\" in an intrinsic function string "
                            "(only \\' \\{ \\} \\\\ are allowed)",
                            e);
            p->i += 2;
            continue;
        }
        if (c == '\'') {
            a->kind = ASLDOT_IV_STRING;
            a->literal = 1;
            a->str = p->s + start;
            a->str_len = p->i - start;
            p->i++;
            return 1;
        }
        if (c == '{' && p->i + 1 < p->n && p->s[p->i + 1] == '}') {
            a->holes++;
            p->i += 2;
            continue;
        }
        p->i++;
    }
    return fail(p, "unterminated string literal in intrinsic function");
}

static int parse_number_lit(jp *p, arg_info *a)
{
    size_t st = p->i;
    a->integer = 1;
    if (p->s[p->i] == '-') {
        a->negative = 1;
        p->i++;
    }
    if (p->i >= p->n || !is_digit(p->s[p->i]))
        return fail(p, "invalid number in intrinsic function");
    a->zero = 1;
    while (p->i < p->n && is_digit(p->s[p->i])) {
        if (p->s[p->i] != '0')
            a->zero = 0;
        p->i++;
    }
    if (p->i < p->n && p->s[p->i] == '.') {
        a->integer = 0;
        p->i++;
        if (p->i >= p->n || !is_digit(p->s[p->i]))
            return fail(p, "invalid number in intrinsic function");
        while (p->i < p->n && is_digit(p->s[p->i]))
            p->i++;
    }
    if (p->i < p->n && (p->s[p->i] == 'e' || p->s[p->i] == 'E')) {
        a->integer = 0;
        p->i++;
        if (p->i < p->n && (p->s[p->i] == '+' || p->s[p->i] == '-'))
            p->i++;
        if (p->i >= p->n || !is_digit(p->s[p->i]))
            return fail(p, "invalid number in intrinsic function");
        while (p->i < p->n && is_digit(p->s[p->i]))
            p->i++;
    }
    if (p->i < p->n && (is_ident(p->s[p->i]) || p->s[p->i] == '.'))
        return fail(p, "invalid number \"%.*s\" in intrinsic function", (int)(p->i - st + 1),
                    p->s + st);
    a->kind = ASLDOT_IV_NUMBER;
    a->literal = 1;
    return 1;
}

static int word_at(const jp *p, const char *w)
{
    size_t k = strlen(w);
    if (p->n - p->i < k || memcmp(p->s + p->i, w, k) != 0)
        return 0;
    return p->i + k == p->n || !is_ident(p->s[p->i + k]);
}

static int parse_path_arg(jp *p, arg_info *a)
{
    size_t st = p->i, depth = 0;
    jp sub = {0};
    while (p->i < p->n) {
        char c = p->s[p->i];
        if (c == '\'' || c == '"') {
            if (!skip_quoted(p))
                return 0;
            continue;
        }
        if (c == '[' || c == '(') {
            depth++;
        } else if (c == ']' || (c == ')' && depth > 0)) {
            if (depth > 0)
                depth--;
        } else if (depth == 0 && (c == ',' || c == ')' || is_space(c))) {
            break;
        }
        p->i++;
    }
    sub.s = p->s + st;
    sub.n = p->i - st;
    sub.i = 0;
    sub.why = p->why;
    sub.cap = p->cap;
    if (!path_check(&sub, ASLDOT_JP_CONTEXT | ASLDOT_JP_VARIABLE))
        return 0;
    a->kind = ASLDOT_IV_ANY;
    return 1;
}

static int parse_arg(jp *p, arg_info *a, unsigned depth)
{
    char c;
    memset(a, 0, sizeof *a);
    if (p->i >= p->n)
        return fail(p, "intrinsic function call is not closed");
    c = p->s[p->i];
    if (c == '\'')
        return parse_string_lit(p, a);
    if (c == '"')
        return fail(p, "string literals in intrinsic functions use single quotes");
    if (c == '-' || is_digit(c))
        return parse_number_lit(p, a);
    if (c == '$')
        return parse_path_arg(p, a);
    if (word_at(p, "true") || word_at(p, "false")) {
        a->kind = ASLDOT_IV_BOOL;
        a->literal = 1;
        a->bool_value = p->s[p->i] == 't';
        p->i += a->bool_value ? 4 : 5;
        return 1;
    }
    if (word_at(p, "null")) {
        a->kind = ASLDOT_IV_NULL;
        a->literal = 1;
        p->i += 4;
        return 1;
    }
    if (p->n - p->i >= 7 && memcmp(p->s + p->i, "States.", 7) == 0)
        return parse_call(p, &a->kind, depth + 1);
    return fail(p, "invalid intrinsic function argument starting with \"%c\"", c);
}

static int check_hash_algorithm(jp *p, const arg_info *a)
{
    static const char *const algs[] = {"MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512"};
    for (size_t k = 0; k < sizeof algs / sizeof algs[0]; k++)
        if (a->str_len == strlen(algs[k]) && memcmp(a->str, algs[k], a->str_len) == 0)
            return 1;
    return fail(p, "States.Hash algorithm must be one of MD5, SHA-1, SHA-256, SHA-384, SHA-512");
}

static int check_args(jp *p, const fn_spec *f, const arg_info *args, size_t argc, size_t seen)
{
    if ((int)seen < f->min || (f->max >= 0 && (int)seen > f->max)) {
        if (f->min == f->max)
            return fail(p, "States.%s takes %d argument%s, not %zu", f->name, f->min,
                        f->min == 1 ? "" : "s", seen);
        if (f->max < 0)
            return fail(p, "States.%s takes at least %d argument%s", f->name, f->min,
                        f->min == 1 ? "" : "s");
        return fail(p, "States.%s takes %d to %d arguments, not %zu", f->name, f->min, f->max,
                    seen);
    }
    for (size_t k = 0; k < argc && k < 3; k++) {
        asldot_ivalue want = f->args[k];
        if (want == ASLDOT_IV_ANY || (f->max < 0 && k > 0))
            continue;
        if (args[k].kind != ASLDOT_IV_ANY && args[k].kind != want)
            return fail(p, "argument %zu of States.%s must be %s, not %s", k + 1, f->name,
                        kind_name(want), kind_name(args[k].kind));
        if (want == ASLDOT_IV_NUMBER && args[k].literal && !args[k].integer &&
            strcmp(f->name, "MathAdd") != 0)
            return fail(p, "argument %zu of States.%s must be an integer", k + 1, f->name);
    }
    if (strcmp(f->name, "Format") == 0 && args[0].literal && args[0].holes != seen - 1)
        return fail(p, "States.Format template has %zu placeholder%s but %zu value%s follow",
                    args[0].holes, args[0].holes == 1 ? "" : "s", seen - 1,
                    seen - 1 == 1 ? "" : "s");
    if (strcmp(f->name, "Hash") == 0 && args[1].literal && !check_hash_algorithm(p, &args[1]))
        return 0;
    if (strcmp(f->name, "JsonMerge") == 0 && args[2].literal && args[2].bool_value)
        return fail(p, "States.JsonMerge supports only a shallow merge (third argument false)");
    if (strcmp(f->name, "ArrayPartition") == 0 && args[1].literal &&
        (args[1].negative || args[1].zero))
        return fail(p, "States.ArrayPartition chunk size must be positive");
    if (strcmp(f->name, "ArrayGetItem") == 0 && args[1].literal && args[1].negative)
        return fail(p, "States.ArrayGetItem index must not be negative");
    return 1;
}

static int parse_call(jp *p, asldot_ivalue *type, unsigned depth)
{
    size_t st, argc = 0, seen = 0;
    const fn_spec *f = NULL;
    arg_info args[3];
    memset(args, 0, sizeof args); /* check_args reads args[0..2] when f->min says they are set */
    if (depth > MAX_CALL_DEPTH)
        return fail(p, "intrinsic functions nested too deeply");
    if (p->n - p->i < 7 || memcmp(p->s + p->i, "States.", 7) != 0)
        return fail(p, "an intrinsic function starts with \"States.\"");
    p->i += 7;
    st = p->i;
    while (p->i < p->n && is_ident(p->s[p->i]))
        p->i++;
    if (p->i == st)
        return fail(p, "missing intrinsic function name after \"States.\"");
    for (size_t k = 0; k < sizeof fns / sizeof fns[0]; k++) {
        if (strlen(fns[k].name) == p->i - st && memcmp(fns[k].name, p->s + st, p->i - st) == 0) {
            f = &fns[k];
            break;
        }
    }
    if (f == NULL)
        return fail(p, "unknown intrinsic function \"States.%.*s\"", (int)(p->i - st), p->s + st);
    if (p->i >= p->n || p->s[p->i] != '(')
        return fail(p, "expected \"(\" right after \"States.%s\"", f->name);
    p->i++;
    skip_ws(p);
    if (p->i < p->n && p->s[p->i] == ')') {
        p->i++;
    } else {
        for (;;) {
            arg_info a;
            if (!parse_arg(p, &a, depth))
                return 0;
            if (argc < 3)
                args[argc++] = a;
            seen++;
            skip_ws(p);
            if (p->i >= p->n)
                return fail(p, "intrinsic function call States.%s is not closed", f->name);
            if (p->s[p->i] == ',') {
                p->i++;
                skip_ws(p);
                continue;
            }
            if (p->s[p->i] == ')') {
                p->i++;
                break;
            }
            if (is_space(p->s[p->i - 1]) && strchr("$'-0123456789Stfn", p->s[p->i]) != NULL) {
                /* "States.Format($.a $.b)": the language service accepts it, the runtime's
                 * grammar wants commas; tolerated with a warning */
                if (!p->warned) {
                    p->warned = 1;
                    (void)fail(p,
                               "arguments of States.%s are separated by white space instead of "
                               "\",\"",
                               f->name);
                }
                continue;
            }
            return fail(p, "expected \",\" or \")\" in States.%s, found \"%c\"", f->name,
                        p->s[p->i]);
        }
    }
    if (!check_args(p, f, args, argc, seen))
        return 0;
    if (type != NULL)
        *type = f->ret;
    return 1;
}

static const fn_spec *outer_fn(const char *s, size_t len)
{
    size_t e = 7;
    while (e < len && is_ident(s[e]))
        e++;
    for (size_t k = 0; k < sizeof fns / sizeof fns[0]; k++)
        if (strlen(fns[k].name) == e - 7 && memcmp(fns[k].name, s + 7, e - 7) == 0)
            return &fns[k];
    return NULL;
}

int asldot_intrinsic_like(const char *s, size_t len)
{
    return s != NULL && len >= 7 && memcmp(s, "States.", 7) == 0;
}

int asldot_intrinsic_check(const char *s, size_t len, asldot_ivalue *type, char *why, size_t cap)
{
    jp p = {s, len, 0, why, cap, 0};
    if (s == NULL)
        return fail(&p, "missing intrinsic function");
    if (!parse_call(&p, type, 0))
        return 0;
    if (p.i != p.n)
        return fail(&p, "unexpected text after the intrinsic function call");
    return p.warned ? 2 : 1;
}

int asldot_jsonpath_check(const char *s, size_t len, unsigned flags, char *why, size_t cap)
{
    jp p = {s, len, 0, why, cap, 0};
    int r;
    if (s == NULL)
        return fail(&p, "missing path");
    /* AWS ignores trailing white space after a path or a call; leading white space is an error */
    while (len > 0 && is_space(s[len - 1]))
        len--;
    p.n = len;
    if ((flags & ASLDOT_JP_INTRINSIC) && asldot_intrinsic_like(s, len)) {
        r = asldot_intrinsic_check(s, len, NULL, why, cap);
        if (r == 0)
            return 0;
        if (flags & ASLDOT_JP_STRING_FN) {
            const fn_spec *f = outer_fn(s, len);
            if (f != NULL && !(f->flags & F_STRING_OK))
                return fail(&p, "States.%s does not return a string", f->name);
        }
        return r;
    }
    if (!path_check(&p, flags)) {
        if ((flags & ASLDOT_JP_INTRINSIC) && len > 0 && s[0] != '$')
            return fail(&p, "not a path (\"$...\") or an intrinsic function (\"States....\")");
        return 0;
    }
    return 1;
}
