import Foundation
import Testing
@testable import FenliuDomain

/// The police model: a second opinion that can keep a call the rules would divert with the police, never the reverse.
@Suite struct PoliceModelTests {
    static let examples: [(text: String, police: Bool)] = [
        ("有人拿刀在楼道里追人", true),
        ("两个人打起来了，头上流血", true),
        ("门被人撬了，家里东西被偷", true),
        ("楼上装修噪音太大", false),
        ("路灯坏了好几天", false),
        ("想咨询一下居住证怎么办", false),
    ]

    @Test func trainingIsDeterministicAndCountsDocumentsOnce() {
        let a = PoliceModel.train(Self.examples, id: "t")
        let b = PoliceModel.train(Self.examples.reversed(), id: "t")
        #expect(a.tsv() == b.tsv())
        #expect(a.documents == (notPolice: 3, police: 3))
        // "刀" occurs once in one police call; a gram repeated inside one call still counts one document.
        #expect(a.features["刀"]! == (notPolice: 0, police: 1))
        let repeated = PoliceModel.train([("刀刀刀", true), ("灯", false)], id: "t")
        #expect(repeated.features["刀"]! == (notPolice: 0, police: 1))
        #expect(repeated.features["刀刀"]! == (notPolice: 0, police: 1))
    }

    @Test func fileFormatRoundTrips() throws {
        let model = PoliceModel.train(Self.examples, id: "round-trip")
        let parsed = try PoliceModel.parse(model.tsv(), file: "m.tsv")
        #expect(parsed == model)
        #expect(parsed.tsv() == model.tsv())
    }

    @Test(arguments: [
        ("alpha\t0.5\ndocuments\t1\t1\n", "missing id"),
        ("id\tx\nalpha\t-1\ndocuments\t1\t1\n", "line 2"),
        ("id\tx\nalpha\t0.5\ndocuments\t0\t1\n", "line 3"),
        ("id\tx\nalpha\t0.5\ndocuments\t1\t1\ng\t刀,\t0\t1\n", "line 4"),
        ("id\tx\nalpha\t0.5\ndocuments\t1\t1\ng\t四个字符\t0\t1\n", "line 4"),
        ("id\tx\nalpha\t0.5\ndocuments\t1\t1\ng\t刀\t0\t0\n", "line 4"),
        ("id\tx\nalpha\t0.5\ndocuments\t1\t1\ng\t刀\t0\t1\ng\t刀\t1\t1\n", "listed twice"),
        ("id\tx\nalpha\t0.5\ndocuments\t1\t1\nweights\t1\n", "line 4"),
    ])
    func malformedFilesAreRefusedByLine(text: String, expected: String) {
        let error = #expect(throws: DomainConfigError.self) { try PoliceModel.parse(text, file: "bad.tsv") }
        #expect(error?.file == "bad.tsv")
        #expect(error.map { "\($0)".contains(expected) } == true, "\(String(describing: error))")
    }

    /// The engine builds its table straight from the file; it must read exactly what the model says.
    @Test func theFileLoaderAndTheModelAgree() throws {
        let path = Fixture.configDirectory + "/police-model.tsv"
        let (direct, _) = try CompiledPoliceModel.load(path: path)
        let viaModel = CompiledPoliceModel(try PoliceModel.load(path: path).0)
        #expect(direct.id == "police-nb-v1")
        for text in ["有人拿刀在楼道里追人", "楼上漏水", "路灯坏了好几天没人修", "孩子放学没回家，电话手表也打不通", "xyz"] {
            #expect(abs(direct.policeProbability(text) - viaModel.policeProbability(text)) < 1e-12, "\(text)")
        }
        let dir = Fixture.tempDirectory()
        try "id\tx\nalpha\t0.5\ndocuments\t1\t1\ng\t刀\t0\t1\ng\t刀\t1\t1\n".write(toFile: dir + "/m.tsv", atomically: true, encoding: .utf8)
        let error = #expect(throws: DomainConfigError.self) { try CompiledPoliceModel.load(path: dir + "/m.tsv") }
        #expect(error.map { "\($0)".contains("line 5: n-gram listed twice") } == true)
    }

    @Test func probabilityFollowsTheEvidence() {
        let compiled = CompiledPoliceModel(PoliceModel.train(Self.examples, id: "t"))
        let knife = compiled.policeProbability("他拿着刀追人")
        let lamp = compiled.policeProbability("路灯坏了")
        #expect(knife > 0.5 && knife < 1)
        #expect(lamp < 0.5 && lamp > 0)
        // No known n-gram: the prior (4 of 8 with add-one smoothing) decides.
        #expect(abs(compiled.policeProbability("xyz") - 0.5) < 1e-9)
        // Full-width and upper-case input reads as its normalised form.
        #expect(compiled.policeProbability("路灯坏了ＡＢ") == compiled.policeProbability("路灯坏了ab"))
    }

