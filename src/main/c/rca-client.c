/*
 * rca-client: hands one rca command line to a running rca daemon (dev.rca.cli.RcaDaemon) over a Unix
 * socket and relays its stdout, stderr and exit code, so that a query costs a few milliseconds of
 * process start instead of a JVM's start. scripts/rca builds it with the system C compiler and uses it
 * only for read-only history commands; see README "Performance".
 *
 *   rca-client <socket> run <arg>...   run a command; exit with its exit code
 *   rca-client <socket> stop           ask the daemon to exit
 *
 * Exit 125 means no daemon answered and nothing was written: the launcher then runs the command in a
 * JVM of its own. Protocol (big-endian): the request is "RCA1", a flags word (1 stdout is a terminal,
 * 2 stderr is a terminal, 4 stop), the working directory, the argument count and the arguments, each
 * string as a 32-bit length and its bytes. The daemon answers with frames of a type byte (1 stdout,
 * 2 stderr, 3 exit code) and a 32-bit length, then closes.
 */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#define NO_DAEMON 125

static int put(char **buf, size_t *len, size_t *cap, const void *data, size_t n) {
    if (*len + n > *cap) {
        size_t want = (*cap ? *cap : 4096);
        while (want < *len + n) want *= 2;
        char *grown = realloc(*buf, want);
        if (!grown) return -1;
        *buf = grown;
        *cap = want;
    }
    memcpy(*buf + *len, data, n);
    *len += n;
    return 0;
}

static int put_u32(char **buf, size_t *len, size_t *cap, uint32_t v) {
    unsigned char b[4] = {v >> 24, v >> 16, v >> 8, v};
    return put(buf, len, cap, b, 4);
}

static int put_str(char **buf, size_t *len, size_t *cap, const char *s) {
    size_t n = strlen(s);
    return put_u32(buf, len, cap, (uint32_t) n) || put(buf, len, cap, s, n);
}

static int read_full(int fd, void *dst, size_t n) {
    char *p = dst;
    while (n > 0) {
        ssize_t r = read(fd, p, n);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) return -1;
        p += r;
        n -= (size_t) r;
    }
    return 0;
}

static int write_full(int fd, const void *src, size_t n) {
    const char *p = src;
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return -1;
        p += w;
        n -= (size_t) w;
    }
    return 0;
}

int main(int argc, char **argv) {
    if (argc < 3 || (strcmp(argv[2], "run") != 0 && strcmp(argv[2], "stop") != 0)) {
        fprintf(stderr, "usage: rca-client <socket> run <arg>... | rca-client <socket> stop\n");
        return 2;
    }
    int stop = strcmp(argv[2], "stop") == 0;
    struct sockaddr_un addr;
    memset(&addr, 0, sizeof addr);
    addr.sun_family = AF_UNIX;
    if (strlen(argv[1]) >= sizeof addr.sun_path) return NO_DAEMON;
    strcpy(addr.sun_path, argv[1]);
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    if (fd < 0 || connect(fd, (struct sockaddr *) &addr, sizeof addr) != 0) return NO_DAEMON;
    /* A reader that goes away (rca log | head) must end this process quietly, as it ends a JVM's output. */
    signal(SIGPIPE, SIG_DFL);

    char cwd[PATH_MAX];
    if (!getcwd(cwd, sizeof cwd)) return NO_DAEMON;
    char *req = NULL;
    size_t len = 0, cap = 0;
    uint32_t flags = (isatty(1) ? 1 : 0) | (isatty(2) ? 2 : 0) | (stop ? 4 : 0);
    int bad = put(&req, &len, &cap, "RCA1", 4) || put_u32(&req, &len, &cap, flags) || put_str(&req, &len, &cap, cwd)
        || put_u32(&req, &len, &cap, (uint32_t) (stop ? 0 : argc - 3));
    for (int i = 3; !stop && !bad && i < argc; i++) bad = put_str(&req, &len, &cap, argv[i]);
    /* Nothing has been written to stdout or stderr yet, so a daemon that cannot take the request can still
       be replaced by a JVM of the launcher's own. */
    if (bad || write_full(fd, req, len) != 0) return NO_DAEMON;
    free(req);

    int answered = 0;
    char *data = NULL;
    size_t data_cap = 0;
    for (;;) {
        unsigned char head[5];
        if (read_full(fd, head, 5) != 0) break;
        answered = 1;
        uint32_t n = (uint32_t) head[1] << 24 | (uint32_t) head[2] << 16 | (uint32_t) head[3] << 8 | head[4];
        if (n > data_cap) {
            char *grown = realloc(data, n);
            if (!grown) return 4;
            data = grown;
            data_cap = n;
        }
        if (read_full(fd, data, n) != 0) break;
        if (head[0] == 3 && n == 4) {
            unsigned char *c = (unsigned char *) data;
            return (int) ((uint32_t) c[0] << 24 | (uint32_t) c[1] << 16 | (uint32_t) c[2] << 8 | c[3]);
        }
        write_full(head[0] == 1 ? 1 : 2, data, n);
    }
    if (!answered) return NO_DAEMON;
    fprintf(stderr, "rca: error: the rca daemon went away before the command finished (RCA_DAEMON=off runs without it)\n");
    return 4;
}
