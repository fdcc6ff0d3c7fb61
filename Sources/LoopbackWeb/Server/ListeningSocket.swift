import Foundation

#if canImport(Glibc)
    import Glibc
    let streamSocketType = Int32(SOCK_STREAM.rawValue)
#elseif canImport(Darwin)
    import Darwin
    let streamSocketType = SOCK_STREAM
#endif

/// A non-blocking TCP listener bound to 127.0.0.1 on an OS-chosen port.
struct ListeningSocket: ~Copyable {
    let fd: Int32
    let port: Int

    init() throws(LoopbackServerError) {
        let fd = socket(AF_INET, streamSocketType, 0)
        guard fd >= 0 else { throw LoopbackServerError(operation: "socket", errno: errno) }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 4096) == 0 else {
            let error = LoopbackServerError(operation: "bind/listen", errno: errno)
            close(fd)
            throw error
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        setNonBlocking(fd)
        self.fd = fd
        self.port = Int(UInt16(bigEndian: address.sin_port))
    }
}

/// Puts `fd` in non-blocking mode.
func setNonBlocking(_ fd: Int32) {
    let flags = fcntl(fd, F_GETFL, 0)
    _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
}

/// Sends without raising SIGPIPE when the peer has gone.
func sendNoSignal(_ fd: Int32, _ pointer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
        return send(fd, pointer, count, Int32(MSG_NOSIGNAL))
    #else
        return send(fd, pointer, count, 0)
    #endif
}
