import ArgumentParser
import FenliuDomain
import Foundation

/// Times the text stage plus the history-free decision for every call of a corpus (a benchmark, not a test).
struct BenchClassify: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-classify",
        abstract: "Time classify + decide per call over a corpus (JSONL); prints median, p90, p99 and max in µs.")

    @Argument(help: "Calls, one JSON object a line (the dev corpus format).") var corpus: String
    @Option(help: "Folder with rules, gazetteer and model.") var configDir: String = "config"
    @Option(help: "Add this many seeded synthetic literal rules (non-police categories, patterns absent from the corpus).")
    var syntheticRules: Int = 0
    @Option(help: "Timed passes over the corpus.") var iterations: Int = 200
    @Option(help: "Untimed warm-up passes over the corpus.") var warmup: Int = 20
    @Option(help: "Seed for the synthetic rules.") var seed: UInt64 = 0x46656E6C6975
    @Option(help: "Write every call's classification and decision to this file (for before/after comparison).")
    var dumpDecisions: String?

    func run() throws {
        let loaded = try Corpus.load(path: corpus)
        var engine = try DecisionEngine.load(configDirectory: configDir)
        if syntheticRules > 0 {
            engine = try Self.withSyntheticRules(engine, count: syntheticRules, seed: seed, corpus: loaded,
                                                 configDir: configDir)
        }
        let inputs = loaded.calls.map(\.input)
        guard !inputs.isEmpty else { throw ValidationError("empty corpus") }

        if let dumpDecisions {
            var out = ""
            for (call, input) in zip(loaded.calls, inputs) {
                let c = engine.classify(input)
                let d = engine.decide(input, classification: c, history: NoHistory())
                out += "\(call.id)\t\(c)\n\(call.id)\t\(d)\n"
            }
            try out.write(toFile: dumpDecisions, atomically: true, encoding: .utf8)
        }

        var sink = 0
        for _ in 0..<max(0, warmup) {
            for input in inputs { sink &+= Self.once(engine, input) }
        }
        let clock = ContinuousClock()
        var samples: [Double] = []
        samples.reserveCapacity(inputs.count * max(1, iterations))
        let wall = clock.now
        for _ in 0..<max(1, iterations) {
            for input in inputs {
                let start = clock.now
                sink &+= Self.once(engine, input)
                let elapsed = clock.now - start
                let (s, atto) = elapsed.components
                samples.append(Double(s) * 1e6 + Double(atto) / 1e12)
            }
        }
        let total = clock.now - wall
        samples.sort()
        func pct(_ p: Double) -> Double {
            samples[min(samples.count - 1, Int((p / 100 * Double(samples.count - 1)).rounded()))]
        }
        func us(_ x: Double) -> String { String(format: "%.2f", x) }
        let literalCount = engine.matcher.rules.reduce(0) { $0 + $1.literals.count }
        print("calls \(inputs.count)  rules \(engine.matcher.rules.count) (synthetic \(syntheticRules), literals \(literalCount))  "
              + "iterations \(max(1, iterations))  samples \(samples.count)")
        print("classify+decide µs: median \(us(pct(50)))  p90 \(us(pct(90)))  p99 \(us(pct(99)))  max \(us(samples.last!))  "
              + "mean \(us(samples.reduce(0, +) / Double(samples.count)))")
        print("wall \(total)  (checksum \(sink))")
    }

    /// The text stage and the history-free decision; returns something cheap that depends on the result.
    @inline(never)
    static func once(_ engine: DecisionEngine, _ input: CallInput) -> Int {
        let c = engine.classify(input)
        let d = engine.decide(input, classification: c, history: NoHistory())
        return d.reasons.count &+ (d.police ? 1 : 0) &+ d.category.rawValue.utf8.count
    }

    /// The engine with `count` extra literal rules spread over the non-police categories. Patterns are 2–4 Chinese
    /// characters drawn from the corpus's own characters (so the automaton sees realistic partial matches) but
    /// never occurring in any call text or address, nor equal to an existing pattern: the figures stay identical.
    static func withSyntheticRules(_ engine: DecisionEngine, count: Int, seed: UInt64, corpus: Corpus,
                                   configDir: String) throws -> DecisionEngine {
        var rng = SplitMix64(seed: seed)
        let texts = corpus.calls.flatMap { [$0.text, $0.address ?? ""] }.map(TextNormalizer.scalars)
        var alphabet = Set<Unicode.Scalar>()
        // Every 2–4 scalar substring of the corpus, to reject patterns that occur in it.
        var occurring = Set<[UInt32]>()
        for t in texts {
            for v in t where (0x4E00...0x9FFF).contains(v) { alphabet.insert(Unicode.Scalar(v)!) }
            for n in 2...4 where t.count >= n {
                for i in 0...(t.count - n) { occurring.insert(Array(t[i..<(i + n)])) }
            }
        }
        let characters = alphabet.sorted { $0.value < $1.value }
        guard characters.count > 10 else { throw ValidationError("corpus has too few Chinese characters") }
        var existing = Set(engine.matcher.rules.flatMap { $0.literals.map(TextNormalizer.normalize) })
        let categories = Category.allCases.filter { !$0.isPolice && $0 != .invalid }
        guard var template = engine.matcher.rules.first else { throw ValidationError("no rules to extend") }
        template.regexes = []
        template.contextAny = []
        template.contextNone = []
        template.weight = 1
        template.safety = false
        template.escalation = false
        template.escalationOnNonPolice = false
        template.negatable = false
        template.ongoingOnly = false
        template.why = "synthetic benchmark rule"
        template.file = "<synthetic>"
        template.line = nil
        var rules = engine.matcher.rules
        for i in 0..<count {
            var rule = template
            rule.id = "synthetic.\(i)"
            rule.category = categories[i % categories.count]
            rule.literals = []
            let patterns = Int.random(in: 1...5, using: &rng)
            while rule.literals.count < patterns {
                let length = Int.random(in: 2...4, using: &rng)
                var s = String.UnicodeScalarView()
                for _ in 0..<length { s.append(characters[Int.random(in: 0..<characters.count, using: &rng)]) }
                let pattern = String(s)
                if existing.contains(pattern) || occurring.contains(s.map(\.value)) { continue }
                existing.insert(pattern)
                rule.literals.append(pattern)
            }
            rules.append(rule)
        }
        let matcher = RuleMatcher(rules: rules, cues: engine.matcher.cues,
                                  negationWindow: engine.policy.negationWindow, pastWindow: engine.policy.pastWindow)
        var model: TextModel?
        let modelPath = (configDir.hasSuffix("/") ? String(configDir.dropLast()) : configDir) + "/model.json"
        if engine.model != nil, FileManager.default.fileExists(atPath: modelPath) {
            model = try TextModel.load(path: modelPath).0
        }
        return DecisionEngine(matcher: matcher, gazetteer: engine.gazetteer, boundaries: engine.boundaries, model: model,
                              policeModel: engine.policeModel, policy: engine.policy, rulesetVersion: engine.rulesetVersion)
    }
}
