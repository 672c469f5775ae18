import Foundation
import Testing
@testable import FenliuDomain

/// `redteam62.jsonl`: a sixty-second red-team round on things that fall, break or give way — a chopping board dropped
/// from a height onto a boy's head, an air-conditioner unit hanging by one bracket over a kindergarten gate, a lift that
/// dropped and stuck, a schoolgirl in a drain with a broken cover, power lines down on a tin shed and on a roof, a
/// sinkhole on a main road, a retaining wall, a balcony, a ceiling and an ancestral hall's roof that gave way, a
/// curtain-wall pane that burst, a branch on a taxi, a painters' gondola on one cable, an escalator running backwards —
/// and the ordinary side: a broken drain cover with a board on it, a branch on an empty car, a juddering lift with no one
/// in it, a fallen site hoarding, a drying rack that came off the ceiling, a cat stuck under a drain grate, a past fall
/// from scaffolding now a wage claim, demolition dust. 25 police matters, 24 ordinary ones and a misdial. Written blind,
/// the shipped config diverted no police call (police recall 1.000, diversion recall 0.417, exact target accuracy 0.720,
/// category accuracy 0.500, township accuracy 0.389); the rules alone diverted three (police recall 0.880, exact target
/// accuracy 0.680), kept only by the police model's veto: a board "丢了…下来，正砸在我儿子后脑勺上" read as lost
/// property (丢了), an escalator pile-up with an old woman "压在最下面起不来" read as a shop complaint (商场), and a power
/// pole knocked onto a house with "电线都拖到地上了" read as a street-facility fault (电线杆). Three more stayed police
/// only because no rule matched: a balcony that gave way under a man, a roof collapsed with one man still inside, a
/// bulging mud wall over pupils queuing at a school gate. Thirteen ordinary calls were kept with the police, most on a
/// danger word the harmless sentence carries (被车撞 for a lamp post, 车道上, 钢管 and 往下扔 for night work, 撞断 for a
/// pole knocked down in the morning, 压在车上 for a branch on an empty car); those are left with the police. Fixed by
/// families (ids `*_r62`), so its own score flatters the rules; the sentences below are fresh.
@Suite struct RedTeam62Tests {
    @Test func redTeam62CorpusNeverDivertsAPoliceMatter() throws {
        try expectCorpus("redteam62", atLeast: 50, targetAccuracy: 0.86, townshipAccuracy: 0.66)
    }

    @Test func somethingDroppedFromAHeightOntoAPersonIsDanger() {
        expectPoliceByRules(["不知道哪层楼甩了个拖把下来，砸到一个路过小孩的额头", "楼上丢了一袋垃圾下来，砸在我老婆脸上"], .danger)
        expectPoliceByRules(["有人从窗户往下抛啤酒瓶，楼下全是乘凉的人"])
        let d = Fixture.rulesEngine.decide(CallInput(text: "楼上丢了一袋垃圾下来，砸在我老婆脸上"))
        #expect(d.reasons.contains { $0.rule == "safety.struck_on_body_r62" }, "\(d.reasons)")
    }

    @Test func aPileUpWithAPersonPinnedIsDanger() {
        expectPoliceByRules(["地铁站扶梯逆行，好几个人摔成一堆，有个小孩压在底下喘不上气", "超市门口的扶梯突然倒着往下溜，好多人都摔了"],
                            .danger)
    }

    @Test func powerLinesOrAPoleDownAreAHazard() {
        expectPoliceByRules(["大风把路边的电线吹断了，掉在马路上还在滋滋响", "那根电杆歪倒了砸在一辆小车上，电线挂得到处都是"], .hazard)
        // A broadband cable down is a street-facility fault, not a live line.
        let d = Fixture.rulesEngine.decide(CallInput(text: "路边的网线断了拖到地上，不是电线，挡着走路"))
        #expect(!d.reasons.contains { $0.rule == "safety.power_lines_down_r62" }, "\(d.reasons)")
    }

    @Test func aFloorRoofOrWallThatGaveWayWithSomeoneOnItOrUnderItIsDanger() {
        expectPoliceByRules(["厂房的楼板塌下去了，有两个工人跟着掉下去了", "村里老房子的房顶垮下来了，我奶奶还在里面",
                             "学校旁边那堵围墙开裂了，还在往下掉砖，放学的孩子都从墙根走"], .danger)
    }

    @Test func thingsThatFellOrBrokeWithNobodyHurtAreDiverted() {
        expectDivertedInCategory(["我们楼的电梯老是坏，门关不上，里面没人，物业也不修"], .propertyNeighbor)
        expectDivertedInCategory(["公交车上的座椅松了，坐上去一直晃"], .publicTransport)
        expectDivertedInCategory(["在店里买的吸顶灯装了三天就掉下来了，商家说要收上门费"], .consumer)
        expectDivertedInCategory(["邻居家的狗钻进我们楼下那个废弃的水泥管里出不来了"], .animal)
        expectDivertedInCategory(["前年在厂里从梯子上摔下来伤了手，老板说不算工伤，一分钱不赔"], .labor)
        // The rules divert pots set outside a window; the police model's veto keeps this one (0.999), which is its call.
        let pots = "对门把好几盆花放在窗台外面的架子上，我怕哪天掉下来，说了他不听"
        expectDiverted([pots])
        let d = Fixture.rulesEngine.decide(CallInput(text: pots))
        #expect(d.category == .propertyNeighbor, "\(d.category)")
        expectDivertedInCategory(["旁边拆迁队把几栋老房推倒了，扬尘大得很，窗户都不敢开"], .environment)
    }

    @Test func aPersonHurtOrCaughtBesideTheNewOrdinaryWordsStaysPolice() {
        expectPoliceByRules(["电梯门只开一半，我女儿被夹住了，在哭", "公交车上的扶手松了，一刹车老人摔倒了头上流血",
                             "新买的吊灯掉下来砸到我女儿头上了，流了好多血", "上个月从脚手架上摔下来的工友今天突然晕倒了",
                             "拆迁的把墙推倒了，压住了一个捡废品的老人，灰尘好大", "邻居家花盆放在栏杆外，刚刚掉下来砸到人了",
                             "狗把我家孩子扑倒了，孩子躲在柜子里出不来"])
    }
}
