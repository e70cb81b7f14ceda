# Probes the installed Graphviz headers for the API differences that src/gv_compat.h bridges
# (Graphviz 2.43 to 14.x) and defines ASLDOT_GV_* on TARGET. Compile-only checks: nothing links.
include(CheckCSourceCompiles)
function(asldot_graphviz_api target)
  set(CMAKE_REQUIRED_INCLUDES ${GRAPHVIZ_INCLUDE_DIRS})
  set(CMAKE_REQUIRED_FLAGS "-Werror=incompatible-pointer-types")
  set(CMAKE_REQUIRED_QUIET ON)
  set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
  check_c_source_compiles("
#include <stddef.h>
#include <gvc.h>
int (*probe)(GVC_t *, graph_t *, const char *, char **, size_t *) = gvRenderData;
int main(void) { return 0; }" ASLDOT_GV_RENDERDATA_SIZE_T)
  check_c_source_compiles("
#include <stdbool.h>
#include <cgraph.h>
int probe(Agraph_t *g, char *s) { return agstrfree(g, s, false); }
int main(void) { return 0; }" ASLDOT_GV_STRFREE_HTML_ARG)
  check_c_source_compiles("
#include <cgraph.h>
static Agiddisc_t probe = {.alloc = NULL};
int main(void) { return probe.alloc == NULL ? 0 : 1; }" ASLDOT_GV_IDDISC_ALLOC)
  foreach(v ASLDOT_GV_RENDERDATA_SIZE_T ASLDOT_GV_STRFREE_HTML_ARG ASLDOT_GV_IDDISC_ALLOC)
    if(${v})
      target_compile_definitions(${target} PRIVATE ${v}=1)
    else()
      target_compile_definitions(${target} PRIVATE ${v}=0)
    endif()
  endforeach()
  message(STATUS "Graphviz ${GRAPHVIZ_libgvc_VERSION}: gvRenderData size_t=${ASLDOT_GV_RENDERDATA_SIZE_T}"
                 " agstrfree 3 args=${ASLDOT_GV_STRFREE_HTML_ARG} Agiddisc_t.alloc=${ASLDOT_GV_IDDISC_ALLOC}")
endfunction()
