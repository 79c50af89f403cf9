/*
 * libFuzzer harness: untrusted XML as an integration posts it
 * (xmldoc_parse_untrusted), validated against every document kind's
 * compiled schema (xmldoc_validate) with the per-field error mapping.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kinds.h"
#include "xmldoc.h"

int	 LLVMFuzzerInitialize(int *argc, char ***argv);
int	 LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Every kind the worker may know; kind_find() says which exist. */
static const char *const names[] = { "plan", "monthly", "final", NULL };

/* Compiles the schemas once (INSATS_SCHEMA_DIR, default "schemas"). */
int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char	*dir = getenv("INSATS_SCHEMA_DIR");

	(void)argc;
	(void)argv;
	xmldoc_init();
	if (kinds_load(dir ? dir : "schemas") == -1 ||
	    kind_find("plan") == NULL) {
		fprintf(stderr, "fuzz_xml_validate: cannot load schemas\n");
		exit(1);
	}
	xmldoc_lockdown();
	return 0;
}

/* Returns 0 always; a bug aborts under ASan/UBSan. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct field_errors	*errs;
	struct kind		*k;
	xmlDocPtr		 doc;
	const char		*why = NULL;
	size_t			 i;

	if ((doc = xmldoc_parse_untrusted((const char *)data, size,
	    &why)) == NULL) {
		if (why == NULL)
			__builtin_trap();	/* a refusal always says why */
		return 0;
	}
	/* The promise: nothing of a DTD survives in an accepted document. */
	if (doc->intSubset != NULL || doc->extSubset != NULL)
		__builtin_trap();
	if ((errs = calloc(1, sizeof(*errs))) == NULL)
		goto out;
	for (i = 0; names[i] != NULL; i++) {
		if ((k = kind_find(names[i])) == NULL)
			continue;
		memset(errs, 0, sizeof(*errs));
		(void)xmldoc_validate(k->schema, doc, k->repeatable, errs);
		if (errs->n > FIELD_ERRORS_MAX)
			__builtin_trap();
	}
	free(errs);
out:
	xmlFreeDoc(doc);
	return 0;
}
