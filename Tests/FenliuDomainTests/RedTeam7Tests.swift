import Foundation
import Testing
@testable import FenliuDomain

/// `redteam7.jsonl`: a seventh red-team round aimed at diversion recall — ordinary complaints described rather than named
/// ("水龙头拧开出来的是黄汤", "杆子上的灯不亮", "老板说下个月一起结", "门被风吹上了"), 40 across every non-police category
/// and 10 police calls in the same everyday wording. Written blind, it kept 12 of its 40 complaints with the police
/// (diversion recall 0.700, exact target accuracy 0.740) and diverted one break-in ("门锁被人弄坏了" read as a consumer
/// "弄坏", police recall 0.900). Its misses were then fixed with description families, so its own score flatters the rules.
@Suite struct RedTeam7Tests {
    @Test func redTeam7CorpusNeverDivertsAPoliceMatter() throws {
        try expectCorpus("redteam7", atLeast: 50, targetAccuracy: 0.96, townshipAccuracy: 0.95)
    }

    @Test func aBreakInToldByWhatWasFoundStaysPolice() {
        expectPolice(["我家门锁被人弄坏了，屋里抽屉全翻开了，少了好几样东西", "店里卷帘门被人撬了，柜子都翻乱了"], .crime)
    }

    @Test func ordinaryMattersDescribedAreDiverted() {
        expectDiverted(["水龙头拧开出来的是黄汤，烧开了也不敢喝", "路边那几根杆子上的灯好几天都不亮了",
                        "马路上的路灯一整排都不亮了", "街边那家店门口的喇叭一天到晚循环喊，脑袋都要炸了",
                        "有人往村子后面的水沟里倒了好多废料，水都变颜色了",
                        "楼上卫生间的水一直渗到我家天花板，墙皮都掉下来了，找他们也不理",
                        "老板说下个月一起结，已经拖了三个月了", "在厂里做了两年一直没签过合同，现在说不要我了，一分补偿也不给",
                        "院子里柴堆下面盘着一条长虫，家里有老人都不敢出门", "屋檐底下吊着一个大窝，嗡嗡的飞进飞出，小孩不敢出去玩",
                        "小区里有几条没人养的狗，晚上成群地叫，还到处翻垃圾",
                        "出门倒个垃圾，风一吹门关上了，钥匙还在屋里，能不能帮忙找个开门的"])
    }

    @Test func aDangerBesideADescriptionStaysPolice() {
        // Each holds a red-team-7 description beside a danger, or a near-miss written against the new families.
        expectPolice(["有人一直喊着要跳", "往村后面的河里扔了个孩子", "杆子上的灯不亮，有个人倒在下面不动",
                      "孩子把门关上了，钥匙在屋里，孩子在里面哭", "门被风吹上了，锅还在火上烧着",
                      "路中间那块铁盖子不见了，有个人掉下去了", "楼上卫生间漏水，天花板掉下来了砸到我妈头上",
                      "墙皮都掉下来了，砸到孩子头上流血了", "院子里有条蛇，那个男的拿着刀在门口，我不敢出门",
                      "老板说下个月一起结，他拿刀顶着我", "水龙头出来的是黄汤，孩子喝了一直吐",
                      "水龙头里出来的水有股味，家里人喝了都头晕", "小区里一群狗追着小孩咬",
                      "老板不要我了，我现在站在楼顶上不想活了", "他说让我走人，不然就捅死我，我在厂里上班"])
    }

    @Test func aRelativeMissingAfterACommaStaysPolice() {
        // Found by the red-team-7 spot check: "人找不到了" after a comma read as a lost item.
        expectPolice(["我老公去厂里要钱，人找不到了", "我儿子昨天去网吧，今天人联系不上了", "我妈早上出门买菜，到现在人不见了"])
        // No relative, or a thing that is missing: unchanged.
        expectDiverted(["老板跑了，人找不到了，工资还没给", "我老公的钱包找不到了"])
    }
}
