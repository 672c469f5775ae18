import Foundation
import Testing
@testable import FenliuDomain

/// `redteam54.jsonl`: a fifty-fourth red-team round on follow-ups, repeat calls and callers referring to earlier
/// events — ringing back about an earlier report (上次报的漏水还没人来, 第三次打了, 又来了), complaints about how an
/// earlier call was handled, disputes that escalated since yesterday, callers cancelling an earlier report (some with
/// signs of coercion), and past crimes that are over against ones still going on. 23 police matters, 26 ordinary ones
/// and a misdial. Written blind, the shipped config diverted no police call (police recall 1.000, diversion recall
/// 0.885, exact target accuracy 0.940, category accuracy 0.860, township accuracy 0.938); the rules alone gave the
/// same figures, so the police model's veto kept nothing. Three ordinary calls were kept with the police: a caller
/// ringing back ("我又打来了，停水都停两天了", read as 又打, hit again), a bike stolen last year and found, asked about
/// re-registering (被偷), and a mother who wandered off once and was brought back, asked about a tracker (走丢, and
/// 防走失 read as 走失). A cancellation with the call-taker's note of a shaking voice and a man shouting "hang up" stayed
/// police only by default; a woman beaten again after a mediation was not flagged for escalation; a complaint about
/// a bus driver went to consumer. Fixed by families (ids `*_r54`), so its own score flatters the rules; the sentences
/// below are fresh.
@Suite struct RedTeam54Tests {
    @Test func redTeam54CorpusNeverDivertsAPoliceMatter() throws {
        try expectCorpus("redteam54", atLeast: 50, targetAccuracy: 0.98, townshipAccuracy: 1.0)
    }

    @Test func aCallerRingingBackIsNotABlow() {
        expectDivertedInCategory(["我又打来了，小区门口的路灯还是不亮"], .utilities)
        expectDivertedInCategory(["我们又打过来问一下，垃圾到底什么时候有人来清"], .consultation)
        expectDiverted(["你好，我又打来了，上礼拜说的那个路面塌了一块还没人修"])
    }

    @Test func aCallerRingingBackAboutABlowOrAKnifeStaysPolice() {
        expectPoliceByRules(["我又打来了，他又打我了，脸都肿了", "我又打过来是因为他拿着刀在门口转"], .violence)
    }

    @Test func aLossThatIsOverBeforeAQuestionIsAConsultation() {
        expectDivertedInCategory(["之前丢的那辆自行车已经找回来了，想问问车架号登记去哪里办",
                                  "我爸上回走失被民警送回来了，请问社区能不能给他办个定位卡",
                                  "想给我外公办个防走失的定位卡，请问去哪里办"], .consultation)
    }

    @Test func aLossThatIsBackOrStillOpenStaysPolice() {
        expectPoliceByRules(["我妈上次走丢找回来了，今天又走丢了，到现在还没找到",
                             "我孩子上次走丢被拐后至今没找回来，想问问进展",
                             "我奶奶戴着防走失手环，今天还是走丢了"], .danger)
        expectPoliceByRules(["去年被偷的电动车找回来了，想问问小偷抓到没有"], .crime)
    }

    @Test func aCancellationWithSomeoneStandingByStaysPolice() {
        expectPoliceByRules(["没事了，你们别来了（接警员注：报警人压低声音，背景有人骂）",
                             "我搞错了，不用出警了，他就在我旁边，我挂了"], .danger)
        // A cancellation with nobody standing by is judged on what it is about.
        expectDiverted(["刚才报的下水道堵了，物业已经来修好了，不用来了"])
    }

    @Test func someoneOutOfReachAfterAFollowerIsDanger() {
        expectPoliceByRules(["我儿子说放学路上有个陌生人跟着他，现在电话打不通了",
                             "我姐说有个男的一路尾随她，刚才电话突然挂了，再也打不通"], .danger)
    }

    @Test func aBlowAgainAfterAnEarlierCallIsAnEscalation() {
        let texts = ["上回你们来调解过，今天他又把我打了", "你们上次来过以后他保证不再动手，今天又打了我一顿",
                     "之前报过警的，他今天又揍我了"]
        expectPoliceByRules(texts, .violence)
        for text in texts {
            #expect(Fixture.engine.decide(CallInput(text: text)).risk.escalation, "\(text)")
            #expect(Fixture.rulesEngine.decide(CallInput(text: text)).risk.escalation, "\(text)")
        }
        // An earlier mediation and a car parked again: no blow, no escalation, and the rules divert it.
        let parked = Fixture.rulesEngine.decide(CallInput(text: "上次你们来调解过，今天他们家又把车停我门口了"))
        #expect(!parked.risk.escalation)
        #expect(!parked.police, "\(parked.category)")
    }

    @Test func aComplaintAboutABusOrTaxiDriverIsPublicTransport() {
        expectDivertedInCategory(["坐的士被司机骂了，态度好差，想投诉", "投诉一下那个出租车司机，故意绕路多收钱"],
                                 .publicTransport)
    }

    @Test func aDriverWhoPushesDrinksOrIgnoresACollapseStaysPolice() {
        expectPoliceByRules(["公交司机骂了我还推了我一把，我摔倒了"], .violence)
        expectPoliceByRules(["我想投诉公交司机，他喝了酒还在开车"], .traffic)
        expectPoliceByRules(["公交上老人晕倒司机态度很差不肯停"], .danger)
    }
}
