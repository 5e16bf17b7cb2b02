/*
 * SHA-256 digests as 64 lowercase hex digits: of bytes fed in parts, of
 * one buffer, or of a file read in chunks. Every SHA-256 of nokkel (the
 * manifest's sums, chart spec digests) comes from here. nettle does the
 * work; it uses the CPU's SHA instructions where there are any.
 */
#ifndef NOKKEL_SHA_H
#define NOKKEL_SHA_H

#include <stddef.h>

#include <nettle/sha2.h>

/* Digits of a digest, without the terminating NUL. */
#define SHA_HEX_LEN (2 * SHA256_DIGEST_SIZE)

/* A digest being fed; lives wherever the caller keeps it. */
typedef struct sha_sum {
    struct sha256_ctx ctx;
} sha_sum;

/* Starts s afresh, as the digest of no bytes. */
void sha_start(sha_sum *s);

/* Feeds the len bytes at data into s (data may be NULL when len is 0). */
void sha_add(sha_sum *s, const void *data, size_t len);

/* Returns the digest of all bytes fed since sha_start; caller frees with
 * free. s starts afresh. */
char *sha_end(sha_sum *s);

/* Returns the digest of the len bytes at data; caller frees with free. */
char *sha_hex(const void *data, size_t len);

/* Returns the digest of the file at path and its byte count in *size,
 * reading it in chunks, or NULL and sets *err ("path: cannot read:
 * ..."). Caller frees with free. */
char *sha_file(const char *path, size_t *size, char **err);

#endif
