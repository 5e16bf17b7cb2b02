/*
 * The document tree: a DocBook 5.0 book built with libxml2. It is the
 * one model of the report; the DocBook file is this tree saved, and the
 * PDF writer typesets it.
 */
#ifndef NOKKEL_DBK_H
#define NOKKEL_DBK_H

#include <libxml/tree.h>

#define DBK_NS "http://docbook.org/ns/docbook"

/* Returns a new book with info/title, subtitle (may be NULL) and
 * pubdate; free with xmlFreeDoc. */
xmlDocPtr dbk_book_new(const char *id, const char *lang, const char *title,
                       const char *subtitle, const char *pubdate);

/* Appends an element (with xml:id when id is not NULL) and returns it. */
xmlNodePtr dbk_add(xmlNodePtr parent, const char *name, const char *id);

/* Appends an element holding text and returns it. */
xmlNodePtr dbk_add_text(xmlNodePtr parent, const char *name,
                        const char *text);

/* Appends text (escaped) to the content of node. */
void dbk_append_text(xmlNodePtr node, const char *text);

/* Sets an attribute; returns node. */
xmlNodePtr dbk_set(xmlNodePtr node, const char *attr, const char *value);

/* Returns the xml:id of node, or NULL; borrowed. */
const char *dbk_id(xmlNodePtr node);

/* Writes doc to path, indented, UTF-8. Returns 0, or -1 and sets *err. */
int dbk_save(xmlDocPtr doc, const char *path, char **err);

/*
 * Validates doc against the RELAX NG schema at rng. Returns 0, or -1
 * and sets *err to the first problems as "line: message" lines.
 */
int dbk_validate(xmlDocPtr doc, const char *rng, char **err);

#endif
