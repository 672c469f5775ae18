import Foundation
import Testing
@testable import FenliuDomain

/// `redteam10.jsonl`: a tenth red-team round on everyday subjects — rentals, property fees and parking, online shopping,
/// parcels and takeaway, schools and nurseries, hospitals and clinics, minor scrapes, e-bike batteries, lost documents,
/// elderly people living alone and animals — in terse call-taker notes, long multi-issue calls, chat messages read aloud
/// and bilingual traders' Mandarin/English. Written blind, it diverted three police calls (a child not collected whose
/// phone-watch was off read as a lost item, a tenant locked in by the landlord read as a power cut because "手机也快没电了",
/// stray dogs going for an old man who fell read as an animal matter: police recall 0.850), kept 9 of its 40 ordinary
/// matters with the police (diversion recall 0.775) and scored 0.783 exact target accuracy. Four more police calls were
/// police only because no rule knew them. Its misses were then fixed with description families, so its own score flatters
/// the rules.
@Suite struct RedTeam10Tests {
    @Test func redTeam10CorpusNeverDivertsAPoliceMatter() throws {
        try expectCorpus("redteam10", atLeast: 60, targetAccuracy: 0.98, townshipAccuracy: 0.94)
    }

    @Test func aChildNotCollectedOrUnreachableStaysPolice() {
        expectPolice(["去幼儿园接儿子没接到，老师说下午就被接走了，我们谁都没去接", "小孩的电话手表从放学到现在一直关机",
                      "女儿去上舞蹈课，到现在电话手表还是打不通", "去补习班接女儿没接到，老师说她五点就走了",
                      "同学家都问过了，我女儿还是没找到"], .danger)
    }

    @Test func aPersonLockedInOrKeptFromLeavingIsACrime() {
        expectPolice(["前男友把我从外面反锁在出租屋里了，我在里面出不来", "房东把门从外头锁了，我和孩子在屋里",
                      "讨债的几个人在我店里坐着，不让我离开", "房东趁我不在，把我的东西全扔出去了，还换了锁",
                      "房东说我没交房租，趁我上班把我的东西全扔出去了"], .crime)
    }

    @Test func anAnimalGoingForAPersonOrAPersonDownStaysPolice() {
        expectPolice(["邻居家的狼狗冲着我女儿扑上去咬", "一条大黑狗追着放学的孩子咬", "我奶奶在菜场门口跌坐在地上，起不来",
                      "一个骑车的摔在路边了，一动不动", "隔壁独居的大爷家报纸都堆着，敲门也没人应"], .danger)
    }

    @Test func aScrapeWhoseDriverLeftIsTraffic() {
        expectPolice(["一辆三轮车刮了我停在路边的车，一溜烟跑了", "骑摩托的把我后视镜撞掉了，跑了"], .traffic)
    }

    @Test func aChildCorneredAndBeatenIsViolence() {
        expectPolice(["我女儿被几个同学堵在楼梯间里打", "我儿子在小区里被几个大孩子围在墙角踢"], .violence)
    }

    @Test func ordinaryMattersFromSchoolsClinicsShopsAndRentalsAreDiverted() {
        expectDiverted(["舞蹈班才上了两节课就不办了，报名费说不退", "孩子幼儿园的餐费多收了一个月，老师说找财务",
                        "单位食堂饭菜分量太少还又贵又少，大家都有意见", "奶茶里吃到头发，店员说给我换一杯就算了",
                        "诊所的收费单上多了一项没做的化验", "超市小票上重复收费，同一瓶酱油扣了两次",
                        "空调才装了半个月就不制冷，售后说要加钱才给换", "电动车电瓶续航只有二十公里，店家不认",
                        "镇上卫生院把医疗垃圾堆在后门，也没人拉走", "物业车位费今年涨到三百一个月，不合理",
                        "小区充电桩一小时收三块，比外面贵一倍", "Where can I renew my business license, 营业执照快到期了",
                        "院子里来了只受伤的鸽子，飞不起来了", "楼下草丛里有只受伤的小猫，腿好像断了",
                        "孩子的电话手表坏了，打不通电话，店家说要寄回厂家修", "碰上个黑心老板，干了三个月工资没发就跑了",
                        "房东说退房的时候东西要全搬走，不然不退押金，这合理吗"])
    }

    @Test func aDangerBesideTheNewFamiliesStaysPolice() {
        // Each holds a red-team-10 family beside a danger.
        expectPolice(["报名费不退，机构老板叫了几个人把我们围住了", "学费不肯退，园长还叫人打了我老公",
                      "食堂饭菜吃出头发，跟厨师理论，他拿菜刀出来", "食堂饭菜分量少，今天好几个孩子都吐了",
                      "收费单上多了一项，我去问，护士说再闹就叫人打我", "收费单上多了一项检查，我去问，他们保安把我推倒了",
                      "电瓶才用了两个月，今天充电的时候着火了", "新买的充电宝才用了一个礼拜就鼓包发烫",
                      "诊所扔出来的针头把路过的小孩扎伤了", "物业车位费的事吵起来，保安拿电棍对着我",
                      "物业的充电桩冒火花了，旁边停着好多车", "I lost my passport, somebody stole my bag in the market",
                      "受伤的流浪狗把过路的老人咬了一口", "有只受伤的流浪狗把我儿子咬了"])
    }
}
