#!/bin/sh
# Checks every sample document of tests/data against the XSD of its kind
# with xmllint --nonet (the kind is the file name up to the first '-'):
#   KIND-valid*.xml    must validate
#   KIND-rule-*.xml    must validate (the business rules refuse them:
#                      tests/unit/test_kinds.c)
#   KIND-invalid*.xml  must NOT validate
# Every template in schemas/templates must be well-formed.  Prints one line
# per file and "N passed, N failed"; exits non-zero on a failure.
set -u
cd "$(dirname "$0")/../.." || exit 1
pass=0
fail=0
for f in tests/data/*.xml; do
	name=$(basename "$f" .xml)
	kind=${name%%-*}
	xsd=schemas/$kind.xsd
	if [ ! -f "$xsd" ]; then
		echo "FAIL $f: no schema $xsd"; fail=$((fail + 1)); continue
	fi
	if xmllint --nonet --noout --schema "$xsd" "$f" >/dev/null 2>&1; then ok=1; else ok=0; fi
	case $name in
	*-invalid*) want=0 ;;
	*) want=1 ;;
	esac
	if [ "$ok" -eq "$want" ]; then
		echo "ok   $f"; pass=$((pass + 1))
	else
		echo "FAIL $f: expected $( [ "$want" -eq 1 ] && echo valid || echo invalid )"
		xmllint --nonet --noout --schema "$xsd" "$f" 2>&1 | head -n 5 | sed 's/^/  | /'
		fail=$((fail + 1))
	fi
done
for f in schemas/templates/*.xml; do
	if xmllint --nonet --noout "$f" >/dev/null 2>&1; then
		echo "ok   $f"; pass=$((pass + 1))
	else
		echo "FAIL $f: not well-formed"; fail=$((fail + 1))
	fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
