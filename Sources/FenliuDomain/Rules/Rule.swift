import Foundation

/// One operator-editable classification rule (config/rules/*.yaml).
public struct Rule: Sendable {
    public var id: String
    /// nil for signal-only rules (e.g. an escalation cue that says nothing about the category).
    public var category: Category?
    public var literals: [String]
    public var regexes: [RegexPattern]
    /// At least one of these must occur somewhere in the text.
    public var contextAny: [String]
    /// None of these may occur anywhere in the text.
    public var contextNone: [String]
    public var weight: Double
    /// A danger signal: the call is police whatever else matches.
    public var safety: Bool
    /// A 民转刑 escalation signal.
    public var escalation: Bool
    /// Escalation that survives on a non-police record (an angry wage or debt claim without threat).
    public var escalationOnNonPolice: Bool
    /// A negation cue shortly before the match ("没有人受伤") cancels it. Defaults to `safety`.
    public var negatable: Bool
    /// A past/background cue shortly before the match ("此前曾发生推搡") cancels it.
    public var ongoingOnly: Bool
    public var why: String
    public var file: String
    public var line: Int?
}

/// A regular expression that only runs when one of its prefilter literals occurs, because NSRegularExpression is slow.
public final class RegexPattern: @unchecked Sendable {
    // NSRegularExpression is immutable and documented thread-safe; it is only not marked Sendable.
    public let source: String
    public let prefilter: [String]
    let expression: NSRegularExpression
    /// The same expression on scalars without Foundation, when it is within `ScalarRegex`'s subset.
    let scalarRegex: ScalarRegex?

    init(source: String, prefilter: [String]) throws {
        self.source = source
        self.prefilter = prefilter
        let normalized = TextNormalizer.normalize(source)
        self.expression = try NSRegularExpression(pattern: normalized)
        self.scalarRegex = ScalarRegex(pattern: normalized)
    }

    /// Matches in the normalised text given as scalars; `normalized` caches the String for the fallback, `scratch`
    /// the backtracking stacks, both kept by the caller across the regexes it runs on one text.
    func matches(scalars: [UInt32], normalized: inout String?,
                 scratch: inout ScalarRegex.Scratch) -> [(start: Int, end: Int, matched: String)] {
        if let scalarRegex {
            return scalarRegex.matches(in: scalars, scratch: &scratch).map { m in
                (m.start, m.end, TextNormalizer.string(fromNormalized: Array(scalars[m.start..<m.end])))
            }
        }
        if normalized == nil { normalized = TextNormalizer.string(fromNormalized: scalars) }
        return matches(in: normalized!)
    }

    /// Matches as scalar offsets into `text` (the normalised string).
    func matches(in text: String) -> [(start: Int, end: Int, matched: String)] {
        let ns = text as NSString
        return expression.matches(in: text, range: NSRange(location: 0, length: ns.length)).map { m in
            let prefix = ns.substring(to: m.range.location)
            let matched = ns.substring(with: m.range)
            let start = prefix.unicodeScalars.count
            return (start, start + matched.unicodeScalars.count, matched)
        }
    }
}
