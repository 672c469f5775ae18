/// Words that change what a match means: negation, past/background, the call-taker's clarification, and
/// the call-taker's invalid-call notes.
public struct MatchCues: Sendable {
    public var negation: [String] = []
    /// Longer words that contain a negation character without negating ("无法", "未成年").
    public var negationBlockers: [String] = []
    public var past: [String] = []
    /// "经询问系…": what the caller said in quotes before it is superseded by what follows.
    public var clarification: [String] = []
    public var invalidNotes: [String] = []

    public init() {}

    mutating func merge(_ other: MatchCues) {
        negation += other.negation
        negationBlockers += other.negationBlockers
        past += other.past
        clarification += other.clarification
        invalidNotes += other.invalidNotes
    }
}
