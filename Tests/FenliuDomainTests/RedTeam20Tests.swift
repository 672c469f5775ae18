import Foundation
import Testing
@testable import FenliuDomain

/// `redteam20.jsonl`: a twentieth red-team round on phones and the internet in ordinary lives — loan apps and debt
/// collectors, couriers and parcel lockers, live-stream shopping, second-hand platforms, game accounts, ride-hailing,
/// takeaway riders and WeChat groups. 22 police matters (a collector threatening to find a child at school, a scam on a
/// video call, a stranger met online waiting downstairs, a rider punched by a customer, an account emptied, a 15-year-old
/// told by an order-brushing "job" to bring a bank card to a hotel, sextortion, a ride-hailing driver who will not stop)
/// and 38 ordinary ones (a parcel stuck or crushed, a locker that will not open, a live-stream refund refused, fake goods,
/// a game top-up not credited, a longer route, a cold takeaway, marketing calls, loan-app interest, a polite collector).
/// Written blind, it diverted two police calls (a ride-hailing driver who would not stop → public transport; a parcel
/// taken from a locker by a stranger → property): police recall 0.909, diversion recall 0.684, exact target accuracy
/// 0.733, category accuracy 0.533, township accuracy 0.786, escalation recall 0.667. Eight ordinary calls were kept with
/// the police because no rule knew them, and a rider punched in the face, a fake "百万保障" customer service, a phone
/// carried off in a second-hand deal and a game-skin scan scam were police only by default. Its misses were fixed with
/// the families below (after them: police recall, diversion recall and exact target accuracy 1.000, category accuracy
/// 0.950, township accuracy 1.000, escalation recall 0.889), so its own score flatters the rules; the sentences here are
/// fresh.
@Suite struct RedTeam20Tests {
    @Test func redTeam20CorpusNeverDivertsAPoliceMatter() throws {
        try expectCorpus("redteam20", atLeast: 60, targetAccuracy: 0.98, townshipAccuracy: 0.98)
    }

    // MARK: police side

    @Test func aDriverWhoWillNotLetThePassengerOutIsADanger() {
        expectPolice(["滴滴司机不照导航开，往山脚那边开，我喊他停下他就是不停", "出租车上我让司机停车他也不理，一直往郊外开",
                      "拼车的司机不让我下车，说到了地方再说"])
        let d = Fixture.engine.decide(CallInput(text: "出租车上我让司机停车他也不理，一直往郊外开"))
        #expect(d.category == .danger, "\(d.category)")
    }

    @Test func aPunchOrASlapThatLandedIsViolence() {
        expectPolice(["我送外卖的，被顾客一拳打在脸上", "快递员跟客户吵架，客户一巴掌扇到他脸上", "店里有个男的把顾客按住打了好几拳"],
                     .violence)
    }

    @Test func someoneToldToBringABankCardToAHotelIsADanger() {
        expectPolice(["我侄女十六岁，网上说做兼职，叫她带上银行卡到一家酒店去", "网友让我儿子拿着身份证去宾馆找他"], .danger)
    }

    @Test func aParcelTakenByAStrangerOrAPhoneCarriedOffInADealIsACrime() {
        expectPolice(["我的快递被别人领走了，驿站说是凭取件码取的", "放在快递柜里的包裹监控里看是个陌生人取走的",
                      "二手平台约的买家，我把相机递给他试一下他抱着就跑了"], .crime)
    }

    @Test func everydayOnlineScamWordsAreFraud() {
        expectPolice(["有个客服说我开通了百万保障，不关闭每个月要扣钱，叫我转钱", "孩子在游戏里说可以免费领皮肤，扫了码我微信零钱五百块没了"],
                     .fraud)
    }

    @Test func aDangerBesideTheNewHarmlessFamiliesStaysPolice() {
        expectPolice(["催收说话挺客气，但是说要去我儿子学校", "游戏充值没到账，客服让我下载个软件开共享屏幕", "借了我两万不还，我找他要他还拿刀吓我",
                      "外卖晚了半个钟，顾客拿刀出来要砍我", "网贷利息太高了我还不起，不想活了", "快递被压坏了，我去驿站理论，老板把我打了",
                      "他的腿被压坏了动不了", "我在网上买的手机，卖家收了钱就把我拉黑了，一直没发货"])
    }

    // MARK: diverted side

    @Test func aParcelStuckCrushedOrChargedForIsAConsumerMatter() {
        let texts = ["快递显示到了中转站就不动了，十天了还没到", "寄的包裹到了被压坏了，快递公司说不赔", "驿站代收一个快递要收两块钱，合理吗"]
        expectDiverted(texts)
        for text in texts {
            let d = Fixture.engine.decide(CallInput(text: text))
            #expect(d.category == .consumer && d.target == .hotline12345, "\(text) → \(d.category) \(d.target)")
        }
    }

