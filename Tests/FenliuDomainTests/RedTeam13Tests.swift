import Foundation
import Testing
@testable import FenliuDomain

/// `redteam13.jsonl`: a thirteenth red-team round of calls made by third parties and professionals on duty, in their own
/// jargon — security guards and property managers reading from a log, takeaway riders and couriers, taxi and ride-hailing
/// drivers, shop clerks, teachers, nurses, care and grid workers, bus drivers, hotel front desks and landlords — with
/// seasonal and weather matters (typhoon, plum-rain flooding, heatwave, cold snap, Spring Festival fireworks) and harmless
/// calls that use police-sounding words in their everyday sense (砍价, 秒杀, 抢购, 偷菜, 杀鸡, 炸鸡, 水枪, 电焊枪, 消毒,
/// 爆单, 火爆, 打卡, 打折, 抓娃娃). 23 police matters and 37 ordinary ones. Written blind, it diverted one police call
/// (a landlord's tenant unseen for days, read as a takeaway complaint: police recall 0.957), kept five ordinary calls with
/// the police (电焊枪 welding, 消毒水, 杀鸡, 砍树 read as a threat and a fight, 高温补贴) and sent a rider's 爆单 fines and
/// a bus stop taken by fruit tricycles to public transport (diversion recall 0.833, exact target accuracy 0.850, category
/// 0.633, township 0.680, escalation recall 0.000). Eight police calls were police only because no rule knew them
/// (shoplifting, a child collected by a stranger, a girl checked into a hotel, charcoal in a closed car, a crane driver
/// stuck in a typhoon, a car in a flooded underpass, a barely responsive man in a cold snap, a fight arranged with a
/// knife), and a man climbing a drainpipe (落水管) was police only through 落水. Its misses were fixed with families, so its
/// own score flatters the rules; the sentences below are fresh.
@Suite struct RedTeam13Tests {
    @Test func redTeam13CorpusNeverDivertsAPoliceMatter() throws {
        try expectCorpus("redteam13", atLeast: 60, targetAccuracy: 0.98, townshipAccuracy: 0.98)
    }

    // MARK: Dangers told flatly by people on duty

    @Test func someoneClimbingIntoABuildingIsACrime() {
        expectPolice(["保安巡查记录：凌晨三点有个人踩着一楼的防盗窗往二楼窗户上爬", "监控里两个小伙子翻过围墙进了工地仓库"], .crime)
    }

    @Test func aDrainpipeIsNotSomeoneInTheWater() {
        let d = Fixture.engine.decide(CallInput(text: "值班记录：有个男的顺着落水管往三楼爬"))
        #expect(d.police && d.category == .crime, "\(d.category)")
        #expect(!d.reasons.contains { $0.rule == "safety.drowning_fall" }, "\(d.reasons)")
    }

    @Test func aShoplifterSeenByAClerkIsACrime() {
        expectPolice(["我是服装店店员，一个女的把两件T恤塞进包里了，现在往门口走", "超市门口一个男的拿了几包烟没结账就走",
                      "我是药店店员，有个女的把两盒药揣进怀里了"], .crime)
    }

    @Test func someoneTryingDoorsOrCuttingALockIsACrime() {
        expectPolice(["保安这边，有人拿着大力钳在剪自行车的锁", "物业反映，有人在几栋楼挨家挨户推门"], .crime)
    }

    @Test func aPersonLockedInAsRelayedByALandlordIsACrime() {
        expectPolice(["房东反映，租客把一个女孩关在屋里，听到她在哭"], .crime)
    }

    @Test func aChildHandedToADescribedStrangerIsADanger() {
        expectPolice(["托管班老师说孩子被一个说是他姑姑朋友的阿姨接走了，我们家没这个人"], .danger)
    }

    @Test func aMinorCheckedInByAnAdultIsADanger() {
        expectPolice(["宾馆前台，一个中年男人带一个十四岁左右的女孩来开钟点房", "民宿这边，一个男的带着个初中生要入住，说是他表妹"], .danger)
    }

    @Test func charcoalInAClosedSpaceIsADanger() {
        expectPolice(["隔壁小伙子把自己关在车里，车里摆着一盆木炭", "寒潮太冷了，隔壁独居老太在屋里点了一盆炭取暖，门窗关得严严实实"], .danger)
    }

    @Test func aPersonStuckUpHighInAStormIsADanger() {
        expectPolice(["大风把吊篮吹得直晃，上面两个工人下不去", "台风天房顶上有个老人在压瓦片，现在下不来了"], .danger)
    }

    @Test func peopleInACarInFloodwaterAreADanger() {
        expectPolice(["暴雨把下穿隧道淹了，一辆出租车泡在水里，水快到车顶了", "地下车库进水了，有辆车里的人在敲窗"], .danger)
    }

    @Test func aBarelyResponsivePersonIsADanger() {
        expectPolice(["护工说老人早上叫她没什么反应", "公园长椅上躺着个人，拍他不太有反应"], .danger)
    }

    @Test func aTenantOrNeighbourUnseenForDaysIsADanger() {
        expectPolice(["我是房东，五楼那个租客两三天没看见人了，门口牛奶越堆越多", "网格员反映，那个独居老人好几天没见出门"], .danger)
    }

    @Test func oldAndNewBruisesAreViolenceWithEscalation() {
        let d = Fixture.engine.decide(CallInput(text: "护理员说老人身上淤青新旧都有，一碰就躲"))
        #expect(d.police && d.category == .violence, "\(d.category)")
        #expect(d.risk.escalation)
    }

