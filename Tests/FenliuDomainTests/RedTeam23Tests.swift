import Foundation
import Testing
@testable import FenliuDomain

/// `redteam23.jsonl`: a twenty-third red-team round from the villages and farms around Yiwu — old farmers, village
/// cadres, fish-pond keepers and people home for the harvest, long-winded and with local words (田坎, 地头, 老宅基地, 祖坟,
/// 水渠, 鱼塘, 猪栏). 20 police matters (a boundary fight with hoes, a villager with a bottle of pesticide, a cow, pigs
/// and an electric tricycle taken overnight, an old man lost at a fish pond, a woman locked in by her husband's family,
/// hired men smashing a house, a poisoned pond and a threat, electrofishing) and 30 ordinary ones. Written blind, it
/// diverted no police call (police recall 1.000) but kept eight ordinary calls with the police (diversion recall 0.724,
/// exact target accuracy 0.840, township accuracy 0.714): an irrigation quarrel, pesticide drift, a washed-out village
/// road, bad seed and a missed village bus matched no rule; straw-burning smoke was read as a fire (烟雾), builders'
/// rubble as a weapon (砖头) and dead pigs "扔下来" by a farm upstream as a throw from a height. Six police calls stayed
/// police only because no rule knew them (a cow led off after its rope was cut, a woman 反锁 by family, "连你一起药死",
/// a straw fire that spread up a hill, a child the only one not back, a tractor overturned with the driver under it).
/// Its misses were fixed by families, so its own score flatters the rules; the sentences below are fresh.
@Suite struct RedTeam23Tests {
    @Test func redTeam23CorpusNeverDivertsAPoliceMatter() throws {
        try expectCorpus("redteam23", atLeast: 50, targetAccuracy: 1.0, townshipAccuracy: 1.0)
    }

    // MARK: police stays police

    @Test func aFieldFireThatSpreadsIsAHazard() {
        expectPolice(["烧垃圾的火一下子窜到竹林里去了", "田里烧草，火越烧越大，我们几个扑不灭", "烧田坎的火烧到后山了，到处都在烧"],
                     .hazard)
    }

    /// Unlawful detention is a crime, as in the earlier rounds (safety.shut_in_by_someone).
    @Test func aPersonShutInOrKeptFromLeavingByFamilyIsACrime() {
        expectPolice(["他们一家把她锁在柴房里三天了", "婆家把我嫂子关起来了，不让她回娘家", "我老公家里人不给我出门，手机也拿走了"],
                     .crime)
    }

    @Test func aThreatToPoisonOrKillWithTheObjectFirstIsADisputeRisk() {
        expectPolice(["他说我再去告状就连我一起弄死", "你敢去举报我就药死你全家，他是这么讲的"], .disputeRisk)
        let d = Fixture.engine.decide(CallInput(text: "他放话说要连你们一块药死"))
        #expect(d.police)
        #expect(d.risk.escalation)
    }

    @Test func livestockTakenOrAPondPoisonedIsACrime() {
        expectPolice(["我家两头水牛昨晚叫人从山上牵走了", "后院鸭棚的铁链被剪断了，二十只鸭子一只不剩",
                      "承包的鱼塘被人投了毒，鱼死了一塘"], .crime)
    }

    @Test func theOnlyOneNotBackOrNobodyAnsweringIsADanger() {
        expectPolice(["几个人下河摸螺蛳，就我爸一个还没上来", "一起去山上采茶的都回来了，只有我奶奶没回来",
                      "水库边上找了一圈也没人应"], .danger)
    }

    @Test func aFarmVehicleOverturnedIsTrafficAndAPersonPinnedIsPolice() {
        expectPolice(["收割机翻到水沟里去了", "电动三轮翻进沟里了"], .traffic)
        expectPolice(["拖拉机侧过来，老汉被压在车斗下面出不来", "开车的人压在车子底下"])
    }

    /// A danger word inside the span of each new harmless family still keeps the call with the police.
    @Test func aDangerInsideTheNewHarmlessFamiliesStaysPolice() {
        expectPolice(["公交车上两个人打架打个不停", "他拿碎砖头砸我家窗户", "他用碎砖头把我头打破了，渠边上全是血",
                      "隔壁打农药的时候晕倒了", "烧稻草的烟雾呛得我爸晕过去了", "烧稻草烧到房子了，烟雾很大",
                      "为了田坎的事他拿锄头把我爸打伤了", "他把水渠口堵了，还说我再去开就弄死我", "他把我们家的田埂挖了，我说了两句他就动手",
                      "我在农资店买的种子有问题，老板还叫人来打我", "水泥路边着火塌了", "村道被冲垮了，有个小孩掉下去了",
                      "小桥冲断了，一个老人被水冲走了", "烧秸秆的时候家里全是烟味，我妈喘不上气了"])
    }

    // MARK: look-alikes are diverted

    @Test func anIrrigationOrBoundaryQuarrelWithoutAThreatIsANeighbourMatter() {
        for text in ["上面那户把田水都截走了，我家的田一滴水都没有，说了也不听", "他家那个水渠口一直堵着，我家秧田放不进水"] {
            let d = Fixture.rulesEngine.decide(CallInput(text: text, address: "赤岸镇"))
            #expect(d.category == .propertyNeighbor, "\(text) → \(d.category)")
            #expect(d.target == .township, "\(text) → \(d.target)")
            #expect(d.township == "赤岸镇", "\(text) → \(String(describing: d.township))")
        }
    }

