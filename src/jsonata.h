/*
 * jsonata.h: syntax check of JSONata expressions as Step Functions embeds them in strings
 * ("{% expression %}"). Not an evaluator: a tokenizer plus a precedence-climbing parser that
 * accepts the JSONata grammar and rejects what the JSONata parser rejects (unbalanced brackets,
 * unterminated strings, an operator without an operand, JSONPath filters, ...). No allocation.
 */
#ifndef ASLDOT_JSONATA_H
#define ASLDOT_JSONATA_H
#include <stddef.h>

/**
 * Checks the delimiters of s[0..len) (starts with "{%" followed by a space, ends with "%}",
 * no line break in the padding) and the syntax of the expression between them.
 * Returns 1 when valid; else 0 with a one-line lowercase reason in why[0..cap).
 */
int asldot_jsonata_check_template(const char *s, size_t len, char *why, size_t cap);

/** Checks a bare JSONata expression (no delimiters). Returns 1 when valid, else 0 and why. */
int asldot_jsonata_check(const char *s, size_t len, char *why, size_t cap);
#endif
