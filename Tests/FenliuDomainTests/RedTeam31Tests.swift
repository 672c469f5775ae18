import Foundation
import Testing
@testable import FenliuDomain

/// `redteam31.jsonl`: a thirty-first red-team round on markets, street vendors, restaurants and food safety in Yiwu —
/// wet markets, night markets, street stalls, 城管 and vendors, diners and restaurant owners, food-safety complaints —
/// in the voices of stall holders, shoppers, diners, waiters, 城管 staff and neighbours of restaurants. 21 police
/// matters and 29 ordinary ones. Written blind, the shipped config diverted no police call (police recall 1.000), but
/// the rules alone sent a caller posing as 市场监管局 and demanding a "fine" into his own account to 12345 as a consumer
/// complaint (police recall 0.952); the police model kept it. Four ordinary calls stayed with the police for want of a
/// rule (night-market litter, a bill above the menu price called 时价, a group-buy voucher refused, a neighbouring shop
/// using the caller's electricity): diversion recall 0.857, exact target accuracy 0.920, category accuracy 0.740,
/// township accuracy 0.875. Extortion ("管理费，不给就说砸我摊子"), a butcher's blade and a cashier emptying the till were
/// police only through other words. After the fixes the corpus scores 1.000 on every target figure (category 0.880),
/// so its own score flatters the rules; the sentences here are fresh.
@Suite struct RedTeam31Tests {
    @Test func redTeam31CorpusNeverDivertsAPoliceMatter() throws {
        try expectCorpus("redteam31", atLeast: 50, targetAccuracy: 1.0, townshipAccuracy: 1.0)
    }

    @Test func aFakeRegulatorAskingForMoneyIsFraudEvenForTheRulesAlone() {
        for text in ["接到个电话，对方自称是食药监的，说我卖的卤味不合格要罚三千，让我转到他发来的账号",
                     "我妈接到电话，那人说是税务局的，让她把钱汇到他指定的账户"] {
            let d = Fixture.rulesEngine.decide(CallInput(text: text))
            #expect(d.police && d.category == .fraud, "\(text) → \(d.category)")
        }
        expectPolice(["有人冒充城管局的给我打电话，说摊位要交五千块保证金，叫我扫他的二维码"], .fraud)
        let real = Fixture.rulesEngine.decide(CallInput(text: "市场监管局的人今天来店里检查，说我的健康证过期了，要罚款吗"))
        #expect(!real.police, "\(real.category)")
    }

    @Test func aButchersBladeAtAPersonIsViolence() {
        expectPolice(["那个杀猪的拿着剁肉刀追着卖菜的大姐，说要砍死她", "两个厨子在后厨动起手来，一个拿起斩骨刀就挥"], .violence)
        let d = Fixture.rulesEngine.decide(CallInput(text: "我买的剁骨刀用了两天就卷刃了，店家不给换"))
        #expect(!d.police && d.category == .consumer, "\(d.category)")
    }

    @Test func protectionMoneyAndAnEmptiedTillAreACrime() {
        expectPolice(["市场里几个社会青年挨个摊位收保护费，不给的就掀摊子", "每个月都有人来要摊位费，不交就说要把我腿打断",
                      "我在早餐店门口卖包子，钱盒子里的钱被一个小孩摸走了", "服务员把柜台里的货款全卷走了，现在电话也打不通"], .crime)
        #expect(Fixture.engine.decide(CallInput(text: "市场里几个社会青年挨个摊位收保护费，不给的就掀摊子")).risk.escalation)
    }

    @Test func aBillAboveTheMenuOrARefusedVoucherIsAConsumerComplaint() {
        expectDiverted(["烧烤店说羊肉串是时价，三十串收了我四百，这不是宰人吗", "菜单上标的二十八，结账变成了四十八，老板说菜单旧了",
                        "在美团团购了一个双人套餐，到店老板说团购的券不能用了，也不给退"])
        for text in ["菜单上标的二十八，结账变成了四十八，老板说菜单旧了", "在美团团购了一个双人套餐，到店老板说团购的券不能用了，也不给退"] {
            let d = Fixture.rulesEngine.decide(CallInput(text: text))
            #expect(d.category == .consumer && d.target == .hotline12345, "\(text) → \(d.category) \(d.target)")
        }
    }

    @Test func marketLitterAndANeighbourUsingTheCallersPowerAreDiverted() {
        expectDiverted(["早市散了以后路边一地的烂菜叶和打包盒，也没人管", "隔壁奶茶店天天蹭电，插线板从我家窗户拉过去的，说了不改"])
        #expect(Fixture.rulesEngine.decide(CallInput(text: "早市散了以后路边一地的烂菜叶和打包盒，也没人管")).category == .cityManagement)
        #expect(Fixture.rulesEngine.decide(CallInput(text: "隔壁奶茶店天天蹭电，插线板从我家窗户拉过去的，说了不改")).category == .propertyNeighbor)
    }

    @Test func aDangerBesideTheseHarmlessWordsStaysPolice() {
        expectPolice(["结账多算了我们一百块，理论了两句，老板就拿啤酒瓶砸我朋友的头", "拿团购券去吃火锅，店家说券不认，我们吵了几句他们几个服务员冲上来打人",
                      "夜市收摊后满地饭盒，有个醉汉在那边拿着碎瓶子追人", "楼下面馆蹭我家的电，我去说他就拿菜刀出来要砍我",
                      "有人偷用我家的电瓶车，骑走了还没还回来", "夜市散了满地饭盒，几个人在那打架，有人头被打破了"])
    }
}
