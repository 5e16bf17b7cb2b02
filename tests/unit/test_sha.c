/* SHA-256 as hex: the published test vectors, the same digest whether
 * bytes come whole, in parts or from a file read in chunks, the digits
 * GLib gave before (so manifests keep their bytes), and a file that
 * cannot be read is an error. */
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "sha.h"

/* Checks a freshly made digest and frees it. */
#define CHECK_SUM(expr, want)                                              \
    do {                                                                   \
        char *s_ = (expr);                                                 \
        CHECK_STR(s_, want);                                               \
        free(s_);                                                          \
    } while (0)

/* Fills n bytes at buf with a sequence that repeats only after long. */
static void fill(unsigned char *buf, size_t n)
{
    unsigned int x = 2463534242u;

    for (size_t i = 0; i < n; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        buf[i] = (unsigned char)x;
    }
}

static void test_vectors(void)
{
    CHECK_SUM(sha_hex(NULL, 0),
              "e3b0c44298fc1c149afbf4c8996fb924"
              "27ae41e4649b934ca495991b7852b855");
    CHECK_SUM(sha_hex("abc", 3),
              "ba7816bf8f01cfea414140de5dae2223"
              "b00361a396177a9cb410ff61f20015ad");
    CHECK_SUM(sha_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnop"
                      "nopq", 56),
              "248d6a61d20638b8e5c026930c3e6039"
              "a33ce45964ff2167f6ecedd419db06c1");
}

/* A million "a" fed in uneven parts gives the published digest, and a
 * sum ended starts afresh. */
static void test_parts(void)
{
    char *a = malloc(1000000);
    sha_sum s;
    size_t done = 0;

    memset(a, 'a', 1000000);
    sha_start(&s);
    for (size_t part = 1; done < 1000000; part = part * 3 + 1) {
        size_t n = part < 1000000 - done ? part : 1000000 - done;

        sha_add(&s, a + done, n);
        done += n;
    }
    CHECK_SUM(sha_end(&s),
              "cdc76e5c9914fb9281a1c7e284d73e67"
              "f1809a48a497200e046d39ccc7112cd0");
    sha_add(&s, "abc", 3);
    CHECK_SUM(sha_end(&s),
              "ba7816bf8f01cfea414140de5dae2223"
              "b00361a396177a9cb410ff61f20015ad");
    free(a);
}

/* Buffers of many lengths, around the 64-byte block, give GLib's
 * digits. */
static void test_same_as_glib(void)
{
    size_t lens[] = {0, 1, 55, 56, 63, 64, 65, 119, 128, 4096, 100003};
    unsigned char *buf = malloc(100003);

    fill(buf, 100003);
    for (size_t i = 0; i < sizeof lens / sizeof *lens; i++) {
        gchar *want = g_compute_checksum_for_data(G_CHECKSUM_SHA256, buf,
                                                  lens[i]);

        CHECK_SUM(sha_hex(buf, lens[i]), want);
        g_free(want);
    }
    free(buf);
}

/* Writes n bytes of buf to a new temporary file; returns its path in
 * path (a mkstemp template). Returns 0, or -1. */
static int write_temp(char *path, const unsigned char *buf, size_t n)
{
    int fd = mkstemp(path);
    int ok = fd >= 0 && write(fd, buf, n) == (ssize_t)n;

    if (fd >= 0)
        close(fd);
    return ok ? 0 : -1;
}

/* A file of several chunks and an odd tail, and an empty file, give the
 * digest and size of their bytes; a missing file and a folder fail. */
static void test_file(void)
{
    size_t n = 3 * 65536 + 777;
    unsigned char *buf = malloc(n);
    char path[] = "/tmp/test_sha_XXXXXX";
    char empty[] = "/tmp/test_sha_XXXXXX";
    size_t size = 12345;
    char *err = NULL;
    char *want;

    fill(buf, n);
    CHECK(write_temp(path, buf, n) == 0);
    CHECK(write_temp(empty, buf, 0) == 0);
    want = sha_hex(buf, n);
    CHECK_SUM(sha_file(path, &size, &err), want);
    CHECK(size == n);
    free(want);
    CHECK_SUM(sha_file(empty, &size, &err),
              "e3b0c44298fc1c149afbf4c8996fb924"
              "27ae41e4649b934ca495991b7852b855");
    CHECK(size == 0);
    CHECK(err == NULL);

    unlink(path);
    size = 7;
    CHECK(sha_file(path, &size, &err) == NULL);
    CHECK_HAS(err, path);
    CHECK_HAS(err, ": cannot read: No such file or directory");
    CHECK(size == 7);
    free(err);
    err = NULL;
    CHECK(sha_file("/tmp", &size, &err) == NULL);
    CHECK_STR(err, "/tmp: cannot read: Is a directory");
    free(err);
    unlink(empty);
    free(buf);
}

int main(void)
{
    test_vectors();
    test_parts();
    test_same_as_glib();
    test_file();
    return check_failures();
}
