/// Compiled rules: one automaton over every literal the rules and cues mention, evaluated in a single pass.
public struct RuleMatcher: Sendable {
    public struct Fired: Sendable, Equatable {
        public var rule: Int
        public var matched: String
    }

    public struct Evaluation: Sendable {
        public var fired: [Fired]
        /// The call-taker's invalid-call note, when present and not negated ("不是恶作剧").
        public var invalidNote: String?
        public var normalized: [UInt32]
    }

    private enum Role: Sendable {
        case literal(rule: Int)
        case prefilter(rule: Int)
        case context
        case negation, negationBlocker, past, clarification, invalidNote
    }

    /// `Role` flattened for the hot loop: a kind and the rule it belongs to (-1 for cues).
    private struct FlatRole: Sendable {
        enum Kind: UInt8, Sendable { case literal, prefilter, context, negation, negationBlocker, past, clarification, invalidNote }
        var kind: Kind
        var rule: Int32
    }

    private struct Hit {
        var rule: Int
        var start: Int
        var end: Int
        /// Automaton pattern index, or -1 - index into the regex match texts.
        var pattern: Int
    }

    public let rules: [Rule]
    public let cues: MatchCues
    let negationWindow: Int
    let pastWindow: Int
    private let automaton: PatternAutomaton
    private let patternTexts: [String]
    /// Roles of pattern `p`: `roleList[roleStart[p] ..< roleStart[p + 1]]`, in the order they were added.
    private let roleStart: [Int32]
    private let roleList: [FlatRole]
    /// Pattern is a context word of some rule (the only patterns whose presence is looked up later).
    private let isContext: [Bool]
    private let isSafety: [Bool]
    /// Per-rule fields the hot paths read, so no `Rule` (strings, arrays) is copied and retained per hit.
    private let isNegatable: [Bool]
    private let isOngoingOnly: [Bool]
    private let needsContext: [Bool]
    let ruleIDs: [String]
    let ruleCategories: [Category?]
    let ruleWeights: [Double]
    let ruleEscalation: [Bool]
    let ruleEscalationNonPolice: [Bool]
    /// Per rule, the automaton pattern indices of its context words (resolved once, not per call).
    private let contextAnyIndices: [[Int]]
    private let contextNoneIndices: [[Int]]

    /// From this many scalars, hits or context words on, a call is treated as long: its scalars are indexed for the
    /// regexes and its hits and context words are searched in sorted order instead of by linear passes. Short calls,
    /// nearly all of them, do not pay for building the indexes; a 2,000-character call no longer costs quadratic time.
    let longThreshold: Int

    public init(rules: [Rule], cues: MatchCues, negationWindow: Int = 5, pastWindow: Int = 6) {
        self.init(rules: rules, cues: cues, negationWindow: negationWindow, pastWindow: pastWindow,
                  longThreshold: ScalarRegex.ScalarPositions.minimumLength)
    }

    /// `longThreshold` 0 takes the long-call paths for every call, `Int.max` never (tests compare the two).
    init(rules: [Rule], cues: MatchCues, negationWindow: Int, pastWindow: Int, longThreshold: Int) {
        self.longThreshold = longThreshold
        self.rules = rules
        self.cues = cues
        self.negationWindow = negationWindow
        self.pastWindow = pastWindow
        var index: [String: Int] = [:]
        var texts: [String] = []
        var roles: [[Role]] = []
        func add(_ raw: String, _ role: Role) {
            let text = TextNormalizer.normalize(raw)
            guard !text.isEmpty else { return }
            if let i = index[text] {
                roles[i].append(role)
            } else {
                index[text] = texts.count
                texts.append(text)
                roles.append([role])
            }
        }
        for (i, rule) in rules.enumerated() {
            rule.literals.forEach { add($0, .literal(rule: i)) }
            rule.regexes.flatMap(\.prefilter).forEach { add($0, .prefilter(rule: i)) }
            (rule.contextAny + rule.contextNone).forEach { add($0, .context) }
        }
        cues.negation.forEach { add($0, .negation) }
        cues.negationBlockers.forEach { add($0, .negationBlocker) }
        cues.past.forEach { add($0, .past) }
        cues.clarification.forEach { add($0, .clarification) }
        cues.invalidNotes.forEach { add($0, .invalidNote) }
        self.patternTexts = texts
        var roleStart: [Int32] = [0], roleList: [FlatRole] = []
        for list in roles {
            for role in list {
                switch role {
                case .literal(let rule): roleList.append(FlatRole(kind: .literal, rule: Int32(rule)))
                case .prefilter(let rule): roleList.append(FlatRole(kind: .prefilter, rule: Int32(rule)))
                case .context: roleList.append(FlatRole(kind: .context, rule: -1))
                case .negation: roleList.append(FlatRole(kind: .negation, rule: -1))
                case .negationBlocker: roleList.append(FlatRole(kind: .negationBlocker, rule: -1))
                case .past: roleList.append(FlatRole(kind: .past, rule: -1))
                case .clarification: roleList.append(FlatRole(kind: .clarification, rule: -1))
                case .invalidNote: roleList.append(FlatRole(kind: .invalidNote, rule: -1))
                }
            }
            roleStart.append(Int32(roleList.count))
        }
        self.roleStart = roleStart
        self.roleList = roleList
        self.isSafety = rules.map(\.safety)
        self.isNegatable = rules.map(\.negatable)
        self.isOngoingOnly = rules.map(\.ongoingOnly)
        self.needsContext = rules.map { !$0.contextAny.isEmpty }
        self.ruleIDs = rules.map(\.id)
        self.ruleCategories = rules.map(\.category)
        self.ruleWeights = rules.map(\.weight)
        self.ruleEscalation = rules.map(\.escalation)
        self.ruleEscalationNonPolice = rules.map(\.escalationOnNonPolice)
        func indices(_ words: [String]) -> [Int] { words.compactMap { index[TextNormalizer.normalize($0)] } }
        self.contextAnyIndices = rules.map { indices($0.contextAny) }
        self.contextNoneIndices = rules.map { indices($0.contextNone) }
        var isContext = [Bool](repeating: false, count: texts.count)
        for i in (contextAnyIndices + contextNoneIndices).joined() { isContext[i] = true }
        self.isContext = isContext
        self.automaton = PatternAutomaton(patterns: texts.map { TextNormalizer.scalars($0) })
    }

