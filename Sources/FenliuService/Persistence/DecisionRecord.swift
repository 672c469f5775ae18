import FenliuDomain
import FenliuStorage

/// A stored decision as the API shows it.
public struct DecisionRecord: Sendable, Equatable {
    public var rowID: Int64
    public var decisionID: String
    public var callID: String
    public var police: Bool
    public var category: String
    public var target: String
    public var township: String?
    public var confidence: Double
    /// Stored JSON array of {rule, matched}.
    public var reasonsJSON: String
    public var escalation: Bool
    public var repeatFlag: Bool
    public var riskFlagsJSON: String
    public var duplicateOf: String?
    public var linkedTownship: String?
    public var rulesetVersion: String
    public var decidedBy: String
    public var decidedAt: String
    public var supersededAt: String?
    /// The township the call's place resolved to, whatever the target (for duplicate lookup).
    public var placeTownship: String?
    /// The lifecycle state of the call's handling (the primary item's state, or the record-only state).
    public var status: String

    static let columns = """
        d.id, d.decision_id, d.call_id, d.police, d.category, d.target, d.township, d.confidence, d.reasons, \
        d.escalation, d.repeat_flag, d.risk_flags, d.duplicate_of, d.linked_township, d.ruleset_version, \
        d.decided_by, d.decided_at, d.superseded_at, d.place_township, \
        (SELECT i.state FROM items i WHERE i.call_id = d.call_id AND i.decision_id = d.decision_id AND i.kind = 'primary' \
        ORDER BY i.id DESC LIMIT 1) AS item_state
        """

    init(row: Row) {
        rowID = row.int("id") ?? 0
        decisionID = row.string("decision_id") ?? ""
        callID = row.string("call_id") ?? ""
        police = row.bool("police") ?? true
        category = row.string("category") ?? ""
        target = row.string("target") ?? ""
        township = row.string("township")
        confidence = row.double("confidence") ?? 0
        reasonsJSON = row.string("reasons") ?? "[]"
        escalation = row.bool("escalation") ?? false
        repeatFlag = row.bool("repeat_flag") ?? false
        riskFlagsJSON = row.string("risk_flags") ?? "[]"
        duplicateOf = row.string("duplicate_of")
        linkedTownship = row.string("linked_township")
        rulesetVersion = row.string("ruleset_version") ?? ""
        decidedBy = row.string("decided_by") ?? ""
        decidedAt = row.string("decided_at") ?? ""
        supersededAt = row.string("superseded_at")
        placeTownship = row.string("place_township")
        status = row.string("item_state") ?? DecisionRecord.recordOnlyStatus(target: target, superseded: supersededAt != nil)
    }

    /// The record of a decision just inserted, built from the values written instead of read back.
    init(decision: Decision, rowID: Int64, decisionID: String, callID: String, placeTownship: String?,
         decidedBy: String, decidedAt: String, encodedReasons: EncodedReasons? = nil) {
        self.rowID = rowID
        self.decisionID = decisionID
        self.callID = callID
        police = decision.police
        category = decision.category.rawValue
        target = decision.target.rawValue
        township = decision.township
        confidence = min(1, max(0, decision.confidence))
        reasonsJSON = encodedReasons?.json(for: decision.reasons) ?? decision.reasonsJSON
        escalation = decision.risk.escalation
        repeatFlag = decision.risk.repeat
        riskFlagsJSON = decision.riskFlagsJSON
        duplicateOf = decision.duplicateOf
        linkedTownship = decision.linkedTownship
        rulesetVersion = decision.rulesetVersion
        self.decidedBy = decidedBy
        self.decidedAt = decidedAt
        supersededAt = nil
        self.placeTownship = placeTownship
        status = DecisionRecord.recordOnlyStatus(target: target, superseded: false)
    }

    static func recordOnlyStatus(target: String, superseded: Bool) -> String {
        if superseded { return "superseded" }
        return target == "none" ? "closed" : "decided"
    }

    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("call_id", callID)
        w.field("decision_id", decisionID)
        writeVerdict(to: &w)
        w.field("status", status)
        w.field("decided_at", decidedAt)
        w.field("decided_by", decidedBy)
        w.field("ruleset_version", rulesetVersion)
        if let supersededAt { w.field("superseded_at", supersededAt) }
        w.endObject()
    }

    /// What was decided and why: shared by stored decisions and `fenliu classify`.
    func writeVerdict(to w: inout JSONWriter) {
        w.field("police", police)
        w.field("category", category)
        w.field("target", target)
        w.field("township", township)
        w.field("confidence", (confidence * 1000).rounded() / 1000)
        w.key("reasons"); w.raw(reasonsJSON)
        w.key("risk")
        w.beginObject()
        w.field("escalation", escalation)
        w.field("repeat", repeatFlag)
        w.key("flags"); w.raw(riskFlagsJSON)
        w.endObject()
        w.field("duplicate_of", duplicateOf)
        w.field("linked_township", linkedTownship)
    }

    public var jsonBytes: [UInt8] {
        var w = JSONWriter()
        write(to: &w)
        return w.bytes
    }
}

/// The JSON of a decision's leading reasons, encoded before the decision exists: the text stage's reasons are
/// known on the event loop, and the writer thread then only encodes what the history adds (a duplicate).
public struct EncodedReasons: Sendable {
    let reasons: [Reason]
    /// `reasons` as a JSON array without its closing bracket.
    let openArray: [UInt8]

    init(_ reasons: [Reason]) {
        self.reasons = reasons
        var w = JSONWriter()
        w.beginArray()
        for reason in reasons { Decision.write(reason, to: &w) }
        self.openArray = w.bytes
    }

    /// The JSON array of `all`, or nil when `all` does not begin with the reasons encoded here.
    func json(for all: [Reason]) -> String? {
        guard all.count >= reasons.count, all.prefix(reasons.count).elementsEqual(reasons) else { return nil }
        var w = JSONWriter(continuing: openArray, elementCount: reasons.count)
        for reason in all.dropFirst(reasons.count) { Decision.write(reason, to: &w) }
        w.endArray()
        return w.text
    }
}

extension Decision {
    var reasonsJSON: String {
        var w = JSONWriter()
        w.beginArray()
        for reason in reasons { Self.write(reason, to: &w) }
        w.endArray()
        return w.text
    }

    static func write(_ reason: Reason, to w: inout JSONWriter) {
        w.beginObject()
        w.field("rule", reason.rule)
        w.field("matched", reason.matched)
        w.endObject()
    }

    var riskFlagsJSON: String {
        var w = JSONWriter()
        w.beginArray()
        for flag in risk.flags { w.string(flag) }
        w.endArray()
        return w.text
    }
}
