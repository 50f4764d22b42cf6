/* templatedir.c: where the templates and label data are, for an
 * installed pmc and for one run from its build tree alike. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pmc.h"

#ifndef PMC_SOURCE_TEMPLATES
#define PMC_SOURCE_TEMPLATES "templates"
#endif

static int
is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* ../share/pmc/templates relative to the executable's folder, so that an
 * installed tree can be moved as a whole. */
static int
beside_exe(char *out, size_t size)
{
	static const char rel[] = "/../share/pmc/templates";
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	char *slash;

	if (n <= 0)
		return -1;
	exe[n] = '\0';
	if ((slash = strrchr(exe, '/')) == NULL)
		return -1;
	*slash = '\0';
	if (strlen(exe) + sizeof(rel) > size)
		return -1;
	strcpy(out, exe);
	strcat(out, rel);
	return is_dir(out) ? 0 : -1;
}

const char *
pm_template_dir(void)
{
	static char found[PATH_MAX];
	const char *env = getenv("PMC_TEMPLATES");

	if (env != NULL && *env != '\0')
		return env;
	if (found[0] == '\0' && beside_exe(found, sizeof(found)) < 0)
		strcpy(found, PMC_SOURCE_TEMPLATES);
	return found;
}
