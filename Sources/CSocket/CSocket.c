#define _GNU_SOURCE
#include "CSocket.h"
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/prctl.h>
#include <sys/random.h>

const uint32_t FENLIU_EV_IN = EPOLLIN;
const uint32_t FENLIU_EV_OUT = EPOLLOUT;
const uint32_t FENLIU_EV_ERR = EPOLLERR;
const uint32_t FENLIU_EV_HUP = EPOLLHUP;
const uint32_t FENLIU_EV_RDHUP = EPOLLRDHUP;
const uint32_t FENLIU_EV_ET = EPOLLET;

int fenliu_errno(void) { return errno; }

int fenliu_epoll_create(void) { return epoll_create1(EPOLL_CLOEXEC); }

static int ctl(int epfd, int op, int fd, uint32_t events, uint64_t token) {
    struct epoll_event ev;
    ev.events = events;
    ev.data.u64 = token;
    return epoll_ctl(epfd, op, fd, &ev);
}

int fenliu_epoll_ctl_add(int epfd, int fd, uint32_t events, uint64_t token) { return ctl(epfd, EPOLL_CTL_ADD, fd, events, token); }
int fenliu_epoll_ctl_mod(int epfd, int fd, uint32_t events, uint64_t token) { return ctl(epfd, EPOLL_CTL_MOD, fd, events, token); }
int fenliu_epoll_ctl_del(int epfd, int fd) { return epoll_ctl(epfd, EPOLL_CTL_DEL, fd, NULL); }

int fenliu_epoll_wait(int epfd, fenliu_event *out, int capacity, int timeout_ms) {
    struct epoll_event events[256];
    if (capacity > 256) capacity = 256;
    int n;
    do { n = epoll_wait(epfd, events, capacity, timeout_ms); } while (n < 0 && errno == EINTR);
    for (int i = 0; i < n; i++) {
        out[i].events = events[i].events;
        out[i].token = events[i].data.u64;
    }
    return n;
}

int fenliu_eventfd(void) { return eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC); }
int fenliu_eventfd_signal(int fd) {
    uint64_t one = 1;
    ssize_t n;
    do { n = write(fd, &one, sizeof one); } while (n < 0 && errno == EINTR);
    return n == sizeof one || (n < 0 && errno == EAGAIN) ? 0 : -1;
}
int fenliu_eventfd_drain(int fd) {
    uint64_t value;
    ssize_t n;
    do { n = read(fd, &value, sizeof value); } while (n < 0 && errno == EINTR);
    return n == sizeof value || (n < 0 && errno == EAGAIN) ? 0 : -1;
}

int fenliu_accept_nonblocking(int fd, struct sockaddr *addr, socklen_t *len) {
    int c;
    do { c = accept4(fd, addr, len, SOCK_NONBLOCK | SOCK_CLOEXEC); } while (c < 0 && errno == EINTR);
    return c;
}
int fenliu_socket_tcp_nonblocking(int domain) { return socket(domain, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0); }
int fenliu_set_nonblocking(int fd) {
    int flags = fcntl(fd, F_GETFL, 0);
    if (flags < 0) return -1;
    return fcntl(fd, F_SETFL, flags | O_NONBLOCK);
}
int fenliu_set_nodelay(int fd) { int one = 1; return setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one); }
int fenliu_set_reuseaddr(int fd) { int one = 1; return setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one); }
int fenliu_set_reuseport(int fd) { int one = 1; return setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one); }
ssize_t fenliu_send_nosignal(int fd, const void *buf, size_t len) {
    ssize_t n;
    do { n = send(fd, buf, len, MSG_NOSIGNAL); } while (n < 0 && errno == EINTR);
    return n;
}
void fenliu_ignore_sigpipe(void) { signal(SIGPIPE, SIG_IGN); }

long fenliu_getrandom(void *buffer, unsigned long length) {
    return (long)getrandom(buffer, (size_t)length, 0);
}

void fenliu_name_thread(const char *name) {
    prctl(PR_SET_NAME, name, 0, 0, 0);
}
