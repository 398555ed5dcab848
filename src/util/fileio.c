#include "config.h"

#include "util/fileio.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum yj_status
file_read_all(const char *path, size_t max, char **buf, size_t *len, struct diag_list *diags)
{
	struct stat st;
	size_t cap = 64 * 1024, n = 0;
	char *p;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);

	*buf = NULL;
	*len = 0;
	if (fd < 0) {
		diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot open: %s", strerror(errno));
		return YJ_ERR_NOINPUT;
	}
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		diag_add(diags, DIAG_ERROR, path, 0, 0, "is a directory, not a file");
		close(fd);
		return YJ_ERR_NOINPUT;
	}
	p = xmalloc(cap + 1);
	for (;;) {
		ssize_t got;

		if (n == cap) {
			if (cap > max)
				break;
			cap *= 2;
			p = xrealloc(p, cap + 1);
		}
		got = read(fd, p + n, cap - n);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot read: %s", strerror(errno));
			free(p);
			close(fd);
			return YJ_ERR_IO;
		}
		if (got == 0)
			break;
		n += (size_t)got;
	}
	close(fd);
	if (n > max) {
		diag_add(diags, DIAG_ERROR, path, 0, 0, "file is larger than %zu bytes; refusing it",
			 max);
		free(p);
		return YJ_ERR_TOO_BIG;
	}
	p[n] = '\0';
	*buf = p;
	*len = n;
	return YJ_OK;
}

bool
file_write_private(const char *path, const char *text, struct strbuf *why)
{
	size_t len = strlen(text), off = 0;
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOCTTY, 0600);

	if (fd < 0) {
		sb_printf(why, "%s: %s", path, strerror(errno));
		return false;
	}
	while (off < len) {
		ssize_t w = write(fd, text + off, len - off);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			sb_printf(why, "%s: %s", path, strerror(errno));
			close(fd);
			return false;
		}
		off += (size_t)w;
	}
	if (close(fd) != 0) {
		sb_printf(why, "%s: %s", path, strerror(errno));
		return false;
	}
	return true;
}
