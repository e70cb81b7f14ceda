/*
 * fuzz_machine.c: bytes -> asldot_machine_parse (JSON or YAML, sniffed from the first significant
 * byte unless the option header forces one) -> validate -> build with and without keep-going ->
 * a diff of the machine against itself (no changes) ->
 * [legend] -> built-in style -> IR dump. Never enters Graphviz. See fuzz_common.h for the header.
 */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_input in;
    fuzz_decode(&in, data, size);
    fuzz_definition_pipeline(&in);
    return 0;
}
