import Foundation
import Testing
@testable import FenliuDomain

/// `redteam11.jsonl`: an eleventh red-team round aimed at the main remaining risk — a real danger told in plain
/// everyday words inside what sounds like an ordinary complaint (noise, a neighbour, wages, a shop, a landlord, a power
/// cut, an animal, a road), in elderly, dialect, hurried, calm and relayed voices, beside 20 harmless look-alikes that
/// use the same words. Written blind, it diverted eight police calls (smoke told as "灰蒙蒙的东西往外飘", a child taken
/// into a stranger's van, a veiled threat "走夜路小心一点", a worker up a crane after a farewell post, an oxygen machine
/// stopped in a power cut, smoke from an empty flat in dialect, a grandson's hat on a pond, a fallen live wire: police
/// recall 0.800), kept one ordinary call with the police (diversion recall 0.950) and scored 0.833 exact target
/// accuracy. Ten more police calls were police only because no rule knew them. Its misses were then fixed with
/// description families, so its own score flatters the rules; the sentences below are fresh.
@Suite struct RedTeam11Tests {
    @Test func redTeam11CorpusNeverDivertsAPoliceMatter() throws {
        try expectCorpus("redteam11", atLeast: 60, targetAccuracy: 0.98, townshipAccuracy: 0.94)
    }

    @Test func smokeGasOrALiveWireDescribedInPlainWordsIsAHazard() {
        expectPolice(["楼下那户窗户里往外冒灰色的东西，一股一股的", "对门门缝里灰蒙蒙的往外飘，楼道里呛得人睁不开眼",
                      "邻居家里没人，门缝里一股烧橡胶的味道", "厨房里一股做饭的罐子那种味道，我妈说头有点晕",
                      "小区门口那根电缆断了掉在积水里", "电线杆上的线掉下来耷拉在路上，还在冒火花"], .hazard)
    }

    @Test func aPersonAtRiskToldInPlainWordsStaysPolice() {
        expectPolice(["我儿子放学的时候被一个没见过的男的拉上了一辆黑色小车", "有个女的爬到了小区门口那个广告牌上面，一直在哭",
                      "天台边上有个人坐着晃着腿", "我哥发微信说对不起老婆孩子，然后电话就关机了",
                      "停电了，我爸用的制氧机停了，他脸都憋红了", "河边只看到一双拖鞋，人不见了", "钓鱼的人还在底下，水库在放水",
                      "车库门压住了我爸的腿，抬不起来", "卷帘门落下来压在老太太身上", "他们宿舍昨晚点了个炭盆，早上叫不醒",
                      "老人摔了一下，现在迷迷糊糊的", "孩子吐了两次，现在叫她也不睁眼"], .danger)
    }

    @Test func aVeiledThreatOrSomeoneLyingInWaitIsADisputeRisk() {
        expectPolice(["那个包工头跟我说，以后下班路上小心点", "他发消息说你给我小心点",
                      "我前男友在我公司楼下守着，手上攥着个什么东西", "吵完架他把死猫扔在我家门口",
                      "有人在我车上喷了去死两个字"], .disputeRisk)
    }

    @Test func aScamToldAsACodeOrAPayoutIsFraud() {
        expectPolice(["对方说是快递理赔，让我把短信里的验证码报给他", "理财群里的老师说交一万就能返三万"], .fraud)
    }

    @Test func theSameEverydayWordsWithoutADangerAreDiverted() {
        expectDiverted(["楼下饭店的油烟从窗户往外飘，呛得我们咳嗽", "隔壁厂的烟囱往外冒灰色的烟", "邻居家里没人，他家空调外机一直滴水",
                        "垃圾站的味道熏得人头晕", "楼下烧烤店的油烟味熏得我头晕", "隔壁养猪场的味道闻得人头晕",
                        "路灯的电线被风刮断了，路灯不亮了", "网上买的电热毯，插上没两天线就断了，商家不给换",
                        "孩子坐上了校车，校车司机开得太快，想投诉一下", "物业的人说再不交物业费让我小心点，要停我家门禁卡",
                        "有人在楼顶上搭了个棚子", "物业在群里发了条说对不起大家明天停水", "停电了，我家冰箱和空调都停了",
                        "池塘里的水发臭，上面漂着垃圾", "快递员手里拿着包裹在楼下等着，说不送上楼，快递公司也不管",
                        "老板说工资转到我个人卡上，可是一直没到账", "快递箱子压着我手机了，屏幕碎了，快递公司不赔",
                        "楼上的花盆压坏了我家雨棚，邻居不肯赔", "楼下饭店生了个炉子烤串，油烟都飘到我家来了",
                        "这几天睡不好，白天迷迷糊糊的，楼上装修太吵", "路边有只死猫好几天了没人清理",
                        "楼上漏水泡了我家天花板，敲门也不开，物业联系不上", "健身房办了年卡，才去了两次老板跑了",
                        "隔壁装修天天敲墙，吵得孩子没法午睡"])
    }

    @Test func aPrepaidFeeLostToAnOwnerWhoRanOffIsAConsumerMatter() {
        let d = Fixture.engine.decide(CallInput(text: "孩子在培训班交了一年的学费，现在老板跑了找不到人"))
        #expect(d.category == .consumer, "\(d.category)")
        #expect(d.target == .hotline12345, "\(d.target)")
    }

    @Test func aDangerBesideTheNewHarmlessFamiliesStaysPolice() {
        expectPolice(["隔壁装修敲墙，把煤气管敲破了，一股味道", "健身房老板跑了，我们去找，他叫了几个人拿着棍子",
                      "楼下饭店生了个炉子，火窜到我家雨棚上烧起来了"])
    }
}
