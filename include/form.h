/*
 * form: application/x-www-form-urlencoded bodies and query strings, and the
 * generic mapping of field names ("activities/activity[2]/what") to the
 * elements of a document.  No knowledge of any document kind.
 */
#ifndef INSATS_FORM_H
#define INSATS_FORM_H

#include <stddef.h>
#include <libxml/tree.h>

#define FORM_FIELDS_MAX	 400
#define FORM_NAME_MAX	 128
#define FORM_VALUE_MAX	 8000

struct form_field {
	char	*name;
	char	*value;
};

struct form {
	struct form_field	*fields;
	size_t			 n;
};

/*
 * Parses s (len bytes) into f.  Names and values are percent-decoded, '+'
 * is a space, CRLF becomes LF; every value must be valid UTF-8 without
 * control characters other than tab and newline.  Returns 0, or -1 (f is
 * left empty) on malformed input or a limit exceeded.  An empty input
 * (len 0, s may then be NULL) allocates nothing: fields is NULL, n 0.
 */
int		 form_parse(struct form *f, const char *s, size_t len);
/* Frees the fields and leaves f empty; fine on an empty form, twice too. */
void		 form_free(struct form *f);
/* The first value of name, or NULL. */
const char	*form_get(const struct form *f, const char *name);

/*
 * Fills a copy of tmpl from the fields of f whose names are element paths
 * (names starting with '_' and the names in skip are not).  A path's
 * steps must exist in the template; a missing repeated row is cloned from
 * the first one with its text cleared.  Returns the new document, or NULL
 * if a field names no element of the template.
 */
xmlDocPtr	 form_to_xml(const struct form *f, xmlDocPtr tmpl,
		    const char *const *skip);
/*
 * Appends an empty row cloned from the first element at path ("subgoals/
 * subgoal"), at most max rows.  Returns 0, or -1 if path names nothing.
 */
int		 form_add_row(xmlDocPtr doc, const char *path, int max);
/*
 * Removes the row at path ("activities/activity[2]"); the last row left is
 * cleared instead, so the form always keeps one.  Returns 0 or -1.
 */
int		 form_remove_row(xmlDocPtr doc, const char *path);
/*
 * Removes elements that hold nothing but white space, bottom up, so that
 * the schema reports what is missing.  The root element stays.
 */
void		 form_prune(xmlDocPtr doc);
/* Copies of text values are checked: 1 if s is valid UTF-8 and printable. */
int		 form_text_ok(const char *s);

#endif
