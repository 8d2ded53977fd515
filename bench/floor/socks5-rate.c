/*
 * bench/socks.sh's connection-rate load generator at the cost floor: the same sessions as `SocksLoad rate` (connect,
 * SOCKS5 greeting + CONNECT to its own echo target in one write, 64-byte echo, close; the client closes first), but
 * single-threaded, non-blocking, level-triggered epoll, so that the generator takes as little of the machine's CPU
 * as the kernel allows and the proxy under test gets the rest. It prints its own CPU time per session, so a run
 * shows what the generator cost next to what the proxy cost.
 * Build: gcc -O2 -o socks5-rate socks5-rate.c
 * Run:   socks5-rate PROXY_PORT|direct CLIENTS SECONDS [lockstep]   (the proxy on 127.0.0.1; "direct" talks to the
 *        echo target itself: the generator's own ceiling; "lockstep" waits for the method reply before the request)
 *        The echo target listens on 127.0.0.1:$ECHO_PORT (default 11090) with SO_REUSEADDR: a port of its own, since
 *        after a run tens of thousands of TIME_WAIT sockets can leave no ephemeral port free to listen on.
 *        With $SOURCE set, every client connects from that address (bench/log-cost.sh tells sessions apart by it).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define PAYLOAD 64
#define SOCKS_REPLIES 12 /* method reply 05 00, then 05 00 00 01 + IPv4 address + port */

enum kind { ECHO_LISTENER, ECHO, CLIENT };
enum phase { CONNECTING, METHOD_REPLY, REPLIES, ECHOING };

struct peer {
    enum kind kind;
    int fd;
    enum phase phase;
    int got;                /* bytes of the current phase read so far */
    char buf[4096];
};

static int ep, direct, lockstep;
static struct sockaddr_in proxy_at, echo_at, source_at;
static int has_source;
static long done, failed;

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static void watch(struct peer *p, int op, unsigned events) {
    struct epoll_event ev = { .events = events, .data.ptr = p };
    if (epoll_ctl(ep, op, p->fd, &ev) < 0) { perror("epoll_ctl"); exit(1); }
}

static int send_all(int fd, const void *bytes, size_t len) {
    /* Loopback sockets take these few bytes whole; a short write is a failure of the session, not a wait. */
    return write(fd, bytes, len) == (ssize_t) len ? 0 : -1;
}

/* Clients whose connect(2) failed at once (no local port free: EADDRNOTAVAIL), tried again a millisecond later. */
static struct peer **waiting;
static int waiting_count;

static void start_client(struct peer *c) {
    c->fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    if (c->fd < 0) { perror("socket"); exit(1); }
    if (has_source) {
        /* the port is chosen at connect(2), as without a bind: a bind(2) alone would hold a port per address */
        int one = 1;
        setsockopt(c->fd, IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, &one, sizeof one);
        if (bind(c->fd, (struct sockaddr *) &source_at, sizeof source_at) < 0) { perror("SOURCE"); exit(1); }
    }
    c->phase = CONNECTING;
    c->got = 0;
    struct sockaddr_in *to = direct ? &echo_at : &proxy_at;
    if (connect(c->fd, (struct sockaddr *) to, sizeof *to) < 0 && errno != EINPROGRESS) {
        failed++;
        close(c->fd);
        waiting[waiting_count++] = c;
        return;
    }
    watch(c, EPOLL_CTL_ADD, EPOLLOUT);
}

static void restart(struct peer *c, int ok) {
    if (ok) done++; else failed++;
    close(c->fd);
    start_client(c);
}

/* The greeting (05 01 00: no authentication) and the CONNECT request to the echo target (05 01 00 01 addr port). */
static char handshake[13] = { 5, 1, 0, 5, 1, 0, 1 };
#define GREETING 3

static void client_event(struct peer *c, unsigned events) {
    if (c->phase == CONNECTING) {
        int err = 0;
        socklen_t len = sizeof err;
        getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &err, &len);
        if (err || (events & EPOLLERR)) { restart(c, 0); return; }
        int sent;
        if (direct) {
            char payload[PAYLOAD] = { 0 };
            sent = send_all(c->fd, payload, PAYLOAD);
            c->phase = ECHOING;
        } else if (lockstep) {
            sent = send_all(c->fd, handshake, GREETING);
            c->phase = METHOD_REPLY;
        } else {
            sent = send_all(c->fd, handshake, sizeof handshake);
            c->phase = REPLIES;
        }
        if (sent < 0) { restart(c, 0); return; }
        watch(c, EPOLL_CTL_MOD, EPOLLIN);
        return;
    }
    int want = c->phase == METHOD_REPLY ? 2 : c->phase == REPLIES ? SOCKS_REPLIES : PAYLOAD;
    ssize_t n = read(c->fd, c->buf + c->got, want - c->got);
    if (n < 0 && errno == EAGAIN) return;
    if (n <= 0) { restart(c, 0); return; }
    c->got += n;
    if (c->got < want) return;
    c->got = 0;
    switch (c->phase) {
    case METHOD_REPLY:
        if (c->buf[0] != 5 || c->buf[1] != 0 || send_all(c->fd, handshake + GREETING, sizeof handshake - GREETING) < 0) { restart(c, 0); return; }
        c->phase = REPLIES;
        c->got = 2;
        return;
    case REPLIES: {
        if (c->buf[0] != 5 || c->buf[1] != 0 || c->buf[2] != 5 || c->buf[3] != 0) { restart(c, 0); return; }
        char payload[PAYLOAD] = { 0 };
        if (send_all(c->fd, payload, PAYLOAD) < 0) { restart(c, 0); return; }
        c->phase = ECHOING;
        return;
    }
    default:
        restart(c, 1); /* the client closes first, as SocksLoad's do */
    }
}

