import Foundation
import Testing
@testable import FenliuDomain

/// `redteam26.jsonl`: a twenty-sixth red-team round on schools, kindergartens, tutoring centres and campuses — parents,
/// teachers, grandparents collecting children and students themselves. 21 police matters (a child not collected, a
/// stranger taking a child at the gate, a pupil beaten by older students, a teacher hitting a child, a student on the roof,
/// a parent fighting a teacher, an exposer near the school, blackmail with threats, a tutoring boss gone with the fees…)
/// and 29 ordinary ones (refunds, fees, uniforms, the school bus, the canteen, pick-up jams, site noise, enrolment, lost
/// school bags, stray dogs, street lights…). Written blind, it diverted two police calls (police recall 0.905): a
/// grandchild not collected after school ("接他没接到", read as a lost phone watch) and a nine-year-old who never reached
/// the tutoring class ("辅导班老师说没来…中间这段路不知道去哪了", read as a tutoring consumer matter). It kept four ordinary
/// calls with the police (diversion recall 0.893, exact target accuracy 0.880): a late school bus, a wasp nest "怕被蛰",
/// a kindergarten fee rise, and a child who pressed 110 while playing. Its misses were fixed with families (a child
/// unaccounted for; the fear of a sting; school charges; the school bus; a child's accidental 110; a pupil's mislaid
/// things), and the man exposing himself near the school, police only by default, now has a rule (indecent exposure).
/// After the fixes the corpus scores 1.000 police recall, diversion recall and exact target accuracy. Its own score
/// flatters the rules; the sentences below are fresh.
@Suite struct RedTeam26Tests {
    @Test func redTeam26CorpusNeverDivertsAPoliceMatter() throws {
        try expectCorpus("redteam26", atLeast: 50, targetAccuracy: 1.0, townshipAccuracy: 1.0)
    }

    @Test func aChildNotCollectedOrNeverArrivedIsADanger() {
        expectPolice(["五点钟去小学门口接我外孙，接了半天没接到，班主任说他早就出校门了",
                      "女儿四点半该到补习班的，补习班的老师说还没到，学校说早放了",
                      "幼儿园老师打电话说孩子今天没来幼儿园，可是早上是他爸爸送的",
                      "放学快一个钟头了，我儿子在学校门口不知道跑哪去了，到处找了",
                      "孩子书包丢了，人也不知道去哪了"], .danger)
    }

    @Test func aManExposingHimselfIsPublicOrder() {
        expectPolice(["公园小树林里有个老头拉下裤子对着路过的女的", "公交车上一个男的露出下体，旁边是个小姑娘",
                      "小区门口有个男的把裤子脱下来，对着放学的小孩"], .publicOrder)
    }

    @Test func aStingOrABiteThatHappenedStaysPolice() {
        expectPolice(["马蜂窝掉下来了，我女儿被蜇了好几口，脸都肿了",
                      "草丛里有条蛇，怕被咬，结果我爸还是被咬了一口在流血"], .danger)
    }

    @Test func aSchoolBusInDangerOrAChildTakenForAMisdialStaysPolice() {
        expectPolice(["校车在路口把一个骑电动车的撞了，人倒在地上"], .traffic)
        expectPolice(["小孩玩手机按到110了，其实我老公喝醉了在家打我", "我儿子的书包被几个高年级的抢了，还打了他"])
        expectPolice(["校车开走了，我家孩子睡着了没下车，被锁在车里"], .danger)
    }

    @Test func theSchoolLookAlikesAreDiverted() {
        expectDiverted(["幼儿园门口有个马蜂窝，怕小朋友被蛰，请派人处理", "小区绿化带有条蛇，担心被咬，麻烦来抓一下",
                        "校车今天又迟到了二十分钟", "校车今天没来，孩子在路边等了一个小时", "校车公司改了路线，我们那站不停了",
                        "这学期学费一下子涨了一千五，合不合规定", "幼儿园伙食费太贵了，孩子吃的又差",
                        "孩子的书包不知道去哪了，里面就几本书", "儿子的饭卡丢了，去哪里补", "孩子生病了今天没去上学，请假要找谁开证明"])
    }

    @Test func eachLookAlikeGoesToItsDesk() {
        let cases: [(String, Category)] = [
            ("幼儿园门口有个马蜂窝，怕小朋友被蛰，请派人处理", .animal),
            ("校车早上又晚了半个钟头，天天这样", .publicTransport),
            ("幼儿园伙食费太贵了，孩子吃的又差", .consumer),
            ("孩子的书包不知道去哪了，里面就几本书", .livelihoodHelp),
        ]
        for (text, category) in cases {
            let d = Fixture.rulesEngine.decide(CallInput(text: text))
            #expect(d.category == category, "\(text) → \(d.category)")
        }
    }

    @Test func aChildPressing110ByAccidentIsInvalid() {
        for text in ["孩子玩手机不小心按到110了，没事", "我家小孩拿手机按到了110，没什么事"] {
            let d = Fixture.engine.decide(CallInput(text: text))
            #expect(d.category == .invalid && d.target == .none, "\(text) → \(d.category) \(d.target)")
        }
    }

    /// "外孙" alone was a fraud word, so a grandparent asking about a grandchild's school was kept with the police as
    /// a scam. The scam is the relative who needs money at once, and it is still caught.
    @Test func aGrandchildNamedIsNotAScamByItself() {
        expectDiverted(["外孙明年上小学，想问一下学区怎么划", "外孙上的辅导班关门了，交的学费不给退"])
        expectPolice(["有个人自称是我外孙，让我往一个账户打钱", "外孙打电话说出车祸了要我转钱",
                      "说是我外孙，在外面打伤了人，急需两万块"], .fraud)
    }
}
