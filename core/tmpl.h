/*
 * Norwegian text templates.
 *
 * A template file holds named templates; each starts with a line
 * "[name]" and runs to the next such line. Lines starting with "#" are
 * comments; the lines of a template are joined with single spaces, so a
 * template is one paragraph.
 *
 * The file is UTF-8, optionally with a BOM, with LF or CRLF line ends.
 * Blanks (spaces, tabs) at either end of a line are dropped, and blank
 * lines are skipped. A line whose first non-blank character is "#" is a
 * comment, anywhere in the file; "[" starts a header line, which must be
 * exactly [name]. Template and value names are made of ASCII letters,
 * digits, "_" and æ ø å Æ Ø Å. It is an error to have text before the
 * first header, a template with no text, two templates of one name, or
 * no template at all.
 *
 * A placeholder is {name} or {name|filter|filter:arg:arg}. The name is
 * looked up through a callback; filters run left to right. "{{" and "}}"
 * are literal braces; a lone "}" is an error. A placeholder may run over
 * a line end, which then reads as one space. Blanks around names and
 * arguments are ignored, except in valg's arguments, which are text kept
 * as written: {x|valg:økte:falt} and {x|valg: økte: falt} differ. An
 * argument cannot hold ":", "|", "{" or "}". Formatting filters (from
 * fmt.h):
 *   tall[:d]        prose number, d decimals, one digit (default 0)
 *   tabell[:d]      table number
 *   prosent[:d]     "20 prosent"
 *   prosentord      "åtte prosent", words up to twelve
 *   ord             number as a word up to twelve ("åtte"); ord:n for
 *                   neuter ("ett")
 *   kroner[:d]      an amount in kroner: "56,9 millioner kroner"
 *   aar             a year, never grouped
 * Value filters (number in, number out):
 *   abs             absolute value
 * Choice filter:
 *   valg:a:b[:c]    a when the value is above zero, b below, c (or b)
 *                   at zero: {endring|valg:en økning:en nedgang}
 * Every filter takes a number; one that meets text (a text value, or the
 * output of a formatting filter or valg) is an error at render time. A
 * missing value (NaN) prints as "–" and is an error for valg; an
 * infinite value, and one too large to print digit for digit (see
 * fmt_exact), are errors. Without a formatting filter, a number prints
 * as "tall" with no decimals when it is whole and one decimal otherwise;
 * text prints as is.
 *
 * Syntax, unknown filters and wrong filter arguments are found by
 * tmpl_load, so a file with a broken template does not load.
 */
#ifndef NOKKEL_TMPL_H
#define NOKKEL_TMPL_H

typedef struct tmpl_set tmpl_set;

/*
 * Looks up a placeholder. Returns 1 and sets *num for a number, 2 and
 * sets *text (borrowed until render returns) for text, 0 when unknown,
 * and 3 with *text set to its type ("boolean", "table") for a value
 * that is there but neither a number nor text.
 */
typedef int (*tmpl_lookup_fn)(void *ud, const char *name, double *num,
                              const char **text);

/* Reads a template file. Returns 0 and sets *out (free with tmpl_free),
 * or -1 and sets *err to "path:line: what is wrong" (caller frees);
 * errors inside a template read "path:line: template name: what is
 * wrong", and invalid UTF-8 "path:line:column: not valid UTF-8". */
int tmpl_load(const char *path, tmpl_set **out, char **err);

/*
 * Like tmpl_load, but goes on past a placeholder's bad filter, keeping
 * the placeholder without its filters, so that nokkel check can tell
 * every problem of a file. Each such problem is appended to *problems
 * ("\n" between them; caller frees), which stays NULL when there are
 * none. Other problems fail as in tmpl_load.
 */
int tmpl_load_all(const char *path, tmpl_set **out, char **problems,
                  char **err);

void tmpl_free(tmpl_set *set);

/* The number of templates of the set, and the name of template i. */
int tmpl_count(const tmpl_set *set);

const char *tmpl_name(const tmpl_set *set, int i);

/* Returns 1 when the set has a template called name. */
int tmpl_has(const tmpl_set *set, const char *name);

/*
 * Renders template name. Returns 0 and sets *out (caller frees), or -1
 * and sets *err (caller frees) to "path:line: template name: what is
 * wrong", the line being the placeholder's. Unknown names and a number
 * filter given text are errors; an unknown template reads "path: no
 * template called name".
 */
int tmpl_render(const tmpl_set *set, const char *name, tmpl_lookup_fn lookup,
                void *ud, char **out, char **err);

#endif
