/*
 * The floor for bench/socks.sh's connection rate: a minimal SOCKS5 CONNECT server (no authentication, IPv4
 * targets only, no logging, no rules), single-threaded, non-blocking, level-triggered epoll. It answers the same
 * bytes as danted and wirelog (method reply 05 00; reply 05 00 00 01 + the outgoing socket's address) and relays
 * both ways with half-close, so it shows what one session costs in the kernel and nothing else.
 * Build: gcc -O2 -o socks5-epoll socks5-epoll.c      Run: socks5-epoll PORT   (listens on 127.0.0.1)
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

enum state { GREETING, REQUEST, CONNECTING, RELAY };

struct conn;
struct side {               /* one socket of a session and the bytes waiting to be written to it */
    struct conn *conn;
    int fd, eof_in, shut_out, registered;
    unsigned interest;
    char out[4096];
    size_t out_len;
};
struct conn {
    enum state state;
    int dead;               /* closed; freed once the current batch of events is handled */
    struct conn *next_dead;
    struct side client, target;
    char in[512];           /* the client's bytes before the relay starts */
    size_t in_len;
};

static int ep;
static struct conn *dead_list;

static void watch(struct side *s, unsigned events) {
    if (s->registered && s->interest == events) return;
    struct epoll_event ev = { .events = events, .data.ptr = s };
    epoll_ctl(ep, s->registered ? EPOLL_CTL_MOD : EPOLL_CTL_ADD, s->fd, &ev);
    s->registered = 1;
    s->interest = events;
}

static void finish(struct conn *c) {
    close(c->client.fd);
    if (c->target.fd >= 0) close(c->target.fd);
    c->dead = 1;
    c->next_dead = dead_list;
    dead_list = c;
}

static struct side *other(struct side *s) {
    return s == &s->conn->client ? &s->conn->target : &s->conn->client;
}

/* Writes what is pending for s; returns -1 on error. */
static int flush(struct side *s) {
    while (s->out_len > 0) {
        ssize_t n = write(s->fd, s->out, s->out_len);
        if (n < 0) return errno == EAGAIN ? 0 : -1;
        memmove(s->out, s->out + n, s->out_len - n);
        s->out_len -= n;
    }
    struct side *o = other(s);
    if (o->eof_in && !s->shut_out) {
        shutdown(s->fd, SHUT_WR);
        s->shut_out = 1;
    }
    return 0;
}

/* Re-computes both sides' interests: read from a side only while the other has room, write while bytes wait. */
static void rearm(struct conn *c) {
    struct side *sides[2] = { &c->client, &c->target };
    for (int i = 0; i < 2; i++) {
        struct side *s = sides[i], *o = other(s);
        unsigned events = 0;
        if (!s->eof_in && o->out_len == 0) events |= EPOLLIN;
        if (s->out_len > 0) events |= EPOLLOUT;
        watch(s, events);
    }
}

static void relay(struct side *s, unsigned events) {
    struct conn *c = s->conn;
    struct side *o = other(s);
    if ((events & EPOLLOUT) && flush(s) < 0) { finish(c); return; }
    if ((events & (EPOLLIN | EPOLLHUP | EPOLLERR)) && !s->eof_in && o->out_len == 0) {
        ssize_t n = read(s->fd, o->out, sizeof o->out);
        if (n < 0 && errno != EAGAIN) { finish(c); return; }
        if (n == 0) s->eof_in = 1;
        if (n > 0) o->out_len = n;
        if (flush(o) < 0) { finish(c); return; }
    }
    if (c->client.eof_in && c->target.eof_in && c->client.out_len == 0 && c->target.out_len == 0) { finish(c); return; }
    rearm(c);
}

static void start_relay(struct conn *c) {
    struct sockaddr_in bound;
    socklen_t len = sizeof bound;
    getsockname(c->target.fd, (struct sockaddr *) &bound, &len);
    char *r = c->client.out;
    r[0] = 5; r[1] = 0; r[2] = 0; r[3] = 1;
    memcpy(r + 4, &bound.sin_addr, 4);
    memcpy(r + 8, &bound.sin_port, 2);
    c->client.out_len = 10;
    /* bytes the client sent after its request go to the target first */
    memcpy(c->target.out, c->in, c->in_len);
    c->target.out_len = c->in_len;
    c->state = RELAY;
    if (flush(&c->client) < 0 || flush(&c->target) < 0) { finish(c); return; }
    rearm(c);
}

