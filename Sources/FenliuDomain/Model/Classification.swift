/// The pure text stage: everything that depends only on the call itself (no history).
public struct Classification: Sendable, Equatable {
    public var category: Category
    public var police: Bool
    /// Canonical township resolved from location, address or text (nil when unresolved or ambiguous),
    /// whatever the category; routing decides whether it is used.
    public var township: String?
    /// How the township was resolved: "location", "address", "text" or nil.
    public var townshipSource: String?
    public var reasons: [Reason]
    public var confidence: Double
    public var escalation: Bool
    /// At least one un-negated danger signal fired.
    public var safetySignal: Bool
    /// The call-taker marked the call as a misdial / prank / silent call.
    public var invalidNote: Bool
    /// The text as `TextNormalizer.scalars` normalised it, kept for duplicate detection (as scalars: the classifier
    /// works on them, and a String of them would only be built to be taken apart again).
    public var normalizedScalars: [UInt32]
    /// The call's address as repeat counting keys it (nil without an address): worked out with the text, so the
    /// history stage, which runs on the single writer, only looks it up.
    public var addressKey: String?
    /// `TextSimilarity.signature(normalizedScalars:)` of them, for the same reason; nil when not worked out yet.
    public var signature: [UInt64]?

    public init(category: Category, police: Bool, township: String?, townshipSource: String?, reasons: [Reason],
                confidence: Double, escalation: Bool, safetySignal: Bool, invalidNote: Bool, normalizedScalars: [UInt32]) {
        self.category = category
        self.police = police
        self.township = township
        self.townshipSource = townshipSource
        self.reasons = reasons
        self.confidence = confidence
        self.escalation = escalation
        self.safetySignal = safetySignal
        self.invalidNote = invalidNote
        self.normalizedScalars = normalizedScalars
    }
}
