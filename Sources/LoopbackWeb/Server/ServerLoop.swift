import CPreciseWait
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The server's event loop: one thread, `ppoll(2)` over the listener, a wake-up pipe and every connection.
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
        var pollSet: [pollfd] = []
        var order: [Int32] = []
        while !control.withLock({ $0.stopRequested }) {
            pollSet.removeAll(keepingCapacity: true)
            order.removeAll(keepingCapacity: true)
            pollSet.append(pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0))
            pollSet.append(pollfd(fd: listenerFD, events: Int16(POLLIN), revents: 0))
            for (fd, connection) in connections {
                var events = Int16(POLLIN)
                if connection.hasPendingOutput { events |= Int16(POLLOUT) }
                pollSet.append(pollfd(fd: fd, events: events, revents: 0))
                order.append(fd)
            }
            let ready = endorse_poll_ns(&pollSet, nfds_t(pollSet.count), pollTimeoutNanoseconds())
            if ready < 0 && errno != EINTR { break }
            if pollSet[1].revents != 0 { acceptAll() }
            for (index, fd) in order.enumerated() {
                let revents = pollSet[index + 2].revents
                guard revents != 0, let connection = connections[fd] else { continue }
                if revents & Int16(POLLOUT) != 0 { flush(connection) }
                if revents & Int16(POLLIN | POLLHUP | POLLERR) != 0, connections[fd] != nil { receive(connection) }
            }
            fireTimers()
        }
        for fd in connections.keys { close(fd) }
        connections.removeAll()
        close(listenerFD)
        close(wakeRead)
        close(wakeWrite)
        control.withLock { $0.openConnections = 0 }
        finished.lock()
        isFinished = true
        finished.broadcast()
        finished.unlock()
    }

    /// How long to wait for I/O: until the soonest timer, to the nanosecond (`poll(2)` takes whole milliseconds,
    /// and rounding up made every delayed response late by up to a millisecond), or a second.
    private func pollTimeoutNanoseconds() -> Int64 {
        let now = ContinuousClock.now
        var soonest: Duration?
        for connection in connections.values {
            guard let wake = connection.wakeAt else { continue }
            let wait = wake - now
            soonest = min(soonest ?? wait, wait)
        }
        guard let soonest, soonest < .seconds(1) else { return 1_000_000_000 }
        if soonest <= .zero { return 0 }
        let (seconds, attoseconds) = soonest.components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }

    private func acceptAll() {
        while true {
            let fd = accept(listenerFD, nil, nil)
            guard fd >= 0 else { return }
            setNonBlocking(fd)
            var one: Int32 = 1
            setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            connections[fd] = Connection(fd: fd)
            control.withLock { $0.openConnections = connections.count }
        }
    }

    private func closeConnection(_ connection: Connection) {
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
            connection.wakeAt = .now + delay
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
            connection.wakeAt = .now + .seconds(1) / ticksPerSecond
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
        switch connection.state {
        case .closingAfterWrite: closeConnection(connection)
        case .reading: serveNextRequest(connection)
        default: break
        }
    }

    private func fireTimers() {
        let now = ContinuousClock.now
        for connection in Array(connections.values) {
            guard let wake = connection.wakeAt, wake <= now, connections[connection.fd] != nil else { continue }
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
                    connection.wakeAt = wake + interval
                }
                flush(connection)
            default:
                connection.wakeAt = nil
            }
        }
    }
}
