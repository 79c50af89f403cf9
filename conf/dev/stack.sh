#!/bin/sh
# insats dev stack: nginx + `insats serve` on 127.0.0.1, from one run directory.
#
#   stack.sh start DIR PORT   fresh demo database and configs in DIR, start both,
#                             return when http://127.0.0.1:PORT/healthz answers
#   stack.sh stop DIR         stop what `start DIR` started
#   stack.sh run PORT         `make run`: start in run/, print the URL and the demo
#                             logins, stop everything on Ctrl-C or SIGTERM
#
# Runs as root (nginx workers drop to www-data; the insats socket is group
# www-data, mode 0660).  Listens on 127.0.0.1 only.
set -u

REPO=$(cd "$(dirname "$0")/../.." && pwd)
# INSATS_BIN: another build of the worker (e.g. build/asan/insats for the
# sanitizer run of the integration suite).
INSATS=${INSATS_BIN:-$REPO/build/insats}

die() {
	echo "stack: $*" >&2
	exit 1
}

# Escapes a string for the replacement part of a sed s|…|…| command.
sedrepl() {
	printf '%s' "$1" | sed 's/[\\&|]/\\&/g'
}

# Succeeds when process $1 exists and is not a zombie (PID 1 here may not reap).
alive() {
	kill -0 "$1" 2>/dev/null || return 1
	if [ -r "/proc/$1/stat" ]; then
		st=$(sed 's/^.*) \([A-Za-z]\).*$/\1/' "/proc/$1/stat" 2>/dev/null)
		[ "$st" = Z ] && return 1
	fi
	return 0
}

# Succeeds when process $1 runs the insats binary (a stale pid file must not
# make us signal an unrelated process).
is_insats() {
	[ -r "/proc/$1/cmdline" ] || return 0
	tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | grep -q insats
}

# Prints the live (non-zombie) processes of process group $1.
group_live() {
	cat /proc/[0-9]*/stat 2>/dev/null |
		sed -n 's/^\([0-9]*\) .*) \([A-Za-z]\) [0-9-]* \([0-9-]*\) .*$/\1 \2 \3/p' |
		awk -v g="$1" '$3 == g && $2 != "Z" { print $1 }'
}

# Waits up to $2 tenths of a second for process $1 to end.
wait_gone() {
	n=0
	while alive "$1"; do
		[ "$n" -ge "$2" ] && return 1
		sleep 0.1
		n=$((n + 1))
	done
	return 0
}

# Succeeds when GET $1 answers 200.
probe() {
	if command -v curl >/dev/null 2>&1; then
		curl -fsS -o /dev/null --max-time 2 "$1" 2>/dev/null
	elif command -v wget >/dev/null 2>&1; then
		wget -q -O /dev/null -T 2 -t 1 "$1" 2>/dev/null
	else
		node -e 'fetch(process.argv[1],{signal:AbortSignal.timeout(2000)}).then(r=>process.exit(r.status===200?0:1),()=>process.exit(1))' "$1" 2>/dev/null
	fi
}

# Prints the last lines of the logs in $1, for a failed start.
show_logs() {
	for f in "$1/insats.log" "$1/nginx-start.log" "$1/nginx-error.log"; do
		[ -s "$f" ] || continue
		echo "--- $f" >&2
		tail -n 30 "$f" >&2
	done
}

