import Foundation
import Testing
@testable import FenliuDomain

/// `redteam39.jsonl`: a thirty-ninth red-team round on documents and administration — ID cards, 户口, 居住证,
/// passports and visas, driving licences and vehicle papers, social and medical insurance cards, business licences,
/// certificates, lost or stolen papers and someone using another's identity — in the voices of migrant workers,
/// parents of newborns, students, foreign traders, shopkeepers, older people and relatives. 21 police matters and 29
/// ordinary ones. Written blind, the shipped config diverted two police calls (police recall 0.905, diversion recall
/// 0.862, exact target accuracy 0.860, township accuracy 0.800), and the rules alone the same two — the police model
/// kept neither: a street stall selling forged 毕业证/驾驶证 (read as street vending on 摆摊) and two men dressed like
/// police collecting old ID cards and a fee door to door (read as an ID-card question). Three more stayed police only
/// by default: a bag torn away by a motorcyclist (扯走), an English-speaking worker locked in with his passport kept,
/// and a man buying ID cards for bank accounts. Ordinary calls kept with the police: a business-licence annual-report
/// deadline, a misspelt name on a birth certificate, a bus passing its stop. Fixed by families (ids `*_r39`), so its
/// own score flatters the rules; the sentences below are fresh. R39043 (a 包工头 who collected workers' ID cards "to
/// open pay cards" and owes wages) stays police on safety.papers_taken_kept_in, which was not weakened.
@Suite struct RedTeam39Tests {
    /// The rules alone (no police model) keep each text with the police, in `category` when given.
    private func expectRulesKeepPolice(_ texts: [String], _ category: Category? = nil) {
        for text in texts {
            let d = Fixture.rulesEngine.decide(CallInput(text: text))
            #expect(d.police, "\(text) → \(d.category)")
            if let category { #expect(d.category == category, "\(text) → \(d.category)") }
        }
    }

    @Test func redTeam39CorpusNeverDivertsAPoliceMatter() throws {
        try expectCorpus("redteam39", atLeast: 50, targetAccuracy: 0.98, townshipAccuracy: 0.9)
    }

    @Test func forgedPapersMadeOrSoldAreACrime() {
        let texts = ["菜场门口有人在卖假的结婚证和房产证，一百块一本", "我同事花钱买了个假文凭去应聘，那个卖证的人还在网上接单",
                     "有个人说能帮我做一本假驾照，八百块钱三天拿"]
        expectPolice(texts, .crime)
        expectRulesKeepPolice(texts, .crime)
        // 请假证明 holds 假证 but is a leave note: still a question.
        expectDiverted(["请假证明要去哪里开，公司说要街道盖章"])
    }

    @Test func someonePosingAsPoliceInPersonIsFraud() {
        let texts = ["门口来了个穿警服的男的，我看着像假警察，说要收我们家户口本去登记，还要交五十块钱",
                     "两个人冒充派出所的上门，说要给我爷爷换新的社保卡，把卡和密码都拿走了"]
        expectPolice(texts, .fraud)
        expectRulesKeepPolice(texts, .fraud)
        // A plain question that names the police station is still a question.
        expectDiverted(["派出所户籍窗口几点下班，我想去给孩子上户口"])
    }

    @Test func cardsAndPapersBoughtOrSoldForMoneyAreACrime() {
        let texts = ["工地边上有人在收手机卡，说一张给两百，拿身份证来就行，好多工友去卖",
                     "我弟把自己的银行卡卖给了一个网上认识的人，说给他一千块钱"]
        expectPolice(texts, .crime)
        expectRulesKeepPolice(texts, .crime)
    }

    @Test func aBagOrPhoneTornFromAPersonIsACrime() {
        expectPolice(["在公交站等车的时候一个骑电动车的把我手里的手机拽走了"], .crime)
        expectRulesKeepPolice(["一个男的从身后冲上来把我妈的挎包扯走了"], .crime)
    }

    @Test func anEnglishSpeakerHeldOrWhosePassportIsKeptIsPolice() {
        expectPolice(["we are three workers, the boss took our passport and locked us in the factory at night"], .crime)
        expectRulesKeepPolice(["my landlord keep my passport and not let me out of the room"], .crime)
    }

    @Test func aThreatToTakeALifeIsADisputeRisk() {
        let d = Fixture.rulesEngine.decide(CallInput(text: "我前夫说我要是敢去派出所给孩子改姓，他就要了我的命"))
        #expect(d.police, "\(d.category)")
        #expect(d.category == .disputeRisk, "\(d.category)")
        #expect(d.risk.escalation)
        // Heat or fatigue "要我的命" is not a threat; no rule of this round fires on it.
        let heat = Fixture.rulesEngine.decide(CallInput(text: "这几天热得要我的命"))
        #expect(!heat.reasons.contains { $0.rule == "safety.threat_take_life_r39" })
    }

    @Test func aTheftOrFraudToldAsAPaperworkQuestionStaysPolice() {
        expectPolice(["找了个黄牛帮我办加急护照，转了他两千块，现在人联系不上了",
                      "我今天才知道有人用我的身份证在外地注册了一家公司，我根本不认识他们"], .fraud)
        expectRulesKeepPolice(["身份证怎么补办啊，昨天回家发现家里被人翻得乱七八糟，抽屉里的身份证和现金都不见了",
                               "我女儿在学校门口被几个社会青年拦住要钱，学生证都被他们抢了"], .crime)
        expectRulesKeepPolice(["路边捡到一个包，里面有个老人的身份证，那个老头就倒在不远的台阶上",
                               "我儿子被他奶奶偷偷带走了，户口本也拿走了，现在不告诉我在哪里"], .danger)
    }

    @Test func paperworkDeadlineAndErrorQuestionsAreDiverted() {
        expectDiverted(["营业执照年审过了截止时间还能补吗，会不会被罚款", "结婚证上我老婆的名字写错了一个字，去哪里改",
                        "孩子准生证上的地址打错了，是去社区改还是去医院"])
        for text in ["结婚证上我老婆的名字写错了一个字，去哪里改", "孩子准生证上的地址打错了，是去社区改还是去医院"] {
            let d = Fixture.rulesEngine.decide(CallInput(text: text))
            #expect(d.category == .consultation, "\(text) → \(d.category)")
            #expect(d.target == .hotline12345, "\(text) → \(d.target)")
        }
    }

    @Test func aBusPassingItsStopIsPublicTransportButAPersonCaughtInTheDoorIsPolice() {
        let d = Fixture.rulesEngine.decide(CallInput(text: "坐公交车去车管所，司机在我要下的那站直接开过去没停"))
        #expect(!d.police, "\(d.category)")
        #expect(d.category == .publicTransport, "\(d.category)")
        expectRulesKeepPolice(["公交司机在站台那里没停，有个人被车门夹住拖着走", "公交车在那站直接开过去，把站台边上的老人带倒了"])
    }

    @Test func aLandlordWithholdingPapersIsOnSiteButAThreatStaysPolice() {
        let d = Fixture.rulesEngine.decide(CallInput(text: "我们的房东死活不肯给我签租赁合同，办居住证要用", address: "城西街道"))
        #expect(!d.police, "\(d.category)")
        #expect(d.category == .propertyNeighbor, "\(d.category)")
        #expect(d.target == .township, "\(d.target)")
        expectRulesKeepPolice(["房东不肯给我开居住证明，还说再来找他就叫人打断我的腿"])
    }
}
