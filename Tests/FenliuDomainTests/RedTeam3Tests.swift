import Foundation
import Testing
@testable import FenliuDomain

/// `redteam3.jsonl`: a third red-team round in voices the earlier corpora lack — long calls with one
/// dangerous detail buried after harmless ones, complaints that end in violence, text-to-110 shorthand
/// (jc, bj, wyc, xq), Wu and northern colloquialisms, callers who minimise or who are the wrongdoer,
/// animal/person confusion, online harms (sextortion, doxxing, group-chat threats, refund scams),
/// workplace injuries, and non-police calls with police-sounding words (派出所, 报警器, 消防栓).
/// Before this round's rules it diverted 36 of its 70 police calls.
@Suite struct RedTeam3Tests {
    @Test func redTeam3CorpusNeverDivertsAPoliceMatter() throws {
        // The rules were fixed against this corpus, so its own score (1.000) flatters them; the floor
        // leaves room for a few diversion misses, never for a diverted police call.
        try expectCorpus("redteam3", atLeast: 100, targetAccuracy: 0.97, townshipAccuracy: 0.97)
    }

    @Test func complaintsThatEndInViolenceStayPolice() {
        expectPolice(["对面店铺的招牌挡了我家门头，我去找他说，他媳妇抄起拖把杆往我脸上戳",
                      "楼上天天拖椅子我上去敲门，那男的一把揪住我头发把我往门框上磕",
                      "物业说我车位被占了让我自己解决，我跟那个车主理论，他给了我一脚",
                      "菜市场卖鱼的跟顾客吵起来，有个顾客被人从台阶上推下去了"], .violence)
    }

    @Test func hurtPeopleDescribedWithoutInjuryWordsStayPolice() {
        expectPolice(["我们村停电了，我奶奶用的呼吸机没电了", "邻居家的大狼狗冲出来把我女儿咬了",
                      "厂里锅炉工被蒸汽烫了一身，皮都掉了", "仓库的铁架子倒下来压住一个理货员"])
    }

    @Test func heldPeopleAndEverydayThreatsStayPolice() {
        expectPolice(["乘客说司机不打表我说了他两句，他把车门锁了说不给两百不让我下",
                      "隔壁理发店洗头的姑娘哭着跑出来说老板把她关在里屋",
                      "小区门口卖烧烤的一直冒烟我投诉了，今天他带着几个人到我家门口说要给我点教训",
                      "外卖员说记住我家门牌号了，让我等着"])
    }

    @Test func secondBlindProbeFamiliesStayPolice() {
        // Found by a second blind probe after the first fixes: burns and blows to other body parts, a
        // home life-support machine stopped by an outage, a person pinned on a table and force-fed drink.
        expectPolice(["出租房停水了房东不管，我去找他，他拿烟头往我手背上按",
                      "买的二手车里程表被调了我去车行退，老板叫人往我肚子上顶了两下",
                      "家里没电了，我爸在用透析机，现在机器停了",
                      "楼下大排档吵到半夜我下去说，结果被他们几个按在桌子上灌酒"])
    }

    @Test func callerWhoHitSomeoneStaysPolice() {
        expectPolice(["我把隔壁家的小孩撞了，骑电动车没刹住，孩子在哭", "倒车的时候把一个老大爷蹭了，他说腿疼"], .traffic)
    }

    @Test func animalsInWaterOrAtHeightAreTheAnimalDesks() {
        let d = Fixture.engine.decide(CallInput(text: "有只猫掉进小区的水池里在扑腾，谁来捞一下"))
        #expect(d.category == .animal, "\(d.category)")
        expectDiverted(["有只鸽子在我家空调外机上做窝，天天咕咕叫"])
        // A person word between the animal and the danger keeps the person's danger.
        expectPolice(["我家狗掉进河里我老公下去拉它现在我老公在扑腾", "小孩爬到窗外的空调外机上了"], .danger)
    }

    @Test func policeSoundingServiceCallsAreDiverted() {
        expectDiverted(["请问派出所办户口迁移周末开门吗", "我家门口的防盗报警器老是乱响，应该是坏了",
                        "村口那辆报废面包车停了好几个月了，也没人来拉", "我去年在工地上摔伤了腿，现在包工头不肯出医药费",
                        "想问一下被猫抓了要不要打狂犬疫苗", "我在网上买的假烟，商家不给退"])
    }
}

/// Danger told inside a non-police complaint, in words no list foresaw: caught by structure (something done to a
/// head or face, a seizure, a threat against family) rather than by a vocabulary entry.
@Suite struct StructuralSafetyTests {
    @Test func harmToABodyPartInsideAComplaintStaysPolice() {
        expectPolice(["饭馆里两桌人吵起来，有人拿酒瓶把人家脑袋开了", "装修队的人跟业主吵，拿锤子朝他头上比划",
                      "物业保安把热水往老人脸上泼"], .violence)
    }

    @Test func aSeizureDuringAnOutageIsDanger() {
        expectPolice(["物业的人说停电要修，我爸在家突然抽过去了嘴里吐泡泡"], .danger)
    }

    @Test func aThreatAgainstFamilyOverADebtIsARiskDispute() {
        expectPolice(["欠钱的说不还就把我女儿卖了，在饭馆门口堵着"], .disputeRisk)
    }

    @Test func drugUseMentionedInANoiseComplaintStaysPolice() {
        expectPolice(["楼下棋牌室每天晚上很吵，今天好像还有人在里面吸东西，味道怪怪的"], .publicOrder)
    }

    @Test func aLeakThatDripsOnSomeoneIsStillALeak() {
        expectDiverted(["楼上漏水滴到我头上了，物业不管"])
    }
}
