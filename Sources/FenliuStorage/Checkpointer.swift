import Foundation

/// Moves WAL checkpoints off the commit path: the writer's connection has automatic checkpoints turned off,
/// and this thread, on a connection of its own, copies committed pages back into the database file every
/// `interval`, or sooner when the writer kicks it as the WAL fills (PASSIVE: it never blocks the writer or
/// readers; letting the WAL start over is left to the writer). Without it, the commit that crosses the
/// 1,000-page mark pays for copying and syncing the whole WAL while every request in its batch waits.
final class Checkpointer: @unchecked Sendable {
    private let condition = NSCondition()
    private var stopped = false
    private var finished = false
    private var kicked = false
    private let path: String
    private let interval: TimeInterval
    private(set) var runs = 0
    /// Requests made by `kick()`, and the latest one a finished checkpoint began after.
    private var requested = 0
    private var completed = 0

    init(path: String, busyTimeoutMilliseconds: Int32, interval: TimeInterval) throws {
        self.path = path
        self.interval = interval
        let connection = try Connection(path: path, mode: .readWrite, busyTimeoutMilliseconds: busyTimeoutMilliseconds)
        let box = UncheckedBox(connection)
        let thread = Thread {
            Thread.current.name = "fenliu-ckpt"
            self.loop(box.value)
        }
        thread.start()
    }

    private func loop(_ connection: Connection) {
        while true {
            condition.lock()
            if !stopped && !kicked { _ = condition.wait(until: Date().addingTimeInterval(interval)) }
            kicked = false
            let done = stopped
            let answering = requested
            condition.unlock()
            // A failed checkpoint is retried next time; the WAL keeps every committed page meanwhile.
            // PASSIVE: it never blocks the writer. Letting the WAL start over is the writer's part.
            _ = try? connection.queryFirst("PRAGMA wal_checkpoint(PASSIVE)")
            condition.lock()
            runs += 1
            completed = answering
            condition.unlock()
            if done { break }
        }
        connection.close()
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// Checkpoints now rather than at the next interval (the writer asks when the WAL is getting large, so that
    /// its own checkpoint, which restarts the WAL, finds little left to copy).
    /// Returns the request's number: `hasRun(since:)` tells when a checkpoint that began after it has finished.
    @discardableResult
    func kick() -> Int {
        condition.lock()
        defer { condition.unlock() }
        kicked = true
        requested += 1
        condition.signal()
        return requested
    }

    /// Whether a checkpoint that began after request `request` (from `kick()`) has finished.
    func hasRun(since request: Int) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        return completed >= request
    }

    /// Runs a last checkpoint and waits for the thread to end.
    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        while !finished { condition.wait() }
        condition.unlock()
    }
}

/// Hands a connection to the one thread that will use it.
private final class UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
