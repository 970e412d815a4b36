/*
 * jcni shim: what install.sh puts in the CNI bin dir under a plugin type's name when a C
 * compiler is present. It forwards the call to the jcni daemon over its unix socket and prints
 * the daemon's reply as if it were the plugin; when no daemon listens it execs the JVM launcher,
 * so a machine without the daemon works the same, only slower. Protocol: docs/daemon.md.
 *
 * Built by install.sh:
 *   cc -O2 -DJCNI_TYPE='"bridge"' -DJCNI_SOCKET='"/run/jcni/jcni.sock"' \
 *      -DJCNI_FALLBACK='"/opt/jcni/launchers/bridge"' -o BIN/bridge jcni-shim.c
 * libc only; stdin is read only after the daemon accepted the connection, so the fallback
 * launcher gets it untouched; a call too big for one frame goes to the launcher too, its stdin
 * handed over in a memfd.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#ifndef JCNI_TYPE
#error "JCNI_TYPE (the plugin type) must be defined"
#endif
#ifndef JCNI_SOCKET
#define JCNI_SOCKET "/run/jcni/jcni.sock"
#endif
#ifndef JCNI_FALLBACK
#error "JCNI_FALLBACK (the JVM launcher to exec when no daemon runs) must be defined"
#endif

/* Must match io.jcni.manager.protocol.Frames. */
#define MAGIC 0x4A434E49u
#define VERSION 1
#define KIND_CALL 1
#define KIND_REPLY 0x81
#define HEADER_BYTES 12
#define MAX_BODY_BYTES (4u * 1024 * 1024)
#define ACK 0x06
#define CODE_TRY_AGAIN_LATER 11

extern char **environ;

/* install.sh recognizes its own executables by this text. */
__attribute__((used)) static const char marker[] = "jcni shim for the CNI plugin " JCNI_TYPE;

struct buf {
    unsigned char *data;
    size_t len, cap;
};

static unsigned char *stdin_data;
static size_t stdin_len;

/* The config's cniVersion when it is a plain version string, else the latest. */
static void cni_version(char *out, size_t n) {
    snprintf(out, n, "1.1.0");
    if (stdin_data == NULL) {
        return;
    }
    const char *key = memmem(stdin_data, stdin_len, "\"cniVersion\"", 12);
    if (key == NULL) {
        return;
    }
    const char *p = key + 12, *end = (const char *)stdin_data + stdin_len;
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == ':')) {
        p++;
    }
    if (p >= end || *p != '"') {
        return;
    }
    p++;
    size_t i = 0;
    while (p + i < end && p[i] != '"' && i < 15 && ((p[i] >= '0' && p[i] <= '9') || p[i] == '.')) {
        i++;
    }
    if (i > 0 && p + i < end && p[i] == '"' && i < n) {
        memcpy(out, p, i);
        out[i] = 0;
    }
}

/* The spec's error object on stdout (code 11: the runtime may retry), exit 1. */
static void fail(const char *what, int err) {
    char version[16];
    cni_version(version, sizeof version);
    printf("{\n    \"cniVersion\": \"%s\",\n    \"code\": %d,\n    \"msg\": \"jcni daemon %s: try again later\",\n"
           "    \"details\": \"socket %s: %s\"\n}",
           version, CODE_TRY_AGAIN_LATER, what, JCNI_SOCKET, err ? strerror(err) : "connection closed");
    fflush(stdout);
    exit(1);
}

static void put(struct buf *b, const void *p, size_t n) {
    if (b->len + n > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->len + n) {
            cap *= 2;
        }
        b->data = realloc(b->data, cap);
        if (b->data == NULL) {
            fail("call: out of memory", ENOMEM);
        }
        b->cap = cap;
    }
    memcpy(b->data + b->len, p, n);
    b->len += n;
}

static void put32(struct buf *b, uint32_t v) {
    unsigned char x[4] = {v >> 24, v >> 16, v >> 8, v};
    put(b, x, 4);
}

static uint32_t get32(const unsigned char *p) {
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void write_all(int fd, const unsigned char *p, size_t n, const char *what) {
    while (n > 0) {
        ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
        if (w < 0 && errno == EINTR) {
            continue;
        }
        if (w <= 0) {
            fail(what, w < 0 ? errno : 0);
        }
        p += w;
        n -= (size_t)w;
    }
}

static void read_all(int fd, unsigned char *p, size_t n, const char *what) {
    while (n > 0) {
        ssize_t r = read(fd, p, n);
        if (r < 0 && errno == EINTR) {
            continue;
        }
        if (r <= 0) {
            fail(what, r < 0 ? errno : 0);
        }
        p += r;
        n -= (size_t)r;
    }
}

static void copy_out(int fd, const unsigned char *p, size_t n) {
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR) {
            continue;
        }
        if (w <= 0) {
            return; /* our reader is gone: nothing left to tell it */
        }
        p += w;
        n -= (size_t)w;
    }
}

/* One data byte carrying one descriptor: the daemon reads exactly one per message. */
static void send_fd(int sock, int fd) {
    char byte = 0;
    struct iovec iov = {.iov_base = &byte, .iov_len = 1};
    union {
        struct cmsghdr h;
        char space[CMSG_SPACE(sizeof(int))];
    } control;
    memset(&control, 0, sizeof control);
    struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = control.space,
                         .msg_controllen = sizeof control.space};
    struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(c), &fd, sizeof(int));
    for (;;) {
        if (sendmsg(sock, &msg, MSG_NOSIGNAL) == 1) {
            return;
        }
        if (errno != EINTR) {
            fail("call: sending descriptors", errno);
        }
    }
}

