/*
 * fuzz_yaml.c: the definition pipeline of fuzz_machine.c with the YAML reader forced (libyaml
 * events -> document tree: aliases, anchors, tags, YAML 1.1 booleans, complex keys, limits).
 */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_input in;
    fuzz_decode(&in, data, size);
    in.opts.input_format = ASLDOT_INPUT_YAML;
    fuzz_definition_pipeline(&in);
    return 0;
}
