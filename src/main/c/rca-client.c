/*
 * rca-client: hands one rca command line to a running rca daemon (dev.rca.cli.RcaDaemon) over a Unix
 * socket and relays its stdout, stderr and exit code, so that a query costs a few milliseconds of
 * process start instead of a JVM's start. scripts/rca builds it with the system C compiler and uses it
 * for the history commands and bisect-helper; see README "Install".
 *
 *   rca-client <jar> <java> run <arg>...   run a command; exit with its exit code
 *   rca-client <jar> <java> front <launcher> <arg>...
 *                                          as run, but where run would exit 125 or 124 it becomes
 *                                          `bash <launcher> <arg>...` with _rca_client_status set to that
 *                                          code: scripts/rca execs the client instead of waiting for it,
 *                                          one process fewer on every daemon query
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
 * 2 stderr is a terminal, 4 stop, 8 this client runs tests, 16 it copies a test's output into the file an
 * execute frame names), the working directory, the argument count and
 * the arguments, each string as a 32-bit length and its bytes. The daemon answers with frames of a type byte
 * (1 stdout, 2 stderr, 3 exit code, 4 execute) and a 32-bit length, then closes.
 *
 * Execute (bisect-helper run): the test must start with the caller's environment, which the daemon does not
 * have, so the client starts it, as CommandRunner.run would in a JVM of its own (see run_test), and answers
 * with a frame of type 5: how it ended (0 exited, 1 timed out, 2 could not start), the exit code or errno,
 * and strerror's words for that errno. The frame's payload and the answer's are described in
 * dev.rca.daemon.ClientStarter. If this client goes away meanwhile, the daemon ends the run (every verdict is
 * saved).
 * On SIGINT, SIGTERM and SIGHUP the client exits 128 + the signal, as a JVM does; a test it runs is killed, with
 * its descendants, and reaped first, so that nothing goes on in the scratch checkout once the daemon moves on.
 * Killed with SIGKILL, which it cannot handle, the client leaves that to the test's guardian (see guard).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

#define NO_DAEMON 125
#define BUSY 124
/* Far above any frame the daemon writes (stdout goes out in 64 KiB buffers, a test's command line is bounded by
   ARG_MAX), far below what a garbled length would have this process allocate. */
#define MAX_FRAME (64u << 20)

/* Set by the signal handler while run_test has a child: the test must be killed before this process exits, or it
   would go on running in the scratch checkout while the daemon moves on. */
static volatile sig_atomic_t in_test, got_signal;
/* The client's command line as /proc shows it, so that the guardian can show another (see guard). */
static char *cmdline;
static size_t cmdline_len;

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
   use a daemon (RCA_DAEMON_INDEX changes what it does, so it is keyed). SUDO_UID is: under sudo, git's ownership
   check (safe.directory) trusts the repositories of that user. TERM and NO_COLOR are not: rca writes no
   colour, and a daemon per terminal type would answer alike. */
static int keyed(const char *var) {
    static const char *prefixes[] = {"GIT_", "RCA_", "HOME=", "XDG_CONFIG_HOME=", "SUDO_UID=", "TZ=", "LANG=", "LC_",
                                     NULL};
    if (strncmp(var, "RCA_DAEMON=", 11) == 0 || strncmp(var, "RCA_DAEMON_IDLE=", 16) == 0) return 0;
    for (int i = 0; prefixes[i]; i++) {
        if (strncmp(var, prefixes[i], strlen(prefixes[i])) == 0) return 1;
    }
    return 0;
}

/* A test command, as an EXECUTE frame names it (see execute()). */
struct command {
    char **argv, **unset, **set;
    char *dir;
    int64_t timeout_ms;
    char *output; /* the file the test's output is copied into, or NULL: dropped */
};

static uint32_t get_u32(const unsigned char *p) {
    return (uint32_t) p[0] << 24 | (uint32_t) p[1] << 16 | (uint32_t) p[2] << 8 | p[3];
}

/* Strings of a frame's payload: a NUL-terminated copy of the next one, or NULL when the payload is short. */
static char *take_str(const unsigned char **p, const unsigned char *end) {
    if (end - *p < 4) return NULL;
    uint32_t n = get_u32(*p);
    *p += 4;
    if ((uint32_t) (end - *p) < n) return NULL;
    char *s = malloc((size_t) n + 1);
    if (!s) return NULL;
    memcpy(s, *p, n);
    s[n] = 0;
    *p += n;
    return s;
}

