import Foundation
import Testing
@testable import FenliuDomain

/// `redteam35.jsonl`: a thirty-fifth red-team round on money and debt — private loans, loan apps, debt collectors,
/// guarantors, investment and pyramid-like schemes, rent and wages owed, money between partners — in the voices of
/// borrowers, lenders, guarantors, debtors' relatives, shopkeepers, workers and elderly savers. 20 police matters and
/// 30 ordinary ones. Written blind, the shipped config diverted no police call (police recall 1.000, diversion recall
/// 0.828, exact target accuracy 0.880); the rules alone diverted two: savings handed to a "养老投资" salesman who
/// vanished (read as lost property on 找不到了) and an unpaid worker carrying petrol who said "再不给钱就把工棚点了"
/// (read as wages). Ordinary calls kept with the police: a loan app calling too often without threats, loan fees
/// deducted up front, heirs asking whether they must pay a father's debts, a property-fee quarrel over a stopped
/// "电梯卡" (read as a person stuck in a lift); a lost 工资卡 went to labour. Fixed by families (ids `*_r35`), so
/// its own score flatters the rules; the sentences below are fresh.
@Suite struct RedTeam35Tests {
    @Test func redTeam35CorpusNeverDivertsAPoliceMatter() throws {
        try expectCorpus("redteam35", atLeast: 50, targetAccuracy: 0.98, townshipAccuracy: 1.0)
    }

    @Test func moneyInAVanishedOrStillFedInvestmentSchemeIsFraud() {
        expectPolice(["我外婆把十万块存款投给了一个养老投资公司，说每月返利，现在公司人去楼空了",
                      "我舅舅在一个投资群里跟着老师炒外汇，刚又转过去五万，我们劝不住",
                      "村里好几个老人交了入门费参加什么资本运作，现在钱提不出来"], .fraud)
    }

    @Test func aMoneyUltimatumNamingFireOrAPartyCarryingFuelIsADisputeRisk() {
        expectPolice(["他在电话里说我不还钱就一把火烧了我的店", "有个讨债的拎着一壶汽油在我家门口转"], .disputeRisk)
        let d = Fixture.rulesEngine.decide(CallInput(text: "讨薪的工人拎着一桶汽油站在厂门口"))
        #expect(d.police, "\(d.category)")
        #expect(d.risk.escalation)
    }

    @Test func aLenderThreateningToFindTheChildAtSchoolIsADisputeRisk() {
        expectPolice(["催还款的人说要到我孩子学校去找他", "放高利贷的说我再拖就去我女儿幼儿园门口等她"], .disputeRisk)
    }

    @Test func aStoppedLiftCardIsPropertyButALiftStuckWithAPersonIsDanger() {
        expectDiverted(["物业停了我家的电梯卡，就因为没交停车费", "新办的电梯卡刷不了，上不了楼"])
        expectPolice(["电梯卡在十楼不动了，我女儿在里面", "小区的电梯卡住了，里面有人出不来"], .danger)
    }

    @Test func loanAppCallsFeesAndDebtQuestionsWithoutAThreatAreDiverted() {
        expectDiverted(["网贷平台天天打电话催我还款，烦死了", "借款平台收了砍头息，借一万到手只有八千",
                        "我哥欠了信用卡，银行问我这个当弟弟的要不要替他还", "朋友借我的钱一直不还，这个钱还能要回来吗",
                        "我的储蓄卡找不到了，怎么挂失", "社保卡丢了怎么挂失"])
        let card = Fixture.rulesEngine.decide(CallInput(text: "我的工资卡不见了，想先挂失"))
        #expect(card.category == .livelihoodHelp, "\(card.category)")
        #expect(card.target == .hotline12345, "\(card.target)")
    }

    @Test func aThreatOrTheftBesideTheNewDebtFamiliesStaysPolice() {
        expectPolice(["借款app天天打电话催我还款，说再不还就弄死我", "借贷平台收管理费太高了，还威胁说要上门",
                      "工资卡被人偷了", "我的银行卡被人抢了", "我帮朋友作担保，债主说不替他还就砍了我",
                      "网贷平台天天打电话催我还款，还说要把我的照片发给我家人"])
    }
}
