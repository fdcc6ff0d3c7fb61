#ifndef ENDORSE_PRECISE_WAIT_H
#define ENDORSE_PRECISE_WAIT_H

#include <poll.h>

/// poll(2) with a timeout in nanoseconds (ppoll(2)); a negative timeout waits without limit.
/// Returns what ppoll returns (errno set on -1).
int endorse_poll_ns(struct pollfd *fds, nfds_t count, long long timeout_ns);

#endif
