#!/bin/sh
# Runs each libFuzzer harness in build/fuzz/ for SECONDS (default 60),
# starting from its committed seed corpus tests/fuzz/corpus/<harness>/, after
# replaying tests/fuzz/regressions/<harness>/ (inputs that once crashed).
# New corpus entries go to build/fuzz/work/, never into the tree; a crash
# leaves its input in build/fuzz/artifacts/.  Prints "PASS name" or
# "FAIL name" per harness and exits non-zero when any failed.
set -u
cd "$(dirname "$0")/../.." || exit 1
SECONDS_EACH=${1:-60}
NAMES=${FUZZ_NAMES:-"form_parse form_to_xml xml_validate pnr_parse http_input"}
LOGS=build/fuzz/logs
mkdir -p "$LOGS" build/fuzz/artifacts
fail=0
npass=0
nfail=0
for n in $NAMES; do
	bin=build/fuzz/fuzz_$n
	work=build/fuzz/work/$n
	log=$LOGS/$n.log
	mkdir -p "$work"
	ok=1
	if [ ! -x "$bin" ]; then
		echo "FAIL $n (no $bin)"
		fail=1
		nfail=$((nfail + 1))
		continue
	fi
	if [ -d "tests/fuzz/regressions/$n" ] &&
	   [ -n "$(ls "tests/fuzz/regressions/$n" 2>/dev/null)" ]; then
		"$bin" -runs=1 tests/fuzz/regressions/"$n"/* >"$log.regress" 2>&1 || ok=0
	fi
	# -timeout: one input may take at most 10 s; -rss_limit_mb bounds memory.
	"$bin" -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 \
	    -max_len=65536 -print_final_stats=1 \
	    -artifact_prefix="build/fuzz/artifacts/$n-" \
	    "$work" "tests/fuzz/corpus/$n" >"$log" 2>&1 || ok=0
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	if [ "$ok" -eq 1 ]; then
		echo "PASS $n (${SECONDS_EACH}s, ${execs:-?} runs)"
		npass=$((npass + 1))
	else
		echo "FAIL $n (see $log)"
		grep -E 'ERROR: |SUMMARY: |runtime error|Test unit written' "$log" "$log.regress" 2>/dev/null | head -n 8 | sed 's/^/  | /'
		fail=1
		nfail=$((nfail + 1))
	fi
done
echo "# pass $npass"
echo "# fail $nfail"
exit $fail
