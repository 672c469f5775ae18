import Foundation
import Testing
@testable import FenliuDomain

/// `redteam4.jsonl`: a fourth red-team round in voices the earlier corpora lack — elderly callers who ramble,
/// calls made for a relative or neighbour, speech-recognition transcripts with homophones (大架, 招火, 流学),
/// English mixed in by foreign traders, danger that comes only after a long complaint, calls that sound
/// frightening but are harmless, fraud still on the line, missing people, self-harm hints, welfare checks,
/// half sentences, and ordinary matters across all 14 townships.
/// Written blind, it diverted 18 of its 69 police calls (police recall 0.739, target accuracy 0.696): most were
/// carried off by a scene word alone (超市, 物业, 司机, 狗, 身份证) while the danger was in words no rule knew.
@Suite struct RedTeam4Tests {
    @Test func redTeam4CorpusNeverDivertsAPoliceMatter() throws {
        // Fixed against this corpus, so its own score flatters the rules. Seven calls stay police: five callers who say
        // the gunfire was the television, the fire a barbecue, the bang a wedding salute, the bodies mannequins or the
        // splash a fisherman are not believed over the danger word; one past fall told to ask for a repair; one
        // transcript's 停店 (停电) that no rule reads.
        try expectCorpus("redteam4", atLeast: 170, targetAccuracy: 0.95, townshipAccuracy: 0.88)
    }

    @Test func aSceneWordAloneDoesNotDivert() {
        // Nothing here says what is wrong, so nothing may carry the call away from the police.
        expectPolice(["超市门口有个小女孩一个人站了好久", "电梯那边喊物业半天没人来，我老婆在里面",
                      "公交站有个人，倒了，不动", "村里的大黄狗把一个老人拱倒了", "身份证被老板收走了，不让我们回家"])
        // A scene with a grievance or a question is still diverted.
        expectDiverted(["我在淘宝买了个东西，半个月了一直没发货", "网约车司机接单以后一直不来，还不取消",
                        "物业把我们小区的电梯停了说要收钱才开", "驾驶证过期了三个月还能换吗"])
    }

    @Test func dangerAfterALongComplaintStaysPolice() {
        expectPolice(["物业一直不修电梯，我去找他们，保安把我往楼梯下面搡，膝盖磕破了",
                      "房东说今天不交房租就叫人来，结果真叫了七八个人过来堵在门口",
                      "路上坑坑洼洼好几个月了，刚才一个骑摩托车的在坑里翻了，头先着地"])
        expectPolice(["后面一辆电动车直接怼上来，我孩子从后座摔下来了", "我闺女被一辆三轮车带倒了，车主骑着跑了"], .traffic)
    }

    @Test func selfHarmAndWelfareHintsStayPolice() {
        expectPolice(["我老公把一瓶安眠药都倒在桌上了，说睡一觉就好了", "我女朋友发微信说撑不下去了，然后手机就关机了",
                      "隔壁奶奶一个人住，今天一整天都没开门，喊她也没反应", "我爷爷有点糊里糊涂，上午说去菜场，到现在人影都没看到",
                      "我把车锁了才想起来宝宝还在车里，钥匙也在里面", "我儿子手指夹进了电动门缝里拔不出来"], .danger)
    }

    @Test func scamsStillRunningStayPolice() {
        expectPolice(["有人打电话说是检察院的，让我把钱转到他们的账户，现在还没挂，他说不要告诉家人"], .fraud)
    }

    @Test func transcriptsAndMixedLanguageStayPolice() {
        expectPolice(["[语音转写]楼下有两个人在大架，一个人头上在流学", "[语音转写]厨房那边招火了，快点",
                      "Help，my friend被car hit了，很多blood", "someone steal我的phone，他往市场里面跑了"])
    }

    @Test func harmlessWordsDoNotTripTheNewSignals() {
        // Each holds a word a red-team-4 signal is built from, in a harmless sense.
        expectDiverted(["我每天早上都起不来，想问问哪里有看失眠的医院",
                        "我们小区两拨人为了广场舞场地吵了好几天了，没动手，想请社区来协调",
                        "你们快来管管吧，楼下烧烤摊油烟天天往我家窗户里灌", "有人在我们村口倒了一车装修垃圾",
                        "我奶奶一个人在老家，想问问高龄补贴在哪里申请", "我这两个月一直睡不着，想问问哪个医院看失眠好",
                        "我家装的报警器坏了一直在响，能不能找人来看看", "村里有只猴子跑到人家屋里偷东西吃",
                        "我在厂里剪线头，老板两个月没发工资", "这个老板摆大架子，态度很差，商家不给退",
                        "叫了几个人来帮忙搬家，物业不让进", "房东电话一直没人接，押金还没退", "我钥匙到处都找过了，找不到了",
                        "油烟把我家墙都熏黑了，楼下饭店", "我的手机dead了，不知道怎么回酒店"])
    }

    @Test func aLongerHarmlessHitNeverSwallowsADangerInsideIt() {
        // Harmless regexes keep short gaps with no person, attack or drink in them.
        expectPolice(["网约车司机喝了酒开得飞快，我在后座", "有个人倒在路边好几天没人管了", "大树倒了挡住了半边路",
                      "邻居家的狗把小孩咬了，还一直叫"])
    }

    @Test func nicknamesAndVillagesResolve() {
        let d = Fixture.engine.decide(CallInput(text: "我跟工友大陈在苏溪一个厂干了三个月，工资一分没拿到"))
        #expect(d.target == .township && d.township == "苏溪镇", "\(d.target) \(d.township ?? "-")")
        let v = Fixture.engine.decide(CallInput(text: "村里的快递车乱停，巷子都堵了一半", address: "青岩刘村"))
        #expect(v.target == .township && v.township == "江东街道", "\(v.target) \(v.township ?? "-")")
    }
}
