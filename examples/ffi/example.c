/* gtn from C: check a plate, then a file held in memory.
 * cc example.c -I crates/gtn-ffi/include -L target/release -lgtn_ffi -o example */
#include <stdio.h>
#include <string.h>
#include "gtn.h"

int main(void) {
    printf("%s\n", gtn_version()); /* static: not freed */

    char *r = gtn_plate_check("1234 ab 77", "{\"type\":\"3\"}");
    printf("%s\n", r); /* {"version":1,"valid":true,"input":"1234 ab 77","canonical":"1234АВ77",...} */
    gtn_string_free(r);

    const char *xml = "<?xml version=\"1.0\" encoding=\"windows-1251\"?><Файл/>";
    r = gtn_validate_bytes((const uint8_t *)xml, strlen(xml), NULL, NULL);
    printf("%s\n", r); /* {"version":1,"files":[{...,"valid":false,...}],...} */
    gtn_string_free(r);

    r = gtn_check(NULL, NULL); /* an error is an answer too, never NULL */
    printf("%s\n", r); /* {"version":1,"ok":false,"errors":[...],"error":{"code":"A001",...}} */
    gtn_string_free(r);
    return 0;
}
