import Foundation
import Testing
@testable import FenliuDomain

/// `redteam33.jsonl`: a thirty-third red-team round on foreigners in Yiwu — foreign traders, buyers and residents (Arab,
/// African, South Asian, Korean, Russian-speaking, Latin American) calling in simple or broken Chinese with English
/// words mixed in (passport, police, money, container), or an interpreter, shop assistant, hotel clerk, landlord or
/// warehouse keeper calling for them. 21 police matters and 29 ordinary ones. Written blind, it diverted no police call
/// (police recall 1.000 with the shipped config and with the rules alone, which gave identical decisions) but kept
/// six ordinary calls with the police because no rule knew them (goods delivered in the wrong colour with "老板说不能换",
/// a container held up by the logistics company, a building "没有电了", fake shoes with "老板说不退", "坐哪一路公交车",
/// a property company's fees), sent a hotel's kept deposit to property_neighbor and a factory's black smoke to hazard:
/// diversion recall 0.750, exact target accuracy 0.840. Two police calls were police only by default: a seven-year-old
/// "在市场里面不见了，找了一个小时都没有找到" (the age before the comma) and a street money changer's "假钱". The
/// families were fixed in config/rules (the *_r33 rules), so its own score flatters the rules; the sentences below
/// are fresh. The factory's "一直冒黑烟" still goes to the police (safety.dark_smoke; left as it is, safety first).
@Suite struct RedTeam33Tests {
    @Test func redTeam33CorpusNeverDivertsAPoliceMatter() throws {
        try expectCorpus("redteam33", atLeast: 50, targetAccuracy: 0.98, townshipAccuracy: 0.9)
    }

    @Test func aChildNamedWithAnAgeAndThenGoneIsAMissingChild() {
        expectPolice(["我女儿五岁，刚才在商城里一下就找不到了", "my son 六岁，在公园玩，lost 了",
                      "我们的孩子在广场上找了半天还是没找到"], .danger)
    }

    @Test func counterfeitNotesPassedToTheCallerAreAFraud() {
        expectPolice(["有个买家付给我的美元是假的", "收银的时候收到两张假钞", "他换给我的人民币全是假的",
                      "对方给了我一沓假的钱就跑了"], .fraud)
    }

    @Test func aThreatToComeAndKillToldInAMessageIsADisputeRisk() {
        expectPolice(["他在微信里说要带人过来砍我", "供应商打电话说要上门弄死我"], .disputeRisk)
    }

    @Test func wrongGoodsOrARefusedExchangeIsConsumer() {
        expectDiverted(["我订的是黑色的箱包，到货全是白色的，厂家说不肯换", "发过来的尺码不对，卖家不让退货",
                        "样品是红色，大货是粉色的，和样品不一样", "我在网上买了个假钱包，想退货"])
        let d = Fixture.rulesEngine.decide(CallInput(text: "给孩子买的十岁生日礼物，颜色不对，店里不能换"))
        #expect(d.category == .consumer, "\(d.category)")
        #expect(d.target == .hotline12345, "\(d.target)")
    }

    @Test func aContainerHeldUpOrAHotelKeepingTheDepositIsConsumer() {
        for text in ["我的货柜在货代那边压了十天了还没走", "集装箱船期一直推迟，客户在催", "宾馆退房时扣了我一百块押金不给退",
                     "订了三晚hotel只住了一晚，剩下的房费不退"] {
            let d = Fixture.rulesEngine.decide(CallInput(text: text))
            #expect(!d.police, "\(text) → \(d.category)")
            #expect(d.category == .consumer, "\(text) → \(d.category)")
        }
    }

    @Test func anOutageABusQuestionOrPropertyFeesAreDiverted() {
        let power = Fixture.rulesEngine.decide(CallInput(text: "整个公寓都没有电了，冰箱里的东西要坏了", address: "北苑街道"))
        #expect(power.category == .utilities, "\(power.category)")
        #expect(power.target == .township, "\(power.target)")
        let bus = Fixture.rulesEngine.decide(CallInput(text: "去火车站坐哪路车"))
        #expect(bus.category == .publicTransport, "\(bus.category)")
        let fee = Fixture.rulesEngine.decide(CallInput(text: "物业每年涨费也不说原因", address: "义亭镇"))
        #expect(fee.category == .propertyNeighbor, "\(fee.category)")
        #expect(fee.township == "义亭镇", "\(String(describing: fee.township))")
        expectDiverted(["我们村里从中午开始都没有电", "物业乱收停车费，一个月要三百", "儿子三岁，他的玩具找不到了"])
    }

    @Test func aDangerInsideTheNewHarmlessFamiliesStaysPolice() {
        expectPolice(["订的蓝色的货，送货的人拿刀砍了我，都是红色", "物业的人拿刀逼我们交费", "酒店退房的时候前台的人打我",
                      "货柜还没走，货代拉黑了我，钱也骗走了", "楼里没有电了，我爸的呼吸机停了",
                      "坐哪一路公交车的时候有人一直跟着我", "颜色不对，老板叫人把我打了"])
    }
}