    public func evaluate(_ text: String) -> Evaluation {
        let scalars = TextNormalizer.scalars(text)

        var negations: [PatternAutomaton.Match] = []
        var blockers: [PatternAutomaton.Match] = []
        var pasts: [Int] = []
        var clarificationAt: Int?
        var invalidCandidates: [PatternAutomaton.Match] = []
        // Candidate hits, literals first (in match order), then prefiltered regexes; `pattern` -1 marks a regex hit.
        // Room for a typical call from the start, so the lists are not regrown hit by hit.
        var hits: [Hit] = []
        hits.reserveCapacity(16)
        var regexTexts: [String] = []
        var prefilterRules: [Int32] = []
        prefilterRules.reserveCapacity(32)
        // Only context words are looked up later; the list stays short, so a linear search beats hashing.
        var present: [Int32] = []
        present.reserveCapacity(16)
        automaton.forEachMatch(in: scalars) { m in
            let p = m.pattern
            if isContext[p] { present.append(Int32(p)) }
            for r in Int(roleStart[p])..<Int(roleStart[p + 1]) {
                let role = roleList[r]
                switch role.kind {
                case .literal: hits.append(Hit(rule: Int(role.rule), start: m.start, end: m.end, pattern: p))
                case .prefilter: prefilterRules.append(role.rule)
                case .context: break
                case .negation: negations.append(m)
                case .negationBlocker: blockers.append(m)
                case .past: pasts.append(m.end)
                case .clarification: clarificationAt = min(clarificationAt ?? m.start, m.start)
                case .invalidNote: invalidCandidates.append(m)
                }
            }
        }
        // A long text's many context words are sorted, to be found by binary search.
        let contextSorted = present.count >= min(16, longThreshold)
        let context = contextSorted ? present.sorted() : present
        let negationEnds: [Int] = blockers.isEmpty ? negations.map(\.end) : negations.filter { n in
            !blockers.contains { $0.start <= n.start && $0.end >= n.end }
        }.map(\.end)

        if !prefilterRules.isEmpty {
            prefilterRules.sort()
            var normalizedString: String?
            var scratch = ScalarRegex.Scratch(for: scalars, indexFrom: longThreshold)
            var previous: Int32 = -1
            for rule in prefilterRules where rule != previous {
                previous = rule
                for regex in rules[Int(rule)].regexes {
                    for m in regex.matches(scalars: scalars, normalized: &normalizedString, scratch: &scratch) {
                        hits.append(Hit(rule: Int(rule), start: m.start, end: m.end, pattern: -1 - regexTexts.count))
                        regexTexts.append(m.matched)
                    }
                }
            }
        }
        // Whether a hit's own rule holds where it matched: not inside a quoted clarification, not negated, not in the
        // past, and its context words present or absent as the rule requires.
        var quotes: [Range<Int>]?
        let holds: [Bool] = hits.map { h in
            if let c = clarificationAt, h.start < c {
                if quotes == nil { quotes = quoteSpans(scalars) }
                if quotes!.contains(where: { $0.contains(h.start) }) { return false }
            }
            if isNegatable[h.rule] && cueBefore(h.start, cueEnds: negationEnds, window: negationWindow, in: scalars) { return false }
            if isOngoingOnly[h.rule] && cueBefore(h.start, cueEnds: pasts, window: pastWindow, in: scalars) { return false }
            if needsContext[h.rule]
                && !contextAnyIndices[h.rule].contains(where: { Self.contains(context, $0, sorted: contextSorted) }) {
                return false
            }
            if contextNoneIndices[h.rule].contains(where: { Self.contains(context, $0, sorted: contextSorted) }) {
                return false
            }
            return true
        }
        // Longest match wins: a hit strictly inside a longer non-danger hit of another rule means something more
        // specific and harmless was said ("猫被困" is not "被困", "打我电话" is not "打我"). Longer danger hits do not
        // swallow shorter ones, so co-occurring risk signals ("天天打" and "天天") both count.
        // A danger hit is hidden only by a longer hit whose own rule holds there. One whose context is missing, or
        // whose excluded words are present ("拿刀"), said nothing harmless, so the threat it spans must count. Such a
        // hit still hides shorter non-danger hits: a diverting rule that stands down because danger words are present
        // ("不动", "咬") must not leave a vaguer diverting rule to route the call.
        // A hit can only be spanned by one that begins at most the longest hit's length before it. With many hits
        // (a long call has thousands), they are ordered by where they begin and each looks at that window alone.
        let windowed = hits.count >= min(64, longThreshold)
        let byStart = windowed ? hits.indices.sorted { hits[$0].start < hits[$1].start } : []
        let longest = windowed ? hits.reduce(0) { max($0, $1.end - $1.start) } : 0
        var fired: [Fired] = []
        var firedRules: [Int] = []
        for (k, h) in hits.enumerated() where holds[k] && !firedRules.contains(h.rule) {
            var swallowed = false
            if windowed {
                var lo = 0, hi = byStart.count
                while lo < hi {
                    let mid = (lo + hi) >> 1
                    if hits[byStart[mid]].start < h.end - longest { lo = mid + 1 } else { hi = mid }
                }
                while !swallowed && lo < byStart.count && hits[byStart[lo]].start <= h.start {
                    swallowed = spans(hits[byStart[lo]], holds[byStart[lo]], h)
                    lo += 1
                }
            } else {
                swallowed = hits.indices.contains { spans(hits[$0], holds[$0], h) }
            }
            if swallowed { continue }
            firedRules.append(h.rule)
            fired.append(Fired(rule: h.rule, matched: h.pattern >= 0 ? patternTexts[h.pattern] : regexTexts[-1 - h.pattern]))
        }
        if fired.count > 1 { fired.sort { $0.rule < $1.rule } }

        let invalid = invalidCandidates.first { m in
            !cueBefore(m.start, cueEnds: negationEnds, window: negationWindow, in: scalars)
        }.map { patternTexts[$0.pattern] }
        return Evaluation(fired: fired, invalidNote: invalid, normalized: scalars)
    }

