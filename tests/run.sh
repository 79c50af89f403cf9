#!/bin/sh
# The test driver behind `make test` (which has built build/insats and the unit
# test binaries, plain and ASan).  Runs every suite, prints one line per suite
# and finally exactly one line "N passed, N failed"; exits non-zero when
# anything failed or nothing ran.  Full output of each suite: build/test-logs/.
set -u
cd "$(dirname "$0")/.." || exit 1

LOGS=build/test-logs
rm -rf "$LOGS"
mkdir -p "$LOGS"
total_pass=0
total_fail=0

tally() {	# suite-name passed failed
	printf '%-32s %d passed, %d failed\n' "$1" "$2" "$3"
	total_pass=$((total_pass + $2))
	total_fail=$((total_fail + $3))
}

# Runs one cmocka binary; counts its summary lines.
unit() {	# label binary
	log=$LOGS/$1.log
	if command -v timeout >/dev/null 2>&1; then
		CMOCKA_MESSAGE_OUTPUT=STDOUT timeout 300 "$2" >"$log" 2>&1
	else
		CMOCKA_MESSAGE_OUTPUT=STDOUT "$2" >"$log" 2>&1
	fi
	rc=$?
	p=$(sed -n 's/^\[  PASSED  \] \([0-9][0-9]*\) test(s)\.$/\1/p' "$log" | awk '{ s += $1 } END { print s + 0 }')
	f=$(sed -n 's/^\[  FAILED  \] \([0-9][0-9]*\) test(s), listed below:$/\1/p' "$log" | awk '{ s += $1 } END { print s + 0 }')
	started=$(grep -cE '^\[==========\] Running [0-9]+ test\(s\)\.' "$log")
	summary=$(grep -cE '^\[==========\] [0-9]+ test\(s\) run\.' "$log")
	note=""
	if [ "$rc" -ne 0 ] && { [ "$f" -eq 0 ] || [ "$summary" -lt "$started" ]; }; then
		# A crash, a sanitizer report or a leak: one failure more.
		f=$((f + 1))
		if [ "$summary" -lt "$started" ] || [ "$summary" -eq 0 ]; then
			note=" (exit $rc, no summary)"
		else
			note=" (exit $rc)"
		fi
	fi
	tally "$1" "$p" "$f"
	if [ "$f" -ne 0 ]; then
		echo "  -- $log$note:"
		grep -E '^\[  (FAILED|ERROR) +\]|^\[ +LINE +\]|error:|ERROR: (Address|Leak)Sanitizer|runtime error:|SUMMARY:|^    #[0-9] ' "$log" | head -n 40 | sed 's/^/  | /'
		[ -n "$note" ] && tail -n 15 "$log" | sed 's/^/  | /'
	fi
}

