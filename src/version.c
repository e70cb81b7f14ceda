/* version.c: version and status strings. */
#include "asldot.h"

const char *asldot_version_string(void)
{
    return ASLDOT_VERSION_STRING;
}

const char *asldot_status_string(asldot_status st)
{
    switch (st) {
    case ASLDOT_OK:
        return "ok";
    case ASLDOT_ERR_NOMEM:
        return "out of memory";
    case ASLDOT_ERR_ARGS:
        return "invalid arguments";
    case ASLDOT_ERR_SYNTAX:
        return "syntax error";
    case ASLDOT_ERR_INVALID:
        return "invalid input";
    case ASLDOT_ERR_LIMIT:
        return "limit exceeded";
    case ASLDOT_ERR_RENDER:
        return "render failed";
    case ASLDOT_ERR_UNSUPPORTED:
        return "unsupported";
    case ASLDOT_ERR_IO:
        return "input/output error";
    }
    return "unknown status";
}

void asldot_options_init(asldot_options *o)
{
    if (o == NULL)
        return;
    o->version = ASLDOT_OPTIONS_VERSION;
    o->flags = 0;
    o->input_format = ASLDOT_INPUT_AUTO;
    o->max_input_bytes = ASLDOT_DEFAULT_MAX_INPUT_BYTES;
    o->max_doc_depth = ASLDOT_DEFAULT_MAX_DOC_DEPTH;
    o->max_state_depth = ASLDOT_DEFAULT_MAX_STATE_DEPTH;
    o->max_states = ASLDOT_DEFAULT_MAX_STATES;
}

void asldot_build_options_init(asldot_build_options *o)
{
    if (o == NULL)
        return;
    o->version = ASLDOT_BUILD_OPTIONS_VERSION;
    o->flags = 0;
    o->rankdir = ASLDOT_RANKDIR_TB;
    o->layout = ASLDOT_LAYOUT_AUTO;
}

void asldot_overlay_options_init(asldot_overlay_options *o)
{
    if (o == NULL)
        return;
    o->version = ASLDOT_OVERLAY_OPTIONS_VERSION;
    o->flags = 0;
    o->iteration_state = NULL;
    o->iteration_index = -1;
}
