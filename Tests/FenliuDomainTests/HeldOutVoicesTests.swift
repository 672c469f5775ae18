import Foundation
import Testing
@testable import FenliuDomain

/// Calls written for these tests in callers' own words (colloquial, traditional characters, full-width letters),
/// none of them in the dev corpus: a check that the rules generalise rather than memorise.
@Suite struct HeldOutVoicesTests {
    static var path: String {
        Bundle.module.path(forResource: "heldout-calls", ofType: "jsonl", inDirectory: "Fixtures")
            ?? Fixture.packageRoot + "/Tests/FenliuDomainTests/Fixtures/heldout-calls.jsonl"
    }

    @Test func heldOutCallsRouteCorrectly() throws {
        let corpus = try Corpus.load(path: Self.path)
        let report = Evaluator.evaluate(engine: Fixture.engine, corpus: corpus)
        print("held-out:\n" + report.text)
        #expect(report.policeRecall == 1)
        #expect(report.targetAccuracy >= 0.85)
    }
}
