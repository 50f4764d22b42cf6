/* build_sys.c: what pmc build asks of the system beyond POSIX: a lock on
 * its output folder, flushing the folder's file system at once, and the
 * identity of the code that renders (the GNU build-id notes). */
#define _GNU_SOURCE /* flock, syncfs, dl_iterate_phdr */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <link.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "build.h"

int
build_lock(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd < 0)
		return -1;
	/* held until pmc exits: another pmc build of the same folder
	 * would sweep this one's temporary files and race its record */
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		close(fd);
		return errno == EWOULDBLOCK ? -2 : -1;
	}
	return fd;
}

int
build_sync(int dirfd)
{
	return syncfs(dirfd);
}

/* Is name one of pmc build's temporary files: the prefix and exactly
 * mkstemp's six letters and digits? */
static int
is_temp(const char *name)
{
	size_t n = strlen(PM_TMP_PREFIX), i;

	if (strncmp(name, PM_TMP_PREFIX, n) != 0 || strlen(name) != n + 6)
		return 0;
	for (i = n; name[i] != '\0'; i++)
		if (!((name[i] >= 'a' && name[i] <= 'z') ||
		      (name[i] >= 'A' && name[i] <= 'Z') ||
		      (name[i] >= '0' && name[i] <= '9')))
			return 0;
	return 1;
}

void
build_sweep(int dirfd)
{
	int fd = dup(dirfd);
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	struct dirent *e;
	struct stat st;

	if (d == NULL) {
		if (fd >= 0)
			close(fd);
		return;
	}
	/* only regular files by our name: under the folder's lock, none of
	 * them is another run's work in progress */
	while ((e = readdir(d)) != NULL)
		if (is_temp(e->d_name) &&
		    fstatat(dirfd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
		    S_ISREG(st.st_mode))
			unlinkat(dirfd, e->d_name, 0);
	closedir(d);
}

/* The GNU build-id note of one loaded object, if it has one. */
static int
build_id(struct dl_phdr_info *info, uint64_t *h)
{
	const ElfW(Phdr) *ph;
	const char *p, *end;
	const ElfW(Nhdr) *nh;
	int i, found = 0;

	for (i = 0; i < info->dlpi_phnum; i++) {
		ph = &info->dlpi_phdr[i];
		if (ph->p_type != PT_NOTE)
			continue;
		p = (const char *)(info->dlpi_addr + ph->p_vaddr);
		end = p + ph->p_memsz;
		while (p + sizeof(*nh) <= end) {
			nh = (const ElfW(Nhdr) *)(const void *)p;
			p += sizeof(*nh);
			if (nh->n_type == NT_GNU_BUILD_ID && nh->n_namesz == 4 &&
			    memcmp(p, "GNU", 4) == 0 &&
			    p + 4 + nh->n_descsz <= end) {
				*h = pm_fnv(*h, p + 4, nh->n_descsz);
				found = 1;
			}
			p += (nh->n_namesz + 3u) & ~3u;
			p += (nh->n_descsz + 3u) & ~3u;
		}
	}
	return found;
}

static int
each_object(struct dl_phdr_info *info, size_t size, void *arg)
{
	uint64_t *h = arg;
	const char *name = info->dlpi_name;
	struct stat st;
	long long v[3] = {-1, -1, -1};

	(void)size;
	/* the program ("") and the libraries loaded from files; not the
	 * kernel's vDSO, which changes with the kernel, not the output */
	if (name != NULL && name[0] != '\0' && name[0] != '/')
		return 0;
	if (build_id(info, h))
		return 0;
	/* no note (linked without --build-id): the file's size and time */
	if (stat(name && name[0] ? name : "/proc/self/exe", &st) == 0) {
		v[0] = (long long)st.st_size;
		v[1] = (long long)st.st_mtim.tv_sec;
		v[2] = (long long)st.st_mtim.tv_nsec;
	}
	*h = pm_fnv(pm_fnv_str(*h, name), v, sizeof(v));
	return 0;
}

uint64_t
build_self_key(uint64_t h)
{
	dl_iterate_phdr(each_object, &h);
	return h;
}

/* Two seconds: more than any file system's time granularity (FAT's is
 * two seconds; the kernel's clock ticks are milliseconds). */
#define RACY_NS 2000000000LL

static long long
ns_of(const struct timespec *t)
{
	return (long long)t->tv_sec * 1000000000LL + t->tv_nsec;
}

uint64_t
build_stat_key(const struct stat *st)
{
	struct timespec now;
	long long v[7];
	uint64_t h;

	/* A file changed after this stat is seen by its times only if they
	 * then differ: they do when the last change is older than the
	 * clock's granularity; a change more recent than that is hashed
	 * again next time. The change time is in the key because no
	 * program sets it: a file copied in with its old modification time
	 * (cp -p, rsync -t, an archive) still has a new one. */
	if (clock_gettime(CLOCK_REALTIME, &now) != 0 ||
	    ns_of(&st->st_mtim) > ns_of(&now) - RACY_NS ||
	    ns_of(&st->st_ctim) > ns_of(&now) - RACY_NS)
		return 0;
	v[0] = (long long)st->st_dev;
	v[1] = (long long)st->st_ino;
	v[2] = (long long)st->st_size;
	v[3] = (long long)st->st_mtim.tv_sec;
	v[4] = (long long)st->st_mtim.tv_nsec;
	v[5] = (long long)st->st_ctim.tv_sec;
	v[6] = (long long)st->st_ctim.tv_nsec;
	h = pm_fnv(PM_FNV_INIT, v, sizeof(v));
	return h ? h : 1; /* 0 says "none" */
}
