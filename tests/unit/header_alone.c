/* The public header compiles on its own, first and alone, with every warning as an error: it
 * includes what it uses. Built (never run) by tests/CMakeLists.txt. */
#include "asldot.h"

int asldot_header_alone(void);
int asldot_header_alone(void)
{
    asldot_options o = ASLDOT_OPTIONS_INIT;
    return (int)o.version;
}