static void read_stdin(void) {
    struct buf b = {0};
    unsigned char chunk[65536];
    for (;;) {
        ssize_t r = read(0, chunk, sizeof chunk);
        if (r < 0 && errno == EINTR) {
            continue;
        }
        if (r <= 0) {
            break;
        }
        put(&b, chunk, (size_t)r);
    }
    stdin_data = b.data;
    stdin_len = b.len;
}

/* The JVM launcher serves the call, with our environment; stdin as read so far, if any. */
static void run_fallback(const char *why, int stdin_was_read) {
    if (stdin_was_read) {
        int fd = memfd_create("jcni-stdin", 0);
        if (fd < 0) {
            fail(why, errno);
        }
        const unsigned char *p = stdin_data;
        size_t n = stdin_len;
        while (n > 0) {
            ssize_t w = write(fd, p, n);
            if (w < 0 && errno == EINTR) {
                continue;
            }
            if (w <= 0) {
                fail(why, w < 0 ? errno : ENOSPC);
            }
            p += w;
            n -= (size_t)w;
        }
        if (lseek(fd, 0, SEEK_SET) < 0 || dup2(fd, 0) < 0) {
            fail(why, errno);
        }
        close(fd);
    }
    char *args[] = {JCNI_FALLBACK, NULL};
    execve(JCNI_FALLBACK, args, environ);
    fail("absent and the fallback launcher " JCNI_FALLBACK " cannot run", errno);
}

int main(int argc, char **argv) {
    (void)argc;
    (void)argv;
    int sock = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    struct sockaddr_un addr = {.sun_family = AF_UNIX};
    if (sizeof JCNI_SOCKET > sizeof addr.sun_path) {
        fail("socket path too long", ENAMETOOLONG);
    }
    memcpy(addr.sun_path, JCNI_SOCKET, sizeof JCNI_SOCKET);
    if (sock < 0 || connect(sock, (struct sockaddr *)&addr, sizeof addr) < 0) {
        int err = errno;
        if (err == ENOENT || err == ECONNREFUSED) {
            run_fallback("absent", 0); /* no daemon */
        }
        fail("unreachable", err);
    }

    read_stdin();
    int caller_netns = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
    if (caller_netns < 0) {
        fail("call: cannot open /proc/self/ns/net", errno);
    }
    const char *netns = getenv("CNI_NETNS");
    int pod_netns = netns != NULL && *netns ? open(netns, O_RDONLY | O_CLOEXEC) : -1;

    struct buf body = {0};
    static const char type[] = JCNI_TYPE;
    unsigned char tl[2] = {(sizeof type - 1) >> 8, (sizeof type - 1) & 0xff};
    put(&body, tl, 2);
    put(&body, type, sizeof type - 1);
    uint32_t count = 0;
    for (char **e = environ; *e; e++) {
        count++;
    }
    put32(&body, count);
    for (char **e = environ; *e; e++) {
        size_t n = strlen(*e);
        put32(&body, (uint32_t)n);
        put(&body, *e, n);
    }
    put32(&body, (uint32_t)stdin_len);
    put(&body, stdin_data, stdin_len);
    if (body.len > MAX_BODY_BYTES) {
        /* Too big for one frame, now and on any retry: one-shot has no such limit. */
        close(sock);
        run_fallback("call: config and environment exceed the 4 MiB request limit", 1);
    }

    struct buf frame = {0};
    put32(&frame, MAGIC);
    unsigned char h[4] = {VERSION, KIND_CALL, pod_netns >= 0 ? 2 : 1, 0};
    put(&frame, h, 4);
    put32(&frame, (uint32_t)body.len);
    put(&frame, body.data, body.len);
    write_all(sock, frame.data, frame.len, "vanished: sending the call");

    unsigned char ack;
    read_all(sock, &ack, 1, "vanished before accepting the call");
    if (ack != ACK) {
        fail("answered the call with an unexpected byte", EPROTO);
    }
    send_fd(sock, caller_netns);
    if (pod_netns >= 0) {
        send_fd(sock, pod_netns);
    }

    unsigned char header[HEADER_BYTES];
    read_all(sock, header, HEADER_BYTES, "vanished during the call");
    uint32_t length = get32(header + 8);
    if (get32(header) != MAGIC || header[4] != VERSION || header[5] != KIND_REPLY || length < 12) {
        fail("sent a malformed reply", EPROTO);
    }
    unsigned char *reply = malloc(length);
    if (reply == NULL) {
        fail("reply: out of memory", ENOMEM);
    }
    read_all(sock, reply, length, "vanished while replying");
    int32_t status = (int32_t)get32(reply);
    uint32_t out_len = get32(reply + 4);
    if (out_len > length - 12) {
        fail("sent a malformed reply", EPROTO);
    }
    uint32_t err_len = get32(reply + 8 + out_len);
    if (err_len != length - 12 - out_len) {
        fail("sent a malformed reply", EPROTO);
    }
    copy_out(1, reply + 8, out_len);
    copy_out(2, reply + 12 + out_len, err_len);
    return status;
}
