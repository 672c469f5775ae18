import Foundation
import Testing
@testable import FenliuDomain

@Suite struct CorpusQualityTests {
    @Test func devCorpusMeetsTheQualityFloors() throws {
        let corpus = try Corpus.load(path: Fixture.corpusPath)
        #expect(corpus.calls.count == 208)
        let report = Evaluator.evaluate(engine: Fixture.engine, corpus: corpus)
        print(report.text)
        #expect(report.policeRecall >= 0.995)
        #expect(report.diversionRecall >= 0.90)
        #expect(report.targetAccuracy >= 0.90)
        #expect(report.townshipAccuracy >= 0.97)
        let json = try JSONSerialization.jsonObject(with: report.jsonBytes()) as? [String: Any]
        #expect(json?["police_recall"] as? Double == report.policeRecall)
        #expect(json?["ruleset_version"] as? String == report.rulesetVersion)
        #expect(json?.keys.contains("policeRecall") == false)
    }

    /// The rules and gazetteer alone (model disabled) must already keep every police call.
    @Test func rulesAloneKeepPoliceCalls() throws {
        let dir = try Fixture.copyOfConfig()
        try FileManager.default.removeItem(atPath: dir + "/model.json")
        let engine = try DecisionEngine.load(configDirectory: dir)
        let report = Evaluator.evaluate(engine: engine, corpus: try Corpus.load(path: Fixture.corpusPath))
        print("rules only:\n" + report.text)
        #expect(report.policeRecall >= 0.995)
    }
}
