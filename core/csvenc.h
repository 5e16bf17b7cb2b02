/*
 * The text encoding of a CSV file, settled before it is parsed.
 *
 * Accepted: UTF-8 with or without a byte order mark; UTF-16 little or
 * big endian with its byte order mark (Excel's "Unicode text"); and
 * Windows-1252, which Latin-1 files are in practice (the bytes 0x80 to
 * 0x9F, control characters in Latin-1, never occur in text). Refused,
 * each with the line and column of the first offending character:
 * NUL bytes (UTF-16 without its mark), bytes that are neither UTF-8 nor
 * Windows-1252, a file that mixes UTF-8 and Windows-1252, a UTF-8 byte
 * order mark before text that is not UTF-8, and text encoded as UTF-8
 * twice ("Ã¸" for "ø"), which is refused rather than repaired because
 * the repair can go wrong in silence.
 */
#ifndef NOKKEL_CSVENC_H
#define NOKKEL_CSVENC_H

#include <stddef.h>

/*
 * Replaces *data (*len bytes, NUL-terminated, caller's) with its text as
 * UTF-8 without a byte order mark, freeing the old buffer when it makes
 * a new one. Returns 0, or -1 and sets *err to "path:line:column: what
 * is wrong" (caller frees).
 */
int csvenc_settle(const char *path, char **data, size_t *len, char **err);

/*
 * Finds the line and column of byte off in the UTF-8 text s (n bytes).
 * Lines end at LF, CRLF or a lone CR; the column counts characters from
 * 1 (UTF-8 lead bytes and ASCII count).
 */
void csvenc_locate(const char *s, size_t n, size_t off, long *line,
                   size_t *col);

/*
 * Returns the first noncharacter in the UTF-8 text s (n bytes, valid
 * UTF-8), with its byte offset in *at, or 0 when there is none. The
 * noncharacters are U+FDD0 to U+FDEF and the last two code points of
 * every plane (U+FFFE, U+FFFF, U+1FFFE and so on to U+10FFFF); fonts
 * and PDF text refuse them.
 */
unsigned csvenc_noncharacter(const char *s, size_t n, size_t *at);

/* Returns the code point of the character s starts with (n bytes left)
 * when it is a noncharacter, else 0. */
unsigned csvenc_noncharacter_at(const char *s, size_t n);

#endif
