import Synchronization

/// Marks, on the writer's connection, that a transaction queued deliveries, so the delivery worker is woken after
/// the commits that gave it work rather than after every group commit. A wake-up per commit (hundreds a second under
/// load) put a thread on the CPU the writer and the event loop share, for a query that found nothing; the worker's
/// own poll still finds anything a missed mark would leave behind.
final class OutboxWatch: Sendable {
    private let queued = Atomic<Bool>(false)

    /// Called inside the transaction that inserted the delivery. A transaction that then rolls back leaves the mark
    /// set, which costs one needless look, never a missed one.
    func noteQueued() { queued.store(true, ordering: .relaxed) }

    /// Whether deliveries were queued since the last call; clears the mark.
    func take() -> Bool { queued.exchange(false, ordering: .relaxed) }
}
