import Foundation
import Testing
@testable import FenliuDomain

/// `redteam24.jsonl`: a twenty-fourth red-team round of rambling callers — speech-to-text with fillers (那个, 就是说, 嗯,
/// 怎么说呢), self-corrections (不是不是, 我说错了, 哦不对), long background before the request, two matters in one call,
/// an angry opening (我要投诉, 气死我了) about an ordinary matter, violent idioms said harmlessly (气得我想打人, 气得要吐血,
/// 熏得我要死了) beside a caller who means them, danger told as gossip, and a danger long past and settled asked about only
/// for compensation. 21 police matters and 29 ordinary ones. Written blind (see `redteam24-blind.md`), it diverted no police
/// call (police recall 1.000) but kept ten ordinary calls with the police (diversion recall 0.655, exact target accuracy
/// 0.760, category 0.660, township 0.667): idioms read as a blow or a bleed, a retracted dog bite and a retracted theft, a
/// court-settled assault and a healed fracture asked about for compensation, offices 推来推去 read as shoving, a worry that
/// someone might fall into a missing manhole read as a fall, open burning's 黑烟滚滚 read as a fire, and a question about a
/// bridge to be rebuilt that matched no rule. A street light with a second question tacked on went to the hotline, and an
/// angry 我要投诉 about a car on the pavement went to consumer. One police call (an e-bike gone overnight) was police only
/// by default. Its misses were fixed with families of wording, so its own score flatters the rules; the sentences below are
/// fresh.
@Suite struct RedTeam24Tests {
    @Test func redTeam24CorpusNeverDivertsAPoliceMatter() throws {
        try expectCorpus("redteam24", atLeast: 50, targetAccuracy: 0.98, townshipAccuracy: 0.98)
    }

    @Test func anIdiomOfExasperationIsNotABlowOrABleed() {
        expectDiverted(["买的冰箱不制冷，商家不给修，我气得都想杀人", "房东押金不退，真是气得我要吐血", "楼下烧烤店吵到半夜，我气得都想杀人"])
    }

    @Test func aThirdPartyAboutToHitOrARealBlowBesideTheIdiomStaysPolice() {
        expectPolice(["他气得要打人，已经拿起凳子了", "我气得想打人，他先动手打了我"], .violence)
        expectPolice(["我爸被他气得吐血了，现在昏过去了"], .danger)
    }

    @Test func officesPassingTheBuckAreNotShoving() {
        expectDiverted(["找物业修电梯，物业推来推去，说是开发商的事", "物业推来推去不管，楼上漏水漏到我家"])
        expectPolice(["保安和业主在门口推来推去，快打起来了", "物业的人跟我推来推去，把我推倒了"], .violence)
    }

