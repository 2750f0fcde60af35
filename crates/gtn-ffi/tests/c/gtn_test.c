/*
 * Test of the C ABI of gtn from C, as an embedding program would call it:
 * every function, its answers and its error paths, then the same calls
 * from several threads at once. Run by tests/c_abi.rs (also under valgrind
 * and AddressSanitizer): every returned string is freed exactly once, so
 * any leak or invalid access is the library's.
 *
 * Usage: gtn_test REPO_ROOT OUT_DIR
 * Exit status 0 when every check passes; each failure is printed.
 */
#include "gtn.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int failures = 0;
static const char *root;
static const char *out_dir;

/* Fails the test with a message and the answer. */
static void fail(const char *what, const char *answer) {
    fprintf(stderr, "FAIL: %s\n  answer: %s\n", what, answer ? answer : "(NULL)");
    failures++;
}

/* Checks that `answer` is not NULL and contains every needle (NULL-ended),
 * then frees it. */
static void expect(const char *what, char *answer, ...) {
    if (answer == NULL) {
        fail(what, NULL);
        return;
    }
    /* Every answer is a document of gtn-report, with its version. */
    if (strncmp(answer, "{\"version\":1,", 12) != 0) fail(what, answer);
    /* An error answer has both the report's errors and the error member. */
    if (strstr(answer, "\"ok\":false") && !strstr(answer, ",\"error\":{\"code\":")) fail(what, answer);
    va_list ap;
    va_start(ap, answer);
    const char *needle;
    while ((needle = va_arg(ap, const char *)) != NULL) {
        if (strstr(answer, needle) == NULL) {
            char msg[512];
            snprintf(msg, sizeof msg, "%s: no «%s»", what, needle);
            fail(msg, answer);
        }
    }
    va_end(ap);
    gtn_string_free(answer);
}

/* Reads a whole file; *len gets its size. The caller frees. */
static char *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "cannot open %s\n", path);
        exit(2);
    }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    if (fread(buf, 1, (size_t)n, f) != (size_t)n) {
        fprintf(stderr, "cannot read %s\n", path);
        exit(2);
    }
    buf[n] = '\0';
    fclose(f);
    if (len) *len = (size_t)n;
    return buf;
}

static char *path_in(const char *dir, const char *rel) {
    size_t n = strlen(dir) + strlen(rel) + 2;
    char *p = malloc(n);
    snprintf(p, n, "%s/%s", dir, rel);
    return p;
}

/* The value of the string member "key" in a JSON answer (no escapes in
 * the values asked for here). The caller frees. */
static char *member(const char *json, const char *key) {
    char pat[64];
    snprintf(pat, sizeof pat, "\"%s\":\"", key);
    const char *s = strstr(json, pat);
    if (!s) return NULL;
    s += strlen(pat);
    const char *e = strchr(s, '"');
    char *v = malloc((size_t)(e - s) + 1);
    memcpy(v, s, (size_t)(e - s));
    v[e - s] = '\0';
    return v;
}

/* Prints the time since the last lap when $GTN_TEST_TIMES is set. */
static void lap(const char *what) {
    static struct timespec last;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    if (getenv("GTN_TEST_TIMES") && last.tv_sec)
        fprintf(stderr, "%-10s %.3f s\n", what,
                (double)(now.tv_sec - last.tv_sec) + (double)(now.tv_nsec - last.tv_nsec) / 1e9);
    last = now;
}

static const char *OPT_TYPE3 = "{\"type\":\"3\"}";

static void test_version(void) {
    const char *v = gtn_version();
    if (v == NULL || strncmp(v, "{\"version\":1,", 12) != 0 || strstr(v, "\"fns_format\":\"4.04\"") == NULL || strstr(v, "\"abi\":1") == NULL ||
        strstr(v, "1507") == NULL)
        fail("gtn_version", v);
    if (gtn_version() != v) fail("gtn_version is one static string", v);
    /* not freed: static */
}