static void free_strs(char **v) {
    for (char **s = v; s && *s; s++) free(*s);
    free(v);
}

static char **take_strs(const unsigned char **p, const unsigned char *end) {
    if (end - *p < 4) return NULL;
    uint32_t n = get_u32(*p);
    *p += 4;
    if (n > (uint32_t) (end - *p) / 4) return NULL;
    char **v = calloc((size_t) n + 1, sizeof *v);
    for (uint32_t i = 0; v && i < n; i++) {
        if (!(v[i] = take_str(p, end))) {
            free_strs(v);
            return NULL;
        }
    }
    return v;
}

static int64_t now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t) t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* Every descendant of root, as /proc lists parents; n set to how many (the array may be NULL when none). */
static pid_t *descendants(pid_t root, size_t *n) {
    size_t count = 0, cap = 0;
    pid_t *pids = NULL, *parents = NULL;
    DIR *proc = opendir("/proc");
    struct dirent *d;
    while (proc && (d = readdir(proc))) {
        char path[300], buf[512];
        if (d->d_name[0] < '0' || d->d_name[0] > '9') continue;
        snprintf(path, sizeof path, "/proc/%s/stat", d->d_name);
        int f = open(path, O_RDONLY | O_CLOEXEC);
        if (f < 0) continue;
        ssize_t r = read(f, buf, sizeof buf - 1);
        close(f);
        if (r <= 0) continue;
        buf[r] = 0;
        char *after = strrchr(buf, ')'); /* the command name may hold anything, even ')' */
        int ppid;
        if (!after || sscanf(after + 1, " %*c %d", &ppid) != 1) continue;
        if (count == cap) {
            size_t want = cap ? cap * 2 : 256;
            pid_t *a = realloc(pids, want * sizeof *a);
            if (!a) break;
            pids = a;
            pid_t *b = realloc(parents, want * sizeof *b);
            if (!b) break;
            parents = b;
            cap = want;
        }
        pids[count] = (pid_t) atoi(d->d_name);
        parents[count++] = ppid;
    }
    if (proc) closedir(proc);
    /* breadth first: out[] grows as children of the processes already in it are found */
    pid_t *out = malloc((count + 1) * sizeof *out);
    size_t found = 0;
    for (size_t at = 0; out && at <= found; at++) {
        pid_t parent = at == 0 ? root : out[at - 1];
        for (size_t i = 0; i < count; i++) {
            if (parents[i] == parent && pids[i] != root) out[found++] = pids[i];
        }
    }
    free(pids);
    free(parents);
    *n = out ? found : 0;
    return out;
}

/* As CommandRunner.killTree: the process and every descendant, listed before the process dies (its children
   are re-parented then), and once more after. */
static void kill_tree(pid_t root) {
    size_t n;
    pid_t *all = descendants(root, &n);
    kill(root, SIGKILL);
    for (size_t i = 0; i < n; i++) kill(all[i], SIGKILL);
    free(all);
    all = descendants(root, &n);
    for (size_t i = 0; i < n; i++) kill(all[i], SIGKILL);
    free(all);
}

/* In the child: closes every descriptor above stderr but keep and also (-1: none), as a JVM's child has none of its
   parent's. */
static void close_others(int keep, int also) {
    DIR *fds = opendir("/proc/self/fd");
    if (!fds) return;
    int own = dirfd(fds);
    struct dirent *d;
    while ((d = readdir(fds))) {
        int fd = atoi(d->d_name);
        if (d->d_name[0] >= '0' && d->d_name[0] <= '9' && fd > 2 && fd != keep && fd != also && fd != own) close(fd);
    }
    closedir(fds);
}

/* A poll that a signal recorded by exit_on ends: the signals are blocked outside it, so that one arriving just
   before it cannot be missed. */
static int poll_or_signal(struct pollfd *p, nfds_t n, int wait_ms, const sigset_t *unblocked) {
    struct timespec t = {wait_ms / 1000, (long) (wait_ms % 1000) * 1000000};
    return ppoll(p, n, wait_ms < 0 ? NULL : &t, unblocked);
}

