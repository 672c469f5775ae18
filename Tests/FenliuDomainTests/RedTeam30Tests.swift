import Foundation
import Testing
@testable import FenliuDomain

/// `redteam30.jsonl`: a thirtieth red-team round on customs, festivals and animals in Yiwu — Spring Festival fireworks,
/// weddings and 闹婚, funerals (灵棚, 烧纸, 哀乐), temple fairs, square dancing, village banquets, pets, stray dogs,
/// livestock in town, snakes and bees — in the voices of neighbours, village cadres, guests, shopkeepers, dog owners and
/// parents. 20 police matters and 30 ordinary ones. Written blind, it diverted no police call (police recall 1.000) but
/// kept five ordinary calls with the police for want of a rule (fireworks noise at night, paper-burning ash, slaughter
/// waste washed into a stream, firework debris in the street, and a snake where 没人被咬 made the animal rule stand
/// down) and sent a neighbour's 金毛 fouling the stairwell to lost pets: diversion recall 0.828, exact target accuracy
/// 0.880, category accuracy 0.720, township accuracy 0.684, escalation recall 0.600. Two police calls were police only
/// by default (dog thieves, a drunk guest driving off), and a dog set on a neighbour, men dragging a driver out to beat
/// him and firecrackers thrown at people were read as a bite, a traffic jam and a fire. After the fixes the corpus
/// scores 1.000 on every target figure (category 0.960), so its own score flatters the rules; the sentences here are
/// fresh.
@Suite struct RedTeam30Tests {
    @Test func redTeam30CorpusNeverDivertsAPoliceMatter() throws {
        try expectCorpus("redteam30", atLeast: 50, targetAccuracy: 1.0, townshipAccuracy: 1.0)
    }

    @Test func aDogSetOnAPersonIsViolenceWithEscalation() {
        for text in ["那户人家故意把狼狗松开，狗冲着我扑过来", "他嘴里喊着咬他咬他，那条黑狗就扑到我老公身上"] {
            let d = Fixture.engine.decide(CallInput(text: text))
            #expect(d.police && d.category == .violence, "\(text) → \(d.category)")
            #expect(d.risk.escalation, "\(text)")
        }
    }

    @Test func draggedOutAndBeatenOrFirecrackersThrownAtPeopleIsViolence() {
        expectPolice(["几个人把那个骑车的小伙子从车上拖下来打，打得满脸是血", "有人把点着的二踢脚往我们身上扔，我衣服都烧了个洞",
                      "几个小孩拿摔炮朝路人身上扔"], .violence)
    }

    @Test func dogThievesAndPoisonersAreACrime() {
        expectPolice(["半夜几个人骑摩托来村里偷狗，我家那条土狗已经被套走了", "我家柯基在小区门口被一个男的抱走了，监控都拍到了",
                      "村里好几户的狗都被人药死了"], .crime)
    }

    @Test func drinkingThenDrivingIsTraffic() {
        expectPolice(["新郎的叔叔喝了半斤白酒还要自己开车送客人，拦都拦不住", "我们老板喝完酒非要自己开车回去，现在上路了"], .traffic)
    }

    @Test func festivalNoiseAshDebrisAndWasteAreDiverted() {
        expectDiverted(["天天晚上十二点还有人放鞭炮，吵得根本睡不着", "对面那家开业放礼炮，一大早吵醒了整栋楼",
                        "路口有人烧纸钱，纸灰飘进我家阳台，呛得咳嗽", "养殖场的鸡粪直接排进河里，河水都发臭了",
                        "过完元宵节小区门口一地的鞭炮纸屑，一直没人清理", "广场上都是烟花筒和鞭炮屑，环卫也不管"])
        #expect(Fixture.engine.decide(CallInput(text: "天天晚上十二点还有人放鞭炮，吵得根本睡不着")).category == .noise)
        #expect(Fixture.engine.decide(CallInput(text: "路口有人烧纸钱，纸灰飘进我家阳台，呛得咳嗽")).category == .environment)
        #expect(Fixture.engine.decide(CallInput(text: "广场上都是烟花筒和鞭炮屑，环卫也不管")).category == .cityManagement)
    }

    @Test func aPetFoulingSharedSpaceIsANeighbourMatterNotALostPet() {
        for text in ["隔壁的哈士奇每天在我家门口撒尿，说了好几次也不听", "小区里遛狗的不管狗便便，草坪上全是狗屎"] {
            let d = Fixture.engine.decide(CallInput(text: text))
            #expect(!d.police && d.category == .propertyNeighbor, "\(text) → \(d.category)")
        }
    }

    @Test func anAnimalThatBitNoOneGoesToTheAnimalDesk() {
        for text in ["后院柴堆里爬出来一条蛇，好在没人被咬，想请人来抓", "阳台上来了好多马蜂，没蜇人，就是不敢开窗",
                     "有条大狼狗在巷子里晃，没咬人，就是小孩不敢出门"] {
            let d = Fixture.engine.decide(CallInput(text: text))
            #expect(!d.police && d.category == .animal, "\(text) → \(d.category)")
        }
    }

    @Test func aDangerBesideTheseHarmlessWordsStaysPolice() {
        expectPolice(["那条狗没咬人，可是狗主人拿着铁锹冲过来要拍我", "院子里那条蛇没咬人，我妈吓得晕过去了，叫不醒",
                      "放鞭炮吵得不行，我下去说了一句，那几个男的就把我按在地上打", "邻居的狗在楼道拉屎，我讲了他两句，他说再讲就弄死我",
                      "路边烧纸的火星把旁边的柴堆引燃了，火很大", "养猪场的粪水冲到河里，我儿子下去捞的时候掉进河里了",
                      "鞭炮碎屑堆在门口被人点着了，火烧到门帘了", "对面放烟花吵得要死，那个男的拿着铁棍要打我"])
    }

    @Test func boughtGoodsThatDoNotWorkAreAConsumerComplaintUnlessTheyBurnOrBlast() {
        let d = Fixture.engine.decide(CallInput(text: "庙会上买的电子鞭炮一挂都不响，回去找老板换他不肯"))
        #expect(!d.police && d.category == .consumer, "\(d.category)")
        expectPolice(["买的烟花点不着，凑过去看的时候突然炸了，孩子脸上炸伤了", "买的鞭炮点不着，老板不给退，我老公气得拿刀要去砍他"])
    }
}