static void test_plates(void) {
    expect("plate check valid", gtn_plate_check("1234 ab 77", OPT_TYPE3), "\"valid\":true",
           "\"canonical\":\"1234АВ77\"", "\"input\":\"1234 ab 77\"", NULL);
    expect("plate check 4A as number-less type", gtn_plate_check("1234 АА 77", "{\"type\":3}"),
           "\"valid\":true", NULL);
    expect("plate check: series not of the region", gtn_plate_check("1234 КМ 77", OPT_TYPE3),
           "\"valid\":false", "\"code\":\"P011\"", NULL);
    expect("plate check: syntax", gtn_plate_check("12 34", OPT_TYPE3), "\"valid\":false", "\"code\":\"M02",
           NULL);
    expect("plate check: NULL plate", gtn_plate_check(NULL, OPT_TYPE3), "\"error\"", "\"code\":\"A001\"",
           "plate", NULL);
    expect("plate check: NULL options (type required)", gtn_plate_check("1234 ab 77", NULL),
           "\"code\":\"A003\"", "«type»", NULL);
    expect("plate check: malformed options", gtn_plate_check("1234 ab 77", "{\"type\":"),
           "\"code\":\"A003\"", "\"file\":\"options_json\"", NULL);
    expect("plate check: unknown option", gtn_plate_check("1234 ab 77", "{\"typ\":\"3\"}"),
           "\"code\":\"A003\"", "неизвестное поле «typ»", NULL);
    expect("plate check: bad type", gtn_plate_check("1234 ab 77", "{\"type\":\"5\"}"),
           "\"code\":\"M020\"", NULL);
    expect("plate check: invalid UTF-8", gtn_plate_check("1234 \xff\xfe 77", OPT_TYPE3),
           "\"code\":\"A002\"", "позиции 5", NULL);
    expect("plate check: invalid UTF-8 options", gtn_plate_check("1", "{\"type\":\"\xc3\"}"),
           "\"code\":\"A002\"", "options_json", NULL);

    expect("plate series 77", gtn_plate_series("{\"region\":\"77\",\"type\":\"3\"}"), "\"code\":\"77\"",
           "\"type\":\"3\"", "\"series\":[\"", "\"АА\"", NULL);
    expect("plate series by name", gtn_plate_series("{\"region\":\"г. Москва\",\"type\":\"3\"}"),
           "\"code\":\"77\"", NULL);
    expect("plate series 4А", gtn_plate_series("{\"region\":\"77\",\"type\":\"4А\"}"), "\"type\":\"4А\"",
           NULL);
    expect("plate series: unknown region", gtn_plate_series("{\"region\":\"Атлантида\",\"type\":\"3\"}"),
           "\"code\":\"P012\"", "Атлантида", NULL);
    expect("plate series: unknown code", gtn_plate_series("{\"region\":\"00\",\"type\":\"3\"}"),
           "\"code\":\"P010\"", NULL);
    expect("plate series: NULL options", gtn_plate_series(NULL), "\"code\":\"A003\"", NULL);
    expect("plate series: no region", gtn_plate_series("{\"type\":\"3\"}"), "\"code\":\"A003\"", "«region»",
           NULL);
    expect("plate series: not JSON", gtn_plate_series("регион 77"), "\"code\":\"A003\"", NULL);
}

static void test_check(void) {
    char *p = path_in(root, "examples/applications/refuse-several-grounds.json");
    char *app = read_file(p, NULL);
    expect("check: refusal", gtn_check(app, "{\"today\":\"2025-12-30\"}"), "\"outcome\":\"refuse\"",
           "\"R58.", "\"deadlines\"", NULL);
    free(app);
    free(p);
    p = path_in(root, "examples/applications/proceed-registration.json");
    app = read_file(p, NULL);
    expect("check: proceed", gtn_check(app, "{\"today\":\"2025-12-30\"}"), "\"outcome\":\"proceed\"", NULL);
    /* NULL options: today is the current date; still a decision. */
    expect("check: NULL options", gtn_check(app, NULL), "\"outcome\":\"", NULL);
    expect("check: missing calendar file",
           gtn_check(app, "{\"today\":\"2025-12-30\",\"calendar\":\"/nonexistent/office.tsv\"}"),
           "\"code\":\"G002\"", "нет такого файла", NULL);
    expect("check: bad date option", gtn_check(app, "{\"today\":\"30.12.2025\"}"), "\"code\":\"A003\"",
           "ГГГГ-ММ-ДД", NULL);
    expect("check: date outside the calendar", gtn_check(app, "{\"today\":\"2027-12-30\"}"), "\"error\"",
           "\"code\":\"C002\"", "2020-2027", NULL);
    free(app);
    free(p);
    expect("check: malformed application", gtn_check("{\"action\": {\"kind\": \"registration\"}", NULL),
           "\"code\":\"E010\"", "\"file\":\"application_json\"", "\"line\":1", NULL);
    expect("check: wrong field", gtn_check("{\"action\": 5}", NULL), "\"code\":\"E010\"",
           "\"path\":\"action\"", NULL);
    expect("check: NULL application", gtn_check(NULL, NULL), "\"code\":\"A001\"", "application_json", NULL);
    expect("check: not UTF-8", gtn_check("{\"a\":\"\x80\"}", NULL), "\"code\":\"A002\"", NULL);
}

