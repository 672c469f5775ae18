import FenliuStorage
import Foundation

/// `GET /v1/stats`: the closed loop's figures over a time window (by decision / item creation time).
enum StatsQueries {
    /// The on-site share counts an item once its outcome is known: arrived (in time or late), or past the limit without
    /// arriving. An item still within its limit, or cancelled or returned before anyone went, is not counted either way.
    static func document(from: String?, to: String?, onSiteLimitSeconds: Int, now: Date, in db: Connection) throws -> [UInt8] {
        let lower = from ?? "0000"
        let upper = to ?? "9999"
        let window: [SQLValue] = [SQLValue(lower), SQLValue(upper)]
        func counts(_ column: String) throws -> [(String, Int)] {
            try db.query("""
                SELECT \(column) AS k, count(*) AS n FROM decisions
                WHERE superseded_at IS NULL AND decided_at >= ? AND decided_at < ? AND \(column) IS NOT NULL
                GROUP BY \(column) ORDER BY n DESC, k
                """, window).map { ($0.string("k") ?? "", Int($0.int("n") ?? 0)) }
        }
        let byTarget = try counts("target")
        let byTownship = try counts("township")
        let byCategory = try counts("category")
        let total = byTarget.reduce(0) { $0 + $1.1 }
        let diverted = byTarget.filter { $0.0 == "township" || $0.0 == "hotline_12345" }.reduce(0) { $0 + $1.1 }

        let items = try db.query("""
            SELECT created_at, acknowledged_at, on_site, on_site_at, state, overdue_count, satisfaction FROM items
            WHERE created_at >= ? AND created_at < ?
            """, window)
        var ackSeconds: [Double] = []
        var onSiteItems = 0
        var onSiteInTime = 0
        var onSiteAwaiting = 0
        var overdue = 0
        var returned = 0
        var satisfaction: [Int] = []
        for item in items {
            guard let created = item.string("created_at").flatMap(RFC3339.parse) else { continue }
            if let ack = item.string("acknowledged_at").flatMap(RFC3339.parse) { ackSeconds.append(ack.timeIntervalSince(created)) }
            if item.bool("on_site") == true {
                let limit = Double(onSiteLimitSeconds)
                if let arrived = item.string("on_site_at").flatMap(RFC3339.parse) {
                    onSiteItems += 1
                    if arrived.timeIntervalSince(created) <= limit { onSiteInTime += 1 }
                } else if item.string("state") == "cancelled" || item.string("state") == "returned" {
                    // Nobody was to go any more.
                } else if now.timeIntervalSince(created) <= limit {
                    onSiteAwaiting += 1
                } else {
                    onSiteItems += 1
                }
            }
            if (item.int("overdue_count") ?? 0) > 0 { overdue += 1 }
            if item.string("state") == "returned" { returned += 1 }
            if let s = item.int("satisfaction") { satisfaction.append(Int(s)) }
        }
        let deadLettered = Int(try db.scalarInt(
            "SELECT count(*) FROM deliveries WHERE state = 'dead' AND created_at >= ? AND created_at < ?", window) ?? 0)

        var w = JSONWriter()
        w.beginObject()
        w.field("from", from)
        w.field("to", to)
        w.field("decisions", total)
        w.field("diverted", diverted)
        for (name, rows) in [("by_target", byTarget), ("by_township", byTownship), ("by_category", byCategory)] {
            w.key(name)
            w.beginObject()
            for (k, n) in rows { w.field(k, n) }
            w.endObject()
        }
        w.field("items", items.count)
        w.key("acknowledge_seconds")
        w.beginObject()
        w.field("count", ackSeconds.count)
        w.field("p50", percentile(ackSeconds, 0.5))
        w.field("p90", percentile(ackSeconds, 0.9))
        w.endObject()
        w.field("on_site_items", onSiteItems)
        w.field("on_site_within_limit", onSiteInTime)
        w.field("on_site_within_limit_share", onSiteItems == 0 ? nil : Double(onSiteInTime) / Double(onSiteItems))
        w.field("on_site_limit_seconds", onSiteLimitSeconds)
        w.field("on_site_awaiting", onSiteAwaiting)
        w.field("overdue", overdue)
        w.field("returned", returned)
        w.field("dead_lettered", deadLettered)
        w.field("satisfaction_mean", satisfaction.isEmpty ? nil : Double(satisfaction.reduce(0, +)) / Double(satisfaction.count))
        w.field("satisfaction_count", satisfaction.count)
        w.endObject()
        return w.bytes
    }

    /// Nearest-rank percentile; nil for no data.
    static func percentile(_ values: [Double], _ p: Double) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let rank = Int((p * Double(sorted.count)).rounded(.up)) - 1
        return (sorted[max(0, min(sorted.count - 1, rank))] * 1000).rounded() / 1000
    }
}
