/*
 * Tests for csvin: the fixtures in csv/ read into tables with the right
 * values and lines, and every bad file gives its exact message.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "csvenc.h"
#include "csvin.h"

static const csvin_column all_cols[] = {
    {.name = "kode", .type = CSVIN_TEXT},
    {.name = "navn", .type = CSVIN_TEXT},
    {.name = "aar", .type = CSVIN_YEAR},
    {.name = "antall", .type = CSVIN_INT},
    {.name = "andel", .type = CSVIN_NUMBER},
    {.name = "valgt", .type = CSVIN_FLAG},
};
static const csvin_schema all = {"alle", 6, all_cols};

static const csvin_column kode_aar_cols[] = {
    {.name = "kode", .type = CSVIN_TEXT},
    {.name = "aar", .type = CSVIN_YEAR},
};
static const csvin_schema kode_aar = {"kode_aar", 2, kode_aar_cols};

static const csvin_column kode_navn_cols[] = {
    {.name = "kode", .type = CSVIN_INT},
    {.name = "navn", .type = CSVIN_TEXT},
};
static const csvin_schema kode_navn = {"kode_navn", 2, kode_navn_cols};

static const csvin_column kode_antall_cols[] = {
    {.name = "kode", .type = CSVIN_TEXT},
    {.name = "antall", .type = CSVIN_INT},
};
static const csvin_schema kode_antall = {"kode_antall", 2, kode_antall_cols};

static const csvin_column quoted_cols[] = {
    {.name = "kode", .type = CSVIN_INT},
    {.name = "navn", .type = CSVIN_TEXT},
    {.name = "antall", .type = CSVIN_INT},
};
static const csvin_schema quoted = {"sitat", 3, quoted_cols};

static const csvin_column kode_andel_cols[] = {
    {.name = "kode", .type = CSVIN_TEXT},
    {.name = "andel", .type = CSVIN_NUMBER},
};
static const csvin_schema kode_andel = {"kode_andel", 2, kode_andel_cols};

static const csvin_column kode_valgt_cols[] = {
    {.name = "kode", .type = CSVIN_TEXT},
    {.name = "valgt", .type = CSVIN_FLAG},
};
static const csvin_schema kode_valgt = {"kode_valgt", 2, kode_valgt_cols};

static const csvin_column tie_cols[] = {
    {.name = "kode", .type = CSVIN_TEXT},
    {.name = "a,b", .type = CSVIN_NUMBER},
};
static const csvin_schema tie = {"uavgjort", 2, tie_cols};

static const csvin_column kode_navn_antall_cols[] = {
    {.name = "kode", .type = CSVIN_TEXT},
    {.name = "navn", .type = CSVIN_TEXT},
    {.name = "antall", .type = CSVIN_INT},
};
static const csvin_schema kode_navn_antall = {"kna", 3,
                                              kode_navn_antall_cols};

static const csvin_column symbols_cols[] = {
    {.name = "kode", .type = CSVIN_TEXT},
    {.name = "antall", .type = CSVIN_INT},
    {.name = "andel", .type = CSVIN_NUMBER},
};
static const csvin_schema symbols = {"symboler", 3, symbols_cols};

/* Reads a fixture that must load; returns the table or NULL after
 * recording a failure. */
static tbl *read_ok(const char *path, const csvin_schema *schema)
{
    tbl *t = NULL;
    char *err = NULL;

    if (csvin_read(path, schema, &t, &err) != 0) {
        fprintf(stderr, "%s: unexpected error: %s\n", path, err);
        check_failed++;
        free(err);
        return NULL;
    }
    CHECK(err == NULL);
    return t;
}

/* Reads a fixture that must fail and checks the whole message. */
static void read_bad(const char *path, const csvin_schema *schema,
                     const char *want)
{
    tbl *t = (tbl *)1;
    char *err = NULL;

    CHECK(csvin_read(path, schema, &t, &err) == -1);
    CHECK(t == NULL);
    CHECK_STR(err, want);
    free(err);
}

static void test_type_names(void)
{
    CHECK(csvin_type_from_name("int") == CSVIN_INT);
    CHECK(csvin_type_from_name("number") == CSVIN_NUMBER);
    CHECK(csvin_type_from_name("year") == CSVIN_YEAR);
    CHECK(csvin_type_from_name("text") == CSVIN_TEXT);
    CHECK(csvin_type_from_name("flag") == CSVIN_FLAG);
    CHECK(csvin_type_from_name("Int") == -1);
    CHECK(csvin_type_from_name("") == -1);
}

