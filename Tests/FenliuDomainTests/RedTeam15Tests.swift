import Foundation
import Testing
@testable import FenliuDomain

/// `redteam15.jsonl`: a fifteenth red-team round on roads, traffic and crowded public places, told in hurried speech or
/// speech-to-text with plate numbers, road names and numbers — road rage turning physical, a drunk driver weaving, a
/// hit-and-run, a crash blocking lanes, a person lying in the road, crowd crushes at a market and a station, a
/// pickpocket on a bus, a child lost in the 商贸城 crowd, a car driven at a parking attendant — beside their ordinary
/// look-alikes (potholes, dead traffic lights and underpass lights, parking, a car across a garage, shared bikes, taxi
/// and bus complaints, things left on a bus, stalls, site fencing, a flooded culvert with no one trapped). 22 police
/// matters and 38 ordinary ones. Written blind, it diverted one police call (R15002, a crush at the station exit read as
/// a railway-station complaint: police recall 0.955), kept ten ordinary calls with the police (diversion recall 0.730;
/// "怕它被车撞" read as a collision, "差点摔倒" as a collapse, "就是跟你们说一声" by a railway bridge as a farewell, and
/// no rule for dead lights, potholes, bus shelters, taxi refusals, blocked-in cars or a car wash in the road), for 0.817
/// exact target accuracy, 0.750 category and 0.636 township accuracy. A passenger attacking a bus driver stayed police
/// only because no rule knew it. Its misses were fixed by families, so its own score flatters the rules; the sentences
/// below are fresh.
@Suite struct RedTeam15Tests {
    @Test func redTeam15CorpusNeverDivertsAPoliceMatter() throws {
        try expectCorpus("redteam15", atLeast: 60, targetAccuracy: 1.0, townshipAccuracy: 1.0)
    }

    @Test func aCrowdCrushIsADanger() {
        expectPolice(["夜市里面人挤人，有个大妈被挤倒了，后面的人还在往前推", "地铁口人太多了，我女儿被挤到护栏上一直在哭",
                      "庙会散场的时候发生踩踏，好几个人倒在地上", "有个小伙子被踩在底下了，大家都在喊别推了"], .danger)
    }

    @Test func aCarDrivenAtAPersonOrAHairPullingFightIsViolence() {
        expectPolice(["那个开宝马的开着车往保安身上撞，保安被顶出去两米", "收费员不让他走，他一脚油门就朝收费员冲过去",
                      "公交车上两个女的打起来了，一个扯着另一个的头发往地上拖", "有人在车上殴打司机，车都停不稳了"], .violence)
    }

    @Test func aRiderFallenIntoACollapsedRoadIsADanger() {
        expectPolice(["一个骑三轮的连人带车栽进去了，路面塌了个洞，他爬不上来"], .danger)
    }

    @Test func aPassengerLockedInAfterAFareQuarrelIsACrime() {
        expectPolice(["出租车司机不肯打表，我说要投诉他就把门锁了往郊区开"], .crime)
    }

    @Test func aDangerBesideTheNewHarmlessFamiliesStaysPolice() {
        expectPolice(["红绿灯坏了，两辆车在路口撞上了，有人受伤", "有条狗在路边跑来跑去，把一个小孩扑倒了",
                      "车库门口被人用车堵住了，我老婆要生了要去医院开不出来", "公交车一脚急刹，好几个人摔倒了，有个小孩头磕破了",
                      "我就是跟你们说一声，我现在在江边，不想活了"])
    }

    @Test func deadLightsPotholesAndBrokenSheltersAreUtilities() {
        for text in ["春华路的红绿灯一直一闪一闪的，麻烦来修修", "隧道里的照明灯坏了一半，开车进去黑乎乎的",
                     "门口马路上有个大坑，下雨积满了水，骑车要绕着走", "候车亭的顶棚漏雨，等车的时候衣服都湿了",
                     "涵洞积水了，车都过不去，绕一下就好，就是跟你们报一声"] {
            let d = Fixture.engine.decide(CallInput(text: text))
            #expect(d.category == .utilities, "\(text) → \(d.category)")
        }
    }

    @Test func taxiRefusalsAndRoughDrivingWithNoOneHurtArePublicTransport() {
        for text in ["在火车站打的，师傅嫌路近不愿意拉", "下雨地滑，我在公交车上差点摔了一跤，那个司机一脚急刹",
                     "坐出租车，司机开得飞快还一直急刹，想投诉"] {
            let d = Fixture.engine.decide(CallInput(text: text))
            #expect(d.category == .publicTransport, "\(text) → \(d.category)")
            #expect(d.target == .hotline12345, "\(text) → \(d.target)")
        }
    }

    @Test func aBlockedInCarAShopInTheRoadAndAnAnimalByTheRoadGoToTheTownship() {
        let blocked = Fixture.rulesEngine.decide(CallInput(text: "我家门口被一辆白色小车挡住了，车上的电话打不通，找不到车主",
                                                      address: "后宅街道某小区"))
        #expect(blocked.category == .propertyNeighbor, "\(blocked.category)")
        #expect(blocked.target == .township, "\(blocked.target)")
        #expect(blocked.township == "后宅街道", "\(String(describing: blocked.township))")
        let shop = Fixture.rulesEngine.decide(CallInput(text: "街上那家汽修店天天把车停在人行道上修，走路都没地方走", address: "佛堂镇"))
        #expect(shop.category == .cityManagement, "\(shop.category)")
        #expect(shop.target == .township, "\(shop.target)")
        let cat = Fixture.rulesEngine.decide(CallInput(text: "路边有只黄猫在那里窜来窜去，怕它被车轧到", address: "城西街道"))
        #expect(cat.category == .animal, "\(cat.category)")
        #expect(cat.target == .township, "\(cat.target)")
    }

    @Test func theNewHarmlessFamiliesAreDiverted() {
        expectDiverted(["春华路的红绿灯一直一闪一闪的，麻烦来修修", "候车亭的顶棚漏雨，等车的时候衣服都湿了",
                        "在火车站打的，师傅嫌路近不愿意拉", "我家门口被一辆白色小车挡住了，车上的电话打不通，找不到车主",
                        "路边有只黄猫在那里窜来窜去，怕它被车轧到"])
    }
}
