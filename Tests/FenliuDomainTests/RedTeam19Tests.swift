import Foundation
import Testing
@testable import FenliuDomain

/// `redteam19.jsonl`: a nineteenth red-team round on factories, workshops and workers' dormitories around Yiwu —
/// small-commodity workshops, packing plants and building sites, with wage arrears, injuries at work, bosses, foremen and
/// labour agencies. 23 police matters (a worker on a roof or a tower crane threatening to jump over unpaid wages, a
/// foreman beating or kicking a worker, workers holding the boss in his office, the boss's men locking workers in, ID
/// cards taken and the dormitory locked, a knife fight in a dormitory, a hand caught in a press with the boss refusing
/// to call anyone, a chemical smell with workers fainting, a child labourer about 13, a mentally impaired worker missing)
/// and 37 ordinary ones (wages owed with no threat, unpaid overtime, an agency keeping a deposit, social insurance not
/// paid, a work injury's costs refused after the fact, no hot water in the dormitory, machines loud at night, workshop
/// dust and fumes, a forklift left in a village lane, no bus after the night shift). Written blind, it diverted no police
/// call (police recall 1.000) but kept four ordinary calls with the police (injury costs refused "医药费一分不给报",
/// embroidery machines running "二十四小时不停", a request for a later bus, a forklift "停在我们巷子口") and sent an
/// agency's deposit to consumer: diversion recall 0.892, exact target accuracy 0.917, category accuracy 0.767, township
/// accuracy 0.840, escalation recall 0.500. A foreman kicking a worker ("踢了好几脚") and a mentally impaired worker
/// missing were police only by default; workers holding the boss ("门口堵死了") were read as a blocked road. Its misses
/// were fixed with the families below, so its own score flatters the rules; the sentences here are fresh.
@Suite struct RedTeam19Tests {
    @Test func redTeam19CorpusNeverDivertsAPoliceMatter() throws {
        try expectCorpus("redteam19", atLeast: 60, targetAccuracy: 0.98, townshipAccuracy: 0.98)
    }

    @Test func kicksOrPunchesCountedAreViolence() {
        expectPolice(["拉长朝他肚子上踹了好几脚", "工头抓着他的衣领捶了他两拳", "组长冲过来蹬了我一脚，我胸口现在还疼"], .violence)
    }

    @Test func aVulnerableWorkerWhoHasNotComeBackIsADanger() {
        expectPolice(["我们厂有个哑巴工人前天出去就没回来", "宿舍里那个精神有点问题的室友一晚上没回，电话也打不通",
                      "我们村里那个智力不太好的小伙子在厂里上班，下了班人就不见了"], .danger)
    }

    @Test func aChildAtWorkInAWorkshopIsADanger() {
        expectPolice(["对面作坊里有几个小孩看上去才十二三岁，在那里剪线头剪到半夜", "那个厂招了两个14岁的小姑娘在流水线上干活",
                      "村里有家包装作坊在用童工"], .danger)
    }

    @Test func aPersonHeldInAnOfficeByACrowdIsADisputeRiskWithEscalation() {
        for text in ["讨薪的人把经理堵在办公室里头，已经三个小时了", "一帮工人把包工头围在工棚门口，不让他走",
                     "二十多个人守在厂长办公室门口不让厂长出来"] {
            let d = Fixture.engine.decide(CallInput(text: text))
            #expect(d.police && d.category == .disputeRisk, "\(text) → \(d.category)")
            #expect(d.risk.escalation, "\(text) → no escalation")
        }
    }

    @Test func aThreatToJumpOverWagesIsADangerWithEscalation() {
        for text in ["我表哥爬到塔吊上去了，说老板不结工钱他就跳", "那个工人站在厂房顶上，说再不发工资他就从这里跳"] {
            let d = Fixture.engine.decide(CallInput(text: text))
            #expect(d.police && d.category == .danger, "\(text) → \(d.category)")
            #expect(d.risk.escalation, "\(text) → no escalation")
        }
    }

    @Test func papersTakenOrWorkersKeptInsideAreACrime() {
        expectPolice(["老板把我们几个的证件都扣起来了，还不准我们出宿舍", "工头把新来的几个人的身份证拿去了不还",
                      "厂里不让我们工人出厂门，说干完这批货再说"], .crime)
    }

