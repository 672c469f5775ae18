import Foundation
import Testing
@testable import FenliuDomain

/// `redteam58.jsonl`: a fifty-eighth red-team round on vehicles and parking beyond collisions — fire lanes and garages
/// blocked, e-bike batteries charged in corridors or taken into lifts, abandoned cars, cars keyed, windows smashed and
/// tyres slashed, people shut in a car park or a car wash, road rage with a steering lock, drunk drivers seen leaving,
/// trucks idling all night, parking charges and shared bikes piled in doorways. 24 police matters and 26 ordinary ones.
/// Written blind, the shipped config diverted no police call (police recall 1.000, diversion recall 0.885, exact target
/// accuracy 0.940, category accuracy 0.700, township accuracy 0.833), but only because the police model vetoed two
/// diversions: with the rules alone police recall was 0.917 — a road-rage driver "拎着一根方向盘锁，拍我车门" went to
/// noise on the 喇叭 the caller had sounded, and an abandoned car with "一股很冲的臭味，车窗上都是苍蝇" went to city
/// management on 停了好几个月. Five more police calls stayed police only because no rule matched: a man keying cars one
/// after another, a car window "让人砸了个大洞", a diner who drank and "自己去开车了", a drinker who drove off "开得扭来扭去"
/// and a worker shut in an underground car park ("卷帘门关了 … 我出不去了"). Three ordinary calls were kept with the
/// police: e-bikes charged in a stairwell by a trailing lead (拉线), a car wash hosing cars at the roadside, and an estate
/// barrier that "认不出我的车牌". Fixed by families (ids `*_r58`), so its own score flatters the rules; the sentences
/// below are fresh.
@Suite struct RedTeam58Tests {
    @Test func redTeam58CorpusNeverDivertsAPoliceMatter() throws {
        try expectCorpus("redteam58", atLeast: 50, targetAccuracy: 0.98, townshipAccuracy: 1.0)
    }

    @Test func aSteeringLockOrADriverAtTheCallersDoorIsViolence() {
        let texts = ["有个开奔驰的跟我抢道，停下来从后备箱拿出一根转向锁朝我走过来",
                     "后面那辆车一直闪灯，超过去以后那人下车就来踹我的车门，我在车里不敢出去",
                     "对方那个男的手里拿着甩棍站在我车前面，说要给我点颜色看看"]
        expectPoliceByRules(texts, .violence)
        for text in texts {
            #expect(Fixture.rulesEngine.decide(CallInput(text: text)).risk.escalation, "\(text)")
        }
        // The horn the caller sounded does not send the call to noise.
        expectPoliceByRules(["我在路口按了两声喇叭，前面那个司机下车冲过来猛拍我车窗，叫我滚下来"])
    }

    @Test func aCarKeyedSmashedOrItsTyresSlashedIsCrime() {
        expectPoliceByRules(["小区停车场有人用钉子把好几辆车的轮胎都扎了，我刚才看见他还在那弯腰",
                             "我的车停在楼下一晚上，早上起来发现后视镜被人掰断了，车门上还被划了一长条",
                             "刚看到两个人在敲路边的车的玻璃，敲开了就钻进去翻",
                             "我的车在小区里停着，不知道谁把我车门上划了好长一道"], .crime)
    }

    @Test func aSmellOfRotFromAShutCarIsDanger() {
        expectPoliceByRules(["菜市场后面停着一辆面包车好多天没动，后备箱那里一直有股臭味往外冒，招了好多苍蝇",
                             "我楼下那辆轿车停了半个月，车里面发出一股怪味，窗户贴着黑膜看不清里面"], .danger)
    }

    @Test func aDrinkerSeenDrivingOffIsTraffic() {
        expectPoliceByRules(["隔壁桌那个男的喝醉了，他朋友拦都拦不住，非要自己开车回家，车就停在门口",
                             "喝得醉醺醺的那个男的刚才坐进驾驶座把车发动了",
                             "前面那辆黑色轿车开得画龙一样，一下左一下右的"], .traffic)
    }

    @Test func aPersonShutInACarParkOrCarWashIsDanger() {
        expectPoliceByRules(["晚上十点多我去商场地下车库取车，出口的铁门已经锁了，我出不来，也找不到人",
                             "洗车房的门突然落下来了，我还坐在车里，喊半天也没人，出不去"], .danger)
    }

    @Test func corridorChargingARoadsideCarWashAnEstateBarrierAndADoubleChargeAreDiverted() {
        expectDivertedInCategory(["楼梯间里天天有人给电瓶车充电，电线从三楼拖下来，物业说管不了",
                                  "我们这栋楼一楼大堂里停满了电动车，好几辆就插着排插在那充电，物业也不来清"], .cityManagement)
        expectDivertedInCategory(["街边那家洗车行把车都开到马路上冲，泡沫水流得一地"], .cityManagement)
        expectDivertedInCategory(["小区门口的道闸老是识别不了车牌，每次都要等保安来手动开，物业一直不修"], .propertyNeighbor)
        expectDivertedInCategory(["加油的时候APP重复扣款了，一箱油付了两遍钱，加油站说要找平台",
                                  "网上买的行车记录仪，付款的时候被扣了两次钱，商家说系统问题不给退"], .consumer)
        let wash = Fixture.rulesEngine.decide(CallInput(text: "街边那家洗车行把车都开到马路上冲，泡沫水流得一地", address: "稠江街道"))
        #expect(wash.target == .township, "\(wash.target)")
        #expect(wash.township == "稠江街道", "\(String(describing: wash.township))")
    }

    @Test func wordsThatLookLikeTheNewSignalsDoNotFireThem() {
        // 划车位 is no keyed car, a lorry of rubbish or fish is no body, a drinker with a hired driver is not driving,
        // and a car (not a person) shut in a car park is no one trapped.
        let quiet: [(String, String)] = [("小区里规划车位划得太窄了，车门都打不开，物业不改", "safety.vehicle_vandalism_r58"),
                                         ("洗车的时候刷子把我车漆刮花了，洗车店不肯赔", "safety.vehicle_vandalism_r58"),
                                         ("垃圾车停在楼下一整天，车里的臭味熏得我们窗都不敢开", "safety.smell_from_vehicle_r58"),
                                         ("路边有辆冷藏车一直开着发动机，车厢里鱼腥味很重", "safety.smell_from_vehicle_r58"),
                                         ("我喝了酒叫了代驾，代驾开得很慢，我想投诉这个代驾公司", "safety.drunk_driver_seen_r58"),
                                         ("我们停车场晚上关门了，我的车锁在里面开不出来，明天一早要用车", "safety.shut_in_car_park_r58")]
        for (text, rule) in quiet {
            let d = Fixture.rulesEngine.decide(CallInput(text: text))
            #expect(!d.reasons.contains { $0.rule == rule }, "\(text) fired \(rule)")
        }
        expectDiverted(["垃圾车停在楼下一整天，车里的臭味熏得我们窗都不敢开", "我喝了酒叫了代驾，代驾开得很慢，我想投诉这个代驾公司"])
    }

    @Test func aFireOrABlowBesideTheNewOrdinaryWordsStaysPolice() {
        expectPoliceByRules(["门厅里那几辆充电的电瓶车有一辆冒烟了"], .hazard)
        expectPoliceByRules(["停车场门口的杆子不抬，我下去问，保安上来就给了我一拳", "洗车店老板跟我吵起来，拿扳手把我车窗砸了"])
    }
}
