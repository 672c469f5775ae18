import Foundation
import Testing
@testable import FenliuDomain

/// `redteam56.jsonl`: a fifty-sixth red-team round on visitors, hotels and short stays in Yiwu — foreign and domestic
/// buyers in hotels and 民宿, lost luggage and passports, taxis that skip the meter and touts at the station, a door
/// that will not lock, a camera hidden in a room (偷拍), a drunk guest kicking doors, a guest silent for a day, children
/// lost at the trade mall and the station, deposits and refunds, noise, and trade-fair crowds. 24 police matters, 25
/// ordinary ones and a misdial. Written blind, the shipped config diverted no police call (police recall 1.000,
/// diversion recall 0.960, exact target accuracy 0.980, category accuracy 0.860, township accuracy 1.000); the rules
/// alone diverted every ordinary call rightly (target accuracy 1.000, category 0.880): the police model's veto kept
/// one, a hotel door that would not lock (a consumer complaint). Seven police calls stayed police only because no rule
/// matched: a camera inside a socket panel, across a comma from the room; a six-year-old "被人流冲散了" at the station; a
/// suitcase "监控里 … 拖走的" at check-in; a buyer's "不是我丢的 is stolen" (the 不是 negated the English word); a laptop
/// and cash gone from a room while the caller was out; a tout who carried a suitcase to his van until paid; and a man
/// knocking at a lone woman's door at 2 a.m. A taxi that knocked down someone "拖行李的" read as violence (拖行 inside
/// 拖行李). Fixed by families (ids `*_r56`), so its own score flatters the rules; the sentences below are fresh.
@Suite struct RedTeam56Tests {
    @Test func redTeam56CorpusNeverDivertsAPoliceMatter() throws {
        try expectCorpus("redteam56", atLeast: 50, targetAccuracy: 0.98, townshipAccuracy: 1.0)
    }

    @Test func aCameraHiddenInARoomsFittingsIsCovertFilming() {
        expectPoliceByRules(["住的公寓酒店，卫生间的吹风机插头后面藏着一个小镜头，正对着淋浴那边",
                             "我在民宿的挂钟里面发现个针孔，拆下来是个带电池的摄像头",
                             "宾馆房间的路由器上有个小洞一直亮着，扒开一看是个摄像头"], .publicOrder)
    }

    @Test func aChildOrFrailRelativeSweptApartInACrowdIsMissing() {
        expectPoliceByRules(["我儿子在义乌站出站口跟我们走散了，他才七岁",
                             "看灯会的时候人太多，我妈和我们挤散了，她有点老年痴呆",
                             "去商贸城进货，外婆被人群冲散了，她不认识字也没带手机"], .danger)
    }

    @Test func thingsGoneFromARoomOrFromBesideTheCallerAreTheft() {
        expectPoliceByRules(["出门吃了个饭回来，放在房间桌上的相机和美金都没了",
                             "逛街回到民宿，行李箱里的首饰全不见了，门锁也没坏",
                             "我把背包放在椅子上，扫了个码一回头包就没影了",
                             "酒店走廊监控里看到一个男的把我的行李车推走了"], .crime)
    }

    @Test func aBagTakenAndHeldUntilPaidIsACrime() {
        expectPoliceByRules(["车站门口那个开黑车的把我们的箱子扔上他三轮车，不给钱就不还",
                             "有个拉客的把我的包拽走了，说交钱才还给我"], .crime)
    }

    @Test func aStrangerAtALoneGuestsDoorAtNightStaysPolice() {
        expectPoliceByRules(["半夜有个不认识的男的一直拍我的房门，要我开门，我是个女生"], .publicOrder)
        expectPoliceByRules(["大半夜有人使劲砸我们房门，说是来找人的，我们都不认识他，不敢开"])
    }

    @Test func anEnglishTheftAfterADenialOfLossIsCrime() {
        expectPoliceByRules(["My phone not lost, 不是我丢的, somebody took it from my table",
                             "In the hotel, someone opened my luggage, my money is stolen"], .crime)
    }

    @Test func aVisitorDraggingLuggageKnockedDownByAVehicleIsTraffic() {
        expectPoliceByRules(["一辆面包车在宾馆门口把一个拖着行李箱的老人撞倒了，人倒在地上"], .traffic)
    }

    @Test func visitorsOrdinaryMattersThatLookLikeTheNewSignalsAreStillDiverted() {
        // A broken corridor camera is no hidden one, a tour group one lost touch with is no missing child, a key card
        // gone on coming back is no theft, a courier knocking is noise, and 拖行李箱 drags no person.
        expectDiverted(["小区门口的监控摄像头坏了好几个月了，物业一直不修",
                        "我跟旅行团的人走散了，想问一下去义乌站坐几路公交",
                        "我出去逛了一圈回来，房卡不见了，进不去房间，想找人开个门",
                        "回到宾馆才发现钱包没了，应该是在出租车上掉的，想问问怎么找出租车",
                        "晚上外卖小哥一直敲门送错了，吵得人睡不着",
                        "酒店寄存的行李箱拿回来轮子摔坏了，拖行李箱都拖不动，要他们赔"])
        let noise = Fixture.rulesEngine.decide(CallInput(text: "晚上外卖小哥一直敲门送错了，吵得人睡不着"))
        #expect(noise.category == .noise, "\(noise.category)")
        let luggage = Fixture.rulesEngine.decide(CallInput(text: "酒店寄存的行李箱拿回来轮子摔坏了，拖行李箱都拖不动，要他们赔"))
        #expect(luggage.category == .consumer, "\(luggage.category)")
    }
}
