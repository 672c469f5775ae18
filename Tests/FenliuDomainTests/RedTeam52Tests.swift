import Foundation
import Testing
@testable import FenliuDomain

/// `redteam52.jsonl`: a fifty-second red-team round on callers who ask rather than report, in polite, hesitant,
/// educated, elderly and young voices: police matters put as questions or hypotheticals ("这种算不算家暴，我能报警吗",
/// "有个男的跟着我 … 我该怎么办", "我把人撞了现在该怎么办", "让我转账验证流水 … 这个正常吗" while it goes on), callers
/// unsure whether to call, people asking on behalf of someone in danger; and true enquiries for 12345 (社保, 医保,
/// 公积金, 积分入学, 落户, water and gas bills, bus routes, 失业金) and township matters asked as "who handles this"
/// (楼上漏水物业不管, 工地晚上打桩能不能管). 25 police matters and 25 ordinary ones. Written blind, the shipped config
/// diverted no police call (police recall 1.000, diversion recall 0.960, exact target accuracy 0.940, category accuracy
/// 0.840, township accuracy 1.000), but only through the police model's veto: the rules alone diverted two (police
/// recall 0.920, exact target accuracy 0.900) — a door lock pried with someone maybe still inside ("门锁被撬了 … 不知道
/// 里面还有没有人") read as a consultation on 问一下, and "几个人围着一个小伙子打 … 你们管不管" read as a neighbour
/// matter on 楼下. Three enquiries were misrouted: a tripled water bill (漏水 in "没见哪里漏水" sent it to the
/// township), paying the gas bill "在网上" (no rule: stayed police) and 失业金 after being 辞退 (read as labour). Fixed by
/// families (ids `*_r52`), so its own score flatters the rules; the sentences below are fresh.
@Suite struct RedTeam52Tests {
    @Test func redTeam52CorpusNeverDivertsAPoliceMatter() throws {
        try expectCorpus("redteam52", atLeast: 50, targetAccuracy: 0.98, townshipAccuracy: 1.0)
    }

    @Test func aForcedDoorOrADoorFoundOpenAskedAsAQuestionIsCrime() {
        expectPoliceByRules(["问一下，我出门时锁好的门现在开着，屋里好像有声音，我要进去看看吗",
                             "请教一下，店里的卷帘门给撬开了一半，我该怎么弄",
                             "想问下，宿舍的窗子被人撬坏了，这种找谁"], .crime)
    }

    @Test func severalPeopleBeatingOneAskedAsAQuestionIsViolence() {
        expectPoliceByRules(["请问一下，菜场门口四五个人打一个卖菜的，你们出不出警",
                             "想咨询下，公园里一群人按住一个老头打，这个算什么"], .violence)
    }

    @Test func aRelativeTheFamilyCannotReachIsDanger() {
        expectPoliceByRules(["问问你们，我爸下午去钓鱼，天都黑了家里人打不通他",
                             "请问，我姐姐跟男朋友吵完架出门，现在我们全家都联系不上她"], .danger)
    }

    @Test func drugsGrownOrMadeArePublicOrder() {
        expectPoliceByRules(["请问一下，隔壁出租屋里好像在制毒，味道很怪", "想问下，后山有人种了一片罂粟，可以举报吗"],
                            .publicOrder)
    }

    @Test func someoneTakingAnothersThingsNowIsCrime() {
        expectPoliceByRules(["问一下，刚看到有个男的在拆隔壁家的空调外机，装到三轮车上了",
                             "请问，有两个人正在搬邻居家门口的电动车，往面包车上抬", "问下，那个贼在偷隔壁的电瓶车"], .crime)
    }

    @Test func aCallerAskingWhetherItIsAPoliceMatterStaysPolice() {
        // No rule knows the matter; a bare question word no longer diverts it.
        expectPoliceByRules(["请问一下，这种情况犯不犯法，要不要报警", "问问，他这样算不算违法"])
    }

    @Test func anOrdinaryMatterAskedThatWayIsStillDiverted() {
        // The police question is light: a specific ordinary rule still routes the call, and a creditor who cannot
        // reach a debtor is no missing relative.
        expectDiverted(["问一下，我家楼上装修天天砸墙，能不能报警", "我想问问，几个老头围着桌子打扑克吵到十二点，你们管不管",
                        "我朋友借了我两万块，现在我联系不上他了，想问问怎么起诉"])
        let leak = Fixture.rulesEngine.decide(CallInput(text: "请问楼上漏水到我家，能不能报警", address: "北苑街道"))
        #expect(leak.category == .propertyNeighbor, "\(leak.category)")
        #expect(leak.target == .township, "\(leak.target)")
    }

    @Test func billAndBenefitQuestionsGoToTheHotline() {
        expectDivertedInCategory(["问一下，天然气费能不能在微信上交，我不会弄", "我家电费这个月翻了一倍，家里也没开空调，是不是电表不准",
                                  "我被厂里辞退了，想问一下失业保险金怎么申请", "问一下，我刚生完孩子，生育津贴怎么领，公司把我辞退了"],
                                 .consultation)
        for text in ["我被厂里辞退了，想问一下失业保险金怎么申请", "请问一下，这个月水费怎么比以前多了一倍，家里水管也没漏水"] {
            let d = Fixture.rulesEngine.decide(CallInput(text: text, address: "城西街道"))
            #expect(d.target == .hotline12345, "\(text) → \(d.target) \(d.category)")
        }
    }

    @Test func aBillOrBenefitScamOrADangerBesideTheNewEnquiriesStaysPolice() {
        expectPoliceByRules(["有人打电话说我电费欠费要停电，让我扫码缴费到指定账户",
                             "自称社保局的人说我失业金被冒领了，让我把钱转到安全账户",
                             "问一下燃气费在哪里交，家里燃气灶那边一股怪味，我头有点晕"])
    }
}
