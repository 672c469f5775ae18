import Foundation
import Testing
@testable import FenliuDomain

/// `redteam17.jsonl`: a seventeenth red-team round of children and teenagers calling 110 themselves (parents fighting,
/// a pupil beaten or threatened at school or online, a teenager asked for nude photos, a child home alone and scared
/// of a noise, a student locked out, a child playing with the phone) and very old callers who are hard of hearing or
/// repeat themselves, with their ordinary matters (a lost school or canteen card, a broken swing or slide, a dog
/// barking next door, a bus route, a pension or a gas bill). 22 police matters and 34 ordinary ones. Written blind, it
/// DIVERTED one police call — "我弟弟不见了…一转身就找不到了，他才四岁" went to lost property, since the missing-person
/// rule knew parents and children but not siblings or grandchildren (police recall 0.955) — and kept ten ordinary
/// calls with the police or sent them astray: a broken swing read as lost property (坏掉了 holds 掉了), a cracked slide,
/// a bill or pension question, a mislaid canteen card, a bus that did not stop (no rule), a lift "没有人关在里面" read as
/// someone trapped (diversion recall 0.710, exact target accuracy 0.804, township accuracy 0.600). After the fixes:
/// police recall 1.000, diversion recall 0.903, exact target 0.946, township 0.800. Three ordinary calls stay with the
/// police on purpose-built safety words (健身器材 "掉下来了", a wasp nest "窗户外面", a factory "冒黑烟"). The sentences
/// Three police calls were police only because no rule knew them — a child on a call-back saying "爸爸在打妈妈", a
/// child alone hearing someone climb onto the balcony, a game-account "转钱解冻" scam — and now have rules (escalation
/// recall 0.800 → 1.000, category accuracy 0.661 → 0.857). The sentences below are fresh.
@Suite struct RedTeam17Tests {
    @Test func redTeam17CorpusNeverDivertsAPoliceMatter() throws {
        try expectCorpus("redteam17", atLeast: 56, targetAccuracy: 0.94, townshipAccuracy: 0.78)
    }

    @Test func aMissingSiblingGrandchildOrSmallChildIsADanger() {
        expectPolice(["我弟弟在超市里一下子不见了", "我孙子在小区楼下玩，现在找不到了", "一眨眼就找不到了，她只有三岁",
                      "我妹妹跟我出来买东西，走丢了"], .danger)
    }

    @Test func someoneInsideAStuckLiftStaysPoliceButAnEmptyBrokenLiftIsDiverted() {
        expectPolice(["电梯停了，有人关在里面"], .danger)
        let lift = Fixture.engine.decide(CallInput(text: "小区电梯坏了两天，没有人关在里面，物业不来修"))
        #expect(!lift.police, "\(lift.category)")
        #expect(lift.category == .propertyNeighbor, "\(lift.category)")
    }

    @Test func brokenPlayOrFitnessEquipmentIsUtilitiesButAnInjuryStaysPolice() {
        for text in ["小区里的跷跷板断了一块板", "广场上的健身器材松动了没人管", "幼儿园旁边那个滑梯锈穿了"] {
            let d = Fixture.engine.decide(CallInput(text: text))
            #expect(d.category == .utilities, "\(text) → \(d.category)")
        }
        expectPolice(["秋千断了，我儿子摔下来头上流血了"])
    }

    @Test func aBillOrPensionQuestionIsAConsultationButAGasSmellStaysAHazard() {
        for text in ["请问水费去哪交", "退休工资这个月怎么少了", "煤气费怎么这么贵啊，煤气费"] {
            let d = Fixture.engine.decide(CallInput(text: text))
            #expect(d.category == .consultation, "\(text) → \(d.category)")
        }
        expectPolice(["燃气费交了，可是家里煤气味好重"], .hazard)
    }

    @Test func aMislaidCardOrABusProblemIsDiverted() {
        let card = Fixture.engine.decide(CallInput(text: "我的校园卡不知道丢哪了"))
        #expect(card.category == .livelihoodHelp, "\(card.category)")
        let senior = Fixture.engine.decide(CallInput(text: "敬老卡坐车刷了没反应"))
        #expect(senior.category == .publicTransport, "\(senior.category)")
        let bus = Fixture.engine.decide(CallInput(text: "我在车站等车，公交车开过去没停"))
        #expect(bus.category == .publicTransport, "\(bus.category)")
        #expect(bus.target == .hotline12345, "\(bus.target)")
        expectPolice(["公交车撞了人不停开走了"], .traffic)
    }

    @Test func aChildReportingABeatingAtHomeIsViolence() {
        expectPolice(["回拨过去小孩说后爸在揍姐姐", "我爸刚才又打我妈了，打得好凶"], .violence)
        let call = Fixture.engine.decide(CallInput(text: "老爸昨天打我电话没接到"))
        #expect(call.reasons.allSatisfy { $0.rule != "safety.child_reports_beating" }, "\(call.reasons)")
    }

    @Test func aChildAloneAtHomeWithAnIntruderIsPolice() {
        expectPolice(["有人在翻我家窗户", "家里只有我，门口一直有奇怪的声音"], .crime)
    }

    @Test func payingToUnfreezeAnAccountIsFraud() {
        expectPolice(["客服说我的游戏号被冻结了，要交保证金才能解冻", "他让我先转账，说转完就给我解封"], .fraud)
    }
}