    @Test func pesticideDriftAndStrawSmokeAreEnvironment() {
        for text in ["邻居喷除草剂喷到我家的玉米上，玉米苗全枯了", "隔壁田里打农药，药水飘到我家鱼塘里去了",
                     "对面山脚有人在焚烧秸秆，烟雾缭绕的", "又有人在烧秸秆，家里全是烟味，被子都是臭的"] {
            let d = Fixture.rulesEngine.decide(CallInput(text: text, address: "大陈镇"))
            #expect(d.category == .environment, "\(text) → \(d.category)")
            #expect(d.target == .township, "\(text) → \(d.target)")
        }
    }

    @Test func rubbleOrCarcassesDumpedInWaterAreEnvironment() {
        for text in ["溪里被人倒了好几车碎砖头瓦片，水都堵住了", "河面上漂了好多死鸡，是上游养殖场扔下来的"] {
            let d = Fixture.engine.decide(CallInput(text: text))
            #expect(!d.police, "\(text) → \(d.category)")
            #expect(d.category == .environment, "\(text) → \(d.category)")
        }
    }

    @Test func aWashedOutVillageRoadIsAUtility() {
        for text in ["村里那座石桥前几天被大水冲垮了，小孩上学要绕好远", "机耕路塌了一半，收割机下不了田"] {
            let d = Fixture.engine.decide(CallInput(text: text, address: "江东街道"))
            #expect(d.category == .utilities, "\(text) → \(d.category)")
            #expect(d.target == .township, "\(text) → \(d.target)")
        }
    }

    @Test func badFarmSuppliesAreConsumerAndAMissedVillageBusIsPublicTransport() {
        for text in ["在农资店买的化肥是假的，庄稼一点都不长", "买的菜种一颗都不发芽，卖种子的不认账"] {
            let d = Fixture.engine.decide(CallInput(text: text))
            #expect(d.category == .consumer, "\(text) → \(d.category)")
            #expect(d.target == .hotline12345, "\(text) → \(d.target)")
        }
        for text in ["村村通的车子这个礼拜有三天没开", "到镇上的中巴车今天又没停，直接开过去了"] {
            let d = Fixture.engine.decide(CallInput(text: text))
            #expect(d.category == .publicTransport, "\(text) → \(d.category)")
        }
    }

    @Test func aCarcassFetchedOrAKeyLockedInIsNotATheftOrADetention() {
        expectDiverted(["栏里的猪病死了，防疫站把死猪拖走了没有", "我把钥匙锁在车里了", "老鼠太多了，想买点药药死它们"])
    }

    // MARK: found after the corpus, in fresh voices: demolition and a fall into a pit

    /// "拆迁" alone reads as a question about demolition; what the demolition men do to a person or a home is police.
    @Test func demolitionMenDraggingAPersonSmashingAHomeOrCoercingAreTakenToThePolice() {
        expectPolice(["拆迁队的人把我爸从屋里拖出来", "拆迁那帮人把我妈从床上架出去了"], .violence)
        expectPolice(["拆迁的人把我家门砸了", "讨债的上门把店里的东西都砸烂了", "我家大门被他们砸坏了"], .publicOrder)
        let coerced = Fixture.engine.decide(CallInput(text: "拆迁的人把我家的水电都断了，逼我们签字"))
        #expect(coerced.police)
        #expect(coerced.category == .disputeRisk, "\(coerced.category)")
        #expect(coerced.risk.escalation)
    }

    @Test func aPersonFallenIntoAPitOrAWellIsADanger() {
        expectPolice(["村里有个小孩掉到粪坑里了", "我奶奶去菜地的时候跌进枯井里了"], .danger)
    }

    @Test func aTowTruckABoundaryStoneOrAHomesteadQuestionAreDivertedAndHailIsNoSmashing() {
        expectDiverted(["拖车把我车拖走了，问一下去哪里领", "拆迁补偿什么时候发"])
        // Hail is not a smashing (the call has no rule of its own yet, so it is not asserted diverted).
        let hail = Fixture.engine.decide(CallInput(text: "冰雹把我家玻璃砸碎了，找谁修"))
        #expect(!hail.reasons.contains { $0.rule == "safety.smashing_home" }, "\(hail.reasons)")
        for text in ["地头那块界石被他挪了，往我家这边挪了一尺", "他家的竹子长到我家自留地里来了"] {
            let d = Fixture.engine.decide(CallInput(text: text, address: "佛堂镇"))
            #expect(d.category == .propertyNeighbor, "\(text) → \(d.category)")
            #expect(d.township == "佛堂镇", "\(text) → \(String(describing: d.township))")
        }
        for text in ["宅基地审批要多久能批下来", "村里征地补偿款分得不公平，我想去反映一下"] {
            let d = Fixture.engine.decide(CallInput(text: text))
            #expect(d.category == .consultation, "\(text) → \(d.category)")
            #expect(d.target == .hotline12345, "\(text) → \(d.target)")
        }
    }

    // MARK: a third pass: danger words the new neighbour families must not hide

    /// Each sentence names a word of a new harmless family (田水, 田坎, 抢水, 确权, 上游…冲下来, 宅基地审批) beside a danger
    /// in words no earlier rule knew: a push, a chase, a farm tool as a weapon, arson of a home, a body in the water, a jump.
    @Test func aPushAChaseAFarmToolBlowAnArsonThreatABodyOrAJumpStayPolice() {
        expectPolice(["为了田水的事他把我老婆推到田里去了", "他在田坎上追着我儿子满村跑", "抢水的时候他一扁担打在我腰上",
                      "他抡起锄头就往我爸身上招呼"], .violence)
        expectPolice(["确权的事村里不给办，他说要去把村支书家的房子点了", "为了地界他放话要把我家草垛给烧了"], .disputeRisk)
        expectPolice(["河里漂着一个人，像是上游冲下来的", "宅基地审批的事办不下来，我爸说要去跳水库"], .danger)
    }
}
