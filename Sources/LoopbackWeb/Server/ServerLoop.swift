import CEventWait
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The server's event loop: one thread, epoll(7) over the listener, a wake-up pipe and every connection (work per
/// wake-up follows the ready descriptors and the pending timers, not the open connections).
///
/// `@unchecked Sendable`: the connection table and sockets are touched only by the loop thread; other threads
/// only read `openConnections` (a Mutex) and call `stop()` (a Mutex, the wake-up pipe and a condition).
final class ServerLoop: @unchecked Sendable {
    private let listenerFD: Int32
    private let responder: any LoopbackResponder
    private let latency: Duration
    private let wakeRead: Int32
    private let wakeWrite: Int32
    private var connections: [Int32: Connection] = [:]
    /// The epoll instance.
    private let eventsFD: Int32
    /// Descriptors of connections that have (or just had) a timer: `pollTimeoutNanoseconds` and `fireTimers` scan these only.
    private var timed: Set<Int32> = []
    private var receiveBuffer = [UInt8](repeating: 0, count: 16 * 1024)
    private let control = Mutex(Control())
    private let finished = NSCondition()
    private var isFinished = false

    private struct Control {
        var stopRequested = false
        var openConnections = 0
    }

    init(listener: consuming ListeningSocket, responder: some LoopbackResponder, latency: Duration) throws(LoopbackServerError) {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else {
            close(listener.fd)
            throw LoopbackServerError(operation: "pipe", errno: errno)
        }
        setNonBlocking(fds[0])
        setNonBlocking(fds[1])
        let eventsFD = endorse_events_create()
        guard eventsFD >= 0, endorse_events_watch(eventsFD, fds[0], UInt32(ENDORSE_EVENT_IN), 0) == 0,
            endorse_events_watch(eventsFD, listener.fd, UInt32(ENDORSE_EVENT_IN), 0) == 0
        else {
            let code = errno
            close(listener.fd)
            close(fds[0])
            close(fds[1])
            if eventsFD >= 0 { close(eventsFD) }
            throw LoopbackServerError(operation: "epoll", errno: code)
        }
        self.eventsFD = eventsFD
        self.wakeRead = fds[0]
        self.wakeWrite = fds[1]
        self.listenerFD = listener.fd
        self.responder = responder
        self.latency = latency
    }

    var openConnections: Int { control.withLock { $0.openConnections } }

    func start() {
        let thread = Thread { [self] in run() }
        thread.name = "LoopbackServer"
        thread.stackSize = 1 << 20
        thread.start()
    }

    func stop() {
        let isFirst = control.withLock { control -> Bool in
            let first = !control.stopRequested
            control.stopRequested = true
            return first
        }
        // Only the first call may touch the pipe: the loop closes it on exit and the number can be reused.
        if isFirst {
            var byte: UInt8 = 1
            _ = write(wakeWrite, &byte, 1)
        }
        finished.lock()
        while !isFinished { finished.wait() }
        finished.unlock()
    }

    // MARK: - Loop

    private func run() {
        let capacity = 256
        var readyFDs = [Int32](repeating: 0, count: capacity)
        var readyEvents = [UInt32](repeating: 0, count: capacity)
        while !control.withLock({ $0.stopRequested }) {
            let ready = endorse_events_wait(eventsFD, &readyFDs, &readyEvents, Int32(capacity), pollTimeoutNanoseconds())
            if ready < 0 && errno != EINTR { break }
            for index in 0..<Int(max(ready, 0)) {
                let fd = readyFDs[index]
                let events = readyEvents[index]
                if fd == listenerFD {
                    acceptAll()
                    continue
                }
                guard let connection = connections[fd] else { continue }
                if events & UInt32(ENDORSE_EVENT_OUT) != 0 { flush(connection) }
                if events & UInt32(ENDORSE_EVENT_IN | ENDORSE_EVENT_HUP | ENDORSE_EVENT_ERR) != 0, connections[fd] != nil {
                    receive(connection)
                }
            }
            fireTimers()
        }
        for fd in connections.keys { close(fd) }
        connections.removeAll()
        close(listenerFD)
        close(wakeRead)
        close(wakeWrite)
        close(eventsFD)
        control.withLock { $0.openConnections = 0 }
        finished.lock()
        isFinished = true
        finished.broadcast()
        finished.unlock()
    }

    /// How long to wait for I/O: until the soonest timer, to the nanosecond (epoll and poll take whole milliseconds,
    /// and rounding up made every delayed response late by up to a millisecond), or a second.
    private func pollTimeoutNanoseconds() -> Int64 {
        let now = ContinuousClock.now
        var soonest: Duration?
        for fd in timed {
            guard let wake = connections[fd]?.wakeAt else {
                timed.remove(fd)
                continue
            }
            let wait = wake - now
            soonest = min(soonest ?? wait, wait)
        }
        guard let soonest, soonest < .seconds(1) else { return 1_000_000_000 }
        if soonest <= .zero { return 0 }
        let (seconds, attoseconds) = soonest.components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }

    /// Sets the connection's timer.
    private func schedule(_ connection: Connection, at instant: ContinuousClock.Instant) {
        connection.wakeAt = instant
        timed.insert(connection.fd)
    }

    /// Watches the connection for output too while it has bytes the socket did not take yet.
    private func watch(_ connection: Connection) {
        let wantsOutput = connection.hasPendingOutput
        guard wantsOutput != connection.watchingOutput else { return }
        let events = UInt32(ENDORSE_EVENT_IN) | (wantsOutput ? UInt32(ENDORSE_EVENT_OUT) : 0)
        if endorse_events_watch(eventsFD, connection.fd, events, 1) == 0 { connection.watchingOutput = wantsOutput }
    }

