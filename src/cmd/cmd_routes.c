/*
 * cmd_routes: `insats routes` prints the router's table, one "METHOD
 * PATTERN" per line, so that tests (the authorization matrix) iterate the
 * routes the worker really serves rather than a copy of them.
 */
#include <stdio.h>

#include "commands.h"
#include "router.h"

/* Returns 0, or 2 on bad usage. */
int
cmd_routes(int argc, char **argv)
{
	const struct route	*r;
	size_t			 i, n;

	(void)argv;
	if (argc != 1) {
		fprintf(stderr, "usage: insats routes\n");
		return 2;
	}
	r = router_routes(&n);
	for (i = 0; i < n; i++)
		printf("%s %s%s\n", r[i].method, r[i].pattern,
		    r[i].authenticated ? "" : " public");
	return fflush(stdout) == 0 ? 0 : 1;
}
