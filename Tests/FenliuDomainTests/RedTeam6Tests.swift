import Foundation
import Testing
@testable import FenliuDomain

/// `redteam6.jsonl`: a sixth red-team round aimed at one fragility — a danger told inside a complaint that also carries
/// a grievance word (工资, 漏水, 物业, 退款, 停车 …). 30 police calls (a hand drawn into a machine, scissors pointed at a
/// caller, a petrol smell in a stairwell, a father collapsed who does not answer, a threat naming where the caller lives …)
/// and 20 ordinary complaints that name knives, toy guns, fuel, machines, body parts or children harmlessly.
/// Written blind, it diverted 5 of its 30 police calls (police recall 0.833) and kept 4 of its 20 complaints with the
/// police (exact target accuracy 0.820): the grievance word fired and nothing said "danger" in the words the caller used.
/// Its misses were then fixed with structural signals, so its own score flatters the rules.
@Suite struct RedTeam6Tests {
    @Test func redTeam6CorpusNeverDivertsAPoliceMatter() throws {
        try expectCorpus("redteam6", atLeast: 50, targetAccuracy: 0.97, townshipAccuracy: 0.95)
    }

    @Test func dangerInsideAGrievanceStaysPolice() {
        expectPolice(["工厂老板拖欠工资不说，今天我工友的手卷到机器里面去了，血一直流",
                      "工资没结清，我同事在车间里手被压到冲床下面了", "工地讨薪，一个工友头发绞到搅拌机里了",
                      "物业到现在不修电梯，我爸爬楼梯爬到一半倒下去了，叫他不应"], .danger)
        expectPolice(["我去找包工头要工资，他拿把剪刀对牢我，说再来就捅", "拖欠工资的事没解决，老板拿把刀顶着我不让走",
                      "物业费的事吵了几句，保安拿根钢管对着我脑袋"], .violence)
        expectPolice(["楼上漏水的事还没解决，现在楼道里一股像是汽油的味道，越来越冲",
                      "漏水的事去找楼上，他家里一股天然气的味道，敲门也没人应"], .hazard)
        expectPolice(["业主群里吵物业费，有个人私信我说知道我住几栋几楼，晚上让我出不了门",
                      "在厂里讨工资，老板说我们再来就让我们出不了这个门", "噪音的事吵了几句，对方说知道我家住哪，让我等着"],
                     .disputeRisk)
        expectPolice(["退款退不了，我到店里去，老板一把推过来，我老婆摔倒了头上出了好多血",
                      "物业停车费的事，保安把我爸推倒了，现在叫他不应",
                      "加油站排队的时候，前面那个人拿打火机在油枪旁边点烟，油都漏到地上了", "有人拿枪对着收银员"])
        // Two misses found after the fix, in sentences written after it: a car driven at a person, a person under a car.
        expectPolice(["老板欠我工资，我在厂门口等他，他开车直接朝我撞过来"], .violence)
        expectPolice(["停车位被占了，我下去看，车底下好像睡着个人"], .danger)
    }

    @Test func harmlessToolsFuelAndBodyPartsAreDiverted() {
        // Each holds a word a red-team-6 signal is built from, in a harmless sense.
        expectDiverted(["菜刀用了两天刀刃就崩了，找商家退货商家不理", "我家菜刀卷刃了，商家不给换",
                        "网上买的儿童玩具枪质量太差，一打就散架，要求退款", "孩子拿把玩具剪刀在玩，剪刀质量太差断了要退货",
                        "电钻质量太差，钻头断了要退货", "加油站排队太久，油枪坏了好几个", "药店卖的创可贴粘不住，买了好几盒都这样",
                        "公交车上的扶手断了一根，司机说不归他管", "我在厂里手压到过，老板不给报工伤",
                        "打了三年工流了很多血汗钱，老板拖欠工资", "物业说叫他不应该乱停车，可是没人管",
                        "他家的树倒下去了压着我家围墙，物业不管", "楼下汽修店喷漆味道呛得很",
                        "停车位被占了，车底下有只猫，物业不管", "公交车朝我开过来也不停站，司机态度很差"])
    }
}
