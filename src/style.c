/*
 * style.c: style sheets are data. A style is a JSON object whose members are rules in cascade
 * order ("selector": {attribute: value}); a selector is an object type (graph, node, edge,
 * cluster) plus zero or more classes ("node.task", "cluster.status-failed"). Only whitelisted
 * attributes may be set, and every value is validated and normalised here, so nothing a style
 * says can make Graphviz read files, switch engines or inject links. The format is documented
 * in styles/README.md; the built-in styles are the JSON files of styles/, embedded by CMake.
 */
#include "alloc.h"
#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "doc.h"
#include "ir.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* The table written by cmake/embed_styles.cmake (NULL-terminated, in file-name order). */
struct asldot_builtin_style {
    const char *name;
    const char *data;
    size_t len;
};
extern const struct asldot_builtin_style asldot_builtin_styles[];

#define STYLE_MAX_RULES        4096u
#define STYLE_MAX_CLASSES      8u
#define STYLE_MAX_SELECTOR     128u
#define STYLE_MAX_VALUE        128u
#define STYLE_MAX_FONTNAME     64u
#define STYLE_MAX_GLYPH_BYTES  8u
#define STYLE_MAX_QUOTED_CHARS 40u

/* Object types a selector can name (bit flags so an attribute can allow several). */
enum { OBJ_GRAPH = 1u << 0, OBJ_NODE = 1u << 1, OBJ_EDGE = 1u << 2, OBJ_CLUSTER = 1u << 3 };

typedef enum value_kind {
    VAL_COLOR,  /* #rgb, #rrggbb, #rrggbbaa or a known colour name */
    VAL_NUMBER, /* a non-negative decimal within [min, max] */
    VAL_INT,    /* an integer within [min, max] */
    VAL_MARGIN, /* a number, or "x,y" numbers */
    VAL_ENUM,   /* one word of a fixed list */
    VAL_STYLE,  /* comma-separated words of the object type's style list */
    VAL_FONT,   /* letters, digits, spaces, hyphens */
    VAL_GLYPH   /* at most 8 bytes of printable UTF-8 */
} value_kind;

typedef struct attr_spec {
    const char *name;
    unsigned objects; /* OBJ_* that may set it */
    value_kind kind;
    double min, max;
    const char *const *words; /* VAL_ENUM */
} attr_spec;

static const char *const shape_words[] = {
    "box",       "rect",         "rectangle",     "square",        "roundedbox",
    "ellipse",   "oval",         "circle",        "doublecircle",  "point",
    "egg",       "triangle",     "invtriangle",   "diamond",       "pentagon",
    "hexagon",   "septagon",     "octagon",       "doubleoctagon", "tripleoctagon",
    "trapezium", "invtrapezium", "parallelogram", "house",         "invhouse",
    "note",      "tab",          "folder",        "box3d",         "component",
    "cylinder",  "Mdiamond",     "Msquare",       "Mcircle",       "cds",
    "star",      "underline",    "plaintext",     "plain",         "none",
    "larrow",    "rarrow",       "lpromoter",     "rpromoter",     NULL};

static const char *const splines_words[] = {"spline", "true",  "false", "line", "polyline",
                                            "curved", "ortho", "none",  NULL};

static const char *const arrow_words[] = {"normal",  "inv",      "dot",      "invdot", "odot",
                                          "invodot", "none",     "tee",      "empty",  "invempty",
                                          "diamond", "odiamond", "ediamond", "crow",   "box",
                                          "obox",    "open",     "halfopen", "vee",    NULL};

static const char *const node_style_words[] = {"solid",  "dashed",    "dotted", "bold", "rounded",
                                               "filled", "diagonals", "invis",  NULL};
static const char *const edge_style_words[] = {"solid", "dashed",  "dotted", "bold",
                                               "invis", "tapered", NULL};
static const char *const cluster_style_words[] = {"solid",   "dashed", "dotted", "bold",
                                                  "rounded", "filled", "invis",  NULL};

