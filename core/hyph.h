/*
 * Norwegian hyphenation for the PDF: libhyphen with Debian's hyphen-no
 * patterns (bokmål, and nynorsk for text marked nn) and a project list
 * of words whose break points are set by hand. Points are marked with
 * soft hyphens (U+00AD), which pango breaks at and draws as a hyphen.
 *
 * Never hyphenated: a word with a digit in it, an abbreviation (more
 * than one capital, or a capital after the first letter, as in KBS or
 * eRapport), a URL or e-mail address, a word that already holds a soft
 * hyphen, and words shorter than five letters. Breaks leave at least
 * two letters before and three after, and none of the patterns'
 * non-standard breaks (such as "buss-sjåfør") is used.
 */
#ifndef NOKKEL_HYPH_H
#define NOKKEL_HYPH_H

typedef struct hyph hyph;

/* The folder Debian installs the patterns in. */
#define HYPH_DIR "/usr/share/hyphen"

/*
 * Returns a hyphenator with the exception list at words (NULL for
 * none). The list has one word a line, its allowed breaks marked "-";
 * a word without "-" is never broken; "#" starts a comment. Patterns
 * load on first use. Returns NULL and sets *err ("file:line: ...") for
 * a list that cannot be read. The caller frees it with hyph_free.
 */
hyph *hyph_new(const char *words, char **err);
void hyph_free(hyph *h);

/* Reads the patterns for lang (as in hyph_text) into the process's
 * store unless they are there, so that a hyphenator made later finds
 * them read; safe to call from any thread. A failure is left for
 * hyph_text to report. */
void hyph_preload(const char *lang);

/*
 * Sets *out to text with soft hyphens at the break points of its words
 * for language lang ("nb", "nn", "no", with or without a region; NULL
 * means "nb"); text in other languages comes back unchanged. The caller
 * frees *out. Returns 0, or -1 and sets *err when the patterns cannot
 * be loaded.
 */
int hyph_text(hyph *h, const char *lang, const char *text, char **out,
              char **err);

#endif
