import Foundation
import Testing
@testable import FenliuDomain

/// `redteam32.jsonl`: a thirty-second red-team round on families and relatives in Yiwu — marriage and divorce,
/// in-laws, children and elderly parents, inheritance and house division, family money and relatives who borrow and
/// do not repay, in the voices of wives, husbands, grown children, grandparents, neighbours, village mediators and
/// written 12345 summaries. 20 police matters and 30 ordinary ones. Written blind, the shipped config (rules and
/// police model) kept every police call (police recall 1.000) but held four ordinary calls (diversion recall 0.867,
/// exact target accuracy 0.920, township 0.929): a calm house division asking the township to "调一下" and a 12345
/// summary about 赡养费 and "法律途径维权" matched no rule, and the police model kept a locksmith request and a lost
/// phone that the rules diverted. The rules alone diverted one police call (police recall 0.950): an elderly neighbour
/// "快一个礼拜没见到了" with "屋里还有股怪味" went to the township as a smell, because the welfare check knew days but not
/// weeks (礼拜, 星期, 半个月) and not 阿婆. An ex-husband who took the son from nursery and will not say where was
/// police only because no rule matched. Its misses were fixed with families of wording, so its own score flatters the
/// rules; the sentences below are fresh.
@Suite struct RedTeam32Tests {
    @Test func redTeam32CorpusNeverDivertsAPoliceMatter() throws {
        try expectCorpus("redteam32", atLeast: 50, targetAccuracy: 1.0, townshipAccuracy: 1.0)
    }

    @Test func aRelativeNotSeenForWeeksIsADanger() {
        expectPolice(["我婆婆都两个礼拜没见到了，打她电话也没人接，我小叔子说她出去玩了",
                      "对门的老大爷半个月没看到了，门口都是灰",
                      "我妈住我弟那里，我已经一个多月没联系上她了，弟弟总说她在睡觉"], .danger)
    }

    @Test func aWeekWithoutSeeingAnElderBeatsASmellComplaint() {
        let d = Fixture.rulesEngine.decide(CallInput(text: "楼下的老阿公一个星期没见到了，他家门口有股怪味", address: "后宅街道"))
        #expect(d.police, "\(d.category)")
        #expect(d.category == .danger, "\(d.category)")
    }

    @Test func aChildTakenByAParentWhoWillNotSayWhereIsADanger() {
        expectPolice(["孩子他爸把女儿从我妈家抱走了，到现在不告诉我带到哪里去了",
                      "我婆婆偷偷把孙子接走了，问她在哪里她就挂电话",
                      "前妻把儿子从学校偷偷接走了，电话打不通"], .danger)
    }

    @Test func aPlannedVisitIsNotAMissingChild() {
        let d = Fixture.rulesEngine.decide(CallInput(text: "我前夫周末把儿子接走了，说好了周日晚上送回来，想问问探视权怎么约定"))
        #expect(!d.police, "\(d.category)")
        #expect(d.category == .consultation, "\(d.category)")
    }

    @Test func aThreatOrAWeaponInsideAFamilyMediationStaysPolice() {
        expectPolice(["我们兄弟分房子意见不统一，我哥说我再不签字就弄死我", "分遗产谈不拢，我弟拿着斧头在我家门口等我",
                      "村调解员来调解，结果我姐夫当场把我爸打倒在地上"])
        expectPolice(["想了解一下抚养费的事，前夫刚才来我家把我打了一顿", "来电人称其子为了赡养费的事与其争吵，扬言要杀了她"])
    }

    @Test func aCalmFamilyDivisionAskingForMediationGoesToTheTownship() {
        let d = Fixture.rulesEngine.decide(CallInput(text: "我们姐妹几个分遗产，意见不一致，都是好好说的，想请社区帮忙调解", address: "大陈镇"))
        #expect(!d.police, "\(d.category)")
        #expect(d.category == .propertyNeighbor, "\(d.category)")
        #expect(d.target == .township, "\(d.target)")
        expectDiverted(["我跟我哥为了拆迁款商量不好，没吵架，想请村里派人调解", "兄妹几个分老房子谈不拢，想请镇上来人帮我们调一调"])
    }

    @Test func aFamilyMoneyOrDivorceQuestionIsAConsultation() {
        for text in ["想了解一下老人不给赡养费要走什么法律途径", "离婚协议上写了孩子归我，他不付抚养费怎么办", "我爸留下的房子要办继承手续，要准备什么"] {
            let d = Fixture.rulesEngine.decide(CallInput(text: text))
            #expect(!d.police, "\(text) → \(d.category)")
            #expect(d.category == .consultation, "\(text) → \(d.category)")
            #expect(d.target == .hotline12345, "\(text) → \(d.target)")
        }
    }
}
