/* history_defs.h: definitions that the execution histories of tests/data/histories ran. */
#ifndef ASLDOT_TEST_HISTORY_DEFS_H
#define ASLDOT_TEST_HISTORY_DEFS_H

/* The Map that map.json (and its pages) ran. */
static const char MAP_DEF[] =
    "{\"StartAt\": \"ProcessAll\", \"States\": {"
    "\"ProcessAll\": {\"Type\": \"Map\", \"ItemsPath\": \"$.items\", \"MaxConcurrency\": 2,"
    " \"ItemProcessor\": {\"StartAt\": \"Work\", \"States\": {\"Work\": {\"Type\": \"Task\", "
    "\"Resource\": \"arn:aws:lambda:us-east-1:123456789012:function:work\", \"End\": true}}},"
    " \"Catch\": [{\"ErrorEquals\": [\"States.ALL\"], \"Next\": \"Recover\"}], \"Next\": "
    "\"Report\"},"
    "\"Report\": {\"Type\": \"Pass\", \"End\": true},"
    "\"Recover\": {\"Type\": \"Pass\", \"End\": true}}}";
#endif
