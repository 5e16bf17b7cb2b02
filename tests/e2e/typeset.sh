#!/bin/sh
# Typesetting of the whole 2025 report: the PDF is tagged and shows its
# title, says its language, has a bookmark for every chapter and alt text
# on every figure, and each page number in the contents is the page the
# heading is on (found by its size with pdftotext -bbox-layout). The
# same holds for a variant with justified text, two columns, captions
# below and chapters on right-hand pages, whose chapters start on odd
# pages. A bad style value and a bad line in the hyphenation list fail
# with their lines.
# usage: typeset.sh NOKKEL PDFINSPECT SOURCE_DIR
set -u
nokkel=$1 inspect=$2 src=$3
. "$(dirname "$0")/common.sh"

# An XPath step to a DocBook element, by its local name.
el() { # NAME
    printf '*[local-name()="%s"]' "$1"
}

# Text of the n-th match of an XPath over DocBook elements, on one line.
nth() { # XML XPATH N
    xmllint --xpath "string(($2)[$3])" "$1" | tr '\n' ' ' |
        sed 's/  */ /g; s/^ //; s/ $//'
}

# Writes the headings of each page of a PDF to DIR/head.N, one a line:
# lines of text at least 14.5 points high (body text is 13.6, running
# heads and captions less) and wider than high (not a chart's turned
# label), and each two such lines in a row joined, for a heading that
# wraps. Prints the number of pages.
split_headings() { # PDF DIR
    pdftotext -bbox-layout "$1" - | sed 's/\xc2\xa0/ /g' | awk -v dir="$2" '
        function attr(name,   v) {
            match($0, name "=\"[0-9.]+\"")
            v = substr($0, RSTART + length(name) + 2)
            return v + 0
        }
        /<page / { p++; prev = ""; printf "" > (dir "/head." p) }
        /<line / {
            h = attr("yMax") - attr("yMin")
            w = attr("xMax") - attr("xMin")
            text = ""
        }
        /<word / {
            word = $0; sub(/^[^>]*>/, "", word); sub(/<\/word>.*/, "", word)
            text = text (text == "" ? "" : " ") word
        }
        /<\/line>/ {
            if (h < 14.5 || w < h) { prev = ""; next }
            print text > (dir "/head." p)
            if (prev != "") print prev " " text > (dir "/head." p)
            prev = text
        }
        END { print p }'
}

# Checks the contents page of a PDF against its pages: each entry's
# heading is on the page it gives, and on no page between the contents
# and that one. Writes the entries as "PAGE<tab>TITLE" to DIR/toc.
check_toc() { # NAME PDF DIR
    pages=$(split_headings "$2" "$3")
    toc=$(grep -lx 'Innhold' "$3"/head.* | sed 's/.*head\.//' | sort -n |
          head -n 1)
    [ -n "$toc" ] || { fail "$1: no contents page"; return; }
    pdftotext -layout -f "$toc" -l "$toc" "$2" - | sed 's/\xc2\xa0/ /g' |
        sed -n 's/^ *\(.*[^ ]\)  *\([0-9][0-9]*\) *$/\2\t\1/p' > "$3/toc"
    [ -s "$3/toc" ] || fail "$1: the contents page has no entries"
    while IFS="$(printf '\t')" read -r page title; do
        grep -qxF "$title" "$3/head.$page" ||
            fail "$1: \"$title\" is not on page $page as the contents say"
        i=$((toc + 1))
        while [ "$i" -lt "$page" ] && [ "$i" -le "$pages" ]; do
            grep -qxF "$title" "$3/head.$i" &&
                fail "$1: \"$title\" is on page $i before page $page"
            i=$((i + 1))
        done
    done < "$3/toc"
}

