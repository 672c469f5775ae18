import CSQLite
import Foundation

/// The single writer: one connection, one plain thread, group commit.
///
/// Queued work items run on the writer thread inside one `BEGIN IMMEDIATE … COMMIT` batch. An item that fails
/// fails alone: its writes are undone and the rest of the batch commits (optimistically without savepoints,
/// replayed with a SAVEPOINT per item when an item fails after writing). Completions run on the writer thread after the COMMIT returned; they must be quick and must not
/// block on this writer (e.g. call `write`), which would deadlock — `write` throws `.misuse` there instead.
public final class DatabaseWriter: @unchecked Sendable {
    /// A type-erased queued item.
    fileprivate struct Job: Sendable {
        /// Runs the work inside its savepoint; returns the item's own outcome and a deliverer that takes the
        /// transaction's fate (nil = committed).
        /// `poisoned`: the item failed and its savepoint could not be rolled back, so its partial writes may
        /// still be in the transaction, which must then be rolled back as a whole.
        let perform: @Sendable (Connection) -> (ok: Bool, poisoned: Bool, error: (any Error)?,
                                                deliver: @Sendable ((any Error)?) -> Void)
        /// Runs the work without a savepoint (see `runOptimistically`).
        let performBare: @Sendable (Connection) -> (ok: Bool, deliver: @Sendable ((any Error)?) -> Void)
        /// Always runs inside its own savepoint, even on the optimistic path (work that may change the schema
        /// before it throws, which `Connection.totalChanges` does not see).
        let isolated: Bool
        /// Fails the item without running it.
        let fail: @Sendable (any Error) -> Void
    }

    public let configuration: DatabaseConfiguration
    /// e.g. "journal_mode=wal synchronous=2 foreign_keys=1 busy_timeout=5000" for the startup log.
    public let effectiveSettings: String

    // Queue state, guarded by `queueLock`.
    private let queueLock = NSCondition()
    private var queue: [Job] = []
    private var queueHead = 0
    private var stopping = false
    private var finished = false
    private var writerThread: Thread?
    private let checkpointer: Checkpointer?

    // Connection, guarded by `connectionLock` (held by the writer thread while it runs a batch).
    private let connectionLock = NSLock()
    private var connection: Connection?

    /// Told once per committed transaction, after its completions ran; guarded by `statsLock`.
    private var commitObservers: [@Sendable () -> Void] = []

    // Counters, guarded by `statsLock`.
    private let statsLock = NSLock()
    private var _committedTransactionCount = 0
    private var _failedTransactionCount = 0
    private var _committedItemCount = 0
    private var _walRestartCount = 0
    private var _isolatedReplayCount = 0
    private var _timings = WriterTimings()
    /// When a write last failed because the database could not be written (monotonic ns).
    private var lastUnwritableFailure: UInt64?
    /// WAL size at the writer's last own checkpoint; writer thread only.
    private var framesAtLastWALCheckpoint = 0
    /// WAL size when the writer last asked the background checkpointer to run; writer thread only.
    private var framesAtLastBackgroundKick = 0
    /// The background run the writer's own checkpoint waits for, and the WAL size when it was asked; writer only.
    private var restartWaitsFor: (number: Int, frames: Int)?