static const char *const color_names[] = {
    "black",     "white",       "gray",        "grey",      "lightgray", "lightgrey", "darkgray",
    "darkgrey",  "dimgray",     "silver",      "red",       "darkred",   "firebrick", "crimson",
    "maroon",    "orange",      "darkorange",  "gold",      "yellow",    "khaki",     "green",
    "darkgreen", "forestgreen", "seagreen",    "limegreen", "olive",     "teal",      "cyan",
    "darkcyan",  "turquoise",   "blue",        "navy",      "royalblue", "steelblue", "dodgerblue",
    "skyblue",   "lightblue",   "purple",      "indigo",    "violet",    "magenta",   "orchid",
    "pink",      "salmon",      "coral",       "brown",     "chocolate", "tan",       "beige",
    "ivory",     "lavender",    "transparent", NULL};

#define N OBJ_NODE
#define E OBJ_EDGE
#define C OBJ_CLUSTER
#define G OBJ_GRAPH
/* The whitelist: nothing else can ever reach Graphviz from a style. Order = output order. */
static const attr_spec attr_specs[] = {
    {"bgcolor", G | C, VAL_COLOR, 0, 0, NULL},
    {"shape", N, VAL_ENUM, 0, 0, shape_words},
    {"style", N | E | C, VAL_STYLE, 0, 0, NULL},
    {"color", N | E | C, VAL_COLOR, 0, 0, NULL},
    {"pencolor", C, VAL_COLOR, 0, 0, NULL},
    {"fillcolor", N | C, VAL_COLOR, 0, 0, NULL},
    {"penwidth", N | E | C, VAL_NUMBER, 0, 10, NULL},
    {"peripheries", N, VAL_INT, 0, 4, NULL},
    {"width", N, VAL_NUMBER, 0, 20, NULL},
    {"height", N, VAL_NUMBER, 0, 20, NULL},
    {"margin", N, VAL_MARGIN, 0, 5, NULL},
    {"fontname", G | N | E | C, VAL_FONT, 0, 0, NULL},
    {"fontsize", G | N | E | C, VAL_NUMBER, 4, 72, NULL},
    {"fontcolor", G | N | E | C, VAL_COLOR, 0, 0, NULL},
    {"arrowhead", E, VAL_ENUM, 0, 0, arrow_words},
    {"arrowtail", E, VAL_ENUM, 0, 0, arrow_words},
    {"arrowsize", E, VAL_NUMBER, 0.1, 4, NULL},
    {"nodesep", G, VAL_NUMBER, 0.02, 10, NULL},
    {"ranksep", G, VAL_NUMBER, 0.02, 10, NULL},
    {"pad", G, VAL_NUMBER, 0, 10, NULL},
    {"splines", G, VAL_ENUM, 0, 0, splines_words},
    /* pseudo-attributes read by gv_backend.c to build labels */
    {"glyph", N | C, VAL_GLYPH, 0, 0, NULL},
    {"detailcolor", G | N | C, VAL_COLOR, 0, 0, NULL},
    {"detailsize", G | N | C, VAL_NUMBER, 4, 72, NULL},
    {"notecolor", N | C, VAL_COLOR, 0, 0, NULL},
    {"notesize", N | C, VAL_NUMBER, 4, 72, NULL},
};
#undef N
#undef E
#undef C
#undef G

#define ATTR_COUNT (sizeof attr_specs / sizeof attr_specs[0])

typedef struct style_decl {
    unsigned attr;     /* index in attr_specs */
    const char *value; /* normalised, arena-owned */
} style_decl;

typedef struct style_rule {
    unsigned object;      /* one OBJ_* */
    const char **classes; /* every class must be present */
    size_t class_count;
    style_decl *decls;
    size_t decl_count;
} style_rule;

struct asldot_style {
    asldot_arena *arena;
    style_rule *rules;
    size_t rule_count;
};

/* ---------------------------------------------------------------- helpers */

