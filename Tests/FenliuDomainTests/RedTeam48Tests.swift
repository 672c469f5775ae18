import Foundation
import Testing
@testable import FenliuDomain

/// `redteam48.jsonl`: a forty-eighth red-team round on schools, campus and youth in Yiwu — anxious parents,
/// grandparents at the gate, 班主任 and teachers, a school security guard, college students and teenagers in their own
/// slang (社会哥, 废了我, 黄毛, 对象, AJ, 莆田货). 24 police matters (extortion at the gate, a PE teacher's kick, a coach's
/// stick, a pupil cutting herself, a farewell in the class group, a child locked in a car, a stranger with sweets at a
/// kindergarten, gang fights and drunk minors), 25 ordinary ones (fees, 学区, 学籍 and 转学, a training school's refund,
/// a school's loudspeaker, a child's game top-up, a lost student card, a school bus route, a dog at the gate, a lamp out
/// on the way to school) and a misdial. Written blind, the shipped config diverted no police call (police recall 1.000,
/// diversion recall 0.840, exact target accuracy 0.920, category accuracy 0.800, township accuracy 0.889), but the rules
/// alone diverted one: "停车场有辆车里锁着个两三岁的小孩 … 车主不知道去哪里了" went to 12345 as a consultation on 去哪里
/// (police recall 0.958, exact target accuracy 0.900); the police model's veto kept it. A teacher's "用脚踹他肚子" and a
/// stranger who "拿糖给小朋友，还问小孩家住哪里" stayed police only because no rule matched. Four ordinary calls were kept
/// with the police: a 学籍 transfer question, a son's game top-up, a hair in a bubble tea, and a street lamp out "孩子上学
/// 走的那条路上" (the described-lamp rule stands down on any 孩 and its longer hit hid 路灯坏了). Fixed by families (ids
/// `*_r48`), so its own score flatters the rules; the sentences below are fresh. Writing them found two more gaps on
/// the theme, fixed too: a pupil "天天被人要钱" (extortion told plainly) and someone "跟着她" on a child's way home,
/// both of which could be diverted by an ordinary matter in the same call.
@Suite struct RedTeam48Tests {
    @Test func redTeam48CorpusNeverDivertsAPoliceMatter() throws {
        try expectCorpus("redteam48", atLeast: 50, targetAccuracy: 0.98, townshipAccuracy: 1.0)
    }

    @Test func aChildShutInACarIsDangerWhicheverWordComesFirst() {
        // 去哪里 is the consultation word that diverted the blind call when the rules alone decided.
        expectPoliceByRules(["菜场门口一辆面包车上锁着两个小孩，大人不知道去哪里了",
                             "小区门口那辆白车里关着个一岁多的婴儿，一直在哭，车窗只开了一条缝",
                             "我下车买个东西回来，宝宝闷在车里出不来了"], .danger)
        // Keys locked in a car are still a locksmith's job.
        expectDiverted(["我儿子把钥匙锁车里了，要找开锁的"])
    }

    @Test func aPupilCuttingThemselvesIsDangerEvenWithABladeInHand() {
        expectPoliceByRules(["我发现我儿子手臂上全是一道一道的刀痕，问他也不说",
                             "室友半夜拿圆规划手腕，床单上都是血",
                             "她躲在房间里拿剪刀划自己的胳膊"], .danger)
        // Money moved into one's own account is no cut.
        expectDiverted(["银行把钱划到我自己账户了没有？想问一下"])
    }

    @Test func aTeacherCoachOrCarerHittingAChildIsViolence() {
        expectPoliceByRules(["教练嫌他跑得慢，上去就踹他屁股，孩子摔了个跟头",
                             "班主任当着全班的面拧我耳朵，还骂我",
                             "那个保姆趁我们不在家掐孩子的腿，监控都拍到了",
                             "宿管大爷一脚踢了我儿子，说他晚归"], .violence)
        // A teacher who rings a pupil is no blow.
        expectDiverted(["老师打他电话一直没人接，想问一下孩子今天有没有去学校"])
    }

