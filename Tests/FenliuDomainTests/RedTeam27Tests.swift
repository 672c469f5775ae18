import Foundation
import Testing
@testable import FenliuDomain

/// `redteam27.jsonl`: a twenty-seventh red-team round in written messages rather than speech — 12110 SMS reports,
/// WeChat mini-program reports and 12345 operators' third-person summaries, in terse fragments separated by spaces,
/// numbered lists, plates, a pinyin abbreviation (zj for 赌资), a typo (煤汽) and messages that are only an address and a
/// verb. 21 police matters (among them silent ones: a person locked in a room, a kidnapping text, a domestic-violence
/// victim typing from the bathroom) and 29 ordinary ones. Written blind, it diverted two police calls (police recall
/// 0.905, exact target accuracy 0.940, township accuracy 1.000): a texter locked in a rented room whose "手机快没电"
/// both negated the "救救我" after it (没 as a negation cue across the spaces) and stood the detention rule down (手机),
/// so the call went to the township as a power cut; and a wage claim ending "明天我带几个兄弟去他厂里 不给钱就让他躺着出来"
/// stayed labour. An ordinary wage claim "老板不发工资 电话也拉黑了" went to the police as fraud (拉黑). Fixed with
/// families: the phone's state (没电, 没信号, 没流量) is not a negation; a person shut in or tied up by a named human
/// agent (被人/被他们/被老板 关在·锁在·绑在·扣在) is danger whatever else the message names; threats that the other
/// party will leave hurt (躺着出来, 抬着出去, 爬着出去, 别想站着 …) and going to someone's door with a gang in a
/// dispute (带几个兄弟去, 叫一帮人上门) are dispute risks; wages unpaid and the worker blocked is labour, not a scam.
/// Its own score (1.000 after the fixes) flatters the rules; the sentences below are fresh.
@Suite struct RedTeam27Tests {
    @Test func redTeam27CorpusNeverDivertsAPoliceMatter() throws {
        try expectCorpus("redteam27", atLeast: 50, targetAccuracy: 1.0, townshipAccuracy: 1.0)
    }

    @Test func aPersonShutInBySomeoneIsADangerEvenBesideAPhoneWord() {
        expectPolice(["我被他们关在一个仓库里 手机没信号了 快来", "被前男友锁在家里 手机快没电了",
                      "我女儿被老板扣在店里 不让走 手机没收了"], .danger)
    }

    @Test func thePhonesStateDoesNotNegateTheDangerAfterIt() {
        expectPolice(["这里没信号 有人落水了"], .danger)
        expectPolice(["电话快没电 我被人打了"], .violence)
        let sms = Fixture.engine.decide(CallInput(text: "手机快没流量了 救救我"))
        #expect(sms.target == .police, "\(sms.target)")
    }

    @Test func aThreatThatTheOtherWillLeaveHurtIsADisputeRisk() {
        expectPolice(["他说再不还钱就让我抬着出去", "房东放话 今天不搬就让你爬着出去", "你敢来 别想站着回去"], .disputeRisk)
        let threat = Fixture.engine.decide(CallInput(text: "欠我三万不还 下次见他让他躺着回去"))
        #expect(threat.risk.escalation)
    }

    @Test func goingToTheOtherPartyWithAGangIsADisputeRisk() {
        expectPolice(["欠我货款不还 明天叫一帮兄弟去他店里要个说法", "工资不给 我喊几个人去他家 看他给不给"], .disputeRisk)
    }

    @Test func unpaidWagesAndABlockedWorkerAreLabourNotFraud() {
        for text in ["工地干了两个月 老板不给工钱还把我拉黑了", "厂里拖欠工资 现在微信都拉黑了"] {
            let decision = Fixture.rulesEngine.decide(CallInput(text: text))
            #expect(!decision.police, "\(text)")
            #expect(decision.category == .labor, "\(text): \(decision.category)")
        }
    }

    @Test func aDangerInsideTheWageSpanStaysWithThePolice() {
        expectPolice(["老板不给工资还拿刀砍人 把我拉黑", "欠工资喝了酒打人 拉黑", "不发工资 捅伤了人 拉黑"])
        expectPolice(["兼职刷单说给工资 交了押金就被拉黑"], .fraud)
    }

    @Test func theLookAlikesWithoutADangerAreDiverted() {
        expectDiverted(["钥匙被锁在屋里了 进不去", "家里没电了 冰箱里东西都坏了", "小区没信号 打电话老断",
                        "手机没电了 钱包也丢了 回不了家", "带几个朋友去吃饭 老板多收钱"])
    }
}
