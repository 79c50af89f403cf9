/*
 * demo: the demonstration data of `insats init --demo`: two providers, one
 * user of each role, seven customers and their placements, written
 * through the register (registry.h), so that the demo obeys exactly the
 * checks of the command line.
 */
#ifndef INSATS_DEMO_H
#define INSATS_DEMO_H

#include "calendar.h"
#include "database.h"

/*
 * Seeds the demo into an empty database whose catalogue is loaded, in one
 * transaction.  Returns 0, or -1 with a message (nothing is kept).
 */
int	 demo_load(struct db *db, struct date today);

#endif
