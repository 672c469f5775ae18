import Foundation

/// Quality figures of an engine on a labelled corpus.
public struct EvaluationReport: Sendable, Codable {
    public struct Miss: Sendable, Codable {
        public var id: String
        public var expected: String
        public var actual: String
    }

    public var calls: Int
    public var policeRecall: Double
    public var diversionRecall: Double
    public var diversionPrecision: Double
    public var targetAccuracy: Double
    /// Share of calls whose category is the labelled one (the target can be right with the wrong category).
    public var categoryAccuracy: Double
    public var townshipAccuracy: Double
    public var escalationPrecision: Double
    public var escalationRecall: Double
    /// expected category → predicted category → count
    public var confusion: [String: [String: Int]]
    public var misses: [Miss]
    public var rulesetVersion: String

    // snake_case like every other JSON Fenliu writes; scripts read these names.
    enum CodingKeys: String, CodingKey {
        case calls
        case policeRecall = "police_recall"
        case diversionRecall = "diversion_recall"
        case diversionPrecision = "diversion_precision"
        case targetAccuracy = "target_accuracy"
        case categoryAccuracy = "category_accuracy"
        case townshipAccuracy = "township_accuracy"
        case escalationPrecision = "escalation_precision"
        case escalationRecall = "escalation_recall"
        case confusion, misses
        case rulesetVersion = "ruleset_version"
    }

    public func jsonBytes() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        return try encoder.encode(self)
    }

    public var text: String {
        func pct(_ x: Double) -> String { String(format: "%.3f", x) }
        var lines = [
            "calls                 \(calls)   ruleset \(rulesetVersion)",
            "police recall         \(pct(policeRecall))",
            "diversion recall      \(pct(diversionRecall))",
            "diversion precision   \(pct(diversionPrecision))",
            "exact target accuracy \(pct(targetAccuracy))",
            "category accuracy     \(pct(categoryAccuracy))",
            "township accuracy     \(pct(townshipAccuracy))",
            "escalation precision  \(pct(escalationPrecision))",
            "escalation recall     \(pct(escalationRecall))",
            "",
            "confusion (expected → predicted: count)",
        ]
        for expected in confusion.keys.sorted() {
            let row = confusion[expected]!.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            lines.append("  \(expected.padding(toLength: 18, withPad: " ", startingAt: 0)) \(row)")
        }
        if !misses.isEmpty {
            lines.append("")
            lines.append("target misses")
            for m in misses { lines.append("  \(m.id): expected \(m.expected), got \(m.actual)") }
        }
        return lines.joined(separator: "\n")
    }
}

public enum Evaluator {
    public static func evaluate(engine: DecisionEngine, corpus: Corpus) -> EvaluationReport {
        var policeTotal = 0, policeKept = 0
        var divertTotal = 0, divertHit = 0, divertPredicted = 0, divertPredictedRight = 0
        var exact = 0, townshipTotal = 0, townshipRight = 0, categoryRight = 0
        var escTP = 0, escFP = 0, escFN = 0
        var confusion: [String: [String: Int]] = [:]
        var misses: [EvaluationReport.Miss] = []
        func diverted(_ t: Target) -> Bool { t == .township || t == .hotline12345 }
        for call in corpus.calls {
            let d = engine.decide(call.input)
            let label = call.label
            if label.police { policeTotal += 1; if d.target == .police { policeKept += 1 } }
            if diverted(label.target) { divertTotal += 1; if diverted(d.target) { divertHit += 1 } }
            if diverted(d.target) { divertPredicted += 1; if diverted(label.target) { divertPredictedRight += 1 } }
            let sameTarget = d.target == label.target && (label.target != .township || d.township == label.township)
            if sameTarget { exact += 1 } else {
                misses.append(.init(id: call.id, expected: "\(label.target.rawValue) \(label.township ?? "")/\(label.category.rawValue)",
                                    actual: "\(d.target.rawValue) \(d.township ?? "")/\(d.category.rawValue)"))
            }
            if let t = label.township { townshipTotal += 1; if d.township == t { townshipRight += 1 } }
            switch (label.escalation, d.risk.escalation) {
            case (true, true): escTP += 1
            case (false, true): escFP += 1
            case (true, false): escFN += 1
            default: break
            }
            confusion[label.category.rawValue, default: [:]][d.category.rawValue, default: 0] += 1
            if d.category == label.category { categoryRight += 1 }
        }
        func ratio(_ a: Int, _ b: Int) -> Double { b == 0 ? 1 : Double(a) / Double(b) }
        return EvaluationReport(
            calls: corpus.calls.count, policeRecall: ratio(policeKept, policeTotal),
            diversionRecall: ratio(divertHit, divertTotal), diversionPrecision: ratio(divertPredictedRight, divertPredicted),
            targetAccuracy: ratio(exact, corpus.calls.count), categoryAccuracy: ratio(categoryRight, corpus.calls.count),
            townshipAccuracy: ratio(townshipRight, townshipTotal),
            escalationPrecision: ratio(escTP, escTP + escFP), escalationRecall: ratio(escTP, escTP + escFN),
            confusion: confusion, misses: misses, rulesetVersion: engine.rulesetVersion)
    }
}
