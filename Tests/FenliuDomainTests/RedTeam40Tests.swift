import Foundation
import Testing
@testable import FenliuDomain

/// `redteam40.jsonl`: a fortieth red-team round on disputes near the line (民转刑) — neighbour feuds, family quarrels,
/// landlord and tenant rows, business partners falling out, parking and right-of-way rows, debts between relatives —
/// at every stage from grumbling to a weapon, in the voices of the parties, bystanders, relatives, property staff and
/// village cadres. 22 police matters and 28 ordinary ones. Written blind, the shipped config diverted no police call
/// (police recall 1.000, diversion recall 0.889, exact target accuracy 0.940, township accuracy 0.889, escalation
/// recall 0.750); the rules alone diverted one: a drunk husband who said he would go tonight and make his business
/// partner "付出代价" (read as a consumer complaint on 坑了, kept only by the police model's veto). Two police calls
/// stayed police only because no rule matched: a landlord who "找了社会上的人，叫我小心点", and a former partner's men
/// sitting in the caller's shop until the dividend is paid. Three ordinary calls were kept with the police: a shared
/// path walled off after failed talks, a party wall cracked by a neighbour's renovation, partners who split asking
/// how to divide a van. Fixed by families (ids `*_r40`), so its own score flatters the rules; the sentences below
/// are fresh.
@Suite struct RedTeam40Tests {
    /// Police with the shipped engine and with the rules alone (no veto, no category model).
    private func expectPoliceByRules(_ texts: [String], _ category: FenliuDomain.Category? = nil) {
        expectPolice(texts, category)
        for text in texts {
            let d = Fixture.rulesEngine.decide(CallInput(text: text))
            #expect(d.police, "\(text) → \(d.category)")
            #expect(d.risk.escalation, "\(text): no escalation flag")
        }
    }

    @Test func redTeam40CorpusNeverDivertsAPoliceMatter() throws {
        try expectCorpus("redteam40", atLeast: 50, targetAccuracy: 1.0, townshipAccuracy: 1.0)
    }

    @Test func aWarningToWatchOutOrHiredThugsInADisputeIsADisputeRisk() {
        expectPoliceByRules(["我跟前夫为孩子抚养费吵了几句，他微信上说已经找了社会上的人，叫我出门当心",
                             "对门邻居为了占楼道的事跟我闹，今天发短信让我晚上出门注意点",
                             "租客欠了两个月房租，我去催，他说已经找了几个混混，叫我小心点"], .disputeRisk)
    }

    @Test func aPartySayingHeWillMakeTheOtherPayIsADisputeRisk() {
        expectPoliceByRules(["楼下那家嫌我们吵，男的喝多了说明天就让我们付出代价",
                             "我大伯为了分山林的事气得要命，说今天就去找对方算总账",
                             "合伙人把货款私吞了，我老公说跟他没完，刚刚冲出去了"], .disputeRisk)
    }

    @Test func menSentToSitInOrBlockTheOtherSidesPremisesAreADisputeRisk() {
        expectPoliceByRules(["讨债的带了两个男的天天守在我家门口，说不还钱就不走",
                             "房东带了三个人堵在我店门口，说这个月房租不交就别开门",
                             "我表哥为了借钱的事叫了一帮人坐在我厂里不走"], .disputeRisk)
    }

    @Test func talksThatFailedOrAWalledOffSharedPathGoToTheTownship() {
        let d = Fixture.rulesEngine.decide(CallInput(text: "我家跟隔壁合用的那条过道被他堆满了柴火，进出都不方便，想请村里来协调",
                                                     address: "赤岸镇"))
        #expect(!d.police, "\(d.category)")
        #expect(d.category == .propertyNeighbor, "\(d.category)")
        #expect(d.target == .township, "\(d.target)")
        expectDiverted(["我跟弟弟为了宅基地的事闹了几年，村干部调了几次都没调好，想请镇里来调解",
                        "两家公用的弄堂被他砌了半截墙，我们私下协商不成",
                        "邻居在院子外面种菜占了路，跟他讲不通"])
    }

    @Test func aWallCrackedByTheNeighboursWorksIsAPropertyMatter() {
        let d = Fixture.rulesEngine.decide(CallInput(text: "楼上装修打电钻，把我家卫生间的墙钻出了一条裂缝，找他他不认",
                                                     address: "廿三里街道"))
        #expect(!d.police, "\(d.category)")
        #expect(d.category == .propertyNeighbor, "\(d.category)")
        #expect(d.target == .township, "\(d.target)")
        expectDiverted(["隔壁拆墙敲得我家客厅墙上裂了好几条缝"])
    }

    @Test func partnersWhoSplitAskingHowToDivideAreAConsultation() {
        let d = Fixture.rulesEngine.decide(CallInput(text: "我和朋友拆伙了，当初一起投的十万块设备该怎么分，想咨询一下"))
        #expect(!d.police, "\(d.category)")
        #expect(d.category == .consultation, "\(d.category)")
        #expect(d.target == .hotline12345, "\(d.target)")
        expectDiverted(["饭店不开了，跟合伙人退伙，股份怎么算想问一下"])
    }

    @Test func aDangerWordInsideTheNewHarmlessSpansStaysPolice() {
        // Each police sentence puts an injury, a weapon or a threat inside or beside the span of a new diverting rule.
        expectPolice(["隔壁装修的工人跟我吵起来，拿锤子敲得我老公头上裂开了，一直在流血",
                      "我们两家共用的那条小路被他堵了，他还拿着锄头站在路口说谁过就打谁",
                      "村里叫我们自己协商，协商不下来，他刚刚拿刀把我家的狗砍了",
                      "两家共用的楼道被他堆了煤气罐，一股煤气味",
                      "跟合伙人散伙了，他喝醉了跑来说不把钱分清楚就要砍我，我想问问怎么办",
                      "我跟合伙人散伙了，想问问账怎么算，他刚才打电话说我敢去告他就找人废了我"])
        for text in ["隔壁装修的工人跟我吵起来，拿锤子敲得我老公头上裂开了，一直在流血",
                     "两家共用的楼道被他堆了煤气罐，一股煤气味",
                     "跟合伙人散伙了，他喝醉了跑来说不把钱分清楚就要砍我，我想问问怎么办"] {
            #expect(Fixture.rulesEngine.decide(CallInput(text: text)).police, "\(text)")
        }
    }

    @Test func insistingWithFeiYaoDoesNotNegateTheThreatThatFollows() {
        // 非 is a negation cue; 非要 / 非得 (insist on) must not hide the weapon or the threat after it.
        expectPoliceByRules(["他喝醉了非要去砍他老婆", "我爸为了宅基地的事非得去跟他拼命", "说今天非要去找对方算总账"])
        let d = Fixture.rulesEngine.decide(CallInput(text: "他喝醉了非要去砍他老婆"))
        #expect(d.reasons.contains { $0.rule != "policy:no_rule" }, "only the default kept it: \(d.reasons)")
    }

    @Test func everydayWordsBesideTheNewPoliceFamiliesStayDiverted() {
        // A doctor's "小心点", workmen fetched by the landlord, a deposit to get back: no dispute turning violent.
        expectDiverted(["医生叫我小心点别摔跤，想问问医保报销怎么办",
                        "房东叫了两个人来修水管，弄得到处是水，押金还不退"])
    }
}
