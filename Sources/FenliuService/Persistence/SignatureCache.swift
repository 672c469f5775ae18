import FenliuDomain
import FenliuStorage

/// Similarity signatures of stored calls, kept with the writer's connection and keyed by the call's row id.
///
/// Why: every intake compares itself with up to 20 open calls of its place and category. Reading their texts back
/// out of SQLite and hashing them to find a cached signature cost more than the comparison; a row id is a cheap key,
/// and the text is read only for a call not yet seen.
///
/// Why it cannot go stale: a call's text never changes and calls are never deleted, so a row id names one text for
/// good, except for a row that was rolled back (its id can be given to the next call). So every rollback, of a
/// savepoint or a transaction, forgets everything (`TransactionObserver`); they are rare. Bounded: when full it starts
/// over.
///
/// Confined to the writer's thread: it is only reached through the writer's `Connection` (`attachment`).
final class SignatureCache: TransactionObserver {
    static let defaultCapacity = 4096

    private let capacity: Int
    private var signatures: [Int64: [UInt64]] = [:]

    init(capacity: Int = SignatureCache.defaultCapacity) {
        precondition(capacity > 0)
        self.capacity = capacity
    }

    /// The cache kept with `db`, created on first use.
    static func on(_ db: Connection) -> SignatureCache {
        if let cache = db.attachment(SignatureCache.self) { return cache }
        let cache = SignatureCache()
        db.attach(cache)
        return cache
    }

    /// The signature of the call in row `callRow`, computed from `text()` when not cached.
    func signature(callRow: Int64, text: () throws -> String?) rethrows -> [UInt64]? {
        if let hit = signatures[callRow] { return hit }
        guard let text = try text() else { return nil }
        let computed = TextSimilarity.signature(text)
        if signatures.count >= capacity { signatures.removeAll(keepingCapacity: true) }
        signatures[callRow] = computed
        return computed
    }

    var count: Int { signatures.count }

    func savepointBegan() {}
    func savepointReleased() {}
    func savepointRolledBack() { signatures.removeAll(keepingCapacity: true) }
    func transactionCommitted() {}
    func transactionRolledBack() { signatures.removeAll(keepingCapacity: true) }
}
