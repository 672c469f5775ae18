import Foundation
import Testing
@testable import FenliuDomain

/// `redteam49.jsonl`: a forty-ninth red-team round on bad weather and failing infrastructure in Yiwu's typhoon and
/// plum-rain season — rainstorms, floods, wind, heat and a cold snap — told by drivers, shopkeepers, property managers,
/// elderly residents, delivery riders and call-takers' terse notes. 24 police matters (a van stalled in a flooded
/// underpass, a husband swept into a ditch, a lift stuck in a power cut, a snapped line sparking on a pavement, a sign
/// swinging over a bus stop, a wall collapsed onto a neighbour, a digger through a gas pipe, a father with dementia
/// missing in the typhoon, a fallen tree that cars crashed into …), 25 ordinary ones and a misdial. Written blind, the
/// shipped config diverted no police call (police recall 1.000, diversion recall 0.800, exact target accuracy 0.900,
/// category accuracy 0.760, township accuracy 0.706). The rules alone diverted two, kept only by the police model's
/// veto (police recall 0.917, exact target accuracy 0.860): a shutter live in floodwater that dropped a man who touched
/// it ("卷帘门带电了 … 手一碰就倒在水里了", read as 积水 → utilities) and a car owner's own threat to burn the property
/// office ("不赔钱我晚上就去把他们物业办公室一把火烧了", read as 物业 → property_neighbor). A sign about to fall on people
/// below stayed police only by default. Five ordinary calls were kept with the police: ankle-deep water ("水到脚脖子",
/// the 脖子 in 脚脖子 read as a neck), gas cut off for a pipe repair (燃气管 read as a leak), a lift left broken with
/// nobody in it, flood rubbish left uncleared, and a sign already down with nobody hurt. Fixed by families (ids
/// `*_r49`), so its own score flatters the rules; the sentences below are fresh.
@Suite struct RedTeam49Tests {
    @Test func redTeam49CorpusNeverDivertsAPoliceMatter() throws {
        try expectCorpus("redteam49", atLeast: 50, targetAccuracy: 0.98, townshipAccuracy: 1.0)
    }

    @Test func liveMetalOrWaterOrAPersonDroppedAfterTouchingItIsDanger() {
        expectPoliceByRules(["楼下小卖部的铁门带电了，我儿子刚才摸了一下就被弹开，手都麻了",
                             "马路边路灯杆漏电，一个阿姨扶了一下就倒在积水里了",
                             "积水里有电，刚才一个骑车的小伙子踩进去就抽起来了"], .danger)
    }

    @Test func aThreatToSetFireOnAConditionIsADisputeRisk() {
        let texts = ["装修款他一直拖着，我跟他说了再不给钱我就放把火把他的店烧了",
                     "邻居把水全排到我家院子，我老公气得说要是今天不弄好，他就一把火点了他们家柴房"]
        expectPoliceByRules(texts, .disputeRisk)
        for text in texts {
            let d = Fixture.rulesEngine.decide(CallInput(text: text))
            #expect(d.risk.escalation, "\(text): no escalation")
        }
    }

    @Test func somethingAboutToFallWherePeopleAreBelowIsDanger() {
        expectPoliceByRules(["台风天小区门口那块招牌松脱了，一直在晃，下面是幼儿园接孩子的家长",
                             "工地的塔吊吊臂被风吹得晃来晃去，底下马路上车和人都在走"], .danger)
    }

    @Test func aPersonBuriedUnderACollapsedWallOrSlopeIsDanger() {
        expectPoliceByRules(["下暴雨后山脚的土坡塌了，把一个放牛的老伯压住了", "老房子的墙倒了，我婆婆被埋在烂泥底下"], .danger)
    }

    @Test func someoneStillInACarInFloodwaterIsDangerNotABurglar() {
        expectPoliceByRules(["报：下穿通道积水约八十公分 一辆小车熄火 车里有人没出来 来电人称敲窗没反应",
                             "桥洞底下水淹了，那辆出租车驾驶室还有人叫不应"], .danger)
        // Without water, a sleeper in a parked car is not this rule's (it stays police by default).
        let d = Fixture.rulesEngine.decide(CallInput(text: "停车场里车上有人叫不应，可能是喝多了睡着了"))
        #expect(!d.reasons.contains { $0.rule == "safety.person_in_flooded_car_r49" }, "\(d.reasons)")
    }

    @Test func ankleDeepWaterGasCutForRepairsABrokenLiftAndStormLitterAreDiverted() {
        expectDiverted(["小区门口一下大雨积水就到脚踝，下水道堵着，麻烦来疏通一下",
                        "路上的水都到脚脖子了，电瓶车都骑不过去，排水太差",
                        "天然气公司在检修管网，我们这片停气了，问一下什么时候来气",
                        "台风那天停电以后电梯就一直坏着，里面没人，我们老两口天天爬楼",
                        "台风过后村道上的断枝和泥沙堆了好几天，一直没人清理",
                        "昨晚大风把路口的招牌刮下来了，掉在地上没砸到人，到现在还横在盲道上"])
        let water = Fixture.rulesEngine.decide(CallInput(text: "路上的水都到脚脖子了，电瓶车都骑不过去，排水太差", address: "江东街道"))
        #expect(water.category == .utilities, "\(water.category)")
        #expect(water.target == .township, "\(water.target)")
        let gas = Fixture.rulesEngine.decide(CallInput(text: "天然气公司在检修管网，我们这片停气了，问一下什么时候来气"))
        #expect(gas.category == .utilities, "\(gas.category)")
        let lift = Fixture.rulesEngine.decide(CallInput(text: "台风那天停电以后电梯就一直坏着，里面没人，我们老两口天天爬楼"))
        #expect(lift.category == .propertyNeighbor, "\(lift.category)")
        let litter = Fixture.rulesEngine.decide(CallInput(text: "台风过后村道上的断枝和泥沙堆了好几天，一直没人清理", address: "佛堂镇"))
        #expect(litter.category == .cityManagement, "\(litter.category)")
        #expect(litter.township == "佛堂镇", "\(String(describing: litter.township))")
    }

    @Test func aPersonInDangerBesideTheNewOrdinaryWordsStaysPolice() {
        // Water to the neck, a leak smelt during the repair, someone in the lift, a rider down on the branches.
        expectPoliceByRules(["河里的水涨到他脖子了，他抓着树枝喊救命",
                             "地下室水到脚脖子了，我瘫痪的老母亲还在下面出不来",
                             "燃气管道抢修的时候一股很冲的气味，旁边的人都头晕了",
                             "电梯一直坏着，今天突然往下掉了一截，里面有人在喊救命",
                             "路上的树枝没人清，刚才一个骑电瓶车的撞上去摔倒了，头上流血"])
    }

    @Test func theNewHarmlessRulesDoNotSwallowADangerWordInTheirGaps() {
        // The gaps of the diverting r49 regexes admit no person, blow, weapon or fall: a fight by the rubbish, a knife
        // beside the fallen sign, or a child swept off in the ankle-deep street stays with the police.
        expectPoliceByRules(["那堆淤泥旁边两个人打起来了到现在没人来清", "招牌刮下来了，有人拿刀砍人，没砸到人",
                             "门口积水冲走了一个小孩，水到脚脖子"])
    }
}
