import Foundation
import Testing
@testable import FenliuDomain

/// `redteam50.jsonl`: a fiftieth red-team round on callers who cannot speak freely, and those who sound like them —
/// a woman who pretends to order a takeaway or to talk to her mother or sister while a man listens, a whisper from a
/// wardrobe or a locked toilet, call-taker notes of yes/no answers (问是否有危险答是, 对方不方便说话, 只能回答嗯或者不是),
/// children calling about a drunk or collapsed parent, 12110 texts from deaf callers, a call cut off after a scream, a
/// hostage-like robbery in a shop, a drugged caller; beside them a real takeaway complaint, a noted and an unnoted
/// misdial, an old woman asking the time, a widower wanting company, a drinker complaining of a taxi fare, whispering
/// because the baby sleeps, and a call-taker's "问是否有危险，答没有". 25 police matters, 23 ordinary ones and 2 misdials.
/// Written blind, the shipped config diverted no police call (police recall 1.000, diversion recall 0.826, exact
/// target accuracy 0.920, category accuracy 0.620, township accuracy 0.889); the rules alone gave the same figures, so
/// the police model's veto kept nothing. Four police calls stayed police only because no rule matched: the takeaway
/// pretext ("我要点个外卖 … 他就在边上，你别挂"), the pretended call to her mother ("他又喝多了，刚把手机都摔了": the
/// longer 又喝多了 of a stood-down rule hid the shorter drunk words), the call-taker's "问是否有危险答是", and a woman
/// held in a KTV room ("我说要走他们拦着不让"). Four ordinary calls were kept with the police: an unnoted misdial asking a
/// repairer to fix the air conditioner, a takeaway delivered to the wrong building, a bill above the menu price, and a
/// stroke survivor's power cut (left so: 中风 is a safety word). Fixed by families (ids `*_r50`), so its own score
/// flatters the rules; the sentences below are fresh.
@Suite struct RedTeam50Tests {
    @Test func redTeam50CorpusNeverDivertsAPoliceMatter() throws {
        try expectCorpus("redteam50", atLeast: 50, targetAccuracy: 0.98, townshipAccuracy: 0.88)
    }

    @Test func aCallTakersYesToDangerOrToSomeoneBesideIsDanger() {
        expectPoliceByRules(["接警员询问是否被人控制，回答嗯", "问来电人是否有人在身边，答是",
                             "来电人只能用嗯或者不是回答，确认在宾馆"], .danger)
    }

    @Test func aCallerWhoCannotSpeakFreelyIsDanger() {
        expectPoliceByRules(["对方不方便说话，报了一个小区名字", "来电女子不敢大声说，反复说快来",
                             "他在我边上听着，我不能多讲", "千万别回拨，他会听到"], .danger)
    }

    @Test func orderingFoodFrom110WithTheManBesideIsDanger() {
        expectPoliceByRules(["帮我订一份麻辣烫，送到春华小区12幢，越快越好", "我想点两份汉堡，他在家，别挂"], .danger)
    }

    @Test func someoneKeptFromLeavingOrForcedToDrinkIsDanger() {
        expectPoliceByRules(["我想下车，他们挡着不让", "饭局上老板逼我喝酒，我要回家他们堵着门"], .danger)
    }

    @Test func aDrunkPartnerOrParentSmashingThingsIsADisputeRisk() {
        expectPoliceByRules(["老公今晚喝醉了在家砸电视", "我爸喝多了又在摔碗"], .disputeRisk)
        for text in ["老公今晚喝醉了在家砸电视", "我爸喝多了又在摔碗"] {
            let d = Fixture.rulesEngine.decide(CallInput(text: text))
            #expect(d.risk.escalation, "\(text): no escalation")
        }
    }

    @Test func someoneBusyOrWhisperingForABabyOrAnsweringNoIsNotWatched() {
        expectDivertedInCategory(["来电人称在开会不方便说话，想问一下护照怎么办", "我在上课，小声问下，社保怎么转"], .consultation)
        expectDivertedInCategory(["接警员问是否有危险，答没有，称小区路灯坏了"], .utilities)
        expectDivertedInCategory(["宝宝睡着了我小声说，楼下KTV太吵"], .noise)
    }

    @Test func aBrokenApplianceAndARepairerWantedIsLivelihoodHelp() {
        expectDivertedInCategory(["师傅，我家洗衣机不转了，能上门修吗", "热水器不出热水，想找个维修师傅"], .livelihoodHelp)
        // Food spoiled in a power cut is the outage, not a broken fridge.
        let d = Fixture.rulesEngine.decide(CallInput(text: "停电一天了，冰箱里的肉都坏了", address: "廿三里街道"))
        #expect(d.category == .utilities, "\(d.category)")
        #expect(d.target == .township, "\(d.target)")
    }

    @Test func aMisroutedDeliveryOrABillAboveTheMenuIsConsumer() {
        expectDivertedInCategory(["外卖又送错地址了，商家不管", "价目表上不是这个价，老板不肯重新算"], .consumer)
        // The rules divert it; the shipped police model may keep it (its reading, not a rule's).
        expectDiverted(["快递员把我的包裹投错了柜子，客服不理"])
        let d = Fixture.rulesEngine.decide(CallInput(text: "快递员把我的包裹投错了柜子，客服不理"))
        #expect(d.category == .consumer, "\(d.category)")
    }

    @Test func aRealDangerBesideTheNewOrdinaryWordsStaysPolice() {
        expectPoliceByRules(["冰箱不制冷了，师傅来修的时候被电到了，倒地不起", "外卖送错了，我去拿，那家男的拿刀出来砍我",
                             "菜单上没这么贵，老板叫了几个人把我堵在店里不让走", "热水器坏了，师傅还没来，屋里一股煤气味"])
    }
}