    public init(configuration: DatabaseConfiguration) throws {
        precondition(configuration.maxBatchSize >= 1 && configuration.writerQueueCapacity >= 1)
        self.configuration = configuration
        let vfs = configuration.walWriteBufferBytes > 0
            ? try WALWriteBuffer.register(capacityBytes: configuration.walWriteBufferBytes) : nil
        let c = try Connection(path: configuration.path, mode: .readWriteCreate,
                               busyTimeoutMilliseconds: configuration.busyTimeoutMilliseconds, vfs: vfs)
        // synchronous = FULL is also what makes the WAL write buffer safe: every commit syncs, so its frames are
        // written before SQLite publishes them to other connections (checked below).
        try c.execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON")
        // Savepoint journals and sorts stay in memory (the default spills them to temp files: ~19 pwrites per
        // intake measured), and a larger page cache keeps the hot indexes resident.
        try c.execute("PRAGMA temp_store = MEMORY; PRAGMA cache_size = -\(configuration.writerCacheKiB)")
        let journal = try c.pragma("journal_mode")?.lowercased()
        guard journal == "wal" else {
            throw StorageError.pragmaNotApplied(name: "journal_mode", expected: "wal", actual: journal)
        }
        let sync = try c.pragma("synchronous")
        guard sync == "2" else { throw StorageError.pragmaNotApplied(name: "synchronous", expected: "2", actual: sync) }
        let fk = try c.pragma("foreign_keys")
        guard fk == "1" else { throw StorageError.pragmaNotApplied(name: "foreign_keys", expected: "1", actual: fk) }
        let busy = try c.pragma("busy_timeout") ?? "?"
        effectiveSettings = "journal_mode=\(journal!) synchronous=\(sync!) foreign_keys=\(fk!) busy_timeout=\(busy)"
            + " wal_write_buffer=\(vfs == nil ? 0 : configuration.walWriteBufferBytes)"
            + " cache_kib=\(-(Int(try c.pragma("cache_size") ?? "") ?? 0))"
        connection = c
        if configuration.checkpointIntervalMilliseconds > 0 {
            try c.execute("PRAGMA wal_autocheckpoint = 0")
            // After the pragma: SQLite's automatic checkpoints use the same (single) WAL hook.
            try c.trackWALFrames()
            checkpointer = try Checkpointer(path: configuration.path,
                                            busyTimeoutMilliseconds: configuration.busyTimeoutMilliseconds,
                                            interval: Double(configuration.checkpointIntervalMilliseconds) / 1000)
        } else {
            checkpointer = nil
        }

        let thread = Thread { [self] in
            // Set from inside the thread: only then does Foundation pass it to the kernel (`top -H`, perf).
            Thread.current.name = "fenliu-writer"
            self.writerLoop()
        }
        writerThread = thread
        thread.start()
    }

    // MARK: - Public API

    /// Queues `work`; returns false without queueing when the queue is full or the writer is shut down.
    /// `completion` runs on the writer thread after the COMMIT holding the item's writes returned (or with the
    /// item's own error if it threw — its savepoint is rolled back, the rest of the batch is unaffected; or with
    /// the transaction's error if BEGIN/COMMIT failed or SQLite rolled the whole transaction back).
    @discardableResult
    public func submit<T: Sendable>(_ work: @escaping @Sendable (Connection) throws -> T,
                                    completion: @escaping @Sendable (Result<T, any Error>) -> Void) -> Bool {
        enqueue(work, isolated: false, completion: completion) == nil
    }

    /// Blocking convenience (CLI, tests, startup). Throws `StorageError.queueFull` / `.shutDown` when not queued.
    public func write<T: Sendable>(_ work: @escaping @Sendable (Connection) throws -> T) throws -> T {
        if Thread.current === writerThread {
            throw StorageError.misuse("DatabaseWriter.write called on the writer thread (would deadlock)")
        }
        let box = ResultBox<T>()
        if let refusal = enqueue(work, isolated: false, completion: { box.set($0) }) { throw refusal }
        return try box.wait().get()
    }

    /// Runs `body` directly on the writer's connection, serialized with the writer thread (it waits for a
    /// running batch to finish). Meant for startup work such as migrations before traffic; do not hold it long
    /// while traffic flows. Throws `.shutDown` after shutdown; `.misuse` if called from a completion.
    public func withConnection<T>(_ body: (Connection) throws -> T) throws -> T {
        if Thread.current === writerThread {
            throw StorageError.misuse("withConnection called on the writer thread")
        }
        connectionLock.lock()
        defer { connectionLock.unlock() }
        guard let connection else { throw StorageError.shutDown }
        return try body(connection)
    }

    /// Registers `observer` to run on the writer thread after each committed transaction (once per group commit,
    /// not once per item), e.g. to wake the threads that tail what was written. It must be quick and must not
    /// call `write`.
    public func onCommit(_ observer: @escaping @Sendable () -> Void) {
        statsLock.withLock { commitObservers.append(observer) }
    }

    /// Items queued and not yet taken by the writer thread.
    public var queueDepth: Int {
        queueLock.lock()
        defer { queueLock.unlock() }
        return queue.count - queueHead
    }

    /// Successful COMMITs of group-commit transactions (for tests and metrics).
    public var committedTransactionCount: Int { statsLock.withLock { _committedTransactionCount } }
    /// Transactions that failed at BEGIN/COMMIT or were rolled back by SQLite.
    public var failedTransactionCount: Int { statsLock.withLock { _failedTransactionCount } }
    /// Checkpoints the writer ran itself to let the WAL start over (see `restartWALIfLarge`).
    public var walRestartCount: Int { statsLock.withLock { _walRestartCount } }
    /// Batches rolled back on the optimistic path and run again with a savepoint per item.
    public var isolatedReplayCount: Int { statsLock.withLock { _isolatedReplayCount } }
    /// Items whose writes were committed.
    public var committedItemCount: Int { statsLock.withLock { _committedItemCount } }
    /// Where the writer thread's time went, cumulative (for benchmarks and metrics).
    public var timings: WriterTimings { statsLock.withLock { _timings } }

