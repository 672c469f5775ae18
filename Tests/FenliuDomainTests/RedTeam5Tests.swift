import Foundation
import Testing
@testable import FenliuDomain

/// `redteam5.jsonl`: a fifth red-team round, balanced like the dev corpus (64 police, 91 diverted, 5 invalid), in voices
/// the earlier corpora lack — formal written complaints read aloud, dispatcher shorthand ("报：… 一人伤"), callers who
/// switch topic or list several problems, Wu-flavoured Mandarin (拨 = by, 渠 = he, 弗 = not, 铜钿 = money), calls under ten
/// characters and very long ones, numbers in Chinese, polite and angry callers, police matters told indirectly.
/// Written blind, it diverted 8 of its 64 police calls (police recall 0.875) and kept 17 of its 96 non-police calls with
/// the police (diversion recall 0.824, target accuracy 0.838). With the scene-word gate removed the same corpus lost 18
/// police calls (0.719) and gained only four diversions: the gate was not what kept ordinary complaints with police —
/// missing vocabulary was (yellow tap water, oil on a ditch, a Wu wage claim, 接通后无声).
/// `redteam5-check.jsonl`: 30 further calls written before any tuning; blind it scored police recall 0.933 (one quarrel
/// followed by silence diverted as noise) and diversion recall 0.733; its misses were then fixed, so it is no longer blind.
@Suite struct RedTeam5Tests {
    @Test func redTeam5CorpusNeverDivertsAPoliceMatter() throws {
        // Fixed against this corpus, so its own score flatters the rules.
        try expectCorpus("redteam5", atLeast: 160, targetAccuracy: 0.97, townshipAccuracy: 0.95)
        try expectCorpus("redteam5-check", atLeast: 30, targetAccuracy: 0.9, townshipAccuracy: 0.9)
    }

    @Test func policeMattersToldIndirectlyStayPolice() {
        expectPolice(["有人在捣鼓我家门锁，我在猫眼里看到的", "邻居一家出去旅游了，他家窗户里有手电筒的光在晃"], .crime)
        expectPolice(["我卡里的钱一笔一笔往外转，我根本没操作", "有人在微信上装成我表哥借钱，我转过去了",
                      "我妈接了个电话，说是她老同学，已经拿了两万块现金出去给人了"], .fraud)
        expectPolice(["老婆被他们按着踹", "我儿子背上都是印子，说是他爸拿皮带抽的", "他又来了，把我往地上摁",
                      "隔壁在吵架，砰的一声以后一点声音都没有了", "卖鱼的拿了杀鱼的刀出来追人"])
        expectPolice(["我奶奶有点糊涂了，出去买菜到现在没见着人", "隔壁一个人住的老太太，门口的牛奶放了三天了都没拿进去",
                      "我一个人在家，胸口压得慌，一二零打不进去", "我把孩子和钥匙都锁在车里了"], .danger)
        expectPolice(["隔壁仓库里噼里啪啦的，有红光", "手机充电的时候电池鼓起来了还在冒气"], .hazard)
        expectPolice(["有人说知道我儿子在哪个学校上学，让我小心点", "他叫了几个人在门口堵我", "她弟弟说今天要给我放点血"],
                     .disputeRisk)
        expectPolice(["刚才在路口跟一辆小车亲了个嘴，我腿动不了", "有辆大货车停在匝道上不动了"], .traffic)
        expectPolice(["有个男的在女厕所门口晃来晃去", "公交车上有个男的一直往我女儿身上贴"], .publicOrder)
    }

    @Test func ordinaryMattersInNewWordsAreDiverted() {
        expectDiverted(["我家水龙头出来的水是黄的", "河面上漂着一层油，是厂里排的", "后宅那边有个厂夜到偷偷摸摸烧物事",
                        "隔壁小区篮球场拍球声挺大的，能不能去说一下", "有人在我们小区门口发小卡片，烦死了",
                        "我在义亭一家厂里做了四个月生活，老板一分铜钿都弗发", "厂里扣了我两千押金，我做了三个月辞职了不退",
                        "订的货跟样品完全是两码事，老板说出了门就不管", "我的鹦鹉，从窗户飞出去了", "房卡锁在房间里了，前台没人",
                        "我坐格公交车，司机开过站弗停", "小区的垃圾箱满了好几天没人清", "楼下汽修店喷漆，味道呛得很",
                        "我想问一下办小吃店要办哪些证"])
        let d = Fixture.rulesEngine.decide(CallInput(text: "接通后无声，回拨称手机放在口袋里碰到了"))
        #expect(d.category == .invalid && d.target == .none, "\(d.category) \(d.target)")
    }

    @Test func harmlessWordsDoNotTripTheNewSignals() {
        // Each holds a word a red-team-5 signal is built from, in a harmless sense.
        expectDiverted(["我家门锁坏了，捣鼓了半天打不开，想找个开锁的", "我感冒了，老板不让请假还扣工资",
                        "邻居天天往墙上砸钉子，吵死了", "一群人围着桌子打麻将打到半夜，吵得睡不着", "老板一直拖着不打工资",
                        "我一个人伤心，想问问哪里有心理咨询", "找了几个人来围挡施工，噪音很大", "外卖到现在还没收到，商家也不回",
                        "楼下棋牌室打麻将打到半夜两点，吵死了", "照片上的衣服和收到的完全不一样，商家不给退",
                        "邻居吵架吵到半夜，现在终于没声了，我想投诉他们扰民", "这台机器投了币没反应，商家不退钱",
                        "找物业反映了好几次都没反应，电梯还是坏的", "视频会员自动续费，卡里的钱一直在扣，客服不理",
                        "我家的羊跑到邻居菜地里把菜吃了"])
        // …and the same words beside a danger still keep the call.
        expectPolice(["我是房东，租客好几天没出门，敲门也没反应", "投诉完回家发现我老爸躺在沙发上，叫他没反应",
                      "有几头牛跑到国道上了，车都在绕", "有人在我车上喷漆写字"])
    }

    @Test func wellKnownPlacesResolve() {
        let d = Fixture.engine.decide(CallInput(text: "商贸城那边的马路边上有人用铁皮围了一圈，在里面搭棚子"))
        #expect(d.target == .township && d.township == "福田街道", "\(d.target) \(d.township ?? "-")")
    }
}
