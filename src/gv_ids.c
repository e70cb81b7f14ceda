/*
 * gv_ids.c: object ids in creation order for cgraph (see gv_ids.h). Each graph gets a table,
 * made by the discipline's open and freed by its close (from agclose): a hash from (kind, name)
 * to id for lookups, and the name of every id for agnameof. The names themselves are the graph's
 * interned strings (agstrdup), which cgraph requires of anything agnameof returns. Anonymous
 * objects (our edges) get the next id and no name.
 */
#include "gv_ids.h"
#include "alloc.h"
#include "gv_compat.h"

#include <cgraph.h>
#include <stdint.h>
#include <string.h>

typedef struct id_slot {
    const char *name; /* the graph's interned string; NULL marks an empty slot */
    IDTYPE id;
    int kind;
} id_slot;

typedef struct id_table {
    Agraph_t *root; /* names are interned in its string dictionary (agstrdup), as cgraph's own
                       discipline does: agwrite looks at the header agstrdup puts before each */
    id_slot *slots; /* open addressing, at most half full */
    size_t nslots, used;
    const char **names; /* names[id]: NULL for an anonymous object */
    size_t names_cap;
    IDTYPE next;
    int failed; /* an id was declined for lack of memory (asldot_gv_ids_failed) */
} id_table;

/* Edges are one kind whichever end names them. */
static int kind_of(int objtype)
{
    return objtype == AGINEDGE ? AGOUTEDGE : objtype;
}

static size_t hash(int kind, const char *s)
{
    uint64_t h = 1469598103934665603ULL ^ (uint64_t)kind;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return (size_t)h;
}

static id_slot *slot_for(id_slot *slots, size_t nslots, int kind, const char *name)
{
    size_t i = hash(kind, name) & (nslots - 1);
    while (slots[i].name != NULL && (slots[i].kind != kind || strcmp(slots[i].name, name) != 0))
        i = (i + 1) & (nslots - 1);
    return &slots[i];
}

static int rehash(id_table *t)
{
    size_t n = t->nslots ? t->nslots * 2 : 64;
    id_slot *slots = asldot_calloc(n, sizeof *slots);
    if (slots == NULL)
        return -1;
    for (size_t i = 0; i < t->nslots; i++)
        if (t->slots[i].name != NULL)
            *slot_for(slots, n, t->slots[i].kind, t->slots[i].name) = t->slots[i];
    asldot_free(t->slots);
    t->slots = slots;
    t->nslots = n;
    return 0;
}

/* Hands out the next id, recording its name (NULL for anonymous). Returns 0 on failure. */
static IDTYPE new_id(id_table *t, const char *name)
{
    const char **names = asldot_grow(t->names, &t->names_cap, (size_t)t->next, sizeof *names, 64);
    if (names == NULL)
        return 0;
    t->names = names;
    names[t->next] = name;
    return t->next++;
}

static void *ids_open(Agraph_t *g, Agdisc_t *disc)
{
    id_table *t = asldot_calloc(1, sizeof *t);
    (void)disc;
    if (t == NULL)
        return NULL; /* out of memory: ids_map declines everything (see there) */
    t->root = g;
    t->next = 1;
    return t;
}

/* Declining (returning 0) is never fatal to cgraph: for a name it falls back to an anonymous id
 * plus its own internal name map, which Graphviz 2.43 does not free at agclose. That happens only
 * when we are out of memory: the table says so (asldot_gv_ids_failed) and the build fails; the
 * leak is then a few bytes per object. */
static long ids_map(void *state, int objtype, char *str, IDTYPE *id, int createflag)
{
    id_table *t = state;
    int kind = kind_of(objtype);
    id_slot *s;
    char *name;
    if (t == NULL)
        return 0;
    if (str == NULL) {
        if (!createflag)
            return 0;
        if ((*id = new_id(t, NULL)) == 0) {
            t->failed = 1;
            return 0;
        }
        return 1;
    }
    if (t->nslots > 0) {
        s = slot_for(t->slots, t->nslots, kind, str);
        if (s->name != NULL) {
            *id = s->id;
            return 1;
        }
    }
    if (!createflag)
        return 0;
    if (((t->used + 1) * 2 > t->nslots && rehash(t) != 0) ||
        (name = agstrdup(t->root, str)) == NULL || /* freed with the string dictionary */
        (*id = new_id(t, name)) == 0) {
        t->failed = 1;
        return 0;
    }
    s = slot_for(t->slots, t->nslots, kind, name);
    s->name = name;
    s->kind = kind;
    s->id = *id;
    t->used++;
    return 1;
}

#if ASLDOT_GV_IDDISC_ALLOC
static long ids_alloc(void *state, int objtype, IDTYPE request)
{
    (void)state;
    (void)objtype;
    (void)request;
    return 0; /* callers never choose ids */
}
#endif

static void ids_free(void *state, int objtype, IDTYPE id)
{
    /* names stay until the graph closes: a deleted object's name is never reused by us */
    (void)state;
    (void)objtype;
    (void)id;
}

static char *ids_print(void *state, int objtype, IDTYPE id)
{
    const id_table *t = state;
    (void)objtype;
    if (t == NULL || id == 0 || id >= t->next)
        return NULL;
    return (char *)(uintptr_t)t->names[id]; /* cgraph's prototype lacks const */
}

static void ids_close(void *state)
{
    id_table *t = state;
    if (t == NULL)
        return;
    asldot_free(t->slots);
    asldot_free(t->names);
    asldot_free(t);
}

static void ids_register(void *state, int objtype, void *obj)
{
    (void)state;
    (void)objtype;
    (void)obj;
}

/* By member name: Graphviz 13 removed Agiddisc_t's alloc and Agdisc_t's mem (gv_compat.h). */
static Agiddisc_t ids_methods = {
    .open = ids_open,
    .map = ids_map,
#if ASLDOT_GV_IDDISC_ALLOC
    .alloc = ids_alloc,
#endif
    .free = ids_free,
    .print = ids_print,
    .close = ids_close,
    .idregister = ids_register,
};
static Agdisc_t ids_disc = {.id = &ids_methods}; /* default memory and I/O */

Agdisc_t *asldot_gv_ids_disc(void)
{
    return &ids_disc;
}

int asldot_gv_ids_failed(Agraph_t *g)
{
    const id_table *t = g->clos->state.id; /* what ids_open returned for g's root */
    return t == NULL || t->failed;
}