    @Test func aFightPlannedOrAWeaponToBeBroughtIsADisputeRisk() {
        expectPolice(["听说两个班的男生约好了周五放学去河边打一架", "乘客上车就说要带刀去找他老婆算账"], .disputeRisk)
        let d = Fixture.engine.decide(CallInput(text: "他说明天准备带钢管去找那个包工头"))
        #expect(d.police && d.risk.escalation, "\(d.category)")
    }

    @Test func aThreatToBurnOrFuelThrownIsADisputeRisk() {
        expectPolice(["物业反映，业主跟邻居吵架，说要把他家炸了", "隔壁那个男的往我家门上泼了一桶汽油"], .disputeRisk)
    }

    @Test func drugSignsStockpiledCylindersAndHarassmentAreRelayedDangers() {
        expectPolice(["房东反映，租的那间屋里卫生间有好多用过的注射器"], .publicOrder)
        expectPolice(["网格员反映，一间出租屋楼梯下面堆着十几个煤气罐"], .hazard)
        expectPolice(["公交司机反映，有个男的挤着一个小姑娘蹭来蹭去"], .publicOrder)
        expectPolice(["物业反映小区门口有人发传单拉老人投资，说是保本高息，已经有人交了钱"], .fraud)
    }

    @Test func aKnifeOfTheTradeRaisedInAQuarrelIsViolence() {
        expectPolice(["卖活鸡的摊主跟顾客吵起来，拿杀鸡的刀比划"], .violence)
    }

    @Test func drinkingAChemicalByMistakeIsADanger() {
        expectPolice(["物业喷消毒水，我家孩子误喝了一口"], .danger)
    }

    // MARK: Look-alikes in the same voices, diverted

    @Test func weldingAndGrindingAreNoise() {
        for text in ["楼下铺子用打磨机磨铁，一直闹到晚上十一二点", "车库里有人拿电焊枪焊架子，嗞嗞响了一晚上"] {
            let d = Fixture.engine.decide(CallInput(text: text))
            #expect(!d.police && d.category == .noise, "\(text) → \(d.category)")
        }
    }

    @Test func propertySprayingAndTreeFellingAreNeighbourMatters() {
        for text in ["物业在楼道里喷了好多消毒液，味道太冲了，能不能少喷点", "小区绿化带天天打药水，物业也不提前通知",
                     "邻居说我家院子里那棵樟树挡他家光，要找人来砍掉", "物业准备动手锯小区里那几棵老桂花树"] {
            let d = Fixture.engine.decide(CallInput(text: text))
            #expect(!d.police && d.category == .propertyNeighbor, "\(text) → \(d.category)")
        }
    }

    @Test func ridersFinesAllowancesAndClockingInAreLabour() {
        for text in ["我是众包骑手，平台超时罚款太狠了，一单扣十块", "我是快递员，站长说差评扣钱，一个差评扣五十",
                     "今年夏天厂里防暑降温费一分没发", "我们工地高温津贴一直不发", "公司考勤机坏了，人事说没打卡扣全勤"] {
            let d = Fixture.engine.decide(CallInput(text: text))
            #expect(!d.police && d.category == .labor, "\(text) → \(d.category)")
        }
        let site = Fixture.engine.decide(CallInput(text: "我是美团骑手，站点在稠江那边，爆单超时全被罚款了，站长不给申诉"))
        #expect(site.category == .labor && site.target == .township, "\(site.category) \(site.target)")
    }

    @Test func anAngryOvertimeClaimIsMarkedWithoutGoingToPolice() {
        let d = Fixture.engine.decide(CallInput(text: "厂里三个月加班费一分没给，工友们都气得不行"))
        #expect(!d.police && d.category == .labor, "\(d.category)")
        #expect(d.risk.escalation)
    }

    @Test func slaughterStallsAndOccupiedStopsAreCityManagement() {
        for text in ["农贸市场门口有人摆摊宰鸭子，鸭毛扔得满地都是", "车站那里被卖早餐的推车占着，公交进不了站"] {
            let d = Fixture.engine.decide(CallInput(text: text))
            #expect(!d.police && d.category == .cityManagement, "\(text) → \(d.category)")
        }
    }

    @Test func colouredDischargeIntoAStreamIsEnvironment() {
        let d = Fixture.engine.decide(CallInput(text: "河边那个小作坊排出来的水流进沟里，沟里的水都发绿了"))
        #expect(!d.police && d.category == .environment, "\(d.category)")
    }

    @Test func haggledAndRushBoughtGoodsAreConsumerMatters() {
        for text in ["在夜市跟摊主杀价，付完钱发现他称少了", "老板说要杀价就别买，态度很差，我想投诉这家店", "双十一抢购的羽绒服质量很差",
                     "抢了三张演唱会门票，平台说没抢到却扣了钱", "我在网上抢了一张优惠券，结账的时候商家说不能用"] {
            let d = Fixture.rulesEngine.decide(CallInput(text: text))
            #expect(!d.police && d.category == .consumer, "\(text) → \(d.category)")
        }
    }

    @Test func aDocumentLeftBehindIsLostProperty() {
        let d = Fixture.engine.decide(CallInput(text: "乘客把护照落在我出租车上了，怎么交给他"))
        #expect(!d.police && d.category == .livelihoodHelp, "\(d.category)")
    }

    // MARK: A danger beside the new harmless families stays police

    @Test func aDangerBesideTheNewHarmlessFamiliesStaysPolice() {
        expectPolice(["在菜场砍价的时候老板拿刀砍了我一下", "抢红包的时候他抢了我手机就跑", "楼下电焊的火星溅到纸箱上烧起来了",
                      "邻居说要砍树，拿着斧头冲到我家门口说要砍死我", "工地高温补贴没发，一个工友中暑晕倒了",
                      "骑手超时被罚款，跟站长吵起来动手打了人", "物业喷了杀虫剂以后我家老人头晕吐了"])
    }
}
