/*
 * options.h: the version check every entry point that takes an options struct makes (as
 * libgit2's GIT_*_OPTIONS_VERSION checks do). A struct from asldot_*_options_init or an
 * ASLDOT_*_OPTIONS_INIT macro carries the version the caller compiled against. A newer version
 * than this library knows means fields it cannot read: the call fails with ASLDOT_ERR_ARGS
 * instead of guessing. Version 0 is a zero-initialised struct, which has always meant "all
 * defaults", and stays accepted.
 */
#ifndef ASLDOT_OPTIONS_H
#define ASLDOT_OPTIONS_H

#define ASLDOT_OPTIONS_TOO_NEW(opts, current) ((opts) != NULL && (opts)->version > (current))

#endif
