import Foundation

/// Place names of Yiwu's 14 townships, resolved by longest match. A name listed under two townships is
/// ambiguous and never guessed.
public struct Gazetteer: Sendable {
    public struct Township: Sendable {
        public var name: String
        public var names: [String]
    }

    public struct Resolution: Sendable, Equatable {
        public var township: String?
        /// The place names that decided (or made ambiguous) the resolution.
        public var matched: [String]
        public var ambiguous: Bool
    }

    private enum Role: Sendable { case place(Set<Int>), blocker, residence }

    public let townships: [Township]
    private let automaton: PatternAutomaton
    private let texts: [String]
    private let roles: [Role]
    // The place must follow the cue directly ("住在后宅"), or the cue belongs to another phrase.
    let residenceWindow = 0

    public init(townships: [Township], nonPlaceWords: [String], residenceCues: [String]) {
        self.townships = townships
        var owners: [String: Set<Int>] = [:]
        for (i, t) in townships.enumerated() {
            for name in [t.name] + t.names {
                let n = TextNormalizer.normalize(name)
                if !n.isEmpty { owners[n, default: []].insert(i) }
            }
        }
        var texts: [String] = []
        var roles: [Role] = []
        for (name, set) in owners.sorted(by: { $0.key < $1.key }) {
            texts.append(name)
            roles.append(.place(set))
        }
        for word in nonPlaceWords.map(TextNormalizer.normalize) where owners[word] == nil && !word.isEmpty {
            texts.append(word)
            roles.append(.blocker)
        }
        for cue in residenceCues.map(TextNormalizer.normalize) where !cue.isEmpty {
            texts.append(cue)
            roles.append(.residence)
        }
        self.texts = texts
        self.roles = roles
        self.automaton = PatternAutomaton(patterns: texts.map { TextNormalizer.scalars($0) })
    }

    public func canonicalName(_ name: String) -> String? {
        let n = TextNormalizer.normalize(name)
        return townships.first { t in ([t.name] + t.names).contains { TextNormalizer.normalize($0) == n } }?.name
    }

    public func resolve(_ text: String) -> Resolution {
        resolve(scalars: TextNormalizer.scalars(text))
    }

    public func resolve(scalars: [UInt32]) -> Resolution {
        let matches = automaton.matches(in: scalars)
        let residenceEnds = matches.filter { if case .residence = roles[$0.pattern] { true } else { false } }.map(\.end)
        // Longest match wins; blockers ("福田汽车") are non-place words that swallow the short name inside them.
        let spans = matches.filter { if case .residence = roles[$0.pattern] { false } else { true } }
        let kept = spans.filter { m in
            !spans.contains { o in o.start <= m.start && o.end >= m.end && (o.end - o.start) > (m.end - m.start) }
        }
        var places: [(owners: Set<Int>, name: String, residence: Bool)] = []
        for m in kept {
            guard case .place(let owners) = roles[m.pattern] else { continue }
            let residence = residenceEnds.contains { $0 <= m.start && m.start - $0 <= residenceWindow }
            places.append((owners, texts[m.pattern], residence))
        }
        // Where the caller lives is background when another place (the work site, the incident) is named.
        let nonResidence = places.filter { !$0.residence }
        if !nonResidence.isEmpty { places = nonResidence }
        guard !places.isEmpty else { return Resolution(township: nil, matched: [], ambiguous: false) }
        var candidates = places[0].owners
        for p in places.dropFirst() { candidates.formIntersection(p.owners) }
        let names = places.map(\.name)
        if candidates.count == 1, let only = candidates.first {
            return Resolution(township: townships[only].name, matched: names, ambiguous: false)
        }
        return Resolution(township: nil, matched: names, ambiguous: true)
    }
}