/* Generates the example file; returns its path (the caller frees). */
static char *test_generate(void) {
    char *sp = path_in(root, "examples/ffi/sender.json");
    char *rp = path_in(root, "examples/records.jsonl");
    char *sender = read_file(sp, NULL);
    char *records = read_file(rp, NULL);
    const char *opts = "{\"type\":\"10\",\"date\":\"2025-03-31\",\"number\":\"1\",\"force\":true}";
    char *r = gtn_generate(sender, records, opts, out_dir);
    char *path = r ? member(r, "path") : NULL;
    if (!r || !strstr(r, "\"documents\":36") || !path) fail("generate example", r);
    gtn_string_free(r);

    expect("generate: existing file without force",
           gtn_generate(sender, records, "{\"type\":\"10\",\"date\":\"2025-03-31\",\"number\":\"1\"}", out_dir),
           "\"code\":\"F014\"", NULL);
    expect("generate: bad record", gtn_generate(sender, "{\"operation\": 1}\n\n{}\n", opts, out_dir),
           "\"written\":false", "\"code\":\"F100\"", "\"file\":\"records_jsonl\"", "\"line\":1", "\"line\":3",
           NULL);
    expect("generate: no records", gtn_generate(sender, "\n", opts, out_dir), "\"code\":\"F101\"", NULL);
    expect("generate: bad sender", gtn_generate("{\"name\": 1}", records, opts, out_dir), "\"code\":\"F100\"",
           "sender_json", NULL);
    expect("generate: NULL sender", gtn_generate(NULL, records, opts, out_dir), "\"code\":\"A001\"",
           "sender_json", NULL);
    expect("generate: NULL records", gtn_generate(sender, NULL, opts, out_dir), "\"code\":\"A001\"",
           "records_jsonl", NULL);
    expect("generate: NULL out_dir", gtn_generate(sender, records, opts, NULL), "\"code\":\"A001\"", "out_dir",
           NULL);
    expect("generate: no type", gtn_generate(sender, records, "{}", out_dir), "\"code\":\"A003\"", "«type»",
           NULL);
    expect("generate: year with 10", gtn_generate(sender, records, "{\"type\":\"10\",\"year\":2024}", out_dir),
           "\"code\":\"G005\"", "«year»", NULL);
    expect("generate: out_dir under a file", gtn_generate(sender, records, opts, "/dev/null/gtn"),
           "\"code\":\"F013\"", NULL);
    free(sender);
    free(records);
    free(sp);
    free(rp);
    return path;
}

static void test_validate(const char *file) {
    char *by_path = gtn_validate_path(file, NULL);
    if (!by_path || !strstr(by_path, "\"valid\":true") || !strstr(by_path, "\"documents\":36"))
        fail("validate the generated file", by_path);

    size_t len;
    char *data = read_file(file, &len);
    const char *name = strrchr(file, '/') + 1;
    char *by_bytes = gtn_validate_bytes((const uint8_t *)data, len, name, NULL);
    /* The same report whether read from disk or from memory. */
    const char *a = by_path ? strstr(by_path, "\"report\"") : NULL;
    const char *b = by_bytes ? strstr(by_bytes, "\"report\"") : NULL;
    if (!a || !b || strcmp(a, b) != 0) fail("validate_bytes == validate_path", by_bytes);
    gtn_string_free(by_path);
    gtn_string_free(by_bytes);

    /* A broken copy in memory: ИНН of the sender's name part changed. */
    expect("validate bytes under another name",
           gtn_validate_bytes((const uint8_t *)data, len, "VO_AVTOTS_9965_5024100011502401001_20250331_1.xml",
                              NULL),
           "\"valid\":false", NULL);
    expect("validate bytes without a name", gtn_validate_bytes((const uint8_t *)data, len, NULL, NULL),
           "\"valid\":true", NULL);
    expect("validate truncated bytes", gtn_validate_bytes((const uint8_t *)data, len / 2, name, NULL),
           "\"valid\":false", NULL);
    expect("validate max_errors", gtn_validate_bytes((const uint8_t *)data, len / 2, name, "{\"max_errors\":1}"),
           "\"valid\":false", NULL);
    expect("validate empty", gtn_validate_bytes(NULL, 0, name, NULL), "\"valid\":false", NULL);
    expect("validate NULL data", gtn_validate_bytes(NULL, 10, name, NULL), "\"code\":\"A001\"", "data", NULL);
    expect("validate impossible length", gtn_validate_bytes((const uint8_t *)data, (size_t)-1, name, NULL),
           "\"code\":\"A006\"", NULL);
    expect("validate bytes: bad options", gtn_validate_bytes((const uint8_t *)data, len, name, "[1]"),
           "\"code\":\"A003\"", NULL);
    expect("validate bytes: name not UTF-8", gtn_validate_bytes((const uint8_t *)data, len, "\xff.xml", NULL),
           "\"code\":\"A002\"", "file_name", NULL);
    free(data);

    expect("validate folder", gtn_validate_path(out_dir, "{\"threads\":2}"), "\"files\":[{", "\"unreadable\":[]",
           NULL);
    expect("validate missing file", gtn_validate_path("/nonexistent/VO_AVTOTS.xml", NULL), "\"code\":\"G002\"",
           "нет такого файла", "/nonexistent/VO_AVTOTS.xml", NULL);
    expect("validate NULL path", gtn_validate_path(NULL, NULL), "\"code\":\"A001\"", "path", NULL);
    expect("validate: unknown option", gtn_validate_path(file, "{\"thread\":2}"), "\"code\":\"A003\"", NULL);
    char *empty = path_in(root, "examples/ffi");
    expect("validate folder without xml", gtn_validate_path(empty, NULL), "\"code\":\"G004\"", "*.xml", NULL);
    free(empty);
}