start() {
	[ $# -eq 2 ] || die "usage: stack.sh start DIR PORT"
	port=$2
	case $port in
	''|*[!0-9]*) die "bad port: $port" ;;
	esac
	[ -x "$INSATS" ] || die "$INSATS is missing: run make build/insats"
	command -v nginx >/dev/null 2>&1 || die "nginx is not installed: run make deps"
	mkdir -p "$1" || die "cannot create $1"
	dir=$(cd "$1" && pwd)
	case $dir in
	*[\ \	\;\'\"\{\}\#\|]*) die "the run directory must not contain spaces or quotes: $dir" ;;
	esac
	[ ${#dir} -le 90 ] || die "the run directory path is too long for a unix socket: $dir"

	# nginx workers (www-data) traverse DIR: socket, htpasswd, temp files.
	chmod 0755 "$dir"
	rm -f "$dir/insats.db" "$dir/insats.db-wal" "$dir/insats.db-shm" "$dir/insats.sock" \
		"$dir/insats.pid" "$dir/insats.pgid" "$dir/nginx.pid"
	mkdir -p "$dir/tmp" "$dir/snippets"
	# A copy of the static files: the repository may sit where www-data
	# cannot read (e.g. under /root).
	rm -rf "$dir/static"
	cp -R "$REPO/xsl/static" "$dir/static" || die "cannot copy xsl/static"
	chmod -R a+rX "$dir/static"

	d=$(sedrepl "$dir")
	r=$(sedrepl "$REPO")
	sed -e "s|^database[[:space:]]*=.*|database        = $d/insats.db|" \
	    -e "s|^socket[[:space:]]*=.*|socket          = $d/insats.sock|" \
	    -e "s|^socket_group[[:space:]]*=.*|socket_group    = www-data|" \
	    -e "s|^workers[[:space:]]*=.*|workers         = 2|" \
	    -e "s|^xsl_dir[[:space:]]*=.*|xsl_dir         = $r/xsl|" \
	    -e "s|^schema_dir[[:space:]]*=.*|schema_dir      = $r/schemas|" \
	    -e "s|^catalogue[[:space:]]*=.*|catalogue       = $r/conf/catalogue.tsv|" \
	    "$REPO/conf/insats.conf" >"$dir/insats.conf" || die "cannot write $dir/insats.conf"

	cp "$REPO/conf/demo.htpasswd" "$dir/htpasswd" || die "cannot copy the htpasswd file"
	chgrp www-data "$dir/htpasswd" 2>/dev/null && chmod 0640 "$dir/htpasswd" || chmod 0644 "$dir/htpasswd"

	cp "$REPO/conf/nginx/security-headers.conf" "$dir/snippets/insats-security-headers.conf"
	cp "$REPO/conf/nginx/insats-http.conf" "$dir/insats-http.conf"
	sed -e "s|@LISTEN@|127.0.0.1:$port|g" \
	    -e "s|@SOCKET@|$d/insats.sock|g" \
	    -e "s|@STATIC@|$d/static|g" \
	    -e "s|@HTPASSWD@|$d/htpasswd|g" \
	    "$REPO/conf/nginx/insats-site.conf.in" >"$dir/insats-site.conf"
	sed -e "s|@DIR@|$d|g" "$REPO/conf/dev/nginx.conf.in" >"$dir/nginx.conf"

	# nginx workers run as www-data and must reach the socket and htpasswd.
	if [ "$(id -u)" = 0 ] && command -v su >/dev/null 2>&1 &&
	   ! su -s /bin/sh www-data -c 'test -r "$1/htpasswd"' sh "$dir" 2>/dev/null; then
		die "www-data cannot reach $dir (nginx workers run as www-data): make its parent directories searchable (chmod o+x) or use another directory"
	fi

	"$INSATS" init --demo --db "$dir/insats.db" --config "$dir/insats.conf" \
		>"$dir/init.log" 2>&1 || { cat "$dir/init.log" >&2; die "insats init --demo failed"; }

	# The worker gets a session (and process group) of its own when setsid
	# exists: Ctrl-C in the terminal reaches only this script, which stops it.
	if command -v setsid >/dev/null 2>&1; then
		setsid "$INSATS" serve --config "$dir/insats.conf" </dev/null >>"$dir/insats.log" 2>&1 &
		pid=$!
		echo "$pid" >"$dir/insats.pgid"
	else
		"$INSATS" serve --config "$dir/insats.conf" </dev/null >>"$dir/insats.log" 2>&1 &
		pid=$!
	fi
	echo "$pid" >"$dir/insats.pid"

	n=0
	while [ ! -S "$dir/insats.sock" ]; do
		if ! alive "$pid" || [ "$n" -ge 100 ]; then
			show_logs "$dir"
			stop "$dir"
			die "insats serve did not create $dir/insats.sock"
		fi
		sleep 0.1
		n=$((n + 1))
	done

	if ! nginx -t -q -c "$dir/nginx.conf" >"$dir/nginx-start.log" 2>&1 ||
	   ! nginx -c "$dir/nginx.conf" >>"$dir/nginx-start.log" 2>&1; then
		show_logs "$dir"
		stop "$dir"
		die "nginx did not start (port $port in use?)"
	fi

	n=0
	until probe "http://127.0.0.1:$port/healthz"; do
		if [ "$n" -ge 100 ]; then
			show_logs "$dir"
			stop "$dir"
			die "http://127.0.0.1:$port/healthz did not answer 200"
		fi
		sleep 0.1
		n=$((n + 1))
	done
}

stop() {
	[ $# -eq 1 ] || die "usage: stack.sh stop DIR"
	[ -d "$1" ] || return 0
	dir=$(cd "$1" && pwd)
	rc=0
	if [ -f "$dir/nginx.pid" ]; then
		npid=$(cat "$dir/nginx.pid" 2>/dev/null)
		nginx -q -c "$dir/nginx.conf" -s quit >/dev/null 2>&1 ||
			{ [ -n "$npid" ] && kill -QUIT "$npid" 2>/dev/null; }
		if [ -n "$npid" ] && ! wait_gone "$npid" 100; then
			kill -TERM "$npid" 2>/dev/null
			wait_gone "$npid" 30 || { kill -KILL "$npid" 2>/dev/null; rc=1; }
		fi
		rm -f "$dir/nginx.pid"
	fi
	if [ -f "$dir/insats.pid" ]; then
		pid=$(cat "$dir/insats.pid" 2>/dev/null)
		if [ -n "$pid" ] && alive "$pid" && is_insats "$pid"; then
			kill -TERM "$pid" 2>/dev/null
			if ! wait_gone "$pid" 100; then
				echo "stack: insats serve ($pid) ignored SIGTERM for 10 s; killing it" >&2
				kill -KILL "$pid" 2>/dev/null
				rc=1
			fi
		fi
		# Workers the master left behind share its process group.
		if [ -f "$dir/insats.pgid" ] && [ -n "$pid" ] && [ -d /proc ]; then
			n=0
			while [ -n "$(group_live "$pid")" ] && [ "$n" -lt 20 ]; do
				sleep 0.1
				n=$((n + 1))
			done
			if [ -n "$(group_live "$pid")" ]; then
				echo "stack: insats workers outlived their master; killing them" >&2
				kill -KILL -- "-$pid" 2>/dev/null
				rc=1
			fi
		fi
		rm -f "$dir/insats.pid" "$dir/insats.pgid"
	fi
	return $rc
}

run() {
	[ $# -eq 1 ] || die "usage: stack.sh run PORT"
	dir=$REPO/run
	stop "$dir" 2>/dev/null
	trap 'trap - INT TERM; echo; echo "stopping…"; stop "$dir"; exit 0' INT TERM
	start "$dir" "$1"
	pid=$(cat "$dir/insats.pid")
	cat <<MSG

insats runs at http://127.0.0.1:$1/

Demo logins (password "demo" for all):
  anna    anordnare, Framtid AB
  bo      anordnare, Steget Vidare
  karin   karriärvägledare
  kalle   karriärvägledare
  lena    arbetsledare (förlängningar)
  arkiv   arkivarie
  admin   administratör

Logs: $dir/insats.log, $dir/nginx-error.log.  Ctrl-C stops.
MSG
	# wait returns on a signal (the trap then stops everything) or when the
	# worker ends by itself.
	while alive "$pid"; do
		wait "$pid" 2>/dev/null || sleep 1
	done
	echo "stack: insats serve ended; see $dir/insats.log" >&2
	trap - INT TERM
	stop "$dir"
	exit 1
}

cmd=${1:-}
[ $# -gt 0 ] && shift
case $cmd in
start) start "$@" ;;
stop) stop "$@" ;;
run) run "$@" ;;
*) die "usage: stack.sh start DIR PORT | stop DIR | run PORT" ;;
esac
