#define _GNU_SOURCE
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

int endorse_events_wait(int events_fd, int *fds, uint32_t *events, int capacity, long long timeout_ns) {
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
    struct epoll_event ready[256];
    int limit = capacity < 256 ? capacity : 256;
    int count = epoll_wait(events_fd, ready, limit, 0);
    for (int index = 0; index < count; index++) {
        fds[index] = ready[index].data.fd;
        events[index] = ready[index].events;
    }
    return count;
}
