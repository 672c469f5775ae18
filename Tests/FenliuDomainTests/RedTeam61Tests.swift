import Foundation
import Testing
@testable import FenliuDomain

/// `redteam61.jsonl`: a sixty-first red-team round on internet-era writing and code-switching, as texted to 12110 or
/// an app and as young callers speak — pinyin initials (jc, bj, sb, nmsl, xswl), English words (help, call, bro,
/// crazy), emoji, numbers as words (886, 520, 648, 110 as a verb), repeated punctuation, meme phrases (破防, 摆烂, 栓Q,
/// 绝绝子, 我真的会谢), gamer and livestream talk (榜一大哥, 开黑), and exaggeration that is no danger (气死我了,
/// 热到原地去世) beside real danger in slang (开瓢, 创飞, 卸我一条腿). 24 police matters, 25 ordinary ones and a
/// misdial. Written blind, the shipped config diverted no police call (police recall 1.000, diversion recall 0.960,
/// exact target accuracy 0.980, category accuracy 0.940, township accuracy 0.929), but the rules alone DIVERTED one:
/// "我家崽在商贸城跑丢了，五岁" went to 12345 as lost property on 丢了 (police recall 0.958, target accuracy 0.960), kept
/// only by the police model's veto. Probing fresh look-alikes showed the same for a plain "娃在菜场跑丢了，四岁" or
/// "闺女在夜市跑丢了". One ordinary call was kept with the police: "阳台外面挂了个超大马蜂窝" read as a person outside
/// a balcony. Probing also found 炸 said of a temper or a chat group ("我气炸了，房东不退押金", "血压拉满，要原地爆炸了",
/// "业主群都炸了") read as an explosion, and a farewell post in chat words ("要去天堂了，886，还发了遗照") held by no
/// rule. Fixed by families (ids `*_r61`), so its own score flatters the rules; the sentences below are fresh.
@Suite struct RedTeam61Tests {
    @Test func redTeam61CorpusNeverDivertsAPoliceMatter() throws {
        try expectCorpus("redteam61", atLeast: 50, targetAccuracy: 1.0, townshipAccuracy: 1.0)
    }

    @Test func aChildInInternetOrYoungParentsWordsGoneOrLostIsDanger() {
        expectPoliceByRules(["我家神兽在万达广场跟丢了，找了一圈了", "崽崽在超市门口不见了，刚刚还在摇摇车上",
                             "二宝在动物园没影了，我们一家在找", "我家娃在步行街跑丢了，穿蓝色外套",
                             "小闺女在游乐场跑丢了，扎两个小辫", "在火车站出口跑丢了，才三岁，男孩",
                             "熊孩子在夜市找不着了，急死了"], .danger)
    }

    @Test func aLostPetOrAChildsThingIsStillDiverted() {
        // 狗崽 and 毛孩子 are pets; a child's 水壶 or 书包 is a thing; a bare "丢了" with no child named stays lost property.
        expectDivertedInCategory(["我家狗崽跑丢了，白色的", "猫主子跑丢了，两岁，胖胖的",
                                  "崽崽的水壶丢在公园了", "孩子的书包丢在公交上了"], .livelihoodHelp)
        let rules = Fixture.rulesEngine.decide(CallInput(text: "我家狗崽跑丢了，白色的"))
        #expect(!rules.reasons.contains { $0.rule == "safety.missing_child_slang_r61" }, "\(rules.reasons)")
    }

    @Test func aFarewellPostInChatWordsIsDanger() {
        expectPoliceByRules(["我表哥在朋友圈发了句永远886，配了张天台的照片", "同学发了条说说：拜拜了这个世界，手机关机了",
                             "网友私信我说他要去天堂了，还说别找我了"], .danger)
    }

    @Test func aChatSignOffIsNotAFarewell() {
        expectDivertedInCategory(["小区门口路灯不亮了，麻烦修一下，谢谢，886"], .utilities)
        expectDivertedInCategory(["居住证怎么续签，去哪里办，谢谢啦，拜拜"], .consultation)
    }

    @Test func aNestHangingOutsideABalconyIsAnAnimalMatter() {
        expectDivertedInCategory(["阳台外头挂了个好大的马蜂窝，天天有马蜂飞进来", "窗外结了一个超大蜂巢，家里老人不敢开窗"],
                                 .animal)
        let d = Fixture.rulesEngine.decide(CallInput(text: "阳台外头挂了个好大的马蜂窝，天天有马蜂飞进来", address: "上溪镇"))
        #expect(d.target == .township, "\(d.target)")
    }

    @Test func aPersonOutsideABalconyNearANestStaysPolice() {
        expectPoliceByRules(["我老公爬到阳台外面去捅马蜂窝，现在挂在外面下不来", "阳台外面挂着个小孩，快掉下去了"], .danger)
    }

    @Test func explodingWithAngerOrAChatGroupBlowingUpIsNotAnExplosion() {
        expectDiverted(["我真的气炸了，物业收了停车费还不给划车位", "楼上天天凌晨拖椅子，我心态直接炸了",
                        "对门ktv又吵到两点，我血压飙升，真的要原地爆炸了", "业主群直接炸锅了，小区停电一整天没人来修",
                        "气到爆炸，网购的裙子缩水了店家不给退"])
        let noise = Fixture.rulesEngine.decide(CallInput(text: "楼上天天凌晨拖椅子，我心态直接炸了"))
        #expect(noise.category == .noise, "\(noise.category)")
    }

    @Test func aRealExplosionOrABombThreatBesideTheNewWordsStaysPolice() {
        expectPoliceByRules(["我气炸了，楼下饭店的煤气罐炸了，玻璃都碎了", "群里炸锅了，有人说要炸了商贸城",
                             "心态崩了，隔壁充电的电瓶车电池原地爆炸了，冒烟了", "气炸了，那男的说要炸了我家房子"])
    }
}
