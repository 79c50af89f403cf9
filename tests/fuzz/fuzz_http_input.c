/*
 * libFuzzer harness: what nginx hands the worker before any handler runs:
 * REQUEST_URI split into path and query (http_split_uri), the query
 * parsed as a form, and CONTENT_LENGTH (http_parse_content_length).  The
 * input is "CONTENT_LENGTH\nREQUEST_URI".
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Returns 0 always; a bug aborts under ASan/UBSan. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char		 path[512], query[1024];
	struct form	 f;
	char		*s, *nl, *uri;
	size_t		 n;
	int		 rc;

	if ((s = malloc(size + 1)) == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	nl = strchr(s, '\n');
	uri = nl ? nl + 1 : s;
	if (nl)
		*nl = '\0';
	rc = http_parse_content_length(nl ? s : NULL, 1048576, &n);
	if ((rc == 0 && n > 1048576) || (rc != 0 && n != 0) ||
	    (rc != 0 && rc != 400 && rc != 411 && rc != 413))
		__builtin_trap();
	rc = http_split_uri(uri, path, sizeof(path), query, sizeof(query));
	if (rc == 0) {
		if (path[0] != '/' || strchr(path, '?') != NULL ||
		    strlen(path) >= sizeof(path) || strlen(query) >= sizeof(query))
			__builtin_trap();
		memset(&f, 0, sizeof(f));
		if (form_parse(&f, query, strlen(query)) == 0)
			form_free(&f);
	} else if (rc != 400 && rc != 414)
		__builtin_trap();
	free(s);
	return 0;
}
