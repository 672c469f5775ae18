import Foundation
import Testing
@testable import FenliuDomain

/// `redteam36.jsonl`: a thirty-sixth red-team round on older people — elders living alone, people with failing memory,
/// carers, neighbours and grandchildren calling about them, adult children phoning from other cities, and the
/// call-taker's notes on odd calls (misdials, silence, a child playing with the phone, a confused caller). 21 police
/// matters and 29 ordinary ones. Written blind, the shipped config diverted no police call (police recall 1.000,
/// diversion recall 0.800, exact target accuracy 0.880, category accuracy 0.760, escalation recall 0.500); the rules
/// alone diverted one: a stolen mobility scooter whose lock was "丢在地上" (read as lost property), kept only by the
/// police model. Police calls that stayed police only by default: a carer slapping an old mother, an old man on a roof
/// saying "活着就是给儿女添麻烦", a confused old woman saying someone came in and took her money, an old man's stick and
/// shoes by a pond. Ordinary calls kept with the police: help changing a gas cylinder, a silent call noted
/// "无声，已回拨", an old woman who cannot find the TV remote (read as a missing person), a phone shop refusing repair,
/// a rude bus driver. Fixed by families (ids `*_r36`), so its own score flatters the rules; the sentences below are
/// fresh. A lonely old man's "一个人在家闷得慌，你们小姑娘声音好听" stays police (a child-alone-and-a-noise rule).
@Suite struct RedTeam36Tests {
    @Test func redTeam36CorpusNeverDivertsAPoliceMatter() throws {
        try expectCorpus("redteam36", atLeast: 50, targetAccuracy: 0.98, townshipAccuracy: 1.0)
    }

    @Test func aParkedVehicleGoneOrItsLockCutIsTheftNotLostProperty() {
        expectPolice(["我的老年代步车锁在超市门口，出来就不见了，锁还丢在地上",
                      "电动车停在单元楼下，一晚上车就没了"], .crime)
        let d = Fixture.rulesEngine.decide(CallInput(text: "我那辆三轮车放在院子门口，早上起来就没了，锁扔在地上"))
        #expect(d.police, "\(d.category)")
        #expect(d.category == .crime, "\(d.category)")
    }

    @Test func aCarerHittingTheOldPersonInTheirCareIsViolenceWithEscalation() {
        expectPolice(["我爸住的那个养老院，护工嫌他尿床扇他耳光", "奶奶身上好几块青的，问了才说是被保姆掐的"], .violence)
        let d = Fixture.engine.decide(CallInput(text: "请来的保姆趁我们不在家拿衣架打我外公"))
        #expect(d.police, "\(d.category)")
        #expect(d.risk.escalation)
    }

    @Test func aBeatingThatRecursCarriesEscalation() {
        let d = Fixture.engine.decide(CallInput(text: "我老伴喝了酒又打我，这个月都第三回了"))
        #expect(d.police, "\(d.category)")
        #expect(d.category == .violence, "\(d.category)")
        #expect(d.risk.escalation)
    }

    @Test func anOldPersonSayingHeIsABurdenIsAtRisk() {
        expectPolice(["我爸最近老说自己是个累赘，今天一早出门手机也关了", "外婆坐在窗台上说活够了",
                      "我公公一直念叨不想拖累子女，刚才一个人出门了"], .danger)
    }

    @Test func someoneInTheHomeTakingMoneyIsAPossibleBurglary() {
        expectPolice(["我妈说半夜家里进了人，抽屉里的金镯子没了", "我奶奶反复说屋里进了人，柜子里的钱被人拿走了"], .crime)
    }

    @Test func belongingsLeftByWaterWithThePersonGoneIsDanger() {
        expectPolice(["我爷爷的拐杖扔在水库边上，他人不见了", "河边上放着我外公的一双鞋，到处都找不到他"], .danger)
    }

    @Test func aGasCylinderRefillIsHelpButAGasSmellStaysPolice() {
        expectDiverted(["家里煤气用完了，能不能叫人送一罐上来", "我外婆一个人搬不动液化气，想找人帮忙换煤气罐"])
        let d = Fixture.rulesEngine.decide(CallInput(text: "家里煤气用完了，能不能叫人送一罐上来"))
        #expect(d.category == .livelihoodHelp, "\(d.category)")
        expectPolice(["煤气罐换好以后一直有股味道", "厨房液化气用完了，换了新罐以后阀门那里嘶嘶响"], .hazard)
    }

    @Test func anOldPersonLookingForAThingIsHelpButAMissingOldPersonIsDanger() {
        expectDiverted(["我奶奶找不到老花镜了，急得团团转", "外公一早上都找不到假牙，问了好几遍"])
        expectPolice(["我奶奶找不到了，早上出门到现在没回来", "外婆喝了酒找不到钥匙，一个人在外面", "我爷爷一早上都找不到了"])
    }

    @Test func aSellerRefusingRepairIsConsumerButAThreatStaysPolice() {
        expectDiverted(["买的助听器才用两个月就坏了，售后说不保修", "专卖店说是人为损坏，不肯修"])
        let d = Fixture.rulesEngine.decide(CallInput(text: "专卖店说是人为损坏，不肯修"))
        #expect(d.category == .consumer, "\(d.category)")
        expectPolice(["店里不给修，老板还拿扳手要砸我"])
    }

    @Test func aRudeBusDriverIsPublicTransportButAPushOffTheBusIsPolice() {
        expectDiverted(["公交司机嫌我动作慢，一路上都在骂", "坐公交刷老年卡上车，司机态度很差"])
        let d = Fixture.rulesEngine.decide(CallInput(text: "坐公交刷老年卡上车，司机态度很差"))
        #expect(d.category == .publicTransport, "\(d.category)")
        expectPolice(["公交司机嫌我慢，一把把我推下车，我摔在地上起不来"])
    }

    @Test func aSilentCallAlreadyCalledBackIsInvalid() {
        let d = Fixture.rulesEngine.decide(CallInput(text: "无声，已回拨，对方称老人机误按"))
        #expect(d.category == .invalid, "\(d.category)")
        #expect(d.target == .none, "\(d.target)")
    }
}
