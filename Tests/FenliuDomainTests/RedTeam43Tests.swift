import Foundation
import Testing
@testable import FenliuDomain

/// `redteam43.jsonl`: a forty-third red-team round on smells, smoke, fire and the environment — smoke or a burning
/// smell from a flat, gas in a stairwell, burning rubbish and straw, chemical stinks, building-site dust, sewage,
/// dumping, a dead dog in the road, rats and mosquitoes, river pollution, factory noise at night — beside the dangerous
/// ones: fires with people inside, a gas leak with a person unconscious, threats to set fire to a house or oneself,
/// poisoning, an explosion, workers collapsed in a sewage pit. 25 police matters, 24 ordinary ones and a misdial.
/// Written blind, neither the shipped config nor the rules alone diverted a police call (police recall 1.000,
/// diversion recall 0.833, exact target accuracy 0.920, township accuracy 0.833), but three police calls stayed only
/// by the default "no rule matched": two workers gone down a sewage pit ("半天没上来", "也倒在下面了"), poultry killed by
/// "拌过药的米" ("有人故意下的毒") and a gas cylinder valve "嗤嗤往外喷气". Kept with the police by mistake: a press
/// stamping after midnight, a dog "被车轧死" lying in the road (read as a crash), a neighbour's incense in the corridor
/// and a pig-manure smell. Fixed by families (ids `*_r43`), so its own score flatters the rules; the sentences below
/// are fresh.
@Suite struct RedTeam43Tests {
    @Test func redTeam43CorpusNeverDivertsAPoliceMatter() throws {
        try expectCorpus("redteam43", atLeast: 50, targetAccuracy: 1.0, townshipAccuracy: 1.0)
    }

    /// Police with the shipped engine and with the rules alone (no veto, no category model).
    private func expectPoliceByRules(_ texts: [String], _ category: FenliuDomain.Category) {
        expectPolice(texts, category)
        for text in texts {
            let d = Fixture.rulesEngine.decide(CallInput(text: text))
            #expect(d.police, "\(text) → \(d.category)")
            #expect(d.category == category, "\(text) → \(d.category)")
        }
    }

    @Test func aPersonDownAPitWhoHasNotComeBackUpIsDanger() {
        expectPoliceByRules(["村里有个人下到沼气池里掏渣，到现在还没上来", "检查井里下去一个工人，喊他也没有动静",
                             "他下地窖拿红薯，人晕在下面了", "化粪池一股粪臭味，下去清理的工人晕倒了"], .danger)
        // A blocked drain with nobody down it is still a utilities matter.
        expectDiverted(["下水道堵了，污水一直往外冒，臭得很"])
    }

    @Test func gasHissingFromACylinderOrPipeIsAHazard() {
        expectPoliceByRules(["家里煤气罐的减压阀一直在嗤嗤往外喷气", "燃气管接口那里丝丝地冒气，我不敢开灯"], .hazard)
    }

    @Test func chemicalFumesThatMakePeopleIllAreAHazard() {
        expectPoliceByRules(["化工园区那边飘过来一股气味，好几个人头晕呕吐"], .hazard)
    }

    @Test func poisonedBaitOrAFireSetBySomeoneIsACrime() {
        expectPoliceByRules(["鱼塘里的鱼一夜全翻白了，岸边有包拌了毒的饲料，是有人故意放毒",
                             "院子里的狗吃了别人扔进来的拌过药的肉，死了",
                             "昨晚我家门口的草垛被人点了，烧得只剩灰", "不知道谁把我停在巷子里的摩托车给烧了"], .crime)
        // A threat to burn is still a dispute with escalation risk, not a crime done.
        let threat = Fixture.rulesEngine.decide(CallInput(text: "他说再不还钱就把我的车点了"))
        #expect(threat.police)
        #expect(threat.category == .disputeRisk, "\(threat.category)")
        #expect(threat.risk.escalation)
    }

    @Test func aWorksRunningMachinesAtNightIsNoise() {
        expectDiverted(["后面那个袜厂每天夜里一点多还在开机，吵得孩子睡不着", "村口的石料场半夜还在作业，窗户都跟着震"])
        let d = Fixture.rulesEngine.decide(CallInput(text: "后面那个袜厂每天夜里一点多还在开机，吵得孩子睡不着"))
        #expect(d.category == .noise, "\(d.category)")
        // A fire, a knife or a door being smashed beside the works stays with the police.
        expectPoliceByRules(["隔壁厂晚上还在干活，车间里刚才着火了"], .hazard)
        expectPolice(["那个作坊半夜持刀的人还在打磨", "隔壁工厂半夜有人拿刀还在加工",
                      "有人咣咣咣砸我家门，说要打我，手机都吓掉了"])
    }

    @Test func aDeadAnimalInTheRoadIsAnAnimalMatterButAPersonHitIsTraffic() {
        expectDiverted(["路边有只被车撞死的猫，都生蛆了，谁来收一下", "村道上一条轧死的狗躺了好几天了"])
        let d = Fixture.rulesEngine.decide(CallInput(text: "村道上一条轧死的狗躺了好几天了"))
        #expect(d.category == .animal, "\(d.category)")
        expectPoliceByRules(["被车撞死的狗旁边还躺着一个被撞的人", "一辆货车把路边的狗撞死了，还把骑车的大爷也撞倒了"], .traffic)
    }

    @Test func incenseManureAndUnclearedRubbishAreDivertedUnlessSomethingBurns() {
        expectDiverted(["楼上邻居天天在阳台烧香，烟全飘我家来了，呛得不行", "小区边上那个养鸡场一股鸡粪味，夏天根本不能开窗",
                        "不知道哪里飘来一股大粪味，好几天了", "我们楼下的垃圾桶一个礼拜没人清了，苍蝇乱飞"])
        let incense = Fixture.rulesEngine.decide(CallInput(text: "楼上邻居天天在阳台烧香，烟全飘我家来了，呛得不行"))
        #expect(incense.category == .propertyNeighbor, "\(incense.category)")
        let bins = Fixture.rulesEngine.decide(CallInput(text: "我们楼下的垃圾桶一个礼拜没人清了，苍蝇乱飞"))
        #expect(bins.category == .cityManagement, "\(bins.category)")
        expectPoliceByRules(["对门烧香把门口的纸箱点着了，楼道里都是烟", "垃圾站那边没人清的垃圾堆着火了"], .hazard)
        expectPoliceByRules(["垃圾站旁边有人打架没人清"], .violence)
    }
}
