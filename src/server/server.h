/*
 * server: what the master (master.c, `insats serve`) and its workers
 * (worker.c) share.  Private to src/server/.
 */
#ifndef INSATS_SERVER_H
#define INSATS_SERVER_H

#include "config.h"

/*
 * The worker, in the child after fork(): a writer (group commit) and
 * cfg->threads threads serving requests on sock, until SIGTERM or SIGINT
 * asks it to retire.  Never returns: the process exits.
 */
_Noreturn void	 worker_run(int sock, const struct config *cfg);
/*
 * Frees the compiled schemas and stylesheet, the page cache, the XSLT
 * security preferences and the global state of libxml2 and libxslt, just
 * before the process exits.
 */
void		 server_release_views(void);

#endif