    @Test func aLockerThatWillNotOpenIsLivelihoodHelp() {
        for text in ["丰巢柜子输了取件码就是不弹开", "小区快递柜坏了，柜门开不了"] {
            let d = Fixture.rulesEngine.decide(CallInput(text: text))
            #expect(!d.police && d.category == .livelihoodHelp, "\(text) → \(d.category)")
        }
    }

    @Test func topUpsFakeGoodsTakeawaysCallsAndInterestAreConsumerMatters() {
        let texts = ["给手游充了三百块钱一直没到账", "开了个视频会员，钱扣了会员没开通", "网上买的茅台拿去专柜一验是假的",
                     "直播间买的金手镯一测不是真的", "直播间买的玉镯拿去鉴定是假的，主播把我拉黑了", "外卖送到的时候饭菜都凉了，出餐慢还怪骑手",
                     "每天都有推销电话打过来，问我要不要贷款", "借款软件上借了三千，利息高得离谱，这正常吗",
                     "信用卡催收一天打五六个电话，说话还挺客气，就是影响我上班"]
        expectDiverted(texts)
        for text in texts {
            let d = Fixture.rulesEngine.decide(CallInput(text: text))
            #expect(d.category == .consumer, "\(text) → \(d.category)")
        }
    }

    @Test func payHeldBackIsLabourAndAnUnpaidPrivateLoanIsAConsultation() {
        let rider = Fixture.engine.decide(CallInput(text: "外卖站点的站长扣着我一个月跑单费不给"))
        #expect(!rider.police && rider.category == .labor, "\(rider.category)")
        let site = Fixture.engine.decide(CallInput(text: "在大陈一家服装厂做了半年，老板押着两个月工资不给，说辞职就不结"))
        #expect(site.category == .labor && site.target == .township && site.township == "大陈镇",
                "\(site.category) \(site.target) \(String(describing: site.township))")
        let loan = Fixture.engine.decide(CallInput(text: "表哥借了我两万说年底还，现在电话也不接"))
        #expect(!loan.police && loan.category == .consultation, "\(loan.category)")
    }

    @Test func couriersKeptOutAndAHangingCableAreOnSiteMatters() {
        let barred = Fixture.engine.decide(CallInput(text: "物业不让外卖进小区，骑手只能把餐放门口", address: "北苑街道某小区"))
        #expect(barred.category == .propertyNeighbor && barred.target == .township, "\(barred.category) \(barred.target)")
        let cable = Fixture.engine.decide(CallInput(text: "小区门口一根光纤线垂下来挂在人行道上方", address: "上溪镇"))
        #expect(cable.category == .utilities && cable.township == "上溪镇", "\(cable.category)")
    }

    @Test func someoneWaitingAtTheDoorAfterMeetingOnlineIsPublicOrderAndACallCountIsNotABeating() {
        expectPolice(["网上认识的一个女的天天在我公司楼下守着，说不见我就不走", "前男友在我宿舍楼下蹲着，打电话不接他就一直等"], .publicOrder)
        let calls = Fixture.engine.decide(CallInput(text: "有个男的一天打了我三十多个电话，现在在我家门口蹲着"))
        #expect(calls.police && calls.category == .publicOrder, "\(calls.category)")
        expectPolice(["那个人打了我一顿，还打了我十几个电话"], .violence)
    }

    @Test func anExPartnerThreateningToPublishIntimatePhotosIsADisputeRiskWithEscalation() {
        let d = Fixture.engine.decide(CallInput(text: "跟男朋友分手了，他说不复合就把我的裸照发到网上"))
        #expect(d.police && d.category == .disputeRisk && d.risk.escalation, "\(d.category) \(d.risk.escalation)")
        expectPolice(["网友裸聊录了视频说要发给我家人，让我转五千"], .fraud)
    }

    @Test func aThreatToMaimToSortSomeoneOutOrToPublishAnAddressIsADisputeRisk() {
        expectPolice(["利息太高了，他们说明天来我家，不还就卸我一条腿", "驿站老板说我再来闹就叫人收拾我",
                      "游戏充值没到账，对方说再不充就把我家地址发到网上"], .disputeRisk)
    }

    @Test func aRelativeSaidToBeHeldIsADangerEvenInAMarketingCall() {
        expectPolice(["推销电话打过来说我孩子在他们手上，要我打钱", "有人发消息说你儿子在我们手里，报警就撕票"], .danger)
    }
}
