import Foundation
import Testing
@testable import FenliuDomain

/// Paths and shared fixtures for the domain tests.
enum Fixture {
    static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static let configDirectory = packageRoot + "/config"

    static var corpusPath: String {
        Bundle.module.path(forResource: "dev-calls", ofType: "jsonl", inDirectory: "Fixtures")
            ?? packageRoot + "/Tests/FenliuDomainTests/Fixtures/dev-calls.jsonl"
    }

    static let engine: DecisionEngine = {
        do { return try DecisionEngine.load(configDirectory: configDirectory) } catch { fatalError("\(error)") }
    }()

    /// The shipped rules without the learned models: no police model's veto, no category model for calls no rule
    /// decided. The look-alike tests check what the rules do; whether the deployed engine keeps a look-alike with the
    /// police is the police model's decision (PoliceModelTests, scripts/police-veto-study), and every corpus floor
    /// runs on the full `engine`.
    static let rulesEngine: DecisionEngine = {
        do {
            let dir = try copyOfConfig()
            try setPolicy(in: dir, block: "police_veto", key: "enabled", to: "false")
            try setPolicy(in: dir, block: "model", key: "enabled", to: "false")
            let engine = try DecisionEngine.load(configDirectory: dir)
            precondition(engine.policeModel == nil && engine.model == nil, "the rules engine must not load a model")
            return engine
        } catch { fatalError("\(error)") }
    }()

    /// Sets `key` inside the top-level `block` of DIR/policy.yaml, replacing the line that sets it if there is one.
    static func setPolicy(in dir: String, block: String, key: String, to value: String) throws {
        var lines = try String(contentsOfFile: dir + "/policy.yaml", encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let start = lines.firstIndex(of: block + ":") else {
            lines.append(contentsOf: [block + ":", "  \(key): \(value)"])
            return try lines.joined(separator: "\n").write(toFile: dir + "/policy.yaml", atomically: true, encoding: .utf8)
        }
        var end = start + 1
        while end < lines.count, lines[end].hasPrefix(" ") { end += 1 }
        if let i = lines[(start + 1)..<end].firstIndex(where: { $0.hasPrefix("  \(key):") }) {
            lines[i] = "  \(key): \(value)"
        } else {
            lines.insert("  \(key): \(value)", at: start + 1)
        }
        try lines.joined(separator: "\n").write(toFile: dir + "/policy.yaml", atomically: true, encoding: .utf8)
    }

    /// Every labelled call in the test fixtures, files in name order, a text that occurs twice counted once: what
    /// both shipped models are trained on.
    static func allLabelledCalls() throws -> [Corpus.Call] {
        let fixtures = packageRoot + "/Tests/FenliuDomainTests/Fixtures"
        let files = try FileManager.default.contentsOfDirectory(atPath: fixtures).filter { $0.hasSuffix(".jsonl") }
        return try Corpus.loadDistinct(paths: files.map { fixtures + "/" + $0 }).calls
    }

    static func tempDirectory() -> String {
        let dir = NSTemporaryDirectory() + "fenliu-domain-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    /// A copy of the shipped config in a temporary folder, for tests that change one file.
    static func copyOfConfig() throws -> String {
        let dir = tempDirectory()
        for name in try FileManager.default.contentsOfDirectory(atPath: configDirectory) {
            try FileManager.default.copyItem(atPath: configDirectory + "/" + name, toPath: dir + "/" + name)
        }
        return dir
    }
}

/// Every text must stay with the police (and in `category`, when given).
func expectPolice(_ texts: [String], _ category: Category? = nil) {
    for text in texts {
        let d = Fixture.engine.decide(CallInput(text: text))
        #expect(d.police, "\(text) → \(d.category)")
        #expect(d.target == .police, "\(text) → \(d.target)")
        if let category { #expect(d.category == category, "\(text) → \(d.category)") }
    }
}

/// Every text must stay with the police with the shipped engine and with the rules alone (no veto, no category
/// model), and by a rule that fired, not by the safety default (and in `category`, when given).
func expectPoliceByRules(_ texts: [String], _ category: Category? = nil) {
    expectPolice(texts, category)
    for text in texts {
        let d = Fixture.rulesEngine.decide(CallInput(text: text))
        #expect(d.police, "\(text) → \(d.category)")
        #expect(!d.reasons.contains { $0.rule == "policy:no_rule" }, "\(text): police only by default")
        if let category { #expect(d.category == category, "\(text) → \(d.category)") }
    }
}

/// Every text must be diverted by the rules (and not taken for a misdial).
func expectDiverted(_ texts: [String]) {
    for text in texts {
        let d = Fixture.rulesEngine.decide(CallInput(text: text))
        #expect(!d.police, "\(text) → \(d.category)")
        #expect(d.category != .invalid, "\(text) → invalid")
    }
}

/// Every text is diverted by the rules (not as a misdial) and by the shipped engine (whose police model may veto a
/// diversion), and the rules put it in `category`.
func expectDivertedInCategory(_ texts: [String], _ category: FenliuDomain.Category) {
    expectDiverted(texts)
    for text in texts {
        let shipped = Fixture.engine.decide(CallInput(text: text))
        #expect(!shipped.police, "\(text) → \(shipped.category) (shipped)")
        let rules = Fixture.rulesEngine.decide(CallInput(text: text))
        #expect(rules.category == category, "\(text) → \(rules.category)")
    }
}

/// A labelled corpus never diverts a police matter and keeps its accuracy floors.
func expectCorpus(_ name: String, atLeast calls: Int, targetAccuracy: Double, townshipAccuracy: Double) throws {
    let corpus = try Corpus.load(path: UnseenVoicesTests.fixture(name))
    #expect(corpus.calls.count >= calls)
    let report = Evaluator.evaluate(engine: Fixture.engine, corpus: corpus)
    #expect(report.policeRecall == 1, "a police matter was diverted: \(report.misses)")
    #expect(report.targetAccuracy >= targetAccuracy, "\(name): \(report.misses)")
    #expect(report.townshipAccuracy >= townshipAccuracy)
}
