import FenliuStorage
import Foundation
import Synchronization

/// The repeat-caller and repeat-address lookups of the intake, answered from tables in the writer connection's
/// own temporary database (in memory: the writer sets `temp_store = MEMORY`) instead of from indexes in the file.
///
/// Why: an index keyed by phone number or address takes each new call on a random page, so every intake dirtied a
/// page of each, and each dirty page is a 4 KiB WAL frame that COMMIT writes and fdatasyncs. The two indexes
/// were about 40 % of a group commit's frames (BENCHMARKS.md), and only the writer ever asked them anything.
///
/// Why it stays exact: the intake copies each call it inserts (`record`), in the same transaction, so a rolled-back
/// batch, a savepoint or a replayed batch undoes the copy exactly as it undoes the row, and later intakes of the
/// same batch see earlier ones, as they did with the indexes. When the writer connection opens, the tables are
/// filled from `calls`; calls older than the lookback are pruned now and then. (A TEMP trigger on `calls` would
/// copy without being asked, but it made SQLite keep a statement journal for every call inserted: 13–30 µs of the
/// writer's time per intake, measured with `fenliu bench-writer`.)
///
/// The one difference: counts look back at most `lookbackDays` from now. With the default 30-day repeat window and
/// 7 days of slack, only a call submitted more than 7 days after it was received could count fewer earlier calls.
enum RecentCallIndex {
    /// Days of calls kept beyond the repeat window, for calls submitted late.
    static let slackDays = 7.0

    static let schema = """
        CREATE TEMP TABLE IF NOT EXISTS recent_by_phone (
            caller_phone TEXT NOT NULL, received_utc TEXT NOT NULL, call_row INTEGER NOT NULL,
            PRIMARY KEY (caller_phone, received_utc, call_row)) WITHOUT ROWID;
        CREATE TEMP TABLE IF NOT EXISTS recent_by_address (
            address_key TEXT NOT NULL, received_utc TEXT NOT NULL, call_row INTEGER NOT NULL,
            PRIMARY KEY (address_key, received_utc, call_row)) WITHOUT ROWID;
        """

    static let countByPhone =
        "SELECT count(*) FROM (SELECT 1 FROM temp.recent_by_phone WHERE caller_phone = ? AND received_utc >= ? LIMIT ?)"
    static let countByAddress =
        "SELECT count(*) FROM (SELECT 1 FROM temp.recent_by_address WHERE address_key = ? AND received_utc >= ? LIMIT ?)"

    /// Copies a call the intake just inserted; run in the same transaction as its INSERT.
    static func record(callRow: Int64, phone: String?, addressKey: String?, receivedUTC: String, in db: Connection) throws {
        if let phone {
            try db.run("INSERT INTO temp.recent_by_phone (caller_phone, received_utc, call_row) VALUES (?, ?, ?)",
                       [SQLValue(phone), SQLValue(receivedUTC), SQLValue(callRow)])
        }
        if let addressKey {
            try db.run("INSERT INTO temp.recent_by_address (address_key, received_utc, call_row) VALUES (?, ?, ?)",
                       [SQLValue(addressKey), SQLValue(receivedUTC), SQLValue(callRow)])
        }
    }

    /// Creates the tables on the writer's connection and fills them with the calls stored since
    /// `lookbackDays` before `now`. Run when the service starts (before any intake), on first use by a writer nobody
    /// filled, and again when a reload widens the repeat window.
    static func install(lookbackDays: Double, now: Date, in db: Connection) throws {
        try db.execute(schema)
        try db.execute("DELETE FROM temp.recent_by_phone; DELETE FROM temp.recent_by_address")
        let horizon = RFC3339.format(now.addingTimeInterval(-lookbackDays * 86_400))
        guard let first = try firstRowCreated(since: horizon, in: db) else { return }
        try db.run("""
            INSERT INTO temp.recent_by_phone SELECT caller_phone, received_utc, id FROM main.calls
            WHERE id >= ? AND caller_phone IS NOT NULL
            """, [SQLValue(first)])
        try db.run("""
            INSERT INTO temp.recent_by_address SELECT address_key, received_utc, id FROM main.calls
            WHERE id >= ? AND address_key IS NOT NULL
            """, [SQLValue(first)])
    }

    /// Drops calls received before the lookback. Returns how many entries went.
    @discardableResult
    static func prune(lookbackDays: Double, now: Date, in db: Connection) throws -> Int {
        let horizon = SQLValue(RFC3339.format(now.addingTimeInterval(-lookbackDays * 86_400)))
        try db.run("DELETE FROM temp.recent_by_phone WHERE received_utc < ?", [horizon])
        var removed = db.changes
        try db.run("DELETE FROM temp.recent_by_address WHERE received_utc < ?", [horizon])
        removed += db.changes
        return removed
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

/// The writer's `RecentCallIndex` over time: installed at start, filled again when a reload widens the repeat
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
        try writer.write { db in try RecentCallIndex.install(lookbackDays: lookback, now: now, in: db) }
        state.withLock { $0 = (lookback, now) }
    }

    /// Queued, not waited for: a reload may come from an event loop, which must not block.
    func widen(to repeatWindowDays: Double) {
        let lookback = repeatWindowDays + RecentCallIndex.slackDays
        guard lookback > state.withLock({ $0.lookbackDays }) else { return }
        let now = clock()
        let queued = writer.submit({ db in try RecentCallIndex.install(lookbackDays: lookback, now: now, in: db) },
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
        _ = try? writer.write { db in try RecentCallIndex.prune(lookbackDays: lookback, now: now, in: db) }
    }
}
