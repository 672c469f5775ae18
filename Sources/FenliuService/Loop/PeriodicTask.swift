import Foundation

/// Runs `body` on a thread of its own every `interval` until stopped. `kick()` runs it early.
final class PeriodicTask: @unchecked Sendable {
    private let condition = NSCondition()
    private var stopped = false
    private var kicked = false
    private var thread: Thread?
    private let interval: TimeInterval
    private let body: @Sendable () -> Void

    init(name: String, interval: TimeInterval, body: @escaping @Sendable () -> Void) {
        self.interval = interval
        self.body = body
        let thread = Thread { [unowned self] in self.loop() }
        thread.name = name
        self.thread = thread
    }

    func start() { thread?.start() }

    func kick() {
        condition.lock()
        kicked = true
        condition.signal()
        condition.unlock()
    }

    /// Blocks until the thread has finished its current run and exited.
    func stop() {
        condition.lock()
        stopped = true
        condition.signal()
        condition.unlock()
        while thread?.isFinished == false && thread?.isExecuting == true { Thread.sleep(forTimeInterval: 0.005) }
    }

    private func loop() {
        while true {
            condition.lock()
            if !kicked && !stopped { _ = condition.wait(until: Date().addingTimeInterval(interval)) }
            kicked = false
            let done = stopped
            condition.unlock()
            if done { return }
            body()
        }
    }
}