    @Test func aWorryThatSomeoneMightFallByABrokenFacilityIsNotAFall() {
        let decisions = ["路边的井盖不见了，就是说晚上看不清，我担心行人掉进去", "楼道的灯坏了，黑乎乎的，我怕孩子摔跤"]
            .map { Fixture.engine.decide(CallInput(text: $0)) }
        for d in decisions { #expect(!d.police && d.category == .utilities, "\(d.category)") }
        expectPolice(["井盖没了，有个小孩已经掉下去了", "路灯坏了，怕有人摔倒，刚才一个老人摔倒了起不来"], .danger)
    }

    @Test func aDangerWordTakenBackAtOnceIsNotADanger() {
        expectDiverted(["邻居家的狗咬人了，不是不是，我搞错了，没咬人，就是天天在楼下叫，吵得睡不着"])
        let mislaid = Fixture.engine.decide(CallInput(text: "我手机被偷了，哦不对，是我自己忘在饭店了"))
        #expect(!mislaid.police && mislaid.category == .livelihoodHelp, "\(mislaid.category)")
    }

    @Test func aCorrectionThatKeepsOrWorsensTheDangerStaysPolice() {
        expectPolice(["狗咬人了，不对，是咬了我家小孩"], .danger)
        expectPolice(["我被打了，不对，是被砍了"], .violence)
        expectPolice(["钱包被偷了，不对，是被抢了", "手机被偷了，不对，我自己放在桌上被人拿走了"], .crime)
    }

    @Test func aBeatingOrAccidentLongSettledAskedAboutForCompensationIsAConsultation() {
        let texts = ["去年出车祸骨折了，现在已经好了，想问问误工费怎么算", "以前跟人打架被拘留过，现在想开个无犯罪证明能开吗",
                     "前年被人打伤的事法院已经判了，对方不给钱，能申请执行吗"]
        for text in texts {
            let d = Fixture.engine.decide(CallInput(text: text))
            #expect(!d.police && d.category == .consultation && d.target == .hotline12345, "\(text): \(d.category)")
        }
    }

    @Test func aSettledPastMatterWithANewBlowOrWeaponStaysPolice() {
        expectPolice(["去年被人打伤，已经判了，今天他又来打我", "去年被他打伤，现在又被他打了，已经处理过了",
                      "去年我被他打伤，法院判了，他现在拿着刀在我家门口"], .violence)
    }

    @Test func openBurningWithBlackSmokeIsEnvironmentButAFireSpreadingIsAHazard() {
        let burning = Fixture.engine.decide(CallInput(text: "我们村有人天天烧塑料，黑烟滚滚，臭得不行"))
        #expect(!burning.police && burning.category == .environment, "\(burning.category)")
        expectPolice(["邻居烧垃圾，黑烟滚滚，火烧到房子了", "有人在烧东西，黑烟滚滚，里面好像有人"], .hazard)
    }

    @Test func aSecondQuestionTackedOnDoesNotOutweighTheOnSiteMatter() {
        let d = Fixture.engine.decide(CallInput(text: "我们巷子里的路灯不亮了，黑咕隆咚的，嗯，顺便问问社保卡丢了怎么补", address: "苏溪镇某村"))
        #expect(d.category == .utilities && d.target == .township && d.township == "苏溪镇", "\(d.category) \(d.target)")
        expectPolice(["顺便问一下，我老公天天打我怎么办"], .violence)
    }

    @Test func newOrdinaryWordingsAreDiverted() {
        let cases: [(String, Category)] = [
            ("有辆车停在小区门口的人行道上好几天了", .cityManagement), ("听说老街那边要拆迁了，什么时候开始拆", .consultation),
            ("公司不给我们交社保，这个违法吗", .labor), ("我的驾驶证快到期了，在哪里换", .consultation),
        ]
        for (text, category) in cases {
            let d = Fixture.engine.decide(CallInput(text: text))
            #expect(!d.police && d.category == category, "\(text): \(d.category)")
        }
        expectPolice(["车停在人行道上把一个老人撞倒了"], .traffic)
    }

    @Test func aThreatToSettleScoresLaterIsADisputeRisk() {
        expectPolice(["那个人说早晚弄死我", "他放话说迟早收拾我们一家"], .disputeRisk)
        let d = Fixture.engine.decide(CallInput(text: "他放话说迟早收拾我们一家"))
        #expect(d.risk.escalation)
    }

    @Test func aVehicleGoneOvernightIsATheft() {
        expectPolice(["我的电瓶车锁在院子里，第二天一早就不见了", "儿子的自行车放在车棚，下楼一看没了"], .crime)
    }

    @Test func aPackOfStraysIsAnAnimalMatterAndAPetFoulingTheStairsIsANeighbourMatter() {
        let strays = Fixture.engine.decide(CallInput(text: "村口那边来了一群野狗，晚上叫个不停，垃圾桶都被翻倒了"))
        #expect(!strays.police && strays.category == .animal, "\(strays.category)")
        let fouling = Fixture.engine.decide(CallInput(text: "楼上那家的狗天天在电梯里撒尿，说了也不听"))
        #expect(!fouling.police && fouling.category == .propertyNeighbor, "\(fouling.category)")
        expectPolice(["小区里一群流浪狗把小孩咬了", "一群野狗追着一个老人咬"], .danger)
    }
}
