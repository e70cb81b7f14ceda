/*
 * jsonpath.h: syntax checks for the JSONPath flavour of the Amazon States Language (Paths,
 * Reference Paths, context paths "$$", variables "$name") and for intrinsic functions
 * ("States.Format(...)", ...), parsed with their arity and argument types. Pure functions over
 * (s, len); no allocation.
 */
#ifndef ASLDOT_JSONPATH_H
#define ASLDOT_JSONPATH_H
#include <stddef.h>

#define ASLDOT_JP_CONTEXT   (1u << 0) /* "$$..." allowed */
#define ASLDOT_JP_VARIABLE  (1u << 1) /* "$name..." allowed */
#define ASLDOT_JP_REFERENCE (1u << 2) /* a Reference Path: no "..", "*", filters, lists, slices */
#define ASLDOT_JP_INTRINSIC (1u << 3) /* an intrinsic function call is also accepted */
#define ASLDOT_JP_STRING_FN (1u << 4) /* with INTRINSIC: the function must return a string */

/** Return types of intrinsic functions (and argument kinds). */
typedef enum asldot_ivalue {
    ASLDOT_IV_ANY = 0, /* a path, or a function whose result type is not fixed */
    ASLDOT_IV_STRING,
    ASLDOT_IV_NUMBER,
    ASLDOT_IV_BOOL,
    ASLDOT_IV_NULL,
    ASLDOT_IV_ARRAY,
    ASLDOT_IV_OBJECT
} asldot_ivalue;

/**
 * Checks s[0..len) as a path under flags (and, with ASLDOT_JP_INTRINSIC, as an intrinsic
 * function call). Returns 1 when valid; 2 when valid but irregular (why describes it, e.g.
 * intrinsic arguments separated by white space instead of commas); else 0 with a one-line
 * lowercase reason in why[0..cap).
 */
int asldot_jsonpath_check(const char *s, size_t len, unsigned flags, char *why, size_t cap);

/** Returns 1 when s[0..len) starts like an intrinsic function call ("States."). */
int asldot_intrinsic_like(const char *s, size_t len);

/**
 * Parses s[0..len) as one intrinsic function call (nothing before or after). Returns 1 when
 * valid (2 when valid but irregular, as above) and sets *type to its result type (may be
 * NULL); else 0 with a reason in why.
 */
int asldot_intrinsic_check(const char *s, size_t len, asldot_ivalue *type, char *why, size_t cap);
#endif
