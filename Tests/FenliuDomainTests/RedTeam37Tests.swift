import Foundation
import Testing
@testable import FenliuDomain

/// `redteam37.jsonl`: a thirty-seventh red-team round, every call written as the 110 system's speech-to-text
/// transcript: no punctuation, fillers (嗯 那个 就是), repeated words, recogniser homophones (大家 for 打架, 那刀 for
/// 拿刀, 着伙 for 着火, 报井 for 报警, 楼水 for 漏水), Wu dialect (侬 伊 阿拉 晓得伐 寻不着 关牢) and the call-taker's
/// questions merged into the text. 21 police matters and 29 ordinary ones. Written blind, it diverted no police call
/// (police recall 1.000 with the shipped config and with the rules alone). The shipped config reached 0.893 diversion
/// recall and 0.940 exact target accuracy (rules alone 0.929 / 0.960): a wasp nest 窗户外面 was read as a person on a
/// ledge, a factory chimney's 焦味 as a fire, and the police model kept a kitchen-knife refund with the police. Two
/// police calls were police only because no rule knew them: a knife heard as 那刀 ("有个人那刀 那刀追着一个女的 在砍")
/// and a pickpocket told as "有个人老挤我 … 包拉链开了". After the fixes (and retraining) the corpus scores 1.000 exact
/// target and township accuracy, so its own score flatters the rules; the sentences below are fresh.
@Suite struct RedTeam37Tests {
    @Test func redTeam37CorpusNeverDivertsAPoliceMatter() throws {
        try expectCorpus("redteam37", atLeast: 50, targetAccuracy: 0.98, townshipAccuracy: 1.0)
    }

    @Test func aKnifeHeardAsNaDaoOrAChaseThatEndsInABlowIsViolence() {
        expectPolice(["嗯 楼下有个女的那刀 在追她老公", "他哪着钢管 啊 就在门口", "两个人追着一个小伙子 在砍 嗯 砍了好几刀"],
                     .violence)
        // By a rule, not only by default or by the police model.
        for text in ["楼下有个男的那刀在追人", "几个人追着他在捅"] {
            let d = Fixture.rulesEngine.decide(CallInput(text: text))
            #expect(d.police && d.category == .violence, "\(text) → \(d.category)")
            #expect(d.reasons.contains { $0.rule == "safety.transcript_knife_r37" }, "\(text) → \(d.reasons)")
        }
    }

    @Test func jostledInACrowdAndAWalletOrPhoneGoneIsACrime() {
        expectPolice(["嗯 火车站人老是挤我 钱包没了", "菜场里 人挤来挤去的 一看手机不见了"], .crime)
        let d = Fixture.rulesEngine.decide(CallInput(text: "地铁上有人一直挤我 出站一看拉链开了 钱包寻不着了"))
        #expect(d.police && d.category == .crime, "\(d.category)")
    }

    @Test func theLookAlikesWithoutADangerAreDiverted() {
        expectDiverted(["店里那刀卖得太贵了 一百多块", "窗户外头 有个大马蜂窝 嗯 蜂老多", "窗外有个燕子窝 鸟屎掉下来 物业不管",
                        "那个厂里烟囱 一股臭味 天天排", "那个厂子烟囱 嗯 一股糊味 天天排",
                        "我在公交车上包拉链开了 东西都还在 想问下公交公司电话"])
    }

    @Test func aNestOrAChimneyGoesToTheTownshipOnSite() {
        let nest = Fixture.engine.decide(CallInput(text: "阳台外面 有只大马蜂窝 嗯 怕叮到小孩", address: "义亭镇"))
        #expect(nest.category == .animal && nest.target == .township && nest.township == "义亭镇",
                "\(nest.category) \(nest.target) \(String(describing: nest.township))")
        // The rules route the chimney; whether the deployed engine keeps a burnt smell with the police is the police
        // model's call (`Fixture.rulesEngine`). Retrained after rounds 57–58, the model keeps it (0.93).
        let chimney = Fixture.rulesEngine.decide(CallInput(text: "嗯 那个厂 烟囱冒烟 一股焦糊味 好几个月了", address: "苏溪镇"))
        #expect(chimney.category == .environment && chimney.township == "苏溪镇",
                "\(chimney.category) \(String(describing: chimney.township))")
    }

    @Test func aDangerBesideTheNewHarmlessFamiliesStaysPoliceByTheRules() {
        let texts = ["窗户外面 有个老人 趴在空调外机上", "阳台外面有个马蜂窝 我爸爬出去捅 现在挂在外面下不来",
                     "厂里烟囱 一股焦味 工人都跑出来了", "工厂烟囱冒烟 一股焦味 车间里着火了", "窗外有个马蜂窝 小孩站在窗台上去够"]
        for text in texts {
            let d = Fixture.rulesEngine.decide(CallInput(text: text))
            #expect(d.police, "\(text) → \(d.category)")
        }
        expectPolice(texts)
    }
}
