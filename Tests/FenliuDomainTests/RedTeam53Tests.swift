import Foundation
import Testing
@testable import FenliuDomain

/// `redteam53.jsonl`: a fifty-third red-team round on written input noise — calls typed or transcribed with errors:
/// input-method and homophone typos (坎人, 强劫, 骗紫, 家爆, 煤汽泄露, 身份正), pinyin, half pinyin or initials (bj, 救ming,
/// jiuming, 小tou, jiahuo), traditional characters (搶劫, 殺人, 樓上漏水, 欠薪), full-width and half-width digits, English
/// words mixed in (sos, follow, drunk, my boss 不给 salary), emoji and repeated characters (救救救命!!! 🔪🔪), run-ons and a
/// space between every character. 24 police matters, 25 ordinary ones and a silent call. Written blind, the shipped
/// config diverted no police call (police recall 1.000, diversion recall 0.960, exact target accuracy 0.980, category
/// accuracy 0.880, township accuracy 0.929); the rules alone gave the same figures, so the police model's veto kept
/// nothing. Normalisation already folds spaces, full-width forms and traditional characters. One ordinary call was kept
/// with the police ("my boss 不给 salary … 公司在稠江": no rule knew the English word), and one pickpocketing stayed police
/// only by default ("钱包被扒了 … 那个小tou"). Probes beside ordinary scene words found the danger: "楼上漏水 … 他把我老婆打了",
/// "停车位被占了 那人 kill 我", "房东不退押金 他老婆被家爆了", "楼下摆摊的在 dajia" and "快递丢了 jiuming" were diverted by the
/// rules. Fixed by families (ids `*_r53`), so its own score flatters the rules; the sentences below are fresh.
@Suite struct RedTeam53Tests {
    @Test func redTeam53CorpusNeverDivertsAPoliceMatter() throws {
        try expectCorpus("redteam53", atLeast: 50, targetAccuracy: 0.98, townshipAccuracy: 1.0)
    }

    @Test func aCryForHelpTypedInPinyinOrAsSOSIsDanger() {
        expectPoliceByRules(["sos 停车场这边 快点", "救ming 我在地下车库", "jiujiuwo 我在三楼"], .danger)
    }

    @Test func aCryForHelpTypedInPinyinBesideAnOrdinaryWordStaysPolice() {
        expectPoliceByRules(["快递丢了 sos 有人在门口", "楼道灯坏了 jiuming"])
    }

    @Test func violenceTypedInPinyinEnglishOrAHomophoneIsViolence() {
        expectPoliceByRules(["楼下两个人在dajia", "有人sharen了 在夜市那边", "我邻居被坎伤了", "停车位的事 那男的说要 kill 我"],
                            .violence)
    }

    @Test func domesticViolenceTypedJiaBaoIsViolenceWithEscalation() {
        expectPoliceByRules(["他又家爆他老婆 孩子在哭", "房东不退押金 还被他家爆"], .violence)
        let d = Fixture.rulesEngine.decide(CallInput(text: "他又家爆他老婆 孩子在哭"))
        #expect(d.risk.escalation)
    }

    @Test func aPersonNamedAsBeatenWithBaIsViolence() {
        expectPoliceByRules(["他们把我爸打得站不起来", "那个客人把服务员打了", "楼上漏水 我上去理论 他把我老婆打了"], .violence)
    }

    @Test func theftOrRobberyTypedInPinyinOrEnglishOrAPocketPickedIsCrime() {
        expectPoliceByRules(["我的手机在菜场被人扒走了", "有人qiangjie 一个女的", "有个小tou在撬车", "我在车站被rob了"], .crime)
    }

    @Test func beingCheatedTypedInPinyinOrAHomophoneIsFraud() {
        expectPoliceByRules(["我妈被pian了两万", "网上遇到骗紫了 转了一千"], .fraud)
    }

    @Test func wagesNamedInEnglishAreLabour() {
        expectDivertedInCategory(["my boss 欠我三个月 salary 工厂在大陈", "wage 拖了两个月 boss 说没钱"], .labor)
        let d = Fixture.rulesEngine.decide(CallInput(text: "my boss 欠我三个月 salary 工厂在大陈"))
        #expect(d.target == .township, "\(d.target)")
        #expect(d.township == "大陈镇", "\(String(describing: d.township))")
    }

    @Test func anIdCardTypedWithAHomophoneIsAConsultation() {
        expectDivertedInCategory(["请问身份正到期了在哪换", "请问身分证补办要多久"], .consultation)
    }

    @Test func ordinaryWordsThatLookLikeTheNewSignalsAreStillDiverted() {
        // 便宜 typed pianyi is no 被pian, 大家 typed dajia no fight, a shop's 爆炒 no 家爆, 打发 no blow.
        expectDivertedInCategory(["商城的东西很pianyi 但是是假货 不给退", "他把店员打发走了 不给退款"], .consumer)
        expectDivertedInCategory(["那家爆炒店的油烟熏得整栋楼都是味"], .environment)
        expectDivertedInCategory(["大家 dajia 好 请问居住证怎么办"], .consultation)
    }

    @Test func aThreatBesideWagesInEnglishStaysPolice() {
        expectPoliceByRules(["老板欠 salary 不给 还说再来就打断你腿"], .disputeRisk)
    }
}
