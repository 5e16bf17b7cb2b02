/*
 * Post-processing with libqpdf: what cairo 1.16 cannot write is added to
 * its PDF before the file is saved. The catalog gets the document
 * language (/Lang nb-NO) and asks viewers to show the title in the
 * window; every Figure structure element gets its alt text; header
 * cells get their scope; pages with links get the structure order as
 * tab order; and the content of "Private" structure elements (the
 * writer's decoration) becomes artifacts, its elements leaving the
 * structure tree.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <qpdf/qpdf-c.h>

#include "err.h"
#include "pdf_int.h"

/* What cairo writes to open a marked-content sequence of a Private
 * element, and what replaces it. */
#define PRIVATE_BDC "/Private << /MCID "
#define ARTIFACT_BMC "/Artifact BMC"

typedef struct post {
    qpdf_data q;
    const pdf_doc *d;
    size_t nfig;        /* Figure elements met so far */
} post;

enum { KEEP, DROP };

/* Returns whether the dictionary oh has key with the name value. */
static int has_name(qpdf_data q, qpdf_oh oh, const char *key,
                    const char *value)
{
    qpdf_oh v = qpdf_oh_get_key(q, oh, key);

    return qpdf_oh_is_name_and_equals(q, v, value);
}

/* Returns the language tag for the PDF: a Norwegian code gets the
 * region ("nb" becomes "nb-NO"), others stay as they are. Caller
 * frees. */
static char *lang_tag(const char *lang)
{
    if (strcmp(lang, "nb") == 0 || strcmp(lang, "nn") == 0
        || strcmp(lang, "no") == 0)
        return err_fmt("%s-NO", lang);
    return xstrdup(lang);
}

static void walk_kids(post *p, qpdf_oh elem);

/* Visits one kid of a structure element: marks a Private element to be
 * dropped, gives a Figure its alt text and a TH its scope, and walks
 * further down. Marked-content references are left alone. */
static int visit(post *p, qpdf_oh kid)
{
    qpdf_data q = p->q;
    qpdf_oh attrs;

    if (!qpdf_oh_is_dictionary(q, kid) || !qpdf_oh_has_key(q, kid, "/S"))
        return KEEP;
    if (has_name(q, kid, "/S", "/Private"))
        return DROP;
    if (has_name(q, kid, "/S", "/Figure")) {
        if (p->nfig < p->d->nalt)
            qpdf_oh_replace_key(
                q, kid, "/Alt",
                qpdf_oh_new_unicode_string(q, p->d->alt[p->nfig]));
        p->nfig++;
    }
    if (has_name(q, kid, "/S", "/TH")) {
        attrs = qpdf_oh_parse(q, "<< /O /Table /Scope /Column >>");
        qpdf_oh_replace_key(q, kid, "/A", attrs);
    }
    walk_kids(p, kid);
    return KEEP;
}

/* Visits the kids of a structure element in order, dropping those that
 * visit marks: the kids kept go into a new array, as erasing them one
 * by one would take time growing with the square of their number. */
static void walk_kids(post *p, qpdf_oh elem)
{
    qpdf_data q = p->q;
    qpdf_oh k = qpdf_oh_get_key(q, elem, "/K");
    qpdf_oh kept;
    int n, dropped = 0;

    if (!qpdf_oh_is_array(q, k)) {
        if (visit(p, k) == DROP)
            qpdf_oh_remove_key(q, elem, "/K");
        return;
    }
    n = qpdf_oh_get_array_n_items(q, k);
    kept = qpdf_oh_new_array(q);
    for (int i = 0; i < n; i++) {
        qpdf_oh kid = qpdf_oh_get_array_item(q, k, i);

        if (visit(p, kid) == DROP)
            dropped = 1;
        else
            qpdf_oh_append_item(q, kept, kid);
    }
    if (dropped)
        qpdf_oh_replace_key(q, elem, "/K", kept);
}

/* Replaces, in the parent tree's arrays and entries, every Private
 * element with null, so that nothing refers to the dropped elements. */
