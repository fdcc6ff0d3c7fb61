import CCurl
import Foundation
import Synchronization

/// The thread that owns the libcurl multi handle and every easy handle.
///
/// Callers hand jobs over through `inbox` (a Mutex) and wake the thread with `curl_multi_wakeup`; the thread adds at
/// most `maxConcurrentTransfers` transfers to the multi handle, drives them with `curl_multi_perform` /
/// `curl_multi_poll`, and resumes each job's continuation when its transfer is done.
///
/// `@unchecked Sendable`, the one place in CurlHTTP: the multi, share and easy handles and `transfers` are used only
/// by the loop thread; other threads touch only `inbox` and call `curl_multi_wakeup` while holding its lock (so the
/// multi handle cannot be cleaned up under them).
final class MultiLoop: @unchecked Sendable {
    private let configuration: FetcherConfiguration
    private let multi: MultiHandle
    private let share: UnsafeMutableRawPointer
    private let inbox = Mutex(Inbox())
    private let exited = NSCondition()
    private var hasExited = false
    /// The loop thread's name, unique per loop; threads libcurl starts from it (the resolver's) inherit it on Linux.
    let threadName: String

    // Loop thread only.
    private var transfers: [EasyHandle: Transfer] = [:]
    private var idleHandles: [EasyHandle] = []

    private struct Inbox {
        var pending: [FetchJob] = []
        var pendingStart = 0
        var cancelled: [FetchJob] = []
        var stopRequested = false
        var multiReleased = false
        /// The loop is in (or about to enter) `curl_multi_poll` with nothing to do: new work must wake it.
        var sleeping = false
    }

    private static let globalInit: CURLcode = curl_global_init(Int(CURL_GLOBAL_DEFAULT))

