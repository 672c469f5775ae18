import FenliuDomain

/// A decision not (yet) stored, as JSON: for `fenliu classify` and replay reports.
public enum DecisionDocument {
    public static func bytes(_ decision: Decision) -> [UInt8] {
        var w = JSONWriter()
        w.beginObject()
        w.field("police", decision.police)
        w.field("category", decision.category.rawValue)
        w.field("target", decision.target.rawValue)
        w.field("township", decision.township)
        w.field("confidence", (decision.confidence * 1000).rounded() / 1000)
        w.key("reasons"); w.raw(decision.reasonsJSON)
        w.key("risk")
        w.beginObject()
        w.field("escalation", decision.risk.escalation)
        w.field("repeat", decision.risk.repeat)
        w.key("flags"); w.raw(decision.riskFlagsJSON)
        w.endObject()
        w.field("duplicate_of", decision.duplicateOf)
        w.field("linked_township", decision.linkedTownship)
        w.field("ruleset_version", decision.rulesetVersion)
        w.endObject()
        return w.bytes
    }
}
