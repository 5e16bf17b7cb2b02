#include <stdlib.h>
#include <string.h>

#include <libxml/relaxng.h>
#include <libxml/xmlsave.h>

#include "dbk.h"
#include "err.h"

#define XML_NS "http://www.w3.org/XML/1998/namespace"

static const xmlChar *X(const char *s)
{
    return (const xmlChar *)s;
}

xmlDocPtr dbk_book_new(const char *id, const char *lang, const char *title,
                       const char *subtitle, const char *pubdate)
{
    xmlDocPtr doc = xmlNewDoc(X("1.0"));
    xmlNodePtr book = xmlNewDocNode(doc, NULL, X("book"), NULL);
    xmlNodePtr info;

    xmlDocSetRootElement(doc, book);
    xmlSetNs(book, xmlNewNs(book, X(DBK_NS), NULL));
    xmlNewProp(book, X("version"), X("5.0"));
    xmlNodeSetLang(book, X(lang));
    if (id)
        xmlSetNsProp(book, xmlSearchNsByHref(doc, book, X(XML_NS)), X("id"),
                     X(id));

    info = dbk_add(book, "info", NULL);
    dbk_add_text(info, "title", title);
    if (subtitle)
        dbk_add_text(info, "subtitle", subtitle);
    if (pubdate)
        dbk_add_text(info, "pubdate", pubdate);
    return doc;
}

xmlNodePtr dbk_add(xmlNodePtr parent, const char *name, const char *id)
{
    xmlNodePtr node = xmlNewChild(parent, parent->ns, X(name), NULL);

    if (id)
        xmlSetNsProp(node, xmlSearchNsByHref(parent->doc, node, X(XML_NS)),
                     X("id"), X(id));
    return node;
}

xmlNodePtr dbk_add_text(xmlNodePtr parent, const char *name,
                        const char *text)
{
    /* xmlNewTextChild escapes the text; xmlNewChild would not. */
    return xmlNewTextChild(parent, parent->ns, X(name), X(text));
}

void dbk_append_text(xmlNodePtr node, const char *text)
{
    xmlAddChild(node, xmlNewText(X(text)));
}

xmlNodePtr dbk_set(xmlNodePtr node, const char *attr, const char *value)
{
    xmlSetProp(node, X(attr), X(value));
    return node;
}

const char *dbk_id(xmlNodePtr node)
{
    for (xmlAttrPtr a = node->properties; a; a = a->next) {
        if (a->ns && xmlStrEqual(a->ns->href, X(XML_NS)) &&
            xmlStrEqual(a->name, X("id")) && a->children)
            return (const char *)a->children->content;
    }
    return NULL;
}

/* Keeps the first message libxml2 reports while saving, so it reaches
 * the user as part of ours and never as libxml2's own "I/O error" line
 * on stderr. */
static void save_error(void *data, xmlErrorPtr e)
{
    char **first = data;
    size_t n;

    if (*first || !e || !e->message)
        return;
    n = strlen(e->message);
    while (n > 0 && (e->message[n - 1] == '\n' || e->message[n - 1] == ' '))
        n--;
    *first = err_fmt("%.*s", (int)n, e->message);
}

int dbk_save(xmlDocPtr doc, const char *path, char **err)
{
    char *why = NULL;
    xmlSaveCtxtPtr ctx;
    long rc = -1;
    int closed = -1;

    xmlSetStructuredErrorFunc(&why, save_error);
    ctx = xmlSaveToFilename(path, "UTF-8", XML_SAVE_FORMAT);
    if (ctx) {
        rc = xmlSaveDoc(ctx, doc);
        closed = xmlSaveClose(ctx);
    }
    xmlSetStructuredErrorFunc(NULL, NULL);

    if (rc >= 0 && closed >= 0) {
        free(why);
        return 0;
    }
    err_set(err, "%s: cannot write DocBook: %s", path,
            why ? why : "libxml2 gave no reason");
    free(why);
    return -1;
}

/* Collects validation messages into a bounded string. */
typedef struct dbk_errors {
    char *text;
    int count;
} dbk_errors;

static void collect(void *ud, xmlErrorPtr e)
{
    dbk_errors *errs = ud;
    char *next;

    if (++errs->count > 10)
        return;
    next = err_fmt("%s%sline %d: %s", errs->text ? errs->text : "",
                   errs->text ? "\n" : "", e->line,
                   e->message ? e->message : "invalid");
    free(errs->text);
    errs->text = next;
    /* libxml2 messages end with a newline; keep lines tidy. */
    next = errs->text + strlen(errs->text);
    while (next > errs->text && next[-1] == '\n')
        *--next = '\0';
}

int dbk_validate(xmlDocPtr doc, const char *rng, char **err)
{
    xmlRelaxNGParserCtxtPtr pctx = xmlRelaxNGNewParserCtxt(rng);
    xmlRelaxNGPtr schema = pctx ? xmlRelaxNGParse(pctx) : NULL;
    xmlRelaxNGValidCtxtPtr vctx;
    dbk_errors errs = { 0 };
    int rc;

    if (pctx)
        xmlRelaxNGFreeParserCtxt(pctx);
    if (!schema)
        return err_set(err, "%s: cannot read the RELAX NG schema", rng);

    vctx = xmlRelaxNGNewValidCtxt(schema);
    xmlRelaxNGSetValidStructuredErrors(vctx, collect, &errs);
    rc = xmlRelaxNGValidateDoc(vctx, doc);
    xmlRelaxNGFreeValidCtxt(vctx);
    xmlRelaxNGFree(schema);

    if (rc == 0) {
        free(errs.text);
        return 0;
    }
    err_set(err, "DocBook does not validate against %s:\n%s", rng,
            errs.text ? errs.text : "(no message)");
    free(errs.text);
    return -1;
}