    /// A real write, committed and synced like an intake: `completion(true)` once it is durable. A write that is
    /// rolled back would never reach the files, so it could not see a disk that fails only when the WAL is written
    /// or synced (full, read-only, immutable). The probe keeps one row, in a table the writer owns: a counter of
    /// probes. False also when the queue is full or the writer shut down.
    public func probeWritable(completion: @escaping @Sendable (Bool) -> Void) {
        let refusal = enqueue({ c in
            try c.run("""
                CREATE TABLE IF NOT EXISTS \(Self.probeTable) (
                    id INTEGER PRIMARY KEY CHECK (id = 1), probes INTEGER NOT NULL)
                """)
            try c.run("""
                INSERT INTO \(Self.probeTable) (id, probes) VALUES (1, 1)
                ON CONFLICT (id) DO UPDATE SET probes = probes + 1
                """)
        }, isolated: true, completion: { result in
            guard case .success = result else { return completion(false) }
            completion(!self.failedUnwritableRecently)
        })
        if refusal != nil { completion(false) }
    }

    /// Whether a write failed for want of a writable database within `unwritableHoldMilliseconds`.
    public var failedUnwritableRecently: Bool {
        guard let last = statsLock.withLock({ lastUnwritableFailure }) else { return false }
        return configuration.monotonicNanoseconds() &- last < UInt64(max(0, configuration.unwritableHoldMilliseconds)) * 1_000_000
    }

    private func noteOutcome<T>(_ result: Result<T, any Error>) {
        guard case .failure(let error) = result, (error as? SQLiteError)?.isUnwritable == true else { return }
        let now = configuration.monotonicNanoseconds()
        statsLock.withLock { lastUnwritableFailure = now }
    }

    /// The table the readiness probe writes to (one row).
    public static let probeTable = "fenliu_write_probe"

    /// Blocking form of `probeWritable(completion:)`.
    public func probeWritable() -> Bool {
        if Thread.current === writerThread { return false }
        let box = ResultBox<Bool>()
        probeWritable { box.set(.success($0)) }
        return (try? box.wait().get()) ?? false
    }

    /// Stops accepting work, runs and commits everything already queued, answers their completions, closes the
    /// connection. Idempotent; blocks until done (does not block when called from a completion).
    public func shutdown() {
        queueLock.lock()
        stopping = true
        queueLock.broadcast()
        if Thread.current === writerThread {
            queueLock.unlock()
            return
        }
        while !finished { queueLock.wait() }
        queueLock.unlock()
        checkpointer?.stop()
    }

    // MARK: - Queue

    private func enqueue<T: Sendable>(_ work: @escaping @Sendable (Connection) throws -> T, isolated: Bool,
                                      completion: @escaping @Sendable (Result<T, any Error>) -> Void) -> StorageError? {
        let completion: @Sendable (Result<T, any Error>) -> Void = { [weak self] result in
            self?.noteOutcome(result)
            completion(result)
        }
        let job = Job(perform: { c in
            let result: Result<T, any Error>
            var poisoned = false
            do {
                try c.run("SAVEPOINT fenliu_item")
                c.notifyObservers(.savepointBegan)
                do {
                    let value = try work(c)
                    try c.run("RELEASE fenliu_item")
                    c.notifyObservers(.savepointReleased)
                    result = .success(value)
                } catch {
                    if c.isInTransaction {
                        do {
                            try c.run("ROLLBACK TO fenliu_item")
                            try c.run("RELEASE fenliu_item")
                            c.notifyObservers(.savepointRolledBack)
                        } catch {
                            // The writer rolls the whole transaction back (and tells the observers so).
                            poisoned = true
                        }
                    }
                    result = .failure(error)
                }
            } catch {
                result = .failure(error)
            }
            let ok: Bool
            let itemError: (any Error)?
            switch result {
            case .success: ok = true; itemError = nil
            case .failure(let e): ok = false; itemError = e
            }
            return (ok, poisoned, itemError, { txError in
                if let txError, ok { completion(.failure(txError)) } else { completion(result) }
            })
        }, performBare: { c in
            let result: Result<T, any Error>
            do { result = .success(try work(c)) } catch { result = .failure(error) }
            let ok = if case .success = result { true } else { false }
            return (ok, { txError in
                if let txError, ok { completion(.failure(txError)) } else { completion(result) }
            })
        }, isolated: isolated, fail: { error in completion(.failure(error)) })

        queueLock.lock()
        defer { queueLock.unlock() }
        if stopping { return .shutDown }
        if queue.count - queueHead >= configuration.writerQueueCapacity { return .queueFull }
        queue.append(job)
        queueLock.signal()
        return nil
    }