/* The table's shape: schema order, types, whole, name and path. */
static void check_shape(const tbl *t)
{
    static const char *names[] = {
        "kode", "navn", "aar", "antall", "andel", "valgt"
    };

    CHECK_STR(t->name, "alle");
    CHECK(t->ncols == 6);
    for (size_t c = 0; c < 6 && c < t->ncols; c++)
        CHECK_STR(t->cols[c].name, names[c]);
    CHECK(t->cols[0].type == TBL_TEXT && t->cols[1].type == TBL_TEXT);
    CHECK(t->cols[2].type == TBL_NUMBER && t->cols[2].whole);
    CHECK(t->cols[3].type == TBL_NUMBER && t->cols[3].whole);
    CHECK(t->cols[4].type == TBL_NUMBER && !t->cols[4].whole);
    CHECK(t->cols[5].type == TBL_NUMBER && t->cols[5].whole);
}

static void test_comma(void)
{
    tbl *t = read_ok("csv/good_comma.csv", &all);

    if (!t)
        return;
    check_shape(t);
    CHECK_STR(t->path, "csv/good_comma.csv");
    CHECK(t->nrows == 3);
    CHECK(t->lines[0] == 2 && t->lines[1] == 3 && t->lines[2] == 4);

    CHECK_STR(t->cols[0].text[0], "0301");
    CHECK_STR(t->cols[0].text[1], "03");
    CHECK(t->cols[0].text[2] == NULL);
    CHECK_STR(t->cols[1].text[1], "Bergen, Vestland");
    CHECK(t->cols[1].text[2] == NULL);
    CHECK(t->cols[2].num[0] == 2024 && t->cols[2].num[2] == 2025);
    CHECK(t->cols[3].num[0] == 12 && t->cols[3].num[1] == 1234);
    CHECK(isnan(t->cols[3].num[2]));
    CHECK(t->cols[4].num[0] == 0.5 && t->cols[4].num[1] == 12.25);
    CHECK(isnan(t->cols[4].num[2]));
    CHECK(t->cols[5].num[0] == 1 && t->cols[5].num[1] == 1);
    CHECK(t->cols[5].num[2] == 0);
    tbl_free(t);
}

static void test_semicolon(void)
{
    tbl *t = read_ok("csv/semicolon.csv", &all);

    if (!t)
        return;
    check_shape(t);
    CHECK(t->nrows == 4);
    CHECK_STR(t->cols[1].text[0], "Helse Sør-Øst");
    CHECK_STR(t->cols[1].text[1], "Helse Vest, Bergen");
    CHECK_STR(t->cols[1].text[2], "Helse; Nord");
    CHECK(t->cols[3].num[0] == 1234);
    CHECK(t->cols[3].num[1] == 1234567);
    CHECK(t->cols[3].num[2] == -5);
    CHECK(t->cols[3].num[3] == 7);
    CHECK(t->cols[4].num[0] == 12.5);
    CHECK(t->cols[4].num[1] == -3.25);
    CHECK(t->cols[4].num[2] == 1234.5);
    CHECK(t->cols[4].num[3] == 1000.75);
    CHECK(t->cols[5].num[0] == 1 && t->cols[5].num[1] == 0);
    CHECK(t->cols[5].num[2] == 0 && t->cols[5].num[3] == 1);
    tbl_free(t);
}

static void test_bom(void)
{
    tbl *t = read_ok("csv/bom.csv", &kode_aar);

    if (!t)
        return;
    CHECK(t->nrows == 1);
    CHECK_STR(t->cols[0].text[0], "0301");
    CHECK(t->cols[1].num[0] == 2024);
    tbl_free(t);
}

static void test_cp1252(void)
{
    tbl *t = read_ok("csv/cp1252.csv", &kode_navn);

    if (!t)
        return;
    CHECK(t->nrows == 2);
    CHECK_STR(t->cols[1].text[0], "Trøndelag");
    CHECK_STR(t->cols[1].text[1], "€ og æøå");
    tbl_free(t);
}

