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

    /// A longer harmless match hides a danger word inside it ("树要砍掉" is not the threat "要砍"), but only when its own
    /// rule holds there: a match whose context is missing, or whose excluded words are present, said nothing harmless.
    /// (That such a match still hides shorter diverting matches is checked by RedTeam7Tests and RedTeam9Tests.)
    @Test func aLongerMatchHidesADangerWordOnlyWhenItsOwnRuleHolds() throws {
        let path = try writeRules("""
        rules:
          - id: t.threat
            category: violence
            safety: true
            patterns: [要砍]
          - id: t.tree
            category: property_neighbor
            patterns: [树要砍掉]
            context_any: [物业, 绿化]
            context_none: [拿刀]
          - id: t.setting
            category: property_neighbor
            patterns: [小区]
        """)
        let engine = try DecisionEngine.load(configDirectory: Fixture.configDirectory, rulesPath: path)
        func fired(_ text: String) -> [String] { engine.decide(CallInput(text: text)).reasons.map(\.rule) }

        let felled = fired("物业说小区门口那棵树要砍掉")
        #expect(felled.contains("t.tree") && !felled.contains("t.threat"))
        #expect(!engine.decide(CallInput(text: "物业说小区门口那棵树要砍掉")).police)
        // No context word: the tree rule does not hold, so the threat inside its match is not hidden.
        let noContext = fired("邻居说小区门口那棵树要砍掉")
        #expect(noContext.contains("t.threat") && !noContext.contains("t.tree"))
        #expect(engine.decide(CallInput(text: "邻居说小区门口那棵树要砍掉")).police)
        // An excluded word present: the same.
        let excluded = fired("物业的人拿刀说小区那棵树要砍掉")
        #expect(excluded.contains("t.threat") && !excluded.contains("t.tree"))
        #expect(engine.decide(CallInput(text: "物业的人拿刀说小区那棵树要砍掉")).police)
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

    @Test func duplicatePlaceSettingsAreReadAndBounded() throws {
        #expect(Fixture.engine.policy.duplicateSamePlaceMinSimilarity == 0.25)
        #expect(Fixture.engine.policy.duplicateSamePlaceMeters == 150)
        let dir = try Fixture.copyOfConfig()
        for (block, message) in [("same_place_meters: -1", "same_place_meters"),
                                 ("same_place_min_similarity: 1.2", "same_place_min_similarity")] {
            try "duplicate:\n  \(block)\n".write(toFile: dir + "/policy.yaml", atomically: true, encoding: .utf8)
            let error = try #require(throws: DomainConfigError.self) { try DecisionEngine.load(configDirectory: dir) }
            #expect(error.message.contains(message))
        }
        try "duplicate:\n  same_place_meters: 40\n  same_place_min_similarity: 0.4\n".write(
            toFile: dir + "/policy.yaml", atomically: true, encoding: .utf8)
        let tuned = try DecisionEngine.load(configDirectory: dir).policy
        #expect(tuned.duplicateSamePlaceMeters == 40 && tuned.duplicateSamePlaceMinSimilarity == 0.4)
    }
}
