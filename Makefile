# insats: see README.md.  `make run` starts the stack, `make test` runs every test.

PORT		?= 8080
PREFIX		?= /usr/local
DESTDIR		?=
CC		?= cc

PKGS		 = libxml-2.0 libxslt libexslt sqlite3 libcrypto
WARN		 = -Wall -Wextra -Werror -Wstrict-prototypes -Wmissing-prototypes \
		   -Wshadow -Wpointer-arith -Wsign-compare
PKG_CFLAGS	 = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS	 = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
BASE_CFLAGS	 = -std=c11 -D_GNU_SOURCE -pthread -g $(WARN) -Iinclude $(PKG_CFLAGS)
CFLAGS		?= -O2
LDLIBS		 = $(PKG_LIBS) -lfcgi -pthread
# Tests and the bench seed set up their fixtures with SQL: they may see the
# storage layer's private headers, which no other code includes.
TEST_CFLAGS	 = -Isrc/store
SAN		 = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

# Every module but main.c goes into libinsats.a, linked by the worker, the
# admin commands and the tests.
LIB_SRCS	 = $(filter-out src/cmd/main.c, $(wildcard src/*/*.c))
LIB_OBJS	 = $(LIB_SRCS:src/%.c=build/obj/%.o)
ASAN_OBJS	 = $(LIB_SRCS:src/%.c=build/asan/obj/%.o)
UNIT_SRCS	 = $(wildcard tests/unit/test_*.c)
UNIT_BINS	 = $(UNIT_SRCS:tests/unit/%.c=build/tests/%)
ASAN_BINS	 = $(UNIT_SRCS:tests/unit/%.c=build/asan/tests/%)
HEADERS		 = $(wildcard include/*.h src/*/*.h)

.PHONY: all deps run test unit unit-asan integration e2e bench install clean

all: build/insats

build/obj/%.o: src/%.c $(HEADERS)
	@mkdir -p $(dir $@)
	$(CC) $(BASE_CFLAGS) $(CFLAGS) -c -o $@ $<

build/asan/obj/%.o: src/%.c $(HEADERS)
	@mkdir -p $(dir $@)
	$(CC) $(BASE_CFLAGS) -O1 $(SAN) -c -o $@ $<

build/libinsats.a: $(LIB_OBJS)
	rm -f $@ && ar rcs $@ $^

build/asan/libinsats.a: $(ASAN_OBJS)
	rm -f $@ && ar rcs $@ $^

build/insats: build/obj/cmd/main.o build/libinsats.a
	$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS)

build/tests/%: tests/unit/%.c build/libinsats.a $(HEADERS) tests/unit/helpers.h
	@mkdir -p $(dir $@)
	$(CC) $(BASE_CFLAGS) $(TEST_CFLAGS) $(CFLAGS) -o $@ $< build/libinsats.a $(LDLIBS) -lcmocka

build/asan/tests/%: tests/unit/%.c build/asan/libinsats.a $(HEADERS) tests/unit/helpers.h
	@mkdir -p $(dir $@)
	$(CC) $(BASE_CFLAGS) $(TEST_CFLAGS) -O1 $(SAN) -o $@ $< build/asan/libinsats.a $(LDLIBS) -lcmocka

# Installs the Debian packages and npm modules that are missing (root, apt-get).
deps:
	@sh conf/dev/deps.sh

run: deps build/insats
	@sh conf/dev/stack.sh run $(PORT)

unit: $(UNIT_BINS)
unit-asan: $(ASAN_BINS)

# One line "N passed, N failed" at the end, over every suite.
test: deps build/insats $(UNIT_BINS) $(ASAN_BINS) build/tools/schematron
	@sh tests/run.sh

clean:
	rm -rf build tests/e2e/out

# --- Security (issue 5): fuzzers, ASan worker, crash test ---------------------
# `make fuzz` runs each libFuzzer harness for FUZZ_SECONDS (default 60);
# `make fuzz-short` (10 s each) is what `make test` runs.  The harnesses link
# a libinsats.a built by clang with coverage and ASan/UBSan.
FUZZ_SECONDS	?= 60
FUZZ_CC		?= clang
FUZZ_SAN	 = -fsanitize=address,undefined -fno-sanitize-recover=undefined \
		   -fno-omit-frame-pointer
