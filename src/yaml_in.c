/* yaml_in.c: YAML into an asldot_doc tree through libyaml's event API (work in progress). */
#include "doc.h"
#include "diag.h"

asldot_status asldot_yaml_parse(asldot_doc *doc, const char *data, size_t len,
                                const asldot_options *opts, asldot_diagnostics *diags)
{
    (void)doc;
    (void)data;
    (void)len;
    (void)opts;
    return asldot_diag_add(diags, ASLDOT_SEV_ERROR, "yaml-unsupported", "", 0, 0,
                           "yaml input is not supported yet") == ASLDOT_OK
               ? ASLDOT_ERR_UNSUPPORTED
               : ASLDOT_ERR_NOMEM;
}
