/* The text buffer: appends, and a failure that stays (one check at the end suffices). */
#include "alloc.h"
#include "buf.h"

#include "../harness.h"

static void test_appends(void)
{
    asldot_buf b = ASLDOT_BUF_INIT;
    size_t len = 0;
    char *s;
    CHECK_EQ_STR(asldot_buf_cstr(&b), "");
    CHECK_EQ_INT(asldot_buf_puts(&b, "ab"), ASLDOT_OK);
    CHECK_EQ_INT(asldot_buf_putc(&b, 'c'), ASLDOT_OK);
    CHECK_EQ_INT(asldot_buf_printf(&b, "%d-%s", 42, "x"), ASLDOT_OK);
    CHECK_EQ_STR(asldot_buf_cstr(&b), "abc42-x");
    CHECK_EQ_INT(asldot_buf_status(&b), ASLDOT_OK);
    s = asldot_buf_detach(&b, &len);
    CHECK_EQ_STR(s, "abc42-x");
    CHECK_EQ_INT(len, 7);
    CHECK(b.data == NULL && b.len == 0);
    asldot_free(s);
}

static void test_failure_sticks(void)
{
    asldot_buf b = ASLDOT_BUF_INIT;
    size_t len = 99;
    char big[200];
    memset(big, 'x', sizeof big);
    CHECK_EQ_INT(asldot_buf_puts(&b, "first"), ASLDOT_OK);
    asldot_alloc_fail_after(1); /* the growth needed by the next put fails */
    CHECK_EQ_INT(asldot_buf_put(&b, big, sizeof big), ASLDOT_ERR_NOMEM);
    asldot_alloc_fail_after(0);
    /* later appends that would fit, or would allocate successfully, still fail and add nothing */
    CHECK_EQ_INT(asldot_buf_putc(&b, 'y'), ASLDOT_ERR_NOMEM);
    CHECK_EQ_INT(asldot_buf_printf(&b, "%s", "z"), ASLDOT_ERR_NOMEM);
    CHECK_EQ_STR(asldot_buf_cstr(&b), "first");
    CHECK_EQ_INT(asldot_buf_status(&b), ASLDOT_ERR_NOMEM);
    CHECK(asldot_buf_detach(&b, &len) == NULL);
    CHECK_EQ_INT(len, 0);
    /* a detached (or freed, or reset) buffer starts over */
    CHECK_EQ_INT(asldot_buf_status(&b), ASLDOT_OK);
    CHECK_EQ_INT(asldot_buf_puts(&b, "again"), ASLDOT_OK);
    CHECK_EQ_STR(asldot_buf_cstr(&b), "again");
    asldot_buf_free(&b);
}

/* asldot_diagnostics_write formats into such a buffer: under an allocation failure it returns
 * the error and writes nothing (it once returned OK and wrote half a JSON array). */
static void test_diagnostics_write_all_or_nothing(void)
{
    asldot_diagnostics *d = NULL;
    asldot_machine *m = NULL;
    FILE *f = tmpfile();
    int fails = 0;
    CHECK(f != NULL);
    CHECK_EQ_INT(asldot_diagnostics_new(&d), ASLDOT_OK);
    if (f == NULL || d == NULL)
        return;
    CHECK(asldot_machine_parse(&m, "{\"StartAt\": 1", 13, NULL, d) != ASLDOT_OK); /* truncated */
    CHECK(asldot_diagnostics_count(d) > 0);
    for (unsigned long n = 1; n < 50; n++) {
        asldot_status st;
        rewind(f);
        asldot_alloc_fail_after(n);
        st = asldot_diagnostics_write(f, d, "x.json", ASLDOT_DIAG_JSON, NULL);
        asldot_alloc_fail_after(0);
        if (st == ASLDOT_ERR_NOMEM) {
            fails++;
            CHECK_EQ_INT(ftell(f), 0);
        } else {
            CHECK_EQ_INT(st, ASLDOT_OK);
        }
    }
    CHECK(fails > 0);
    asldot_machine_free(m);
    asldot_diagnostics_free(d);
    fclose(f);
}

int main(void)
{
    test_diagnostics_write_all_or_nothing();
    test_appends();
    test_failure_sticks();
    TEST_MAIN_END();
}
