import Foundation
import Testing
@testable import FenliuDomain

@Suite struct ConfigTests {
    private func writeRules(_ yaml: String) throws -> String {
        let dir = Fixture.tempDirectory()
        let path = dir + "/bad.yaml"
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func unknownCategoryNamesFileAndLine() throws {
        let path = try writeRules("""
        rules:
          - id: ok.rule
            category: noise
            patterns: [噪音]
          - id: bad.rule
            category: nosie
            patterns: [吵]
        """)
        do {
            _ = try RuleSetLoader.load(path: path)
            Issue.record("expected an error")
        } catch let error as DomainConfigError {
            #expect(error.file == path)
            #expect(error.line == 6)
            #expect(error.description.contains("nosie"))
        }
    }

    @Test func syntaxErrorNamesFileAndLine() throws {
        let path = try writeRules("rules:\n  - id: x\n    patterns: [a, b\n    category: noise\n")
        let error = try #require(throws: DomainConfigError.self) { try RuleSetLoader.load(path: path) }
        #expect(error.file == path)
        #expect(error.line != nil)
    }

    @Test func unknownKeyIsRejected() throws {
        let path = try writeRules("rules:\n  - id: x\n    category: noise\n    patterns: [吵]\n    contxt_any: [夜]\n")
        let error = try #require(throws: DomainConfigError.self) { try RuleSetLoader.load(path: path) }
        #expect(error.line == 5)
    }

    @Test func safetyRuleMustBePolice() throws {
        let path = try writeRules("rules:\n  - id: x\n    category: noise\n    safety: true\n    patterns: [吵]\n")
        #expect(throws: DomainConfigError.self) { try RuleSetLoader.load(path: path) }
    }

    @Test func rulesOverrideChangesBehaviourAndVersion() throws {
        let path = try writeRules("""
        rules:
          - id: only.noise
            category: noise
            patterns: [路灯]
            why: test override
        """)
        let engine = try DecisionEngine.load(configDirectory: Fixture.configDirectory, rulesPath: path)
        #expect(engine.rulesetVersion != Fixture.engine.rulesetVersion)
        #expect(engine.rulesetVersion.count == 16)
        #expect(engine.decide(CallInput(text: "路灯不亮")).category == .noise)
    }

    @Test func versionIsStableAcrossLoads() throws {
        let again = try DecisionEngine.load(configDirectory: Fixture.configDirectory)
        #expect(again.rulesetVersion == Fixture.engine.rulesetVersion)
    }

    @Test func badPolicyValueNamesFile() throws {
        let dir = try Fixture.copyOfConfig()
        try "divert_min_confidence: 1.5\n".write(toFile: dir + "/policy.yaml", atomically: true, encoding: .utf8)
        let error = try #require(throws: DomainConfigError.self) { try DecisionEngine.load(configDirectory: dir) }
        #expect(error.file.hasSuffix("policy.yaml"))
    }
}
