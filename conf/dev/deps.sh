#!/bin/sh
# Installs what `make run` and `make test` need and the machine lacks:
# Debian packages with apt-get (as root), and the browser-test modules with npm.
set -e
need="pkg-config gcc make libfcgi-dev libxml2-dev libxml2-utils xsltproc libxslt1-dev libsqlite3-dev sqlite3
libssl-dev libcmocka-dev nginx-light openssl chromium chromium-l10n clang libclang-rt-14-dev"
[ -n "$INSATS_DEPS_EXTRA" ] && need="$need $INSATS_DEPS_EXTRA"
missing=""
for p in $need; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
command -v node >/dev/null 2>&1 || missing="$missing nodejs"
# Debian's nodejs comes without npm; the browser tests need it.
command -v npm >/dev/null 2>&1 || missing="$missing npm"
if [ -n "$missing" ]; then
	echo "deps: installing$missing"
	if [ "$(id -u)" != 0 ]; then
		echo "deps: must run as root to install:$missing" >&2
		exit 1
	fi
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi
# Debian's nginx package starts a server on port 80 when installed; we run our own.
if [ -n "$missing" ] && command -v systemctl >/dev/null 2>&1; then
	systemctl stop nginx >/dev/null 2>&1 || true
fi
if [ -f tests/e2e/package.json ] && { [ ! -d tests/e2e/node_modules/playwright-core ] || [ ! -d tests/e2e/node_modules/axe-core ]; }; then
	echo "deps: npm install in tests/e2e"
	# playwright-core downloads no browser (the tests drive Debian's
	# chromium); the variable keeps it so should that ever change.
	# npm ci installs exactly what package-lock.json names.
	(cd tests/e2e && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --silent)
fi
exit 0
