import FenliuDomain
import FenliuStorage
import Foundation

/// Marks missed deadlines: one `item_overdue` row, one `overdue` event and one supervisor notification
/// per item and deadline, however often the scan runs.
enum OverdueScan {
    /// Runs on the writer; returns how many deadlines were newly marked.
    static func run(now: Date, policy: LoopPolicy, in db: Connection) throws -> Int {
        let at = RFC3339.format(now)
        let rows = try db.query("""
            SELECT id, call_id, target, township, state, ack_due, on_site_due, resolve_due FROM items
            WHERE state NOT IN ('closed', 'returned', 'cancelled')
              AND (ack_due <= ? OR on_site_due <= ? OR resolve_due <= ?)
            LIMIT 1000
            """, [SQLValue(at), SQLValue(at), SQLValue(at)])
        var marked = 0
        for row in rows {
            guard let id = row.int("id"), let callID = row.string("call_id"),
                  let state = row.string("state").flatMap(ItemState.init(rawValue:)) else { continue }
            var deadlines: [Deadline: Date] = [:]
            if let d = row.string("ack_due").flatMap(RFC3339.parse) { deadlines[.acknowledge] = d }
            if let d = row.string("on_site_due").flatMap(RFC3339.parse) { deadlines[.onSite] = d }
            if let d = row.string("resolve_due").flatMap(RFC3339.parse) { deadlines[.resolve] = d }
            let reported = Set(try db.query("SELECT deadline FROM item_overdue WHERE item_id = ?", [SQLValue(id)])
                .compactMap { $0.string("deadline").flatMap(Deadline.init(rawValue:)) })
            for deadline in ServiceLevel.missed(deadlines: deadlines, state: state, now: now, alreadyReported: reported) {
                let due = RFC3339.format(deadlines[deadline]!)
                try db.run("INSERT INTO item_overdue (item_id, deadline, due_at, marked_at) VALUES (?, ?, ?, ?)",
                           [SQLValue(id), SQLValue(deadline.rawValue), SQLValue(due), SQLValue(at)])
                try db.run("UPDATE items SET overdue_count = overdue_count + 1 WHERE id = ?", [SQLValue(id)])
                var w = JSONWriter()
                w.beginObject()
                w.field("item_id", Int(id))
                w.field("deadline", deadline.rawValue)
                w.field("due_at", due)
                w.field("state", state.rawValue)
                w.endObject()
                try CallRepository.appendEvent(callID: callID, kind: "overdue", actor: "sla", at: at, detail: w.text, in: db)
                let township = row.string("township")
                try Outbox.notifySubscribers(event: "overdue", callID: callID, policy: policy, at: at, in: db, fields: { w in
                    w.field("item_id", Int(id))
                    w.field("deadline", deadline.rawValue)
                    w.field("due_at", due)
                    w.field("target", row.string("target"))
                    w.field("township", township)
                    w.field("state", state.rawValue)
                }, summary: "超时未\(deadline.chineseVerb)：\(township ?? "12345")")
                marked += 1
            }
        }
        return marked
    }
}

extension Deadline {
    var chineseVerb: String {
        switch self {
        case .acknowledge: return "签收"
        case .onSite: return "到场反馈"
        case .resolve: return "处置"
        }
    }
}
