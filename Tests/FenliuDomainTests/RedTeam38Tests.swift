import Foundation
import Testing
@testable import FenliuDomain

/// `redteam38.jsonl`: a thirty-eighth red-team round on outdoors, sport and leisure around Yiwu — reservoirs and the
/// 义乌江, hills and trails, swimming, basketball courts and gyms, internet cafés, KTV and chess rooms, playgrounds,
/// scenic spots, camping and barbecues — in the voices of park staff, anglers, hikers, parents, coaches and passers-by.
/// 21 police matters and 29 ordinary ones. Written blind, it diverted no police call (police recall 1.000, the same with
/// the rules alone) but two police calls stayed police only because no rule knew them: a boy who dived into the
/// reservoir and has not come up (没浮上来) and hikers lost on the hill after dark (走岔了…下不去; a bare 迷路 was
/// everyday help). An extortion of a boy in an internet café was read as violence and a drunk angler's threat to throw
/// the other into the reservoir as public order. Three ordinary calls were kept with the police (a leaking pavilion
/// roof, fishing under a 禁止垂钓 sign, a steel shed by the reservoir: diversion recall 0.897), a broken 漫步机 whose pedal
/// 掉了 went to lost property and a coach's unpaid 课时费 to consumer (exact target accuracy 0.900, township 0.722).
/// Its misses were fixed with families, so its own score flatters the rules; the sentences below are fresh.
@Suite struct RedTeam38Tests {
    @Test func redTeam38CorpusNeverDivertsAPoliceMatter() throws {
        try expectCorpus("redteam38", atLeast: 50, targetAccuracy: 1.0, townshipAccuracy: 1.0)
    }

    @Test func someoneWhoWentUnderWaterAndHasNotComeUpIsADanger() {
        expectPolice(["我弟弟在池塘里扎猛子，扎下去好久了都没冒出来", "几个朋友去江里游泳，有一个潜下去就没有浮上来",
                      "同学下河游泳一直没上来", "我老公去鱼塘下水捞东西，半天没出来"], .danger)
    }

    @Test func walkersLostOrStuckOnAHillAreADangerNotEverydayHelp() {
        expectPolice(["我爸一个人去后山砍柴，天黑了还没下山，电话也打不通", "我们在山里徒步迷了路，天快黑了，水也喝完了",
                      "两个驴友在山顶走错路了，现在下不来"], .danger)
    }

    @Test func aThreatToThrowSomeoneIntoTheWaterIsADisputeRisk() {
        expectPolice(["他喝醉了扬言要把他老婆扔进江里"], .disputeRisk)
        expectPolice(["钓鱼的时候跟人吵起来，那人说再吵就把我推下水库"])
    }

    @Test func moneyForcedOutOfACorneredKidIsACrime() {
        expectPolice(["溜冰场边上两个社会青年逼我儿子把钱掏出来", "网吧门口几个混混逼我拿钱出来"], .crime)
        expectPolice(["我女儿在学校门口被几个高年级的堵着要钱，不给就扇她耳光"])
    }

    @Test func leakingShelterBrokenFitnessKitBannedFishingAShedAndACoachsFeesAreDiverted() {
        expectDiverted(["广场边那个长廊顶上漏雨，下雨天老人都没地方躲", "公交站的候车亭漏水，滴得座位上全是水",
                        "小区门口公园的扭腰器坏了，转不动了", "篮球场的篮筐松了，歪在一边，打球都没法打",
                        "湿地公园的湖边写着禁止钓鱼，还是天天有人在钓", "有人在江边草地上搭了个铁皮屋，也没人管",
                        "我在游泳馆当教练，老板扣了我两个月的课时费"])
        let fees = Fixture.rulesEngine.decide(CallInput(text: "我在游泳馆当教练，老板扣了我两个月的课时费"))
        #expect(fees.category == .labor, "\(fees.category)")
        let pedal = Fixture.rulesEngine.decide(CallInput(text: "健身广场的漫步机踏板掉了，没人来修"))
        #expect(pedal.category == .utilities, "\(pedal.category)")
        let pond = Fixture.rulesEngine.decide(CallInput(text: "湿地公园的湖边写着禁止钓鱼，还是天天有人在钓"))
        #expect(pond.category == .cityManagement, "\(pond.category)")
    }

    @Test func aDangerInsideTheNewHarmlessFamiliesStaysPolice() {
        expectPolice(["江边亭子漏雨，有人在亭子里打架流血了", "公园漫步机坏了，一个老人摔下来头破血流", "篮筐掉了砸到小孩头上流血了",
                      "水库边有人在搭棚子，搭棚子的人拿刀砍人", "老板拖了我三个月课时费，今天还拿刀砍我",
                      "禁止钓鱼的池塘有个小孩掉进去了", "凉亭顶漏雨，电线漏电冒火花", "禁钓的河边天天有人电鱼，刚才有个人被电倒了"])
    }
}
