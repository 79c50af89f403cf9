#!/bin/sh
# Instructions per request, counted by callgrind in one insats worker: a
# figure that machine noise does not move, so a regression shows.
#
#   callgrind.sh DIR INSATS VIEW_DOC N FORM_BODY
#
# Runs `insats serve` (1 worker) under valgrind on DIR/insats.db, sends
# warm-up requests, then N GET views of VIEW_DOC (as karin: after the
# first, from the worker's page cache), N GET views of N other documents
# (as anna, from DIR/many.txt: rendered) and N form saves of one of anna's
# drafts (FORM_BODY: csrf and fields, without the
# version), each through libfcgi's cgi-fcgi.  Callgrind dumps after every
# FCGX_Finish_r, so a phase's cost is the sum of the dumps it made.
# Then N start pages of karin (same page, both databases: small.db in a
# second run), and N of them rendered fresh (DIR/fresh.conf: the big
# database, page_cache = 0: the rows come from the fragment cache after the
# first) in a third, and N rendered cold (DIR/cold.conf: no page cache and
# no fragment cache) in a fourth.  Prints "view IR", "view_many IR",
# "start IR", "save IR", "start_small IR", "start_fresh IR" and
# "start_cold IR" per request; writes the inclusive profile of one request
# of each to DIR/callgrind-profile.txt.
set -u

DIR=$1 INSATS=$2 VIEW_DOC=$3 N=$4 FORM=$5
CG=$DIR/cg
mkdir -p "$CG"
rm -f "$CG"/cg.*

die() {
	echo "callgrind: $*" >&2
	[ -n "${VG:-}" ] && kill -TERM "$VG" 2>/dev/null
	exit 1
}

SAVE_DOC=$(sed -n '1s/|.*//p' "$DIR/drafts.txt")
VERSION=$(sqlite3 -batch -noheader "$DIR/insats.db" \
    "SELECT version FROM documents WHERE id = $SAVE_DOC AND state = 'draft'")
[ -n "$VERSION" ] || die "draft $SAVE_DOC is gone"

# Starts one worker under callgrind with DIR/$1.conf (its database).
start_vg() {
	rm -f "$CG"/cg.* "$DIR/cg.sock"
	sed -e "s|^socket[[:space:]]*=.*|socket = $DIR/cg.sock|" \
	    -e "s|^workers[[:space:]]*=.*|workers = 1|" \
	    -e "s|^threads[[:space:]]*=.*||" "$DIR/$1.conf" >"$DIR/cg.conf"
	# One thread: every request finds the same per-thread caches.
	echo "threads = 1" >>"$DIR/cg.conf"
	valgrind --tool=callgrind --dump-after=FCGX_Finish_r --dump-line=no \
	    --callgrind-out-file="$CG/cg.%p.out" \
	    "$INSATS" serve --config "$DIR/cg.conf" </dev/null >"$DIR/cg-$1.log" 2>&1 &
	VG=$!
	n=0
	while [ ! -S "$DIR/cg.sock" ]; do
		kill -0 "$VG" 2>/dev/null || die "insats under valgrind ended: $DIR/cg-$1.log"
		[ $n -ge 1200 ] && die "no socket after 120 s"
		sleep 0.1
		n=$((n + 1))
	done
}

stop_vg() {
	kill -TERM "$VG"
	wait "$VG" 2>/dev/null
	VG=
}