/* Writes a short printable rendering of s (for messages: one line, bounded length). */
static const char *quote_for_message(char *out, size_t cap, const char *s, size_t len)
{
    size_t o = 0, chars = 0;
    for (size_t i = 0; i < len && o + 5 < cap; i++) {
        unsigned char c = (unsigned char)s[i];
        if (chars == STYLE_MAX_QUOTED_CHARS) {
            memcpy(out + o, "...", 3);
            o += 3;
            break;
        }
        if (c < 0x20 || c == 0x7f || c == '"' || c == '\\')
            out[o++] = '?';
        else
            out[o++] = (char)c;
        if ((c & 0xc0) != 0x80)
            chars++;
    }
    out[o] = '\0';
    return out;
}

static int word_in(const char *s, size_t len, const char *const *words)
{
    for (size_t i = 0; words[i] != NULL; i++)
        if (strlen(words[i]) == len && memcmp(words[i], s, len) == 0)
            return 1;
    return 0;
}

static int is_hex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Colour: writes the normalised form (lowercase, #rgb expanded) to out; returns 1 if valid. */
static int parse_color(const char *s, size_t len, char *out, size_t cap)
{
    if (len == 0 || len + 1 > cap)
        return 0;
    if (s[0] == '#') {
        size_t o = 0;
        for (size_t i = 1; i < len; i++)
            if (!is_hex(s[i]))
                return 0;
        out[o++] = '#';
        if (len == 4) {
            if (cap < 8)
                return 0;
            for (size_t i = 1; i < 4; i++) {
                out[o++] = lower(s[i]);
                out[o++] = lower(s[i]);
            }
        } else if (len == 7 || len == 9) {
            for (size_t i = 1; i < len; i++)
                out[o++] = lower(s[i]);
        } else {
            return 0;
        }
        out[o] = '\0';
        return 1;
    }
    for (size_t i = 0; i < len; i++)
        out[i] = lower(s[i]);
    out[len] = '\0';
    return word_in(out, len, color_names);
}

/* Parses a plain decimal ("12", "0.5", ".5"): no sign, no exponent. Returns 1 if valid. */
static int parse_decimal(const char *s, size_t len, double *out)
{
    double v = 0, scale = 1;
    size_t i = 0, digits = 0;
    while (i < len && s[i] >= '0' && s[i] <= '9') {
        v = v * 10 + (s[i++] - '0');
        digits++;
    }
    if (i < len && s[i] == '.') {
        i++;
        while (i < len && s[i] >= '0' && s[i] <= '9') {
            scale /= 10;
            v += (s[i++] - '0') * scale;
            digits++;
        }
    }
    if (digits == 0 || i != len || digits > 12)
        return 0;
    *out = v;
    return 1;
}

/* Formats v without exponent or trailing zeros ("1.5", "12", "0.05"). */
static void format_number(char *out, size_t cap, double v)
{
    size_t n;
    snprintf(out, cap, "%.4f", v);
    n = strlen(out);
    while (n > 0 && out[n - 1] == '0')
        out[--n] = '\0';
    if (n > 0 && out[n - 1] == '.')
        out[--n] = '\0';
    /* a locale with a decimal comma must not leak into Graphviz attributes */
    for (size_t i = 0; i < n; i++)
        if (out[i] == ',')
            out[i] = '.';
}

/* Checks UTF-8 (no overlongs, surrogates or code points past U+10FFFF) and printability. */
static int glyph_ok(const unsigned char *s, size_t len)
{
    size_t i = 0;
    if (len > STYLE_MAX_GLYPH_BYTES)
        return 0;
    while (i < len) {
        unsigned c = s[i], cp, need;
        if (c < 0x80) {
            if (c < 0x20 || c == 0x7f || c == '<' || c == '>' || c == '&' || c == '"' || c == '\\')
                return 0;
            i++;
            continue;
        }
        if (c >= 0xc2 && c <= 0xdf) {
            need = 1;
            cp = c & 0x1f;
        } else if (c >= 0xe0 && c <= 0xef) {
            need = 2;
            cp = c & 0x0f;
        } else if (c >= 0xf0 && c <= 0xf4) {
            need = 3;
            cp = c & 0x07;
        } else {
            return 0;
        }
        if (len - i <= need)
            return 0;
        for (unsigned k = 1; k <= need; k++) {
            if ((s[i + k] & 0xc0) != 0x80)
                return 0;
            cp = (cp << 6) | (s[i + k] & 0x3f);
        }
        if ((need == 2 && cp < 0x800) || (need == 3 && (cp < 0x10000 || cp > 0x10ffff)) ||
            (cp >= 0xd800 && cp <= 0xdfff) || (cp >= 0x80 && cp <= 0x9f) || cp == 0x2028 ||
            cp == 0x2029)
            return 0;
        i += need + 1;
    }
    return 1;
}

/* ---------------------------------------------------------------- parsing */

typedef struct parse_ctx {
    asldot_style *style;
    asldot_diagnostics *diags;
    size_t errors;
} parse_ctx;

static asldot_status report(parse_ctx *cx, const char *code, const asldot_doc_node *n, int at_key,
                            const char *msg)
{
    cx->errors++;
    return asldot_doc_diag(cx->diags, ASLDOT_SEV_ERROR, code, n, at_key, "%s", msg);
}

static const char *object_name(unsigned obj)
{
    switch (obj) {
    case OBJ_GRAPH:
        return "graph";
    case OBJ_NODE:
        return "node";
    case OBJ_EDGE:
        return "edge";
    default:
        return "cluster";
    }
}

static int class_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

/* Parses "type(.class)*" into rule; returns ASLDOT_OK, or ASLDOT_ERR_INVALID after a report. */
static asldot_status parse_selector(parse_ctx *cx, const asldot_doc_node *member, style_rule *rule)
{
    static const struct {
        const char *name;
        unsigned obj;
    } types[] = {
        {"graph", OBJ_GRAPH}, {"node", OBJ_NODE}, {"edge", OBJ_EDGE}, {"cluster", OBJ_CLUSTER}};
    const char *sel = member->key;
    size_t len = member->key_len, tlen = 0, ncls = 0;
    char q[STYLE_MAX_QUOTED_CHARS * 4 + 8], msg[512];
    asldot_status st;

    quote_for_message(q, sizeof q, sel, len);
    while (tlen < len && sel[tlen] != '.')
        tlen++;
    rule->object = 0;
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (strlen(types[i].name) == tlen && memcmp(types[i].name, sel, tlen) == 0)
            rule->object = types[i].obj;
    if (rule->object == 0 || len > STYLE_MAX_SELECTOR) {
        snprintf(msg, sizeof msg,
                 "selector \"%s\" must start with \"graph\", \"node\", \"edge\" or \"cluster\"", q);
        st = report(cx, "style-selector", member, 1, msg);
        return st == ASLDOT_OK ? ASLDOT_ERR_INVALID : st;
    }
    for (size_t i = tlen; i < len; i++)
        ncls += sel[i] == '.';
    if (ncls > 0 && rule->object == OBJ_GRAPH) {
        snprintf(msg, sizeof msg, "selector \"%s\": the graph has no classes", q);
        st = report(cx, "style-selector", member, 1, msg);
        return st == ASLDOT_OK ? ASLDOT_ERR_INVALID : st;
    }
    if (ncls > STYLE_MAX_CLASSES) {
        snprintf(msg, sizeof msg, "selector \"%s\" has more than %u classes", q, STYLE_MAX_CLASSES);
        st = report(cx, "style-selector", member, 1, msg);
        return st == ASLDOT_OK ? ASLDOT_ERR_INVALID : st;
    }
    rule->classes = asldot_arena_array(cx->style->arena, ncls ? ncls : 1, sizeof(char *));
    if (rule->classes == NULL)
        return ASLDOT_ERR_NOMEM;
    rule->class_count = 0;
    for (size_t i = tlen; i < len;) {
        size_t start = ++i; /* skip the dot */
        int ok;
        while (i < len && sel[i] != '.')
            i++;
        ok = i > start;
        for (size_t k = start; ok && k < i; k++)
            ok = class_char(sel[k]);
        if (!ok) {
            snprintf(msg, sizeof msg,
                     "selector \"%s\": a class is one or more of a-z, 0-9, \"-\", \"_\"", q);
            st = report(cx, "style-selector", member, 1, msg);
            return st == ASLDOT_OK ? ASLDOT_ERR_INVALID : st;
        }
        rule->classes[rule->class_count] =
            asldot_arena_strndup(cx->style->arena, sel + start, i - start);
        if (rule->classes[rule->class_count] == NULL)
            return ASLDOT_ERR_NOMEM;
        rule->class_count++;
    }
    return ASLDOT_OK;
}

static int attr_lookup(const char *name, size_t len)
{
    for (size_t i = 0; i < ATTR_COUNT; i++)
        if (strlen(attr_specs[i].name) == len && memcmp(attr_specs[i].name, name, len) == 0)
            return (int)i;
    return -1;
}

static const char *const *style_words_for(unsigned obj)
{
    return obj == OBJ_EDGE      ? edge_style_words
           : obj == OBJ_CLUSTER ? cluster_style_words
                                : node_style_words;
}

/* Validates and normalises one value into out; on failure writes what was expected. */
static int check_value(const attr_spec *a, unsigned obj, const asldot_doc_node *v, char *out,
                       size_t cap, const char **expected)
{
    const char *s;
    size_t len;
    double num;

    if (v->kind == ASLDOT_DOC_NUMBER) {
        *expected = "a number in range";
        if (a->kind != VAL_NUMBER && a->kind != VAL_INT && a->kind != VAL_MARGIN) {
            *expected = "a string";
            return 0;
        }
        num = v->num;
        if (!isfinite(num) || num < a->min || num > a->max)
            return 0;
        if (a->kind == VAL_INT && floor(num) != num)
            return 0;
        format_number(out, cap, num);
        return 1;
    }
    if (v->kind != ASLDOT_DOC_STRING) {
        *expected = "a string or a number";
        return 0;
    }
    s = v->str;
    len = v->str_len;
    if (len >= STYLE_MAX_VALUE || len + 1 > cap || memchr(s, '\0', len) != NULL) {
        *expected = "a short value";
        return 0;
    }
    switch (a->kind) {
    case VAL_COLOR:
        *expected = "a colour: #rgb, #rrggbb, #rrggbbaa or a colour name";
        return parse_color(s, len, out, cap);
    case VAL_NUMBER:
    case VAL_INT:
        *expected = a->kind == VAL_INT ? "an integer in range" : "a number in range";
        if (!parse_decimal(s, len, &num) || num < a->min || num > a->max)
            return 0;
        if (a->kind == VAL_INT && floor(num) != num)
            return 0;
        format_number(out, cap, num);
        return 1;
    case VAL_MARGIN: {
        const char *comma = memchr(s, ',', len);
        double y;
        char tmp[32];
        *expected = "a number or \"x,y\" numbers in range";
        if (comma == NULL) {
            if (!parse_decimal(s, len, &num) || num < a->min || num > a->max)
                return 0;
            format_number(out, cap, num);
            return 1;
        }
        if (!parse_decimal(s, (size_t)(comma - s), &num) ||
            !parse_decimal(comma + 1, len - (size_t)(comma - s) - 1, &y) || num < a->min ||
            num > a->max || y < a->min || y > a->max)
            return 0;
        {
            char tx[32];
            format_number(tx, sizeof tx, num);
            format_number(tmp, sizeof tmp, y);
            return snprintf(out, cap, "%s,%s", tx, tmp) < (int)cap;
        }
    }
    case VAL_ENUM:
        *expected = "one of the documented words";
        if (!word_in(s, len, a->words))
            return 0;
        memcpy(out, s, len);
        out[len] = '\0';
        return 1;
    case VAL_STYLE: {
        const char *const *words = style_words_for(obj);
        size_t i = 0;
        *expected = "comma-separated style words (solid, dashed, dotted, bold, ...)";
        if (len == 0)
            return 0;
        while (i <= len) {
            size_t start = i;
            while (i < len && s[i] != ',')
                i++;
            if (i == start || !word_in(s + start, i - start, words))
                return 0;
            i++;
        }
        memcpy(out, s, len);
        out[len] = '\0';
        return 1;
    }
    case VAL_FONT:
        *expected = "a font name of letters, digits, spaces and hyphens";
        if (len == 0 || len > STYLE_MAX_FONTNAME)
            return 0;
        for (size_t i = 0; i < len; i++) {
            char c = s[i];
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == ' ' || c == '-'))
                return 0;
        }
        memcpy(out, s, len);
        out[len] = '\0';
        return 1;
    case VAL_GLYPH:
        *expected = "at most 8 bytes of printable UTF-8 without markup characters";
        if (!glyph_ok((const unsigned char *)s, len))
            return 0;
        memcpy(out, s, len);
        out[len] = '\0';
        return 1;
    }
    return 0;
}

