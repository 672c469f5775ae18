import Foundation
import Testing
@testable import FenliuDomain

/// `redteam14.jsonl`: a fourteenth red-team round on vulnerable people and danger told indirectly — elders with dementia
/// who walked out or cannot say where they live, suicide hinted sideways ("想去陪她了", hoarded sleeping pills), domestic
/// violence told as a euphemism ("他又喝多了，我躲在卫生间"), children alone or hurt at home, scams running on the phone
/// (a fake official and a "safe account", a screen-sharing app, a parcel held by customs, a "relative" in trouble, fake
/// prosecutors who send a mother to a hotel for a "video review", a health-product pitch), stalking and an ex-husband's
/// "没好日子过" — and their harmless look-alikes: a lonely elder who wants a chat, shopping or a plumber for a parent,
/// questions about subsidies, care homes, dementia bracelets and counselling, a bank clerk asking for an anti-fraud talk,
/// a stroke or a fall last year, a wheelchair on a blocked pavement, a missing cat. 25 police matters, 35 ordinary ones.
/// Written blind, it diverted one police call (an ex-husband's veiled threat read as a divorce question: police recall
/// 0.960), kept 18 ordinary calls with the police (diversion recall 0.471) and reached 0.683 exact target accuracy
/// (category 0.533, township 0.545, escalation recall 0.667); five police calls were police only because no rule knew
/// them (a confused resident who walked out of a care home, a confused elder who cannot say where she lives, 脑子弗清爽
/// …朆归来, "想去陪她了", fake prosecutors). One label was corrected after the blind run (R14028, a past scam loss the
/// caller wants to report, is fraud as S061 already says). Its misses were fixed by families, so its own score flatters
/// the rules; the sentences below are fresh.
@Suite struct RedTeam14Tests {
    @Test func redTeam14CorpusNeverDivertsAPoliceMatter() throws {
        try expectCorpus("redteam14", atLeast: 60, targetAccuracy: 0.98, townshipAccuracy: 0.9)
    }

    @Test func aConfusedElderWhoWalkedOutOrCannotSayWhereTheyLiveIsADanger() {
        expectPolice(["敬老院有个失智的老人趁护工换班溜出去了", "隔壁阿婆脑子不太清楚，刚才穿着拖鞋自己走出去了",
                      "我阿婆脑子弗清爽，今朝出去到夜里还朆回来", "路边有个老爷爷坐着，问他家在哪里他说不出来",
                      "公园里有个小孩，问他叫什么名字都答不上来"], .danger)
    }

    @Test func aWishToJoinADeadLovedOneIsADanger() {
        expectPolice(["老伴走了以后我一个人过得没意思，想早点去找他", "我妈不在了，我也想跟着她去了",
                      "我儿子走了三年了，我天天想他，真想下去陪他"], .danger)
    }

    @Test func aThreatOfNoPeaceOrAnExLyingInWaitIsADisputeRisk() {
        expectPolice(["他说我要是敢报警就让我全家不得安宁", "你不还钱我让你这辈子没好日子过", "前男友分手后天天跑到我宿舍楼下堵我"],
                     .disputeRisk)
        let ex = Fixture.engine.decide(CallInput(text: "离婚以后他天天守在我上班的厂门口等我"))
        #expect(ex.category == .disputeRisk, "\(ex.category)")
        #expect(ex.risk.escalation)
    }

    @Test func aStrangerLyingInWaitIsPublicOrder() {
        expectPolice(["有个陌生男的连着三天在我学校门口等我", "我女儿下晚自习总有个男的在学校门口等她，今天还跟到了小区"],
                     .publicOrder)
    }

    @Test func fakeOfficialsARelativeInTroubleOrAHealthPitchAreAFraud() {
        expectPolice(["我爸接到电话说他的医保卡涉嫌诈骗，让他去酒店开个房间配合调查", "对方说我是洗钱案的嫌疑人，要我做视频笔录",
                      "有人打电话说是我孙子，在外地打架被抓了要交保释金，让我赶紧转钱",
                      "微信上有人说是我侄子，说开车把人撞了急需三万，我刚转了一万",
                      "我奶奶天天去听那个养生讲座，今天要拿存折去取三万块买他们的药"], .fraud)
    }

    @Test func aDomesticFightHeardThroughTheWallIsViolence() {
        let d = Fixture.engine.decide(CallInput(text: "楼下那家男的喝醉了在摔东西，他老婆一直在哭喊救命"))
        #expect(d.category == .violence, "\(d.category)")
        #expect(d.risk.escalation)
        expectPolice(["对面那家又在闹，女人哭喊着让他别打了"], .violence)
    }

    @Test func theHarmlessLookAlikesOfVulnerablePeopleAreDiverted() {
        expectDiverted(["老伴走了以后家里冷冷清清的，就想找个人说说话", "我妈一个人在家腿不方便，能不能找人帮她买点菜送上去",
                        "我外婆家厨房水池堵了，她一个人弄不了，能不能找个师傅", "想问一下高龄津贴多少钱一个月", "请问敬老院怎么收费",
                        "我妈是老年痴呆，想问问能不能申请长护险", "医生说我爸是阿尔茨海默症早期，哪里有专门的门诊",
                        "我们社区想请你们来给老年人做一次防诈骗宣传", "我爸前年中风过，现在想办个残疾证，要什么材料",
                        "我老伴过世两年了，想问问他的养老金怎么停", "买的保健品吃了两个月一点效果都没有，商家不给退"])
    }

    @Test func theLookAlikesKeepTheirOwnCategory() {
        let cases: [(String, Category)] = [
            ("我一个人在家，孩子都在外地，没个人说话，能不能陪我聊聊天", .livelihoodHelp),
            ("我家的狸花猫前天从阳台跳出去了，一直没回来", .livelihoodHelp),
            ("阿拉屋里只黄猫三日朆归来了", .livelihoodHelp),
            ("我推我爸的轮椅出门，盲道上全是乱停的车", .cityManagement),
            ("敬老卡在公交车上刷不了，司机让我下车", .publicTransport),
            ("公交车看到站台上有人招手也没停车，直接开过去了", .publicTransport),
            ("小区里一条大狼狗见人就叫，吓得孩子都绕着走", .animal),
            ("收废品的天天在空地上烧电缆，熏得不行", .environment),
            ("楼上老头把捡来的纸壳堆在楼梯上，过都过不去", .propertyNeighbor),
        ]
        for (text, category) in cases {
            let d = Fixture.engine.decide(CallInput(text: text))
            #expect(!d.police, "\(text) → \(d.category)")
            #expect(d.category == category, "\(text) → \(d.category)")
        }
    }

    @Test func aDangerBesideTheNewHarmlessFamiliesStaysPolice() {
        expectPolice(["我爸老年痴呆，早上出去到现在还没回来，想问问附近养老院能不能帮忙找", "我妈上个月摔了一跤，刚才又摔倒了爬不起来",
                      "公交车撞了人没停直接开走了", "我推我妈的轮椅过马路，一辆电动车把她撞倒了", "有个自称防诈骗中心的人让我把钱转到安全账户",
                      "我一个人住，没人说话，活着也没什么意思，药都攒好了", "帮我买点菜送上来，我刚才摔了一跤起不来",
                      "我爸前几年中风过，刚才突然说话不清楚了嘴也歪了", "我去年被骗了两万块，当时没报警，现在还能报吗"])
    }
}
