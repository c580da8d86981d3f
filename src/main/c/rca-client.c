/*
 * rca-client: hands one rca command line to a running rca daemon (dev.rca.cli.RcaDaemon) over a Unix
 * socket and relays its stdout, stderr and exit code, so that a query costs a few milliseconds of
 * process start instead of a JVM's start. scripts/rca builds it with the system C compiler and uses it
 * only for read-only history commands; see README "Performance".
 *
 *   rca-client <jar> <java> run <arg>...   run a command; exit with its exit code
 *   rca-client <jar> <java> stop           ask the daemon to exit
 *   rca-client <jar> <java> socket         print the daemon's socket (the launcher starts a daemon there)
 *
 * There is one daemon per jar (path, time and size), JVM, umask, $RCA_JAVA_OPTS and every environment
 * variable that rca or JGit reads, so that a daemon always answers as a JVM started here would. Its socket
 * lives in ${XDG_RUNTIME_DIR:-/tmp}/rca-<uid>, which must be this user's and closed to everyone else,
 * since whoever can write there could answer in the daemon's place.
 *
 * Exit 125 means no daemon answered and nothing was written: the launcher then runs the command in a
 * JVM of its own and starts a daemon for the next one. Exit 124 means a daemon took the connection but
 * answered nothing (it was busy with another command): the launcher runs the command itself and starts
 * no daemon. Protocol (big-endian): the request is "RCA1", a flags word (1 stdout is a terminal,
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
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

extern char **environ;

#define NO_DAEMON 125
#define BUSY 124

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

static uint64_t fnv(uint64_t h, const void *data, size_t n) {
    const unsigned char *p = data;
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 1099511628211ULL;
    }
    return h;
}

static uint64_t fnv_str(uint64_t h, const char *s) {
    return fnv(h, s, strlen(s) + 1);
}

/* Variables that change what rca or JGit does; RCA_DAEMON and RCA_DAEMON_IDLE only say whether and how long to
   use a daemon (RCA_DAEMON_INDEX changes what it does, so it is keyed). */
static int keyed(const char *var) {
    static const char *prefixes[] = {"GIT_", "RCA_", "HOME=", "XDG_CONFIG_HOME=", "TZ=", "LANG=", "LC_",
                                     "NO_COLOR=", "TERM=", NULL};
    if (strncmp(var, "RCA_DAEMON=", 11) == 0 || strncmp(var, "RCA_DAEMON_IDLE=", 16) == 0) return 0;
    for (int i = 0; prefixes[i]; i++) {
        if (strncmp(var, prefixes[i], strlen(prefixes[i])) == 0) return 1;
    }
    return 0;
}

static int by_string(const void *a, const void *b) {
    return strcmp(*(char *const *) a, *(char *const *) b);
}

/* The daemon's socket for this jar, JVM and environment; NULL when there is no safe place for one. */
static const char *socket_path(const char *jar, const char *java, char *out, size_t size) {
    struct stat st;
    char real_jar[PATH_MAX];
    if (stat(jar, &st) != 0 || !realpath(jar, real_jar)) return NULL;
    jar = real_jar;
    char real_java[PATH_MAX], candidate[PATH_MAX];
    const char *path = getenv("PATH");
    if (!strchr(java, '/') && path) {
        /* "java" as the shell would find it on PATH */
        for (const char *p = path; *p;) {
            const char *end = strchr(p, ':');
            size_t n = end ? (size_t) (end - p) : strlen(p);
            snprintf(candidate, sizeof candidate, "%.*s/%s", (int) n, p, java);
            if (access(candidate, X_OK) == 0) {
                java = candidate;
                break;
            }
            p += n + (end ? 1 : 0);
        }
    }
    if (!realpath(java, real_java)) snprintf(real_java, sizeof real_java, "%s", java);
    mode_t mask = umask(0);
    umask(mask);
    uint64_t h = 1469598103934665603ULL;
    h = fnv_str(h, jar);
    h = fnv(h, &st.st_mtim, sizeof st.st_mtim);
    h = fnv(h, &st.st_size, sizeof st.st_size);
    h = fnv_str(h, real_java);
    h = fnv(h, &mask, sizeof mask);
    size_t n = 0;
    while (environ[n]) n++;
    const char **vars = malloc((n + 1) * sizeof *vars);
    if (!vars) return NULL;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (keyed(environ[i])) vars[k++] = environ[i];
    }
    qsort(vars, k, sizeof *vars, by_string);
    for (size_t i = 0; i < k; i++) h = fnv_str(h, vars[i]);
    free(vars);

    const char *runtime = getenv("XDG_RUNTIME_DIR");
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s/rca-%u", runtime && *runtime ? runtime : "/tmp", (unsigned) getuid());
    mkdir(dir, 0700);
    if (lstat(dir, &st) != 0 || !S_ISDIR(st.st_mode) || st.st_uid != getuid() || (st.st_mode & 077) != 0) {
        return NULL;
    }
    if ((size_t) snprintf(out, size, "%s/daemon-%016llx.sock", dir, (unsigned long long) h) >= size) return NULL;
    return out;
}

int main(int argc, char **argv) {
    if (argc < 4 || (strcmp(argv[3], "run") != 0 && strcmp(argv[3], "stop") != 0
                     && strcmp(argv[3], "socket") != 0)) {
        fprintf(stderr, "usage: rca-client <jar> <java> run <arg>... | stop | socket\n");
        return 2;
    }
    struct sockaddr_un addr;
    memset(&addr, 0, sizeof addr);
    addr.sun_family = AF_UNIX;
    if (!socket_path(argv[1], argv[2], addr.sun_path, sizeof addr.sun_path)) return NO_DAEMON;
    if (strcmp(argv[3], "socket") == 0) {
        printf("%s\n", addr.sun_path);
        return 0;
    }
    int stop = strcmp(argv[3], "stop") == 0;
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    if (fd < 0 || connect(fd, (struct sockaddr *) &addr, sizeof addr) != 0) return NO_DAEMON;
    /* A daemon busy with another command closes the connection unanswered; writing the request to it must
       fail with EPIPE (then the launcher runs the command itself), not kill this process. */
    signal(SIGPIPE, SIG_IGN);

    char cwd[PATH_MAX];
    if (!getcwd(cwd, sizeof cwd)) return NO_DAEMON;
    char *req = NULL;
    size_t len = 0, cap = 0;
    uint32_t flags = (isatty(1) ? 1 : 0) | (isatty(2) ? 2 : 0) | (stop ? 4 : 0);
    int bad = put(&req, &len, &cap, "RCA1", 4) || put_u32(&req, &len, &cap, flags) || put_str(&req, &len, &cap, cwd)
        || put_u32(&req, &len, &cap, (uint32_t) (stop ? 0 : argc - 4));
    for (int i = 4; !stop && !bad && i < argc; i++) bad = put_str(&req, &len, &cap, argv[i]);
    /* Nothing has been written to stdout or stderr yet, so a daemon that cannot take the request can still
       be replaced by a JVM of the launcher's own. */
    if (bad) return NO_DAEMON;
    /* Connected, so a daemon is there: whatever happens before its first frame, it is busy (or went away),
       and starting another daemon would only start a JVM that finds the socket taken. */
    if (write_full(fd, req, len) != 0) return BUSY;
    free(req);
    /* A reader that goes away (rca log | head) must end this process quietly, as it ends a JVM's output. */
    signal(SIGPIPE, SIG_DFL);

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
    if (!answered) return BUSY;
    fprintf(stderr, "rca: error: the rca daemon went away before the command finished (RCA_DAEMON=off runs without it)\n");
    return 4;
}
