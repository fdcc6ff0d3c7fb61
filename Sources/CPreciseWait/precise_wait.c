#define _GNU_SOURCE
#include <poll.h>
#include <stddef.h>
#include <time.h>

#include "precise_wait.h"

int endorse_poll_ns(struct pollfd *fds, nfds_t count, long long timeout_ns) {
    if (timeout_ns < 0) {
        return ppoll(fds, count, NULL, NULL);
    }
    struct timespec timeout = {
        .tv_sec = (time_t)(timeout_ns / 1000000000LL),
        .tv_nsec = (long)(timeout_ns % 1000000000LL),
    };
    return ppoll(fds, count, &timeout, NULL);
}
