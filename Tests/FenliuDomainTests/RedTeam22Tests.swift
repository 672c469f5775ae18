import Foundation
import Testing
@testable import FenliuDomain

/// `redteam22.jsonl`: a twenty-second red-team round set in Yiwu's International Trade City — stall holders, foreign
/// buyers and traders in broken Chinese or half English, freight yards and logistics firms, e-commerce warehouses,
/// live-stream sellers, translators and agents. 20 police matters and 30 ordinary ones. Written blind, it diverted four
/// police calls (police recall 0.800): a foreign buyer locked in an office "不给钱不可以走" went to labour on 不给钱, a
/// fake export agent who took a deposit ("公司地址也是假的") went to consumer on 定金, black smoke pouring out of a
/// locked warehouse went to environment, and a creditor's gang in an office ("今天不给钱就不客气") went to noise on 大声.
/// Nine ordinary calls stayed with the police (stall rent and market fees, a lost parcel, 高仿 bags, a late supplier, a
/// phone "lost" in a taxi, a work-permit question — no rule knew them — and a wage claim "钱还没回来" read as a missing
/// person); blind figures: diversion recall 0.733, exact target 0.740, category 0.600, township 0.733, escalation
/// recall 0.333. Its misses were fixed with families of wording, so its own score (1.000 target) flatters the rules; the
/// sentences below are fresh.
@Suite struct RedTeam22Tests {
    @Test func redTeam22CorpusNeverDivertsAPoliceMatter() throws {
        try expectCorpus("redteam22", atLeast: 50, targetAccuracy: 0.98, townshipAccuracy: 0.98)
    }

    @Test func aPersonKeptUntilADebtIsPaidIsADetention() {
        expectPolice(["放高利贷的把我同事关在出租房里，说不还清不放人", "那个老外欠了货款，档口老板把他锁在库房里已经半天了",
                      "客户不付钱不让我走，堵在他们公司门口"], .crime)
        let held = Fixture.engine.decide(CallInput(text: "债主把我朋友关在仓库里，说不还钱别想走"))
        #expect(held.risk.escalation, "a detention over a debt is a 民转刑 risk")
    }

    @Test func aForgedPaymentProofOrAFakeCompanyIsAFraud() {
        expectPolice(["他转给我的汇款单是伪造的，十几箱货已经发走了", "买家发的付款截图是ps的，钱根本没到账",
                      "订金打过去以后才知道那个公司是假的，地址是空的", "我付了五万货款，后来发现那个工厂根本不存在"], .fraud)
    }

    @Test func smokePouringOutIsAHazardButAChimneyEveryDayIsNot() {
        expectPolice(["隔壁档口的卷帘门下面冒出来好多烟，人不在", "仓库窗户往外窜黑烟，里面都是纸箱"], .hazard)
        let chimney = Fixture.engine.decide(CallInput(text: "那个工厂烟囱每天冒出黑烟，呛得要命"))
        #expect(!chimney.police, "\(chimney.category)")
        #expect(chimney.category == .environment, "\(chimney.category)")
    }

    @Test func politeSoundingUltimatumsAndHiredThugsAreThreats() {
        expectPolice(["要账的人说这个月再不还就对你不客气", "他们说再不结账就别怪我们不客气了",
                      "他在电话里说，不把钱给他，他就找几个人来揍我", "他放话说要叫人来收拾我，我现在不敢回店里",
                      "快递公司把我的货丢了，我要去找他们拼命", "再不退钱我跟他拼了"], .disputeRisk)
        // A beating that already happened stays violence, not a threat.
        expectPolice(["供应商迟迟不发货，我去问他就叫人打我"], .violence)
    }

