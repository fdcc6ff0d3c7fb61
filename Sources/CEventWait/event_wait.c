#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <stddef.h>
#include <sys/epoll.h>
#include <time.h>

#include "event_wait.h"

int endorse_events_create(void) { return epoll_create1(EPOLL_CLOEXEC); }

int endorse_events_watch(int events_fd, int fd, uint32_t events, int added) {
    if (events == 0) {
        return added ? epoll_ctl(events_fd, EPOLL_CTL_DEL, fd, NULL) : 0;
    }
    struct epoll_event event = {.events = events, .data = {.fd = fd}};
    return epoll_ctl(events_fd, added ? EPOLL_CTL_MOD : EPOLL_CTL_ADD, fd, &event);
}

/// Copies up to `count` ready events out.
static int copy_ready(const struct epoll_event *ready, int count, int *fds, uint32_t *events) {
    for (int index = 0; index < count; index++) {
        fds[index] = ready[index].data.fd;
        events[index] = ready[index].events;
    }
    return count;
}

int endorse_events_wait(int events_fd, int *fds, uint32_t *events, int capacity, long long timeout_ns) {
    struct epoll_event ready[256];
    int limit = capacity < 256 ? capacity : 256;
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 35))
    // One system call with a nanosecond timeout (Linux 5.11); older kernels answer ENOSYS once, then the
    // two-call fallback below is used.
    static int pwait2_missing = 0;
    if (!pwait2_missing) {
        struct timespec timeout = {
            .tv_sec = (time_t)(timeout_ns / 1000000000LL),
            .tv_nsec = (long)(timeout_ns % 1000000000LL),
        };
        int count = epoll_pwait2(events_fd, ready, limit, timeout_ns < 0 ? NULL : &timeout, NULL);
        if (count >= 0 || errno != ENOSYS) {
            return count < 0 ? count : copy_ready(ready, count, fds, events);
        }
        pwait2_missing = 1;
    }
#endif
    if (timeout_ns != 0) {
        // The epoll descriptor is readable while any watched descriptor is ready: wait on it with ppoll's
        // nanosecond timeout, then collect the ready ones without blocking.
        struct pollfd wait = {.fd = events_fd, .events = POLLIN, .revents = 0};
        struct timespec timeout = {
            .tv_sec = (time_t)(timeout_ns / 1000000000LL),
            .tv_nsec = (long)(timeout_ns % 1000000000LL),
        };
        int ready = ppoll(&wait, 1, timeout_ns < 0 ? NULL : &timeout, NULL);
        if (ready <= 0) {
            return ready;
        }
    }
    int count = epoll_wait(events_fd, ready, limit, 0);
    return count < 0 ? count : copy_ready(ready, count, fds, events);
}
