/* main.c: placeholder entry point until the command lands. */
#include "asldot.h"
#include <stdio.h>
int main(void)
{
    printf("asl-dot %s\n", asldot_version_string());
    return 0;
}
