/*
 * model.c: reading the ASL model: name lookups, state type names and the public accessors.
 * The model itself is built by parse_machine.c, which also fills the name indexes used here
 * (scope->by_name, machine->by_name: states sorted by name, ties in document order). A scope
 * built by hand without an index is searched linearly.
 */
#include "model.h"

#include <string.h>

static const char *const type_names[] = {
    [ASLDOT_STATE_TASK] = "Task",         [ASLDOT_STATE_PASS] = "Pass",
    [ASLDOT_STATE_CHOICE] = "Choice",     [ASLDOT_STATE_WAIT] = "Wait",
    [ASLDOT_STATE_SUCCEED] = "Succeed",   [ASLDOT_STATE_FAIL] = "Fail",
    [ASLDOT_STATE_PARALLEL] = "Parallel", [ASLDOT_STATE_MAP] = "Map",
};

asldot_state_type asldot_state_type_parse(const char *s)
{
    if (s == NULL)
        return ASLDOT_STATE_UNKNOWN;
    for (size_t i = 0; i < sizeof type_names / sizeof type_names[0]; i++)
        if (strcmp(s, type_names[i]) == 0)
            return (asldot_state_type)i;
    return ASLDOT_STATE_UNKNOWN;
}

const char *asldot_state_type_name(asldot_state_type t)
{
    if ((unsigned)t < sizeof type_names / sizeof type_names[0])
        return type_names[t];
    return "Unknown";
}

/* The first entry of a sorted index whose name equals name (the earliest in document order). */
static asldot_state *index_find(asldot_state *const *index, size_t count, const char *name)
{
    size_t lo = 0, hi = count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(index[mid]->name, name) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < count && strcmp(index[lo]->name, name) == 0 ? index[lo] : NULL;
}

asldot_state *asldot_scope_find(const asldot_scope *s, const char *name)
{
    if (s == NULL || name == NULL || s->states == NULL)
        return NULL;
    if (s->by_name != NULL)
        return index_find(s->by_name, s->count, name);
    for (size_t i = 0; i < s->count; i++)
        if (s->states[i] != NULL && s->states[i]->name != NULL &&
            strcmp(s->states[i]->name, name) == 0)
            return s->states[i];
    return NULL;
}

asldot_state *asldot_machine_find(const asldot_machine *m, const char *name)
{
    if (m == NULL || name == NULL || m->states == NULL)
        return NULL;
    if (m->by_name != NULL)
        return index_find(m->by_name, m->state_count, name);
    for (size_t i = 0; i < m->state_count; i++)
        if (m->states[i] != NULL && m->states[i]->name != NULL &&
            strcmp(m->states[i]->name, name) == 0)
            return m->states[i];
    return NULL;
}

const char *asldot_machine_comment(const asldot_machine *m)
{
    return m != NULL ? m->comment : NULL;
}

const char *asldot_machine_start_at(const asldot_machine *m)
{
    return m != NULL && m->top != NULL ? m->top->start_at : NULL;
}

size_t asldot_machine_state_count(const asldot_machine *m)
{
    return m != NULL ? m->state_count : 0;
}
