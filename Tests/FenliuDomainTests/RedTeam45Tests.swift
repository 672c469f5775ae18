import Foundation
import Testing
@testable import FenliuDomain

/// `redteam45.jsonl`: a forty-fifth red-team round on tricky grammar around danger — negation look-alikes (不是开玩笑,
/// 没骗你, 不敢不报, 不得了, 没完没了, 止不住), conditions and hypotheticals (要是…就, 万一, 再…就), questions and rhetorical
/// questions (能不能, 难道, 是不是不用报警), reported speech (他说要, 听邻居讲), time (昨天, 刚刚, 还在, about to happen, a fight
/// long settled), double negatives and sarcasm, beside ordinary calls that use alarming words harmlessly (a war film on a
/// neighbour's TV, a child shouting at a game, firecrackers, 吓死我了). 23 police matters and 27 ordinary ones. Written
/// blind, the shipped config diverted no police call (police recall 1.000, diversion recall 0.778, exact target accuracy
/// 0.880, category accuracy 0.760, township accuracy 0.833); the rules alone gave the same figures, so the police
/// model's veto kept nothing. No negation or past-tense wording diverted a police call. But a belt beating ("正拿皮带抽
/// 他儿子") matched nothing and stayed police only on a rhetorical "打死"; a threat whose condition held a comma ("说我要是
/// 今天不把孩子送过去，他就…连我一起砍") and a sneer's "下回砸的就是我的脑袋" were not read as threats; and six ordinary calls
/// were kept with the police: 枪 inside 枪战片, a gamer's "杀了他快开枪", a brawl "警察已经处理完了" before a street-light
/// question, a joke the caller explains ("开玩笑说要把…食堂炸了"), a 制氧机 in a 万一 question, and hearsay about e-bike
/// thefts before a plate question. The last three are left with the police on purpose (a joked bomb threat, an oxygen
/// machine and a theft word are not for the rules to wave through). Fixed by families (ids `*_r45`), so its own score
/// flatters the rules; the sentences below are fresh.
@Suite struct RedTeam45Tests {
    /// Diverted by the rules, and by the shipped engine too (the police model's veto does not keep it).
    private func expectDivertedEverywhere(_ texts: [String], _ category: FenliuDomain.Category) {
        expectDiverted(texts)
        for text in texts {
            let rules = Fixture.rulesEngine.decide(CallInput(text: text))
            #expect(rules.category == category, "\(text) → \(rules.category)")
            let shipped = Fixture.engine.decide(CallInput(text: text))
            #expect(!shipped.police, "\(text) → kept by \(shipped.reasons.map(\.rule))")
        }
    }

    @Test func redTeam45CorpusNeverDivertsAPoliceMatter() throws {
        try expectCorpus("redteam45", atLeast: 50, targetAccuracy: 0.94, townshipAccuracy: 1.0)
    }

    @Test func aBlowWithABeltHangerOrStickIsViolence() {
        expectPoliceByRules(["她老公喝多了又拿皮带抽她，她脸上都是印子", "我爸抄起扫把打我，我跑出来了",
                             "舅舅抡着拖鞋打小孩打了半个钟头"], .violence)
    }

    @Test func aThreatOnAConditionThatSpansACommaIsADisputeRisk() {
        for text in ["他发消息说如果今晚不还钱，明天就带人来把店砸烂", "那个人放话说要是再看见我，就捅了我",
                     "她前男友留言说假如她敢报警，就放火烧她家"] {
            expectPoliceByRules([text], .disputeRisk)
            #expect(Fixture.rulesEngine.decide(CallInput(text: text)).risk.escalation, "\(text): no escalation")
        }
    }

    @Test func aThreatAboutNextTimeEvenWithASneerIsADisputeRisk() {
        expectPoliceByRules(["真是好房东啊，今天把我家玻璃砸了，说下次砸的就是我的头", "他撞了我的车，说再有下次撞的就是你老婆",
                             "邻居把我鸡窝拆了，还说下回就砍我"], .disputeRisk)
    }

    @Test func aBeatingToldAsAHabitIsAPoliceMatterWithEscalation() {
        for text in ["她老公一喝醉就打她，今晚又喝了", "隔壁那家三天两头就打孩子"] {
            expectPoliceByRules([text])
            #expect(Fixture.rulesEngine.decide(CallInput(text: text)).risk.escalation, "\(text): no escalation")
        }
    }

    @Test func aChildShutInACarOrRoomIsDanger() {
        expectPoliceByRules(["幼儿园的车上落着个小朋友没下车", "出租屋里头锁着两个孩子，哭了一上午"], .danger)
    }

    @Test func aWarFilmAGamersShoutsOrAFightThePoliceClosedIsNoDanger() {
        expectDivertedEverywhere(["楼下那户天天看抗日剧，打打杀杀的声音开到最大，吵得孩子写不了作业",
                                  "对门几个小伙子通宵玩游戏，一直吼着冲啊杀了他，吵得我们睡不着",
                                  "楼上每天早上五点就开始剁肉，把我们全家都吵醒了"], .noise)
        expectDivertedEverywhere(["上周我们村有人打架，警察已经处理完了，想问一下村口的路灯啥时候修"], .utilities)
        // Harmless conditions with no harm to a person in them stay diverted.
        expectDiverted(["物业说要是下个月再不交物业费，就停我家的水", "老板说要是再迟到，就扣一天工资",
                        "校车上落着个孩子的书包，想问交到哪里"])
    }

    @Test func aRealDangerBesideTheNewHarmlessWordsStaysPolice() {
        // The game, the screen and the closed fight stand down when a real blow, weapon, cry or new threat is there.
        expectPoliceByRules(["儿子打游戏输了，喊着要杀了我，还拿了刀", "楼上小孩打游戏，一直喊救命救命，吵得睡不着",
                             "前天有人打架，警察已经处理完了，今天他又来打我",
                             "昨天有人打架，警察处理完了，可那人今天又来找我说要弄死我",
                             "隔壁放枪战片的那个男的拿着刀对着他老婆"])
    }
}