FUZZ_CFLAGS	 = -std=c11 -D_GNU_SOURCE -g -O1 -Wall -Iinclude $(PKG_CFLAGS) $(FUZZ_SAN)
FUZZ_NAMES	 = form_parse form_to_xml xml_validate pnr_parse http_input
FUZZ_OBJS	 = $(LIB_SRCS:src/%.c=build/fuzz/obj/%.o)
FUZZ_BINS	 = $(FUZZ_NAMES:%=build/fuzz/fuzz_%)

.PHONY: fuzz fuzz-short fuzz-build test-asan-worker crash

build/fuzz/obj/%.o: src/%.c $(HEADERS)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

build/fuzz/libinsats.a: $(FUZZ_OBJS)
	rm -f $@ && ar rcs $@ $^

build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c build/fuzz/libinsats.a $(HEADERS)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< build/fuzz/libinsats.a $(LDLIBS)

fuzz-build: $(FUZZ_BINS)

fuzz: $(FUZZ_BINS)
	@sh tests/fuzz/run.sh $(FUZZ_SECONDS)

fuzz-short: $(FUZZ_BINS)
	@sh tests/fuzz/run.sh 10

# The worker built with ASan/UBSan (gcc, as the unit-asan tests).
build/asan/insats: build/asan/obj/cmd/main.o build/asan/libinsats.a
	$(CC) -O1 $(SAN) -o $@ $^ $(LDLIBS)

# Integration suites against the ASan worker; fails on any sanitizer or
# leak report and unless every worker ended through exit() (LSan ran).
test-asan-worker: build/asan/insats
	@sh tests/integration/asan-worker.sh

# Workers SIGKILLed at random moments while a client saves and submits:
# CRASH_KILLS (200 here, 20 in `make test`).
crash: build/insats
	CRASH_KILLS=$${CRASH_KILLS:-200} node --test tests/integration/crash.test.mjs

# --- Install (issue 8) --------------------------------------------------------
# `make install [DESTDIR=/tmp/stage] [PREFIX=/usr/local]`: the binary, xsl/,
# schemas/ and the catalogue under PREFIX; the configuration, the nginx files
# and the systemd units under DESTDIR/etc and DESTDIR/lib with their paths set
# to PREFIX.  An existing insats.conf or nginx site file is kept: the new one
# is installed beside it as *.dist.  README "Deployment" walks through it.
SHAREDIR	 = $(PREFIX)/share/insats
SYSTEMDDIR	?= /lib/systemd/system
TMPFILESDIR	?= /usr/lib/tmpfiles.d
INSTALL_SED	 = -e 's|/usr/local/share/insats|$(SHAREDIR)|g' -e 's|@PREFIX@|$(PREFIX)|g'
SITE_SED	 = -e '/^\#   @[A-Z]*@/d' -e 's|@LISTEN@|127.0.0.1:8080|g' \
		   -e 's|@SOCKET@|/run/insats/insats.sock|g' \
		   -e 's|@STATIC@|$(SHAREDIR)/xsl/static|g' \
		   -e 's|@HTPASSWD@|/etc/insats/htpasswd|g'

# Installs $(1) rendered with sed $(2) as $(3), mode $(4); keeps an existing one.
define install_kept
	@mkdir -p $(dir $(3))
	@if [ -e $(3) ]; then sed $(2) $(1) >$(3).dist && chmod $(4) $(3).dist && \
		echo "install: kept $(3); the new one is $(3).dist"; \
	else sed $(2) $(1) >$(3) && chmod $(4) $(3); fi
endef

