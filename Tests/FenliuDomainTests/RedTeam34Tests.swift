import Foundation
import Testing
@testable import FenliuDomain

/// `redteam34.jsonl`: a thirty-fourth red-team round on transport and logistics in Yiwu — express couriers and delivery
/// riders, logistics parks and freight yards, lorry and van drivers, taxis and ride-hailing, buses, the railway station
/// and parking, in the voices of drivers, passengers, couriers, warehouse staff and people in the street. 21 police
/// matters and 29 ordinary ones. Written blind, the shipped config kept every police call (police recall 1.000, the
/// rules alone too: no police call was diverted, so the police model kept none) but held four ordinary calls and
/// misrouted two (diversion recall 0.857, exact target accuracy 0.880, township 0.800): a parcel stuck at a transit
/// hub, a taxi that refused a short trip and a stray dog in a warehouse matched no rule, a taxi driver's cigarette smoke
/// ("车里全是烟味") read as a fire, a fruit stall in a bus shelter went to 12345 as a bus complaint, and a courier's
/// tricycle in a private parking space went to 12345 as a consumer matter. Two police calls were police only because
/// no rule matched: cargo stolen from a parked semi-trailer ("篷布被人划开了，少了二十几箱") and a yard driver who drank a
/// jin of baijiu and was about to drive a van out. Its misses were fixed with families of wording, so its own score
/// flatters the rules; the sentences below are fresh.
@Suite struct RedTeam34Tests {
    @Test func redTeam34CorpusNeverDivertsAPoliceMatter() throws {
        try expectCorpus("redteam34", atLeast: 50, targetAccuracy: 1.0, townshipAccuracy: 1.0)
    }

    @Test func aDrinkerAboutToDriveAVehicleIsDrinkDriving() {
        expectPolice(["我们老板喝了半斤二锅头，钥匙一拧就要开货车出去",
                      "那个送货的司机中午喝醉了，现在正在把面包车开出园区",
                      "他晚上喝了好几瓶啤酒，这会儿又要开着三轮车去拉货，我劝不住"], .traffic)
        let d = Fixture.rulesEngine.decide(CallInput(text: "那个送货的司机中午喝醉了，现在正在把面包车开出园区"))
        #expect(d.reasons.contains { $0.rule == "safety.drunk_driver_vehicle_r34" }, "\(d.reasons)")
    }

    @Test func cargoCutOpenOrGoneFromALorryIsATheft() {
        expectPolice(["我的厢式货车后厢被人撬了，丢了好几袋布料",
                      "昨晚停在堆场的货车，早上一看少了十几箱货",
                      "集装箱的门被人撬开了，里面的货少了一半"], .crime)
    }

    @Test func anOnlineOrderShortOfAnItemIsStillAConsumerMatter() {
        let d = Fixture.rulesEngine.decide(CallInput(text: "网购的一箱饮料送到了，打开少了两瓶，商家说发货时是齐的"))
        #expect(!d.police, "\(d.category)")
        #expect(d.category == .consumer, "\(d.category)")
    }

    @Test func aParcelStuckInTransitIsAConsumerMatter() {
        for text in ["在网上买的包裹一个礼拜了还停在中转站不动了", "前天寄出去的快递到现在还没到，物流一直没更新"] {
            let d = Fixture.rulesEngine.decide(CallInput(text: text))
            #expect(!d.police, "\(text) → \(d.category)")
            #expect(d.category == .consumer, "\(text) → \(d.category)")
            #expect(d.target == .hotline12345, "\(text) → \(d.target)")
        }
        expectPolice(["快递一直没到，客服说我的包裹涉嫌违法让我转钱到安全账户"], .fraud)
    }

    @Test func aTaxiThatRefusesAShortTripIsPublicTransport() {
        let d = Fixture.rulesEngine.decide(CallInput(text: "出租车司机说不顺路，让我下车去坐别的车"))
        #expect(!d.police, "\(d.category)")
        #expect(d.category == .publicTransport, "\(d.category)")
        expectPolice(["孕妇肚子疼要去医院，出租车司机说不顺路不肯拉", "出租车司机嫌近不肯拉，还骂我要打我"])
    }

    @Test func aStrayThatWanderedInOrBarksAtEveryoneIsAnAnimalMatter() {
        for text in ["仓库门口那条黑狗见人就狂叫，送货的都不敢过去", "楼道里跑进来一只小野猫，叫了一晚上"] {
            let d = Fixture.rulesEngine.decide(CallInput(text: text))
            #expect(!d.police, "\(text) → \(d.category)")
            #expect(d.category == .animal, "\(text) → \(d.category)")
        }
        expectPolice(["跑进来一条大狼狗，把小孩咬了"])
    }

    @Test func someoneElsesVehicleInMyParkingSpaceIsANeighbourDispute() {
        for text in ["我家车位被人停了一辆车，两天了都不挪", "隔壁店的面包车天天占着我家的车位，讲了也不听"] {
            let d = Fixture.rulesEngine.decide(CallInput(text: text, address: "稠江街道"))
            #expect(!d.police, "\(text) → \(d.category)")
            #expect(d.category == .propertyNeighbor, "\(text) → \(d.category)")
            #expect(d.target == .township, "\(text) → \(d.target)")
        }
        expectPolice(["车位被人停了，那人还拿刀威胁我", "我家车位被人占了，我去说了一句，他把我推倒在地上"])
    }

    @Test func aStallInABusShelterIsCityManagement() {
        let d = Fixture.rulesEngine.decide(CallInput(text: "有个卖菜的把公交站台全占了，等车的只能往边上挤", address: "上溪镇"))
        #expect(!d.police, "\(d.category)")
        #expect(d.category == .cityManagement, "\(d.category)")
        #expect(d.target == .township, "\(d.target)")
        expectPolice(["有个男的拿着刀把站台全占了，不让人过"])
    }

    @Test func cigaretteSmokeInAVehicleIsNotAFire() {
        let d = Fixture.rulesEngine.decide(CallInput(text: "公交车上有人一直在抽烟，整个车厢都是烟味"))
        #expect(!d.police, "\(d.category)")
        #expect(d.category == .publicTransport, "\(d.category)")
        // A cigarette that set something alight, or smoke beside the smell, is a fire.
        expectPolice(["隔壁家抽烟，把沙发点着了，屋里全是烟味", "司机抽烟把烟头扔到座位上，车里全是烟味还冒烟"], .hazard)
    }

    @Test func aRidersDockedPayIsLabourUnlessHeIsHit() {
        let d = Fixture.rulesEngine.decide(CallInput(text: "我是骑手，站长这个月扣了我六百块单费"))
        #expect(!d.police, "\(d.category)")
        #expect(d.category == .labor, "\(d.category)")
        expectPolice(["我跑外卖的，站长扣了我工钱，还打了我一巴掌"])
    }
}