static int is_comment_key(const asldot_doc_node *n)
{
    return n->key_len == 8 && memcmp(n->key, "$comment", 8) == 0;
}

static asldot_status parse_rule(parse_ctx *cx, const asldot_doc_node *member)
{
    style_rule *rule = &cx->style->rules[cx->style->rule_count];
    char q[STYLE_MAX_QUOTED_CHARS * 4 + 8], qa[STYLE_MAX_QUOTED_CHARS * 4 + 8], msg[1024];
    char value[STYLE_MAX_VALUE + 16];
    asldot_status st;

    st = parse_selector(cx, member, rule);
    if (st != ASLDOT_OK)
        return st == ASLDOT_ERR_INVALID ? ASLDOT_OK : st;
    quote_for_message(q, sizeof q, member->key, member->key_len);
    if (member->kind != ASLDOT_DOC_OBJECT) {
        snprintf(msg, sizeof msg, "rule \"%s\" must be an object of attributes, not %s", q,
                 asldot_doc_kind_name(member->kind));
        return report(cx, "style-rule", member, 0, msg);
    }
    rule->decls =
        asldot_arena_array(cx->style->arena, member->count ? member->count : 1, sizeof(style_decl));
    if (rule->decls == NULL)
        return ASLDOT_ERR_NOMEM;
    for (size_t i = 0; i < member->count; i++) {
        const asldot_doc_node *d = member->items[i];
        const char *expected = "";
        int a;
        if (is_comment_key(d))
            continue;
        quote_for_message(qa, sizeof qa, d->key, d->key_len);
        a = attr_lookup(d->key, d->key_len);
        if (a < 0 || !(attr_specs[a].objects & rule->object) ||
            memchr(d->key, '\0', d->key_len) != NULL) {
            snprintf(msg, sizeof msg, "selector \"%s\" cannot set attribute \"%s\"%s", q, qa,
                     a < 0 ? " (not in the whitelist)" : "");
            if (a >= 0)
                snprintf(msg, sizeof msg, "selector \"%s\" cannot set attribute \"%s\" on a %s", q,
                         qa, object_name(rule->object));
            st = report(cx, "style-attribute", d, 1, msg);
            if (st != ASLDOT_OK)
                return st;
            continue;
        }
        if (!check_value(&attr_specs[a], rule->object, d, value, sizeof value, &expected)) {
            char qv[STYLE_MAX_QUOTED_CHARS * 4 + 8];
            if (d->kind == ASLDOT_DOC_STRING || d->kind == ASLDOT_DOC_NUMBER)
                quote_for_message(qv, sizeof qv, d->str ? d->str : "", d->str ? d->str_len : 0);
            else
                snprintf(qv, sizeof qv, "%s", asldot_doc_kind_name(d->kind));
            if (strstr(expected, "in range") != NULL) { /* say which range */
                char lo[32], hi[32];
                format_number(lo, sizeof lo, attr_specs[a].min);
                format_number(hi, sizeof hi, attr_specs[a].max);
                snprintf(msg, sizeof msg,
                         "selector \"%s\": invalid value \"%s\" for \"%s\": expected %s %s to %s",
                         q, qv, qa, expected, lo, hi);
            } else {
                snprintf(msg, sizeof msg,
                         "selector \"%s\": invalid value \"%s\" for \"%s\": expected %s", q, qv, qa,
                         expected);
            }
            st = report(cx, "style-value", d, 0, msg);
            if (st != ASLDOT_OK)
                return st;
            continue;
        }
        rule->decls[rule->decl_count].attr = (unsigned)a;
        rule->decls[rule->decl_count].value = asldot_arena_strdup(cx->style->arena, value);
        if (rule->decls[rule->decl_count].value == NULL)
            return ASLDOT_ERR_NOMEM;
        rule->decl_count++;
    }
    cx->style->rule_count++;
    return ASLDOT_OK;
}