/* Copies what the test wrote into the output file (kept < 0: none; a write that fails drops the rest of it). */
static void keep(int *kept, const char *buf, ssize_t n) {
    if (*kept >= 0 && n > 0 && write_full(*kept, buf, (size_t) n) != 0) {
        close(*kept);
        *kept = -1;
    }
}

/* Reads what the test writes, into the output file, until end of file, the deadline (-1: none) or a signal; 1 at
   end of file. */
static int drain(int out, int *kept, int64_t deadline, const sigset_t *unblocked) {
    char buf[8192];
    for (;;) {
        int wait = -1;
        if (got_signal) return 0;
        if (deadline >= 0) {
            int64_t left = deadline - now_ms();
            if (left <= 0) return 0;
            wait = left > INT_MAX ? INT_MAX : (int) left;
        }
        struct pollfd p = {out, POLLIN, 0};
        int r = poll_or_signal(&p, 1, wait, unblocked);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) return 0;
        ssize_t got = read(out, buf, sizeof buf);
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) return 1;
        keep(kept, buf, got);
    }
}

/*
 * Starts the test's guardian: a process of its own that kills the test and its descendants (as kill_tree) if this
 * client dies before it has reaped the test, killed by SIGKILL (no handler sees it) or the out-of-memory killer, so
 * that nothing goes on in the scratch checkout once the daemon, which notices the client gone, lets another run move
 * it. The test, in the caller's process group and reparented, would otherwise run to its end. The guardian waits on
 * a pipe whose other end only this client holds: stand_down writes a byte there once the test is reaped; end of file
 * without one means the client died. pidfd (-1: none) tells it a test that has ended already, whose pid may be
 * another process's by then. Returns the guardian's pid and sets *life, or -1 when it could not start (the test
 * then runs unguarded, as before).
 */
static pid_t guard(pid_t test, int pidfd, int *life) {
    int p[2];
    if (pipe2(p, O_CLOEXEC)) return -1;
    pid_t g = fork();
    if (g == 0) {
        /* nothing of the client's stays open here: the daemon's socket held would hide the client's end from it, and
           the caller's output would not end with the client */
        close(p[1]);
        close_others(p[0], pidfd);
        /* a name of its own: killing a hung client by its name (pkill rca-client, killall, pkill -f with its command
           line) must not kill the guardian with it, or the test outlives both */
        prctl(PR_SET_NAME, "rca-guard", 0, 0, 0);
        if (cmdline && cmdline_len > 0) {
            memset(cmdline, 0, cmdline_len);
            snprintf(cmdline, cmdline_len, "rca-guard");
        }
        int null = open("/dev/null", O_RDWR | O_CLOEXEC);
        for (int fd = 0; fd <= 2; fd++) {
            if (null >= 0) dup2(null, fd);
        }
        /* SIGINT, SIGTERM and SIGHUP stay blocked, as the client had them at the fork: ^C is the client's to handle */
        char b;
        ssize_t r;
        while ((r = read(p[0], &b, 1)) < 0 && errno == EINTR) {
        }
        struct pollfd ended = {pidfd, POLLIN, 0};
        if (r == 0 && (pidfd < 0 || poll(&ended, 1, 0) == 0)) kill_tree(test);
        _exit(0);
    }
    close(p[0]);
    if (g < 0) {
        close(p[1]);
        return -1;
    }
    *life = p[1];
    return g;
}

/* Tells the guardian the test was reaped, and reaps it in turn. */
static void stand_down(pid_t g, int life) {
    if (g < 0) return;
    write_full(life, "r", 1);
    close(life);
    while (waitpid(g, NULL, 0) < 0 && errno == EINTR) {
    }
}

/*
 * Runs a test as CommandRunner.run does in a JVM of its own: with this process's environment less the variables
 * to remove, plus those to set; in the directory named; standard input a pipe already closed, standard output
 * and error one pipe whose bytes go to the output file named (the daemon keeps their tail), or are dropped; no other
 * descriptor. Same process group, so ^C reaches the test
 * as it does under a JVM. After the timeout the test and its descendants are killed. Like a JVM's output reader,
 * it waits up to 5 s after the test's end for its output to close. Sets *how (0 exited, 1 timed out, 2 could not
 * start) and *value (exit code, 128 + the signal that killed it, or errno).
 */
