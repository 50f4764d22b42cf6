/* cmd_fmt.c: pmc fmt (placeholder until it is built). */
#include "cli.h"

int
run_fmt(cli *c)
{
	(void)c;
	return fail("'%s' is not available in this version yet", "fmt");
}
