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
