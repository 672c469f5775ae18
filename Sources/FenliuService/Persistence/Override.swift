import FenliuDomain
import FenliuStorage
import Foundation

/// A person's correction of a decision. Whatever it leaves out is kept from the current decision.
struct Override: Sendable {
    var police: Bool?
    var category: Category?
    var target: Target?
    var township: String?
    var reason: String

    static func validate(_ body: JSONValue) throws(ServiceError) -> Override {
        guard case .object = body else { throw .invalidField(field: "", detail: "The body must be a JSON object.") }
        guard let reason = body["reason"]?.stringValue, !reason.isEmpty, reason.count <= 2000 else {
            throw .invalidField(field: "reason", detail: "reason is required: say why the decision is overridden.")
        }
        var o = Override(reason: reason)
        if let v = body["police"], !v.isNull {
            guard let b = v.boolValue else { throw .invalidField(field: "police", detail: "police must be true or false.") }
            o.police = b
        }
        if let v = body["category"], !v.isNull {
            guard let c = v.stringValue.flatMap(Category.init(rawValue:)) else {
                throw .invalidField(field: "category", detail: "category is not a known category code.")
            }
            o.category = c
        }
        if let v = body["target"], !v.isNull {
            guard let t = v.stringValue.flatMap(Target.init(rawValue:)) else {
                throw .invalidField(field: "target", detail: "target must be police, township, hotline_12345 or none.")
            }
            o.target = t
        }
        if let v = body["township"], !v.isNull {
            guard let t = v.stringValue, !t.isEmpty, t.count <= 64 else {
                throw .invalidField(field: "township", detail: "township must be a township's name.")
            }
            o.township = t
        }
        if o.target == .township && o.township == nil {
            throw .invalidField(field: "township", detail: "target township needs a township.")
        }
        if o.police == true, let t = o.target, t != .police {
            throw .invalidField(field: "target", detail: "a police matter's target is police.")
        }
        return o
    }

    func apply(callID: String, principal: Principal, policy: LoopPolicy, now: Date, in db: Connection) throws -> DecisionRecord {
        guard let current = try CallRepository.currentDecision(callID: callID, in: db) else {
            throw ServiceError.notFound("No call with call_id '\(callID)'.")
        }
        let category = self.category ?? Category(rawValue: current.category) ?? .publicOrder
        let police = self.police ?? (target.map { $0 == .police } ?? (self.category.map(\.isPolice) ?? current.police))
        var target = self.target ?? (police ? .police : Target(rawValue: current.target) ?? .police)
        if police { target = .police }
        if !police && target == .police {
            throw ServiceError.invalidField(field: "target", detail: "a non-police decision needs target township, hotline_12345 or none.")
        }
        let township = target == .township ? (self.township ?? current.township) : nil
        if target == .township && township == nil {
            throw ServiceError.invalidField(field: "township", detail: "target township needs a township.")
        }
        let at = RFC3339.format(now)
        let openItems = try db.query("""
            SELECT id, target, township FROM items WHERE call_id = ? AND state NOT IN ('closed', 'returned', 'cancelled')
            """, [SQLValue(callID)])
        for item in openItems {
            guard let id = item.int("id") else { continue }
            try db.run("UPDATE items SET state = 'cancelled', updated_at = ? WHERE id = ?", [SQLValue(at), SQLValue(id)])
            try CallRepository.appendEvent(callID: callID, kind: "cancelled", actor: principal.actorName, at: at,
                                           detail: "{\"item_id\":\(id),\"reason\":\"override\"}", in: db)
            try Outbox.cancelPending(itemID: id, callID: callID, reason: "override", policy: policy,
                                     target: item.string("target") ?? "", township: item.string("township"), at: at, in: db)
        }
        let decision = Decision(
            police: police, category: category, target: target, township: township, confidence: 1,
            reasons: [Reason(rule: "override:\(principal.role.rawValue)", matched: reason)],
            risk: RiskAssessment(escalation: current.escalation, repeat: current.repeatFlag, flags: []),
            duplicateOf: nil, linkedTownship: nil, rulesetVersion: current.rulesetVersion)
        try CallRepository.supersede(callID: callID, at: at, in: db)
        let decisionID = try CallRepository.insertDecision(decision, callID: callID,
                                                           placeTownship: current.placeTownship, decidedBy: "override:\(principal.actorName)",
                                                           at: at, in: db).decisionID
        try CallRepository.openItems(for: decision, callID: callID, decisionID: decisionID, policy: policy, now: now, in: db)
        try CallRepository.announceRedecision(decision, callID: callID, policy: policy, at: at, in: db)
        guard let record = try CallRepository.currentDecision(callID: callID, in: db) else { throw ServiceError.internalError }
        return record
    }
}