void asldot_style_free(asldot_style *s)
{
    if (s == NULL)
        return;
    asldot_arena_free(s->arena);
    asldot_free(s);
}

asldot_status asldot_style_parse(asldot_style **out, const char *data, size_t len,
                                 asldot_diagnostics *diags)
{
    asldot_diagnostics *own = NULL, *d = diags;
    asldot_doc *doc = NULL;
    asldot_style *s = NULL;
    asldot_options opts;
    parse_ctx cx;
    size_t errors_before;
    asldot_status st;

    if (out == NULL)
        return ASLDOT_ERR_ARGS;
    *out = NULL;
    if (data == NULL && len != 0)
        return ASLDOT_ERR_ARGS;
    if (d == NULL) {
        /* errors must be counted even when the caller does not collect them */
        st = asldot_diagnostics_new(&own);
        if (st != ASLDOT_OK)
            return st;
        d = own;
    }
    errors_before = asldot_diagnostics_error_count(d);
    asldot_options_init(&opts);
    opts.input_format = ASLDOT_INPUT_JSON;
    st = asldot_doc_parse(&doc, data ? data : "", len, &opts, d);
    if (st != ASLDOT_OK)
        goto done;
    memset(&cx, 0, sizeof cx);
    cx.diags = d;
    if (doc->root == NULL || doc->root->kind != ASLDOT_DOC_OBJECT) {
        st = report(&cx, "style-invalid", doc->root, 0,
                    "a style must be an object of \"selector\": {attributes} rules");
        st = st == ASLDOT_OK ? ASLDOT_ERR_INVALID : st;
        goto done;
    }
    if (doc->root->count > STYLE_MAX_RULES) {
        st = asldot_doc_diag(d, ASLDOT_SEV_ERROR, "style-limit", doc->root, 0,
                             "a style holds at most %u rules", STYLE_MAX_RULES);
        st = st != ASLDOT_OK ? st : ASLDOT_ERR_LIMIT;
        goto done;
    }
    s = asldot_calloc(1, sizeof *s);
    if (s == NULL || (s->arena = asldot_arena_new()) == NULL) {
        st = ASLDOT_ERR_NOMEM;
        goto done;
    }
    s->rules =
        asldot_arena_array(s->arena, doc->root->count ? doc->root->count : 1, sizeof(style_rule));
    if (s->rules == NULL) {
        st = ASLDOT_ERR_NOMEM;
        goto done;
    }
    cx.style = s;
    for (size_t i = 0; i < doc->root->count; i++) {
        const asldot_doc_node *m = doc->root->items[i];
        if (is_comment_key(m))
            continue;
        st = parse_rule(&cx, m);
        if (st != ASLDOT_OK)
            goto done;
    }
    if (cx.errors > 0 || asldot_diagnostics_error_count(d) > errors_before) {
        st = ASLDOT_ERR_INVALID;
        goto done;
    }
    *out = s;
    s = NULL;
done:
    asldot_style_free(s);
    asldot_doc_free(doc);
    asldot_diagnostics_free(own);
    return st;
}

