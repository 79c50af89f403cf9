#!/bin/sh
# The layers of src/ (README, Architecture), checked: one line "ok RULE" or
# "FAIL RULE" with the offending lines, per rule.  Comments are not code, so
# they are stripped first (gcc's preprocessor with -fpreprocessed keeps
# everything else, including #include lines, as written).
set -u
cd "$(dirname "$0")/../.." || exit 1

# The code of file $1 without its comments.
code() {
	gcc -fpreprocessed -dD -E -P -x c "$1" 2>/dev/null
}

# rule NAME REGEX FILES...: no file may match REGEX.
rule() {
	name=$1
	re=$2
	shift 2
	hits=""
	for f in "$@"; do
		[ -f "$f" ] || continue
		h=$(code "$f" | grep -nE "$re" | head -n 3 | sed "s|^|$f:|")
		[ -n "$h" ] && hits="$hits$h
"
	done
	if [ -z "$hits" ]; then
		echo "ok $name"
	else
		echo "FAIL $name"
		printf '%s' "$hits" | sed 's/^/  /'
	fi
}

not_store=$(ls src/*/*.c include/*.h | grep -v '^src/store/')
rule "only src/store includes SQLite or the statement table" \
    '#include [<"](sqlite3|db)\.h[>"]' $not_store
rule "only src/store prepares, binds or steps SQL" \
    '\b(sqlite3_[a-z_0-9]+|STMT_[A-Z_0-9]+|enum stmt|db_stmt|db_exists|db_transaction|db_begin|db_commit|db_rollback|db_run|db_exec|db_step_done)\b' \
    $not_store
rule "src/domain is pure: no database, web or FastCGI" \
    '#include [<"](database|router|http|page|render|fcgiapp|fcgi_stdio|store|casestore|msgstore)\.h[>"]' \
    src/domain/*.c
rule "src/store knows nothing of the web" \
    '#include [<"](router|http|page|render|fcgiapp)\.h[>"]' src/store/*.c