static void echo_event(struct peer *e) {
    ssize_t n = read(e->fd, e->buf, sizeof e->buf);
    if (n < 0 && errno == EAGAIN) return;
    if (n <= 0 || send_all(e->fd, e->buf, n) < 0) {
        close(e->fd); /* closing removes it from the epoll set */
        free(e);
    }
}

int main(int argc, char **argv) {
    if (argc < 4) { fprintf(stderr, "usage: %s PROXY_PORT|direct CLIENTS SECONDS [lockstep]\n", argv[0]); return 2; }
    direct = strcmp(argv[1], "direct") == 0;
    int clients = atoi(argv[2]), seconds = atoi(argv[3]);
    lockstep = argc > 4 && strcmp(argv[4], "lockstep") == 0;
    proxy_at = (struct sockaddr_in) { .sin_family = AF_INET, .sin_port = htons(direct ? 0 : atoi(argv[1])) };
    inet_pton(AF_INET, "127.0.0.1", &proxy_at.sin_addr);
    ep = epoll_create1(0);

    struct peer listener = { .kind = ECHO_LISTENER };
    listener.fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    int one = 1;
    setsockopt(listener.fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    const char *source = getenv("SOURCE");
    if (source) {
        has_source = 1;
        source_at = (struct sockaddr_in) { .sin_family = AF_INET };
        if (inet_pton(AF_INET, source, &source_at.sin_addr) != 1) { fprintf(stderr, "SOURCE: not an IPv4 address: %s\n", source); return 2; }
    }
    const char *echo_port = getenv("ECHO_PORT");
    echo_at = (struct sockaddr_in) { .sin_family = AF_INET, .sin_port = htons(echo_port ? atoi(echo_port) : 11090) };
    inet_pton(AF_INET, "127.0.0.1", &echo_at.sin_addr);
    if (bind(listener.fd, (struct sockaddr *) &echo_at, sizeof echo_at) < 0 || listen(listener.fd, 4096) < 0) {
        perror("echo target");
        return 1;
    }
    watch(&listener, EPOLL_CTL_ADD, EPOLLIN);
    memcpy(handshake + 7, &echo_at.sin_addr, 4);
    memcpy(handshake + 11, &echo_at.sin_port, 2);

    struct peer *all = calloc(clients, sizeof *all);
    waiting = calloc(clients, sizeof *waiting);
    for (int i = 0; i < clients; i++) { all[i].kind = CLIENT; start_client(&all[i]); }

    double end = now() + seconds;
    struct epoll_event events[256];
    while (now() < end) {
        int retry = waiting_count;
        waiting_count = 0;
        for (int i = 0; i < retry; i++) start_client(waiting[i]);
        int n = epoll_wait(ep, events, 256, waiting_count ? 1 : 100);
        for (int i = 0; i < n; i++) {
            struct peer *p = events[i].data.ptr;
            if (p->kind == CLIENT) client_event(p, events[i].events);
            else if (p->kind == ECHO) echo_event(p);
            else {
                int fd;
                while ((fd = accept4(listener.fd, NULL, NULL, SOCK_NONBLOCK)) >= 0) {
                    struct peer *e = malloc(sizeof *e);
                    e->kind = ECHO;
                    e->fd = fd;
                    watch(e, EPOLL_CTL_ADD, EPOLLIN);
                }
            }
        }
    }
    struct rusage used;
    getrusage(RUSAGE_SELF, &used);
    double cpu = used.ru_utime.tv_sec + used.ru_stime.tv_sec + (used.ru_utime.tv_usec + used.ru_stime.tv_usec) / 1e6;
    printf("%.0f sessions/s (%ld done, %ld failed, %d clients, %d s), generator %.0f CPU us/session\n",
           done / (double) seconds, done, failed, clients, seconds, done ? cpu * 1e6 / done : 0.0);
    return 0;
}
