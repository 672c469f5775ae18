import Testing
@testable import FenliuDomain

/// `redteam41.jsonl`: a forty-first red-team round on third parties and people at work calling about others —
/// security guards, property staff, hotel receptionists, shop clerks, delivery riders, teachers, doctors and nurses,
/// bus and taxi drivers, social workers, cleaners, neighbours — often in the third person, with jargon or unsure.
/// 20 police matters and 30 ordinary ones. Written blind, the shipped config diverted no police call (police recall
/// 1.000, diversion recall 0.793, exact target accuracy 0.840, township accuracy 0.722); the rules alone diverted none
/// either (diversion recall 0.828, target 0.860). Ordinary calls kept with the police: owners and a developer
/// "推来推去" over a broken fire door (read as shoving), a customer's phone "一直没回来取" (a missing person), a
/// barbecue's fumes making a shop "全是烟味" (a fire), a nurse's unpaid 绩效 and a stray dog lying at a hotel door
/// (no rule), a taxi driver's forgotten-bag question (the police model's veto). A rider refused entry by estate guards
/// went to consumer, a neighbour's 泰迪 off the lead to lost pets. Fixed by families (ids `*_r41`), so its own score
/// flatters the rules; the sentences below are fresh.
@Suite struct RedTeam41Tests {
    @Test func redTeam41CorpusNeverDivertsAPoliceMatter() throws {
        try expectCorpus("redteam41", atLeast: 50, targetAccuracy: 1.0, townshipAccuracy: 1.0)
    }

    @Test func aLandlordOrDeveloperPassingTheBuckIsNotShoving() {
        expectDiverted(["楼顶漏水找了房东好几次，房东推来推去就是不修", "电梯坏了半个月，开发商和物业推来推去没人修"])
        expectPolice(["房东推来推去不给修，还推了我一把", "开发商推来推去，他们保安把我推倒在地上"], .violence)
    }

    @Test func anItemNotFetchedIsHelpButAPersonNotBackIsMissing() {
        for text in ["客人退房把充电器落在房间，一直没回来拿，我们前台要怎么处理", "有人在我们店寄存了一个行李箱，到现在没人来取"] {
            let d = Fixture.rulesEngine.decide(CallInput(text: text))
            #expect(d.category == .livelihoodHelp, "\(text) → \(d.category)")
            #expect(d.target == .hotline12345, "\(text) → \(d.target)")
        }
        expectPolice(["外婆说出门去拿药，一直没回来取", "我儿子把书包落在学校，一直没回来拿，电话也打不通"], .danger)
    }

    @Test func anEstateRefusingRidersIsAPropertyMatter() {
        let d = Fixture.rulesEngine.decide(CallInput(text: "外卖骑手反映小区物业不让电瓶车进去，要走很远"))
        #expect(d.category == .propertyNeighbor, "\(d.category)")
        expectPolice(["小区保安不让电动车进，还打了我一拳"], .violence)
    }

    @Test func kitchenOrCigaretteSmokeIsEnvironmentUnlessSomethingBurns() {
        expectDiverted(["楼下饭店的排烟管对着我家窗户，家里全是油烟味"])
        let d = Fixture.rulesEngine.decide(CallInput(text: "楼下饭店的排烟管对着我家窗户，家里全是油烟味"))
        #expect(d.category == .environment, "\(d.category)")
        expectPolice(["隔壁烧烤店着火了，店里全是烟味", "饭店后厨全是烟味，冒烟了"], .hazard)
        expectPolice(["烧烤店的油烟排进来，店里全是烟味，有人晕倒了"])
    }

    @Test func aDogOffTheLeadOrLingeringIsAnAnimalMatter() {
        for text in ["小区里好几条狗不牵绳到处跑，业主投诉很多次了", "我们单位门口有只猫蹲了好几天，也没人要",
                     "超市门口有条黑狗躺了一整天，顾客不敢进"] {
            let d = Fixture.rulesEngine.decide(CallInput(text: text))
            #expect(!d.police, "\(text) → \(d.category)")
            #expect(d.category == .animal, "\(text) → \(d.category)")
        }
        expectPolice(["邻居家的狗不拴绳把我孩子咬了", "门口躺着个人两天了，旁边还有条狗"])
    }

    @Test func withheldPerformancePayOrADockedRiderIsLabour() {
        for text in ["我是幼师，我们园的课时费拖了两个月没给", "我在厂里做会计，年终奖到现在都没发", "我是跑外卖的，平台差评把我钱扣光了"] {
            let d = Fixture.rulesEngine.decide(CallInput(text: text))
            #expect(d.category == .labor, "\(text) → \(d.category)")
        }
        expectPolice(["老板绩效不给还拿刀威胁我", "提成不给，我要去跳楼", "我是骑手，站长扣了我钱还打了我"])
    }

    @Test func aChildDisclosingAbuseOrSignsOfRepeatedAbuseStayPolice() {
        expectPolice(["班上一个学生跟我说她继父晚上摸她下体，不让她说出去", "我们诊所来了个七岁孩子，说邻居爷爷摸他尿尿的地方"], .crime)
        expectPolice(["社工家访发现老人身上有新旧淤青，怀疑儿媳虐待", "我们班小朋友胳膊上有陈旧伤，家长说不清怎么弄的"], .violence)
        let d = Fixture.rulesEngine.decide(CallInput(text: "小学生身上有好多新旧伤，说是爸爸喝了酒打的"))
        #expect(d.police)
        #expect(d.risk.escalation)
    }
}
