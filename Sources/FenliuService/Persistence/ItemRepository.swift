import FenliuDomain
import FenliuHTTP
import FenliuStorage
import Foundation

/// Items handed to a township command room or the 12345 hotline: creation with deadlines and outbox,
/// lifecycle transitions, and the receivers' queues.
public enum ItemRepository {
    public struct ItemRow: Sendable, Equatable {
        public var id: Int64
        public var callID: String
        public var decisionID: String
        public var kind: String
        public var target: String
        public var township: String?
        public var state: ItemState
        public var onSite: Bool

        static let columns = "id, call_id, decision_id, kind, target, township, state, on_site"

        init?(row: Row) {
            guard let id = row.int("id"), let state = row.string("state").flatMap(ItemState.init(rawValue:)) else { return nil }
            self.id = id
            callID = row.string("call_id") ?? ""
            decisionID = row.string("decision_id") ?? ""
            kind = row.string("kind") ?? "primary"
            target = row.string("target") ?? ""
            township = row.string("township")
            self.state = state
            onSite = row.bool("on_site") ?? false
        }
    }

    /// Creates an item, its deadlines, its timeline event and — when the receiver has an endpoint — its delivery.
    @discardableResult
    static func create(callID: String, decisionID: String, kind: String, target: String, township: String?,
                       category: String, policy: LoopPolicy, now: Date, in db: Connection,
                       events: EventBatch? = nil) throws -> Int64 {
        let at = RFC3339.format(now)
        let onSite = target == "township"
        let due = policy.sla(target: target, category: category).deadlines(from: now, onSite: onSite)
        try db.run("""
            INSERT INTO items (call_id, decision_id, kind, target, township, state, created_at, updated_at,
                               on_site, ack_due, on_site_due, resolve_due)
            VALUES (?, ?, ?, ?, ?, 'decided', ?, ?, ?, ?, ?, ?)
            """, [SQLValue(callID), SQLValue(decisionID), SQLValue(kind), SQLValue(target), SQLValue(township),
                  SQLValue(at), SQLValue(at), SQLValue(onSite), SQLValue(due[.acknowledge].map(RFC3339.format)),
                  SQLValue(due[.onSite].map(RFC3339.format)), SQLValue(due[.resolve].map(RFC3339.format))])
        let itemID = db.lastInsertRowID
        var w = JSONWriter()
        w.beginObject()
        w.field("item_id", Int(itemID))
        w.field("kind", kind)
        w.field("target", target)
        w.field("township", township)
        w.endObject()
        try CallRepository.appendEvent(callID: callID, kind: "queued", actor: "router", at: at, detail: w.text, in: db,
                                       batch: events)
        if let (name, endpoint) = policy.endpoint(target: target, township: township), let url = endpoint.url {
            let document = try itemDocument(itemID: itemID, policy: policy, in: db)
            try Outbox.enqueue(callID: callID, itemID: itemID, destination: name, kind: .item, format: .json, url: url,
                               secretEnv: endpoint.secretEnv, payload: { deliveryID in
                "{\"delivery_id\":\(JSONString.quote(deliveryID)),\"event\":\"item\",\"item\":\(document)}"
            }, at: at, in: db)
        }
        return itemID
    }

    /// The item as its receiver sees it: the call, the decision, deadlines and the links to act on it.
    static func itemDocument(itemID: Int64, policy: LoopPolicy, in db: Connection) throws -> String {
        guard let row = try db.queryFirst("""
            SELECT i.*, c.text, c.address, c.caller_phone, c.received_at, c.lat, c.lon, c.source
            FROM items i JOIN calls c ON c.call_id = i.call_id WHERE i.id = ?
            """, [SQLValue(itemID)]) else { throw ServiceError.internalError }
        var w = JSONWriter()
        write(item: row, policy: policy, to: &w, decision: try db.queryFirst(
            "SELECT \(DecisionRecord.columns) FROM decisions d WHERE d.decision_id = ?",
            [SQLValue(row.string("decision_id"))]).map(DecisionRecord.init(row:)))
        return w.text
    }

