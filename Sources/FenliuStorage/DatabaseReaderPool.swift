import CSQLite
import Foundation

/// `readerCount` plain threads, each owning one query-only WAL connection. Each read work item runs inside
/// `BEGIN DEFERRED … COMMIT` so all its queries see one consistent snapshot.
public final class DatabaseReaderPool: @unchecked Sendable {
    private typealias Job = @Sendable (Connection?, (any Error)?) -> Void

    public let configuration: DatabaseConfiguration
    private let lock = NSCondition()
    private var queue: [Job] = []
    private var queueHead = 0
    private var stopping = false
    private var running = 0
    private var threads: [Thread] = []

    /// Opens `readerCount` connections (read-write open without create, then `query_only = ON`, WAL).
    /// The database file must exist (open the writer first). Throws if any reader fails to open.
    public init(configuration: DatabaseConfiguration) throws {
        precondition(configuration.readerCount >= 1)
        self.configuration = configuration
        let startup = StartupGate(count: configuration.readerCount)
        for _ in 0..<configuration.readerCount {
            let thread = Thread { [self] in
                Thread.current.name = "fenliu-reader"
                let connection: Connection
                do {
                    connection = try Self.openReader(configuration)
                } catch {
                    self.lock.lock()
                    self.running -= 1
                    self.lock.broadcast()
                    self.lock.unlock()
                    startup.report(error)
                    return
                }
                startup.report(nil)
                self.readerLoop(connection)
            }
            threads.append(thread)
            lock.lock(); running += 1; lock.unlock()
            thread.start()
        }
        if let error = startup.wait() {
            shutdown()
            throw error
        }
    }

    private static func openReader(_ configuration: DatabaseConfiguration) throws -> Connection {
        let c = try Connection(path: configuration.path, mode: .readWrite,
                               busyTimeoutMilliseconds: configuration.busyTimeoutMilliseconds)
        // journal_mode is persistent in the file; setting it here is a no-op when the writer already did.
        let journal = try c.queryFirst("PRAGMA journal_mode = WAL")?[0]
        guard case .text(let j) = journal, j.lowercased() == "wal" else {
            throw StorageError.pragmaNotApplied(name: "journal_mode", expected: "wal", actual: "\(journal ?? .null)")
        }
        try c.execute("PRAGMA query_only = ON; PRAGMA foreign_keys = ON")
        try c.execute("PRAGMA temp_store = MEMORY; PRAGMA cache_size = -\(configuration.readerCacheKiB)")
        let qo = try c.pragma("query_only")
        guard qo == "1" else { throw StorageError.pragmaNotApplied(name: "query_only", expected: "1", actual: qo) }
        return c
    }

    /// Queues a read; false when the queue is full or the pool is shut down. `completion` runs on a reader thread.
    @discardableResult
    public func read<T: Sendable>(_ work: @escaping @Sendable (Connection) throws -> T,
                                  completion: @escaping @Sendable (Result<T, any Error>) -> Void) -> Bool {
        let job: Job = { c, failure in
            guard let c else {
                completion(.failure(failure ?? StorageError.shutDown))
                return
            }
            let result: Result<T, any Error>
            do {
                try c.run("BEGIN DEFERRED")
                defer { if c.isInTransaction { try? c.run("COMMIT") } }
                result = .success(try work(c))
            } catch {
                result = .failure(error)
            }
            completion(result)
        }
        lock.lock()
        defer { lock.unlock() }
        if stopping || queue.count - queueHead >= configuration.readerQueueCapacity { return false }
        queue.append(job)
        lock.signal()
        return true
    }

    /// Blocking read. Throws `.queueFull` / `.shutDown` when not queued; `.misuse` on a reader thread.
    public func read<T: Sendable>(_ work: @escaping @Sendable (Connection) throws -> T) throws -> T {
        if threads.contains(where: { $0 === Thread.current }) {
            throw StorageError.misuse("blocking read called on a reader thread (would deadlock)")
        }
        let box = ResultBox<T>()
        guard read(work, completion: { box.set($0) }) else {
            lock.lock()
            let s = stopping
            lock.unlock()
            throw s ? StorageError.shutDown : StorageError.queueFull
        }
        return try box.wait().get()
    }

    public var queueDepth: Int {
        lock.lock()
        defer { lock.unlock() }
        return queue.count - queueHead
    }

    /// Stops accepting reads, runs those already queued, closes the connections. Idempotent; blocks until done
    /// (unless called from a reader thread).
    public func shutdown() {
        lock.lock()
        stopping = true
        lock.broadcast()
        if threads.contains(where: { $0 === Thread.current }) {
            lock.unlock()
            return
        }
        while running > 0 { lock.wait() }
        lock.unlock()
    }

    private func readerLoop(_ connection: Connection) {
        while true {
            lock.lock()
            while queue.count == queueHead && !stopping { lock.wait() }
            if queue.count == queueHead {
                lock.unlock()
                break
            }
            let job = queue[queueHead]
            queueHead += 1
            if queueHead == queue.count {
                queue.removeAll(keepingCapacity: true)
                queueHead = 0
            } else if queueHead > 4096 && queueHead * 2 > queue.count {
                queue.removeFirst(queueHead)
                queueHead = 0
            }
            lock.unlock()
            job(connection, nil)
        }
        connection.close()
        lock.lock()
        running -= 1
        lock.broadcast()
        lock.unlock()
    }

    deinit {
        // Threads hold a strong reference to the pool until they exit, so this only runs after shutdown.
    }
}

/// Waits for N threads to report their startup outcome.
private final class StartupGate: @unchecked Sendable {
    private let condition = NSCondition()
    private var remaining: Int
    private var firstError: (any Error)?

    init(count: Int) { remaining = count }

    func report(_ error: (any Error)?) {
        condition.lock()
        if firstError == nil { firstError = error }
        remaining -= 1
        condition.broadcast()
        condition.unlock()
    }

    func wait() -> (any Error)? {
        condition.lock()
        defer { condition.unlock() }
        while remaining > 0 { condition.wait() }
        return firstError
    }
}
