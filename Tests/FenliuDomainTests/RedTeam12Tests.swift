import Foundation
import Testing
@testable import FenliuDomain

/// `redteam12.jsonl`: a twelfth red-team round in forms no earlier round centred on — very short calls ("楼上吵死了",
/// "有人打架快来"), speech-to-text transcripts with homophones and no punctuation, calls heavy with house numbers, bus
/// stops, shops and village names, rural elderly speakers in Yiwu/Wu dialect, and calls that ask a question. 20 police
/// matters and 40 ordinary ones. Written blind, it diverted no police call (police recall 1.000) but kept three ordinary
/// calls with the police (停电 heard as 停点, wages as 工钿, a stray 狗 heard as 够: diversion recall 0.923), sent a
/// transcript wage claim (工资 heard as 公司) to lost property and a taxi overcharge to consumer (0.933 exact target
/// accuracy). Seven police calls were police only because no rule knew them (打架→大家, 砍人→看人, 偷→头, 煤气→没气,
/// 杀→沙 / 斧头→府头, 小人寻弗着, 火着了·扑弗熄), and 撞→装 was read as a collapse, not a collision. Its misses were
/// fixed with homophone and dialect families, so its own score flatters the rules; the sentences below are fresh.
@Suite struct RedTeam12Tests {
    @Test func redTeam12CorpusNeverDivertsAPoliceMatter() throws {
        try expectCorpus("redteam12", atLeast: 60, targetAccuracy: 0.98, townshipAccuracy: 0.96)
    }

    @Test func aFightOrAKnifeMisheardInATranscriptIsViolence() {
        expectPolice(["菜市场门口两个男的在大家你们快来", "有个人拿着到在坎人", "一个男的拿了把柴到追着人"], .violence)
    }

    @Test func aTheftMisheardInATranscriptIsACrime() {
        expectPolice(["我放在门口的快递被人头走了", "店门口的自行车被头了"], .crime)
    }

    @Test func gasOrFireMisheardOrInDialectIsAHazard() {
        expectPolice(["厨房里一股没气味道好重", "楼下那家没气漏了", "灶头火着起来了", "柴房火着了我扑弗灭"], .hazard)
    }

    @Test func aCollisionMisheardAsZhuangIsTraffic() {
        expectPolice(["一辆面包车装倒了一个老人", "我儿子被电动车装了"], .traffic)
    }

    @Test func aThreatOrAnAxeMisheardIsADisputeRisk() {
        expectPolice(["他说要沙了你全家", "那个人拿把府头在楼下骂"], .disputeRisk)
    }

    @Test func aMissingChildOrElderInWuDialectIsADanger() {
        expectPolice(["阿拉小囡寻弗着了", "我阿婆弗见了一个上午", "救明啊快来"], .danger)
    }

    @Test func gamblingMisheardAsDuboIsPublicOrder() {
        expectPolice(["出租房里一帮人读博一晚上输了两万"], .publicOrder)
    }

    @Test func theSameHomophonesAndDialectWithoutADangerAreDiverted() {
        expectDiverted(["又停点了空调都开不了", "我们小区到现在还没来点", "停谁了一滴水都没有", "在工地做小工，工钿三个月没发",
                        "厂里欠我两个月公司不给结", "村口有条流浪够天天翻垃圾桶", "打车从机场到稠城要了一百二十块，司机说没零钱不找",
                        "他们大家都在抱怨广场舞太吵", "大家都说这个路灯坏了好几天", "我的社保卡寻弗着了，到哪里补办",
                        "我在读博，想问问人才公寓怎么申请"])
    }

    @Test func aTaxiOverchargeIsPublicTransportAndDialectWagesAreLabour() {
        let taxi = Fixture.engine.decide(CallInput(text: "坐出租车从火车站到商贸城收了九十块，是不是宰客"))
        #expect(taxi.category == .publicTransport, "\(taxi.category)")
        let wages = Fixture.engine.decide(CallInput(text: "我在苏溪那个厂做了半年，工钿一分都没拿着"))
        #expect(wages.category == .labor, "\(wages.category)")
        #expect(wages.target == .township, "\(wages.target)")
    }

    @Test func aDangerBesideTheNewHarmlessFamiliesStaysPolice() {
        expectPolice(["又停点了，我爸的制氧机停了，他喘不过气", "讨工钿的时候包工头拿刀追着我们", "流浪够把小孩咬了",
                      "打车司机多收钱，我说了两句他就打我", "停点了，屋里点蜡烛火着了", "的士司机喝了酒还绕路"])
    }
}
