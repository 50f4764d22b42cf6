/* cmd_build.c: pmc build (placeholder until it is built). */
#include "cli.h"

int
run_build(cli *c)
{
	(void)c;
	return fail("'%s' is not available in this version yet", "build");
}
