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

    public let rules: [Rule]
    public let cues: MatchCues
    let negationWindow: Int
    let pastWindow: Int
    private let automaton: PatternAutomaton
    private let patternTexts: [String]
    private let roles: [[Role]]
    /// Per rule, the automaton pattern indices of its context words (resolved once, not per call).
    private let contextAnyIndices: [[Int]]
    private let contextNoneIndices: [[Int]]

    public init(rules: [Rule], cues: MatchCues, negationWindow: Int = 5, pastWindow: Int = 6) {
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
        self.roles = roles
        func indices(_ words: [String]) -> [Int] { words.compactMap { index[TextNormalizer.normalize($0)] } }
        self.contextAnyIndices = rules.map { indices($0.contextAny) }
        self.contextNoneIndices = rules.map { indices($0.contextNone) }
        self.automaton = PatternAutomaton(patterns: texts.map { TextNormalizer.scalars($0) })
    }

    public func evaluate(_ text: String) -> Evaluation {
        let scalars = TextNormalizer.scalars(text)
        let matches = automaton.matches(in: scalars)

        var negations: [PatternAutomaton.Match] = []
        var blockers: [PatternAutomaton.Match] = []
        var pasts: [Int] = []
        var clarificationAt: Int?
        var invalidCandidates: [PatternAutomaton.Match] = []
        var literalHits: [(rule: Int, match: PatternAutomaton.Match)] = []
        var prefilterRules = Set<Int>()
        var present = Set<Int>()
        for m in matches {
            present.insert(m.pattern)
            for role in roles[m.pattern] {
                switch role {
                case .literal(let rule): literalHits.append((rule, m))
                case .prefilter(let rule): prefilterRules.insert(rule)
                case .context: break
                case .negation: negations.append(m)
                case .negationBlocker: blockers.append(m)
                case .past: pasts.append(m.end)
                case .clarification: clarificationAt = min(clarificationAt ?? m.start, m.start)
                case .invalidNote: invalidCandidates.append(m)
                }
            }
        }
        let negationEnds = negations.filter { n in
            !blockers.contains { $0.start <= n.start && $0.end >= n.end }
        }.map(\.end)
        let quotes = quoteSpans(scalars)

        // Collect (rule, start, end, text) candidates, literals first, then prefiltered regexes.
        var hits: [(rule: Int, start: Int, end: Int, text: String)] = literalHits.map {
            ($0.rule, $0.match.start, $0.match.end, patternTexts[$0.match.pattern])
        }
        if !prefilterRules.isEmpty {
            let normalizedString = String(String.UnicodeScalarView(scalars.compactMap(Unicode.Scalar.init)))
            for rule in prefilterRules.sorted() {
                for regex in rules[rule].regexes {
                    for m in regex.matches(in: normalizedString) { hits.append((rule, m.start, m.end, m.matched)) }
                }
            }
        }
        // Longest match wins: a hit strictly inside a longer non-danger hit of another rule means something more
        // specific and harmless was said ("猫被困" is not "被困", "打我电话" is not "打我"). Longer danger hits do not
        // swallow shorter ones, so co-occurring risk signals ("天天打" and "天天") both count.
        let kept = hits.filter { h in
            !hits.contains { o in
                o.rule != h.rule && !rules[o.rule].safety && o.start <= h.start && o.end >= h.end
                    && (o.end - o.start) > (h.end - h.start)
            }
        }
        var fired: [Fired] = []
        var firedRules = Set<Int>()
        for hit in kept where !firedRules.contains(hit.rule) {
            let rule = rules[hit.rule]
            if let c = clarificationAt, hit.start < c, quotes.contains(where: { $0.contains(hit.start) }) { continue }
            if rule.negatable && cueBefore(hit.start, cueEnds: negationEnds, window: negationWindow, in: scalars) { continue }
            if rule.ongoingOnly && cueBefore(hit.start, cueEnds: pasts, window: pastWindow, in: scalars) { continue }
            if !rule.contextAny.isEmpty && !contextAnyIndices[hit.rule].contains(where: present.contains) { continue }
            if contextNoneIndices[hit.rule].contains(where: present.contains) { continue }
            firedRules.insert(hit.rule)
            fired.append(Fired(rule: hit.rule, matched: hit.text))
        }
        fired.sort { $0.rule < $1.rule }

        let invalid = invalidCandidates.first { m in
            !cueBefore(m.start, cueEnds: negationEnds, window: negationWindow, in: scalars)
        }.map { patternTexts[$0.pattern] }
        return Evaluation(fired: fired, invalidNote: invalid, normalized: scalars)
    }

    /// A cue ending at most `window` scalars before `start`, within the same clause.
    private func cueBefore(_ start: Int, cueEnds: [Int], window: Int, in scalars: [UInt32]) -> Bool {
        cueEnds.contains { end in
            end <= start && start - end <= window && !scalars[end..<start].contains(where: TextNormalizer.isClauseBreak)
        }
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
