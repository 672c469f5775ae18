import Foundation
import Testing
@testable import FenliuDomain

/// `redteam8.jsonl`: an eighth red-team round in other voices — relayed by a relative, rambling, Wu-flavoured, very polite
/// or short and angry — 40 ordinary matters across every non-police category and 20 police calls told inside an everyday
/// complaint. Written blind, it diverted two police calls (a toddler alone behind a locked door read as a lockout, "干脆
/// 一了百了算了" inside a wage claim read as labour: police recall 0.900), kept 8 of its 40 ordinary matters with the
/// police (diversion recall 0.800) and scored 0.833 exact target accuracy. Its misses were then fixed with description
/// families, so its own score flatters the rules.
@Suite struct RedTeam8Tests {
    @Test func redTeam8CorpusNeverDivertsAPoliceMatter() throws {
        try expectCorpus("redteam8", atLeast: 60, targetAccuracy: 0.96, townshipAccuracy: 0.95)
    }

    @Test func aChildAloneBehindALockedDoorStaysPolice() {
        expectPolice(["我下楼拿快递门被带上了，儿子才三岁一个人在屋里", "宝宝五个月大一个人在床上睡着，我被锁在门外了",
                      "钥匙落在车上，女儿四岁独自关在家里", "我出去倒垃圾门关上了，孩子才一岁还在屋里"], .danger)
    }

    @Test func despairInsideAGrievanceStaysPolice() {
        expectPolice(["厂里三个月没发工资，房租也交不起，真想一死了之", "老板欠钱不还，我就死给他看",
                      "工钱拖了半年，我活着还有什么意思", "装修公司卷了我的钱，我不如死了算了"], .danger)
    }

    @Test func ordinaryMattersInOtherVoicesAreDiverted() {
        expectDiverted(["村口那根水管裂了，水往外喷了一上午，路上全是水", "小区门口下水口堵住了，一下雨就积水",
                        "对门天天晚上K歌到十二点", "那家厂的排气筒天天往外冒白烟，呛得很",
                        "对面邻居把纸箱子都堆在走廊里，过都过不去", "我家的泰迪早上跑丢了，白色的，帮忙留意一下",
                        "我奶奶八十多了，家里水龙头坏了不会修，能不能找人上门帮个忙",
                        "院子里跑进来一只黄鼠狼，把鸡棚里的鸡叼走了", "打燃气公司的电话又打不通，灶还是点不着",
                        "楼下邻居在家练琴，一弹就是一下午", "楼下那户天天在家吹唢呐", "地漏堵了不下水，物业也不来修"])
    }

    @Test func anAngryWageClaimIsMarkedWithoutThreat() {
        let d = Fixture.engine.decide(CallInput(text: "干了半年活，老板一分钱不给，这是我的血汗钱"))
        #expect(!d.police, "\(d.category)")
        #expect(d.risk.escalation)
    }

    @Test func aDangerBesideTheNewFamiliesStaysPolice() {
        // Each holds a red-team-8 family beside a danger, or a near-miss written against it.
        expectPolice(["巷子里有根水管破了，水哗哗往外冒，有个老人被冲倒了", "下水道堵死了，井盖下面好像有个小孩掉进去了",
                      "楼上天天唱卡拉OK，今晚听到有个女的一直喊救命", "隔壁唱歌的那伙人喝多了在楼道里砸门",
                      "烟囱冒黑烟，厂房里面好像着火了", "厂的烟囱冒黄烟，附近好几个人闻了都昏倒了",
                      "楼道里堆满了杂物，还有人在那充电瓶车，冒烟了", "杂物堆在楼梯上，我妈下楼绊了一跤摔了",
                      "楼道里堆着杂物，刚才有个孩子从楼梯上滚下去了", "我家狗跑出去了，把邻居家孩子咬了",
                      "跑来一条野狗，追着小孩咬", "灯泡坏了换不了，我爸站凳子上摔下来了",
                      "我爸一个人在家，换灯泡够不着，现在打电话没人接", "管子破了水往外冒，路上有个骑车的人摔倒了",
                      "她老公又打她了，电话也打不通", "水管爆了，水往外喷，旁边有人触电倒在地上"])
    }

    @Test func somethingTakenBySomeoneIsACrime() {
        expectPolice(["我家狗被人牵走了，监控拍到了", "院子里的两头猪昨晚被人装走了",
                      "看监控有个男的把门口几个快递都拎走了", "赶集的时候一直有人挤我，到家一看包的拉链开着，钱包没了"], .crime)
    }
}