# Checks one build: tags, title, language, bookmarks, alt text, contents.
check_pdf() { # NAME PDF XML DIR
    pdfinfo "$2" > "$4/info"
    grep -q '^Tagged: *yes' "$4/info" || fail "$1: not tagged"
    title=$(nth "$3" "/$(el book)/$(el info)/$(el title)" 1)
    grep -qx "Title: *$title" "$4/info" ||
        fail "$1: title \"$title\" not shown"
    "$inspect" "$2" > "$4/inspect" || { fail "$1: pdfinspect"; return; }
    for want in "lang nb-NO" "title-shown yes" "th-unscoped 0" "private 0"; do
        grep -qx "$want" "$4/inspect" || fail "$1: want \"$want\""
    done

    chapters="//$(el chapter)/$(el title)"
    n=$(xmllint --xpath "count($chapters)" "$3")
    grep '^outline 1 ' "$4/inspect" | cut -d' ' -f3- > "$4/outline"
    [ "$(wc -l < "$4/outline")" -eq "$n" ] ||
        fail "$1: $n chapters but $(wc -l < "$4/outline") top bookmarks"
    i=1
    while [ "$i" -le "$n" ]; do
        want=$(nth "$3" "$chapters" "$i")
        [ "$(sed -n "${i}p" "$4/outline")" = "$want" ] ||
            fail "$1: bookmark $i is not \"$want\""
        i=$((i + 1))
    done

    alts="//$(el figure)//$(el textobject)/$(el phrase)"
    n=$(xmllint --xpath "count($alts)" "$3")
    grep '^figure ' "$4/inspect" | cut -d' ' -f2- > "$4/alt"
    [ "$n" -gt 0 ] && [ "$(wc -l < "$4/alt")" -eq "$n" ] ||
        fail "$1: $n figures but $(wc -l < "$4/alt") Figure elements"
    i=1
    while [ "$i" -le "$n" ]; do
        want=$(nth "$3" "$alts" "$i")
        [ "$(sed -n "${i}p" "$4/alt")" = "$want" ] ||
            fail "$1: Figure $i has not the alt text \"$want\""
        i=$((i + 1))
    done
    check_toc "$1" "$2" "$4"
}

cd "$src" || exit 1
export SOURCE_DATE_EPOCH=1767225600
mkdir "$work/plain" "$work/variant"
"$nokkel" build -o "$work/plain/out" scripts/report.lua ||
    { echo "FAIL build"; exit 1; }
check_pdf report "$work/plain/out/nokkeltall-2025.pdf" \
    "$work/plain/out/nokkeltall-2025.xml" "$work/plain"

cp -R scripts templates data "$work/variant/"
sed -i 's/^\( *\)style = {/&\
\1    justify = true, columns = 2, caption = "below",\
\1    chapter_start = "right", accent = "#7a1f3d",/' \
    "$work/variant/scripts/report.lua"
grep -q 'chapter_start = "right"' "$work/variant/scripts/report.lua" ||
    fail "the variant's style was not edited"
(cd "$work/variant" && "$nokkel" build -o out scripts/report.lua) ||
    fail "the variant does not build"
check_pdf variant "$work/variant/out/nokkeltall-2025.pdf" \
    "$work/variant/out/nokkeltall-2025.xml" "$work/variant"
while IFS="$(printf '\t')" read -r page title; do
    grep -qxF "$title" "$work/variant/outline" && [ $((page % 2)) -eq 0 ] &&
        fail "variant: chapter \"$title\" starts on left-hand page $page"
done < "$work/variant/toc"

sed -i 's/columns = 2,/columns = 3,/' "$work/variant/scripts/report.lua"
line=$(grep -n '^local rapport = report' "$work/variant/scripts/report.lua" |
       cut -d: -f1)
(cd "$work/variant" && "$nokkel" build -o out2 scripts/report.lua) \
    2> "$work/err" && fail "style.columns = 3 was accepted"
grep -qF "scripts/report.lua:$line: style.columns must be 1 or 2" \
    "$work/err" || { cat "$work/err"; fail "no clear error for columns = 3"; }

sed -i 's/columns = 3,/columns = 2,/' "$work/variant/scripts/report.lua"
echo "helse--foretak" >> "$work/variant/templates/nb/orddeling.txt"
line=$(wc -l < "$work/variant/templates/nb/orddeling.txt")
(cd "$work/variant" && "$nokkel" build -o out3 scripts/report.lua) \
    2> "$work/err" && fail "a bad line in orddeling.txt was accepted"
grep -qF "templates/nb/orddeling.txt:$line: \"helse--foretak\" is not a word" \
    "$work/err" || { cat "$work/err"; fail "no clear error for orddeling"; }
exit $failed
