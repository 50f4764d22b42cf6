/* templatedir.c: where the templates and label data are, for an
 * installed pmc, for one run from its build tree, and for a program
 * linked with the installed libpmc alike. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pmc.h"

#ifndef PMC_SOURCE_TEMPLATES
#define PMC_SOURCE_TEMPLATES "templates"
#endif
/* The build folder (with a trailing '/'), and where cmake --install puts
 * the templates (CMakeLists.txt). */
#ifndef PMC_BUILD_DIR
#define PMC_BUILD_DIR "/nonexistent/"
#endif
#ifndef PMC_INSTALLED_TEMPLATES
#define PMC_INSTALLED_TEMPLATES PMC_SOURCE_TEMPLATES
#endif

static int
is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The running executable's path in exe; -1 when it cannot be had. */
static int
exe_path(char *exe, size_t size)
{
	ssize_t n = readlink("/proc/self/exe", exe, size - 1);

	if (n <= 0)
		return -1;
	exe[n] = '\0';
	return 0;
}

/* ../share/pmc/templates relative to the executable's folder, so that an
 * installed tree can be moved as a whole. */
static int
beside_exe(const char *exe_file, char *out, size_t size)
{
	static const char rel[] = "/../share/pmc/templates";
	const char *slash = strrchr(exe_file, '/');
	size_t n;

	if (slash == NULL)
		return -1;
	n = (size_t)(slash - exe_file);
	if (n + sizeof(rel) > size)
		return -1;
	memcpy(out, exe_file, n);
	strcpy(out + n, rel);
	return is_dir(out) ? 0 : -1;
}

/* pmc and the tests run from the build folder read the source tree's
 * templates; any other program (one linked with the installed libpmc)
 * the installed ones, when they are there. */
static const char *
compiled_in(const char *exe_file)
{
	if (exe_file != NULL &&
	    strncmp(exe_file, PMC_BUILD_DIR, strlen(PMC_BUILD_DIR)) == 0)
		return PMC_SOURCE_TEMPLATES;
	return is_dir(PMC_INSTALLED_TEMPLATES) ? PMC_INSTALLED_TEMPLATES
	                                       : PMC_SOURCE_TEMPLATES;
}

const char *
pm_template_dir(void)
{
	static char found[PATH_MAX];
	char exe[PATH_MAX];
	const char *env = getenv("PMC_TEMPLATES");
	int have_exe;

	if (env != NULL && *env != '\0')
		return env;
	if (found[0] != '\0')
		return found;
	have_exe = exe_path(exe, sizeof(exe)) == 0;
	if (!have_exe || beside_exe(exe, found, sizeof(found)) < 0)
		snprintf(found, sizeof(found), "%s",
		         compiled_in(have_exe ? exe : NULL));
	return found;
}
