import Foundation
import Testing
@testable import FenliuDomain

/// The category model decides calls no rule decided, behind three gates: its own confidence, the police model's
/// reading of the whole call, and a minimum length. scripts/model-fallback-study measures it on the red-team rounds.
@Suite struct ModelFallbackTests {
    /// No rule knows a sick tree; the category model does, and the police model agrees it is no police matter.
    static let noRuleOrdinary = "家门口那棵桂花树的叶子全黄了想找人来看看是不是生病了"

    /// The shipped config with the category model switched on and `model:` settings replaced.
    static func engine(_ settings: [String: String] = [:], dropPoliceModel: Bool = false) throws -> DecisionEngine {
        let dir = try Fixture.copyOfConfig()
        for (key, value) in settings.merging(["enabled": "true"], uniquingKeysWith: { a, _ in a }) {
            try Fixture.setPolicy(in: dir, block: "model", key: key, to: value)
        }
        if dropPoliceModel { try FileManager.default.removeItem(atPath: dir + "/police-model.tsv") }
        return try DecisionEngine.load(configDirectory: dir)
    }

    /// Shipped off: see `policeCallsNoRuleKnowsStayPolice` and config/policy.yaml.
    @Test func theShippedPolicyKeepsTheCategoryModelOff() throws {
        #expect(!Fixture.engine.policy.modelEnabled && Fixture.engine.model == nil)
        let d = Fixture.engine.decide(CallInput(text: Self.noRuleOrdinary))
        #expect(d.police)
        #expect(d.reasons.map(\.rule) == ["policy:no_rule"])
        // A policy without a `model:` block leaves it off too.
        let dir = try Fixture.copyOfConfig()
        try "divert_min_confidence: 0.6\n".write(toFile: dir + "/policy.yaml", atomically: true, encoding: .utf8)
        let defaults = try DecisionEngine.load(configDirectory: dir)
        #expect(defaults.model == nil && !defaults.policy.modelEnabled)
    }

    @Test func aCallNoRuleDecidedIsDivertedWhenBothModelsAgree() throws {
        let rules = Fixture.rulesEngine.decide(CallInput(text: Self.noRuleOrdinary))
        #expect(rules.police)
        #expect(rules.reasons.map(\.rule) == ["policy:no_rule"], "no rule may fire, or this tests the rules")

        let d = try Self.engine().decide(CallInput(text: Self.noRuleOrdinary))
        #expect(!d.police)
        #expect(d.target != .police)
        let category = try #require(d.reasons.first { $0.rule == "model:nb-v1" })
        #expect(category.matched.hasPrefix("\(d.category.rawValue) confidence "), "\(category.matched)")
        #expect(!category.matched.contains("stays police"))
        let police = try #require(d.reasons.first { $0.rule == "model:police-nb-v1" })
        #expect(police.matched.hasPrefix("police 0.") && police.matched.hasSuffix(" <= 0.20"), "\(police.matched)")
    }

    /// The gate sits exactly at `max_police_probability`: just below the call's police probability holds it.
    @Test func thePoliceModelsReadingHoldsTheCall() throws {
        let p = try #require(Fixture.engine.policeModel).policeProbability(Self.noRuleOrdinary)
        #expect(p > 0 && p <= 0.2)
        let held = try Self.engine(["max_police_probability": "\(p * 0.5)"]).decide(CallInput(text: Self.noRuleOrdinary))
        #expect(held.police)
        #expect(held.reasons.contains { $0.rule == "model:nb-v1" && $0.matched.hasSuffix("; stays police") })
        #expect(held.reasons.contains { $0.rule == "model:police-nb-v1" && $0.matched.contains(" > ") })
        let passed = try Self.engine(["max_police_probability": "\(min(1, p * 2))"]).decide(CallInput(text: Self.noRuleOrdinary))
        #expect(!passed.police)
    }

    @Test func belowItsConfidenceTheCallStaysPolice() throws {
        let d = try Self.engine(["min_confidence": "1.0"]).decide(CallInput(text: Self.noRuleOrdinary))
        let p = try #require(Self.engine().model?.predict(Self.noRuleOrdinary)).probability
        #expect(p < 1.0, "the test needs a prediction short of certainty")
        #expect(d.police)
        #expect(d.reasons.contains { $0.rule == "model:nb-v1" && $0.matched.hasSuffix(" < 1.00; stays police") })
        #expect(!d.reasons.contains { $0.rule == "model:police-nb-v1" }, "the police model is not asked")
    }

    @Test func aCallTooShortToJudgeStaysPolice() throws {
        let characters = Self.noRuleOrdinary.unicodeScalars.count
        let d = try Self.engine(["min_characters": "\(characters + 1)"]).decide(CallInput(text: Self.noRuleOrdinary))
        #expect(d.police)
        #expect(d.reasons.contains { $0.rule == "model:nb-v1" && $0.matched.hasSuffix("too short to judge; stays police") })
        let atLength = try Self.engine(["min_characters": "\(characters)"]).decide(CallInput(text: Self.noRuleOrdinary))
        #expect(!atLength.police)
    }

    @Test func withoutAPoliceModelTheCategoryModelNeverDiverts() throws {
        let engine = try Self.engine(dropPoliceModel: true)
        #expect(engine.policeModel == nil && engine.model != nil)
        let d = engine.decide(CallInput(text: Self.noRuleOrdinary))
        #expect(d.police)
        #expect(d.reasons.contains { $0.matched.hasSuffix("no police model to confirm; stays police") })
    }

