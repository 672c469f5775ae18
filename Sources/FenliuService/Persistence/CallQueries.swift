import FenliuStorage
import Foundation

/// Read-side SQL: a call with its whole story, and the decision listing.
public enum CallQueries {
    /// `GET /v1/calls/{call_id}` as JSON, or nil when unknown.
    public static func callDocument(callID: String, in db: Connection) throws -> [UInt8]? {
        guard let call = try db.queryFirst("""
            SELECT call_id, source, text, address, caller_phone, lat, lon, received_at, created_at
            FROM calls WHERE call_id = ?
            """, [SQLValue(callID)]) else { return nil }
        let decisions = try db.query("SELECT \(DecisionRecord.columns) FROM decisions d WHERE d.call_id = ? ORDER BY d.id",
                                     [SQLValue(callID)]).map(DecisionRecord.init(row:))
        let items = try db.query("""
            SELECT id, decision_id, kind, target, township, state, created_at, updated_at, ack_due, on_site_due,
                   resolve_due, overdue_count, result, satisfaction FROM items
            WHERE call_id = ? ORDER BY id
            """, [SQLValue(callID)])
        let events = try db.query("SELECT id, call_id, kind, actor, at, detail FROM call_events WHERE call_id = ? ORDER BY id",
                                  [SQLValue(callID)])
        var w = JSONWriter()
        w.beginObject()
        w.key("call")
        w.beginObject()
        w.field("call_id", call.string("call_id"))
        writeCallFields(call, to: &w)
        w.field("created_at", call.string("created_at"))
        w.endObject()
        w.key("decision")
        if let current = decisions.last { current.write(to: &w) } else { w.null() }
        w.key("decision_history")
        w.beginArray()
        for d in decisions.dropLast() { d.write(to: &w) }
        w.endArray()
        w.key("items")
        w.beginArray()
        for item in items {
            w.beginObject()
            w.field("item_id", item.int("id").map(Int.init))
            w.field("decision_id", item.string("decision_id"))
            w.field("kind", item.string("kind"))
            w.field("target", item.string("target"))
            w.field("township", item.string("township"))
            w.field("state", item.string("state"))
            w.key("deadlines")
            w.beginObject()
            w.field("acknowledge", item.string("ack_due"))
            w.field("on_site", item.string("on_site_due"))
            w.field("resolve", item.string("resolve_due"))
            w.endObject()
            w.field("overdue", (item.int("overdue_count") ?? 0) > 0)
            w.field("result", item.string("result"))
            w.field("satisfaction", item.int("satisfaction").map(Int.init))
            w.field("created_at", item.string("created_at"))
            w.field("updated_at", item.string("updated_at"))
            w.endObject()
        }
        w.endArray()
        w.key("events")
        w.beginArray()
        for event in events { TimelineEvent.write(event, to: &w) }
        w.endArray()
        w.endObject()
        return w.bytes
    }

    /// The call as received, for the desk's view and for the receiver of an item alike.
    static func writeCallFields(_ row: Row, to w: inout JSONWriter) {
        w.field("source", row.string("source"))
        w.field("text", row.string("text"))
        w.field("address", row.string("address"))
        w.field("caller_phone", row.string("caller_phone"))
        w.key("location"); w.location(lat: row.double("lat"), lon: row.double("lon"))
        w.field("received_at", row.string("received_at"))
    }

    public struct DecisionFilter: Sendable, Equatable {
        public var target: String?
        public var township: String?
        public var category: String?
        public var police: Bool?
        public var from: String?
        public var to: String?
        public var limit: Int = 50
        /// Row id of the last decision of the previous page.
        public var before: Int64?
        public init() {}
    }

    /// Newest first; `next_cursor` is null on the last page. Superseded decisions are included
    /// (they are history), marked with `superseded_at`.
    public static func decisionPage(_ filter: DecisionFilter, in db: Connection) throws -> [UInt8] {
        var clauses: [String] = []
        var values: [SQLValue] = []
        if let target = filter.target { clauses.append("d.target = ?"); values.append(SQLValue(target)) }
        if let township = filter.township { clauses.append("d.township = ?"); values.append(SQLValue(township)) }
        if let category = filter.category { clauses.append("d.category = ?"); values.append(SQLValue(category)) }
        if let police = filter.police { clauses.append("d.police = ?"); values.append(SQLValue(police)) }
        if let from = filter.from { clauses.append("d.decided_at >= ?"); values.append(SQLValue(from)) }
        if let to = filter.to { clauses.append("d.decided_at < ?"); values.append(SQLValue(to)) }
        if let before = filter.before { clauses.append("d.id < ?"); values.append(SQLValue(before)) }
        let whereClause = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
        values.append(SQLValue(filter.limit + 1))
        let rows = try db.query("SELECT \(DecisionRecord.columns) FROM decisions d \(whereClause) ORDER BY d.id DESC LIMIT ?",
                                values).map(DecisionRecord.init(row:))
        let page = rows.prefix(filter.limit)
        var w = JSONWriter()
        w.beginObject()
        w.key("decisions")
        w.beginArray()
        for record in page { record.write(to: &w) }
        w.endArray()
        w.field("next_cursor", rows.count > filter.limit ? page.last.map { Cursor.encode($0.rowID) } : nil)
        w.endObject()
        return w.bytes
    }
}

/// One row of the append-only timeline as JSON, shared by the call view and the event stream.
enum TimelineEvent {
    static func write(_ row: Row, to w: inout JSONWriter) {
        w.beginObject()
        w.field("event_id", row.int("id").map(Int.init))
        w.field("call_id", row.string("call_id"))
        w.field("kind", row.string("kind"))
        w.field("actor", row.string("actor"))
        w.field("at", row.string("at"))
        w.key("detail"); w.raw(row.string("detail") ?? "{}")
        w.endObject()
    }
}

/// Opaque pagination cursor: base64url of "d:<row id>".
public enum Cursor {
    public static func encode(_ rowID: Int64) -> String {
        Data("d:\(rowID)".utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    public static func decode(_ cursor: String) -> Int64? {
        var s = cursor.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while s.count % 4 != 0 { s += "=" }
        guard let data = Data(base64Encoded: s), let text = String(data: data, encoding: .utf8),
              text.hasPrefix("d:"), let id = Int64(text.dropFirst(2)), id > 0 else { return nil }
        return id
    }
}