    @Test func aStrangerCourtingChildrenAtTheGateIsPublicOrder() {
        expectPoliceByRules(["放学的时候有个戴帽子的男人在小学门口给女学生发糖，还问她们家住哪里",
                             "最近有个不认识的阿姨天天在幼儿园栅栏外面塞零食给小孩"], .publicOrder)
    }

    @Test func aPupilMadeToHandOverMoneyIsCrime() {
        expectPoliceByRules(["我儿子在学校老是被高年级的要钱", "放学总有几个人找他要钱，他都不敢去上学了",
                             "孩子想转学，需要什么材料，他在现在这个学校天天被人要钱"], .crime)
        // A daughter asking her parent for money for books is not extortion.
        expectDiverted(["女儿跟我要钱买教辅，说学校要求的，想问一下"])
    }

    @Test func aStrangerFollowingAChildIsPublicOrder() {
        // Before round 48 the first was diverted as a street lamp: 跟着我 was a signal, 跟着她 was not.
        expectPoliceByRules(["孩子说放学回家有人跟着她，路灯也坏了", "这两天有个骑电瓶车的男人老是跟在我孙女后面到学校"],
                            .publicOrder)
        // A classmate walking home with her is no follower.
        expectDiverted(["我女儿放学有个同学跟着她一起回家，想问下校车的事"])
    }

    @Test func schoolQuestionsAndComplaintsAreDiverted() {
        // Each of these stayed police before round 48.
        expectDiverted(["孩子休学一年，学籍还保留吗", "孩子的学籍能不能从老家转过来",
                        "女儿背着我给游戏充了五千，能追回来吗", "儿子在学校食堂的汤里喝出一只苍蝇，找谁反映",
                        "校车的站点在哪里，几点经过我们小区", "小孩晚自习回来要走的巷子，路边的灯灭了好几天了",
                        "孩子放学回来的路上路灯坏了三盏，能不能修"])
        let records = Fixture.rulesEngine.decide(CallInput(text: "孩子的学籍能不能从老家转过来"))
        #expect(records.category == .consultation, "\(records.category)")
        let topUp = Fixture.rulesEngine.decide(CallInput(text: "女儿背着我给游戏充了五千，能追回来吗"))
        #expect(topUp.category == .consumer, "\(topUp.category)")
        let fly = Fixture.rulesEngine.decide(CallInput(text: "儿子在学校食堂的汤里喝出一只苍蝇，找谁反映"))
        #expect(fly.category == .consumer, "\(fly.category)")
        let bus = Fixture.rulesEngine.decide(CallInput(text: "校车的站点在哪里，几点经过我们小区"))
        #expect(bus.category == .publicTransport, "\(bus.category)")
        let lamp = Fixture.engine.decide(CallInput(text: "孩子放学回来的路上路灯坏了三盏，能不能修", address: "城西街道"))
        #expect(lamp.category == .utilities, "\(lamp.category)")
        #expect(lamp.target == .township, "\(lamp.target)")
        #expect(lamp.township == "城西街道", "\(String(describing: lamp.township))")
    }

    @Test func theNewOrdinaryWordsBesideDangerStayPolice() {
        expectPoliceByRules(["学籍的事去学校问，结果被门卫打了一巴掌", "孩子充游戏花了两千，想退回来，结果有个自称客服的让我扫码退款",
                             "在学校小卖部买的面包里吃出钢丝，孩子嘴巴划破出血了"])
        // A quarrel over a transfer is a family matter, not a records question: it goes to mediation.
        let quarrel = Fixture.rulesEngine.decide(CallInput(text: "为了孩子转学的事跟我老公吵了几句，都没动手，想找社区来调解一下"))
        #expect(quarrel.category != .consultation, "\(quarrel.category)")
        // A lamp out where a child was just stopped by a man stays police.
        expectPolice(["放学路上的路灯坏了，孩子刚才在那里被一个男的拦住了"])
        let drunkDriver = Fixture.rulesEngine.decide(CallInput(text: "校车司机好像喝了酒，开得歪歪扭扭的，车上都是小孩"))
        #expect(drunkDriver.police, "\(drunkDriver.category)")
    }
}