static void test_crlf(void)
{
    tbl *t = read_ok("csv/crlf.csv", &kode_navn);

    if (!t)
        return;
    CHECK(t->nrows == 3);
    CHECK(t->cols[0].num[0] == 1 && t->cols[0].num[2] == 3);
    CHECK_STR(t->cols[1].text[0], "en");
    CHECK_STR(t->cols[1].text[1], "a\r\nb");
    CHECK_STR(t->cols[1].text[2], "tre");
    CHECK(t->lines[0] == 2 && t->lines[1] == 4 && t->lines[2] == 6);
    tbl_free(t);
}

static void test_quoted(void)
{
    tbl *t = read_ok("csv/quoted.csv", &quoted);

    if (!t)
        return;
    CHECK(t->nrows == 4);
    CHECK_STR(t->cols[1].text[0], "Oslo, sentrum");
    CHECK_STR(t->cols[1].text[1], "Han sa \"hei\"");
    CHECK_STR(t->cols[1].text[2], "to\nlinjer\nher");
    CHECK_STR(t->cols[1].text[3], "siste");
    CHECK(t->cols[2].num[3] == 4);
    CHECK(t->lines[0] == 2 && t->lines[1] == 3);
    CHECK(t->lines[2] == 4 && t->lines[3] == 8);
    tbl_free(t);
}

/* One semicolon and one comma in the header: the semicolon wins. */
static void test_separator_tie(void)
{
    tbl *t = read_ok("csv/sep_tie.csv", &tie);

    if (!t)
        return;
    CHECK(t->nrows == 2);
    CHECK_STR(t->cols[1].name, "a,b");
    CHECK(t->cols[1].num[0] == 2.5);
    CHECK(t->cols[1].num[1] == 1500);
    tbl_free(t);
}

static void test_bad_rows(void)
{
    read_bad("csv/bad_count.csv", &kode_navn,
             "csv/bad_count.csv:4: row has 3 fields, the header has 2: "
             "quote a field that holds \",\"");
    read_bad("csv/bad_number.csv", &kode_andel,
             "csv/bad_number.csv:2:2: \"abc\" is not a number "
             "(column \"andel\", number)");
    read_bad("csv/bad_group.csv", &kode_andel,
             "csv/bad_group.csv:2:2: \"12 5\" is not a number "
             "(column \"andel\", number)");
    read_bad("csv/bad_group_first.csv", &kode_andel,
             "csv/bad_group_first.csv:2:2: \"1234 567\" is not a number "
             "(column \"andel\", number)");
    read_bad("csv/bad_huge.csv", &kode_andel,
             "csv/bad_huge.csv:2:2: \"2,5e999\" is not a number "
             "(column \"andel\", number)");
    read_bad("csv/bad_large.csv", &kode_antall,
             "csv/bad_large.csv:2:2: \"99999999999999999999999\" is too "
             "large to be a count or amount (column \"antall\", int)");
    read_bad("csv/bad_whole.csv", &kode_antall,
             "csv/bad_whole.csv:2:2: \"12,5\" is not a whole number "
             "(column \"antall\", int)");
    read_bad("csv/bad_year.csv", &kode_aar,
             "csv/bad_year.csv:2:1: \"3025\" is not a year from 1000 to "
             "2999 (column \"aar\", year)");
    read_bad("csv/bad_flag.csv", &kode_valgt,
             "csv/bad_flag.csv:3:2: \"ja\" is not 1, x, 0 or empty "
             "(column \"valgt\", flag)");
}

static void test_bad_header(void)
{
    read_bad("csv/bad_unknown.csv", &kode_antall,
             "csv/bad_unknown.csv:1:2: unknown column \"antal\" (the "
             "schema for table kode_antall declares: kode, antall)");
    read_bad("csv/bad_missing.csv", &kode_antall,
             "csv/bad_missing.csv:1: missing column \"antall\"");
    read_bad("csv/bad_duplicate.csv", &kode_antall,
             "csv/bad_duplicate.csv:1:3: duplicate column \"kode\" "
             "(also field 1): keep one of them");
    read_bad("csv/bad_empty_name.csv", &kode_antall,
             "csv/bad_empty_name.csv:1:2: empty column name: name the "
             "column, or delete it when it holds nothing");
    read_bad("csv/bad_empty.csv", &kode_antall,
             "csv/bad_empty.csv:1: no header line (the file is empty)");
}