    @inline(__always) func isSafetyRule(_ rule: Int) -> Bool { isSafety[rule] }

    /// A cue ending at most `window` scalars before `start`, within the same clause. `cueEnds` is ascending (the
    /// automaton reports matches in order of their end), so only the ends within the window are looked at.
    private func cueBefore(_ start: Int, cueEnds: [Int], window: Int, in scalars: [UInt32]) -> Bool {
        var lo = 0, hi = cueEnds.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if cueEnds[mid] < start - window { lo = mid + 1 } else { hi = mid }
        }
        while lo < cueEnds.count && cueEnds[lo] <= start {
            if !scalars[cueEnds[lo]..<start].contains(where: TextNormalizer.isClauseBreak) { return true }
            lo += 1
        }
        return false
    }

    /// Whether `outer`, a hit whose rule holds where it matched or not (`outerHolds`), spans `hit` and says something
    /// more specific and harmless: longer, of another rule, not a danger signal.
    @inline(__always) private func spans(_ outer: Hit, _ outerHolds: Bool, _ hit: Hit) -> Bool {
        outer.rule != hit.rule && !isSafety[outer.rule] && outer.start <= hit.start && outer.end >= hit.end
            && (outer.end - outer.start) > (hit.end - hit.start) && (outerHolds || !isSafety[hit.rule])
    }

    @inline(__always) private static func contains(_ list: [Int32], _ pattern: Int, sorted: Bool) -> Bool {
        let value = Int32(pattern)
        guard sorted else { return list.contains(value) }
        var lo = 0, hi = list.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if list[mid] < value { lo = mid + 1 } else { hi = mid }
        }
        return lo < list.count && list[lo] == value
    }

    /// Spans between paired quote marks (after normalisation all quotes are " or ').
    private func quoteSpans(_ scalars: [UInt32]) -> [Range<Int>] {
        var spans: [Range<Int>] = []
        for mark: UInt32 in [0x22, 0x27] {
            var open: Int?
            for (i, v) in scalars.enumerated() where v == mark {
                if let o = open { spans.append(o..<(i + 1)); open = nil } else { open = i }
            }
        }
        return spans
    }
}
