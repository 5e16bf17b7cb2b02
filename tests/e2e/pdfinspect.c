/*
 * pdfinspect: prints what the end-to-end tests check in a PDF that
 * poppler's tools do not show, read with libqpdf:
 *
 *   lang nb-NO                  the catalog's /Lang
 *   title-shown yes             /ViewerPreferences /DisplayDocTitle
 *   outline 1 Forskning         each bookmark, with its depth
 *   figure Linjediagram: ...    each Figure structure element's /Alt
 *   th-unscoped 0               TH cells without /Scope
 *   private 0                   structure elements left as Private
 *
 * usage: pdfinspect FILE.pdf; exit status 1 when the file cannot be read.
 */
#include <stdio.h>

#include <qpdf/qpdf-c.h>

typedef struct facts {
    int th_unscoped, private_left;
} facts;

/* Returns the text of string key of oh, "" when it has none. */
static const char *key_text(qpdf_data q, qpdf_oh oh, const char *key)
{
    qpdf_oh v = qpdf_oh_get_key(q, oh, key);

    return qpdf_oh_is_string(q, v) ? qpdf_oh_get_utf8_value(q, v) : "";
}

static int has_name(qpdf_data q, qpdf_oh oh, const char *key,
                    const char *name)
{
    return qpdf_oh_is_name_and_equals(q, qpdf_oh_get_key(q, oh, key), name);
}

/* Prints the outline items from item on and their children. */
static void outline(qpdf_data q, qpdf_oh item, int depth)
{
    for (; qpdf_oh_is_dictionary(q, item);
         item = qpdf_oh_get_key(q, item, "/Next")) {
        printf("outline %d %s\n", depth, key_text(q, item, "/Title"));
        outline(q, qpdf_oh_get_key(q, item, "/First"), depth + 1);
    }
}

/* Walks the structure tree below elem in order. */
static void tree(qpdf_data q, qpdf_oh elem, facts *f)
{
    qpdf_oh k = qpdf_oh_get_key(q, elem, "/K"), kid;
    int i, n = qpdf_oh_is_array(q, k) ? qpdf_oh_get_array_n_items(q, k) : 1;

    for (i = 0; i < n; i++) {
        kid = qpdf_oh_is_array(q, k) ? qpdf_oh_get_array_item(q, k, i) : k;
        if (!qpdf_oh_is_dictionary(q, kid) || !qpdf_oh_has_key(q, kid, "/S"))
            continue;
        if (has_name(q, kid, "/S", "/Figure"))
            printf("figure %s\n", key_text(q, kid, "/Alt"));
        if (has_name(q, kid, "/S", "/TH"))
            f->th_unscoped += !has_name(q, qpdf_oh_get_key(q, kid, "/A"),
                                        "/Scope", "/Column");
        f->private_left += has_name(q, kid, "/S", "/Private");
        tree(q, kid, f);
    }
}

int main(int argc, char **argv)
{
    qpdf_data q = qpdf_init();
    qpdf_oh root, shown;
    QPDF_BOOL yes = QPDF_FALSE;
    facts f = {0, 0};

    qpdf_silence_errors(q);
    if (argc != 2 || qpdf_read(q, argv[1], NULL) & QPDF_ERRORS) {
        fprintf(stderr, "usage: pdfinspect FILE.pdf (a readable PDF)\n");
        qpdf_cleanup(&q);
        return 1;
    }
    root = qpdf_get_root(q);
    printf("lang %s\n", key_text(q, root, "/Lang"));
    shown = qpdf_oh_get_key(q, qpdf_oh_get_key(q, root, "/ViewerPreferences"),
                            "/DisplayDocTitle");
    printf("title-shown %s\n",
           qpdf_oh_get_value_as_bool(q, shown, &yes) && yes ? "yes" : "no");
    outline(q, qpdf_oh_get_key(q, qpdf_oh_get_key(q, root, "/Outlines"),
                               "/First"),
            1);
    tree(q, qpdf_oh_get_key(q, root, "/StructTreeRoot"), &f);
    printf("th-unscoped %d\nprivate %d\n", f.th_unscoped, f.private_left);
    qpdf_cleanup(&q);
    return 0;
}
