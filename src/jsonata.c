/*
 * jsonata.c: JSONata syntax check (see jsonata.h). The grammar and binding powers follow the
 * JSONata language documentation (docs.jsonata.org): path steps ".", predicates "[...]",
 * group-by "{...}", function calls and partial application "f(?, x)", lambdas
 * "function($x){...}" with optional signatures, blocks "(a; b)", array and object
 * constructors, ranges "[1..5]", ternaries "a ? b : c", sort "^(<x)", focus/index binding
 * "@$v" / "#$i", transforms "| loc | update |", regular expressions "/re/i", comments.
 * Recursion is bounded by MAX_DEPTH, so hostile input fails cleanly.
 */
#include "jsonata.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define MAX_DEPTH 200

enum { T_EOF, T_NUM, T_STR, T_NAME, T_VAR, T_REGEX, T_OP };

typedef struct tok {
    int t;
    const char *s; /* source text of the token */
    size_t n;
    size_t off;
} tok;

typedef struct jx {
    const char *s;
    size_t n, i;
    tok cur;
    int prev_operand; /* the previous token ends an operand: "/" is division, not a regex */
    unsigned depth;
    int failed;
    char *why;
    size_t cap;
} jx;

static int fail(jx *x, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static int fail(jx *x, const char *fmt, ...)
{
    va_list ap;
    if (x->failed)
        return 0;
    x->failed = 1;
    if (x->why != NULL && x->cap > 0) {
        va_start(ap, fmt);
        (void)vsnprintf(x->why, x->cap, fmt, ap);
        va_end(ap);
    }
    return 0;
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static int is_op_char(char c)
{
    return c != '\0' && strchr(".[]{}(),@#;:?+-*/%|=<>^&!~\"'`$", c) != NULL;
}

static int is_name_char(char c)
{
    return !is_space(c) && !is_op_char(c);
}

static const char *const two_char_ops[] = {"..", ":=", "!=", "<=", ">=", "~>", "**", "??", "?:"};

static int tok_is(const tok *t, const char *op)
{
    size_t k = strlen(op);
    return (t->t == T_OP || t->t == T_NAME) && t->n == k && memcmp(t->s, op, k) == 0;
}

static int op_is(const tok *t, const char *op)
{
    return t->t == T_OP && tok_is(t, op);
}

/* Reads the next token into x->cur. */
static int next(jx *x)
{
    tok *t = &x->cur;
    const char *s = x->s;
    size_t n = x->n;
    for (;;) {
        while (x->i < n && is_space(s[x->i]))
            x->i++;
        if (x->i + 1 < n && s[x->i] == '/' && s[x->i + 1] == '*') {
            size_t k = x->i + 2;
            while (k + 1 < n && !(s[k] == '*' && s[k + 1] == '/'))
                k++;
            if (k + 1 >= n)
                return fail(x, "unterminated comment");
            x->i = k + 2;
            continue;
        }
        break;
    }
    t->off = x->i;
    t->s = s + x->i;
    t->n = 0;
    if (x->i >= n) {
        t->t = T_EOF;
        return 1;
    }
    {
        char c = s[x->i];
        size_t st = x->i;
        if (c == '"' || c == '\'' || c == '`') {
            x->i++;
            while (x->i < n && s[x->i] != c) {
                if (s[x->i] == '\\' && c != '`')
                    x->i++;
                x->i++;
            }
            if (x->i >= n)
                return fail(x, c == '`' ? "unterminated `name`" : "unterminated string literal");
            x->i++;
            t->t = c == '`' ? T_NAME : T_STR;
        } else if (c == '/' && !x->prev_operand) {
            int in_class = 0;
            x->i++;
            while (x->i < n) {
                char d = s[x->i];
                if (d == '\\') {
                    x->i += 2;
                    continue;
                }
                if (d == '[')
                    in_class = 1;
                else if (d == ']')
                    in_class = 0;
                else if (d == '/' && !in_class)
                    break;
                x->i++;
            }
            if (x->i >= n)
                return fail(x, "unterminated regular expression");
            if (x->i == st + 1)
                return fail(x, "empty regular expression");
            x->i++;
            while (x->i < n && (s[x->i] == 'i' || s[x->i] == 'm'))
                x->i++;
            t->t = T_REGEX;
        } else if (is_digit(c)) {
            if (c == '0')
                x->i++;
            else
                while (x->i < n && is_digit(s[x->i]))
                    x->i++;
            if (x->i + 1 < n && s[x->i] == '.' && is_digit(s[x->i + 1])) {
                x->i++;
                while (x->i < n && is_digit(s[x->i]))
                    x->i++;
            }
            if (x->i < n && (s[x->i] == 'e' || s[x->i] == 'E')) {
                size_t k = x->i + 1;
                if (k < n && (s[k] == '+' || s[k] == '-'))
                    k++;
                if (k < n && is_digit(s[k])) {
                    while (k < n && is_digit(s[k]))
                        k++;
                    x->i = k;
                }
            }
            t->t = T_NUM;
        } else if (c == '$') {
            x->i++;
            if (x->i < n && s[x->i] == '$')
                x->i++;
            while (x->i < n && is_name_char(s[x->i]))
                x->i++;
            t->t = T_VAR;
        } else if (is_op_char(c)) {
            t->t = T_OP;
            x->i++;
            for (size_t k = 0; k < sizeof two_char_ops / sizeof two_char_ops[0]; k++) {
                if (st + 1 < n && s[st] == two_char_ops[k][0] && s[st + 1] == two_char_ops[k][1]) {
                    x->i = st + 2;
                    break;
                }
            }
        } else {
            while (x->i < n && is_name_char(s[x->i]))
                x->i++;
            t->t = T_NAME;
        }
        t->n = x->i - st;
    }
    x->prev_operand = t->t == T_NUM || t->t == T_STR || t->t == T_NAME || t->t == T_VAR ||
                      t->t == T_REGEX || op_is(t, ")") || op_is(t, "]") || op_is(t, "}") ||
                      op_is(t, "*") || op_is(t, "%") || op_is(t, "**");
    if (t->t == T_NAME && (tok_is(t, "and") || tok_is(t, "or") || tok_is(t, "in")))
        x->prev_operand = 0;
    return 1;
}

static int describe_fail(jx *x, const char *what)
{
    if (x->cur.t == T_EOF)
        return fail(x, "expression ends where %s was expected", what);
    return fail(x, "unexpected \"%.*s\" at offset %zu (expected %s)",
                (int)(x->cur.n > 20 ? 20 : x->cur.n), x->cur.s, x->cur.off, what);
}

static int expect_op(jx *x, const char *op)
{
    if (!op_is(&x->cur, op)) {
        char what[16];
        (void)snprintf(what, sizeof what, "\"%s\"", op);
        return describe_fail(x, what);
    }
    return next(x);
}

static int lbp(const tok *t)
{
    static const struct {
        const char *op;
        int bp;
    } table[] = {{".", 75},  {"[", 80},  {"{", 70},  {"(", 80},  {"@", 80},  {"#", 80},
                 {"?", 20},  {"+", 50},  {"-", 50},  {"*", 60},  {"/", 60},  {"%", 60},
                 {"=", 40},  {"<", 40},  {">", 40},  {"^", 40},  {"&", 50},  {":=", 10},
                 {"!=", 40}, {"<=", 40}, {">=", 40}, {"~>", 40}, {"?:", 40}, {"??", 40}};
    if (t->t == T_NAME) {
        if (tok_is(t, "and"))
            return 30;
        if (tok_is(t, "or"))
            return 25;
        if (tok_is(t, "in"))
            return 40;
        return 0;
    }
    if (t->t != T_OP)
        return 0;
    for (size_t k = 0; k < sizeof table / sizeof table[0]; k++)
        if (op_is(t, table[k].op))
            return table[k].bp;
    return 0;
}

static int expression(jx *x, int rbp);

static int lambda_rest(jx *x)
{
    if (!expect_op(x, "("))
        return 0;
    if (!op_is(&x->cur, ")")) {
        for (;;) {
            if (x->cur.t != T_VAR)
                return describe_fail(x, "a parameter ($name)");
            if (!next(x))
                return 0;
            if (op_is(&x->cur, ",")) {
                if (!next(x))
                    return 0;
                continue;
            }
            break;
        }
    }
    if (!expect_op(x, ")"))
        return 0;
    if (op_is(&x->cur, "<")) {
        /* a signature such as <n-n:n>: skip the raw text to the matching '>' */
        size_t k = x->cur.off + 1, depth = 1;
        while (k < x->n && depth > 0) {
            if (x->s[k] == '<')
                depth++;
            else if (x->s[k] == '>')
                depth--;
            k++;
        }
        if (depth != 0)
            return fail(x, "unterminated function signature");
        x->i = k;
        x->prev_operand = 0;
        if (!next(x))
            return 0;
    }
    if (!expect_op(x, "{"))
        return 0;
    if (!expression(x, 0))
        return 0;
    return expect_op(x, "}");
}

static int nud(jx *x)
{
    tok t = x->cur;
    if (t.t == T_EOF)
        return fail(x, "expression ends where an operand was expected");
    if (!next(x))
        return 0;
    switch (t.t) {
    case T_NUM:
    case T_STR:
    case T_VAR:
    case T_REGEX:
        return 1;
    case T_NAME:
        if (tok_is(&t, "function"))
            return op_is(&x->cur, "(") ? lambda_rest(x) : 1;
        if (t.n == 2 && (unsigned char)t.s[0] == 0xCE && (unsigned char)t.s[1] == 0xBB)
            return lambda_rest(x); /* λ */
        return 1;
    default:
        break;
    }
    if (tok_is(&t, "-"))
        return expression(x, 70);
    if (tok_is(&t, "*") || tok_is(&t, "**") || tok_is(&t, "%"))
        return 1;
    if (tok_is(&t, "(")) {
        while (!op_is(&x->cur, ")")) {
            if (!expression(x, 0))
                return 0;
            if (!op_is(&x->cur, ";"))
                break;
            if (!next(x))
                return 0;
        }
        return expect_op(x, ")");
    }
    if (tok_is(&t, "[")) {
        if (!op_is(&x->cur, "]")) {
            for (;;) {
                if (!expression(x, 0))
                    return 0;
                if (op_is(&x->cur, "..")) {
                    if (!next(x) || !expression(x, 0))
                        return 0;
                }
                if (!op_is(&x->cur, ","))
                    break;
                if (!next(x))
                    return 0;
            }
        }
        return expect_op(x, "]");
    }
    if (tok_is(&t, "{")) {
        if (!op_is(&x->cur, "}")) {
            for (;;) {
                if (!expression(x, 0) || !expect_op(x, ":") || !expression(x, 0))
                    return 0;
                if (!op_is(&x->cur, ","))
                    break;
                if (!next(x))
                    return 0;
            }
        }
        return expect_op(x, "}");
    }
    if (tok_is(&t, "|")) {
        if (!expression(x, 0) || !expect_op(x, "|") || !expression(x, 0))
            return 0;
        if (op_is(&x->cur, ",")) {
            if (!next(x) || !expression(x, 0))
                return 0;
        }
        return expect_op(x, "|");
    }
    return fail(x, "unexpected \"%.*s\" at offset %zu", (int)t.n, t.s, t.off);
}

static int led(jx *x, const tok *t)
{
    if (tok_is(t, "[")) {
        if (op_is(&x->cur, "]"))
            return next(x);
        if (!expression(x, 0))
            return 0;
        return expect_op(x, "]");
    }
    if (tok_is(t, "(")) {
        if (!op_is(&x->cur, ")")) {
            for (;;) {
                if (op_is(&x->cur, "?")) { /* partial application placeholder */
                    if (!next(x))
                        return 0;
                    if (!op_is(&x->cur, ",") && !op_is(&x->cur, ")"))
                        return describe_fail(x, "\",\" or \")\" after \"?\"");
                } else if (!expression(x, 0)) {
                    return 0;
                }
                if (!op_is(&x->cur, ","))
                    break;
                if (!next(x))
                    return 0;
            }
        }
        return expect_op(x, ")");
    }
    if (tok_is(t, "{")) {
        if (!op_is(&x->cur, "}")) {
            for (;;) {
                if (!expression(x, 0) || !expect_op(x, ":") || !expression(x, 0))
                    return 0;
                if (!op_is(&x->cur, ","))
                    break;
                if (!next(x))
                    return 0;
            }
        }
        return expect_op(x, "}");
    }
    if (tok_is(t, "?")) {
        if (!expression(x, 0))
            return 0;
        if (op_is(&x->cur, ":")) {
            if (!next(x))
                return 0;
            return expression(x, 0);
        }
        return 1;
    }
    if (tok_is(t, "@") || tok_is(t, "#")) {
        if (x->cur.t != T_VAR)
            return describe_fail(x, "a variable after \"@\" or \"#\"");
        return next(x);
    }
    if (tok_is(t, ":="))
        return expression(x, 9);
    if (tok_is(t, "^")) {
        if (!expect_op(x, "("))
            return 0;
        for (;;) {
            if (op_is(&x->cur, "<") || op_is(&x->cur, ">")) {
                if (!next(x))
                    return 0;
            }
            if (!expression(x, 0))
                return 0;
            if (!op_is(&x->cur, ","))
                break;
            if (!next(x))
                return 0;
        }
        return expect_op(x, ")");
    }
    /* every other binary operator */
    return expression(x, lbp(t));
}

static int expression(jx *x, int rbp)
{
    int ok = 1;
    if (++x->depth > MAX_DEPTH) {
        x->depth--;
        return fail(x, "expression nested too deeply");
    }
    if (!nud(x))
        ok = 0;
    while (ok && rbp < lbp(&x->cur)) {
        tok t = x->cur;
        if (!next(x) || !led(x, &t))
            ok = 0;
    }
    x->depth--;
    return ok;
}

int asldot_jsonata_check(const char *s, size_t len, char *why, size_t cap)
{
    jx x;
    memset(&x, 0, sizeof x);
    x.s = s;
    x.n = s != NULL ? len : 0;
    x.why = why;
    x.cap = cap;
    if (!next(&x))
        return 0;
    if (x.cur.t == T_EOF)
        return fail(&x, "empty JSONata expression");
    if (!expression(&x, 0))
        return 0;
    if (x.cur.t != T_EOF)
        return fail(&x, "unexpected \"%.*s\" at offset %zu after a complete expression",
                    (int)(x.cur.n > 20 ? 20 : x.cur.n), x.cur.s, x.cur.off);
    return 1;
}

static int has_break(const char *s, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (s[k] == '\n' || s[k] == '\r')
            return 1;
    return 0;
}

int asldot_jsonata_check_template(const char *s, size_t len, char *why, size_t cap)
{
    jx x;
    size_t a, b;
    memset(&x, 0, sizeof x);
    x.why = why;
    x.cap = cap;
    if (s == NULL || len < 2 || s[0] != '{' || s[1] != '%')
        return fail(&x, "a JSONata expression must start with \"{%%\"");
    if (len < 4 || s[len - 2] != '%' || s[len - 1] != '}')
        return fail(&x, "a JSONata expression must end with \"%%}\"");
    a = 2;
    b = len - 2;
    while (a < b && is_space(s[a]))
        a++;
    while (b > a && is_space(s[b - 1]))
        b--;
    if (a == b)
        return fail(&x, "empty JSONata expression");
    if (s[2] != ' ')
        return fail(&x, "\"{%%\" must be followed by a space");
    if (has_break(s + 2, a - 2))
        return fail(&x, "line break between \"{%%\" and the expression");
    if (has_break(s + b, len - 2 - b))
        return fail(&x, "line break between the expression and \"%%}\"");
    return asldot_jsonata_check(s + a, b - a, why, cap);
}