/* Threads: the same calls at once must give the same answers as alone. */
/* Threads: 8, or $GTN_TEST_THREADS (at most 8). */
#define THREADS 8
static int threads = THREADS;
/* Rounds per thread: 5, or $GTN_TEST_ROUNDS (fewer under valgrind, which
 * runs the threads one at a time anyway). */
static int rounds = 5;

struct job {
    const char *file_data;
    size_t file_len;
    const char *app;
    char *want[4];
    int bad;
};

static char *call(int i, struct job *j) {
    switch (i) {
    case 0:
        return gtn_plate_check("1234 ab 77", OPT_TYPE3);
    case 1:
        return gtn_plate_series("{\"region\":\"50\",\"type\":\"3\"}");
    case 2:
        return gtn_check(j->app, "{\"today\":\"2025-12-30\"}");
    default:
        return gtn_validate_bytes((const uint8_t *)j->file_data, j->file_len, NULL, NULL);
    }
}

static void *worker(void *arg) {
    struct job *j = arg;
    for (int r = 0; r < rounds; r++) {
        for (int i = 0; i < 4; i++) {
            char *got = call(i, j);
            if (!got || strcmp(got, j->want[i]) != 0) __atomic_fetch_add(&j->bad, 1, __ATOMIC_SEQ_CST);
            gtn_string_free(got);
        }
        (void)gtn_version();
    }
    return NULL;
}

static void test_threads(const char *file) {
    struct job j = {0};
    size_t len;
    char *data = read_file(file, &len);
    char *p = path_in(root, "examples/applications/refuse-several-grounds.json");
    char *app = read_file(p, NULL);
    j.file_data = data;
    j.file_len = len;
    j.app = app;
    for (int i = 0; i < 4; i++) j.want[i] = call(i, &j);
    pthread_t t[THREADS];
    for (int i = 0; i < threads; i++) pthread_create(&t[i], NULL, worker, &j);
    for (int i = 0; i < threads; i++) pthread_join(t[i], NULL);
    if (j.bad) {
        char msg[64];
        snprintf(msg, sizeof msg, "threads: %d answers differ", j.bad);
        fail(msg, NULL);
    }
    for (int i = 0; i < 4; i++) gtn_string_free(j.want[i]);
    free(data);
    free(app);
    free(p);
}

#ifdef GTN_TEST_LEAK
/* The control of the leak checkers: one answer never freed. Built only by
 * the test that proves valgrind and AddressSanitizer would see a leak. */
__attribute__((noinline)) static size_t leak_on_purpose(void) {
    char *s = gtn_plate_check("1234 ab 77", OPT_TYPE3);
    return strlen(s);
}
#endif

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s REPO_ROOT OUT_DIR\n", argv[0]);
        return 2;
    }
    root = argv[1];
    const char *r = getenv("GTN_TEST_ROUNDS");
    if (r && atoi(r) > 0) rounds = atoi(r);
    const char *t = getenv("GTN_TEST_THREADS");
    if (t && atoi(t) > 0 && atoi(t) <= THREADS) threads = atoi(t);
    out_dir = argv[2];
#ifdef GTN_TEST_LEAK
    printf("leaked %zu bytes on purpose\n", leak_on_purpose());
    return 0;
#endif
    lap("start");
    test_version();
    lap("version");
    test_plates();
    lap("plates");
    test_check();
    lap("check");
    char *file = test_generate();
    lap("generate");
    if (file) {
        test_validate(file);
        lap("validate");
        test_threads(file);
        lap("threads");
        free(file);
    }
    gtn_string_free(NULL);
    if (failures) {
        fprintf(stderr, "%d check(s) failed\n", failures);
        return 1;
    }
    printf("gtn C ABI: all checks passed\n");
    return 0;
}
