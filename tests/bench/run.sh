#!/bin/sh
# `make bench`: insats against the limits of its own architecture, in one
# run on 127.0.0.1 (README "Performance" says what is measured and why).
#
#   sh tests/bench/run.sh            (make bench builds the binaries first)
#
# Environment: BENCH_DOCS (100000), BENCH_CUSTOMERS (30000), BENCH_SECONDS
# per measurement (5), BENCH_CONNECTIONS (16), BENCH_CG_REQUESTS (20),
# BENCH_KEEP=1 keeps the run directory.  Writes build/bench/results.md.
set -u

REPO=$(cd "$(dirname "$0")/../.." && pwd)
INSATS=$REPO/build/insats
SEED=$REPO/build/bench/seed
FIXED=$REPO/build/bench/fixed-fcgi
OUT=$REPO/build/bench
DOCS=${BENCH_DOCS:-100000}
CUSTOMERS=${BENCH_CUSTOMERS:-30000}
SECS=${BENCH_SECONDS:-5}
CONNS=${BENCH_CONNECTIONS:-16}
CG_N=${BENCH_CG_REQUESTS:-20}
NPROC=$(nproc 2>/dev/null || echo 2)
T0=$(date +%s)

die() {
	echo "bench: $*" >&2
	exit 1
}

for tool in wrk nginx sqlite3 curl node; do
	command -v $tool >/dev/null 2>&1 || die "$tool is missing: run make bench (it installs wrk) or make deps"
done
[ -x "$INSATS" ] && [ -x "$SEED" ] && [ -x "$FIXED" ] || die "run make bench: the binaries are missing"

mkdir -p "$OUT"
DIR=$(mktemp -d /tmp/insats-bench.XXXXXX) || die "mktemp"
# nginx workers (www-data) reach the sockets and the static file here.
chmod 0755 "$DIR"
mkdir -p "$DIR/tmp" "$DIR/www" "$DIR/lua"
RESULTS=$DIR/results.txt
: >"$RESULTS"

INSATS_PID= SMALL_PID= FRESH_PID= FIXED_PID= CG_PID=
cleanup() {
	[ -f "$DIR/nginx.pid" ] && nginx -q -c "$DIR/nginx.conf" -s stop 2>/dev/null
	for p in $INSATS_PID $SMALL_PID $FRESH_PID $FIXED_PID $CG_PID; do
		kill -TERM "$p" 2>/dev/null
	done
	sleep 1
	if [ "${BENCH_KEEP:-0}" = 1 ]; then
		echo "bench: kept $DIR"
	else
		rm -rf "$DIR"
	fi
}
trap cleanup EXIT
trap 'exit 1' INT TERM

elapsed() {
	echo $(( $(date +%s) - T0 ))
}