    @Test func theFactoryLookAlikesAreDivertedToTheRightDesk() {
        let cases: [(String, Category)] = [
            ("之前在车间被机器压到手指，现在好了，老板说工伤不认", .labor),
            ("去年在工地上摔伤了腰，早就出院了，住院费包工头一直不肯出", .labor),
            ("劳务公司扣了我八百块押金，我做了一个月辞工了不肯退", .labor),
            ("职介所收了我三百块介绍费，介绍的厂我去上了两天班不合适，现在不肯退", .labor),
            ("楼下那个厂的注塑机通宵开着，轰轰响", .noise),
            ("对面加工厂的冲床一直哐哐响，一晚上都睡不好", .noise),
            ("开发区上夜班的人多，能不能开通一条夜班公交", .publicTransport),
            ("厂里下班都十一点了，早就没有公交车了", .publicTransport),
            ("三轮车天天停在我们家门口，进出很不方便", .cityManagement),
            ("石材厂的石粉飘得整条街都是", .environment),
            ("我弟弟十五岁能不能进厂打工", .consultation),
        ]
        for (text, category) in cases {
            let d = Fixture.rulesEngine.decide(CallInput(text: text))
            #expect(!d.police, "\(text) → \(d.category)")
            #expect(d.category == category, "\(text) → \(d.category)")
        }
    }

    @Test func aFactoryLookAlikeNamingAPlaceGoesToItsTownship() {
        let d = Fixture.engine.decide(CallInput(text: "我在苏溪一个工地，上个月搬钢筋扭伤了腰，现在好了，医药费老板不给报"))
        #expect(!d.police && d.category == .labor, "\(d.category)")
        #expect(d.target == .township && d.township == "苏溪镇", "\(d.target) \(String(describing: d.township))")
    }

    @Test func aFiftyYearOldOrAGrownUpsFormIsNotAChildLabourer() {
        expectDiverted(["我五十五岁了在厂里做保洁，老板一直不给交社保", "我的残疾证不见了，怎么补办", "宿舍一开热水器就跳闸，能不能派人来修"])
    }

    @Test func aJobFeeTakenByARecruiterWhoVanishedIsFraud() {
        expectPolice(["劳务中介收了我两千块押金，说好进厂，结果人跑了电话打不通", "招工的收了我们每人五百体检费，第二天办公室搬空了",
                      "中介收了我三百块介绍费，人就联系不上了",
                      "中介骗了我，收了我五百押金"], .fraud)
    }

    @Test func aWorksVehicleInAFireLaneOrMidRoadStaysTraffic() {
        expectPolice(["货车停在消防通道门口", "面包车停在马路中间门口", "叉车天天停在我们巷子口，今天消防车进不来"], .traffic)
    }

    @Test func aDangerBesideTheNewOrdinaryFamiliesStaysPolice() {
        expectPolice(["冲床一直不停，刚才把一个工人的手压住了", "机器着火了一直不停地冒烟", "叉车停在巷子口，倒车的时候把小孩撞倒了",
                      "劳务中介收了我两千块押金，说好进厂，结果人跑了电话打不通", "车间粉尘太大，有人喘不过气晕倒了",
                      "没有公交车了，我女儿下夜班走回去到现在联系不上", "上个月工伤医药费老板不给报，我老公说要拿刀去砍他"])
    }

    /// Round 19's report: the older deposit rule's gaps could span a comma and an attack word, so its longer match hid
    /// the danger inside it ("老板拿刀，扣了我的押金" was diverted as labour). The gaps now hold neither.
    @Test func aWithheldDepositBesideAnAttackStaysPolice() {
        expectPolice(["老板拿刀，扣了我的押金，工资也没给", "厂里打人了还扣了我三百押金，我在这干了半年",
                      "工地上老板逼着我们交了押金，不交就打，我在这上班三个月了"])
        expectDiverted(["厂里扣了我们每人三百块保证金，我都干满一年了", "公司扣了我五百押金，我都离职两个月了"])
    }

    /// Found writing the test above: "不交就打" and "不签字就揍你" named no rule, so a diverting word beside them (押金)
    /// routed the call away.
    @Test func anUltimatumOfABlowIsAThreat() {
        expectPolice(["押金不交就打，好几个人站在门口", "不签字就揍你，房东这么说的", "再不还钱就砍你", "不还钱就砍掉你一只手"],
                     .disputeRisk)
        expectDiverted(["物业说实在不行就砍掉那棵树，挡光太厉害了", "押金不退的话就打市长热线投诉"])
    }
}
