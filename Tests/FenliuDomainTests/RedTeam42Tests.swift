import Foundation
import Testing
@testable import FenliuDomain

/// `redteam42.jsonl`: a forty-second red-team round on lost and found and on people who cannot be reached — missing
/// children, teenagers who ran off after a quarrel, elders with dementia, relatives silent for days, a goodbye
/// message and a phone switched off, a child who never came up from a reservoir — beside look-alikes: lost wallets,
/// phones, ID cards, parcels, pets, things left in taxis, a found purse, a child who was late but came home, a boss,
/// landlord or neighbour out of reach. 26 police matters, 23 ordinary ones and a misdial. Written blind, the shipped
/// config diverted no police call (police recall 1.000, diversion recall 0.783, exact target accuracy 0.900); the
/// rules alone diverted three: a parcel seen on camera being carried off (read as a parcel lost by the courier), a
/// worker behind a door locked from inside with a smell (read as a smell) and a 泰迪 grabbed into a van, told in the
/// active voice (read as a lost pet). Seven police calls stayed police only because no rule decided them (a child
/// gone "付个钱的功夫人就不见了", a goodbye then a phone off, a child alone "一个大人都没有", a wife with depression
/// who left a note, a swimmer not seen to come up, a child taken by an ex-husband "别想再见到孩子", a finder asking
/// money for a lost phone). Ordinary calls kept with the police: a 柯基 "到现在也没回来", a manhole cover "赶紧派人来
/// 盖上", a boss whose "电话关机", a neighbour on holiday "一直联系不上", a phone "掉在路上" beside a dark street.
/// Fixed by families (ids `*_r42`), so its own score flatters the rules; the sentences below are fresh.
@Suite struct RedTeam42Tests {
    @Test func redTeam42CorpusNeverDivertsAPoliceMatter() throws {
        try expectCorpus("redteam42", atLeast: 50, targetAccuracy: 1.0, townshipAccuracy: 1.0)
    }

    /// Police sentences must stay police with the rules alone, not only by the police model's veto.
    private func expectPoliceByRules(_ texts: [String], _ category: FenliuDomain.Category) {
        expectPolice(texts, category)
        for text in texts {
            let d = Fixture.rulesEngine.decide(CallInput(text: text))
            #expect(d.police && d.category == category, "\(text) → \(d.category)")
        }
    }

    @Test func aPersonGoneInAMomentOrAChildAloneIsDanger() {
        expectPoliceByRules(["我外孙五岁，在超市我低头挑个菜的工夫人就不见了",
                             "在火车站买票排队，回头一看我爸人一下子就不见了，他有点糊涂",
                             "商场门口有个小女孩在哭，问她爸妈在哪说不清，身边一个大人都没有",
                             "广场上有个小男孩转来转去，看着三四岁，找不到他家长"], .danger)
    }

    @Test func aGoodbyeANoteOrAnIllnessThenSilenceIsDanger() {
        expectPoliceByRules(["我爸前两天发短信说照顾好我妈，然后就一直关机，到现在联系不上",
                             "我姐夜里发来一句别再找我了，之后电话打过去一直没人接",
                             "我弟有精神分裂，今天趁家里没人跑出去了，手机也没带，找不到",
                             "我老公早上出门前留了一封信，现在手机打不通"], .danger)
    }

    @Test func aSwimmerNotSeenToComeUpOrADoorLockedFromInsideIsDanger() {
        expectPoliceByRules(["我儿子跟人去河里游泳，一直没看见他冒头，河边就剩一双拖鞋",
                             "几个小孩在水塘里游泳，有一个下去就没上来",
                             "我妈一个人住，电话两天没人接，门从里面反锁着，喊也没人答应"], .danger)
    }

    @Test func aFinderAskingMoneyAPetGrabbedOrATheftOnCameraIsCrime() {
        expectPoliceByRules(["捡到我钱包的人说要五百块才还给我，不然就把卡都扔了",
                             "我的包落在饭店了，打过去那个人说拿钱来赎",
                             "有个男的骑着电动车过来，把我家的比熊塞进袋子里就跑了",
                             "看了门口的监控，是一个陌生男的把我晾的衣服拿走了"], .crime)
    }

    @Test func aChildTakenWithAThreatIsADisputeRiskAndAHospitalCallForMoneyIsFraud() {
        let taken = "前妻把女儿接走了，不说带去哪，还说我这辈子别想见"
        expectPoliceByRules([taken], .disputeRisk)
        #expect(Fixture.rulesEngine.decide(CallInput(text: taken)).risk.escalation)
        expectPoliceByRules(["刚才有人打电话说我女儿被抓了，让我转五万块保证金，女儿电话打不通"], .fraud)
    }

    @Test func aDangerWordInsideTheNewHarmlessSpansStaysPolice() {
        // Someone who went after the pet, a worker unreachable, an old neighbour silent, a child in the open manhole,
        // a phone dropped where a car then struck the caller.
        expectPoliceByRules(["猫跑出去了，我儿子出去追，到现在也没回来",
                             "狗早上溜出去了，我家老头子出去寻，到现在还没回来",
                             "老板欠着我们两个月工资，工友老王前天去讨薪，到现在联系不上，电话关机",
                             "楼上漏水好几天了，住楼上的老太太一直联系不上，敲门也没人应",
                             "赶紧派人来盖上，刚才有个小孩掉进井里去了"], .danger)
        expectPolice(["手机掉在路上，我去捡的时候被一辆车撞倒了"], .traffic)
    }

    @Test func aPetNotBackABossOrNeighbourOutOfReachAndADroppedKeyAreDiverted() {
        expectDiverted(["家里的橘猫前天晚上翻窗出去了，两天了还是没回来，怎么贴寻猫启事比较好",
                        "我们厂老板年后就失联了，手机一直关机，两个月工钱都没结",
                        "昨天晚上钥匙掉在路上了，找了半天没找到，能帮忙开个锁吗"])
        let pet = Fixture.rulesEngine.decide(CallInput(text: "我家泰迪前天趁门没关跑了出去，到今天还是没回来"))
        #expect(pet.category == .livelihoodHelp && pet.target == .hotline12345, "\(pet.category) \(pet.target)")
        let boss = Fixture.rulesEngine.decide(CallInput(text: "我们厂老板年后就失联了，手机一直关机，两个月工钱都没结"))
        #expect(boss.category == .labor, "\(boss.category)")
        let leak = Fixture.rulesEngine.decide(CallInput(text: "楼下租户漏水到我家车库，人一直联系不上，房东说他回老家过年了",
                                                        address: "稠城街道"))
        #expect(leak.category == .propertyNeighbor && leak.target == .township && leak.township == "稠城街道",
                "\(leak.category) \(leak.target) \(String(describing: leak.township))")
    }

    @Test func aCoverGoneOrAStrayLitterGoesToTheTownship() {
        let cover = Fixture.rulesEngine.decide(CallInput(text: "小区门口那个雨水井盖丢了，麻烦快派人来补上", address: "北苑街道"))
        #expect(cover.category == .utilities && cover.target == .township && cover.township == "北苑街道",
                "\(cover.category) \(cover.target) \(String(describing: cover.township))")
        let litter = Fixture.rulesEngine.decide(CallInput(text: "地下车库里不知道谁家的流浪狗下了一窝小狗，天天叫",
                                                          address: "江东街道"))
        #expect(litter.category == .animal && litter.target == .township && litter.township == "江东街道",
                "\(litter.category) \(litter.target) \(String(describing: litter.township))")
    }
}
