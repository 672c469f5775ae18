import FenliuDomain
import Synchronization

/// Memoised `TextSimilarity.signature`, keyed by the text itself: a signature is a pure function of its text,
/// so an entry can never be stale, whichever database or call it came from. Bounded: when full it starts over.
final class SignatureCache: Sendable {
    static let shared = SignatureCache(capacity: 2048)

    private let capacity: Int
    private let entries = Mutex<[String: [UInt64]]>([:])

    init(capacity: Int) {
        precondition(capacity > 0)
        self.capacity = capacity
    }

    func signature(of text: String) -> [UInt64] {
        if let hit = entries.withLock({ $0[text] }) { return hit }
        let computed = TextSimilarity.signature(text)
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[text] = computed
        }
        return computed
    }

    var count: Int { entries.withLock { $0.count } }
}
