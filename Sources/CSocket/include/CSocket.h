#ifndef FENLIU_CSOCKET_H
#define FENLIU_CSOCKET_H
#include <stdint.h>
#include <sys/types.h>
#include <sys/socket.h>

// Glibc's Swift overlay exposes neither epoll, eventfd nor accept4; these thin
// wrappers give the HTTP server what it needs without guessing at struct layouts.

int fenliu_errno(void);

int fenliu_epoll_create(void);
// events: bitmask of FENLIU_EV_* below.
int fenliu_epoll_ctl_add(int epfd, int fd, uint32_t events, uint64_t token);
int fenliu_epoll_ctl_mod(int epfd, int fd, uint32_t events, uint64_t token);
int fenliu_epoll_ctl_del(int epfd, int fd);

typedef struct {
    uint32_t events;
    uint64_t token;
} fenliu_event;
// Returns number of events written to out (<= capacity), or -1 with errno.
int fenliu_epoll_wait(int epfd, fenliu_event *out, int capacity, int timeout_ms);

extern const uint32_t FENLIU_EV_IN;
extern const uint32_t FENLIU_EV_OUT;
extern const uint32_t FENLIU_EV_ERR;
extern const uint32_t FENLIU_EV_HUP;
extern const uint32_t FENLIU_EV_RDHUP;
extern const uint32_t FENLIU_EV_ET;

int fenliu_eventfd(void);
int fenliu_eventfd_signal(int fd);
int fenliu_eventfd_drain(int fd);

// accept4 with SOCK_NONBLOCK | SOCK_CLOEXEC.
int fenliu_accept_nonblocking(int fd, struct sockaddr *addr, socklen_t *len);
int fenliu_socket_tcp_nonblocking(int domain);
int fenliu_set_nonblocking(int fd);
int fenliu_set_nodelay(int fd);
int fenliu_set_reuseaddr(int fd);
int fenliu_set_reuseport(int fd);
ssize_t fenliu_send_nosignal(int fd, const void *buf, size_t len);
void fenliu_ignore_sigpipe(void);

/// Names the calling thread for `top -H`, perf and /proc (at most 15 bytes are kept).
void fenliu_name_thread(const char *name);

/// getrandom(2): fills up to `length` bytes from the kernel's CSPRNG; returns the count or -1 with errno.
long fenliu_getrandom(void *buffer, unsigned long length);

#endif
