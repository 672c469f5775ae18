import Foundation
import Testing
@testable import FenliuDomain

/// `redteam44.jsonl`: a forty-fourth red-team round on regional voices and dialect — callers from Sichuan/Chongqing
/// (啥子, 莫得, 遭), Henan and Shandong (俺, 中不中, 咋整), the north-east (嘎哈, 整, 贼), Guangdong and Fujian (佢, 唔, 畀,
/// 咗), Jiangxi and Anhui workers, and Yiwu/Wu speakers (阿拉, 伊, 勿, 拨, 老酒), with regional words for hitting and
/// quarrelling (削, 锤, 揍, 干仗, 打捶, 打相打). 30 police matters, 19 ordinary ones and a misdial. Written blind, the
/// shipped config diverted no police call (police recall 1.000, diversion recall 0.842, exact target accuracy 0.940,
/// category accuracy 0.780, township accuracy 0.917); the rules alone gave the same figures, so the police model's
/// veto kept nothing. Five police calls stayed police only because no rule matched: a Cantonese woman followed home
/// ("成日跟住我返屋企"), a Chongqing child gone at the market ("转过身就莫得人了"), a Wu pickpocketing ("拨三只手摸脱了"),
/// a worker pinned under a fallen rack ("压在底下 … 拉不出来") and someone struggling in a river ("在水头扑腾", held only
/// by the urgency cue). Three ordinary calls were kept with the police: a Wu "楼上人家水管漏水" (the street-pipe regex
/// stood down indoors and hid the 漏水 it spans), a Cantonese bus that "飞站唔停", and fake clothes from a seller who
/// "拉黑咗我" (read as fraud on 拉黑; left so, a block after payment may be a scam). Fixed by families (ids `*_r44`),
/// so its own score flatters the rules; the sentences below are fresh.
@Suite struct RedTeam44Tests {
    @Test func redTeam44CorpusNeverDivertsAPoliceMatter() throws {
        try expectCorpus("redteam44", atLeast: 50, targetAccuracy: 0.98, townshipAccuracy: 1.0)
    }

    @Test func aBlowToldWithADialectPassiveOrARegionalWordIsViolence() {
        expectPoliceByRules(["我老乡在工地上遭几个人打，现在躺起不得动", "阿拉阿哥拨人家打得鼻头出血",
                             "我细佬喺街口畀两个人打，你哋快啲嚟", "俺爹叫人给揍了，脸都肿了",
                             "佢哋两班人喺大排档打紧交"], .violence)
    }

    @Test func theftInRegionalWordsIsCrime() {
        expectPoliceByRules(["我部手机喺街市畀人扒咗", "阿拉自行车拨贼骨头推脱了", "我在菜市场钱包遭摸了",
                             "有个三只手在车站摸人家口袋"], .crime)
    }

    @Test func aChildOrParentMissingOrTalkingOfDeathInDialectIsDanger() {
        expectPoliceByRules(["我个细妹喺公园唔见咗，佢先得四岁", "俺闺女放学到这会儿还找不着",
                             "我去拿个快递，转过身我娃就没影了", "我阿爸饮咗酒话唔想活，跑咗上天台",
                             "伊讲勿想活了，关勒房间里勿开门", "围墙倒了，把一个老伯压在底下",
                             "水塘里有个细路仔在扑腾"], .danger)
    }

    @Test func aThreatOnAConditionInRegionalWordsIsADisputeRisk() {
        expectPoliceByRules(["他放话说俺再去要账就削死俺", "佢话我再嚟就揾人斩我"], .disputeRisk)
        let d = Fixture.rulesEngine.decide(CallInput(text: "他放话说俺再去要账就削死俺"))
        #expect(d.risk.escalation)
    }

    @Test func aWomanFollowedHomeInRegionalWordsIsPublicOrder() {
        expectPoliceByRules(["有个男人日日喺巴士站等我，仲一路跟住我返屋企", "下班路上有个男的一直跟着俺，俺好害怕"],
                            .publicOrder)
    }

    @Test func cheatedInRegionalWordsIsFraud() {
        expectPoliceByRules(["俺娘让人给骗了，说是中奖了要先交税，交了八千"], .fraud)
    }

    @Test func cantoneseAndWuOrdinaryMattersAreDiverted() {
        expectDiverted(["嗰架巴士又飞站，我喺站度等咗成个钟", "的士司机兜远路，车费贵咗一倍",
                        "喺网店买嘅手袋系假嘢，客服唔肯退", "楼上装修日日嘈到我瞓唔着",
                        "我锁匙跌咗，入唔到屋，想揾个开锁师傅", "街口有人摆档，阻住晒行人路",
                        "楼上那家卫生间水管漏水，我家天花板都泡了"])
        let bus = Fixture.rulesEngine.decide(CallInput(text: "嗰架巴士又飞站，我喺站度等咗成个钟"))
        #expect(bus.category == .publicTransport, "\(bus.category)")
        let leak = Fixture.rulesEngine.decide(CallInput(text: "楼上那家卫生间水管漏水，我家天花板都泡了", address: "佛堂镇"))
        #expect(leak.category == .propertyNeighbor, "\(leak.category)")
        #expect(leak.target == .township, "\(leak.target)")
    }

    @Test func mandarinWordsThatLookLikeTheNewSignalsAreStillDiverted() {
        // 打交道 is not 打交, 拨打 is not a Wu 拨, 挨家挨户 is not 挨打, and a key gone when one turns round is no child.
        expectDiverted(["跟房东打交道好麻烦，押金一直不退", "我拨打了好几次客服电话都打不通，快递丢了",
                        "挨家挨户发的小广告塞满了门缝", "我转过身钥匙就不见了，进不去屋"])
    }

    @Test func aBlowOrThreatBesideTheNewOrdinaryWordsStaysPolice() {
        expectPoliceByRules(["楼上人家水管漏水，俺上去说了两句，那货把俺削了一顿", "巴士飞站，我追上去拍门，司机落车扇咗我两巴掌",
                             "网上买咗假嘢，个老板话要揾人斩我", "阿拉楼上滴水，伊拉男人冲下来拨阿拉老头子打了",
                             "手机唔见咗，应该系喺巴士度畀人扒咗"])
    }
}
