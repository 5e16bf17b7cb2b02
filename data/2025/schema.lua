-- Input tables of the 2025 report: for each table, the file it is read
-- from, where the numbers come from, and every column in file order with
-- its type (int, number, year, text or flag). See README.md.
return {
    doktorgrader = {
        file = "doktorgrader.csv",
        source = "NIFU",
        columns = {
            { "aar", "year" },
            { "kvinner", "int" },
            { "menn", "int" },
        },
    },
    doktorgrader_fag = {
        file = "doktorgrader_fag.csv",
        source = "NIFU",
        columns = {
            { "fag", "text" },
            { "antall", "int" },
        },
    },
    artikler = {
        file = "artikler.csv",
        source = "NVA",
        columns = {
            { "aar", "year" },
            { "artikler", "int" },
        },
    },
    kbs_inklusjon = {
        file = "kbs_inklusjon.csv",
        source = "NIFU",
        columns = {
            { "aar", "year" },
            { "studier", "int" },
            { "pasienter", "int" },
        },
    },
    kbs_faser = {
        file = "kbs_faser.csv",
        source = "NIFU",
        columns = {
            { "kategori", "text" },
            { "studier", "int" },
        },
    },
}
