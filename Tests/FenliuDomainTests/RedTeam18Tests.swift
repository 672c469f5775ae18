import Foundation
import Testing
@testable import FenliuDomain

/// `redteam18.jsonl`: an eighteenth red-team round on night-time and entertainment places — KTV rooms, bars, night
/// markets, barbecue stalls, internet cafes, small hotels and massage shops. 21 police matters (a drunk fight, a bottle
/// thrown, a customer who will not wake, a bill forced with men at the door, gambling in a back room, drugs passed
/// around, an under-age looking girl taken into a room, a phone snatched, a drunk about to drive, a child gone at the night
/// market) and 34 ordinary ones (bar noise after midnight, barbecue smoke, an over-long bill, a phone left in a KTV room, a
/// hotel refusing a refund, a massage shop's sign lights, prepaid cards). Written blind, it diverted no police call
/// (police recall 1.000) but kept eight ordinary calls with the police (a complaint about a bill or a meal told as
/// "想投诉", "感觉被宰了", a prepaid card "不退", a question on opening hours, sign lights too bright): diversion recall
/// 0.758, exact target accuracy 0.855, category accuracy 0.727, township accuracy 0.889, escalation recall 0.571.
/// A drunk about to drive, a child gone "一转眼", an under-age girl taken into a hotel room and a phone gone from an
/// internet cafe desk were police only by default. Its misses were fixed with the families below, so its own score
/// flatters the rules; the sentences here are fresh.
@Suite struct RedTeam18Tests {
    @Test func redTeam18CorpusNeverDivertsAPoliceMatter() throws {
        try expectCorpus("redteam18", atLeast: 55, targetAccuracy: 0.98, townshipAccuracy: 0.94)
    }

    @Test func aComplaintAboutABillOrAPriceWithNoThreatIsAConsumerMatter() {
        let texts = ["在大排档吃了个夜宵，老板多算了我两瓶啤酒，想投诉一下", "KTV包厢的酒水一瓶要两百多，我觉得被宰了",
                     "棋牌室充了五百的会员，老板说余额不给退"]
        expectDiverted(texts)
        for text in texts {
            let d = Fixture.engine.decide(CallInput(text: text))
            #expect(d.category == .consumer && d.target == .hotline12345, "\(text) → \(d.category) \(d.target)")
        }
    }

    @Test func theSameBillWithMenAtTheDoorOrABeatingStaysPolice() {
        expectPolice(["烧烤店吃完结账多算了钱，我跟老板理论，他叫了几个人堵着门不让我们走", "想投诉那家KTV，刚才他们的保安把我朋友打得头破血流",
                      "卡里的钱不退，老板还说再来闹就找人砍我"])
    }

    @Test func aBareQuestionOnOpeningHoursIsAConsultation() {
        let d = Fixture.engine.decide(CallInput(text: "想问问网吧营业时间有没有规定"))
        #expect(!d.police && d.category == .consultation, "\(d.category)")
    }

    @Test func signLightsTooBrightAreACityMatterButAFallingSignIsNot() {
        let d = Fixture.engine.decide(CallInput(text: "隔壁发廊门口的灯箱晚上亮得刺眼，照进我家里", address: "稠江街道"))
        #expect(!d.police && d.category == .cityManagement, "\(d.category)")
        #expect(d.target == .township, "\(d.target)")
        expectDiverted(["街对面那家店装了个霓虹灯，一闪一闪的晚上睡不着"])
        expectPolice(["对面店的灯箱被风吹得掉下来砸到人了"])
    }

    @Test func aChildGoneInABlinkIsMissing() {
        expectPolice(["在游乐场孙女跑得快，一转身就找不到了", "广场上人多，我女儿三岁，一眨眼就不见了"], .danger)
    }

    @Test func aDrunkAboutToDriveIsATrafficMatter() {
        expectPolice(["隔壁桌那个男的喝醉了，摇摇晃晃地要开车回家", "他喝了酒还非要开车走，我们拉不住"], .traffic)
    }

    @Test func anUnderAgeGirlTakenIntoARoomIsADangerButAQuestionAboutMinorsIsNot() {
        expectPolice(["有个老男人把一个初中生模样的女孩拉进了包厢", "楼下小旅馆，一个中年人领着个十二三岁的小姑娘进了房间"], .danger)
        let d = Fixture.engine.decide(CallInput(text: "想问一下未成年人能不能进网吧"))
        #expect(!d.police && d.category == .consultation, "\(d.category)")
    }
}
