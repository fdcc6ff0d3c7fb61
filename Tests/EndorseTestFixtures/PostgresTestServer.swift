import Foundation

/// A PostgreSQL server of its own for a test: `initdb` in a temporary folder and `pg_ctl` on a free port of
/// 127.0.0.1, trusting local connections; run as the `postgres` user when the tests run as root (initdb refuses
/// root). Debian's binaries are found on PATH or under /usr/lib/postgresql/VERSION/bin. Tools run through
/// `ProcessRunner` (posix_spawn and waitpid): `pg_ctl start` leaves a server behind, which Foundation's `Process`
/// was seen to wait for forever.
public final class PostgresTestServer: Sendable {
    public let folder: URL
    public let port: Int
    public let binaries: URL

    /// The folder holding initdb and pg_ctl, nil when PostgreSQL is not installed.
    public static let binaryFolder: URL? = {
        var candidates = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { URL(fileURLWithPath: String($0)) }
        let debian = URL(fileURLWithPath: "/usr/lib/postgresql")
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: debian.path)) ?? []).sorted {
            $0.compare($1, options: .numeric) == .orderedDescending
        }
        candidates += versions.map { debian.appendingPathComponent($0).appendingPathComponent("bin") }
        return candidates.first {
            FileManager.default.isExecutableFile(atPath: $0.appendingPathComponent("initdb").path)
                && FileManager.default.isExecutableFile(atPath: $0.appendingPathComponent("pg_ctl").path)
        }.map { $0.appendingPathComponent("initdb").resolvingSymlinksInPath().deletingLastPathComponent() }
    }()

    public static var isInstalled: Bool { binaryFolder != nil }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
        public init(description: String) { self.description = description }
    }

    private init(folder: URL, port: Int, binaries: URL) {
        self.folder = folder
        self.port = port
        self.binaries = binaries
    }

    /// Runs `body` with a fresh server, stopped and deleted afterwards whatever happens.
    public static func with(_ body: (PostgresTestServer) async throws -> Void) async throws {
        let server = try await start()
        do {
            try await body(server)
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    public static func start() async throws -> PostgresTestServer {
        guard let binaries = binaryFolder else { throw Failure(description: "PostgreSQL is not installed (`make test-deps` installs it)") }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("endorse-pg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        if getuid() == 0 { try await run(URL(fileURLWithPath: "/bin/chown"), ["postgres", folder.path]) }
        let data = folder.appendingPathComponent("data").path
        try await runAsServerUser(binaries, "initdb", ["-D", data, "--auth=trust", "-U", "postgres", "-E", "UTF8"])
        for _ in 0..<20 {
            let port = Int.random(in: 20_000..<60_000)
            do {
                try await runAsServerUser(
                    binaries, "pg_ctl",
                    [
                        "-D", data, "-l", folder.appendingPathComponent("server.log").path, "-w", "-t", "60",
                        "-o", "-p \(port) -k \(folder.path) -c listen_addresses=127.0.0.1 -c fsync=off", "start",
                    ])
            } catch {
                continue
            }
            let server = PostgresTestServer(folder: folder, port: port, binaries: binaries)
            try await runAsServerUser(binaries, "createdb", ["-h", "127.0.0.1", "-p", String(port), "-U", "postgres", "endorse"])
            return server
        }
        let log = (try? String(contentsOf: folder.appendingPathComponent("server.log"), encoding: .utf8)) ?? ""
        throw Failure(description: "pg_ctl could not start a server: \(log.suffix(2000))")
    }

    /// `postgres://postgres@127.0.0.1:PORT/endorse`.
    public var url: String { "postgres://postgres@127.0.0.1:\(port)/endorse" }

    /// Runs `sql` with psql against the test database.
    public func sql(_ sql: String) async throws {
        try await Self.run(
            binaries.appendingPathComponent("psql"),
            ["-h", "127.0.0.1", "-p", String(port), "-U", "postgres", "-d", "endorse", "-v", "ON_ERROR_STOP=1", "-c", sql])
    }

    /// Starts the stopped server again on the same port and data.
    public func restart() async throws {
        try await Self.runAsServerUser(
            binaries, "pg_ctl",
            [
                "-D", folder.appendingPathComponent("data").path, "-l", folder.appendingPathComponent("server.log").path, "-w", "-t", "60",
                "-o", "-p \(port) -k \(folder.path) -c listen_addresses=127.0.0.1 -c fsync=off", "start",
            ])
    }

    /// Stops the server (`mode`: fast, immediate) and, unless `keep`, deletes its folder.
    public func stop(mode: String = "fast", keep: Bool = false) async {
        try? await Self.runAsServerUser(binaries, "pg_ctl", ["-D", folder.appendingPathComponent("data").path, "-m", mode, "-w", "stop"])
        if !keep { try? FileManager.default.removeItem(at: folder) }
    }

    private static func runAsServerUser(_ binaries: URL, _ tool: String, _ arguments: [String]) async throws {
        let path = binaries.appendingPathComponent(tool)
        if getuid() == 0 {
            try await run(URL(fileURLWithPath: "/usr/sbin/runuser"), ["-u", "postgres", "--", path.path] + arguments)
        } else {
            try await run(path, arguments)
        }
    }

    private static func run(_ executable: URL, _ arguments: [String]) async throws {
        let result = try await ProcessRunner.runAsync(executable, arguments, timeout: 90)
        guard result.status == 0 else {
            throw Failure(description: "\(executable.path) \(arguments.joined(separator: " ")): \(result.stderrText.suffix(1000))")
        }
    }
}