# A free TCP port on 127.0.0.1 (the kernel picks it).
free_port() {
	node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

# Writes DIR/NAME.conf for insats serve on database DB and socket SOCK.
insats_conf() {
	sed -e "s|^database[[:space:]]*=.*|database = $DIR/$2|" \
	    -e "s|^socket[[:space:]]*=.*|socket = $DIR/$3|" \
	    -e "s|^socket_group[[:space:]]*=.*|socket_group = www-data|" \
	    -e "s|^workers[[:space:]]*=.*|workers = $4|" \
	    -e "s|^xsl_dir[[:space:]]*=.*|xsl_dir = $REPO/xsl|" \
	    -e "s|^schema_dir[[:space:]]*=.*|schema_dir = $REPO/schemas|" \
	    -e "s|^catalogue[[:space:]]*=.*|catalogue = $REPO/conf/catalogue.tsv|" \
	    "$REPO/conf/insats.conf" >"$DIR/$1.conf" || die "cannot write $1.conf"
}

# Creates and seeds database $1 with $2 documents and $3 customers.
seed_db() {
	insats_conf "seed-$1" "$1" unused.sock 1
	"$INSATS" init --demo --config "$DIR/seed-$1.conf" >"$DIR/init-$1.log" 2>&1 ||
		{ cat "$DIR/init-$1.log" >&2; die "insats init failed"; }
	"$SEED" --db "$DIR/$1" --schema-dir "$REPO/schemas" --docs "$2" \
	    --customers "$3" || die "seed failed"
}

# Waits for the unix socket $1 (process $2 must stay alive).
wait_socket() {
	n=0
	while [ ! -S "$1" ]; do
		kill -0 "$2" 2>/dev/null || die "the server of $1 ended; see $DIR/*.log"
		[ $n -ge 600 ] && die "no socket $1"
		sleep 0.1
		n=$((n + 1))
	done
}

# Starts insats serve with config $1 in its own process group; prints the pid.
start_insats() {
	setsid "$INSATS" serve --config "$DIR/$1.conf" </dev/null \
	    >>"$DIR/$1.log" 2>&1 &
	echo $!
}

# The worker pids of master $1.
workers_of() {
	ps -o pid= --ppid "$1" | tr -d ' '
}

# "pid:rss_kB ..." of the workers of master $1.
rss_of() {
	for w in $(workers_of "$1"); do
		printf '%s:%s ' "$w" "$(sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\).*/\1/p' "/proc/$w/status")"
	done
}

# Requests insats (big database) has answered: one log line each.
served() {
	grep -c ' method=' "$DIR/insats.log"
}

# HTTP status of curl "$@" (the URL last).
status_of() {
	curl -s -o /dev/null -w '%{http_code}' "$@"
}

# Checks that curl "$@" answers $1 before a bench relies on it.
expect() {
	want=$1
	shift
	got=$(status_of "$@")
	[ "$got" = "$want" ] || die "expected $want, got $got: curl $*"
}

# Runs wrk with Lua script $2 on URL $3 and records the result as $1.
# Extra wrk arguments follow; "--" and script arguments last.
bench() {
	name=$1 script=$2 url=$3
	shift 3
	cat "$DIR/lua/$script" "$REPO/tests/bench/report.lua" >"$DIR/lua/run-$script"
	wrk -t2 -c"$CONNS" -d"${SECS}s" --timeout 5s -s "$DIR/lua/run-$script" \
	    "$url" "$@" >"$DIR/wrk-$name.txt" 2>&1 || die "wrk failed for $name"
	line=$(grep '^RESULT ' "$DIR/wrk-$name.txt") ||
		{ cat "$DIR/wrk-$name.txt" >&2; die "no result for $name"; }
	echo "$name ${line#RESULT }" >>"$RESULTS"
	echo "bench: $name: ${line#RESULT }"
}

# ---- data ----------------------------------------------------------------
echo "bench: seeding $DOCS documents, $CUSTOMERS customers (and a 1000-document copy)"
seed_db insats.db "$DOCS" "$CUSTOMERS"
seed_db small.db 1000 500
echo "bench: seeded at $(elapsed) s"

q() {
	sqlite3 -batch -noheader "$DIR/$1" "$2"
}
# A placement its provider may still read: not one it lost when the
# customer moved on to another provider and its final report's last day
# passed (issue 13: router.c, moved_away()).
READABLE="(p.end_date IS NULL OR p.end_date >= date('now', '-14 days')
    OR NOT EXISTS (SELECT 1 FROM placements np
    WHERE np.customer_id = p.customer_id AND np.id > p.id
    AND np.provider_id != p.provider_id))"