    static func write(item row: Row, policy: LoopPolicy, to w: inout JSONWriter, decision: DecisionRecord?,
                      state: String? = nil, updatedAt: String? = nil) {
        let callID = row.string("call_id") ?? ""
        w.beginObject()
        w.field("item_id", row.int("id").map(Int.init))
        w.field("call_id", callID)
        w.field("kind", row.string("kind"))
        w.field("target", row.string("target"))
        w.field("township", row.string("township"))
        w.field("state", state ?? row.string("state"))
        w.field("overdue", (row.int("overdue_count") ?? 0) > 0)
        w.key("call")
        w.beginObject()
        CallQueries.writeCallFields(row, to: &w)
        w.endObject()
        if let decision {
            w.key("decision")
            decision.write(to: &w)
        }
        w.key("deadlines")
        w.beginObject()
        w.field("acknowledge", row.string("ack_due"))
        w.field("on_site", row.string("on_site_due"))
        w.field("resolve", row.string("resolve_due"))
        w.endObject()
        w.field("result", row.string("result"))
        w.field("created_at", row.string("created_at"))
        w.field("updated_at", updatedAt ?? row.string("updated_at"))
        w.key("actions")
        w.beginObject()
        for action in ["ack", "arrive", "resolve", "return"] {
            w.field(action, "\(policy.publicURL)/v1/items/\(callID)/\(action)")
        }
        w.endObject()
        w.endObject()
    }

    /// The item `principal` may act on for a call: its township's item for a township token, the 12345 item for
    /// the hotline, otherwise the newest open primary item, or the open follow-up. Nil when there is none of theirs.
    static func actionableItem(callID: String, principal: Principal, in db: Connection) throws -> ItemRow? {
        let rows = try db.query("SELECT \(ItemRow.columns) FROM items WHERE call_id = ? ORDER BY id DESC",
                                [SQLValue(callID)]).compactMap(ItemRow.init(row:))
        let mine: [ItemRow]
        switch principal.role {
        case .township: mine = rows.filter { $0.target == "township" && $0.township == principal.township }
        case .hotline: mine = rows.filter { $0.target == "hotline_12345" }
        case .admin, .desk:
            // The primary item first; a police call's only item is its township follow-up (联动).
            mine = rows.filter { $0.kind == "primary" } + rows.filter { $0.kind != "primary" }
        }
        return mine.first { $0.state.isOpen } ?? mine.first
    }

    public struct TransitionInput: Sendable {
        public var note: String?
        public var result: String?
        public var reason: String?
        public var suggestedTarget: String?
        public var suggestedTownship: String?
        public var satisfaction: Int?
    }

    /// Applies a lifecycle action and records it; a return re-routes the call as a new decision.
    static func transition(callID: String, action: ItemAction, principal: Principal, input: TransitionInput,
                           engine: DecisionEngine, policy: LoopPolicy, now: Date, in db: Connection) throws -> ItemRow {
        guard try db.queryFirst("SELECT 1 AS x FROM calls WHERE call_id = ?", [SQLValue(callID)]) != nil else {
            throw ServiceError.notFound("No call with call_id '\(callID)'.")
        }
        guard let item = try actionableItem(callID: callID, principal: principal, in: db) else {
            if principal.role == .township || principal.role == .hotline {
                throw ServiceError.forbidden("This call has no item for this token's side.")
            }
            throw ServiceError.notFound("Call '\(callID)' has no item to act on (it was not routed to a township or 12345).")
        }
        try authorize(action, principal: principal, item: item)
        let steps: [ItemStep]
        switch ItemLifecycle.steps(action, from: item.state, onSite: item.onSite) {
        case .success(let s): steps = s
        case .failure(let invalid):
            throw ServiceError.invalidTransition(from: invalid.from.rawValue, action: action.rawValue,
                                                 allowed: invalid.allowed.filter(\.isCallable).map(\.rawValue))
        }
        let at = RFC3339.format(now)
        for step in steps {
            try record(step, item: item, principal: principal, input: step.action == action ? input : TransitionInput(),
                       at: at, in: db)
        }
        if action == .return {
            try Outbox.cancelPending(itemID: item.id, callID: callID, reason: "returned", policy: policy,
                                     target: item.target, township: item.township, at: at, in: db)
            if item.kind == "primary" {
                try reroute(callID: callID, input: input, engine: engine, principal: principal, policy: policy, now: now, in: db)
            }
        }
        var updated = item
        updated.state = steps.last?.to ?? item.state
        return updated
    }

