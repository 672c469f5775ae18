import Foundation
import Testing
@testable import FenliuDomain

/// `redteam16.jsonl`: a sixteenth red-team round on disputes at the edge of turning into crime (民转刑) — boundary walls,
/// shared corridors, parking spaces, inheritance and the care of an old parent, money owed between acquaintances,
/// deposits, noise turned into threats, workers owed wages who threaten to jump or block the gate, debt collectors at the
/// door — and the same disputes told calmly as requests for mediation, an inspection or an explanation of the rules.
/// 24 police matters and 36 ordinary ones. Written blind, it diverted one police call (a relative who fell out over
/// 拆迁款 posted a photo of a pesticide bottle: police recall 0.958) and kept seven ordinary calls with the police (a
/// question about debt collectors, two private loans, a wall to be measured, a neighbour's dog, sons "推来推去" their
/// mother's care, a tree "要不要砍": diversion recall 0.800, exact target accuracy 0.867). A woodshed set alight in a land
/// quarrel was police only by default. Its misses were fixed with the families below, so its own score flatters the
/// rules; the sentences here are fresh.
@Suite struct RedTeam16Tests {
    @Test func redTeam16CorpusNeverDivertsAPoliceMatter() throws {
        try expectCorpus("redteam16", atLeast: 60, targetAccuracy: 1.0, townshipAccuracy: 1.0)
    }

    @Test func aFarewellOrAPhotoOfPoisonAfterAFamilyQuarrelIsADanger() {
        expectPolice(["我姐跟我哥为了爸妈留的房子闹僵了，她刚在群里发了个农药瓶的截图", "我表哥欠了一屁股债，刚给我发微信说对不起爸妈，下辈子再还",
                      "跟老公为了彩礼钱吵完，她留了句永别了就出门了"], .danger)
    }

    @Test func aFireSetInAQuarrelIsAHazardWithEscalation() {
        let d = Fixture.engine.decide(CallInput(text: "两家为了地界吵了好多年，今晚他把我家草垛点着了"))
        #expect(d.police && d.category == .hazard, "\(d.category)")
        #expect(d.risk.escalation)
        expectPolice(["欠我钱的那个人跑到我厂里，把仓库给点燃了"], .hazard)
    }

    @Test func aThreatToBurnAHouseOrNamingWhereFamilyCanBeFoundIsADisputeRisk() {
        expectPolice(["我弟弟为了分家的事喝了酒，说明天就去把爸妈的老屋烧了", "房东说我再不搬走，他就把我店烧掉",
                      "那个追债的跟我讲，他们知道我老婆在哪上班"], .disputeRisk)
    }

    @Test func aCreditorSittingInUntilPaidIsADisputeRisk() {
        expectPolice(["两个要账的坐在我办公室里，说不结清今天谁也别走", "包工头带了十几个人来厂里，说不给钱就不走了"], .disputeRisk)
    }

    @Test func anElderLeftWithoutFoodIsADangerEvenWhenTheCareIsPassedAround() {
        expectPolice(["三个儿子推来推去不肯养老人，老太太两天没吃饭了倒在床上起不来", "我爸瘫在床上，我哥嫂不管，已经饿了三天了"], .danger)
    }

    @Test func theSameDisputesWithAThreatOrAWeaponStayPolice() {
        expectPolice(["我借钱给他他一直不还，今天我去他家要，他拿菜刀出来了", "同事欠我钱一直不还，刚刚在宿舍门口把我堵住了，说再要钱就弄死我",
                      "邻居把界墙往我这边砌，我去说他拿铁锹追我", "邻居家的狗跑到我家院子里把我孙子咬了，腿上都是血",
                      "催收的现在就在我家门口砸门，问一下这样合法吗"])
    }

    @Test func aPrivateLoanOrADebtCollectionQuestionToldCalmlyIsAConsultation() {
        let texts = ["借给同学一万块，他写了欠条，到期了一直不还，我要怎么起诉他", "前年法院判了他还我钱，可他到现在一分没还，怎么申请强制执行",
                     "请问催收公司可不可以给我单位领导打电话，这个合不合法", "网贷的催收天天给我通讯录里的人发短信，这算不算违法"]
        expectDiverted(texts)
        for text in texts {
            let d = Fixture.rulesEngine.decide(CallInput(text: text))
            #expect(d.category == .consultation, "\(text) → \(d.category)")
        }
    }

    @Test func aCalmBoundaryOrParentCareDisputeIsANeighbourMatterForTheTownship() {
        let wall = Fixture.engine.decide(CallInput(text: "老家两户人家中间的围墙，他们重砌的时候往我这边多占了半米，想请村里来丈量一下", address: "上溪镇"))
        #expect(wall.category == .propertyNeighbor, "\(wall.category)")
        #expect(wall.target == .township, "\(wall.target)")
        expectDiverted(["我们家跟邻居的宅基地界线一直说不清，想请国土所的人来重新量一量", "我八十多了，两个女儿推来推去谁也不管我，想请社区来评个理",
                        "兄弟几个都不肯赡养我妈，想请村委会出面调解", "小区里那棵樟树挡光，物业该不该砍，我想问问"])
    }

    @Test func aNeighboursAnimalWanderingInWithNobodyBittenIsAnAnimalMatter() {
        for text in ["隔壁家的鸡老跑到我菜地里啄菜，跟他说了也不管", "对面养的狼狗经常溜进我家院子，还好没伤到人，希望有人来管管"] {
            let d = Fixture.engine.decide(CallInput(text: text))
            #expect(!d.police && d.category == .animal, "\(text) → \(d.category)")
        }
    }
}