# The document viewed: karin's first plan waiting for her review.
VIEW_DOC=$(q insats.db "SELECT d.id FROM documents d
    JOIN placements p ON p.id = d.placement_id
    JOIN customers c ON c.id = p.customer_id
    JOIN users u ON u.id = c.counsellor_id
    WHERE u.login = 'karin' AND d.state = 'submitted' ORDER BY d.id LIMIT 1")
[ -n "$VIEW_DOC" ] || die "no submitted plan for karin"
# Drafts of Framtid AB (anna) outside karin's portfolio, in three sets:
# form saves, XML saves, and the mixed load.  Each save bumps the version,
# so every set is used by one workload only.
q insats.db "SELECT d.id, d.version FROM documents d
    JOIN placements p ON p.id = d.placement_id
    JOIN organisations o ON o.id = p.provider_id
    JOIN customers c ON c.id = p.customer_id
    JOIN users u ON u.id = c.counsellor_id
    WHERE o.name = 'Framtid AB' AND d.state = 'draft' AND d.kind = 'plan'
    AND u.login <> 'karin' AND $READABLE ORDER BY d.id" >"$DIR/drafts.txt"
ndrafts=$(wc -l <"$DIR/drafts.txt")
[ "$ndrafts" -ge 300 ] || die "only $ndrafts drafts of Framtid AB: seed more documents"
# Three in five drafts for the form saves (each needs its version), one
# for the XML saves, one for the mixed load.
lua_drafts() {
	echo "drafts = {"
	awk -F'|' -v sets="$1" 'index(sets, NR % 5) { printf "{%s,%s},\n", $1, $2 }' "$DIR/drafts.txt"
	echo "}"
}
lua_drafts 012 >"$DIR/lua/drafts-form.lua"
lua_drafts 3 >"$DIR/lua/drafts-xml.lua"
lua_drafts 4 >"$DIR/lua/drafts-mix.lua"
INVALID_DOC=$(awk -F'|' 'NR == 4 { print $1 }' "$DIR/drafts.txt")
MIX_DOC=$(awk -F'|' 'NR == 9 { print $1 }' "$DIR/drafts.txt")
# Documents of Framtid AB in every state, for views that are not in the
# worker's page cache (each is asked for once every 2 000 requests).
q insats.db "SELECT d.id FROM documents d
    JOIN placements p ON p.id = d.placement_id
    JOIN organisations o ON o.id = p.provider_id
    WHERE o.name = 'Framtid AB' AND $READABLE ORDER BY d.id LIMIT 2000" >"$DIR/many.txt"

# ---- servers --------------------------------------------------------------
insats_conf insats insats.db insats.sock "$NPROC"
insats_conf small small.db small.sock "$NPROC"
# The big database again with no page cache: every page rendered fresh.
insats_conf fresh insats.db fresh.sock "$NPROC"
echo "page_cache = 0" >>"$DIR/fresh.conf"
# For callgrind only: no page and no row kept (include/fragment.h).
sed -e '$a fragment_cache = 0' "$DIR/fresh.conf" >"$DIR/cold.conf"
INSATS_PID=$(start_insats insats)
SMALL_PID=$(start_insats small)
FRESH_PID=$(start_insats fresh)
wait_socket "$DIR/insats.sock" "$INSATS_PID"
wait_socket "$DIR/small.sock" "$SMALL_PID"
wait_socket "$DIR/fresh.sock" "$FRESH_PID"

PORT=$(free_port)
PORT_SMALL=$(free_port)
[ "$PORT" != "$PORT_SMALL" ] || PORT_SMALL=$(free_port)
PORT_FRESH=$(free_port)
while [ "$PORT_FRESH" = "$PORT" ] || [ "$PORT_FRESH" = "$PORT_SMALL" ]; do
	PORT_FRESH=$(free_port)
done
cp "$REPO/conf/nginx/security-headers.conf" "$DIR/headers.conf"
cp "$REPO/tests/bench/fastcgi.conf" "$DIR/fastcgi.conf"
sed -e "s|@DIR@|$DIR|g" -e "s|@PORT@|$PORT|g" -e "s|@PORT_SMALL@|$PORT_SMALL|g" \
    -e "s|@PORT_FRESH@|$PORT_FRESH|g" \
    -e "s|@NGINX_WORKERS@|${BENCH_NGINX_WORKERS:-1}|g" \
    "$REPO/tests/bench/nginx.conf.in" >"$DIR/nginx.conf"
nginx -q -c "$DIR/nginx.conf" >"$DIR/nginx-start.log" 2>&1 ||
	{ cat "$DIR/nginx-start.log" >&2; die "nginx did not start"; }
BASE=http://127.0.0.1:$PORT
SMALL=http://127.0.0.1:$PORT_SMALL
FRESH=http://127.0.0.1:$PORT_FRESH

# The size of the rendered page sets the size of both limits.
curl -s -H 'X-Bench-User: karin' -o "$DIR/view.html" "$BASE/documents/$VIEW_DOC"
PAGE_BYTES=$(wc -c <"$DIR/view.html")
[ "$PAGE_BYTES" -gt 1000 ] || die "the view page is only $PAGE_BYTES bytes"
head -c "$PAGE_BYTES" /dev/zero | tr '\0' 'x' >"$DIR/www/static-page.html"
chmod -R a+rX "$DIR/www"
setsid "$FIXED" "$DIR/fixed.sock" "$PAGE_BYTES" "$NPROC" </dev/null >"$DIR/fixed.log" 2>&1 &
FIXED_PID=$!
wait_socket "$DIR/fixed.sock" "$FIXED_PID"

# ---- request bodies ---------------------------------------------------------
CSRF=$(curl -s -H 'X-Bench-User: anna' "$BASE/documents/$INVALID_DOC/edit" |
    sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -n 1)
[ ${#CSRF} -eq 64 ] || die "no CSRF token in anna's edit form"
# A complete, valid plan as the edit form posts it.
FORM='goal=Arbete+inom+lager+och+logistik+p%C3%A5+minst+halvtid.&subgoals%2Fsubgoal%5B1%5D=Truckkort+A+och+B.&subgoals%2Fsubgoal%5B2%5D=Praktik+hos+en+arbetsgivare+i+Nacka.&activities%2Factivity%5B1%5D%2Fwhat=Truckutbildning&activities%2Factivity%5B1%5D%2Fhow=Kurs+hos+extern+utbildare%2C+fyra+dagar.&activities%2Factivity%5B1%5D%2Fwhen=Vecka+12&activities%2Factivity%5B2%5D%2Fwhat=Praktik&activities%2Factivity%5B2%5D%2Fhow=Handledd+praktik%2C+tre+dagar+i+veckan.&activities%2Factivity%5B2%5D%2Fwhen=Vecka+14-20&scope%2Fextent=fulltime&scope%2FparttimeReason=&followUp=2026-12-15&signatures%2Fcustomer%2FsignedBy=Kunden&signatures%2Fcustomer%2Fdate=2026-11-02&signatures%2Fprovider%2FsignedBy=Anna+Andersson&signatures%2Fprovider%2Fdate=2026-11-02'
# The same plan with an empty goal and an impossible date: 422.
BAD_FORM=$(printf '%s' "$FORM" | sed -e 's/^goal=[^&]*/goal=/' -e 's/followUp=[^&]*/followUp=2026-13-45/')
XML=$(cat "$REPO/tests/data/plan-valid.xml" | tr -d '\n' | sed 's/"/\\"/g')

cat >"$DIR/lua/view.lua" <<EOF
wrk.headers["X-Bench-User"] = "karin"
EOF
cp "$DIR/lua/view.lua" "$DIR/lua/start.lua"
{
	echo "docs = {"
	sed 's/$/,/' "$DIR/many.txt"
	echo "}"
	cat <<EOF
local hdrs = { ["X-Bench-User"] = "anna" }
local nth = 0
function setup(thread) thread:set("tid", nth); nth = nth + 1 end
function init(args) n = tonumber(args[1]); idx = tid + 1 end
function request()
	local d = docs[idx]
	idx = idx + n
	if idx > #docs then idx = tid + 1 end
	return wrk.format("GET", "/documents/" .. d, hdrs)
end
EOF
} >"$DIR/lua/many.lua"
: >"$DIR/lua/plain.lua"
# Form saves: each draft in turn, with the version it has by then (every
# pass over the list adds one); threads take alternate drafts.
{
	cat "$DIR/lua/drafts-form.lua"
	cat <<EOF
local csrf = "$CSRF"
local fields = "$FORM"
local hdrs = { ["Content-Type"] = "application/x-www-form-urlencoded",
    ["X-Bench-User"] = "anna" }
local nth = 0
function setup(thread) thread:set("tid", nth); nth = nth + 1 end
function init(args) n = tonumber(args[1]); idx = tid + 1; pass = 0; checked = false end
function request()
	-- wrk calls request() once in its first thread to check the script
	-- (script_verify_request) and never sends that one: it must not use
	-- up a draft, or the draft's version is off by one from then on.
	if tid == 0 and not checked then
		checked = true
		return wrk.format("GET", "/healthz")
	end
	local d = drafts[idx]
	idx = idx + n
	local body = "csrf=" .. csrf .. "&version=" .. (d[2] + pass) .. "&" .. fields
	if idx > #drafts then idx = tid + 1; pass = pass + 1 end
	return wrk.format("POST", "/documents/" .. d[1], hdrs, body)
end
EOF
} >"$DIR/lua/save.lua"
# XML saves: without a version the API saves over the current one.
{
	cat "$DIR/lua/drafts-xml.lua"
	cat <<EOF
local xml = "$XML"
local hdrs = { ["Content-Type"] = "application/xml", ["X-Bench-User"] = "anna" }
local nth = 0
function setup(thread) thread:set("tid", nth); nth = nth + 1 end
function init(args) n = tonumber(args[1]); idx = tid + 1 end
function request()
	local d = drafts[idx]
	idx = idx + n
	if idx > #drafts then idx = tid + 1 end
	return wrk.format("POST", "/documents/" .. d[1], hdrs, xml)
end
EOF
} >"$DIR/lua/xml.lua"
cat >"$DIR/lua/invalid.lua" <<EOF
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["X-Bench-User"] = "anna"
wrk.body = "csrf=$CSRF&version=1&$BAD_FORM"
EOF
# The mixed load for the memory check: every kind of request in turn,
# views of 2 000 documents among them, so the worker's page cache is full
# (64 pages, 4 MB at most) before the first point.
{
	cat "$DIR/lua/drafts-mix.lua"
	echo "docs = {"
	sed 's/$/,/' "$DIR/many.txt"
	echo "}"
	cat <<EOF
local xml = "$XML"
local bad = "csrf=$CSRF&version=1&$BAD_FORM"
local karin = { ["X-Bench-User"] = "karin" }
local anna = { ["X-Bench-User"] = "anna" }
local annaxml = { ["Content-Type"] = "application/xml", ["X-Bench-User"] = "anna" }
local annaform = { ["Content-Type"] = "application/x-www-form-urlencoded",
    ["X-Bench-User"] = "anna" }
local nth = 0
function setup(thread) thread:set("tid", nth); nth = nth + 1 end
function init(args) n = tonumber(args[1]); idx = tid + 1; k = 0 end
function request()
	k = k + 1
	local r = k % 7
	if r == 0 then return wrk.format("GET", "/", karin) end
	if r == 6 then
		m = (m or tid) + n
		if m > #docs then m = tid + 1 end
		return wrk.format("GET", "/documents/" .. docs[m], anna)
	end
	if r == 1 or r == 2 then return wrk.format("GET", "/documents/$VIEW_DOC", karin) end
	if r == 3 then return wrk.format("GET", "/documents/$MIX_DOC/edit", anna) end
	if r == 4 then return wrk.format("POST", "/documents/$INVALID_DOC", annaform, bad) end
	local d = drafts[idx]
	idx = idx + n
	if idx > #drafts then idx = tid + 1 end
	return wrk.format("POST", "/documents/" .. d[1], annaxml, xml)
end
EOF
} >"$DIR/lua/mix.lua"

# Every request kind answers as it should before it is measured.
expect 200 -H 'X-Bench-User: karin' "$BASE/documents/$VIEW_DOC"
expect 200 -H 'X-Bench-User: anna' "$BASE/documents/$(tail -n 1 "$DIR/many.txt")"
expect 200 -H 'X-Bench-User: karin' "$BASE/"
expect 200 -H 'X-Bench-User: karin' "$SMALL/"
expect 200 -H 'X-Bench-User: karin' "$FRESH/"
expect 200 "$BASE/static-page.html"
expect 200 "$BASE/fixed"
expect 422 -H 'X-Bench-User: anna' -H 'Content-Type: application/x-www-form-urlencoded' \
    --data-binary "csrf=$CSRF&version=1&$BAD_FORM" "$BASE/documents/$INVALID_DOC"
[ "$(curl -s -H 'X-Bench-User: karin' "$BASE/" | wc -c)" = "$(curl -s -H 'X-Bench-User: karin' "$SMALL/" | wc -c)" ] ||
	die "karin's start page differs between the two databases"
[ "$(curl -s -H 'X-Bench-User: karin' "$BASE/" | md5sum)" = "$(curl -s -H 'X-Bench-User: karin' "$FRESH/" | md5sum)" ] ||
	die "karin's start page differs with and without the page cache"
START_BYTES=$(curl -s -H 'X-Bench-User: karin' "$BASE/" | wc -c)
echo "bench: servers up at $(elapsed) s; view page $PAGE_BYTES bytes, start page $START_BYTES bytes"

# ---- memory, first point: after 20 000 requests -----------------------------
# Runs the mixed load in short rounds until insats has answered $1 requests
# (wrk runs for a duration, not a count).
mix_until() {
	while [ "$(served)" -lt "$1" ]; do
		wrk -t2 -c"$CONNS" -d2s --timeout 5s -s "$DIR/lua/mix.lua" "$BASE/" -- 2 \
		    >>"$DIR/wrk-mix.txt" 2>&1 || die "wrk mix failed"
		[ $(( $(date +%s) - T0 )) -lt 280 ] || die "the mixed load is too slow for the time bound"
	done
	sleep 0.5
}
mix_until 20000
N1=$(served)
RSS1=$(rss_of "$INSATS_PID")
echo "bench: after $N1 requests: worker RSS (kB) $RSS1"

# ---- the measurements ---------------------------------------------------------
bench static plain.lua "$BASE/static-page.html"
bench fixed plain.lua "$BASE/fixed"
bench view view.lua "$BASE/documents/$VIEW_DOC"
bench view_many many.lua "$BASE/" -- 2
bench start view.lua "$BASE/"
bench start_small view.lua "$SMALL/"
bench start_fresh view.lua "$FRESH/"
bench save save.lua "$BASE/" -- 2
bench xml xml.lua "$BASE/" -- 2
bench invalid invalid.lua "$BASE/documents/$INVALID_DOC"

# ---- memory, second point: after 200 000 requests ------------------------------
mix_until 100000
echo "bench: after $(served) requests: worker RSS (kB) $(rss_of "$INSATS_PID")"
mix_until 200000
N2=$(served)
RSS2=$(rss_of "$INSATS_PID")
echo "bench: after $N2 requests: worker RSS (kB) $RSS2"
ERRORS5=$(grep -c 'status=5' "$DIR/insats.log")

# ---- instructions per request (callgrind, one worker) ----------------------------
CG_VIEW= CG_SAVE= CG_MANY= CG_START= CG_START_SMALL= CG_START_FRESH= CG_START_COLD= CG_NOTE=
if command -v valgrind >/dev/null 2>&1 && command -v cgi-fcgi >/dev/null 2>&1; then
	echo "bench: callgrind, $CG_N requests of each kind (at $(elapsed) s)"
	sh "$REPO/tests/bench/callgrind.sh" "$DIR" "$INSATS" "$VIEW_DOC" "$CG_N" \
	    "csrf=$CSRF&$FORM" >"$DIR/callgrind.txt" 2>"$DIR/callgrind.err" ||
		{ cat "$DIR/callgrind.err" >&2; die "callgrind failed"; }
	CG_VIEW=$(sed -n 's/^view //p' "$DIR/callgrind.txt")
	CG_SAVE=$(sed -n 's/^save //p' "$DIR/callgrind.txt")
	CG_MANY=$(sed -n 's/^view_many //p' "$DIR/callgrind.txt")
	CG_START=$(sed -n 's/^start //p' "$DIR/callgrind.txt")
	CG_START_SMALL=$(sed -n 's/^start_small //p' "$DIR/callgrind.txt")
	CG_START_FRESH=$(sed -n 's/^start_fresh //p' "$DIR/callgrind.txt")
	CG_START_COLD=$(sed -n 's/^start_cold //p' "$DIR/callgrind.txt")
else
	CG_NOTE="valgrind or cgi-fcgi (libfcgi-bin) missing: not counted"
fi

# ---- purge and archive export at two sizes -------------------------------------
PURGE_NOTE="pending: insats purge / insats export archive do not exist yet"
if "$INSATS" 2>&1 | grep -q 'insats purge' &&
   "$INSATS" 2>&1 | grep -q 'export archive'; then
	PURGE_NOTE=$(sh "$REPO/tests/bench/purge.sh" "$DIR" "$INSATS" 2>&1) ||
		PURGE_NOTE="failed: $PURGE_NOTE"
fi

# ---- the table ---------------------------------------------------------------------
node "$REPO/tests/bench/report.mjs" "$RESULTS" \
    "page=$PAGE_BYTES" "start_bytes=$START_BYTES" "docs=$DOCS" "customers=$CUSTOMERS" \
    "n1=$N1" "rss1=$RSS1" "n2=$N2" "rss2=$RSS2" "errors5=$ERRORS5" \
    "cg_n=$CG_N" "cg_view=$CG_VIEW" "cg_save=$CG_SAVE" "cg_many=$CG_MANY" "cg_start=$CG_START" "cg_start_small=$CG_START_SMALL" "cg_start_fresh=$CG_START_FRESH" "cg_start_cold=$CG_START_COLD" "cg_note=$CG_NOTE" \
    "purge=$PURGE_NOTE" "seconds=$(elapsed)" "conns=$CONNS" "secs=$SECS" \
    "nproc=$NPROC" "cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)" \
    "mem=$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)" \
    "kernel=$(uname -r)" "nginx=$(nginx -v 2>&1 | sed 's/.*\///')" \
    "sqlite=$(sqlite3 -version | cut -d' ' -f1)" \
    "profile=$DIR/callgrind-profile.txt" >"$OUT/results.md" || die "report failed"
[ -f "$DIR/callgrind-profile.txt" ] && cp "$DIR/callgrind-profile.txt" "$OUT/callgrind-profile.txt"
cat "$OUT/results.md"
grep -q '^Targets: all met' "$OUT/results.md"