# One FastCGI request: $1 method, $2 user, $3 path, $4 body (POST).
fcgi() {
	if [ "$1" = POST ]; then
		printf '%s' "$4" | env -i REQUEST_METHOD=POST REQUEST_URI="$3" \
		    DOCUMENT_URI="$3" SCRIPT_NAME="$3" QUERY_STRING= \
		    CONTENT_TYPE=application/x-www-form-urlencoded \
		    CONTENT_LENGTH=${#4} SERVER_PROTOCOL=HTTP/1.1 \
		    REMOTE_ADDR=127.0.0.1 SERVER_NAME=localhost SERVER_PORT=80 \
		    HTTP_HOST=localhost REMOTE_USER="$2" \
		    cgi-fcgi -bind -connect "$DIR/cg.sock"
	else
		env -i REQUEST_METHOD=GET REQUEST_URI="$3" DOCUMENT_URI="$3" \
		    SCRIPT_NAME="$3" QUERY_STRING= SERVER_PROTOCOL=HTTP/1.1 \
		    REMOTE_ADDR=127.0.0.1 SERVER_NAME=localhost SERVER_PORT=80 \
		    HTTP_HOST=localhost REMOTE_USER="$2" \
		    cgi-fcgi -bind -connect "$DIR/cg.sock" </dev/null
	fi
}

view_other() {
	fcgi GET anna "/documents/$1" | head -n 1 | grep -q '^Status: 200' ||
		die "GET /documents/$1 did not answer 200"
}

start_page() {
	fcgi GET karin / | head -n 1 | grep -q '^Status: 200' ||
		die "GET / (karin) did not answer 200"
}

view() {
	fcgi GET karin "/documents/$VIEW_DOC" | head -n 1 | grep -q '^Status: 200' ||
		die "GET /documents/$VIEW_DOC did not answer 200"
}

save() {
	fcgi POST anna "/documents/$SAVE_DOC" "$FORM&version=$VERSION" |
	    head -n 1 | grep -q '^Status: 303' ||
		die "the save of $SAVE_DOC (version $VERSION) did not answer 303"
	VERSION=$((VERSION + 1))
}

# The dump files so far, in order.
dumps() {
	ls "$CG" | sed -n 's/^cg\.[0-9]*\.out\.\([0-9]*\)$/\1/p' | sort -n
}

# Waits until callgrind has written the dumps of the last request.
settle() {
	last=-1
	while :; do
		sleep 0.3
		now=$(dumps | wc -l)
		[ "$now" = "$last" ] && return
		last=$now
	done
}

# The summed Ir of the dumps after number $1 up to $2 (inclusive).
sum_dumps() {
	for k in $(dumps); do
		[ "$k" -gt "$1" ] && [ "$k" -le "$2" ] &&
			sed -n 's/^summary: //p' "$CG"/cg.*.out."$k"
	done | awk '{ s += $1 } END { printf "%.0f\n", s }'
}

# The biggest dump between $1 and $2: one whole request.
one_request() {
	for k in $(dumps); do
		[ "$k" -gt "$1" ] && [ "$k" -le "$2" ] &&
			echo "$(sed -n 's/^summary: //p' "$CG"/cg.*.out."$k") $k"
	done | sort -n | tail -n 1 | cut -d' ' -f2
}

start_vg insats
for i in 1 2 3; do
	view
	save
	start_page
done
settle
m0=$(dumps | tail -n 1)
i=0
while [ $i -lt "$N" ]; do
	view
	i=$((i + 1))
done
settle
m1=$(dumps | tail -n 1)
for d in $(tail -n "$N" "$DIR/many.txt"); do
	view_other "$d"
done
settle
mm=$(dumps | tail -n 1)
i=0
while [ $i -lt "$N" ]; do
	start_page
	i=$((i + 1))
done
settle
ms=$(dumps | tail -n 1)
i=0
while [ $i -lt "$N" ]; do
	save
	i=$((i + 1))
done
settle
m2=$(dumps | tail -n 1)

echo "view $(( $(sum_dumps "$m0" "$m1") / N ))"
echo "view_many $(( $(sum_dumps "$m1" "$mm") / N ))"
echo "start $(( $(sum_dumps "$mm" "$ms") / N ))"
echo "save $(( $(sum_dumps "$ms" "$m2") / N ))"
{
	echo "== GET /documents/$VIEW_DOC again (page cache hit; one request, inclusive)"
	callgrind_annotate --inclusive=yes --threshold=97 \
	    "$CG"/cg.*.out."$(one_request "$m0" "$m1")" | sed -n '/^Ir/,$p' | head -n 45
	echo
	echo "== GET /documents/N, a page not rendered before (one request, inclusive)"
	callgrind_annotate --inclusive=yes --threshold=97 \
	    "$CG"/cg.*.out."$(one_request "$m1" "$mm")" | sed -n '/^Ir/,$p' | head -n 45
	echo
	echo "== POST /documents/$SAVE_DOC, form save (one request, inclusive)"
	callgrind_annotate --inclusive=yes --threshold=97 \
	    "$CG"/cg.*.out."$(one_request "$ms" "$m2")" | sed -n '/^Ir/,$p' | head -n 45
} >"$DIR/callgrind-profile.txt" 2>&1
stop_vg

# N start pages of karin under DIR/$1.conf after 3 warm-ups; prints
# "$2 IR" per request and, given $3, adds one request's profile under
# that heading.
start_pages() {
	start_vg "$1"
	for i in 1 2 3; do
		start_page
	done
	settle
	p0=$(dumps | tail -n 1)
	i=0
	while [ $i -lt "$N" ]; do
		start_page
		i=$((i + 1))
	done
	settle
	p1=$(dumps | tail -n 1)
	if [ -n "${3:-}" ]; then
		{
			echo
			echo "== GET / (karin), $3 (one request, inclusive)"
			callgrind_annotate --inclusive=yes --threshold=97 \
			    "$CG"/cg.*.out."$(one_request "$p0" "$p1")" |
			    sed -n '/^Ir/,$p' | head -n 45
		} >>"$DIR/callgrind-profile.txt" 2>&1
	fi
	stop_vg
	echo "$2 $(( $(sum_dumps "$p0" "$p1") / N ))"
}

# The same start page with the 1 000-document database.
start_pages small start_small
# Rendered every time (no page cache), big database: its rows are found
# in the fragment cache after the first.
start_pages fresh start_fresh "rendered fresh: page_cache = 0"
# Nothing kept: every row rendered.
start_pages cold start_cold "rendered cold: page_cache = 0, fragment_cache = 0"
exit 0
