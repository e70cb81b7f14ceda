/*
 * describe.h: the words on the diagram. Turns model fields into short human text: what a state
 * does ("Lambda · Invoke", "wait 30s"), Choice conditions ("$.amount > 100"), retry and catch
 * summaries, Map/Parallel container captions. Pure functions over the model; no Graphviz here.
 * Multi-line results separate lines with '\n'. Text is plain UTF-8 (escaping is the backend's job).
 */
#ifndef ASLDOT_DESCRIBE_H
#define ASLDOT_DESCRIBE_H
#include "buf.h"
#include "model.h"

/** Condition labels longer than this many characters are trimmed with "…" (full text in tooltip).
 */
#define ASLDOT_CONDITION_MAX_CHARS 40

/**
 * Appends the subtitle lines of a non-container state: for a Task the service and action from
 * Resource plus the integration pattern ("Lambda · Invoke", "ECS · RunTask · run job",
 * "SQS · SendMessage · wait for callback", "Activity", "Lambda · my-function"); Wait its duration
 * or path; Fail its Error/Cause (or paths); Pass/Succeed/Choice their type; then, when present,
 * a line for Assign ("assigns $total, $count") and "JSONata" for a JSONata state.
 */
ASLDOT_MUST_CHECK asldot_status asldot_describe_state(asldot_buf *out, const asldot_state *s);
/** Appends "Service · Action[ · pattern]" for a Task Resource string (never fails on odd input). */
ASLDOT_MUST_CHECK asldot_status asldot_describe_resource(asldot_buf *out, const char *resource);
/**
 * Appends a readable form of one Choice rule's condition: `$.status == "APPROVED"`,
 * `$.amount > 100`, `$.x is present`, `not (...)`, `(... and ...)`, JSONata Condition as written.
 * max_chars == 0 means untrimmed; otherwise the result is cut to max_chars characters with "…".
 */
ASLDOT_MUST_CHECK asldot_status asldot_describe_condition(asldot_buf *out,
                                                          const asldot_doc_node *rule,
                                                          size_t max_chars);
/**
 * For the full condition texts of one Choice's rules (asldot_describe_condition with max_chars 0),
 * sets at[i] to the byte offset where texts[i] first differs from every sibling with another text
 * (the length of its longest common prefix with one; 0 without siblings). O(n log n) compares.
 * Returns ASLDOT_ERR_NOMEM; at[] must hold count entries.
 */
ASLDOT_MUST_CHECK asldot_status asldot_describe_sibling_offsets(const char *const *texts,
                                                                size_t count, size_t *at);
/**
 * Appends a Choice rule's label: text cut to max_chars characters with "…". When a cut from the
 * right would lose the character at byte `at` (where the rule differs from its siblings), the
 * beginning it shares with them goes instead, from the start of a word: `…status == "B"` (and,
 * when even the rest is too long, its end as well).
 */
ASLDOT_MUST_CHECK asldot_status asldot_describe_rule_label(asldot_buf *out, const char *text,
                                                           size_t at, size_t max_chars);
/** Appends one line per retrier: "↻ 3× Lambda.ServiceException, Lambda.AWSLambdaException". */
ASLDOT_MUST_CHECK asldot_status asldot_describe_retriers(asldot_buf *out, const asldot_state *s);
/** Appends the catcher's error names joined with ", " (trimmed to max_chars when non-zero). */
ASLDOT_MUST_CHECK asldot_status asldot_describe_catcher(asldot_buf *out, const asldot_catcher *c,
                                                        size_t max_chars);
/**
 * Appends the caption lines of a Parallel or Map (after its name): "Parallel · 3 branches";
 * "Map · inline" / "Map · distributed", "max concurrency 10", "items $.orders", and for a
 * Distributed Map its ItemReader, ItemBatcher, ResultWriter and tolerated failures.
 */
ASLDOT_MUST_CHECK asldot_status asldot_describe_container(asldot_buf *out, const asldot_state *s);
/** Appends the state's own definition as compact JSON, what its container draws inside it
 * ("States" of its branches or processor) summarised, for the viewer's details (state_json.c).
 * Bounded in depth and size (then it ends in "…" and is no longer JSON). */
ASLDOT_MUST_CHECK asldot_status asldot_describe_definition(asldot_buf *out, const asldot_state *s);
#endif
