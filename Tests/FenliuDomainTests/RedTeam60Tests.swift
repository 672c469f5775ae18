import Foundation
import Testing
@testable import FenliuDomain

/// `redteam60.jsonl`: a sixtieth red-team round on shop owners, restaurants and small businesses calling — a shoplifter
/// held at the counter, diners who will not pay (吃霸王餐), a drunk customer smashing glasses, counterfeit notes, a fake
/// transfer screenshot, an employee gone with the day's takings, a supplier paid and vanished (or only late), goods
/// piled at a shop's entrance, a landlord cutting the power over rent, a customer who slipped on a wet floor,
/// protection money and a rival smearing the shop online. 24 police matters, 25 ordinary ones and a misdial. Written
/// blind, the shipped config diverted no police call (police recall 1.000, diversion recall 1.000, exact target
/// accuracy 0.980, category accuracy 0.760, township accuracy 0.923), but only because the police model's veto kept
/// three calls the rules alone diverted (police recall 0.875, target accuracy 0.920): diners who "一分钱不给" read as
/// unpaid wages (钱不给), a note with "没有水印" read as a water outage (没有水), and 货款 paid to a "factory" whose number
/// was now 空号 and whose address "根本没有这个厂" read as a trade-debt question. Two fake payment proofs (a transfer
/// screenshot, a payment page) stayed police only because no rule matched; shared bikes piled at a shop door
/// ("客人进不了门") were read as a lockout. Fixed by families (ids `*_r60`), so its own score flatters the rules; the
/// sentences below are fresh.
@Suite struct RedTeam60Tests {
    @Test func redTeam60CorpusNeverDivertsAPoliceMatter() throws {
        try expectCorpus("redteam60", atLeast: 50, targetAccuracy: 1.0, townshipAccuracy: 1.0)
    }

    @Test func aNoteToldFalseByItsWatermarkOrTheCheckerIsCounterfeitMoney() {
        expectPoliceByRules(["刚收了一张五十的，放验钞机一验就报警了，给钱的那个人刚出门",
                             "客人给的那张一百块，我拿起来一看没有水印，他人还在店里"], .crime)
        // 没有水 is an outage only when the water is what is missing.
        expectDivertedInCategory(["家里停水了，水龙头一点都没有水，问一下什么时候来水"], .utilities)
    }

    @Test func dinersWhoWillNotPayAreAPublicOrderMatter() {
        expectPoliceByRules(["一桌客人吃完饭说没带钱，就是不结账，现在还坐在包厢里跟我吵",
                             "两个人喝了酒没买单就溜了，刚出门往东走"], .publicOrder)
        // A diner refused a refund is a consumer complaint.
        expectDivertedInCategory(["我在饭店吃完发现菜里有虫子，老板不给退钱"], .consumer)
    }

    @Test func fakePaymentProofAndAPaidSupplierWithNoFactoryAreFraud() {
        expectPoliceByRules(["买家拿了五百件T恤，拿个付款截图给我看，到现在钱都没到账",
                             "给一个做纸箱的老板打了两万定金，现在电话成了空号，去那个地址一看根本没有这家厂"], .fraud)
        // A boss gone owing wages with a dead number is labour; a refund screenshot asked for by a shop is consumer.
        expectDivertedInCategory(["老板跑了，电话变空号，欠我们两个月工资"], .labor)
        expectDivertedInCategory(["网上买的东西，客服让我发付款截图，退款一直不到账"], .consumer)
    }

    @Test func anEmployeeGoneWithTheTakingsIsCrime() {
        expectPoliceByRules(["店里雇的营业员把钱箱里三千多块拿了就没来上班"], .crime)
        // A gym owner gone with members' prepaid cards is a consumer complaint.
        expectDivertedInCategory(["健身房老板卷款跑路了，我卡里还有两千"], .consumer)
    }

    @Test func ordinaryShopTroublesAreDivertedToTheRightDesk() {
        expectDivertedInCategory(["隔壁水果店把纸箱堆在我店门口的人行道上，顾客都进不来"], .cityManagement)
        let blocked = Fixture.rulesEngine.decide(CallInput(text: "隔壁水果店把纸箱堆在我店门口的人行道上，顾客都进不来",
                                                           address: "稠江街道"))
        #expect(blocked.target == .township, "\(blocked.target)")
        #expect(blocked.township == "稠江街道", "\(String(describing: blocked.township))")
        // Newspapers piling up at an old neighbour's door is no blocked entrance: nobody has been seen for days.
        expectPoliceByRules(["我家门口的报纸和牛奶堆了好几天，隔壁老太太一直没开门"], .danger)
        // A lorry (货车) is no goods (货): parked across a fire lane or a carriageway at a shop's door, it is traffic.
        expectPoliceByRules(["一辆大货车堵在我们店门口的消防通道上", "货车横在店门前的车道上不走"], .traffic)
        expectDivertedInCategory(["顾客在我们超市门口滑倒了，没受伤，非要我们赔五百块"], .consumer)
        expectDivertedInCategory(["饭店门口的站牌被拆了，客人都找不到在哪坐车"], .publicTransport)
    }

    @Test func aFallWithAnInjuryOrATrailOfDemandsStaysPolice() {
        expectPoliceByRules(["顾客在店里滑倒了，头上流血，起不来"], .danger)
        expectPoliceByRules(["他们说不还钱就天天来我店里闹，还踢翻了我的椅子",
                             "一个喝醉的男的在店里拽着收银员不放，叫他走他不走"])
        for text in ["他们说不还钱就天天来我店里闹，还踢翻了我的椅子", "一个喝醉的男的在店里拽着收银员不放，叫他走他不走"] {
            let d = Fixture.rulesEngine.decide(CallInput(text: text))
            #expect(d.risk.escalation, "\(text): no escalation")
        }
    }
}
