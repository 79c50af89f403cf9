#!/bin/sh
# Lists the Swedish-looking string literals of the C sources: the words of
# the user interface live in xsl/ (xsl/texts.xsl words the codes C sends;
# xsl/PAGES.md, "Codes and their words").  A literal is Swedish-looking when
# it holds å, ä or ö (as UTF-8 or as \x escapes) or one of a few common
# Swedish words of the interface.  Comments are not looked at; literals
# written next to each other ("a " "b") count as one.  The allow-list below
# names what may stay, with the reason.
#
# usage: tests/tools/swedish-in-c.sh [FILE...]	(default: every src/**/*.c, *.h)
# Prints "file:line: literal" per finding, then "N Swedish literals in C";
# exits 1 if N > 0.
set -u
cd "$(dirname "$0")/../.." || exit 2

# file (an ERE)<TAB>literal (an ERE on the literal as written, without the
# quotes)<TAB>why it may stay.  Both are matched whole.
allow='src/cmd/demo\.c	.*	demo data: the names of people, providers and placements
src/store/migrations\.c	.*	the catalogue data and the table that folds letters for search
src/archive/.*	.*	the E-ARK package'\''s descriptive metadata: archive content, not interface
src/domain/calendar\.c	[A-Z].*	the names of public holidays: data, printed by `insats calendar`
src/domain/calendar\.c	januari|februari|mars|maj|juni|juli|augusti|oktober	month names of the stored title of a monthly report (kinds.c kind_title)
src/domain/kinds\.c	Genomförandeplan|Månadsrapport|Slutrapport	a kind'\''s label: its descriptor'\''s (kinds.h), the stored title of its documents, sent to xsl/ in <kinds>
src/store/payments\.c	.*	the payment CSV'\''s values: data for the finance system (the page gets codes)
src/domain/regrules\.c	.*	operator commands: Swedish and English side by side (pnr_status_sv beside pnr_status_en), no stylesheet
src/cmd/cmd_admin\.c	.*	operator commands'\'' output (customer show): Swedish as the integration suites expect, no stylesheet
src/web/router\.c	Ett fel uppstod\.\\n	the plain-text answer when the stylesheet itself failed
src/server/worker\.c	Felaktig begäran\.\\n	the plain-text answer to a request too malformed for any page'

if [ $# -eq 0 ]; then
	set -- $(find src -name '*.[ch]' | sort)
fi

# The allow-list goes through the environment: awk -v would read its
# backslashes as escapes.
ALLOW=$allow LC_ALL=C awk '
BEGIN {
	n = split(ENVIRON["ALLOW"], rows, "\n")
	for (i = 1; i <= n; i++) {
		split(rows[i], f, "\t")
		afile[i] = "^(" f[1] ")$"
		apat[i] = "^(" f[2] ")$"
	}
	nallow = n
	# Words of the interface without å, ä or ö, and small Swedish words
	# that English does not have (month names that differ from English).
	words = "(^|[^A-Za-z])(" \
	    "Ange|Skriv|Beskriv|Fyll|Dokumentet|Insatsen|Texten|Kunder|" \
	    "Sidan|Placeringen|Perioden|Avsnittet|Utkast|Klarmarkerad|" \
	    "Slutrapport|saknas|inte|eller|och|som|till|Till|att|det|Det|" \
	    "har|kan|ska|redan|efter|ett|Ett|av|varning|ogiltigt|" \
	    "januari|februari|mars|maj|juni|juli|augusti|oktober" \
	    ")([^A-Za-z]|$)"
	found = 0
}
FNR == 1 {
	if (open)
		flush()
	state = "code"
}
function swedish(s) {
	return index(s, "\303\245") || index(s, "\303\244") ||
	    index(s, "\303\266") || index(s, "\303\205") ||
	    index(s, "\303\204") || index(s, "\303\226") ||
	    s ~ /\\x[cC]3\\x([aA][45]|[bB]6|8[45]|96)/ || s ~ words
}
function allowed(file, s,    i) {
	for (i = 1; i <= nallow; i++)
		if (file ~ afile[i] && s ~ apat[i])
			return 1
	return 0
}
function flush() {
	if (swedish(pending) && !allowed(pfile, pending)) {
		printf "%s:%d: \"%s\"\n", pfile, pline, pending
		found++
	}
	pending = ""
	open = 0
}
{
	line = $0
	len = length(line)
	for (i = 1; i <= len; i++) {
		c = substr(line, i, 1)
		if (state == "comment") {
			if (c == "*" && substr(line, i + 1, 1) == "/") {
				state = "code"
				i++
			}
			continue
		}
		if (state == "string") {
			if (c == "\\") {
				pending = pending substr(line, i, 2)
				i++
			} else if (c == "\"")
				state = "code"
			else
				pending = pending c
			continue
		}
		if (state == "char") {
			if (c == "\\")
				i++
			else if (c == "\047")
				state = "code"
			continue
		}
		if (c == "/" && substr(line, i + 1, 1) == "*") {
			state = "comment"
			i++
			continue
		}
		if (c == "/" && substr(line, i + 1, 1) == "/")
			break
		if (c == " " || c == "\t")
			continue
		if (c == "\"") {
			if (!open) {
				pfile = FILENAME
				pline = FNR
				open = 1
			}
			state = "string"
			continue
		}
		if (open)
			flush()
		if (c == "\047")
			state = "char"
	}
}
END {
	if (open)
		flush()
	printf "%d Swedish literals in C\n", found
	exit found > 0
}
' "$@"
