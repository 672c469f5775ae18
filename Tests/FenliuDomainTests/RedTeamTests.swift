import Foundation
import Testing
@testable import FenliuDomain

/// `redteam.jsonl`: calls written to break the rules — police matters told without the obvious keywords
/// (indirect, reluctant, dialect-flavoured, vague smells and sparks, detention, welfare checks) and harmless
/// calls full of scary words (炸鸡店, 杀价, 打折, 抢购, 救护车已经走了…).
@Suite struct RedTeamTests {
    @Test func redTeamCorpusNeverDivertsAPoliceMatter() throws {
        try expectCorpus("redteam", atLeast: 120, targetAccuracy: 0.98, townshipAccuracy: 0.97)
    }

    @Test func fightsInColloquialVerbsStayPolice() {
        expectPolice(["两个送货的在仓库门口干起来了", "他们几个人在楼下推推搡搡的", "两个老太太为了菜地扭在一起",
                      "车上有个男的拿着剪刀乱比划"])
    }

    @Test func aPastScuffleInAConsumerComplaintIsNotAFightNow() {
        let d = Fixture.rulesEngine.decide(CallInput(text: "买的鞋开胶了要退货，之前跟店员有过推搡，现在已经走了"))
        #expect(!d.police, "\(d.category)")
    }

    @Test func someoneHeldAgainstTheirWillIsACrime() {
        expectPolice(["老板把我们几个关在厂里不让我们走", "男朋友把我锁起来了不让出门", "司机不让我下车一直往前开"], .crime)
    }

    @Test func vagueFireAndGasSignsAreHazards() {
        expectPolice(["插座那里一直冒火星", "楼下电瓶车电池鼓包了还在充电", "屋里有股臭鸡蛋的味道", "车库里一辆车自燃了"], .hazard)
    }

    @Test func roadHazardsAndImpairedDrivingStayPolice() {
        expectPolice(["前面那辆车开得东倒西歪的", "高架上一辆车抛锚停在车道上", "路上掉了一地的木板，车都在绕"], .traffic)
    }

    @Test func aNeighbourNotSeenForDaysIsAWelfareCheck() {
        expectPolice(["对门独居的老太太好几天没出门了，敲门也没动静了"], .danger)
    }

    @Test func crimeSynonymsAreCrime() {
        expectPolice(["我家昨晚进贼了", "在路上被人打劫了", "有人骑车过来把我手机拽走了"], .crime)
    }

    @Test func scaryWordsInHarmlessCallsAreDiverted() {
        expectDiverted(["那家炸鸡店的鸡腿没炸熟，老板不肯退钱", "说好打折结账却按原价收", "行李托运被航空公司摔坏了找谁赔",
                        "邻居的狗叫到半夜，他打死都不肯管", "打印店把我的名片打错了还不给重做"])
    }

    @Test func theCallTakersMisdialNoteStillMakesACallInvalid() {
        for text in ["打错了，不好意思", "来电人称打错了", "对不起打错了"] {
            #expect(Fixture.engine.decide(CallInput(text: text)).category == .invalid, "\(text)")
        }
    }
}
