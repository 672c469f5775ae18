import Foundation
import Testing
@testable import FenliuDomain

@Suite struct SafetyAndNegationTests {
    let engine = Fixture.engine

    /// "Come and save me" is a cry for help whatever else the call is about: a caller who says it beside a leak or
    /// a noise complaint stays with the police (round 53's report: "快来救我 楼上漏水" was diverted by the rules).
    @Test func aCallerAskingToBeSavedStaysPolice() {
        expectPoliceByRules(["快来救我 楼上漏水", "谁来救我，楼下装修吵得不行", "你们来救我啊，房东把水电停了", "救我一下，我被关在店里"])
    }

    @Test func negationCancelsADangerSignal() {
        for text in ["路边窨井盖缺失，没有人受伤", "路边井盖缺失，暂未有人员受伤", "小区电梯故障多日，无人被困，物业不管",
                     "家里燃气打不着火，未闻到燃气味"] {
            let c = engine.classify(CallInput(text: text))
            #expect(!c.safetySignal, "\(text)")
        }
    }

    @Test func negationDoesNotReachAcrossAClause() {
        let c = engine.classify(CallInput(text: "不是吵架，有人受伤了"))
        #expect(c.safetySignal)
        #expect(c.police)
    }

    @Test func negationBlockerIsNotANegation() {
        // "未成年" contains 未 but does not negate what follows.
        let c = engine.classify(CallInput(text: "一名未成年被打，在小区门口"))
        #expect(c.safetySignal)
    }

    @Test func pastMentionIsBackground() {
        let d = engine.decide(CallInput(text: "来电人称上月发生的交通事故已处理完毕，咨询事故认定书领取地点"))
        #expect(d.category == .consultation)
        #expect(d.target == .hotline12345)
    }

    @Test func safetyOverridesANonPoliceMatter() {
        let d = engine.decide(CallInput(text: "楼上漏水，去找他理论，双方打起来有人受伤", address: "北苑街道"))
        #expect(d.police)
        #expect(d.target == .police)
        #expect(d.township == nil)
        #expect(d.reasons.first.map { $0.rule.hasPrefix("safety.") } == true, "safety signals come first")
    }

    @Test func eachDangerKindKeepsPolice() {
        let texts = ["家里着火了，满屋子烟", "闻到很浓的煤气味", "有人拿着菜刀在店门口", "孩子放学一直没回家，走失了",
                     "有个人站在楼顶边缘说不想活了", "电梯里困住了两个人", "路口两辆车相撞，司机流血", "有人正在撬隔壁的门"]
        for text in texts {
            let d = engine.decide(CallInput(text: text))
            #expect(d.police && d.target == .police, "\(text) → \(d.category)")
        }
    }

    @Test func noRuleMeansPolice() throws {
        let dir = try Fixture.copyOfConfig()
        try FileManager.default.removeItem(atPath: dir + "/model.json")
        let engine = try DecisionEngine.load(configDirectory: dir)
        let d = engine.decide(CallInput(text: "嗯嗯那个就是这样子"))
        #expect(d.police)
        #expect(d.target == .police)
        #expect(d.reasons.contains { $0.rule == "policy:no_rule" })
    }

    @Test func quotedClaimBeforeClarificationIsSuperseded() {
        let d = engine.decide(CallInput(text: "来电人称\"有人被困\"，经询问系一只猫被困在小区排水沟内"))
        #expect(!d.police)
        #expect(d.category == .animal)
    }

    @Test func escalationOnAThreat() {
        let d = engine.decide(CallInput(text: "邻居因车位和我吵，扬言今晚要砸我家车", address: "江东街道"))
        #expect(d.police)
        #expect(d.risk.escalation)
        #expect(d.risk.flags.contains("escalation"))
        #expect(d.linkedTownship == "江东街道")
        #expect(d.target == .police)
    }

    @Test func angryWageClaimIsEscalatedWithoutBecomingPolice() {
        let d = engine.decide(CallInput(text: "老板拖欠工资两个月，工人们情绪激动在厂门口等", address: "苏溪镇"))
        #expect(!d.police)
        #expect(d.category == .labor)
        #expect(d.target == .township)
        #expect(d.risk.escalation)
    }
}