static void test_bad_bytes(void)
{
    read_bad("csv/bad_byte.csv", &kode_navn,
             "csv/bad_byte.csv:3:4: invalid byte 0x81 (the file is "
             "neither UTF-8 nor Windows-1252)");
    read_bad("csv/bad_control.csv", &kode_navn,
             "csv/bad_control.csv:2:3: invalid byte 0xF8 (the file is "
             "neither UTF-8 nor Windows-1252)");
    read_bad("csv/bad_nul.csv", &kode_navn,
             "csv/bad_nul.csv:2:4: invalid byte 0x00 (NUL bytes are not "
             "text; is the file UTF-16 without its byte order mark?)");
    read_bad("csv/bad_text_control.csv", &kode_navn,
             "csv/bad_text_control.csv:3:2: the text holds the control "
             "character U+0001; remove it (column \"navn\")");
    read_bad("csv/bad_text_nonchar.csv", &kode_navn,
             "csv/bad_text_nonchar.csv:3:2: the text holds the "
             "noncharacter U+FFFE; remove it (column \"navn\")");
    read_bad("csv/bad_quote.csv", &kode_navn,
             "csv/bad_quote.csv:2:4: misplaced quote (quote the whole "
             "field and double the quotes inside it)");
    read_bad("csv/bad_unclosed.csv", &kode_navn,
             "csv/bad_unclosed.csv:2: the row starting here has a quote "
             "that is never closed");
    read_bad("csv/no_such_file.csv", &kode_navn,
             "csv/no_such_file.csv: cannot open: No such file or "
             "directory");
}

/* Excel's "sep=;" line names the separator and is not the header. */
static void test_sep_line(void)
{
    tbl *t = read_ok("csv/sep_line.csv", &kode_antall);

    if (!t)
        return;
    CHECK(t->nrows == 2);
    CHECK_STR(t->cols[0].text[0], "0301");
    CHECK(t->cols[1].num[0] == 1234 && t->cols[1].num[1] == 5);
    CHECK(t->lines[0] == 3 && t->lines[1] == 4);
    tbl_free(t);
    read_bad("csv/bad_sep.csv", &kode_antall,
             "csv/bad_sep.csv:1: \"sep=ab\" names no separator nokkel "
             "reads (sep=, sep=; sep=| or sep= and a tab)");
}

/* Excel's "Unicode text": UTF-16 with a byte order mark, tabs, CRLF. */
static void test_utf16(void)
{
    const char *files[] = { "csv/utf16le.csv", "csv/utf16be.csv" };

    for (int i = 0; i < 2; i++) {
        tbl *t = read_ok(files[i], &kode_navn_antall);

        if (!t)
            continue;
        CHECK(t->nrows == 2);
        CHECK_STR(t->cols[0].text[0], "0301");
        CHECK_STR(t->cols[1].text[0], "Tromsø");
        CHECK_STR(t->cols[1].text[1], "Bodø, sentrum");
        CHECK(t->cols[2].num[0] == 1234 && t->cols[2].num[1] == -5);
        CHECK(t->lines[1] == 3);
        tbl_free(t);
    }
    read_bad("csv/bad_utf16.csv", &kode_navn,
             "csv/bad_utf16.csv:3:4: not valid UTF-16LE here (the file "
             "ends inside a character); save the file again as UTF-8");
}

/* Lines that end in a lone CR, as old Mac spreadsheets write them. */
static void test_lone_cr(void)
{
    tbl *t = read_ok("csv/lone_cr.csv", &kode_navn);

    if (!t)
        return;
    CHECK(t->nrows == 3);
    CHECK_STR(t->cols[1].text[1], "a\rb");
    CHECK(t->lines[0] == 2 && t->lines[1] == 4 && t->lines[2] == 6);
    tbl_free(t);
}

/* Empty columns after the last named one, and rows that stop early or
 * go on with empty fields, as spreadsheets leave them. */
static void test_trailing(void)
{
    tbl *t = read_ok("csv/trailing.csv", &kode_antall);

    if (!t)
        return;
    CHECK(t->nrows == 3);
    CHECK(t->cols[1].num[0] == 5 && t->cols[1].num[2] == 7);
    tbl_free(t);
    read_bad("csv/bad_unnamed.csv", &kode_antall,
             "csv/bad_unnamed.csv:2:4: a value under a column without a "
             "name: name the column in the header, or delete the value");
}

/* Statistical symbols for missing and suppressed values are missing,
 * never zero; a dash, which is zero to some and missing to others, is
 * refused. */