/* ---------------------------------------------------------------- built-in styles */

const char *asldot_style_builtin_name(size_t i)
{
    for (size_t k = 0; asldot_builtin_styles[k].name != NULL; k++)
        if (k == i)
            return asldot_builtin_styles[k].name;
    return NULL;
}

asldot_status asldot_style_builtin(asldot_style **out, const char *name, asldot_diagnostics *diags)
{
    asldot_buf known = ASLDOT_BUF_INIT;
    char q[STYLE_MAX_QUOTED_CHARS * 4 + 8];
    asldot_status st;

    if (out == NULL)
        return ASLDOT_ERR_ARGS;
    *out = NULL;
    if (name == NULL)
        return ASLDOT_ERR_ARGS;
    for (size_t k = 0; asldot_builtin_styles[k].name != NULL; k++)
        if (strcmp(asldot_builtin_styles[k].name, name) == 0)
            return asldot_style_parse(out, asldot_builtin_styles[k].data,
                                      asldot_builtin_styles[k].len, diags);
    for (size_t k = 0; asldot_builtin_styles[k].name != NULL; k++) {
        st = asldot_buf_printf(&known, "%s%s", k ? ", " : "", asldot_builtin_styles[k].name);
        if (st != ASLDOT_OK) {
            asldot_buf_free(&known);
            return st;
        }
    }
    st = asldot_diag_add(diags, ASLDOT_SEV_ERROR, "style-unknown", NULL, 0, 0,
                         "unknown style \"%s\" (built-in styles: %s)",
                         quote_for_message(q, sizeof q, name, strlen(name)),
                         asldot_buf_cstr(&known));
    asldot_buf_free(&known);
    return st == ASLDOT_OK ? ASLDOT_ERR_UNSUPPORTED : st;
}

