import Foundation
import Testing
@testable import FenliuDomain

/// `redteam9.jsonl`: a ninth red-team round in new voices — migrant workers whose Mandarin carries Sichuan, Henan, Anhui,
/// Jiangxi or Guizhou words, 商贸城 traders (foreigners among them) in simple Chinese, students in internet slang, night-shift
/// and delivery workers in a hurry, and 12345 operators' written summaries — 38 ordinary matters across every non-police
/// category, 2 invalid calls and 20 police calls where the police matter is easy to miss. Written blind, it diverted one
/// police call (a seven-year-old who "还没上来" from playing downstairs read as a neighbour matter: police recall 0.950),
/// kept 6 of its 38 ordinary matters with the police (diversion recall 0.842) and scored 0.883 exact target accuracy.
/// Its misses were then fixed with description families, so its own score flatters the rules.
@Suite struct RedTeam9Tests {
    @Test func redTeam9CorpusNeverDivertsAPoliceMatter() throws {
        try expectCorpus("redteam9", atLeast: 60, targetAccuracy: 0.96, townshipAccuracy: 0.95)
    }

    @Test func someoneNotBackYetStaysPolice() {
        expectPolice(["我家伢崽九岁，说去同学家写作业，天都黑了还冇回来", "俺闺女六岁，跟邻居家孩子出去玩，到饭点了还没上来，小区里都找遍了",
                      "我们屋头老汉脑子不清楚，早上出去赶场，到现在还冇回来", "孙子放学到现在还不见人，学校说四点就走了"], .danger)
    }

    @Test func aBeatingToldWithAEuphemismStaysPolice() {
        expectPolice(["我老公喝了酒回来又要收拾我，我躲在厕所里", "她男人昨晚又给她上了一课，眼睛都肿了",
                      "我爸喝多了说等会儿要修理我妈，我妈一直在哭", "我对象说晚上回来再收拾我，我现在不敢回家"], .violence)
    }

    @Test func aFightArrangedStaysPolice() {
        expectPolice(["两个班的男生约好了放学在球场打，听说有人带着刀", "网上吵了几句，那个人说摇了人在网吧门口等我",
                      "他在群里约我出来单挑，说摇了人在楼下等着"], .violence)
    }

    @Test func farewellSlangStaysPolice() {
        expectPolice(["我表妹在群里发了句下辈子见，然后就关机了", "室友桌上留了张纸条写着永别了，人不知道去哪了",
                      "我同学刚发微博说再见了这个世界，打他电话一直不接"], .danger)
    }

    @Test func aScamToldAsADealStaysPolice() {
        expectPolice(["有个外国客户说要下十万的单，让我先交验厂费，我已经打了一万过去，他现在还要我再付两万",
                      "网上找的兼职，做到第三单说我卡单了，要再充五千才能提现", "朋友拉我进了个投资群，说稳赚不赔，投了两万现在提不出来"], .fraud)
    }

    @Test func somethingGoneFromWhereItWasKeptIsACrime() {
        expectPolice(["早上开店发现收银台里的现金没了，卷帘门的锁被撬了", "仓库里少了十几箱货，门锁断了",
                      "放在宿舍抽屉里的两千块钱不见了，宿舍就我们四个人住"], .crime)
    }

    @Test func aCollisionToldAsAMoneyRowStaysPolice() {
        expectPolice(["我骑电瓶车把一个老奶奶刮倒了，她儿子要我赔三千，老奶奶还在地上", "一辆三轮车把我挂倒了，他说赔两百算了，我膝盖破了"],
                     .traffic)
    }

    @Test func ordinaryMattersInTheNewVoicesAreDiverted() {
        expectDiverted(["来电人反映：其小区路灯不亮已一周。诉求：请相关部门尽快派人检修。", "来电人反映：村口排水沟堵塞。诉求：请尽快派人疏通。",
                        "隔壁在盖房子，砖头沙子堆了半条路，也没见有审批", "村里有户人家拉了好几车红砖准备盖楼房",
                        "小区门口有条黄狗，没人养，天天在垃圾桶边上转", "救命，隔壁每天晚上蹦迪到两点，还让不让人睡了",
                        "救命啊楼上又在装修，电钻响了一上午", "对门总是把外卖盒子扔在楼道里，说了也不听",
                        "给孩子报的补习班关门了，交的学费也不给退"])
    }

    @Test func aDangerBesideTheNewFamiliesStaysPolice() {
        // Each holds a red-team-9 family beside a danger, or a near-miss written against it.
        expectPolice(["砖头水泥堆在路边，有个小孩爬上去摔下来了", "隔壁盖房子的拿砖头砸我家窗户",
                      "有条没主人的狗，刚才追着一个小孩咬", "救命，楼下天天有人打架，今晚又打起来了",
                      "救命，隔壁每晚都放音乐，今天还听见有人在哭喊", "救命，楼上天天吵，刚才有个人从窗户掉下去了",
                      "楼道里扔了一堆垃圾袋，有人在那点火了", "对门把垃圾扔在楼道里，说了也不听，他还拿着刀出来了",
                      "报了个培训班不给退钱，我去找他们理论被保安打了", "来电人反映：路边电线掉在地上，有人触电倒地。诉求：请尽快派人维修。",
                      "我家小狗跑出去了，孩子去找狗到现在还没回来", "商贸城里有个男的喝醉了拿酒瓶砸人"])
    }
}