    @Test func goodsSeizedSnatchedOrCarriedOffAreACrime() {
        expectPolice(["一伙人硬是把我店里的样品全拉上车了", "有人开着叉车强行把我们的设备拉走了，说我们欠他钱",
                      "在市场门口被人一把拽走了金项链，往前面跑了", "托运部的人把我那批货拉走了，现在打不通电话",
                      "老板收了我的护照，说不干满一年不还", "my boss 拿走了我的护照，不还给我，我想回国"], .crime)
        // An enforcement officer's removal is not a robbery.
        expectDiverted(["城管强行把我摊位上的东西拉走了，我想问问能不能要回来"])
    }

    @Test func tradeCityGrievancesAreDiverted() {
        expectDiverted(["摊位费今年又涨了，市场管理方说不交就收回", "市场管理处每个月多收一笔空调费，也没个收据",
                        "物流公司把我的货搞丢了，只肯赔一百块", "有人在商场里卖A货手表，logo跟真的一模一样",
                        "工厂的交货期过了半个月，货还没做好，订金也不退", "I lost my phone in the taxi，不知道车牌",
                        "钱包落在出租车上了，是绿色的那种车", "我是外国人，工作许可快到期了，要去哪个部门办",
                        "人行道上停了一排私家车，推婴儿车都过不去", "工头说工程款还没到位，钱还没回来，工资先欠着"])
    }

    @Test func stallRentGoesToTheMarketsTownshipAndParcelsToConsumer() {
        let rent = Fixture.engine.decide(CallInput(text: "今年摊位租金一下涨了两成，市场管理处也不给个说法", address: "福田街道国际商贸城二区"))
        #expect(rent.category == .propertyNeighbor, "\(rent.category)")
        #expect(rent.target == .township, "\(rent.target)")
        #expect(rent.township == "福田街道", "\(String(describing: rent.township))")
        let parcel = Fixture.engine.decide(CallInput(text: "快递公司把我寄去迪拜的包裹弄丢了，只肯按运费赔"))
        #expect(parcel.category == .consumer, "\(parcel.category)")
        let wages = Fixture.engine.decide(CallInput(text: "老板说货款还没收回来，工资年后再发，我们干了大半年了", address: "稠江街道某物流公司"))
        #expect(wages.category == .labor, "\(wages.category)")
        #expect(wages.target == .township, "\(wages.target)")
    }

    @Test func aDangerBesideTheNewHarmlessFamiliesStaysPolice() {
        expectPolice(["市场管理处的人因为摊位费把我打了，头上流血", "物流公司的人把包裹弄丢了，我去问还被他推倒了",
                      "卖高仿包的老板拿刀追着顾客", "手机刚被抢lost了", "钱还没回来，我老公去要工资到现在还没回来，电话打不通",
                      "人行道上停满了车，一个小孩被车撞了在哭", "I lost my son in 商贸城，he is five",
                      "我们摊位租金涨了，老板娘喝醉了在市场管理处砸东西", "中介扣着我的护照和工作签证不给我，还说要我交钱"])
    }
    @Test func probesInTheSameVoicesThatNoRuleKnewAreNowPolice() {
        // Found by probing fresh trade-city sentences after the corpus was fixed: each was police only by default.
        expectPolice(["买家拿了货不给钱，还把我推了一下", "客户把我们的翻译推到墙上骂"], .violence)
        expectPolice(["my customer 被关在 hotel 房间，中介不让他出来"], .crime)
        expectPolice(["直播的时候有人冲进来把我的手机砸了", "一伙人闯进档口把玻璃柜砸烂了"], .publicOrder)
        expectPolice(["摊位隔壁的老板天天骂我，还说要让我在市场里混不下去"], .disputeRisk)
        expectPolice(["我把货款转给一个自称是供应商财务的人，后来发现是骗子"], .fraud)
    }

    @Test func aLongerParcelWordThatStandsDownDoesNotHideTheParcelSetting() {
        // consumer.parcel_lost_r22 uses only the short parcel words, so "物流公司 … 送错了" still reaches the parcel setting.
        let d = Fixture.engine.decide(CallInput(text: "我订的一批货被物流公司送错了地方，客服说不管"))
        #expect(!d.police, "\(d.category)")
        #expect(d.category == .consumer, "\(d.category)")
    }
}
