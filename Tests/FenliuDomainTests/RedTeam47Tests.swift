import Foundation
import Testing
@testable import FenliuDomain

/// `redteam47.jsonl`: a forty-seventh red-team round on length extremes — 25 fragments of 2 to 9 characters, as
/// call-takers type them under pressure or callers blurt them (救命, 车被刮了, 撞人了快来, 醉汉躺路边, 井盖没了), and 25
/// narratives of 250 to 300 characters in which one sentence carries a police matter among ordinary complaints, or in
/// which alarming words (烟雾, 爆炸, 刀具, 洗钱, 着火, 交通事故) surround an ordinary matter. 23 police matters, 27
/// ordinary ones. Written blind, the shipped config diverted no police call (police recall 1.000, diversion recall
/// 0.778, exact target accuracy 0.880, category accuracy 0.760, township accuracy 0.824); the rules alone gave the same
/// figures, so the police model's veto kept nothing. Every police sentence buried in a long narrative was found. Two
/// fragments stayed police only because no rule matched ("车被刮了", "撞人了快来"), and "醉汉躺路边" was public order,
/// not a person at risk. Six ordinary narratives were kept with the police: a fire drill's staged smoke and blast
/// effects, a kitchen knife set bought online, a settled accident of last year in a vehicle-transfer question, a plea
/// to "赶紧来人把阀门关了" for a burst main, scam calls hung up on (left so: a scam attempt is arguably for the police),
/// and a factory burning waste "像着火了一样" (left so: dark smoke and 喘不过气 are safety signals). Fixed by families
/// (ids `*_r47`), so its own score flatters the rules; the sentences below are fresh.
@Suite struct RedTeam47Tests {
    @Test func redTeam47CorpusNeverDivertsAPoliceMatter() throws {
        try expectCorpus("redteam47", atLeast: 50, targetAccuracy: 0.96, townshipAccuracy: 0.94)
    }

    @Test func aBareCollisionFragmentIsTraffic() {
        expectPoliceByRules(["我的车子被撞了", "电瓶车撞人了", "那个货车把人撞了就跑", "路口有辆车被蹭了"], .traffic)
    }

    @Test func aPersonLyingInOrByTheRoadIsDanger() {
        expectPoliceByRules(["有个人躺在马路上一动不动", "一个喝多的倒在路边", "有个老人睡在马路边上"], .danger)
    }

    @Test func aSettledAccidentOfYearsAgoToldAsBackgroundIsNotACollisionNow() {
        expectDivertedInCategory(["前几年出过一次车祸早就处理完了，想问驾照年审的事", "之前发生过交通事故，保险赔过了，现在想问车怎么过户"],
                           .consultation)
    }

    @Test func knivesBoughtAsGoodsInARefundComplaintAreConsumer() {
        expectDivertedInCategory(["网上买的水果刀生锈了，商家不给退款", "超市买了一套刀具质量很差，想退货"], .consumer)
    }

    @Test func aPleaToShutAValveIsAUtilityRepair() {
        expectDivertedInCategory(["小区里水管爆了，快派人把阀门关掉"], .utilities)
    }

    @Test func aFireDrillsStagedEffectsAreANoiseComplaint() {
        expectDivertedInCategory(["演习的时候放了烟雾，吵得老人睡不着", "物业搞消防演练，爆炸音效放了一早上，太扰民了"], .noise)
    }

    @Test func aRealDangerBesideTheNewOrdinaryWordsStaysPolice() {
        expectPoliceByRules(["去年出过车祸，今天那个司机又找上门威胁我", "买了把菜刀，他拿着菜刀要砍我",
                             "演练放烟雾的时候真的着火了，有人困在里面"])
    }
}