/* ---------------------------------------------------------------- applying */

static int rule_matches(const style_rule *r, unsigned obj, const char *classes)
{
    if (r->object != obj)
        return 0;
    for (size_t i = 0; i < r->class_count; i++)
        if (!asldot_ir_has_class(classes ? classes : "", r->classes[i]))
            return 0;
    return 1;
}

/* Cascades every matching rule into vals (later wins), then sets the winners in whitelist order. */
static asldot_status apply_to(asldot_graph *g, const asldot_style *s, unsigned obj,
                              const char *classes, asldot_ir_attrs *attrs)
{
    const char *vals[ATTR_COUNT];
    memset(vals, 0, sizeof vals);
    for (size_t r = 0; r < s->rule_count; r++) {
        const style_rule *rule = &s->rules[r];
        if (!rule_matches(rule, obj, classes))
            continue;
        for (size_t d = 0; d < rule->decl_count; d++)
            vals[rule->decls[d].attr] = rule->decls[d].value;
    }
    for (size_t a = 0; a < ATTR_COUNT; a++) {
        asldot_status st;
        if (vals[a] == NULL)
            continue;
        st = asldot_ir_set_attr(g, attrs, attr_specs[a].name, vals[a]);
        if (st != ASLDOT_OK)
            return st;
    }
    return ASLDOT_OK;
}

