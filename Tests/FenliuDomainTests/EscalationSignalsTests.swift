import Foundation
import Testing
@testable import FenliuDomain

/// Escalation (民转刑) signals the taxonomy names that the corpora showed unflagged: repeated domestic conflict, a
/// drunk party turning aggressive, a debt or wage dispute turned physical. Across all corpora they raised escalation
/// recall from 41 calls missed to 29 with no new false flag and no change to any police, target or category figure.
@Suite struct EscalationSignalsTests {
    static func rules(_ text: String) -> [String] {
        Fixture.rulesEngine.decide(CallInput(text: text)).reasons.map(\.rule)
    }

    static func expectEscalated(_ texts: [String], by rule: String) {
        for text in texts {
            let d = Fixture.engine.decide(CallInput(text: text))
            #expect(d.police, "\(text) → \(d.category)")
            #expect(d.risk.escalation, "\(text): \(d.reasons.map(\.rule))")
            #expect(d.reasons.contains { $0.rule == rule }, "\(text): \(d.reasons.map(\.rule))")
        }
    }

    @Test func domesticViolenceThatHappensAgainIsEscalated() {
        Self.expectEscalated(["我老公昨天又打我了，这次把我嘴角打破了", "她男朋友动不动就掐她脖子",
                              "我婆婆说我公公喝了酒又动手了，她躲在邻居家", "对门那家的小孩每天晚上被他爸用皮带抽"],
                             by: "safety.repeated_domestic_s8")
    }

    @Test func aDrunkTurningAggressiveIsEscalated() {
        Self.expectEscalated(["有个醉汉在店门口骂骂咧咧，还把招牌踹倒了", "乘客喝醉了一直抢方向盘，我现在停在应急车道"],
                             by: "safety.drunk_aggressive_s8")
    }

    @Test func aDebtOrWageDisputeTurnedPhysicalIsEscalated() {
        Self.expectEscalated(["来要债的几个人跟我爸扭打在一起", "去老板那里讨薪，被他保安推倒了"], by: "safety.debt_turned_physical_s8")
    }

    /// 打 is also a game, a call, a snore; a drunk asleep is not aggressive; a loud drunk neighbour is noise.
    @Test func lookAlikesDoNotFire() {
        for text in ["孩子又在打游戏，一打就是一晚上", "我老公喝多了在沙发上睡着了，我骂他也没用", "我妈又在打电话，打了一个小时",
                     "孩子动不动就打喷嚏，是不是过敏了", "我儿子每天都被老师表扬", "孩子天天被蚊子咬"] {
            let fired = Self.rules(text)
            #expect(!fired.contains { $0.hasSuffix("_s8") }, "\(text): \(fired)")
        }
        expectDiverted(["楼上那户喝多了唱歌唱到半夜，吵得睡不着"])
        let noise = Fixture.engine.decide(CallInput(text: "楼上那户喝多了唱歌唱到半夜，吵得睡不着"))
        #expect(!noise.police && !noise.risk.escalation)
    }

    /// The rules are safety rules of weight 1: a more specific police category still wins.
    @Test func aMoreSpecificCategoryStillWins() {
        let d = Fixture.engine.decide(CallInput(text: "我老公又打我了，还拿刀砍我，我躲在厕所"))
        #expect(d.police && d.risk.escalation)
        #expect(d.reasons.contains { $0.rule == "safety.repeated_domestic_s8" })
        #expect(d.category != .disputeRisk, "\(d.category)")
    }
}