    /// config/police-model.tsv is exactly what training on every labelled corpus in the test fixtures produces.
    /// Regenerate after adding a corpus: `fenliu train-police-model Tests/FenliuDomainTests/Fixtures/*.jsonl`
    /// (or FENLIU_WRITE_MODEL=1 swift test --filter PoliceModelTests).
    @Test func shippedModelMatchesTraining() throws {
        let examples = try Fixture.allLabelledCalls().map { (text: $0.text, police: $0.label.police) }
        let text = PoliceModel.train(examples, id: "police-nb-v1").tsv()
        let path = Fixture.configDirectory + "/police-model.tsv"
        if ProcessInfo.processInfo.environment["FENLIU_WRITE_MODEL"] == "1" {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        #expect(FileManager.default.contents(atPath: path) == Data(text.utf8))
    }

    // MARK: - The veto in the engine

    /// The shipped config with a police model that reads every "水管" call as police.
    static func engine(minProbability: Double? = nil, enabled: Bool = true) throws -> DecisionEngine {
        let dir = try Fixture.copyOfConfig()
        let model = PoliceModel.train([("水管爆了有人受伤", true), ("水管漏水", true), ("路灯不亮", false)], id: "test-veto")
        try model.tsv().write(toFile: dir + "/police-model.tsv", atomically: true, encoding: .utf8)
        // The shipped policy without its police_veto block, then the block this test wants.
        var kept: [Substring] = []
        var inVetoBlock = false
        for line in try String(contentsOfFile: dir + "/policy.yaml", encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("police_veto:") { inVetoBlock = true; continue }
            if inVetoBlock && (line.hasPrefix(" ") || line.hasPrefix("#")) { continue }
            inVetoBlock = false
            kept.append(line)
        }
        let policy = kept.joined(separator: "\n")
            + "\npolice_veto:\n  enabled: \(enabled)\n  min_probability: \(minProbability ?? 0.8)\n"
        try policy.write(toFile: dir + "/policy.yaml", atomically: true, encoding: .utf8)
        return try DecisionEngine.load(configDirectory: dir)
    }

    @Test func aDiversionTheModelReadsAsPoliceStaysWithThePolice() throws {
        let text = "楼上水管爆了，水漏到我家，物业不管"
        #expect(!Fixture.engine.decide(CallInput(text: text)).police, "the shipped rules divert this call")
        let d = try Self.engine().decide(CallInput(text: text))
        #expect(d.police)
        #expect(d.target == .police)
        let reason = try #require(d.reasons.first { $0.rule == "model:test-veto" })
        #expect(reason.matched.hasSuffix("kept from property_neighbor"), "\(reason.matched)")
        #expect(reason.matched.hasPrefix("police 0."))
    }

    @Test func belowTheThresholdOrDisabledTheRulesDecide() throws {
        let text = "楼上水管爆了，水漏到我家，物业不管"
        let high = try Self.engine(minProbability: 1.0).decide(CallInput(text: text))
        #expect(!high.police)
        #expect(!high.reasons.contains { $0.rule.hasPrefix("model:") })
        let off = try Self.engine(enabled: false)
        #expect(off.policeModel == nil, "loaded only for the veto or for the category model, both off here")
        #expect(!off.decide(CallInput(text: text)).police)
    }

    /// A few characters are too little for the model to judge; such calls are left to the rules.
    @Test func aShortCallIsLeftToTheRules() throws {
        let engine = try Self.engine()
        let short = engine.decide(CallInput(text: "家里水管漏水"))
        #expect(!Fixture.rulesEngine.decide(CallInput(text: "家里水管漏水")).police)
        #expect(!short.police, "\(short.reasons)")
        #expect(Fixture.engine.policy.policeVetoMinCharacters == 12)
        // The shipped model on the shortest leak report there is.
        #expect(!Fixture.engine.decide(CallInput(text: "楼上漏水")).police)
    }

    @Test func theModelNeverDivertsAndNeverOverridesAMisdialNote() throws {
        let engine = try Self.engine()
        // Police by the rules, and the model reads it as not police: still police.
        let police = engine.decide(CallInput(text: "路灯不亮，有人拿刀砍人"))
        #expect(police.police)
        #expect(!police.reasons.contains { $0.rule == "model:test-veto" })
        // The call-taker's explicit note decides a misdial, even about a pipe.
        let misdial = engine.decide(CallInput(text: "水管，误拨"))
        #expect(misdial.category == .invalid)
        #expect(!misdial.police)
    }

    /// Only the model file differs between the two copies, so only it can change the version.
    @Test func theModelFileIsPartOfTheRulesetVersion() throws {
        let dir = try Fixture.copyOfConfig()
        let same = try DecisionEngine.load(configDirectory: dir)
        #expect(same.rulesetVersion == Fixture.engine.rulesetVersion)
        let path = dir + "/police-model.tsv"
        let shipped = try String(contentsOfFile: path, encoding: .utf8)
        try shipped.replacingOccurrences(of: "\nalpha\t0.5\n", with: "\nalpha\t0.25\n")
            .write(toFile: path, atomically: true, encoding: .utf8)
        let changed = try DecisionEngine.load(configDirectory: dir)
        #expect(changed.rulesetVersion != Fixture.engine.rulesetVersion)
        #expect(Fixture.engine.policeModel?.id == "police-nb-v1")
    }

    @Test(arguments: [("min_probability: 1.5", "police_veto.min_probability"),
                      ("min_characters: 2.5", "police_veto.min_characters"),
                      ("min_characters: -1", "police_veto.min_characters"),
                      ("threshold: 0.5", "threshold")])
    func policyRefusesABadVetoSetting(line: String, expected: String) throws {
        let dir = try Fixture.copyOfConfig()
        try "police_veto:\n  \(line)\n".write(toFile: dir + "/policy.yaml", atomically: true, encoding: .utf8)
        let error = #expect(throws: DomainConfigError.self) { try DecisionEngine.load(configDirectory: dir) }
        #expect(error.map { "\($0)".contains(expected) } == true, "\(String(describing: error))")
    }
}