static void run_test(const struct command *c, int daemon, int *how, int *value) {
    int in[2] = {-1, -1}, out[2] = {-1, -1}, fail[2] = {-1, -1};
    if (pipe2(in, O_CLOEXEC) || pipe2(out, O_CLOEXEC) || pipe2(fail, O_CLOEXEC)) {
        *how = 2;
        *value = errno;
        int all[] = {in[0], in[1], out[0], out[1], fail[0], fail[1]};
        for (size_t i = 0; i < sizeof all / sizeof *all; i++) {
            if (all[i] >= 0) close(all[i]);
        }
        return;
    }
    /* SIGINT, SIGTERM and SIGHUP are only taken inside poll_or_signal from here on, so that the test is killed and
       reaped before this process exits (see exit_on). */
    sigset_t stops, unblocked;
    sigemptyset(&stops);
    sigaddset(&stops, SIGINT);
    sigaddset(&stops, SIGTERM);
    sigaddset(&stops, SIGHUP);
    sigprocmask(SIG_BLOCK, &stops, &unblocked);
    in_test = 1;
    pid_t pid = fork();
    if (pid == 0) {
        /* the test gets the signals as it would from a JVM's fork: not blocked, and not caught by exit_on */
        int sigs[] = {SIGINT, SIGTERM, SIGHUP};
        for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++) {
            struct sigaction old;
            if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN) signal(sigs[i], SIG_DFL);
        }
        sigprocmask(SIG_SETMASK, &unblocked, NULL);
        dup2(in[0], 0);
        dup2(out[1], 1);
        dup2(out[1], 2);
        close_others(fail[1], -1);
        for (char **u = c->unset; *u; u++) unsetenv(*u);
        for (char **e = c->set; *e; e++) putenv(*e);
        if (chdir(c->dir) == 0) execvp(c->argv[0], c->argv);
        int e = errno;
        write_full(fail[1], &e, sizeof e);
        _exit(127);
    }
    int e = errno;
    close(in[0]);
    close(in[1]);
    close(out[1]);
    close(fail[1]);
    int status = 0, lost = 0;
    if (pid < 0) {
        close(out[0]);
        close(fail[0]);
        *how = 2;
        *value = e;
    } else if (read_full(fail[0], &e, sizeof e) == 0) {
        close(fail[0]);
        close(out[0]);
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
        }
        *how = 2;
        *value = e;
    } else {
        close(fail[0]);
        int kept = c->output ? open(c->output, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600) : -1;
        int64_t now = now_ms(), deadline = -1;
        if (c->timeout_ms >= 0 && c->timeout_ms <= INT64_MAX - now) deadline = now + c->timeout_ms;
        int pidfd = (int) syscall(SYS_pidfd_open, pid, 0);
        int life = -1;
        pid_t guardian = guard(pid, pidfd, &life);
        int timed_out = 0, open_out = 1, watch_daemon = daemon >= 0, daemon_gone = 0;
        for (;;) {
            pid_t r = waitpid(pid, &status, WNOHANG);
            if (r == pid) break;
            /* ECHILD: the child was reaped elsewhere, its status unknown; waiting more would spin forever */
            if (r < 0 && errno != EINTR) {
                lost = errno;
                break;
            }
            int wait = -1;
            if (deadline >= 0) {
                int64_t left = deadline - now_ms();
                if (left <= 0) timed_out = 1;
                wait = left > INT_MAX ? INT_MAX : (int) left;
            }
            if (timed_out || got_signal || daemon_gone) {
                kill_tree(pid);
                while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
                }
                break;
            }
            /* without a pidfd (Linux before 5.3), the end is noticed within 10 ms */
            if (pidfd < 0 && (wait < 0 || wait > 10)) wait = 10;
            /* the daemon's end of the socket too: a daemon killed meanwhile (the out-of-memory killer picks the
               biggest process) released the bisection's lock with it, so its test must not go on */
            struct pollfd p[3] = {{open_out ? out[0] : -1, POLLIN, 0}, {pidfd, POLLIN, 0},
                                  {watch_daemon ? daemon : -1, POLLIN, 0}};
            if (poll_or_signal(p, 3, wait, &unblocked) > 0) {
                if (p[0].revents & (POLLIN | POLLHUP)) {
                    char buf[8192];
                    ssize_t got = read(out[0], buf, sizeof buf);
                    if (got == 0) open_out = 0;
                    keep(&kept, buf, got);
                }
                if (p[2].revents & (POLLIN | POLLHUP | POLLERR)) {
                    char b;
                    ssize_t k = recv(daemon, &b, 1, MSG_PEEK | MSG_DONTWAIT);
                    if (k == 0 || (k < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) {
                        daemon_gone = 1;
                    } else if (k > 0) {
                        watch_daemon = 0; /* not expected while a test runs; read by the caller later */
                    }
                }
            }
        }
        stand_down(guardian, life);
        if (pidfd >= 0) close(pidfd);
        if (open_out && !lost) drain(out[0], &kept, now_ms() + 5000, &unblocked);
        close(out[0]);
        if (kept >= 0) close(kept);
        *how = lost ? 2 : timed_out ? 1 : 0;
        *value = lost ? lost : timed_out ? -1 : WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    in_test = 0;
    if (got_signal) _exit(128 + got_signal);
    sigprocmask(SIG_SETMASK, &unblocked, NULL);
}

