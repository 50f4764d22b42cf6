/* faultinject.c: an LD_PRELOAD shim that makes one libc call fail (or
 * stall), to test how pmc meets a full disk, a read-only folder or a
 * signal while it writes an output, as jq's tests do. tests/faults.sh
 * drives it.
 *
 * PMC_FAULT=CALL:ERR[:AFTER]
 *   CALL   fwrite, write, fflush, fsync, fclose, rename, mkstemp, open
 *   ERR    ENOSPC, EROFS, EIO, EACCES, or "stall" (sleep 10 s in the call,
 *          for a signal to arrive)
 *   AFTER  fwrite, write: the bytes let through first; others: the calls
 *          let through first (default 0)
 * Standard error is never failed, so pmc can still say what went wrong;
 * standard output only with CALL "stdout" (a failing pipe). */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

static const char *fault_call;
static int fault_errno = -1; /* 0: stall */
static long fault_after;
static long fault_seen;

static void
setup(void)
{
	static char spec[64];
	const char *env;
	char *err, *after;

	if (fault_errno != -1 || (env = getenv("PMC_FAULT")) == NULL)
		return;
	snprintf(spec, sizeof(spec), "%s", env);
	if ((err = strchr(spec, ':')) == NULL)
		return;
	*err++ = '\0';
	if ((after = strchr(err, ':')) != NULL) {
		*after++ = '\0';
		fault_after = strtol(after, NULL, 10);
	}
	fault_call = spec;
	fault_errno = strcmp(err, "ENOSPC") == 0   ? ENOSPC
	              : strcmp(err, "EROFS") == 0  ? EROFS
	              : strcmp(err, "EACCES") == 0 ? EACCES
	              : strcmp(err, "stall") == 0  ? 0
	                                           : EIO;
}

/* Should this call (moving n bytes) fail? Sets errno when it should. */
static int
fails(const char *call, long n)
{
	setup();
	if (fault_call == NULL || strcmp(fault_call, call) != 0)
		return 0;
	fault_seen += n;
	if (fault_seen <= fault_after)
		return 0;
	if (fault_errno == 0) {
		sleep(10);
		return 0;
	}
	errno = fault_errno;
	return 1;
}

/* Points *fn at the next definition of name (libc's), the way POSIX
 * says to store dlsym's result in a function pointer. */
static void
next(void *fn, const char *name)
{
	void *f = dlsym(RTLD_NEXT, name);

	if (f == NULL)
		abort();
	memcpy(fn, &f, sizeof(f));
}

static int
spared(FILE *f)
{
	setup();
	if (f == stderr)
		return 1;
	return f == stdout && (fault_call == NULL ||
	                       strcmp(fault_call, "stdout") != 0);
}

size_t
fwrite(const void *p, size_t size, size_t n, FILE *f)
{
	size_t (*real)(const void *, size_t, size_t, FILE *);

	next(&real, "fwrite");
	if (!spared(f) && (fails("fwrite", (long)(size * n)) ||
	                   (f == stdout && fails("stdout", (long)(size * n)))))
		return 0;
	return real(p, size, n, f);
}

ssize_t
write(int fd, const void *p, size_t n)
{
	ssize_t (*real)(int, const void *, size_t);

	next(&real, "write");
	if (fd > 2 && fails("write", (long)n))
		return -1;
	return real(fd, p, n);
}

int
fflush(FILE *f)
{
	int (*real)(FILE *);

	next(&real, "fflush");
	if (f != NULL && !spared(f) && fails("fflush", 1))
		return EOF;
	return real(f);
}

int
fsync(int fd)
{
	int (*real)(int);

	next(&real, "fsync");
	if (fails("fsync", 1))
		return -1;
	return real(fd);
}

int
fclose(FILE *f)
{
	int (*real)(FILE *);

	next(&real, "fclose");
	/* the stream is closed all the same, as a failing close does */
	if (!spared(f) && fails("fclose", 1)) {
		int err = errno;
		real(f);
		errno = err;
		return EOF;
	}
	return real(f);
}

int
rename(const char *from, const char *to)
{
	int (*real)(const char *, const char *);

	next(&real, "rename");
	if (fails("rename", 1))
		return -1;
	return real(from, to);
}

int
mkstemp(char *tmpl)
{
	int (*real)(char *);

	next(&real, "mkstemp");
	if (fails("mkstemp", 1))
		return -1;
	return real(tmpl);
}

/* A read-only folder refuses new files, whatever the caller's rights. */
int
open(const char *path, int flags, ...)
{
	int (*real)(const char *, int, ...);
	mode_t mode = 0;
	va_list ap;

	next(&real, "open");
	if (flags & O_CREAT) {
		va_start(ap, flags);
		mode = (mode_t)va_arg(ap, int);
		va_end(ap);
		if (fails("open", 1))
			return -1;
	}
	return real(path, flags, mode);
}
