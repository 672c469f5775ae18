import Foundation
import Testing
@testable import FenliuDomain

/// `redteam59.jsonl`: a fifty-ninth red-team round on tip-offs (举报) about illegal activity, in the voices of
/// neighbours, relatives, ex-employees, a hotel cleaner and anonymous callers — gambling dens (麻将机, 推牌九), drug use in
/// a hotel room, a car and a rented flat (锡纸, 吸管, 溜冰), massage shops selling sex, pyramid-selling dormitories (传销),
/// replica guns and crossbows, counterfeit workshops, electric fishing, illegal pig slaughter, unlicensed taxis (黑车),
/// construction waste dumped at night, an unlicensed dentist and shops selling expired food. 25 police matters, 24
/// ordinary ones and a misdial. Written blind, the shipped config diverted no police call (police recall 1.000,
/// diversion recall 0.708, exact target accuracy 0.860, category accuracy 0.640, township accuracy 0.900); the rules
/// alone diverted one (police recall 0.960, exact target accuracy 0.840): call-girl cards under a hotel door read as
/// flyers (小卡片) and an elder-care question (上门服务), kept only by the police model's veto. Four police calls stayed
/// police only because no rule matched: two people smoking from a bottle in a car, a 推拿店 that "做那种生意", a
/// neighbour test-firing crossbows, and a 黑车 tout who shoved an old woman. Six ordinary calls were kept with the
/// police on a word inside a longer one — 自杀 inside 私自杀猪, 拉黑 inside 拉黑车, 枪 inside 水弹枪 — or with no rule at
/// all (a shop gone with a prepaid card, a hotel neighbour's cigarette smoke, docked commission). Fixed by families
/// (ids `*_r59`), so its own score flatters the rules; the sentences below are fresh. A 黑车 driver who would not let a
/// passenger out until paid (R59036) stays police: a person held in a car is a safety signal, and R56009 is crime. It
/// was written blind as a public-transport complaint; on review it is labelled crime (强迫交易), as R56009 is.
@Suite struct RedTeam59Tests {
    @Test func redTeam59CorpusNeverDivertsAPoliceMatter() throws {
        try expectCorpus("redteam59", atLeast: 50, targetAccuracy: 0.98, townshipAccuracy: 1.0)
    }

    @Test func aReplicaGunOrCrossbowMadeOrSoldIsAWeaponsCrime() {
        expectPoliceByRules(["网上有个店在卖钢珠枪，说打鸟一打一个准", "我前同事在出租屋里组装仿真枪，床底下放了一箱子",
                             "楼下那个人偷偷卖弩箭，还教人怎么射", "朋友圈有人卖十字弩，说能射穿木门"], .crime)
    }

    @Test func aPersonShovedOrDraggedTowardsACarIsPublicOrder() {
        expectPoliceByRules(["拉客的硬把一个学生往他车上拽", "那个摩的司机推了老人家一把，老人家差点摔倒"], .publicOrder)
    }

    @Test func theSignsOfDrugUseAreReportedToThePolice() {
        expectPoliceByRules(["隔壁房间门口垃圾桶里全是烧过的锡纸，屋里一股怪味", "出租屋里几个年轻人围着一个冰壶，一晚上不睡觉",
                             "停车场那辆车里的人拿着锡纸在吸，吸完还笑"], .publicOrder)
    }

    @Test func sexOfferedInACallersWordsIsProstitution() {
        expectPoliceByRules(["宾馆电梯里贴满了小卡片，写着学生妹包夜", "那个养生会所里面其实做那种生意，半夜还有人进出",
                             "洗头房的老板娘问我要不要大保健"], .publicOrder)
    }

    @Test func anUnlicensedTaxiToutingOrOverchargingIsPublicTransport() {
        expectDivertedInCategory(["我坐了一辆黑车去机场，收了我两百多，比打车贵一倍",
                                  "火车站门口一排开黑车的在揽客，都不打表，也没人管"], .publicTransport)
        // 拉黑车 is not 拉黑 (blocking someone): no scam is read into it.
        let d = Fixture.rulesEngine.decide(CallInput(text: "火车站门口一排开黑车的在揽客，都不打表，也没人管"))
        #expect(!d.reasons.contains { $0.rule == "fraud.scam" }, "\(d.reasons)")
    }

    @Test func aToyGunUnlicensedMeatAPrepaidCardOrHotelSmokeIsConsumer() {
        expectDivertedInCategory(["给孩子买的软弹枪一次都没用就坏了，客服不理", "菜场那个肉摊卖的是私宰的猪肉，没有检疫章",
                                  "村里有人擅自宰牛卖肉，也没人检疫", "在健身房充了五千的会员，没去几次就倒闭了，老板电话不接",
                                  "住的民宿对面房间天天有人抽烟，烟味串到我屋里，老板不管"], .consumer)
        // 私自杀 is never 自杀: no danger is read into an unlicensed slaughter.
        let d = Fixture.rulesEngine.decide(CallInput(text: "村西头那户人家私自杀羊卖肉，也没人来管"))
        #expect(!d.police, "\(d.category) \(d.reasons)")
    }

    @Test func commissionOrWagesKeptBackWhenLeavingIsLabour() {
        expectDivertedInCategory(["我在美发店干了一年，辞职的时候店长扣着我半个月工资不给",
                                  "我以前在洗车店上班，老板扣了我三个月提成和押金"], .labor)
    }

    @Test func aDangerBesideTheNewOrdinaryWordsStaysPolice() {
        expectPoliceByRules(["有个小孩拿水弹枪对着路人脸上打，打到一个老太太眼睛了", "黑车司机喝了酒还在站前拉客",
                             "他私自杀猪被村里罚了款，回家就说不想活了要喝药", "那个开黑车的不让我下车，把车门锁了",
                             "黑车司机跟我吵起来，拿了根棍子要打我", "酒店隔壁房间有人抽烟，现在走廊里都是浓烟，报警器在响",
                             "网上买的玩具枪被人改装了能打钢珠，邻居家小孩拿着到处打"])
    }
}
