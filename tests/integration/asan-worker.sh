#!/bin/sh
# `make test-asan-worker`: integration suites once more, against the worker
# built with AddressSanitizer/UndefinedBehaviorSanitizer (build/asan/insats):
# plan.test.mjs and reports.test.mjs whole, and security.test.mjs but for
# two tests (the RLIMIT_AS check: ASan reserves terabytes of shadow address
# space, so its build sets none; the 15 s rate-limit burst, which nginx
# answers).  Each suite's stack is stopped with SIGTERM; then the worker log
# of each must show
#   - no AddressSanitizer, LeakSanitizer or UBSan ("runtime error:") report,
#     from the master or any worker;
#   - that every worker ended through exit(), so LeakSanitizer checked it:
#     one "worker exit" line (an atexit handler in the worker) and one
#     "worker ended ... exit=0" line (the master, from waitpid) per worker,
#     the same pids, none ended otherwise (LeakSanitizer exits 23 here on a
#     leak) and none restarted;
#   - that the master ended its loop ("insats stopped"; it then returns
#     from main, where LeakSanitizer checks it).
# Output is TAP-like; the last lines are "# pass N" and "# fail N".
set -u
cd "$(dirname "$0")/../.." || exit 1
BIN=$(pwd)/build/asan/insats
[ -x "$BIN" ] || { echo "not ok 1 - $BIN is missing (make build/asan/insats)"; echo "# pass 0"; echo "# fail 1"; exit 1; }
mkdir -p build/test-logs
p=0
f=0

# Library-internal leaks by design only (see the file); none is needed now.
LSAN=
[ -f tests/integration/lsan.supp ] && LSAN="suppressions=$(pwd)/tests/integration/lsan.supp"

# run NAME [node options]: tests/integration/NAME.test.mjs against the ASan
# worker; adds its counts to p and f.  The suite's describe() blocks may
# each start a stack: every worker log of the suite is checked.
run() {
	name=$1
	shift
	logs=build/test-logs/asan-integration-$name
	out=build/test-logs/asan-worker-$name.tap
	rm -f "$logs"-insats.log "$logs"-*-insats.log
	# quarantine_size_mb: freed memory is reused sooner, so the security
	# suite's bound on a worker's growth holds.  INSATS_ATTACK_MS: sanitizer
	# malloc is slower; this run checks memory, security.test.mjs's own run
	# checks the 100 ms.
	INSATS_BIN=$BIN INSATS_LOG_PREFIX=asan- INSATS_ATTACK_MS=400 \
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:halt_on_error=1:exitcode=23:quarantine_size_mb=16 \
	LSAN_OPTIONS=$LSAN \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		node --test --test-reporter=tap "$@" "tests/integration/$name.test.mjs" >"$out" 2>&1
	rc=$?
	np=$(sed -n 's/^# pass \([0-9][0-9]*\)$/\1/p' "$out" | tail -n 1)
	nf=$(sed -n 's/^# fail \([0-9][0-9]*\)$/\1/p' "$out" | tail -n 1)
	nc=$(sed -n 's/^# cancelled \([0-9][0-9]*\)$/\1/p' "$out" | tail -n 1)
	np=${np:-0}
	nf=${nf:-1}
	nf=$((nf + ${nc:-0}))
	[ "$rc" -ne 0 ] && [ "$nf" -eq 0 ] && nf=1
	grep -E '^ *(not )?ok ' "$out" | grep -v '# SKIP' | sed "s/^ */$name: /"
	p=$((p + np))
	f=$((f + nf))
	for log in "$logs"-insats.log "$logs"-*-insats.log; do
		[ -e "$log" ] || continue
		check_log "$(basename "$log" -insats.log | sed 's/^asan-integration-//')" "$log"
	done
	[ -e "$logs-insats.log" ] || ls "$logs"-*-insats.log >/dev/null 2>&1 ||
		check_log "$name" "$logs-insats.log"
}

# check_log NAME LOG: the sanitizer and exit checks above, one TAP line each.
check_log() {
	if [ ! -s "$2" ]; then
		echo "not ok - $1: no worker log $2"
		f=$((f + 1))
		return
	fi
	if grep -qE 'ERROR: (Address|Leak)Sanitizer|runtime error:|SUMMARY: |Sanitizer' "$2"; then
		echo "not ok - $1: sanitizer report in $2:"
		grep -E 'ERROR: |runtime error:|SUMMARY: |Sanitizer|^(Direct|Indirect) leak|^    #[0-9] ' "$2" |
			head -n 40 | sed 's/^/  | /'
		f=$((f + 1))
	else
		echo "ok - $1: no sanitizer report ($(grep -c 'status=' "$2") requests)"
		p=$((p + 1))
	fi
	exits=$(sed -n 's/^level=info msg="worker exit" pid=\([0-9]*\)$/\1/p' "$2" | sort)
	ended=$(sed -n 's/^level=info msg="worker ended" pid=\([0-9]*\) exit=0$/\1/p' "$2" | sort)
	n=$(printf '%s\n' "$exits" | grep -c .)
	if grep -qE 'restarting|msg="worker ended" pid=[0-9]* (exit=[1-9]|signal=)' "$2"; then
		echo "not ok - $1: a worker did not end through exit(0):"
		grep -E 'restarting|msg="worker ended"' "$2" | grep -v ' exit=0$' | head -n 10 | sed 's/^/  | /'
		f=$((f + 1))
	elif [ "$n" -lt 2 ] || [ "$exits" != "$ended" ]; then
		echo "not ok - $1: every worker's exit() (atexit line) and the master's exit=0 must match:"
		echo "  | atexit: $(echo $exits)"
		echo "  | master: $(echo $ended)"
		f=$((f + 1))
	elif ! grep -q 'msg="insats stopped"' "$2"; then
		echo "not ok - $1: the master did not stop cleanly (no \"insats stopped\")"
		f=$((f + 1))
	else
		echo "ok - $1: $n workers ended through exit(0) after LeakSanitizer; the master stopped"
		p=$((p + 1))
	fi
}

start=$(date +%s)
run plan
run reports
run security '--test-name-pattern=^(lists|sets up|passes|keeps|refuses|answers every|sets the)'
echo "# asan-worker: $(($(date +%s) - start)) s"
echo "# pass $p"
echo "# fail $f"
[ "$f" -eq 0 ]
