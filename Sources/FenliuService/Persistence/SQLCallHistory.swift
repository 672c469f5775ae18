import FenliuDomain
import FenliuStorage
import Foundation

/// History for repeat and duplicate detection, read inside the write transaction so that two calls
/// committed in the same batch see each other.
struct SQLCallHistory: CallHistory {
    let db: Connection

    /// The first lookup that failed. The domain's history protocol cannot throw, so the intake checks this after
    /// deciding and fails loudly instead of deciding on counts that silently came back empty.
    let failure = FailureBox()

    /// Counting stops at `countLimit`: the repeat rule only asks whether a threshold is reached, and a busy
    /// number (a shop, a security desk) must not make every intake scan its whole history.
    let countLimit: Int

    /// How far back repeats are counted (the policy's window), for filling the in-memory copy on first use.
    let repeatWindowDays: Double

    /// Counted in the writer's in-memory index (`RecentCallIndex`), not in the file.
    func callCount(phone: String, since: Date) -> Int {
        recentCalls()?.count(phone: phone, since: since, limit: countLimit) ?? 0
    }

    func callCount(addressKey: String, since: Date) -> Int {
        recentCalls()?.count(addressKey: addressKey, since: since, limit: countLimit) ?? 0
    }

    /// The service fills the index when it starts; a writer that could not (its database was not writable then)
    /// or any other writer fills it on first use, inside this transaction.
    private func recentCalls() -> RecentCallIndex? {
        do {
            return try RecentCallIndex.on(db, lookbackDays: repeatWindowDays + RecentCallIndex.slackDays, now: Date())
        } catch {
            failure.record(error)
            return nil
        }
    }

    func openItems(township: String?, category: Category, since: Date) -> [OpenItemSummary] {
        // "Same place": without a resolved township there is no place to compare, so no duplicate.
        guard let township else { return [] }
        // Open = the call's current decision is not record-only and its primary item (if any) is not finished.
        // Newest first: a repeat report is most likely about the latest incident.
        // `state = … OR …` rather than `state IN (…)`: SQLite builds an ephemeral table for a constant IN list on a
        // column it does not search by index, once per statement run, i.e. once per intake.
        let sql = """
            SELECT c.id, c.call_id, c.received_utc, c.address_key, c.lat, c.lon FROM decisions d JOIN calls c ON c.call_id = d.call_id
            WHERE d.place_township = ? AND d.category = ? AND d.superseded_at IS NULL AND d.target != 'none'
              AND d.decided_at >= ? AND c.received_utc >= ?
              AND NOT EXISTS (SELECT 1 FROM items i WHERE i.call_id = d.call_id AND i.decision_id = d.decision_id
                              AND i.kind = 'primary'
                              AND (i.state = 'closed' OR i.state = 'returned' OR i.state = 'cancelled'))
            ORDER BY d.id DESC LIMIT 20
            """
        // decided_at bounds the index scan (a day of slack for calls submitted late); received_utc is the window.
        let values = [SQLValue(township), SQLValue(category.rawValue),
                      SQLValue(RFC3339.format(since.addingTimeInterval(-86_400))), SQLValue(RFC3339.format(since))]
        do {
            let signatures = SignatureCache.on(db)
            return try db.query(sql, values).compactMap { row in
                guard let callRow = row.int("id"), let id = row.string("call_id"),
                      let at = row.string("received_utc").flatMap(RFC3339.parse),
                      let signature = try signatures.signature(callRow: callRow, text: {
                          try db.queryFirst("SELECT text FROM calls WHERE id = ?", [SQLValue(callRow)])?.string("text")
                      })
                else { return nil }
                let location = row.double("lat").flatMap { lat in row.double("lon").map { GeoPoint(lat: lat, lon: $0) } }
                return OpenItemSummary(callID: id, receivedAt: at, signature: signature,
                                       addressKey: row.string("address_key"), location: location)
            }
        } catch {
            failure.record(error)
            return []
        }
    }

    /// Confined to the writer thread with the history that owns it.
    final class FailureBox {
        private(set) var error: (any Error)?
        func record(_ error: any Error) { if self.error == nil { self.error = error } }
    }
}