static void prune_parent_tree(qpdf_data q, qpdf_oh node)
{
    qpdf_oh nums = qpdf_oh_get_key(q, node, "/Nums");
    qpdf_oh kids = qpdf_oh_get_key(q, node, "/Kids");
    qpdf_oh v, e;
    int i, j, n, m;

    n = qpdf_oh_is_array(q, nums) ? qpdf_oh_get_array_n_items(q, nums) : 0;
    for (i = 1; i < n; i += 2) {
        v = qpdf_oh_get_array_item(q, nums, i);
        if (qpdf_oh_is_dictionary(q, v) && has_name(q, v, "/S", "/Private"))
            qpdf_oh_set_array_item(q, nums, i, qpdf_oh_new_null(q));
        m = qpdf_oh_is_array(q, v) ? qpdf_oh_get_array_n_items(q, v) : 0;
        for (j = 0; j < m; j++) {
            e = qpdf_oh_get_array_item(q, v, j);
            if (qpdf_oh_is_dictionary(q, e)
                && has_name(q, e, "/S", "/Private"))
                qpdf_oh_set_array_item(q, v, j, qpdf_oh_new_null(q));
        }
    }
    n = qpdf_oh_is_array(q, kids) ? qpdf_oh_get_array_n_items(q, kids) : 0;
    for (i = 0; i < n; i++)
        prune_parent_tree(q, qpdf_oh_get_array_item(q, kids, i));
}

/* Returns a copy of the n bytes at s with each line "/Private << /MCID
 * n >> BDC" turned into "/Artifact BMC", and sets *len; NULL when there
 * is none. The copy is never longer. The caller frees it. */
static unsigned char *artifacts(const unsigned char *s, size_t n,
                                size_t *len)
{
    size_t k = strlen(PRIVATE_BDC), a = strlen(ARTIFACT_BMC);
    size_t i, end, from = 0, out = 0;
    unsigned char *r = NULL;

    for (i = 0; i + k <= n; i++) {
        if ((i > 0 && s[i - 1] != '\n') || memcmp(s + i, PRIVATE_BDC, k))
            continue;
        for (end = i + k; end < n && s[end] != '\n'; end++)
            continue;
        if (end - i < k + 6 || memcmp(s + end - 6, ">> BDC", 6) != 0)
            continue;
        if (!r)
            r = xmalloc(n);
        memcpy(r + out, s + from, i - from);
        out += i - from;
        memcpy(r + out, ARTIFACT_BMC, a);
        out += a;
        from = end;
        i = end;
    }
    if (r) {
        memcpy(r + out, s + from, n - from);
        out += n - from;
    }
    *len = out;
    return r;
}

/* Rewrites one content stream so that decoration is an artifact.
 * Returns 0, or -1 when the stream cannot be read. */
static int stream_artifacts(qpdf_data q, qpdf_oh stream)
{
    unsigned char *data = NULL, *fixed;
    QPDF_BOOL filtered = QPDF_FALSE;
    size_t n, len;

    if (qpdf_oh_get_stream_data(q, stream, qpdf_dl_generalized, &filtered,
                                &data, &n) & QPDF_ERRORS
        || !filtered) {
        free(data);
        return -1;
    }
    fixed = artifacts(data, n, &len);
    if (fixed)
        qpdf_oh_replace_stream_data(q, stream, fixed, len,
                                    qpdf_oh_new_null(q),
                                    qpdf_oh_new_null(q));
    free(fixed);
    free(data);
    return 0;
}

/* Turns the decoration of every page into artifacts, and makes pages
 * with links take the structure's order for the tab key. Returns 0, or
 * -1 when a content stream cannot be read. */
static int page_edit(qpdf_data q)
{
    int i, j, n = qpdf_get_num_pages(q), m;
    qpdf_oh page, contents;

    for (i = 0; i < n; i++) {
        page = qpdf_get_page_n(q, (size_t)i);
        if (qpdf_oh_has_key(q, page, "/Annots"))
            qpdf_oh_replace_key(q, page, "/Tabs", qpdf_oh_new_name(q, "/S"));
        contents = qpdf_oh_get_key(q, page, "/Contents");
        if (qpdf_oh_is_stream(q, contents)) {
            if (stream_artifacts(q, contents) < 0)
                return -1;
            continue;
        }
        m = qpdf_oh_is_array(q, contents)
                ? qpdf_oh_get_array_n_items(q, contents)
                : 0;
        for (j = 0; j < m; j++)
            if (stream_artifacts(q, qpdf_oh_get_array_item(q, contents, j))
                < 0)
                return -1;
    }
    return 0;
}

