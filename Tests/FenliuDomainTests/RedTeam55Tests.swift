import Foundation
import Testing
@testable import FenliuDomain

/// `redteam55.jsonl`: a fifty-fifth red-team round on crowds and collective action — workers gathering for unpaid wages
/// (讨薪) at a site, a factory gate or the labour inspection office, owners protesting a developer (维权), villagers over
/// land and demolition compensation, petitioners (上访), crowds blocking a road or a gate, a sit-in turning to pushing,
/// threats to jump from a crane, a roof or a bridge for wages, banners and a livestreamed threat; and on the other side
/// many people's orderly complaints about one nuisance, peaceful wage claims and compensation questions. 23 police
/// matters and 27 ordinary ones. Written blind, the shipped config diverted a police call (police recall 0.957,
/// diversion recall 0.889, exact target accuracy 0.920, category accuracy 0.760, township accuracy 0.850): a hundred
/// people at a township government "喊口号往里冲", read as noise on 喊口号. The rules alone diverted a second one too
/// (police recall 0.913, exact target accuracy 0.900): seventy villagers "坐到三十七省道上去了", read as a consultation on
/// 拆迁; the police model's veto kept it. Three ordinary calls were kept with the police: a peaceful banner ("也没堵路也没
/// 吵") outranked by 横幅, a livestream host's 喊麦 nobody knew, and a wage video posted online ("把讨薪视频发到抖音上")
/// read as extortion by a safety rule, left so. Fixed by families (ids `*_r55`), so its own score flatters the rules;
/// the sentences below are fresh.
@Suite struct RedTeam55Tests {
    @Test func redTeam55CorpusNeverDivertsAPoliceMatter() throws {
        try expectCorpus("redteam55", atLeast: 50, targetAccuracy: 0.98, townshipAccuracy: 0.95)
    }

    @Test func aCrowdForcingItsWayInOrSmashingThingsIsPublicOrder() {
        expectPoliceByRules(["街道办门口来了一大帮人，有几个带头的硬往里闯，保安拦都拦不住", "几十个业主把物业办公室的电脑和桌子都砸了",
                             "上访的人群在冲击信访局的大门"], .publicOrder)
    }

    @Test func aCrowdSittingOnARoadOrLeavingItImpassableIsPublicOrder() {
        expectPoliceByRules(["一帮工人拉着横幅躺在国道上，不让车过", "好几十个村民跪在路口中间，过往的车都停下了",
                             "小区业主围在开发商楼下，路口被堵得水泄不通"], .publicOrder)
    }

    @Test func aProtesterAtAnEdgeOrDousedInPetrolIsDanger() {
        expectPoliceByRules(["有个讨薪的农民工站在广告牌上面，说拿不到工钱就不下来", "一个业主翻到天台边上，手里举着牌子要开发商交房",
                             "信访办门口一个老太太往身上泼汽油，说要自焚"], .danger)
    }

    @Test func aPeacefulOrWithheldWageClaimIsLabour() {
        expectDivertedInCategory(["我们十来个人在厂门口坐着等老板，没闹事也没堵门，就想把工资要回来",
                                  "二包一直压着我们的工钱不发，说上面没给他", "包工头把钱扣着不发，我们七个人干了两个月"], .labor)
        let site = Fixture.rulesEngine.decide(CallInput(text: "我们十来个人在厂门口坐着等老板，没闹事也没堵门，就想把工资要回来",
                                                       address: "大陈镇 服装厂"))
        #expect(site.target == .township, "\(site.target)")
        #expect(site.township == "大陈镇", "\(String(describing: site.township))")
    }

    @Test func shoutingIntoAMicrophoneAStoppedBusLineAndACompensationQuestionAreDiverted() {
        expectDivertedInCategory(["对面楼有人天天半夜喊麦，吵得整个小区都睡不着"], .noise)
        expectDivertedInCategory(["去佛堂的那趟班车上个月撤了，村里人出门很不方便", "我们村的公交班次少了，想问能不能加车"],
                                 .publicTransport)
        expectDivertedInCategory(["村里好多人都在问征地补偿款什么时候发，能不能派人来解释一下"], .consultation)
    }

    @Test func wordsThatLookLikeTheNewSignalsAreStillDiverted() {
        // A vote that overturns a plan (推翻) is not a crowd overturning things.
        expectDiverted(["业主们投票把原来的停车方案推翻了，物业说要重新收费"])
    }

    @Test func aPeacefulClaimBesideABlowABlockOrAnEdgeStaysPolice() {
        expectPoliceByRules(["我们没闹事，就在工地门口要工资，包工头带人过来把我们打了，有人头破了",
                             "没堵路也没吵，结果有个工友爬到楼顶栏杆外面说不给钱就跳",
                             "我们在镇政府门口拉横幅没闹事，后面来了几百人把路堵死了",
                             "工人们说没闹事，可他们把路堵了，车都过不去"])
    }
}
