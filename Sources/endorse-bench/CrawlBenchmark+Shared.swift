import ArgumentParser
import CrawlState
import Foundation
import LoopbackWeb
import OpenBadges

#if canImport(Glibc)
    import Glibc
#endif

extension EndorseBench.Crawl {
    /// The same web crawled by `workers` `endorse crawl --state` processes through the PostgreSQL at `stateURL`, the
    /// total concurrency split between them, each run from an erased state. Reports documents/s against the bound
    /// and the single-process crawl just measured, the workers' and PostgreSQL's CPU per document (PostgreSQL's
    /// read from /proc: the server must run on this machine), and the transactions and row writes per second the
    /// server sustained.
    func runShared(
        web: GeneratedBadgeWeb, port: Int, stateURL: String, workers: [Int], singleRate: Double, singleCPUPerDocument: Double
    ) async throws {
        let endorse = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.deletingLastPathComponent().appendingPathComponent("endorse")
        guard FileManager.default.isExecutableFile(atPath: endorse.path) else {
            throw ValidationError("--state runs \(endorse.path) as the workers: build it first (swift build -c release)")
        }
        let location = try StateLocation(stateURL)
        let bound = Double(min(concurrency, hosts * perHost)) / (Double(latencyMs) / 1000)
        print("shared crawl through \(location): --concurrency \(concurrency) in all, split between the workers, --per-host \(perHost) across them")
        print("workers | documents | seconds | documents/s | of bound | x single-process | worker CPU ms/doc | PostgreSQL CPU ms/doc | transactions/s | rows written/s")
        for count in workers {
            do {
                let old = try await PostgresCrawlState(location: location)
                try await old.erase()
                old.close()
            }
            let state = try await PostgresCrawlState(location: location)
            defer { state.close() }
            try await state.add(web.seedIRIs.map { FrontierLink(url: $0, depth: 0, reason: "seed") })
            let before = try await state.serverStatistics()
            let postmaster = parentPID(of: before.backendPID)
            let serverCPUBefore = postmaster.map(processTreeCPUSeconds) ?? 0
            let childrenBefore = childrenCPUSeconds()
            fflush(nil)
            let clock = ContinuousClock()
            let started = clock.now
            let processes = try (0..<count).map { index -> Process in
                let process = Process()
                process.executableURL = endorse
                process.arguments = [
                    "crawl", "--resume", "--state", stateURL, "--worker", "bench-\(index)", "--concurrency", "\(max(1, concurrency / count))",
                    "--per-host", "\(perHost)", "--max-pages-per-host", "10", "--connect-to", "::127.0.0.1:\(port)", "--allow-private-addresses",
                    "--quiet",
                ]
                if !showWorkers { process.standardOutput = FileHandle.nullDevice }
                try process.run()
                return process
            }
            for process in processes { process.waitUntilExit() }
            let elapsed = (clock.now - started).seconds
            let failed = processes.filter { $0.terminationStatus != 0 }.count
            if failed > 0 { print("  \(failed) workers exited with an error") }
            let workerCPU = childrenCPUSeconds() - childrenBefore
            // pg_stat_database is updated when a server process reports, within about a second.
            try await Task.sleep(for: .milliseconds(1200))
            let after = try await state.serverStatistics()
            let serverCPU = postmaster.map(processTreeCPUSeconds).map { $0 - serverCPUBefore }
            let counts = try await state.counts()
            let documents = Double(max(counts.documents, 1))
            let rate = Double(counts.documents) / elapsed
            print(
                String(
                    format: "%7d | %9d | %7.2f | %11.0f | %7.0f%% | %15.2fx | %17.3f | %21@ | %14.0f | %14.0f", count, counts.documents, elapsed, rate,
                    100 * rate / bound, rate / singleRate, 1000 * workerCPU / documents,
                    serverCPU.map { String(format: "%.3f", 1000 * $0 / documents) } ?? "unknown",
                    Double(after.committedTransactions - before.committedTransactions) / elapsed,
                    Double(after.rowsInserted + after.rowsUpdated - before.rowsInserted - before.rowsUpdated) / elapsed))
            if counts.duplicateFetches > 0 || counts.queued + counts.leased > 0 {
                print("  duplicate fetches \(counts.duplicateFetches), still queued \(counts.queued), leased \(counts.leased)")
            }
        }
        print(String(format: "single-process SQLite crawl of the same web: %.0f documents/s, %.3f CPU ms per document", singleRate, singleCPUPerDocument))
    }
}

/// CPU seconds of the waited-for children of this process.
private func childrenCPUSeconds() -> Double {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_CHILDREN.rawValue), &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1_000_000
}

/// The fields of /proc/PID/stat after the command name.
private func statFields(_ pid: Int32) -> [Substring]? {
    guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8), let close = text.lastIndex(of: ")") else { return nil }
    return text[text.index(after: close)...].split(separator: " ")
}

private func parentPID(of pid: Int32) -> Int32? {
    guard pid > 0, let fields = statFields(pid), fields.count > 1 else { return nil }
    return Int32(fields[1])
}

/// CPU seconds of `pid`, of its children that exited (cutime, cstime) and of its live children.
private func processTreeCPUSeconds(_ pid: Int32) -> Double {
    let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
    func seconds(_ fields: [Substring], children: Bool) -> Double {
        // After the name: state(0) ppid(1) ... utime(11) stime(12) cutime(13) cstime(14).
        guard fields.count > 14 else { return 0 }
        let own = (Double(fields[11]) ?? 0) + (Double(fields[12]) ?? 0)
        let reaped = children ? (Double(fields[13]) ?? 0) + (Double(fields[14]) ?? 0) : 0
        return (own + reaped) / ticks
    }
    var total = statFields(pid).map { seconds($0, children: true) } ?? 0
    for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
        guard let child = Int32(entry), child != pid, let fields = statFields(child), fields.count > 1, Int32(fields[1]) == pid else { continue }
        total += seconds(fields, children: false)
    }
    return total
}
