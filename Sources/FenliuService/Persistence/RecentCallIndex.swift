import FenliuStorage
import Foundation
import Synchronization

/// The repeat-caller and repeat-address counts of the intake, answered from memory kept with the writer's
/// connection instead of from indexes in the file or SQL tables.
///
/// Why memory: an index keyed by phone number or address takes each new call on a random page, so every intake
/// dirtied a page of each, and each dirty page is a 4 KiB WAL frame that COMMIT writes and fdatasyncs (about 40 %
/// of a group commit's frames, BENCHMARKS.md); only the writer ever asked them anything. In-memory SQL tables
/// (the third session's design) kept the file small but still cost four statements an intake, about a tenth of
/// the writer thread's time; a dictionary of sorted timestamps costs a hash lookup and a binary search.
///
/// Why it stays exact: the intake adds each call it inserts as *pending*, and the index follows the connection's
/// transactions (`TransactionObserver`): pending calls count for later intakes of the same transaction, become
/// committed when it commits, and are dropped when it or their savepoint rolls back, exactly as rows are. When the
/// service starts it is filled from `calls`; calls older than the lookback are pruned now and then.
///
/// The one difference from counting in `calls`: counts look back at most `lookbackDays` from now. With the default
/// 30-day repeat window and 7 days of slack, only a call submitted more than 7 days after it was received could
/// count fewer earlier calls.
///
/// Confined to the writer's thread: it is only reached through the writer's `Connection` (`attachment`).
final class RecentCallIndex: TransactionObserver {
    /// Days of calls kept beyond the repeat window, for calls submitted late.
    static let slackDays = 7.0

    private struct Pending {
        var callRow: Int64
        var phone: String?
        var addressKey: String?
        var receivedMillis: Int64
    }

    /// Committed calls: receipt times in milliseconds, ascending, per phone number and per address key.
    private var byPhone: [String: [Int64]] = [:]
    private var byAddress: [String: [Int64]] = [:]
    /// Calls of the open transaction, in the order they were added.
    private var pending: [Pending] = []
    /// `pending.count` when each open savepoint began (innermost last).
    private var savepointMarks: [Int] = []
    private(set) var lookbackDays: Double = 0

    /// The index kept with `db`, filled first (with `lookbackDays` of calls) if the connection has none yet.
    static func on(_ db: Connection, lookbackDays: Double, now: Date) throws -> RecentCallIndex {
        if let index = db.attachment(RecentCallIndex.self) { return index }
        let index = RecentCallIndex()
        try index.fill(lookbackDays: lookbackDays, now: now, in: db)
        db.attach(index)
        return index
    }

    /// Replaces the committed calls with those stored since `lookbackDays` before `now`. Run on the writer (inside
    /// its transaction): calls of that transaction that are still pending stay pending, not committed twice.
    func fill(lookbackDays: Double, now: Date, in db: Connection) throws {
        var phones: [String: [Int64]] = [:]
        var addresses: [String: [Int64]] = [:]
        let horizon = RFC3339.format(now.addingTimeInterval(-lookbackDays * 86_400))
        if let first = try Self.firstRowCreated(since: horizon, in: db) {
            let uncommitted = Set(pending.map(\.callRow))
            let rows = try db.query("""
                SELECT id, caller_phone, address_key, received_utc FROM calls
                WHERE id >= ? AND (caller_phone IS NOT NULL OR address_key IS NOT NULL)
                """, [SQLValue(first)])
            for row in rows {
                guard let id = row.int("id"), !uncommitted.contains(id),
                      let at = row.string("received_utc").flatMap(RFC3339.parse) else { continue }
                let millis = Self.millis(at)
                if let phone = row.string("caller_phone") { phones[phone, default: []].append(millis) }
                if let key = row.string("address_key") { addresses[key, default: []].append(millis) }
            }
        }
        for key in phones.keys { phones[key]!.sort() }
        for key in addresses.keys { addresses[key]!.sort() }
        byPhone = phones
        byAddress = addresses
        self.lookbackDays = lookbackDays
    }

    /// Adds a call the intake just inserted, in the same transaction.
    func record(callRow: Int64, phone: String?, addressKey: String?, received: Date) {
        guard phone != nil || addressKey != nil else { return }
        pending.append(Pending(callRow: callRow, phone: phone, addressKey: addressKey, receivedMillis: Self.millis(received)))
    }

    /// Calls from `phone` received at or after `since` (committed, and pending in this transaction), up to `limit`.
    func count(phone: String, since: Date, limit: Int) -> Int {
        count(byPhone[phone], since: since, limit: limit) { $0.phone == phone }
    }

    func count(addressKey: String, since: Date, limit: Int) -> Int {
        count(byAddress[addressKey], since: since, limit: limit) { $0.addressKey == addressKey }
    }

    private func count(_ committed: [Int64]?, since: Date, limit: Int, matches: (Pending) -> Bool) -> Int {
        let from = Self.millis(since)
        var total = 0
        if let committed {
            total = committed.count - Self.firstIndex(atOrAfter: from, in: committed)
        }
        for call in pending where total < limit && call.receivedMillis >= from && matches(call) { total += 1 }
        return min(total, limit)
    }

    /// Drops committed calls received before `lookbackDays` before `now`. Returns how many entries went.
    @discardableResult
    func prune(lookbackDays: Double, now: Date) -> Int {
        let horizon = Self.millis(now.addingTimeInterval(-lookbackDays * 86_400))
        func prune(_ table: inout [String: [Int64]]) -> Int {
            var removed = 0
            for key in Array(table.keys) {
                let times = table[key]!
                let cut = Self.firstIndex(atOrAfter: horizon, in: times)
                guard cut > 0 else { continue }
                removed += cut
                if cut == times.count { table[key] = nil } else { table[key] = Array(times[cut...]) }
            }
            return removed
        }
        return prune(&byPhone) + prune(&byAddress)
    }

