#!/bin/sh
# Renders every sample page XML here with xsl/page.xsl and checks a few
# things each page must contain. Run from the repository root:
#   sh tests/data/pages/check.sh            (needs xsltproc and xmllint)
#   XSLTPROC=/path/to/xsltproc sh tests/data/pages/check.sh
set -u
XSLTPROC=${XSLTPROC:-xsltproc}
out=${TMPDIR:-/tmp}/insats-pages
mkdir -p "$out"
fail=0; pass=0

render() {
	"$XSLTPROC" --nonet xsl/page.xsl "tests/data/pages/$1.xml" > "$out/$1.html" 2> "$out/$1.err"
	if [ $? -ne 0 ] || [ -s "$out/$1.err" ]; then
		echo "FAIL $1: transform"; cat "$out/$1.err"; fail=$((fail + 1)); return 1
	fi
	# gross HTML errors only (libxml2's HTML 4 parser does not know HTML5 elements)
	if xmllint --html --noout "$out/$1.html" 2>&1 | grep -a "error" |
	   grep -av "Tag \(main\|nav\|header\|footer\|section\|time\) invalid" | grep -aq .; then
		echo "FAIL $1: xmllint --html"; fail=$((fail + 1)); return 1
	fi
}
has() {	# has PAGE STRING…
	p=$1; shift
	for s in "$@"; do
		if grep -aqF -- "$s" "$out/$p.html"; then pass=$((pass + 1))
		else echo "FAIL $p: missing: $s"; fail=$((fail + 1)); fi
	done
}
hasnot() {
	p=$1; shift
	for s in "$@"; do
		if grep -aqF -- "$s" "$out/$p.html"; then echo "FAIL $p: unexpected: $s"; fail=$((fail + 1))
		else pass=$((pass + 1)); fi
	done
}

for f in tests/data/pages/*.xml; do render "$(basename "$f" .xml)"; done

for f in "$out"/*.html; do
	p=$(basename "$f" .html)
	has "$p" '<!DOCTYPE html>' '<html lang="sv">' 'name="viewport"' 'charset=UTF-8' \
		'href="/static/insats.css"' 'href="/static/print.css" media="print"' \
		'Hoppa till innehållet' '<main id="main"' 'insats – Kundval arbete och etablering' '– insats</title>'
	hasnot "$p" '<script' ' style=' ' onclick=' 'alert(1)</'
done

has start-provider 'anordnare' 'Framtid AB' 'Återremitterad' 'försenad' 'Skyddad identitet' \
	'/documents/12' '/documents/new?placement=4&amp;kind=plan' 'Ej påbörjad' '<th scope="col">' \
	'Dokumentet är klarmarkerat och skickat till karriärvägledaren.' 'Omar &lt;b&gt;Said'
has start-provider-empty 'Du har inga kunder'
hasnot start-provider-empty '<table'
has start-counsellor 'Att granska' 'Mina kunder' 'karriärvägledare' 'Månadsrapport, februari 2024' 'försenad'
has start-archivist 'Att överlämna till arkivet' 'Skyddad identitet' 'arkivarie'
has start-archivist-empty 'Inga kunder att överlämna.'
has start-admin 'administratör' 'Användare' '>9<'
has placement '/documents/10' 'Godkänd' 'Månadsrapport, februari 2024'
hasnot placement 'Påbörja genomförandeplan'
has placement-new 'href="/documents/new?placement=4&amp;kind=plan"' 'Insatsen har inga dokument ännu.'
has document-returned 'Genomförandeplan, revision 2' 'class="return-comment"' 'Skälet till deltid saknas.' \
	'href="/documents/12/edit"' 'action="/documents/12/submit"' 'name="csrf" value="0123456789abcdef"' \
	'Klarmarkera' 'href="/documents/12/history"' 'href="/documents/12?format=xml"' 'href="/documents/10"' \
	'Deltid' 'Kunden har en läkarbedömning' '2024-04-15' 'Återremitterade' 'Klarmarkerad → Återremitterad' \
	'Eva Ek' 'Anna Andersson'
hasnot document-returned 'action="/documents/12/approve"' 'action="/documents/12/return"'
has document-submitted 'action="/documents/12/return"' '<textarea id="return-comment" name="comment"' \
	'<label for="return-comment">' 'required' 'action="/documents/12/approve"' 'Godkänn' 'Granskas senast'
hasnot document-submitted 'class="return-comment"' 'href="/documents/12/edit"'
# a shortened history says how many entries there are and links them all
has document-submitted 'De 6 senaste händelserna visas.' \
	'<a href="/documents/12/history">Visa hela historiken (14 händelser)</a>'
hasnot document-returned 'Visa hela historiken'
has document-approved 'action="/documents/10/revise"' 'Ny revision' 'Dokumentet är godkänt.'
has document-draft-empty 'Ej ifyllt' 'Utkastet är sparat.'
has history 'Historik' 'Tillbaka till dokumentet' 'href="/documents/12"' 'Påbörjade ny revision'
hasnot history 'Innehåll' 'Kund och insats'
has edit-errors 'role="alert"' 'Formuläret innehåller fel' 'href="#f-activities-activity-1--how"' \
	'id="f-activities-activity-1--how"' 'aria-invalid="true" aria-describedby="e-activities-activity-1--how"' \
	'<p class="field-error" id="e-activities-activity-1--how">' 'name="subgoals/subgoal[2]"' \
	'name="_remove" value="subgoals/subgoal[2]"' 'name="_add" value="subgoals/subgoal"' \
	'name="_add" value="activities/activity"' 'name="scope/extent" id="f-scope-extent"' 'value="parttime"' \
	'name="scope/parttimeReason"' 'name="followUp"' 'value="2024-02-30"' 'name="signatures/customer/signedBy"' \
	'name="signatures/provider/date"' 'action="/documents/12"' 'name="version" value="4"' \
	'handel &amp; lager &lt;snart&gt;' '(obligatoriskt)' 'Spara utkast' 'href="/documents/12">Avbryt' \
	'<title>Fel: '
# the codes of errors in the words of xsl/texts.xsl
has edit-errors 'Delmål 2: Fältet måste fyllas i.' 'Ange ett giltigt datum (ÅÅÅÅ-MM-DD).' \
	'Ange skälet till deltid som karriärvägledaren angett.' \
	'<li>Dokumentet följer inte schemat.</li>'
hasnot edit-errors 'field-required' 'date-invalid' 'parttime-reason-required'
has edit-new 'action="/documents"' 'name="placement" value="3"' 'name="kind" value="plan"' \
	'type="date" value="" name="followUp"' 'Ny genomförandeplan' 'href="/placements/3">Avbryt'
hasnot edit-new 'name="_remove"' 'role="alert"' 'name="version"'
has error-404 'Sidan finns inte' 'Felkod för support: <code>r-9a9b</code>' 'href="/"'
has error-409 'Åtgärden går inte att utföra' \
	'Åtgärden går inte att utföra när dokumentet har status Godkänd.' \
	'<a href="/documents/12">Öppna dokumentet</a>'
hasnot error-409 'wrong-state' 'open-document'
has error-500-nouser 'Ett fel uppstod' 'r-9a9d'

# the save button is the first submit button of the edit form
for p in edit-errors edit-new; do
	first=$(grep -ao '<button[^>]*>' "$out/$p.html" | head -1)
	case $first in *'name="_action" value="save"'*) pass=$((pass + 1));;
		*) echo "FAIL $p: first button is $first"; fail=$((fail + 1));; esac
done

echo "pages: $pass passed, $fail failed"
[ $fail -eq 0 ]