# Runs node's test runner on the given files (TAP); counts "# pass"/"# fail".
# A test cancelled (its describe() block's before() failed) is a failure.
node_suite() {	# label files...
	label=$1
	shift
	log=$LOGS/$label.tap
	node --test --test-reporter=tap "$@" >"$log" 2>&1
	rc=$?
	p=$(sed -n 's/^# pass \([0-9][0-9]*\)$/\1/p' "$log" | tail -n 1)
	f=$(sed -n 's/^# fail \([0-9][0-9]*\)$/\1/p' "$log" | tail -n 1)
	c=$(sed -n 's/^# cancelled \([0-9][0-9]*\)$/\1/p' "$log" | tail -n 1)
	[ -n "$f" ] && f=$((f + ${c:-0}))
	note=""
	if [ -z "$p" ] || [ -z "$f" ]; then
		p=${p:-0}
		f=1
		note=" (no summary, exit $rc)"
	elif [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1
		note=" (exit $rc)"
	fi
	tally "$label" "$p" "$f"
	if [ "$f" -ne 0 ]; then
		echo "  -- $log$note:"
		# Each failing test with its diagnostic block, up to the next result.
		awk '
			/^[ \t]*not ok / { show = 1; skip = 0; n = 0; print; next }
			/^[ \t]*ok / { show = 0 }
			/^# (tests|suites|pass|fail|cancelled|skipped|todo|duration_ms) / { show = 0 }
			!show { next }
			/^[ \t]*stack: / { skip = 1; next }
			skip && /^[ \t]*(\.\.\.|[a-zA-Z_]+:)/ { skip = 0 }
			skip || /^[ \t]*(duration_ms|failureType|code|name|operator|---|\.\.\.)/ { next }
			n < 30 { print; n++ }
		' "$log" | head -n 150 | sed 's/^/  | /'
		[ -n "$note" ] && tail -n 20 "$log" | sed 's/^/  | /'
	fi
}

found=0
for b in build/tests/test_* build/asan/tests/test_*; do
	[ -f "$b" ] && [ -x "$b" ] || continue
	found=1
	case $b in
	build/asan/*) unit "asan-$(basename "$b")" "$b" ;;
	*) unit "unit-$(basename "$b")" "$b" ;;
	esac
done
[ "$found" -eq 1 ] || echo "no unit test binaries in build/tests (make unit)"

# The words of the interface are in xsl/ only: one test, the literals
# tests/tools/swedish-in-c.sh finds in src/ (none but its allow-list).
if sh tests/tools/swedish-in-c.sh >"$LOGS/swedish-in-c.log" 2>&1; then
	tally swedish-in-c 1 0
else
	tally swedish-in-c 0 1
	head -n 20 "$LOGS/swedish-in-c.log" | sed 's/^/  | /'
fi

# Every sample document against its XSD with xmllint --nonet.
sh tests/schemas/check.sh >"$LOGS/schemas.log" 2>&1
tally schemas "$(grep -c '^ok ' "$LOGS/schemas.log")" "$(grep -c '^FAIL ' "$LOGS/schemas.log")"
grep '^FAIL ' "$LOGS/schemas.log" | sed 's/^/  | /'

# The layers of src/ (README, Architecture): one test per rule.
sh tests/tools/layers.sh >"$LOGS/layers.log" 2>&1
tally layers "$(grep -c '^ok ' "$LOGS/layers.log")" "$(grep -c '^FAIL ' "$LOGS/layers.log")"
grep -A3 '^FAIL ' "$LOGS/layers.log" | sed 's/^/  | /'

if command -v node >/dev/null 2>&1; then
	set -- tests/integration/*.test.mjs
	if [ -f "$1" ]; then
		node_suite integration "$@"
	fi
	set -- tests/e2e/*.test.mjs
	if [ -f "$1" ]; then
		node_suite e2e "$@"
	fi
else
	echo "node is missing: integration and e2e suites not run (make deps)"
	total_fail=$((total_fail + 1))
fi

# Security (issue 5): each libFuzzer harness for 10 s, and the plan
# integration suite against the ASan/UBSan worker.  Both print TAP-like
# "# pass N" / "# fail N" lines last.
tap_suite() {	# label command...
	label=$1
	shift
	log=$LOGS/$label.log
	"$@" >"$log" 2>&1
	rc=$?
	p=$(sed -n 's/^# pass \([0-9][0-9]*\)$/\1/p' "$log" | tail -n 1)
	f=$(sed -n 's/^# fail \([0-9][0-9]*\)$/\1/p' "$log" | tail -n 1)
	p=${p:-0}
	f=${f:-1}
	[ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && f=1
	tally "$label" "$p" "$f"
	if [ "$f" -ne 0 ]; then
		echo "  -- $log (exit $rc):"
		grep -E '^(FAIL|not ok)|^  \|' "$log" | head -n 30 | sed 's/^/  | /'
		tail -n 5 "$log" | sed 's/^/  | /'
	fi
}
tap_suite fuzz make -s fuzz-short
tap_suite asan-worker make -s test-asan-worker

echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ] && [ $((total_pass + total_fail)) -gt 0 ]