    private func acceptAll() {
        while true {
            let fd = accept(listenerFD, nil, nil)
            guard fd >= 0 else { return }
            setNonBlocking(fd)
            var one: Int32 = 1
            setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            guard endorse_events_watch(eventsFD, fd, UInt32(ENDORSE_EVENT_IN), 0) == 0 else {
                close(fd)
                continue
            }
            connections[fd] = Connection(fd: fd)
            control.withLock { $0.openConnections = connections.count }
        }
    }

    private func closeConnection(_ connection: Connection) {
        _ = endorse_events_watch(eventsFD, connection.fd, 0, 1)
        close(connection.fd)
        connections[connection.fd] = nil
        control.withLock { $0.openConnections = connections.count }
    }

    private func receive(_ connection: Connection) {
        while true {
            let count = receiveBuffer.withUnsafeMutableBytes { recv(connection.fd, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                connection.input += receiveBuffer[0..<count]
                if count < receiveBuffer.count { break }
            } else if count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) {
                break
            } else {
                closeConnection(connection)
                return
            }
        }
        if case .silent = connection.state { connection.input.removeAll() }
        serveNextRequest(connection)
    }

    /// Starts on the next buffered request when the connection is idle.
    private func serveNextRequest(_ connection: Connection) {
        guard case .reading = connection.state, !connection.hasPendingOutput else { return }
        let taken: (LoopbackRequest, keepAlive: Bool)?
        do { taken = try connection.takeRequest() } catch {
            closeConnection(connection)
            return
        }
        guard let (request, keepAlive) = taken else { return }
        var response = responder.respond(to: request)
        connection.headOnly = request.method == "HEAD"
        if connection.headOnly, response.behaviour != .neverAnswer, response.behaviour != .closeImmediately {
            response.behaviour = .respond  // RFC 9110 section 9.3.2: the head a GET would get, no body
        }
        let delay = response.delay + latency
        if delay > .zero {
            connection.state = .delayed(response, keepAlive: keepAlive)
            schedule(connection, at: .now + delay)
        } else {
            begin(response, keepAlive: keepAlive, on: connection)
        }
    }

    private func begin(_ response: LoopbackResponse, keepAlive: Bool, on connection: Connection) {
        connection.wakeAt = nil
        switch response.behaviour {
        case .respond:
            enqueue(ResponseWriter.full(response, keepAlive: keepAlive, includeBody: !connection.headOnly), on: connection)
            connection.state = keepAlive ? .reading : .closingAfterWrite
        case .drip(let bytesPerSecond):
            let rate = max(1, bytesPerSecond)
            let ticksPerSecond = min(rate, 10)
            enqueue(ResponseWriter.head(response, keepAlive: keepAlive, framing: .contentLength, bodyLength: response.body.count), on: connection)
            connection.state = .dripping(
                body: response.body, offset: 0, perTick: rate / ticksPerSecond, interval: .seconds(1) / ticksPerSecond, keepAlive: keepAlive)
            schedule(connection, at: .now + .seconds(1) / ticksPerSecond)
        case .neverAnswer:
            connection.state = .silent
        case .closeImmediately:
            closeConnection(connection)
            return
        case .infiniteBody:
            connection.state = .infinite(chunk: ResponseWriter.chunk(response.body.isEmpty ? Array(repeating: 0x78, count: 16_384) : response.body))
            enqueue(ResponseWriter.head(response, keepAlive: false, framing: .chunked, bodyLength: nil), on: connection)
        }
        flush(connection)
    }

    private func enqueue(_ bytes: [UInt8], on connection: Connection) {
        if !connection.hasPendingOutput {
            connection.output.removeAll(keepingCapacity: true)
            connection.outputOffset = 0
        }
        connection.output += bytes
    }

    private func flush(_ connection: Connection) {
        while connection.hasPendingOutput {
            let sent = connection.output.withUnsafeBytes { raw in
                sendNoSignal(connection.fd, raw.baseAddress! + connection.outputOffset, raw.count - connection.outputOffset)
            }
            if sent > 0 {
                connection.outputOffset += sent
            } else if sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) {
                watch(connection)
                return
            } else {
                closeConnection(connection)
                return
            }
            if !connection.hasPendingOutput, case .infinite(let chunk) = connection.state {
                connection.output = chunk
                connection.outputOffset = 0
            }
        }
        watch(connection)
        switch connection.state {
        case .closingAfterWrite: closeConnection(connection)
        case .reading: serveNextRequest(connection)
        default: break
        }
    }

    private func fireTimers() {
        let now = ContinuousClock.now
        for fd in Array(timed) {
            guard let connection = connections[fd], let wake = connection.wakeAt else {
                timed.remove(fd)
                continue
            }
            guard wake <= now else { continue }
            switch connection.state {
            case .delayed(let response, let keepAlive):
                begin(response, keepAlive: keepAlive, on: connection)
            case .dripping(let body, let offset, let perTick, let interval, let keepAlive):
                let end = min(body.count, offset + perTick)
                enqueue(Array(body[offset..<end]), on: connection)
                if end == body.count {
                    connection.wakeAt = nil
                    connection.state = keepAlive ? .reading : .closingAfterWrite
                } else {
                    connection.state = .dripping(body: body, offset: end, perTick: perTick, interval: interval, keepAlive: keepAlive)
                    schedule(connection, at: wake + interval)
                }
                flush(connection)
            default:
                connection.wakeAt = nil
            }
        }
    }
}
