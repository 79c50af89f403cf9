/*
 * libFuzzer harness: a url-encoded body through the generic form -> XML
 * mapping of the plan template (form_to_xml, the row buttons, prune) and
 * schema validation, as handlers_doc.c does for a browser's save.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "kinds.h"
#include "xmldoc.h"

int	 LLVMFuzzerInitialize(int *argc, char ***argv);
int	 LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const control[] = {
	"csrf", "version", "placement", "kind", "comment", NULL };
static struct kind *plan;

/* Compiles the schemas once (INSATS_SCHEMA_DIR, default "schemas"). */
int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char	*dir = getenv("INSATS_SCHEMA_DIR");

	(void)argc;
	(void)argv;
	xmldoc_init();
	if (kinds_load(dir ? dir : "schemas") == -1 ||
	    (plan = kind_find("plan")) == NULL) {
		fprintf(stderr, "fuzz_form_to_xml: cannot load schemas\n");
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
	struct form		 f;
	xmlDocPtr		 doc, valid;
	const char		*add, *rm;

	memset(&f, 0, sizeof(f));
	if (form_parse(&f, (const char *)data, size) == -1)
		return 0;
	if ((doc = form_to_xml(&f, plan->tmpl, control)) == NULL)
		goto out;
	add = form_get(&f, "_add");
	rm = form_get(&f, "_remove");
	if (add != NULL)
		(void)form_add_row(doc, add, 50);
	if (rm != NULL)
		(void)form_remove_row(doc, rm);
	if ((valid = xmlCopyDoc(doc, 1)) != NULL) {
		form_prune(valid);
		if ((errs = calloc(1, sizeof(*errs))) != NULL) {
			(void)xmldoc_validate(plan->schema, valid,
			    plan->repeatable, errs);
			free(errs);
		}
		xmlFreeDoc(valid);
	}
	xmlFreeDoc(doc);
out:
	form_free(&f);
	return 0;
}