install: build/insats
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(SHAREDIR) \
		$(DESTDIR)/etc/insats $(DESTDIR)/etc/nginx/sites-available \
		$(DESTDIR)/etc/nginx/conf.d $(DESTDIR)/etc/nginx/snippets \
		$(DESTDIR)$(SYSTEMDDIR) $(DESTDIR)$(TMPFILESDIR)
	install -m 0755 build/insats $(DESTDIR)$(PREFIX)/bin/insats
	rm -rf $(DESTDIR)$(SHAREDIR)/xsl $(DESTDIR)$(SHAREDIR)/schemas
	cp -R xsl schemas $(DESTDIR)$(SHAREDIR)/
	chmod -R u=rwX,go=rX $(DESTDIR)$(SHAREDIR)/xsl $(DESTDIR)$(SHAREDIR)/schemas
	install -m 0644 conf/catalogue.tsv $(DESTDIR)$(SHAREDIR)/catalogue.tsv
	$(call install_kept,conf/insats.conf,$(INSTALL_SED),$(DESTDIR)/etc/insats/insats.conf,0644)
	$(call install_kept,conf/nginx/insats-site.conf.in,$(SITE_SED),$(DESTDIR)/etc/nginx/sites-available/insats,0644)
	install -m 0644 conf/nginx/insats-http.conf $(DESTDIR)/etc/nginx/conf.d/insats-http.conf
	install -m 0644 conf/nginx/security-headers.conf \
		$(DESTDIR)/etc/nginx/snippets/insats-security-headers.conf
	for u in insats.service insats-backup.service insats-backup.timer; do \
		sed $(INSTALL_SED) conf/systemd/$$u >$(DESTDIR)$(SYSTEMDDIR)/$$u && \
		chmod 0644 $(DESTDIR)$(SYSTEMDDIR)/$$u || exit 1; done
	install -m 0644 conf/systemd/insats.tmpfiles $(DESTDIR)$(TMPFILESDIR)/insats.conf

# --- Benchmark (issue 7) ------------------------------------------------------
# `make bench` (not part of `make test`): seeds 100 000 documents, runs nginx,
# insats and the two limits (static file, fixed-body libfcgi responder) on
# 127.0.0.1 under wrk, counts instructions per request with callgrind, and
# writes build/bench/results.md.  Under 5 minutes.  Installs wrk, valgrind and
# cgi-fcgi (libfcgi-bin) when missing: they are needed by the bench only.
BENCH_CFLAGS	 = $(BASE_CFLAGS) -O2

build/bench/seed: tests/bench/seed.c build/libinsats.a $(HEADERS)
	@mkdir -p $(dir $@)
	$(CC) $(BENCH_CFLAGS) $(TEST_CFLAGS) -o $@ $< build/libinsats.a $(LDLIBS)

build/bench/fixed-fcgi: tests/bench/fixed-fcgi.c
	@mkdir -p $(dir $@)
	$(CC) $(BENCH_CFLAGS) -o $@ $< -lfcgi

# The packages first: on a fresh machine the build needs them too.
bench:
	@INSATS_DEPS_EXTRA="$$INSATS_DEPS_EXTRA wrk valgrind libfcgi-bin curl" sh conf/dev/deps.sh
	@$(MAKE) --no-print-directory build/insats build/bench/seed build/bench/fixed-fcgi
	@sh tests/bench/run.sh

# The retention suite alone: the clock and purge unit tests (plain and
# ASan) and the integration tests (purge, E-ARK package, kill -9 loop).
test-retention: build/insats build/tests/test_retention build/asan/tests/test_retention build/tools/schematron
	CMOCKA_MESSAGE_OUTPUT=STDOUT build/tests/test_retention
	CMOCKA_MESSAGE_OUTPUT=STDOUT build/asan/tests/test_retention
	node --test tests/integration/retention.test.mjs

# --- Browser tests (issue 6) ---------------------------------------------------
# `make e2e` runs only tests/e2e (Debian's chromium driven by playwright-core,
# axe-core scans; screenshots and PDFs in tests/e2e/out/).  `make test` runs
# them too, through tests/run.sh.
e2e: deps build/insats
	node --test tests/e2e/*.test.mjs

# --- Schematron evaluator (issue 4) -------------------------------------------
# build/tools/schematron runs the E-ARK CSIP/SIP 2.1 Schematron rules in
# tests/data/eark/ on an exported package (tests/integration/retention.test.mjs).
build/tools/schematron: tests/tools/schematron.c
	@mkdir -p $(dir $@)
	$(CC) $(BASE_CFLAGS) $(CFLAGS) -o $@ $< $(shell pkg-config --libs libxml-2.0)