/* The client's handshake: greeting (05 n methods...), then request (05 01 00 01 addr port). */
static void negotiate(struct conn *c) {
    ssize_t n = read(c->client.fd, c->in + c->in_len, sizeof c->in - c->in_len);
    if (n <= 0) { if (n == 0 || errno != EAGAIN) finish(c); return; }
    c->in_len += n;
    if (c->state == GREETING) {
        if (c->in_len < 2 || c->in_len < 2u + (unsigned char) c->in[1]) return;
        size_t used = 2 + (unsigned char) c->in[1];
        if (c->in[0] != 5 || memchr(c->in + 2, 0, used - 2) == NULL) { finish(c); return; }
        if (write(c->client.fd, "\5\0", 2) != 2) { finish(c); return; }
        memmove(c->in, c->in + used, c->in_len - used);
        c->in_len -= used;
        c->state = REQUEST;
    }
    if (c->in_len < 10) return;
    if (c->in[0] != 5 || c->in[1] != 1 || c->in[3] != 1) { finish(c); return; }
    struct sockaddr_in to = { .sin_family = AF_INET };
    memcpy(&to.sin_addr, c->in + 4, 4);
    memcpy(&to.sin_port, c->in + 8, 2);
    memmove(c->in, c->in + 10, c->in_len - 10);
    c->in_len -= 10;
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0), one = 1;
    if (fd < 0) { finish(c); return; }
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    c->target.fd = fd;
    c->state = CONNECTING;
    if (connect(fd, (struct sockaddr *) &to, sizeof to) == 0) { start_relay(c); return; }
    if (errno != EINPROGRESS) { finish(c); return; }
    watch(&c->client, 0);
    watch(&c->target, EPOLLOUT);
}

static void connected(struct conn *c) {
    int err = 0;
    socklen_t len = sizeof err;
    getsockopt(c->target.fd, SOL_SOCKET, SO_ERROR, &err, &len);
    if (err) { finish(c); return; }
    start_relay(c);
}

int main(int argc, char **argv) {
    if (argc != 2) { fprintf(stderr, "usage: %s PORT\n", argv[0]); return 2; }
    int listener = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0), one = 1;
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in at = { .sin_family = AF_INET, .sin_port = htons(atoi(argv[1])) };
    inet_pton(AF_INET, "127.0.0.1", &at.sin_addr);
    if (bind(listener, (struct sockaddr *) &at, sizeof at) < 0 || listen(listener, 4096) < 0) { perror("listen"); return 1; }
    ep = epoll_create1(0);
    struct epoll_event lev = { .events = EPOLLIN, .data.ptr = NULL };
    epoll_ctl(ep, EPOLL_CTL_ADD, listener, &lev);
    struct epoll_event events[256];
    while (1) {
        int n = epoll_wait(ep, events, 256, -1);
        for (int i = 0; i < n; i++) {
            struct side *s = events[i].data.ptr;
            if (s == NULL) {
                int fd;
                while ((fd = accept4(listener, NULL, NULL, SOCK_NONBLOCK)) >= 0) {
                    struct conn *c = calloc(1, sizeof *c);
                    c->client = (struct side) { .conn = c, .fd = fd };
                    c->target = (struct side) { .conn = c, .fd = -1 };
                    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
                    watch(&c->client, EPOLLIN);
                }
                continue;
            }
            struct conn *c = s->conn;
            if (c->dead) continue;
            if (events[i].events & EPOLLERR) finish(c);
            else if (c->state == RELAY) relay(s, events[i].events);
            else if (c->state == CONNECTING) { if (s == &c->target) connected(c); else finish(c); /* client hung up */ }
            else negotiate(c);
        }
        while (dead_list) {
            struct conn *c = dead_list;
            dead_list = c->next_dead;
            free(c);
        }
    }
}
