import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs a program to completion and captures its output (through files, so large outputs cannot dead-lock a pipe).
public struct ProcessRunner {
    /// What a finished program left.
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: Data
        public var stderr: Data

        public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
        public var stderrText: String { String(decoding: stderr, as: UTF8.self) }
    }

    /// Runs `executable` with `arguments` (in `directory`, if given) to completion without blocking a thread of the
    /// concurrency pool: on a 2-core machine the pool has two threads, and a test blocked in `waitUntilExit` would stall
    /// every other suite's servers and timers. The program is killed (SIGKILL) after `timeout` seconds.
    ///
    /// The child is started with posix_spawn(3) and reaped by waitpid(2) on a thread of its own, not through
    /// Foundation's `Process`: its termination handler was seen never to run for a child that had exited (the whole
    /// test run hung in `badQueryOrOptionExitsFive`).
    ///
    /// `status` is the exit status, or the signal number for a child killed by a signal (as `Process` reports it).
    public static func runAsync(
        _ executable: URL, _ arguments: [String], in directory: URL? = nil, timeout: TimeInterval = 60
    ) async throws -> Result {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("endorse-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("stdout")
        let err = folder.appendingPathComponent("stderr")
        let pid = try spawn(executable.path, arguments, directory: directory?.path, stdout: out.path, stderr: err.path)
        let reaped = ReapedFlag()
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout) {
            // Only a child not reaped yet is signalled: a reaped pid may belong to another process already.
            reaped.unlessSet { _ = kill(pid, SIGKILL) }
        }
        let status: Int32 = await withCheckedContinuation { continuation in
            let waiter = Thread {
                var raw: Int32 = 0
                while waitpid(pid, &raw, 0) == -1 && errno == EINTR {}
                reaped.set()
                // WIFEXITED / WEXITSTATUS / WTERMSIG (the C macros do not import).
                let signal = raw & 0x7f
                continuation.resume(returning: signal == 0 ? (raw >> 8) & 0xff : signal)
            }
            waiter.start()
        }
        return Result(status: status, stdout: try Data(contentsOf: out), stderr: try Data(contentsOf: err))
    }

    /// Starts `path` with `arguments`, the environment of this process, stdin from /dev/null and stdout / stderr
    /// written to the given files (created or truncated).
    private static func spawn(_ path: String, _ arguments: [String], directory: String?, stdout: String, stderr: String) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        // posix_spawn_file_actions_addchdir_np does not import: a shell changes directory, then execs the program.
        let command = directory.map { ["/bin/sh", "-c", #"cd -- "$1" && shift && exec "$@""#, "sh", $0, path] } ?? [path]
        let argv: [UnsafeMutablePointer<CChar>?] = (command + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let code = posix_spawn(&pid, command[0], &actions, nil, argv, environ)
        guard code == 0 else { throw POSIXError(POSIXErrorCode(rawValue: code) ?? .EINVAL) }
        return pid
    }

    /// Set once the child is reaped; guards the timeout's kill against a reused pid.
    private final class ReapedFlag: @unchecked Sendable {
        private let lock = NSLock()
        private var isSet = false

        func set() { lock.withLock { isSet = true } }

        func unlessSet(_ body: () -> Void) { lock.withLock { if !isSet { body() } } }
    }

    /// The first of `names` found on `PATH` (or at an absolute path), or nil.
    public static func findProgram(_ names: [String]) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for name in names {
            if name.hasPrefix("/") {
                if FileManager.default.isExecutableFile(atPath: name) { return URL(fileURLWithPath: name) }
                continue
            }
            for folder in path.split(separator: ":") {
                let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
                if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            }
        }
        return nil
    }
}