/* An EXECUTE frame: runs its test and answers with a RESULT frame; -1 when the frame is malformed. */
static int execute(int fd, const unsigned char *data, uint32_t n) {
    const unsigned char *p = data, *end = data + n;
    struct command c;
    c.argv = take_strs(&p, end);
    c.dir = c.argv ? take_str(&p, end) : NULL;
    c.unset = c.dir ? take_strs(&p, end) : NULL;
    c.set = c.unset ? take_strs(&p, end) : NULL;
    int malformed = !c.set || !c.argv[0] || end - p < 8;
    c.output = NULL;
    if (!malformed) {
        c.timeout_ms = (int64_t) ((uint64_t) get_u32(p) << 32 | get_u32(p + 4));
        p += 8;
        /* then, optionally, the file for the test's output */
        if (p != end && (!(c.output = take_str(&p, end)) || p != end)) malformed = 1;
    }
    int how = 0, value = 0;
    if (!malformed) run_test(&c, fd, &how, &value);
    /* putenv kept c.set's strings in the child only; a --flaky run takes hundreds of steps */
    free_strs(c.argv);
    free(c.dir);
    free(c.output);
    free_strs(c.unset);
    free_strs(c.set);
    if (malformed) return -1;
    const char *why = how == 2 ? strerror(value) : "";
    char *reply = NULL;
    size_t len = 0, cap = 0;
    unsigned char type = 5;
    if (put(&reply, &len, &cap, &type, 1) || put_u32(&reply, &len, &cap, (uint32_t) (12 + strlen(why)))
        || put_u32(&reply, &len, &cap, (uint32_t) how) || put_u32(&reply, &len, &cap, (uint32_t) value)
        || put_str(&reply, &len, &cap, why)) {
        free(reply);
        return -1;
    }
    /* a daemon gone meanwhile shows on the next read, with a message; no SIGPIPE */
    for (size_t at = 0; at < len;) {
        ssize_t w = send(fd, reply + at, len - at, MSG_NOSIGNAL);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) break;
        at += (size_t) w;
    }
    free(reply);
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

/* A JVM ends on SIGINT, SIGTERM and SIGHUP with 128 + the signal, a plain exit: so does the client, so that a
   script around rca sees what it saw from a JVM of its own (the test, in the same process group, gets ^C too). */
static void exit_on(int sig) {
    if (in_test) {
        got_signal = sig;
        return;
    }
    _exit(128 + sig);
}

static void exit_on_signals(void) {
    int sigs[] = {SIGINT, SIGTERM, SIGHUP};
    for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++) {
        struct sigaction old;
        /* an ignored signal stays ignored, as the JVM leaves it (nohup, a background job) */
        if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN) {
            /* no SA_RESTART: run_test's wait must return to notice the signal */
            struct sigaction on = {0};
            on.sa_handler = exit_on;
            sigemptyset(&on.sa_mask);
            sigaction(sigs[i], &on, NULL);
        }
    }
}

/* Runs the request of argv (run's layout: the command line from argv[4] on); the exit code of the command, or
   NO_DAEMON or BUSY with nothing written. */
