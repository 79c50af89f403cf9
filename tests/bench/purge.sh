#!/bin/sh
# Timings of `insats purge --dry-run` and `insats export archive` on the
# bench's two databases (1 000 and BENCH_DOCS documents), each on a copy.
# The issue asks that both scale with the customers due, not with the size
# of the database: the two sizes hold the same old customers (none due at
# today's date in the generated data unless the seed says otherwise), so
# the times should match.
#
#   purge.sh DIR INSATS      prints a Markdown table
set -u

DIR=$1 INSATS=$2
TODAY=$(date +%Y-%m-%d)

# Milliseconds since the epoch.
now_ms() {
	date +%s%3N
}

# Runs "$@" and prints "ms<TAB>last output line" (the command's summary).
timed() {
	t0=$(now_ms)
	"$@" >"$DIR/purge-out.txt" 2>&1
	rc=$?
	t1=$(now_ms)
	printf '%s\t%s\t%s\n' $((t1 - t0)) "$rc" \
	    "$(grep -v '^level=' "$DIR/purge-out.txt" | tail -n 1 | tr '|' '/')"
}

echo "| database | command | ms | exit | summary line |"
echo "|---|---|---:|---:|---|"
for db in small.db insats.db; do
	rm -rf "$DIR/pcopy.db" "$DIR/pcopy.db-wal" "$DIR/pcopy.db-shm" "$DIR/archive-out"
	sqlite3 "$DIR/$db" ".backup '$DIR/pcopy.db'" || exit 1
	docs=$(sqlite3 "$DIR/pcopy.db" "SELECT count(*) FROM documents")
	timed "$INSATS" purge --dry-run --today "$TODAY" --config "$DIR/seed-$db.conf" \
	    --db "$DIR/pcopy.db" | while IFS='	' read -r ms rc line; do
		echo "| $docs documents | purge --dry-run --today $TODAY | $ms | $rc | $line |"
	done
	mkdir -p "$DIR/archive-out"
	timed "$INSATS" export archive --out "$DIR/archive-out" --today "$TODAY" \
	    --config "$DIR/seed-$db.conf" --db "$DIR/pcopy.db" | while IFS='	' read -r ms rc line; do
		echo "| $docs documents | export archive --today $TODAY | $ms | $rc | $line |"
	done
done
rm -rf "$DIR/pcopy.db" "$DIR/pcopy.db-wal" "$DIR/pcopy.db-shm" "$DIR/archive-out"
