import Foundation
import Testing
@testable import FenliuDomain

/// Opt-in printout of decisions for ad-hoc texts: FENLIU_DEBUG_TEXTS="文本一|文本二" swift test --filter DebugPrint
@Suite struct DebugPrint {
    @Test func printReasons() {
        guard let texts = ProcessInfo.processInfo.environment["FENLIU_DEBUG_TEXTS"] else { return }
        for text in texts.split(separator: "|") {
            let d = Fixture.engine.decide(CallInput(text: String(text)))
            print("DEBUG", text, d.category, d.target, d.reasons.map { "\($0.rule)=\($0.matched)" })
        }
    }
}

/// Opt-in timing printout (FENLIU_BENCH=1); no timing assertions.
@Suite struct ClassifyTiming {
    @Test func printMedianClassifyTime() throws {
        guard ProcessInfo.processInfo.environment["FENLIU_BENCH"] == "1" else { return }
        let calls = try Corpus.load(path: Fixture.corpusPath).calls.map(\.input)
        let engine = Fixture.engine
        var samples: [Double] = []
        for _ in 0..<20 {
            for call in calls {
                let start = DispatchTime.now().uptimeNanoseconds
                _ = engine.classify(call)
                samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1000)
            }
        }
        samples.sort()
        print("BENCH classify median \(samples[samples.count / 2]) µs, p90 \(samples[samples.count * 9 / 10]) µs")
    }
}

/// Opt-in (FENLIU_LOO=1): leave-one-out accuracy of the naive Bayes model alone, an honest figure for a model
/// that is shipped trained on the very corpus it would otherwise be scored on.
@Suite struct ModelLeaveOneOut {
    @Test func printLeaveOneOutAccuracy() throws {
        guard ProcessInfo.processInfo.environment["FENLIU_LOO"] == "1" else { return }
        let calls = try Corpus.load(path: Fixture.corpusPath).calls
        var right = 0, policeRight = 0
        for (i, call) in calls.enumerated() {
            var rest = calls
            rest.remove(at: i)
            guard let p = CompiledTextModel(ModelTrainer.train(corpus: Corpus(calls: rest))).predict(call.text) else { continue }
            if p.category == call.label.category { right += 1 }
            if p.category.isPolice == call.label.police { policeRight += 1 }
        }
        print("LOO model category accuracy \(Double(right) / Double(calls.count)), police/non-police \(Double(policeRight) / Double(calls.count))")
    }
}
