/// Why a decision was taken: the rule (or model) id and the text it matched.
public struct Reason: Sendable, Equatable, Codable {
    public var rule: String
    public var matched: String
    public init(rule: String, matched: String) {
        self.rule = rule
        self.matched = matched
    }
}

public struct RiskAssessment: Sendable, Equatable {
    public var escalation: Bool
    public var `repeat`: Bool
    /// e.g. "escalation", "repeat_caller", "repeat_address".
    public var flags: [String]
    public init(escalation: Bool, repeat: Bool, flags: [String]) {
        self.escalation = escalation
        self.repeat = `repeat`
        self.flags = flags
    }
}

public struct Decision: Sendable, Equatable {
    public var police: Bool
    public var category: Category
    public var target: Target
    /// Canonical township name, only when target is `.township`.
    public var township: String?
    /// 0…1
    public var confidence: Double
    /// Safety signals first; model reasons name the model and its confidence.
    public var reasons: [Reason]
    public var risk: RiskAssessment
    /// call_id of the open item this call duplicates.
    public var duplicateOf: String?
    /// Joint handling (联动): police + escalation + resolved township → follow-up item for this township.
    public var linkedTownship: String?
    public var rulesetVersion: String

    public init(police: Bool, category: Category, target: Target, township: String?, confidence: Double,
                reasons: [Reason], risk: RiskAssessment, duplicateOf: String?, linkedTownship: String?,
                rulesetVersion: String) {
        self.police = police
        self.category = category
        self.target = target
        self.township = township
        self.confidence = confidence
        self.reasons = reasons
        self.risk = risk
        self.duplicateOf = duplicateOf
        self.linkedTownship = linkedTownship
        self.rulesetVersion = rulesetVersion
    }
}