static void test_symbols(void)
{
    tbl *t = read_ok("csv/symbols.csv", &symbols);

    if (!t)
        return;
    CHECK(t->nrows == 4);
    for (size_t r = 0; r < 3 && t->nrows == 4; r++)
        CHECK(isnan(t->cols[1].num[r]) && isnan(t->cols[2].num[r]));
    CHECK(t->cols[1].num[3] == 1 && t->cols[2].num[3] == 2.5);
    tbl_free(t);
    read_bad("csv/bad_dash.csv", &kode_antall,
             "csv/bad_dash.csv:2:2: \"-\" is not a number (column "
             "\"antall\", int): a dash means zero in some tables and "
             "missing in others; write 0, or leave the cell empty when the "
             "value is missing");
}

/* Numbers written in ways that read wrong: percent signs, points as
 * group separators, codes with leading zeros in a number column. */
static void test_number_advice(void)
{
    read_bad("csv/bad_percent.csv", &kode_andel,
             "csv/bad_percent.csv:2:2: \"25 %\" is not a number (column "
             "\"andel\", number): write a share without the percent sign, "
             "in percent (25 for 25 %)");
    read_bad("csv/bad_points.csv", &kode_antall,
             "csv/bad_points.csv:2:2: \"1.234.567\" is not a number "
             "(column \"antall\", int): group digits with a space, not a "
             "point (1 234 567)");
    read_bad("csv/bad_leading_zero.csv", &kode_antall,
             "csv/bad_leading_zero.csv:2:2: \"0301\" has a leading zero "
             "(column \"antall\", int): a code keeps its zeros only as "
             "text; declare the column text in the schema");
}

/* Encodings that cannot be read right: text encoded twice, UTF-8 and
 * Windows-1252 in one file, a UTF-8 mark before Windows-1252. */
static void test_bad_encodings(void)
{
    read_bad("csv/twice.csv", &kode_navn,
             "csv/twice.csv:2:5: \"Ã¸\" looks like \"ø\" encoded as "
             "UTF-8 twice; export the file again as UTF-8 once");
    read_bad("csv/twice_cp1252.csv", &kode_navn,
             "csv/twice_cp1252.csv:2:3: \"Ã…\" looks like \"Å\" encoded "
             "as UTF-8 twice; export the file again as UTF-8 once");
    read_bad("csv/mixed.csv", &kode_navn,
             "csv/mixed.csv:3:6: invalid byte 0xF8: the file mixes UTF-8 "
             "(\"ø\" on line 2:8) with another encoding; save it again as "
             "UTF-8");
    read_bad("csv/bad_bom_cp1252.csv", &kode_navn,
             "csv/bad_bom_cp1252.csv:2:8: invalid byte 0xF8 (the file "
             "starts with a UTF-8 byte order mark but is not UTF-8; save "
             "it again as UTF-8)");
}

/* Rows of the large files: enough to pass the size from which a file is
 * parsed in two parts. */
#define LARGE_ROWS 80000

/*
 * Writes a large file of kode_navn_antall rows to path, with line ends
 * eol. Every seventh row's name is quoted and spans two lines, with a
 * doubled quote in it; every eleventh row is followed by a blank line.
 * Row bad (from 0) has "x" for its count, or none when bad is -1; row
 * open opens a quote that is never closed, or none when open is -1.
 * Fills lines[r] with the line row r starts on.
 */
static void write_large(const char *path, const char *eol, long bad,
                        long open, long *lines)
{
    FILE *f = fopen(path, "wb");
    long line = 1;

    fprintf(f, "kode;navn;antall%s", eol);
    for (long r = 0; r < LARGE_ROWS; r++) {
        lines[r] = ++line;
        if (r == open)
            fprintf(f, "K%ld;\"aldri lukket;1%s", r, eol);
        else if (r % 7 == 0) {
            fprintf(f, "K%ld;\"Navn \"\"%ld\"\"%sandre linje\";%s%s", r,
                    r, eol, r == bad ? "x" : "12", eol);
            line++;
        } else {
            fprintf(f, "K%ld;Navn %ld;%s%s", r, r, r == bad ? "x" : "12",
                    eol);
        }
        if (r % 11 == 0) {
            fputs(eol, f);
            line++;
        }
    }
    fclose(f);
}

/* Checks a large table read whole: every row in order, with its line,
 * its multi-line name and its count. */