    /// Writes one step: the item's state and time stamp, and the timeline event with its actor.
    private static func record(_ step: ItemStep, item: ItemRow, principal: Principal, input: TransitionInput, at: String,
                               in db: Connection) throws {
        let action = step.action
        let stampColumn: String? = switch action {
        case .ack: "acknowledged_at"
        case .arrive: "on_site_at"
        case .resolve: "resolved_at"
        case .verify: "verified_at"
        case .close: "closed_at"
        case .dispatch: "dispatched_at"
        case .return, .cancel: nil
        }
        var sets = "state = ?, updated_at = ?"
        var values: [SQLValue] = [SQLValue(step.to.rawValue), SQLValue(at)]
        if let stampColumn { sets += ", \(stampColumn) = coalesce(\(stampColumn), ?)"; values.append(SQLValue(at)) }
        if let result = input.result { sets += ", result = ?"; values.append(SQLValue(result)) }
        if let satisfaction = input.satisfaction { sets += ", satisfaction = ?"; values.append(SQLValue(satisfaction)) }
        values.append(SQLValue(item.id))
        try db.run("UPDATE items SET \(sets) WHERE id = ?", values)

        var w = JSONWriter()
        w.beginObject()
        w.field("item_id", Int(item.id))
        w.field("from", step.from.rawValue)
        w.field("to", step.to.rawValue)
        if let note = input.note { w.field("note", note) }
        if let result = input.result { w.field("result", result) }
        if let reason = input.reason { w.field("reason", reason) }
        if let satisfaction = input.satisfaction { w.field("satisfaction", satisfaction) }
        // Dispatching is the service's step; here the receiver's acknowledgement showed it had the item.
        if action == .dispatch { w.field("via", "ack") }
        w.endObject()
        try CallRepository.appendEvent(callID: item.callID, kind: action.eventKind, actor: principal.actorName, at: at,
                                       detail: w.text, in: db)
    }

    /// Which side may take which step: the receiver works the item; the desk, an admin (or the hotline's
    /// satisfaction callback) verifies and closes.
    static func authorize(_ action: ItemAction, principal: Principal, item: ItemRow) throws {
        switch (principal.role, action) {
        case (.admin, _): return
        case (.township, .ack), (.township, .arrive), (.township, .resolve), (.township, .return):
            guard item.target == "township", item.township == principal.township else {
                throw ServiceError.forbidden("This item belongs to another township.")
            }
        case (.hotline, .ack), (.hotline, .arrive), (.hotline, .resolve), (.hotline, .return),
             (.hotline, .verify), (.hotline, .close):
            guard item.target == "hotline_12345" else { throw ServiceError.forbidden("This item is not the hotline's.") }
        case (.desk, .verify), (.desk, .close):
            return
        default:
            throw ServiceError.forbidden("A \(principal.role.rawValue) token may not '\(action.rawValue)' an item.")
        }
    }

    /// A returned item goes where the returning side suggests; with no usable suggestion it goes to the police,
    /// which always accepts a return.
    static func reroute(callID: String, input: TransitionInput, engine: DecisionEngine, principal: Principal,
                        policy: LoopPolicy, now: Date, in db: Connection) throws {
        guard let current = try CallRepository.currentDecision(callID: callID, in: db) else { return }
        var target = Target(rawValue: input.suggestedTarget ?? "police") ?? .police
        var township = input.suggestedTownship
        if target == .township && (township == nil || township == current.township && current.target == "township") {
            target = .police
            township = nil
        }
        if target != .township { township = nil }
        if target == .none { target = .police }
        let category = Category(rawValue: current.category) ?? .publicOrder
        let decision = Decision(
            police: target == .police, category: category, target: target, township: township,
            confidence: 1, reasons: [Reason(rule: "return:\(principal.role.rawValue)", matched: input.reason ?? "")],
            risk: RiskAssessment(escalation: current.escalation, repeat: current.repeatFlag, flags: []),
            duplicateOf: nil, linkedTownship: nil, rulesetVersion: current.rulesetVersion)
        try CallRepository.supersede(callID: callID, at: RFC3339.format(now), in: db)
        let decisionID = try CallRepository.insertDecision(decision, callID: callID,
                                                           placeTownship: current.placeTownship, decidedBy: "reroute:\(principal.actorName)",
                                                           at: RFC3339.format(now), in: db).decisionID
        try CallRepository.openItems(for: decision, callID: callID, decisionID: decisionID, policy: policy, now: now, in: db)
        try CallRepository.announceRedecision(decision, callID: callID, policy: policy, at: RFC3339.format(now), in: db)
    }
}
