import FenliuDomain

/// A decision not (yet) stored, as JSON: for `fenliu classify`.
public enum DecisionDocument {
    public static func bytes(_ decision: Decision) -> [UInt8] {
        let record = DecisionRecord(decision: decision, rowID: 0, decisionID: "", callID: "", placeTownship: nil,
                                    decidedBy: "classifier", decidedAt: "")
        var w = JSONWriter()
        w.beginObject()
        record.writeVerdict(to: &w)
        w.field("ruleset_version", decision.rulesetVersion)
        w.endObject()
        return w.bytes
    }
}