static void check_large(const tbl *t, const long *lines, const char *eol)
{
    char want[64];
    int rows_ok = 1;

    CHECK(t->nrows == LARGE_ROWS);
    for (long r = 0; t->nrows == LARGE_ROWS && r < LARGE_ROWS; r++) {
        if (r % 7 == 0)
            snprintf(want, sizeof want, "Navn \"%ld\"%sandre linje", r, eol);
        else
            snprintf(want, sizeof want, "Navn %ld", r);
        rows_ok &= t->lines[r] == lines[r] &&
                   strcmp(t->cols[1].text[r], want) == 0 &&
                   t->cols[2].num[r] == 12;
    }
    CHECK(rows_ok);
}

/* A file large enough to be parsed in two parts reads as one: rows in
 * file order, lines right across the cut, with LF and with CRLF. */
static void test_large(void)
{
    static const char *const eols[] = { "\n", "\r\n" };
    char path[] = "/tmp/nokkel-csvin-XXXXXX";
    long *lines = malloc(LARGE_ROWS * sizeof *lines);
    int fd = mkstemp(path);

    CHECK(fd >= 0);
    close(fd);
    for (size_t i = 0; i < 2; i++) {
        tbl *t;

        write_large(path, eols[i], -1, -1, lines);
        t = read_ok(path, &kode_navn_antall);
        if (t)
            check_large(t, lines, eols[i]);
        tbl_free(t);
    }
    unlink(path);
    free(lines);
}

/* Errors in a file parsed in two parts name the line they are on, and
 * the earlier of two errors is the one told. */
static void test_large_errors(void)
{
    char path[] = "/tmp/nokkel-csvin-XXXXXX";
    long *lines = malloc(LARGE_ROWS * sizeof *lines);
    char want[256];
    int fd = mkstemp(path);

    CHECK(fd >= 0);
    close(fd);

    write_large(path, "\n", LARGE_ROWS - 2, -1, lines);
    snprintf(want, sizeof want, "%s:%ld:3: \"x\" is not a number (column "
             "\"antall\", int)", path, lines[LARGE_ROWS - 2]);
    read_bad(path, &kode_navn_antall, want);

    write_large(path, "\n", 5, -1, lines);
    snprintf(want, sizeof want, "%s:%ld:3: \"x\" is not a number (column "
             "\"antall\", int)", path, lines[5]);
    read_bad(path, &kode_navn_antall, want);

    write_large(path, "\n", 5, LARGE_ROWS - 3, lines);
    snprintf(want, sizeof want, "%s:%ld:3: \"x\" is not a number (column "
             "\"antall\", int)", path, lines[5]);
    read_bad(path, &kode_navn_antall, want);

    write_large(path, "\n", -1, LARGE_ROWS - 3, lines);
    snprintf(want, sizeof want, "%s:%ld: the row starting here has a quote "
             "that is never closed", path, lines[LARGE_ROWS - 3]);
    read_bad(path, &kode_navn_antall, want);

    unlink(path);
    free(lines);
}

static const csvin_column unique_kode_cols[] = {
    {.name = "kode", .type = CSVIN_TEXT, .unique = 1},
    {.name = "navn", .type = CSVIN_TEXT},
    {.name = "antall", .type = CSVIN_INT},
};
static const csvin_schema unique_kode = {"unik", 3, unique_kode_cols};

