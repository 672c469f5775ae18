import Foundation
import Testing
@testable import FenliuDomain

@Suite struct ModelTrainerTests {
    @Test func trainingIsDeterministic() throws {
        let corpus = try Corpus.load(path: Fixture.corpusPath)
        let a = try ModelTrainer.train(corpus: corpus).jsonData()
        let b = try ModelTrainer.train(corpus: Corpus(calls: corpus.calls.reversed())).jsonData()
        #expect(a == b)
    }

    /// config/model.json is exactly what training on every labelled corpus in the test fixtures produces, as for the
    /// police model. Regenerate after adding a corpus: `fenliu train Tests/FenliuDomainTests/Fixtures/*.jsonl`
    /// (or FENLIU_WRITE_MODEL=1 swift test --filter ModelTrainerTests).
    @Test func shippedModelMatchesTraining() throws {
        let data = try ModelTrainer.train(corpus: Corpus(calls: Fixture.allLabelledCalls())).jsonData()
        let path = Fixture.configDirectory + "/model.json"
        if ProcessInfo.processInfo.environment["FENLIU_WRITE_MODEL"] == "1" {
            try data.write(to: URL(fileURLWithPath: path))
        }
        #expect(FileManager.default.contents(atPath: path) == data)
    }

    @Test func modelPredictsTrainingExamples() throws {
        let corpus = try Corpus.load(path: Fixture.corpusPath)
        let model = ModelTrainer.train(corpus: corpus)
        let prediction = try #require(model.predict("来电咨询居住证办理流程及所需材料"))
        #expect(prediction.category == .consultation)
        #expect(prediction.probability > 0.5 && prediction.probability <= 1)
    }
}