/* Makes every change to the document in q. Returns 0, or -1 and sets
 * *err. */
static int post_edit(post *p, char **err)
{
    qpdf_data q = p->q;
    qpdf_oh root = qpdf_get_root(q);
    qpdf_oh tree = qpdf_oh_get_key(q, root, "/StructTreeRoot");
    char *lang = lang_tag(p->d->style->lang);

    qpdf_oh_replace_key(q, root, "/Lang", qpdf_oh_new_unicode_string(q, lang));
    free(lang);
    qpdf_oh_replace_key(q, root, "/ViewerPreferences",
                        qpdf_oh_parse(q, "<< /DisplayDocTitle true >>"));
    if (!qpdf_oh_is_dictionary(q, tree))
        return err_set(err, "%s:%d: cairo wrote no structure tree",
                       __FILE__, __LINE__);
    walk_kids(p, tree);
    if (p->nfig != p->d->nalt)
        return err_set(err, "%s:%d: %zu figures drawn but %zu tagged",
                       __FILE__, __LINE__, p->d->nalt, p->nfig);
    prune_parent_tree(q, qpdf_oh_get_key(q, tree, "/ParentTree"));
    if (page_edit(q) < 0)
        return err_set(err, "%s:%d: a page's content cannot be read",
                       __FILE__, __LINE__);
    return 0;
}

/* Returns qpdf's last error as a new message; caller frees. */
static char *qpdf_message(qpdf_data q)
{
    qpdf_error e = qpdf_get_error(q);

    return xstrdup(e ? qpdf_get_error_full_text(q, e) : "unknown error");
}

/* Writes the n bytes at data to path. Returns 0, or -1 and sets *err. */
static int save(const char *path, const unsigned char *data, size_t n,
                char **err)
{
    FILE *f = fopen(path, "wb");

    if (!f || fwrite(data, 1, n, f) != n) {
        err_set(err, "%s: cannot write PDF: %s", path, strerror(errno));
        if (f)
            fclose(f);
        return -1;
    }
    if (fclose(f) != 0)
        return err_set(err, "%s: cannot write PDF: %s", path,
                       strerror(errno));
    return 0;
}

/*
 * Reads the n bytes of cairo's PDF at pdf, makes the changes (with the
 * language and figures' alt text from d) and writes the result to path
 * with fixed bytes for fixed input. Returns 0, or -1 and sets *err.
 */
int pdf_post_write(const pdf_doc *d, const unsigned char *pdf, size_t n,
                   const char *path, char **err)
{
    post p = {qpdf_init(), d, 0};
    char *msg;
    int rc = 0;

    qpdf_silence_errors(p.q);
    qpdf_set_suppress_warnings(p.q, QPDF_TRUE);
    if (qpdf_read_memory(p.q, path, (const char *)pdf, n, NULL)
        & QPDF_ERRORS)
        rc = -1;
    if (rc == 0 && post_edit(&p, err) < 0) {
        qpdf_cleanup(&p.q);
        return -1;
    }
    if (rc == 0 && qpdf_init_write_memory(p.q) & QPDF_ERRORS)
        rc = -1;
    if (rc == 0) {
        qpdf_set_deterministic_ID(p.q, QPDF_TRUE);
        qpdf_set_object_stream_mode(p.q, qpdf_o_generate);
        qpdf_set_decode_level(p.q, qpdf_dl_none);
        if (qpdf_write(p.q) & QPDF_ERRORS)
            rc = -1;
    }
    if (rc < 0) {
        msg = qpdf_message(p.q);
        err_set(err, "pdf: qpdf: %s", msg);
        free(msg);
    } else {
        rc = save(path, qpdf_get_buffer(p.q), qpdf_get_buffer_length(p.q),
                  err);
    }
    qpdf_cleanup(&p.q);
    return rc;
}
