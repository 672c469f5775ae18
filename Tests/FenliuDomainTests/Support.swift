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

    /// The shipped rules without the police model's veto. The look-alike tests check what the rules do; whether
    /// the deployed engine keeps a look-alike with the police is the police model's decision (PoliceModelTests,
    /// scripts/police-veto-study), and every corpus floor runs on the full `engine`.
    static let rulesEngine: DecisionEngine = {
        do {
            let dir = try copyOfConfig()
            let policy = try String(contentsOfFile: dir + "/policy.yaml", encoding: .utf8)
            try policy.replacingOccurrences(of: "police_veto:\n", with: "police_veto:\n  enabled: false\n")
                .replacingOccurrences(of: "\n  enabled: true\n  min_probability:", with: "\n  min_probability:")
                .write(toFile: dir + "/policy.yaml", atomically: true, encoding: .utf8)
            let engine = try DecisionEngine.load(configDirectory: dir)
            precondition(engine.policeModel == nil, "the rules engine must not load the police model")
            return engine
        } catch { fatalError("\(error)") }
    }()

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

/// Every text must be diverted by the rules (and not taken for a misdial).
func expectDiverted(_ texts: [String]) {
    for text in texts {
        let d = Fixture.rulesEngine.decide(CallInput(text: text))
        #expect(!d.police, "\(text) → \(d.category)")
        #expect(d.category != .invalid, "\(text) → invalid")
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
