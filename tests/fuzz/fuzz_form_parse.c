/*
 * libFuzzer harness: the application/x-www-form-urlencoded parser
 * (form_parse), which sees every POST body and query string.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "form.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Returns 0 always (libFuzzer's convention); a bug aborts under ASan. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct form	 f;
	size_t		 i;

	memset(&f, 0, sizeof(f));
	if (form_parse(&f, (const char *)data, size) == 0) {
		/* Every accepted field obeys the documented bounds. */
		for (i = 0; i < f.n; i++) {
			if (strlen(f.fields[i].name) == 0 ||
			    strlen(f.fields[i].name) > FORM_NAME_MAX ||
			    strlen(f.fields[i].value) > FORM_VALUE_MAX ||
			    !form_text_ok(f.fields[i].name) ||
			    !form_text_ok(f.fields[i].value))
				__builtin_trap();
		}
		(void)form_get(&f, "csrf");
	} else if (f.n != 0 || f.fields != NULL)
		__builtin_trap();	/* a refused input leaves f empty */
	form_free(&f);
	return 0;
}
