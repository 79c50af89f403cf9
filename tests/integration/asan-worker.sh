#!/bin/sh
# `make test-asan-worker`: the plan integration suite once more, against the
# worker built with AddressSanitizer/UndefinedBehaviorSanitizer
# (build/asan/insats), then a check that the worker's log holds no sanitizer
# report.  Output is TAP-like; the last lines are "# pass N" and "# fail N".
# Leaks: the master runs LeakSanitizer when it exits (stack.sh stop sends
# SIGTERM); workers end by signal, so their leaks are not checked here.
set -u
cd "$(dirname "$0")/../.." || exit 1
BIN=$(pwd)/build/asan/insats
[ -x "$BIN" ] || { echo "not ok 1 - $BIN is missing (make build/asan/insats)"; echo "# pass 0"; echo "# fail 1"; exit 1; }
mkdir -p build/test-logs
LOG=build/test-logs/asan-integration-plan-insats.log
rm -f "$LOG"
out=build/test-logs/asan-worker-plan.tap
INSATS_BIN=$BIN INSATS_LOG_PREFIX=asan- \
ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:halt_on_error=1 \
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	node --test --test-reporter=tap tests/integration/plan.test.mjs >"$out" 2>&1
rc=$?
p=$(sed -n 's/^# pass \([0-9][0-9]*\)$/\1/p' "$out" | tail -n 1)
f=$(sed -n 's/^# fail \([0-9][0-9]*\)$/\1/p' "$out" | tail -n 1)
p=${p:-0}
f=${f:-1}
[ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && f=1
grep -E '^(not )?ok ' "$out"
if [ ! -s "$LOG" ]; then
	echo "not ok - no worker log $LOG"
	f=$((f + 1))
elif grep -qE 'ERROR: (Address|Leak)Sanitizer|runtime error:|SUMMARY: ' "$LOG"; then
	echo "not ok - sanitizer report in the worker log $LOG:"
	grep -E 'ERROR: |runtime error:|SUMMARY: |^    #[0-9] ' "$LOG" | head -n 30 | sed 's/^/  | /'
	f=$((f + 1))
elif grep -q 'restarting' "$LOG"; then
	echo "not ok - a worker died under ASan (restart in $LOG)"
	f=$((f + 1))
else
	echo "ok - no sanitizer report in the ASan worker's log ($(grep -c 'status=' "$LOG") requests)"
	p=$((p + 1))
fi
echo "# pass $p"
echo "# fail $f"
[ "$f" -eq 0 ]
