import Foundation
import Testing
@testable import FenliuDomain

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
