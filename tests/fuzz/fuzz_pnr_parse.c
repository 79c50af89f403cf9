/*
 * libFuzzer harness: the personal-number parser (pnr_parse) and the
 * research-sample rule built on it (pnr_sample).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pnr.h"
#include "regrules.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Returns 0 always; a bug aborts under ASan/UBSan. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct date today = { 2026, 3, 15 };
	struct pnr	 p;
	enum pnr_status	 st;
	char		*s;

	if ((s = malloc(size + 1)) == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	memset(&p, 0, sizeof(p));
	st = pnr_parse(s, today, &p);
	if (pnr_status_sv(st) == NULL)
		__builtin_trap();
	if (st == PNR_OK || st == PNR_UNREADABLE_DAY) {
		/* A parsed number is canonical and parses to itself. */
		struct pnr q;

		if (strlen(p.canonical) != 13 || p.canonical[8] != '-' ||
		    pnr_parse(p.canonical, today, &q) != st ||
		    strcmp(q.canonical, p.canonical) != 0)
			__builtin_trap();
	}
	(void)pnr_sample(s, today);
	free(s);
	return 0;
}
