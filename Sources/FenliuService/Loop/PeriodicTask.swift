import Foundation

/// Runs `body` on a thread of its own every `interval` until stopped. `kick()` runs it early.
final class PeriodicTask: @unchecked Sendable {
    private let condition = NSCondition()
    private var started = false
    private var stopped = false
    private var finished = false
    private var kicked = false
    private let name: String
    private let interval: TimeInterval
    private let body: @Sendable () -> Void

    init(name: String, interval: TimeInterval, body: @escaping @Sendable () -> Void) {
        self.name = name
        self.interval = interval
        self.body = body
    }

    func start() {
        condition.lock()
        defer { condition.unlock() }
        guard !started && !stopped else { return }
        started = true
        // The thread holds the task until its loop ends, so the task cannot go away under it.
        let thread = Thread {
            // Set from inside the thread: only then does Foundation pass the name to the kernel (`top -H`).
            Thread.current.name = self.name
            self.loop()
        }
        thread.start()
    }

    func kick() {
        condition.lock()
        kicked = true
        condition.broadcast()
        condition.unlock()
    }

    /// Blocks until a started thread has finished its current run and exited.
    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        while started && !finished { condition.wait() }
        condition.unlock()
    }

    private func loop() {
        while true {
            condition.lock()
            if !kicked && !stopped { _ = condition.wait(until: Date().addingTimeInterval(interval)) }
            kicked = false
            if stopped {
                finished = true
                condition.broadcast()
                condition.unlock()
                return
            }
            condition.unlock()
            body()
        }
    }
}
