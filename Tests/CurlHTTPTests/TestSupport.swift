import CurlHTTP
import Foundation
import LoopbackWeb
import Synchronization

/// Waits for `condition` to hold, checking every 10 ms until `timeout` passes; returns whether it held. The default
/// is generous: it costs nothing when the condition comes true, and the full test run loads both cores (5 s once
/// ran out before a loopback request arrived).
func eventually(within timeout: Duration = .seconds(60), _ condition: () -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if condition() { return true }
        try? await Task.sleep(for: .milliseconds(10))
    }
    return condition()
}

/// A thread-safe request counter for responders.
final class Counter: Sendable {
    private let value = Mutex(0)
    func increment() { value.withLock { $0 += 1 } }
    var count: Int { value.withLock { $0 } }
}

/// A fetcher allowed to reach the loopback server, with every host name mapped to it and short test timeouts.
func loopbackFetcher(
    _ server: LoopbackServer, _ adjust: (inout FetcherConfiguration) -> Void = { _ in }
) throws -> Fetcher {
    var configuration = FetcherConfiguration(
        connectTimeout: .seconds(2),
        totalTimeout: .seconds(5),
        allowPrivateAddresses: true,
        connectTo: [ConnectTo(host: "", port: nil, connectHost: "127.0.0.1", connectPort: server.port)]
    )
    adjust(&configuration)
    return try Fetcher(configuration: configuration)
}

/// The error `body` throws, or nil when it succeeds.
func fetchError(_ body: () async throws(FetchError) -> FetchResponse) async -> FetchError? {
    do {
        _ = try await body()
        return nil
    } catch {
        return error
    }
}

/// A fresh temporary folder.
func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("curlhttp-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Threads of this process named `name` (Linux /proc/self/task/*/comm).
func threadCount(named name: String) -> Int {
    let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")) ?? []
    return tasks.filter { task in
        let comm = try? String(contentsOfFile: "/proc/self/task/\(task)/comm", encoding: .utf8)
        return comm?.trimmingCharacters(in: .whitespacesAndNewlines) == name
    }.count
}

/// Resident memory of this process in bytes (Linux /proc/self/status VmRSS).
func residentBytes() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
        let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") })
    else { return 0 }
    let kilobytes = line.split(separator: " ").compactMap { Int($0) }.first ?? 0
    return kilobytes * 1024
}

/// Names of this process's threads.
func threadNames() -> [String] {
    let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")) ?? []
    return tasks.compactMap { try? String(contentsOfFile: "/proc/self/task/\($0)/comm", encoding: .utf8) }
}
