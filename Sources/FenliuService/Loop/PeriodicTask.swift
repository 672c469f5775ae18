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
    /// Kicks closer together than this are merged into one run: under load the writer commits hundreds of
    /// times a second, and each commit kicks.
    private let minimumSpacing: TimeInterval
    private var lastRunStart: Date = .distantPast
    private let body: @Sendable () -> Void

    init(name: String, interval: TimeInterval, minimumSpacing: TimeInterval = 0, body: @escaping @Sendable () -> Void) {
        self.name = name
        self.interval = interval
        self.minimumSpacing = minimumSpacing
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
            // A kick right after a run waits out the spacing, collecting the kicks that arrive meanwhile.
            let earliest = lastRunStart.addingTimeInterval(minimumSpacing)
            while kicked && !stopped && Date() < earliest { _ = condition.wait(until: earliest) }
            kicked = false
            lastRunStart = Date()
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
