#ifndef ENDORSE_EVENT_WAIT_H
#define ENDORSE_EVENT_WAIT_H

#include <stdint.h>

/// Readiness bits, as poll(2) and epoll(7) both number them.
enum {
    ENDORSE_EVENT_IN = 0x001,
    ENDORSE_EVENT_OUT = 0x004,
    ENDORSE_EVENT_ERR = 0x008,
    ENDORSE_EVENT_HUP = 0x010,
};

/// A new epoll instance (close-on-exec), or -1 with errno set.
int endorse_events_create(void);

/// Watches `fd` for `events` (ENDORSE_EVENT_IN / _OUT), level-triggered; `events` 0 stops watching it.
/// `added` says whether `fd` is watched already. Returns 0, or -1 with errno set.
int endorse_events_watch(int events_fd, int fd, uint32_t events, int added);

/// Waits until a watched descriptor is ready or `timeout_ns` nanoseconds have passed (epoll_pwait2(2); before Linux
/// 5.11, ppoll(2) on the epoll descriptor then epoll_wait(2): epoll_wait alone counts whole milliseconds), then stores
/// up to `capacity` ready descriptors and their readiness bits. A negative timeout waits without limit. Returns how
/// many, 0 on timeout, or -1 with errno set.
int endorse_events_wait(int events_fd, int *fds, uint32_t *events, int capacity, long long timeout_ns);

#endif
