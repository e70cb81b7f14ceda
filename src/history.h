/*
 * history.h: execution histories (the events of GetExecutionHistory) in a library-owned form.
 * history.c reads the JSON (or YAML) into flat event records sorted by id, grouped into
 * executions: pages of one execution are merged (duplicates dropped), while the histories of
 * other executions (the child executions of a Distributed Map) are kept apart for overlay.c to
 * match. Every string is copied into the history's arena; no document node outlives parsing.
 */
#ifndef ASLDOT_HISTORY_H
#define ASLDOT_HISTORY_H
#include "asldot.h"
#include "arena.h"

/** At most this many events in one history, across every page and execution. */
#define ASLDOT_HISTORY_MAX_EVENTS 1000000u
/** Inputs, outputs and causes are kept up to this many bytes (cut on a UTF-8 boundary). */
#define ASLDOT_HISTORY_TEXT_MAX 1024u

/* What an event means to the overlay; the raw type string is kept alongside. */
typedef enum asldot_hev_kind {
    ASLDOT_HEV_OTHER = 0,
    ASLDOT_HEV_EXEC_STARTED,
    ASLDOT_HEV_EXEC_SUCCEEDED,
    ASLDOT_HEV_EXEC_FAILED,
    ASLDOT_HEV_EXEC_ABORTED,
    ASLDOT_HEV_EXEC_TIMED_OUT,
    ASLDOT_HEV_EXEC_REDRIVEN,
    ASLDOT_HEV_STATE_ENTERED, /* <Type>StateEntered, FailStateEntered included */
    ASLDOT_HEV_STATE_EXITED,  /* <Type>StateExited */
    ASLDOT_HEV_STATE_ABORTED, /* TaskStateAborted, WaitStateAborted, ... */
    ASLDOT_HEV_ATTEMPT,       /* TaskScheduled, LambdaFunctionScheduled, ActivityScheduled */
    ASLDOT_HEV_WORK_FAILED, /* TaskFailed, TaskTimedOut, Lambda...Failed, Activity...TimedOut ... */
    ASLDOT_HEV_WORK_SUCCEEDED, /* TaskSucceeded, LambdaFunctionSucceeded, ActivitySucceeded */
    ASLDOT_HEV_WORK_OTHER,     /* TaskStarted, TaskSubmitted, LambdaFunctionStarted, ... */
    ASLDOT_HEV_EVAL_FAILED,    /* EvaluationFailed (details name the state) */
    ASLDOT_HEV_MAP_STARTED,
    ASLDOT_HEV_MAP_SUCCEEDED,
    ASLDOT_HEV_MAP_FAILED,
    ASLDOT_HEV_MAP_ABORTED,
    ASLDOT_HEV_PAR_STARTED,
    ASLDOT_HEV_PAR_SUCCEEDED,
    ASLDOT_HEV_PAR_FAILED,
    ASLDOT_HEV_PAR_ABORTED,
    ASLDOT_HEV_ITER_STARTED,
    ASLDOT_HEV_ITER_SUCCEEDED,
    ASLDOT_HEV_ITER_FAILED,
    ASLDOT_HEV_ITER_ABORTED,
    ASLDOT_HEV_RUN_STARTED, /* MapRunStarted */
    ASLDOT_HEV_RUN_SUCCEEDED,
    ASLDOT_HEV_RUN_FAILED,
    ASLDOT_HEV_RUN_ABORTED,
    ASLDOT_HEV_RUN_REDRIVEN
} asldot_hev_kind;

typedef struct asldot_hevent {
    long long id;    /* >= 0; -1 when the file holds no readable id (placeholder) */
    long long prev;  /* previousEventId; 0 when absent or unreadable */
    long long ts_ms; /* milliseconds since the Unix epoch, when has_ts */
    int has_ts;
    asldot_hev_kind kind;
    asldot_state_type stype; /* STATE_ENTERED/EXITED/ABORTED: the type in the event name */
    const char *type;        /* the raw "type" string */
    const char *name;        /* state name (entered/exited, EvaluationFailed), or the Map's name for
                                MapIteration* events; NULL otherwise */
    long long index;         /* MapIteration*: the iteration index, else -1 */
    long long length;        /* MapStateStarted: the number of items, else -1 */
    const char *error;       /* failure events: "error", or NULL */
    const char *cause;       /* failure events: "cause" (objects serialised), cut to TEXT_MAX */
    const char *input;       /* StateEntered / ExecutionStarted, cut to TEXT_MAX */
    const char *output;      /* StateExited / ExecutionSucceeded, cut to TEXT_MAX */
    const char *map_run_arn; /* MapRunStarted */
    long long items_succeeded, items_failed, items_total; /* MapRun* "itemCounts", -1 unknown */
    /* ordering of events without a readable id: the readable id before them, then file order */
    long long anchor;
    unsigned long long seq;
} asldot_hevent;

/* One execution: the events of one or several pages, sorted by id, duplicates dropped. */
typedef struct asldot_hexec {
    asldot_hevent *events; /* heap array */
    size_t count, cap;
    int has_start;             /* holds an ExecutionStarted event */
    const char *execution_arn; /* optional hints found beside the events, or NULL */
    const char *map_run_arn;
    const char *parent_arn;
} asldot_hexec;

struct asldot_history {
    asldot_arena *arena;
    asldot_hexec *execs; /* heap array, in the order first seen */
    size_t exec_count, exec_cap;
    size_t event_count;
    size_t last_exec; /* the execution the previous page went to */
    unsigned long long seq;
};

/**
 * Parses an ISO 8601 date-time ("2024-05-01T12:00:00.123+02:00", "...Z", no offset = UTC) into
 * milliseconds since the Unix epoch. Returns 1 on success, 0 when s is not such a date-time.
 */
int asldot_history_parse_iso8601(const char *s, long long *ms);

/** Returns the event of x with this id, or NULL (binary search; placeholders have no id). */
const asldot_hevent *asldot_hexec_find(const asldot_hexec *x, long long id);

/** Returns the offset of the last byte boundary at or before max in s[0..len) (UTF-8 safe). */
size_t asldot_history_cut(const char *s, size_t len, size_t max);
#endif
