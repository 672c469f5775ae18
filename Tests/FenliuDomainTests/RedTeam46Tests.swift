import Foundation
import Testing
@testable import FenliuDomain

/// `redteam46.jsonl`: a forty-sixth red-team round on livestream e-commerce and the gig economy in Yiwu — hosts (主播)
/// in platform slang (家人们, 下播, 榜一, 刷单, 退货率), packers and warehouse workers, couriers and riders, day-wage
/// agency workers (日结, 中介) and agency bosses, second-hand and rental platforms, WeChat group-buying and worried
/// parents. 24 police matters, 25 ordinary ones and a misdial. Written blind, the shipped config diverted one police
/// call (police recall 0.958, diversion recall 0.840, exact target accuracy 0.880, category accuracy 0.720, township
/// accuracy 0.857): a fake landlord on a rental app whose account was deleted once the deposit was paid
/// ("我转完他账号就注销了，那房子根本不是他的") went to 福田街道 as a deposit dispute on 押金. The rules alone diverted a
/// second (police recall 0.917, exact target accuracy 0.860): a courier told "不赔三千块就找人在路上等我，见一次砍一次"
/// went to the hotline as a lost parcel on 丢了; the police model's veto kept it. Two police calls stayed police only
/// by default: a host waited for by her top gifter ("一下播他就蹲在基地楼下等我 … 一路跟到我小区门口") and sextortion
/// ("不转八千块就发到我家人们群里"). Four ordinary calls were kept with the police: a coat "在直播间抢了一件" (抢了 read as
/// robbery), a rider's "保证金给扣了" (read as a scam on 保证金), couriers' boxes in a stairwell (a tie), and a bus that
/// "跳站不停". Fixed by families (ids `*_r46`), so its own score flatters the rules; the sentences below are fresh.
@Suite struct RedTeam46Tests {
    /// Diverted in `category` to `target` (and `township`) by the shipped engine and by the rules alone.
    private func expectDivertedBoth(_ texts: [String], _ category: FenliuDomain.Category, address: String? = nil,
                                    target: Target = .hotline12345, township: String? = nil) {
        for engine in [Fixture.engine, Fixture.rulesEngine] {
            for text in texts {
                let d = engine.decide(CallInput(text: text, address: address))
                #expect(!d.police, "\(text) → \(d.category)")
                #expect(d.category == category, "\(text) → \(d.category)")
                #expect(d.target == target, "\(text) → \(d.target)")
                #expect(d.township == township, "\(text) → \(d.township ?? "none")")
            }
        }
    }

    @Test func redTeam46CorpusNeverDivertsAPoliceMatter() throws {
        try expectCorpus("redteam46", atLeast: 50, targetAccuracy: 1.0, townshipAccuracy: 1.0)
    }

    @Test func aThreatToSendPeopleOrToStrikeOnSightIsADisputeRisk() {
        let texts = ["那个客户说不退钱就叫人来厂里收拾我", "他放话说找人在厂门口堵我", "那个人说以后见一次打一次"]
        expectPoliceByRules(texts, .disputeRisk)
        for text in texts {
            #expect(Fixture.rulesEngine.decide(CallInput(text: text)).risk.escalation, "\(text): no escalation")
        }
    }

    @Test func moneyDemandedUnderThreatOfSpreadingARecordingIsExtortion() {
        expectPoliceByRules(["有个人说手里有我洗澡的视频，不给他一万就发给我同学"], .crime)
    }

    @Test func aHostFollowedHomeOrWaitedForIsHarassment() {
        expectPoliceByRules(["有个粉丝天天在我们公司楼下等我，昨天还跟到我住的小区，我好怕",
                             "下夜班有个不认识的男的跟着我到了宿舍楼下"], .publicOrder)
    }

    @Test func aLandlordWhoVanishedOrNeverOwnedTheFlatIsFraud() {
        expectPoliceByRules(["在网上找的短租房，定金转过去之后对方就把号注销了",
                             "中介说房子是他的，我交了半年房租，后来才知道根本不是房东"], .fraud)
        let d = Fixture.rulesEngine.decide(CallInput(text: "中介说房子是他的，我交了半年房租，后来才知道根本不是房东",
                                                     address: "福田街道"))
        #expect(d.target == .police, "\(d.target)")
    }

    @Test func aBlowWithABeltOrAHangerIsViolenceAndOverPayItEscalates() {
        expectPoliceByRules(["我爸喝了酒拿皮带抽我妈", "工头用衣架打我弟弟，打得背上全是印子"], .violence)
        let pay = Fixture.rulesEngine.decide(CallInput(text: "我去要工资，老板把我摁在地上打"))
        #expect(pay.police && pay.category == .violence, "\(pay.category)")
        #expect(pay.risk.escalation)
    }

    @Test func theGigEconomysOrdinaryMattersAreDiverted() {
        expectDivertedBoth(["直播间抢了两双鞋，到货一只大一只小，客服不给换",
                            "秒杀链接抢到一套四件套，洗一次就起球了，商家不给退"], .consumer)
        expectDivertedBoth(["我在快递站点干了两个月辞职了，站长说押的保证金不退",
                            "电商公司说我们组差评多，每人扣了五百提成"], .labor)
        expectDivertedBoth(["电商公司说我们组差评多，每人扣了五百提成"], .labor, address: "苏溪镇",
                           target: .township, township: "苏溪镇")
        expectDivertedBoth(["隔壁租户把电商的货全堆在楼梯间，推车都过不去，物业也不来管"], .propertyNeighbor,
                           address: "江东街道", target: .township, township: "江东街道")
        expectDivertedBoth(["那路车天天晚点四十分钟，等得上班都迟到", "公交司机老是跳站，我在站台招手他都不停"],
                           .publicTransport)
    }

    @Test func aRobberyOrAFireBesideTheNewOrdinaryWordsStaysPolice() {
        // A phone snatched at a studio's door is no flash sale; boxes in a stairwell on fire are no clutter; a deposit
        // "frozen" until more is paid is a scam, not docked pay.
        expectPoliceByRules(["直播间门口有个男的抢了一部手机，骑车走了", "直播的时候有个人冲进来抢了一件样衣就跑"], .crime)
        expectPoliceByRules(["楼道里堆满了纸箱，现在着火了冒烟"], .hazard)
        expectPoliceByRules(["平台说我账户异常扣了保证金，要我再交两千解冻"], .fraud)
    }
}