    private func takeBatch() -> [Job]? {
        queueLock.lock()
        defer { queueLock.unlock() }
        while queue.count == queueHead && !stopping { queueLock.wait() }
        if queue.count == queueHead { return nil }   // stopping and drained
        let end = min(queue.count, queueHead + configuration.maxBatchSize)
        let batch = Array(queue[queueHead..<end])
        queueHead = end
        if queueHead == queue.count {
            queue.removeAll(keepingCapacity: queue.capacity <= 4096)
            queueHead = 0
        } else if queueHead > 4096 && queueHead * 2 > queue.count {
            queue.removeFirst(queueHead)
            queueHead = 0
        }
        return batch
    }

    // MARK: - Writer thread

    private func writerLoop() {
        while let batch = takeBatch() {
            connectionLock.lock()
            let committedBefore = committedTransactionCount
            let deliveries = runBatch(batch)
            connectionLock.unlock()
            for d in deliveries { d() }
            let (committedAfter, observers) = statsLock.withLock { (_committedTransactionCount, commitObservers) }
            if committedAfter != committedBefore { for observer in observers { observer() } }
            restartWALIfLarge()
        }
        connectionLock.lock()
        connection?.close()
        connection = nil
        connectionLock.unlock()
        queueLock.lock()
        finished = true
        queueLock.broadcast()
        queueLock.unlock()
    }

    /// The background checkpointer copies the WAL into the database without blocking anyone, but under steady
    /// writes it never catches up with the latest commit, so SQLite never starts the WAL over: the file grows
    /// without bound, and every commit that extends it pays for a file-system metadata flush in its fsync.
    /// The writer is the one connection that can finish the job without waiting for a writer: once the WAL is
    /// large, it checkpoints between batches (its answers are already out), and the next transaction then
    /// rewrites the WAL from the start. PASSIVE: if a reader still needs old frames, it tries again later.
    private func restartWALIfLarge() {
        guard configuration.walRestartFrames > 0 else { return }
        connectionLock.lock()
        defer { connectionLock.unlock() }
        guard let c = connection else { return }
        let frames = c.walFrameCount
        if frames < framesAtLastBackgroundKick { framesAtLastBackgroundKick = 0 }   // the WAL started over
        if frames < configuration.walRestartFrames {
            framesAtLastWALCheckpoint = 0
            restartWaitsFor = nil
            // Every eighth of the way, the background thread copies what is new, off this thread.
            if frames >= framesAtLastBackgroundKick + max(1, configuration.walRestartFrames / 8) {
                framesAtLastBackgroundKick = frames
                checkpointer?.kick()
            }
            return
        }
        // Every batch queued behind the writer's own checkpoint waits for it, so it is what the slowest answers wait
        // for: it should find only a batch or two left to copy. So at the threshold, the background thread runs once
        // more first, and the writer checkpoints after that run has finished (or, if the run takes long, once another
        // eighth has been written).
        if let checkpointer {
            guard let request = restartWaitsFor else {
                restartWaitsFor = (checkpointer.kick(), frames)
                framesAtLastBackgroundKick = frames
                return
            }
            if !checkpointer.hasRun(since: request.number)
                && frames < request.frames + max(1, configuration.walRestartFrames / 8) { return }
        }
        // A reader holding an old snapshot keeps the WAL from starting over; do not checkpoint after every batch
        // while it does, only each time another quarter of the threshold has been written.
        if framesAtLastWALCheckpoint > 0 && frames < framesAtLastWALCheckpoint + configuration.walRestartFrames / 4 { return }
        framesAtLastWALCheckpoint = frames
        let start = WriterTimings.now()
        _ = try? c.queryFirst("PRAGMA wal_checkpoint(PASSIVE)")
        let elapsed = WriterTimings.now() - start
        statsLock.withLock {
            _walRestartCount += 1
            _timings.walRestartNanoseconds += elapsed
        }
    }

    /// Runs a batch: optimistically first, and with a savepoint per item when that does not work out.
    /// Returns the completion calls to make once the connection lock is released.
    private func runBatch(_ batch: [Job]) -> [() -> Void] {
        guard let c = connection else {
            return batch.map { job in { job.fail(StorageError.shutDown) } }
        }
        return runOptimistically(batch, on: c) ?? runIsolated(batch, on: c)
    }

