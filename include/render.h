/*
 * render: runs the page XML of a request (page.h, xsl/PAGES.md) through
 * the stylesheet compiled once per process, or takes the HTML cached for
 * an equal page (pagecache.h).
 */
#ifndef INSATS_RENDER_H
#define INSATS_RENDER_H

#include <stddef.h>

#include "page.h"

/*
 * Compiles xsl_dir/page.xsl with file and network access forbidden at run
 * time.  Returns 0 or -1.
 */
int		 render_load(const char *xsl_dir);
void		 render_free(void);
/* 1 when the stylesheet is loaded (health check). */
int		 render_ready(void);
/*
 * Runs the stylesheet.  Returns the HTML (malloc'd, *len set) or NULL.
 */
char		*render_page(struct page *pg, size_t *len);

#endif