/* Writes text to the file at path, opened with mode ("wb" or "ab"). */
static void put_text(const char *path, const char *mode, const char *text)
{
    FILE *f = fopen(path, mode);

    CHECK(f != NULL);
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

/* Returns the number of lines in the file at path. */
static long count_lines(const char *path)
{
    FILE *f = fopen(path, "rb");
    long n = 0;
    int c;

    while (f && (c = getc(f)) != EOF)
        n += c == '\n';
    if (f)
        fclose(f);
    return n;
}

/* A unique column finds a text repeated across the two parts of a large
 * file, told at the later row with the line of the earlier. */
static void test_large_unique(void)
{
    char path[] = "/tmp/nokkel-csvin-XXXXXX";
    long *lines = malloc(LARGE_ROWS * sizeof *lines);
    char want[256];
    tbl *t;
    int fd = mkstemp(path);

    CHECK(fd >= 0);
    close(fd);
    write_large(path, "\n", -1, -1, lines);
    t = read_ok(path, &unique_kode);
    CHECK(t && t->nrows == LARGE_ROWS);
    tbl_free(t);

    put_text(path, "ab", "K5;Navn;1\n");
    snprintf(want, sizeof want, "%s:%ld:1: \"K5\" is there twice (column "
             "\"kode\", text): line %ld has it already; the schema makes "
             "the column's texts unique", path, count_lines(path),
             lines[5]);
    read_bad(path, &unique_kode, want);
    unlink(path);
    free(lines);
}

/* A column with values takes those and empty cells; anything else is
 * an error that lists them, with a likely one (also one that differs in
 * case and spacing only) or the no-break space that hides in a text
 * that looks right. */
static void test_values(void)
{
    static const char *const regions[] = {"Helse Vest", "Helse Nord",
                                          NULL};
    static const csvin_column cols[] = {
        {.name = "region", .type = CSVIN_TEXT, .values = regions},
        {.name = "antall", .type = CSVIN_INT},
    };
    static const csvin_schema schema = {"regioner", 2, cols};
    /* Near misses: a letter left out, case and spacing. */
    static const char *const near[] = {"Helse Vst", "helse  VEST"};
    char path[] = "/tmp/nokkel-csvin-XXXXXX";
    char want[512];
    tbl *t;
    int fd = mkstemp(path);

    CHECK(fd >= 0);
    close(fd);
    put_text(path, "wb", "region;antall\nHelse Nord;1\n;2\nHelse Vest;3\n");
    t = read_ok(path, &schema);
    CHECK(t && t->nrows == 3 && t->cols[0].text[1] == NULL);
    tbl_free(t);

    for (size_t i = 0; i < sizeof near / sizeof *near; i++) {
        char text[64];

        snprintf(text, sizeof text, "region;antall\n%s;1\n", near[i]);
        put_text(path, "wb", text);
        snprintf(want, sizeof want, "%s:2:1: \"%s\" is not one of the "
                 "column's values (column \"region\", text): the schema "
                 "allows \"Helse Vest\" or \"Helse Nord\" (did you mean "
                 "\"Helse Vest\"?)", path, near[i]);
        read_bad(path, &schema, want);
    }

    put_text(path, "wb", "region;antall\nHelse\xe2\x80\xafNord;1\n");
    snprintf(want, sizeof want, "%s:2:1: \"Helse\xe2\x80\xafNord\" holds the "
             "character U+202F, which looks like a space or like nothing "
             "(column \"region\", text): written with plain spaces only, it "
             "is the schema's value \"Helse Nord\"", path);
    read_bad(path, &schema, want);
    unlink(path);
}

/* The noncharacters of every plane are found, with their offset; their
 * neighbours are not. */
static void test_noncharacters(void)
{
    static const struct {
        const char *text;
        unsigned cp;
        size_t at;
    } cases[] = {
        {"a\xEF\xB7\x90" "b", 0xFDD0, 1},
        {"\xEF\xB7\xAF", 0xFDEF, 0},
        {"ab\xEF\xBF\xBE", 0xFFFE, 2},
        {"\xEF\xBF\xBF", 0xFFFF, 0},
        {"x\xF0\x9F\xBF\xBE", 0x1FFFE, 1},
        {"\xF4\x8F\xBF\xBF", 0x10FFFF, 0},
        {"\xEF\xB7\x8F \xEF\xB7\xB0 \xEF\xBF\xBD", 0, 0},
        {"\xF0\x9F\x98\x80 \xF0\x9F\xBF\xBD \xC3\xB8", 0, 0},
    };

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t at = 99;
        unsigned cp = csvenc_noncharacter(cases[i].text,
                                          strlen(cases[i].text), &at);

        CHECK(cp == cases[i].cp);
        CHECK(cp == 0 || at == cases[i].at);
    }
    /* A character cut off at the end of the text is no noncharacter. */
    CHECK(csvenc_noncharacter_at("\xEF\xBF", 2) == 0);
}

int main(void)
{
    test_type_names();
    test_comma();
    test_semicolon();
    test_bom();
    test_cp1252();
    test_crlf();
    test_quoted();
    test_separator_tie();
    test_bad_rows();
    test_bad_header();
    test_bad_bytes();
    test_sep_line();
    test_utf16();
    test_lone_cr();
    test_trailing();
    test_symbols();
    test_number_advice();
    test_bad_encodings();
    test_large();
    test_large_errors();
    test_large_unique();
    test_values();
    test_noncharacters();
    return check_failures();
}
