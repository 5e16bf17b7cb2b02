#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "err.h"
#include "sha.h"

/* Bytes read from a file at a time: large enough that the read calls
 * cost nothing next to the hashing, small enough for the stack. */
#define CHUNK (64 * 1024)

void sha_start(sha_sum *s)
{
    sha256_init(&s->ctx);
}

void sha_add(sha_sum *s, const void *data, size_t len)
{
    if (len > 0)
        sha256_update(&s->ctx, len, data);
}

char *sha_end(sha_sum *s)
{
    static const char digits[] = "0123456789abcdef";
    unsigned char raw[SHA256_DIGEST_SIZE];
    char *hex = xmalloc(SHA_HEX_LEN + 1);

    sha256_digest(&s->ctx, sizeof raw, raw);
    for (size_t i = 0; i < sizeof raw; i++) {
        hex[2 * i] = digits[raw[i] >> 4];
        hex[2 * i + 1] = digits[raw[i] & 0xf];
    }
    hex[SHA_HEX_LEN] = '\0';
    return hex;
}

char *sha_hex(const void *data, size_t len)
{
    sha_sum s;

    sha_start(&s);
    sha_add(&s, data, len);
    return sha_end(&s);
}

/* Feeds everything left in the open file fd into s and adds its byte
 * count to *size. Returns 0, or -1 with errno set. */
static int add_fd(sha_sum *s, int fd, size_t *size)
{
    unsigned char buf[CHUNK];
    ssize_t n;

    while ((n = read(fd, buf, sizeof buf)) != 0) {
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -1;
        sha_add(s, buf, (size_t)n);
        *size += (size_t)n;
    }
    return 0;
}

char *sha_file(const char *path, size_t *size, char **err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    size_t n = 0;
    sha_sum s;

    if (fd < 0) {
        err_set(err, "%s: cannot read: %s", path, strerror(errno));
        return NULL;
    }

    sha_start(&s);
    if (add_fd(&s, fd, &n) != 0) {
        err_set(err, "%s: cannot read: %s", path, strerror(errno));
        close(fd);
        return NULL;
    }
    close(fd);
    *size = n;
    return sha_end(&s);
}