    /// One transaction, no savepoints: a savepoint per item copies every page the item touches into a
    /// sub-journal first, a large part of an intake's cost on this thread, to protect against what almost
    /// never happens. Items are plain SQL and computation, so running them twice is harmless: when one throws
    /// after changing rows, or the transaction ends under it, everything is rolled back and the batch runs
    /// again through `runIsolated`. One that throws without changing anything (a 404, a 409, a constraint
    /// violation, which SQLite undoes at the statement) fails alone on this path too.
    /// Returns nil, with nothing committed, when the batch must run isolated.
    private func runOptimistically(_ batch: [Job], on c: Connection) -> [() -> Void]? {
        if c.isInTransaction { rollBack(c) }
        do { try c.run("BEGIN IMMEDIATE") } catch { return nil }   // the isolated path reports it
        var delivers: [@Sendable ((any Error)?) -> Void] = []
        delivers.reserveCapacity(batch.count)
        let itemsStart = WriterTimings.now()
        for job in batch {
            if job.isolated {
                let outcome = job.perform(c)
                if outcome.poisoned || !c.isInTransaction { return abandon(c) }
                delivers.append(outcome.deliver)
                continue
            }
            let changesBefore = c.totalChanges
            let outcome = job.performBare(c)
            if !c.isInTransaction || (!outcome.ok && c.totalChanges != changesBefore) { return abandon(c) }
            delivers.append(outcome.deliver)
        }
        var txError: (any Error)?
        let commitStart = WriterTimings.now()
        do {
            try c.run("COMMIT")
            c.notifyObservers(.committed)
        } catch {
            txError = error
            rollBack(c)
        }
        let commitEnd = WriterTimings.now()
        statsLock.withLock {
            _timings.itemNanoseconds += commitStart - itemsStart
            _timings.commitNanoseconds += commitEnd - commitStart
            if txError == nil {
                _committedTransactionCount += 1
                _committedItemCount += delivers.count
            } else {
                _failedTransactionCount += 1
            }
        }
        let fate = txError
        return delivers.map { deliver in { deliver(fate) } }
    }

    /// Rolls back whatever is open (SQLite may already have done so after an error) and tells the observers.
    private func rollBack(_ c: Connection) {
        if c.isInTransaction { try? c.run("ROLLBACK") }
        c.notifyObservers(.rolledBack)
    }

    private func abandon(_ c: Connection) -> [() -> Void]? {
        rollBack(c)
        statsLock.withLock { _isolatedReplayCount += 1 }
        return nil
    }

    /// Runs a batch with a savepoint per item, in one or more transactions (more only when SQLite aborts a
    /// transaction mid-batch).
    private func runIsolated(_ batch: [Job], on c: Connection) -> [() -> Void] {
        var out: [() -> Void] = []
        out.reserveCapacity(batch.count)
        var index = 0
        while index < batch.count {
            // Defensive: never start a batch inside a leftover transaction.
            if c.isInTransaction { rollBack(c) }
            do {
                try c.run("BEGIN IMMEDIATE")
            } catch {
                // Could not take the write lock / open the journal: fail the rest of the batch, keep running.
                statsLock.withLock { _failedTransactionCount += 1 }
                for job in batch[index...] { out.append { job.fail(error) } }
                return out
            }
            var segment: [@Sendable ((any Error)?) -> Void] = []
            var aborted: (any Error)?
            while index < batch.count {
                let outcome = batch[index].perform(c)
                index += 1
                segment.append(outcome.deliver)
                if outcome.poisoned || !c.isInTransaction {
                    // SQLite rolled back the whole transaction (e.g. SQLITE_FULL, IOERR), the item ended it, or
                    // the item's savepoint could not be rolled back: every earlier item in this transaction
                    // loses its writes and gets the error; the rest of the batch runs in a new transaction.
                    rollBack(c)
                    aborted = outcome.error ?? SQLiteError.misuse(
                        "the transaction ended inside a work item; items must not BEGIN/COMMIT/ROLLBACK")
                    break
                }
            }
            var txError = aborted
            if aborted == nil {
                do {
                    try c.run("COMMIT")
                    c.notifyObservers(.committed)
                } catch {
                    txError = error
                    rollBack(c)
                }
            }
            if txError == nil {
                statsLock.withLock {
                    _committedTransactionCount += 1
                    _committedItemCount += segment.count
                }
            } else {
                statsLock.withLock { _failedTransactionCount += 1 }
            }
            let fate = txError
            for d in segment { out.append { d(fate) } }
        }
        return out
    }
}