    /// Committed entries (phone and address), for tests and diagnostics.
    var entryCount: (phones: Int, addresses: Int) {
        (byPhone.values.reduce(0) { $0 + $1.count }, byAddress.values.reduce(0) { $0 + $1.count })
    }

    // MARK: - TransactionObserver

    func savepointBegan() { savepointMarks.append(pending.count) }

    func savepointReleased() { _ = savepointMarks.popLast() }

    func savepointRolledBack() {
        guard let mark = savepointMarks.popLast() else { return }
        pending.removeSubrange(min(mark, pending.count)...)
    }

    func transactionCommitted() {
        for call in pending {
            if let phone = call.phone { Self.insert(call.receivedMillis, into: &byPhone[phone, default: []]) }
            if let key = call.addressKey { Self.insert(call.receivedMillis, into: &byAddress[key, default: []]) }
        }
        pending.removeAll(keepingCapacity: true)
        savepointMarks.removeAll()
    }

    func transactionRolledBack() {
        pending.removeAll(keepingCapacity: true)
        savepointMarks.removeAll()
    }

    // MARK: - Helpers

    static func millis(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded(.down)) }

    /// Calls arrive nearly in order of receipt, so this is almost always an append.
    private static func insert(_ value: Int64, into times: inout [Int64]) {
        if let last = times.last, value < last {
            times.insert(value, at: firstIndex(atOrAfter: value + 1, in: times))
        } else {
            times.append(value)
        }
    }

    private static func firstIndex(atOrAfter value: Int64, in times: [Int64]) -> Int {
        var low = 0, high = times.count
        while low < high {
            let middle = (low + high) >> 1
            if times[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The first row of `calls` stamped at or after `horizon`, found by bisecting the row ids: calls are numbered
    /// in the order they are committed and stamped as they arrive, so `created_at` grows with `id` (within the
    /// milliseconds two event loops may disagree by). Nil when no call is that recent.
    static func firstRowCreated(since horizon: String, in db: Connection) throws -> Int64? {
        guard var low = try db.scalarInt("SELECT min(id) FROM calls"),
              var high = try db.scalarInt("SELECT max(id) FROM calls") else { return nil }
        func createdAt(atOrAfter id: Int64) throws -> String? {
            try db.queryFirst("SELECT created_at FROM calls WHERE id >= ? ORDER BY id LIMIT 1", [SQLValue(id)])?
                .string("created_at")
        }
        guard let newest = try createdAt(atOrAfter: high), newest >= horizon else { return nil }
        while low < high {
            let middle = low + (high - low) / 2
            if let at = try createdAt(atOrAfter: middle), at >= horizon { high = middle } else { low = middle + 1 }
        }
        // `low` may fall in a gap of the ids: the row is the first one at or after it.
        return try db.scalarInt("SELECT id FROM calls WHERE id >= ? ORDER BY id LIMIT 1", [SQLValue(low)])
    }
}

/// The writer's `RecentCallIndex` over time: filled at start, filled again when a reload widens the repeat
/// window, pruned at most once an hour.
final class RecentCallLookback: Sendable {
    private let writer: DatabaseWriter
    private let clock: @Sendable () -> Date
    private let state = Mutex<(lookbackDays: Double, lastPrune: Date)>((0, .distantPast))

    init(writer: DatabaseWriter, clock: @escaping @Sendable () -> Date) {
        self.writer = writer
        self.clock = clock
    }

    func install(repeatWindowDays: Double) throws {
        let lookback = repeatWindowDays + RecentCallIndex.slackDays
        let now = clock()
        try writer.write { db in try Self.fill(lookbackDays: lookback, now: now, in: db) }
        state.withLock { $0 = (lookback, now) }
    }

    /// Queued, not waited for: a reload may come from an event loop, which must not block.
    func widen(to repeatWindowDays: Double) {
        let lookback = repeatWindowDays + RecentCallIndex.slackDays
        guard lookback > state.withLock({ $0.lookbackDays }) else { return }
        let now = clock()
        let queued = writer.submit({ db in try Self.fill(lookbackDays: lookback, now: now, in: db) },
                                   completion: { [self] result in
            switch result {
            case .success: self.state.withLock { $0.lookbackDays = max($0.lookbackDays, lookback) }
            case .failure(let error):
                ServiceLog.error("could not refill the recent-call lookup", metadata: ["error": "\(error)"])
            }
        })
        if !queued { ServiceLog.error("could not refill the recent-call lookup: the write queue refused it") }
    }

    func pruneIfDue() {
        let now = clock()
        let lookback: Double? = state.withLock { s in
            guard now.timeIntervalSince(s.lastPrune) >= 3600 else { return nil }
            s.lastPrune = now
            return s.lookbackDays
        }
        guard let lookback else { return }
        _ = try? writer.write { db in db.attachment(RecentCallIndex.self)?.prune(lookbackDays: lookback, now: now) }
    }

    /// Fills the connection's index, creating it if the connection has none.
    private static func fill(lookbackDays: Double, now: Date, in db: Connection) throws {
        if let index = db.attachment(RecentCallIndex.self) {
            try index.fill(lookbackDays: lookbackDays, now: now, in: db)
        } else {
            _ = try RecentCallIndex.on(db, lookbackDays: lookbackDays, now: now)
        }
    }
}