static int talk(int argc, char **argv) {
    struct sockaddr_un addr;
    memset(&addr, 0, sizeof addr);
    addr.sun_family = AF_UNIX;
    if (!socket_path(argv[1], argv[2], addr.sun_path, sizeof addr.sun_path)) return NO_DAEMON;
    if (strcmp(argv[3], "socket") == 0) {
        printf("%s\n", addr.sun_path);
        return 0;
    }
    int stop = strcmp(argv[3], "stop") == 0;
    exit_on_signals();
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0 || connect(fd, (struct sockaddr *) &addr, sizeof addr) != 0) return NO_DAEMON;
    /* A daemon busy with another command closes the connection unanswered; writing the request to it must
       fail with EPIPE (then the launcher runs the command itself), not kill this process. */
    signal(SIGPIPE, SIG_IGN);

    char cwd[PATH_MAX];
    if (!getcwd(cwd, sizeof cwd)) return NO_DAEMON;
    char *req = NULL;
    size_t len = 0, cap = 0;
    uint32_t flags = (isatty(1) ? 1 : 0) | (isatty(2) ? 2 : 0) | (stop ? 4 : 0) | 8 | 16;
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
        uint32_t n = get_u32(head + 1);
        /* a garbled answer must not have this process allocate gigabytes or print what it cannot read */
        if (head[0] < 1 || head[0] > 4 || n > MAX_FRAME || (head[0] == 3 && n != 4)) {
            fprintf(stderr, "rca: error: the rca daemon's answer is garbled (RCA_DAEMON=off runs without it)\n");
            return 4;
        }
        if (n > data_cap) {
            char *grown = realloc(data, n);
            if (!grown) return 4;
            data = grown;
            data_cap = n;
        }
        if (read_full(fd, data, n) != 0) break;
        if (head[0] == 3) {
            return (int) get_u32((unsigned char *) data);
        }
        if (head[0] == 4) {
            if (execute(fd, (unsigned char *) data, n) != 0) break;
            continue;
        }
        write_full(head[0] == 1 ? 1 : 2, data, n);
    }
    if (!answered) return BUSY;
    fprintf(stderr, "rca: error: the rca daemon went away before the command finished (RCA_DAEMON=off runs without it)\n");
    return 4;
}

int main(int argc, char **argv) {
    if (argc > 0) {
        cmdline = argv[0];
        cmdline_len = (size_t) (argv[argc - 1] + strlen(argv[argc - 1]) - argv[0]) + 1;
    }
    int front = argc >= 5 && strcmp(argv[3], "front") == 0;
    if (argc < 4 || (!front && strcmp(argv[3], "run") != 0 && strcmp(argv[3], "stop") != 0
                     && strcmp(argv[3], "socket") != 0)) {
        fprintf(stderr, "usage: rca-client <jar> <java> run <arg>... | front <launcher> <arg>... | stop | socket\n");
        return 2;
    }
    /* what the launcher must start with if it takes over: the caller's dispositions, not this client's */
    struct sigaction caller_chld, caller_pipe;
    sigaction(SIGCHLD, NULL, &caller_chld);
    sigaction(SIGPIPE, NULL, &caller_pipe);
    /* inherited as ignored, SIGCHLD would have the kernel reap the test itself, and waitpid never see it */
    signal(SIGCHLD, SIG_DFL);
    if (!front) return talk(argc, argv);
    /* argv[4] is the launcher; talk wants run's layout, the command line from its argv[4] on */
    char *launcher = argv[4];
    argv[4] = "run";
    argv[3] = argv[2];
    argv[2] = argv[1];
    argv[1] = argv[0];
    int code = talk(argc - 1, argv + 1);
    if (code != NO_DAEMON && code != BUSY) return code;
    char status[4];
    snprintf(status, sizeof status, "%d", code);
    setenv("_rca_client_status", status, 1);
    sigaction(SIGCHLD, &caller_chld, NULL);
    sigaction(SIGPIPE, &caller_pipe, NULL);
    /* the launcher's own arguments: bash, the script, then the command line after front's */
    char **args = calloc((size_t) argc, sizeof *args);
    if (!args) {
        fprintf(stderr, "rca: error: out of memory starting %s\n", launcher);
        return 4;
    }
    args[0] = "bash";
    args[1] = launcher;
    for (int i = 5; i < argc; i++) args[i - 3] = argv[i];
    execvp("bash", args);
    fprintf(stderr, "rca: error: cannot start bash for %s: %s\n", launcher, strerror(errno));
    return 4;
}
