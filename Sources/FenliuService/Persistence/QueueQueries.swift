import FenliuDomain
import FenliuStorage
import Foundation

/// The pull queues of receivers without an endpoint: overdue first, then oldest first.
enum QueueQueries {
    /// Lists a receiver's items; pulling by the receiver itself counts as dispatch (the item was handed over).
    static func pull(target: String, township: String?, status: String?, markDispatchedBy actor: String?,
                     policy: LoopPolicy, now: Date, in db: Connection) throws -> [UInt8] {
        var clauses = ["i.target = ?"]
        var values: [SQLValue] = [SQLValue(target)]
        if let township { clauses.append("i.township = ?"); values.append(SQLValue(township)) }
        switch status {
        case nil, "open":
            clauses.append("i.state NOT IN ('closed', 'returned', 'cancelled')")
        case "all":
            break
        case let state?:
            clauses.append("i.state = ?")
            values.append(SQLValue(state))
        }
        let rows = try db.query("""
            SELECT i.*, c.text, c.address, c.caller_phone, c.received_at, c.lat, c.lon, c.source
            FROM items i JOIN calls c ON c.call_id = i.call_id
            WHERE \(clauses.joined(separator: " AND "))
            ORDER BY (i.overdue_count > 0) DESC, i.id ASC LIMIT 500
            """, values)
        let at = RFC3339.format(now)
        var w = JSONWriter()
        w.beginObject()
        w.key("items")
        w.beginArray()
        for row in rows {
            let decision = try db.queryFirst("SELECT \(DecisionRecord.columns) FROM decisions d WHERE d.decision_id = ?",
                                             [SQLValue(row.string("decision_id"))]).map(DecisionRecord.init(row:))
            var pulledNow = false
            if let actor, row.string("state") == ItemState.decided.rawValue, let id = row.int("id"), let callID = row.string("call_id") {
                try db.run("UPDATE items SET state = 'dispatched', dispatched_at = ?, updated_at = ? WHERE id = ? AND state = 'decided'",
                           [SQLValue(at), SQLValue(at), SQLValue(id)])
                try CallRepository.appendEvent(callID: callID, kind: "dispatched", actor: actor, at: at,
                                               detail: "{\"item_id\":\(id),\"via\":\"pull\"}", in: db)
                pulledNow = true
            }
            // The receiver sees the item as this pull left it.
            ItemRepository.write(item: row, policy: policy, to: &w, decision: decision,
                                 state: pulledNow ? ItemState.dispatched.rawValue : nil, updatedAt: pulledNow ? at : nil)
        }
        w.endArray()
        w.endObject()
        return w.bytes
    }
}