static asldot_status limit_diag(asldot_diagnostics *diags, asldot_status st)
{
    if (st == ASLDOT_ERR_LIMIT &&
        asldot_diag_add(diags, ASLDOT_SEV_ERROR, "style-limit", NULL, 0, 0,
                        "an object has more than %d drawing attributes",
                        ASLDOT_IR_MAX_ATTRS) != ASLDOT_OK)
        return ASLDOT_ERR_NOMEM;
    return st;
}

asldot_status asldot_graph_apply_style(asldot_graph *g, const asldot_style *s,
                                       asldot_diagnostics *diags)
{
    asldot_status st;
    if (g == NULL || s == NULL)
        return ASLDOT_ERR_ARGS;
    st = apply_to(g, s, OBJ_GRAPH, "", &g->attrs);
    for (size_t i = 0; st == ASLDOT_OK && i < g->cluster_count; i++)
        st = apply_to(g, s, OBJ_CLUSTER, g->clusters[i]->classes, &g->clusters[i]->attrs);
    for (size_t i = 0; st == ASLDOT_OK && i < g->node_count; i++) {
        asldot_ir_node *n = g->nodes[i];
        if (n->kind == ASLDOT_IR_ANCHOR) /* invisible structure: the backend draws it */
            continue;
        st = apply_to(g, s, OBJ_NODE, n->classes, &n->attrs);
    }
    for (size_t i = 0; st == ASLDOT_OK && i < g->edge_count; i++) {
        asldot_ir_edge *e = g->edges[i];
        if (e->kind == ASLDOT_IR_EDGE_LAYOUT)
            continue;
        st = apply_to(g, s, OBJ_EDGE, e->classes, &e->attrs);
    }
    return limit_diag(diags, st);
}
