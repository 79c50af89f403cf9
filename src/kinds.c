/*
 * kinds: the table of document kinds and their business rules.
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "kinds.h"

static const char *const plan_rows[] = { "subgoal", "activity", NULL };

/* A part-time plan states the reason the counsellor gave (002 §8.3). */
static void
plan_rules(xmlDocPtr doc, const struct rule_input *in,
    struct field_errors *errs)
{
	xmlNodePtr	 scope = xmldoc_child(xmlDocGetRootElement(doc), "scope");
	xmlChar		*extent = xmldoc_child_text(scope, "extent");

	(void)in;
	if (extent != NULL && xmlStrEqual(extent, (const xmlChar *)"parttime") &&
	    xmldoc_child(scope, "parttimeReason") == NULL)
		field_errors_add(errs, "scope/parttimeReason",
		    "Ange skälet till deltid som karriärvägledaren angett.");
	xmlFree(extent);
}

static struct kind kinds[] = {
	{ "plan", "Genomförandeplan", "plan.xsd", "templates/plan.xml",
	  plan_rows, plan_rules, NULL, NULL },
};

#define NKINDS (sizeof(kinds) / sizeof(kinds[0]))

int
kinds_load(const char *schema_dir)
{
	char	 path[PATH_MAX];
	size_t	 i;

	for (i = 0; i < NKINDS; i++) {
		snprintf(path, sizeof(path), "%s/%s", schema_dir,
		    kinds[i].schema_file);
		if ((kinds[i].schema = xmldoc_schema_load(path)) == NULL) {
			fprintf(stderr, "level=error msg=\"cannot compile %s\"\n",
			    path);
			return -1;
		}
		snprintf(path, sizeof(path), "%s/%s", schema_dir,
		    kinds[i].template_file);
		if ((kinds[i].tmpl = xmldoc_parse_file(path)) == NULL) {
			fprintf(stderr, "level=error msg=\"cannot read %s\"\n",
			    path);
			return -1;
		}
	}
	return 0;
}

void
kinds_free(void)
{
	size_t	 i;

	for (i = 0; i < NKINDS; i++) {
		xmlSchemaFree(kinds[i].schema);
		xmlFreeDoc(kinds[i].tmpl);
		kinds[i].schema = NULL;
		kinds[i].tmpl = NULL;
	}
}

struct kind *
kind_find(const char *name)
{
	size_t	 i;

	for (i = 0; name != NULL && i < NKINDS; i++)
		if (strcmp(kinds[i].name, name) == 0)
			return &kinds[i];
	return NULL;
}
