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
BASE_CFLAGS	 = -std=c11 -D_GNU_SOURCE -g $(WARN) -Iinclude $(PKG_CFLAGS)
CFLAGS		?= -O2
LDLIBS		 = $(PKG_LIBS) -lfcgi
SAN		 = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

# Every module but main.c goes into libinsats.a, linked by the worker, the
# admin commands and the tests.
LIB_SRCS	 = $(filter-out src/main.c, $(wildcard src/*.c))
LIB_OBJS	 = $(LIB_SRCS:src/%.c=build/obj/%.o)
ASAN_OBJS	 = $(LIB_SRCS:src/%.c=build/asan/obj/%.o)
UNIT_SRCS	 = $(wildcard tests/unit/test_*.c)
UNIT_BINS	 = $(UNIT_SRCS:tests/unit/%.c=build/tests/%)
ASAN_BINS	 = $(UNIT_SRCS:tests/unit/%.c=build/asan/tests/%)
HEADERS		 = $(wildcard include/*.h)

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

build/insats: build/obj/main.o build/libinsats.a
	$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS)

build/tests/%: tests/unit/%.c build/libinsats.a $(HEADERS)
	@mkdir -p $(dir $@)
	$(CC) $(BASE_CFLAGS) $(CFLAGS) -o $@ $< build/libinsats.a $(LDLIBS) -lcmocka

build/asan/tests/%: tests/unit/%.c build/asan/libinsats.a $(HEADERS)
	@mkdir -p $(dir $@)
	$(CC) $(BASE_CFLAGS) -O1 $(SAN) -o $@ $< build/asan/libinsats.a $(LDLIBS) -lcmocka

# Installs the Debian packages and npm modules that are missing (root, apt-get).
deps:
	@sh conf/dev/deps.sh

run: deps build/insats
	@sh conf/dev/stack.sh run $(PORT)

unit: $(UNIT_BINS)
unit-asan: $(ASAN_BINS)

# One line "N passed, N failed" at the end, over every suite.
test: deps build/insats $(UNIT_BINS) $(ASAN_BINS)
	@sh tests/run.sh

clean:
	rm -rf build tests/e2e/out