    /// Police calls in words no rule knows, all police with the shipped config. Switched on, the category model reads
    /// the first two as police matters. When this was written it read the last three, fresh sentences from the
    /// red-team tests, as ordinary at 0.92–1.00 and the police model agreed (0.000–0.002): a missing five-year-old
    /// told in English, an old man not fed in a care home. Both gates passed them, which is why the shipped policy
    /// keeps the category model off (config/policy.yaml).
    @Test func policeCallsNoRuleKnowsStayPolice() throws {
        let readAsPolice = ["有几个人把我表哥塞进一辆面包车开走了，车牌没看清",
                            "店里来了两个人说是搞检查的，要我把收银机里的钱交给他们"]
        let readAsOrdinary = ["I lost my son in 商贸城，he is five", "养老院的护工骂我爸，还不给饭吃，院里不处理",
                              "养老院把我爸的退休金卡扣着不给，我要也不给，院长不理"]
        let withModel = try Self.engine()
        for text in readAsPolice + readAsOrdinary {
            let rules = Fixture.rulesEngine.decide(CallInput(text: text)).reasons.map(\.rule).filter { !$0.hasPrefix("place:") }
            #expect(rules == ["policy:no_rule"], "\(text)")
            #expect(Fixture.engine.decide(CallInput(text: text)).police, "\(text)")
        }
        for text in readAsPolice {
            let d = withModel.decide(CallInput(text: text))
            #expect(d.police, "\(text) → \(d.category) \(d.reasons)")
            #expect(d.reasons.contains { $0.rule == "model:nb-v1" && $0.matched.hasSuffix("stays police") })
        }
    }

    /// The sparse table gives the textbook naive Bayes probabilities: prior times each known n-gram's smoothed
    /// likelihood, unknown n-grams skipped.
    @Test func compiledPredictionsAreNaiveBayes() throws {
        let model = TextModel(id: "t", ngramMin: 1, ngramMax: 2, alpha: 0.5, classes: ["consumer", "noise"],
                              documentCounts: [3, 1],
                              features: ["退": [0, 3], "款": [0, 2, 1, 1], "吵": [1, 4], "退款": [0, 2]])
        let text = "退款吵了"
        let p = try #require(CompiledTextModel(model).predict(text))
        let vocabulary = 4.0
        let totals = [7.0, 5.0]
        let counts: [[Double]] = [[3, 0], [2, 1], [0, 4], [2, 0]]     // 退 款 吵 退款; 了 is unknown
        var scores = [log(4.0 / 6.0), log(2.0 / 6.0)]
        for c in 0..<2 { for row in counts { scores[c] += log((row[c] + 0.5) / (totals[c] + 0.5 * vocabulary)) } }
        let expected = exp(scores[0]) / (exp(scores[0]) + exp(scores[1]))
        #expect(abs((p.probabilities[.consumer] ?? -1) - expected) < 1e-12)
        #expect(p.category == (expected >= 0.5 ? .consumer : .noise))
    }

    @Test(arguments: [("\"features\":{\"水管\":[0]}", "水管"),
                      ("\"features\":{\"水管\":[5,1]}", "水管"),
                      ("\"features\":{\"水管\":[0,0]}", "水管"),
                      ("\"features\":{\"水管\":[1,2,0,1]}", "水管")])
    func aModelFileWithBadPairsIsRefused(features: String, named: String) throws {
        let path = Fixture.tempDirectory() + "/model.json"
        try """
        {"alpha":0.5,"classes":["consumer","noise"],"documentCounts":[1,1],\(features),"id":"t","ngramMax":2,"ngramMin":1}
        """.write(toFile: path, atomically: true, encoding: .utf8)
        let error = #expect(throws: DomainConfigError.self) { try TextModel.load(path: path) }
        #expect(error.map { "\($0)".contains(named) } == true, "\(String(describing: error))")
    }

    @Test(arguments: [("alpha", 0.0), ("ngramMax", 4.0), ("ngramMin", 0.0)])
    func aModelFileWithBadSettingsIsRefused(key: String, value: Double) throws {
        func write(_ fields: [String: Any]) throws -> String {
            let path = Fixture.tempDirectory() + "/model.json"
            try JSONSerialization.data(withJSONObject: fields).write(to: URL(fileURLWithPath: path))
            return path
        }
        var fields: [String: Any] = ["alpha": 0.5, "classes": ["noise"], "documentCounts": [1], "features": ["吵": [0, 1]],
                                     "id": "t", "ngramMax": 2, "ngramMin": 1]
        #expect(try TextModel.load(path: write(fields)).0.features.count == 1)
        fields[key] = value
        #expect(throws: DomainConfigError.self) { try TextModel.load(path: write(fields)) }
    }

    @Test(arguments: [("max_police_probability: 1.5", "model.max_police_probability"),
                      ("min_characters: 2.5", "model.min_characters"),
                      ("min_characters: -3", "model.min_characters")])
    func policyRefusesABadModelSetting(line: String, expected: String) throws {
        let dir = try Fixture.copyOfConfig()
        try "model:\n  \(line)\n".write(toFile: dir + "/policy.yaml", atomically: true, encoding: .utf8)
        let error = #expect(throws: DomainConfigError.self) { try DecisionEngine.load(configDirectory: dir) }
        #expect(error.map { "\($0)".contains(expected) } == true, "\(String(describing: error))")
    }
}
