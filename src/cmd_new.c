/* cmd_new.c: pmc new (placeholder until it is built). */
#include "cli.h"

int
run_new(cli *c)
{
	(void)c;
	return fail("'%s' is not available in this version yet", "new");
}