    init(configuration: FetcherConfiguration) throws(FetchError) {
        guard Self.globalInit == CURLE_OK, let multi = curl_multi_init(), let share = curl_share_init() else {
            throw FetchError(code: .transport, reason: "libcurl could not be initialised (out of memory?)", url: "")
        }
        _ = endorse_share_setopt_long(share, CURLSHOPT_SHARE, Int(CURL_LOCK_DATA_DNS.rawValue))
        _ = endorse_share_setopt_long(share, CURLSHOPT_SHARE, Int(CURL_LOCK_DATA_SSL_SESSION.rawValue))
        _ = endorse_multi_setopt_long(multi, CURLMOPT_PIPELINING, Int(CURLPIPE_MULTIPLEX))
        _ = endorse_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, max(16, configuration.maxConcurrentTransfers * 2))
        self.configuration = configuration
        self.multi = MultiHandle(raw: multi)
        self.share = share
        self.threadName = "curl-" + String(UInt32(truncatingIfNeeded: UInt(bitPattern: multi) >> 4), radix: 16)
        let thread = Thread { [self] in
            nameCurrentThread(threadName)
            run()
        }
        thread.start()
    }

    /// Queues `job`; it is resumed with an error at once when the loop has stopped.
    func submit(_ job: FetchJob) {
        let accepted = inbox.withLock { inbox -> Bool in
            guard !inbox.stopRequested else { return false }
            inbox.pending.append(job)
            wakeIfSleeping(&inbox)
            return true
        }
        if !accepted { job.complete(.failure(.shutDown(url: job.request.url))) }
    }

    /// Asks the loop to remove `job`'s transfer (the job itself has been resumed already).
    func cancel(_ job: FetchJob) {
        inbox.withLock { inbox in
            guard !inbox.multiReleased else { return }
            inbox.cancelled.append(job)
            wakeIfSleeping(&inbox)
        }
    }

    /// Stops the loop: running and queued jobs fail with `cancelled`; returns once the thread has released libcurl.
    func shutdown() {
        inbox.withLock { inbox in
            guard !inbox.stopRequested else { return }
            inbox.stopRequested = true
            curl_multi_wakeup(multi.raw)
        }
        exited.lock()
        while !hasExited { exited.wait() }
        exited.unlock()
    }

    // MARK: - The loop

    private func run() {
        var running: Int32 = 0
        while true {
            let (starting, cancelled, stopping) = takeWork()
            if stopping { break }
            for job in cancelled { remove(job) }
            for job in starting { start(job) }
            curl_multi_perform(multi.raw, &running)
            // A finished transfer frees a slot: start queued jobs before sleeping.
            if collectFinished() > 0 { continue }
            guard prepareToSleep() else { continue }
            curl_multi_poll(multi.raw, nil, 0, 1000, nil)
        }
        tearDown()
    }

    /// One wake-up per sleep is enough: skipping the rest saves a system call per submitted job.
    private func wakeIfSleeping(_ inbox: inout Inbox) {
        guard inbox.sleeping else { return }
        inbox.sleeping = false
        curl_multi_wakeup(multi.raw)
    }

    /// Marks the loop as sleeping unless work arrived since `takeWork` (then the loop goes round again).
    private func prepareToSleep() -> Bool {
        let freeSlots = configuration.maxConcurrentTransfers - transfers.count
        return inbox.withLock { inbox in
            let canStart = freeSlots > 0 && inbox.pendingStart < inbox.pending.count
            guard !canStart, inbox.cancelled.isEmpty, !inbox.stopRequested else { return false }
            inbox.sleeping = true
            return true
        }
    }

    private func takeWork() -> (starting: [FetchJob], cancelled: [FetchJob], stopping: Bool) {
        let freeSlots = configuration.maxConcurrentTransfers - transfers.count
        return inbox.withLock { inbox in
            inbox.sleeping = false
            var starting: [FetchJob] = []
            while starting.count < freeSlots, inbox.pendingStart < inbox.pending.count {
                let job = inbox.pending[inbox.pendingStart]
                inbox.pendingStart += 1
                if !job.isFinished { starting.append(job) }
            }
            if inbox.pendingStart > 1024 && inbox.pendingStart * 2 > inbox.pending.count {
                inbox.pending.removeFirst(inbox.pendingStart)
                inbox.pendingStart = 0
            }
            let cancelled = inbox.cancelled
            inbox.cancelled.removeAll()
            return (starting, cancelled, inbox.stopRequested)
        }
    }

    private func start(_ job: FetchJob) {
        guard let easy = idleHandles.popLast() ?? EasyHandle.make() else {
            job.complete(.failure(FetchError(code: .transport, reason: "libcurl could not create a handle (out of memory?)", url: job.request.url)))
            return
        }
        let transfer = Transfer(job: job, easy: easy, configuration: configuration)
        do {
            try transfer.configure(share: share)
        } catch {
            job.complete(.failure(error))
            recycle(transfer)
            return
        }
        transfers[easy] = transfer
        curl_multi_add_handle(multi.raw, easy.raw)
    }

    private func remove(_ job: FetchJob) {
        guard let transfer = transfers.values.first(where: { $0.job === job }) else { return }
        transfers[transfer.easy] = nil
        curl_multi_remove_handle(multi.raw, transfer.easy.raw)
        recycle(transfer)
    }

    /// Completes the jobs of finished transfers; returns how many finished.
    private func collectFinished() -> Int {
        var finished = 0
        var queued: Int32 = 0
        while let message = curl_multi_info_read(multi.raw, &queued) {
            guard message.pointee.msg == CURLMSG_DONE, let raw = message.pointee.easy_handle else { continue }
            let result = endorse_msg_result(message)
            let easy = EasyHandle(raw: raw)
            guard let transfer = transfers.removeValue(forKey: easy) else { continue }
            let outcome = transfer.outcome(result)
            curl_multi_remove_handle(multi.raw, raw)
            recycle(transfer)
            transfer.job.complete(outcome)
            finished += 1
        }
        return finished
    }

    /// Returns the easy handle to the idle pool (connections stay in the multi handle's cache).
    private func recycle(_ transfer: Transfer) {
        curl_easy_reset(transfer.easy.raw)
        transfer.release()
        if idleHandles.count < configuration.maxConcurrentTransfers {
            idleHandles.append(transfer.easy)
        } else {
            curl_easy_cleanup(transfer.easy.raw)
        }
    }

    private func tearDown() {
        for transfer in transfers.values {
            curl_multi_remove_handle(multi.raw, transfer.easy.raw)
            recycle(transfer)
            transfer.job.complete(.failure(.shutDown(url: transfer.url)))
        }
        transfers.removeAll()
        let leftovers = inbox.withLock { inbox in
            inbox.multiReleased = true
            let jobs = Array(inbox.pending[inbox.pendingStart...])
            inbox.pending.removeAll()
            inbox.pendingStart = 0
            inbox.cancelled.removeAll()
            for easy in idleHandles { curl_easy_cleanup(easy.raw) }
            idleHandles.removeAll()
            curl_multi_cleanup(multi.raw)
            curl_share_cleanup(share)
            return jobs
        }
        for job in leftovers { job.complete(.failure(.shutDown(url: job.request.url))) }
        exited.lock()
        hasExited = true
        exited.broadcast()
        exited.unlock()
    }
}

/// Sets the calling thread's OS name (Linux: `/proc/thread-self/comm`, at most 15 bytes). Foundation's
/// `Thread.name` does not reliably reach the OS on Linux when set from a new thread.
private func nameCurrentThread(_ name: String) {
    #if os(Linux)
        try? Data(name.utf8.prefix(15)).write(to: URL(fileURLWithPath: "/proc/thread-self/comm"))
    #endif
}
