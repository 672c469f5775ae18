import Foundation
import Testing
@testable import FenliuDomain

/// `redteam29.jsonl`: a twenty-ninth red-team round on weather, disasters and public utilities in Yiwu — typhoons,
/// rainstorms, floods, heat waves, fallen trees, power lines, gas, water mains, manholes and roads caving in — in the
/// voices of drivers, delivery riders, shopkeepers, elderly residents, sanitation workers and site staff. 21 police
/// matters and 29 ordinary ones. Written blind, it diverted one police call (police recall 0.952, diversion recall
/// 0.893, exact target accuracy 0.920, category 0.780, township 0.889): a road that caved in under a moving car with the
/// driver still inside went to the township as a broken road. A typhoon school-closure question and a gas supply
/// stopped for maintenance (燃气停了) stayed police with no rule, and a fallen branch "挡了半边路" on the pavement stayed a
/// traffic blockage (left as it is: the existing blockage rule is conservative on purpose). Three police calls were
/// police only by default: a shop sign that fell on a passer-by's head, a child shut in a car in the sun, a wall that
/// collapsed onto a work shed with workers inside. Fixed with families: people still inside something that collapsed,
/// sank, flooded or burnt (还在车里, 里面还有人, 还有两个没爬出来); a vehicle sunk into a collapse (车陷进去); a falling
/// object striking a person (砸在…头上, 路人被…砸到); a person pinned under a fallen tree or wall (压在…身上);
/// electrocution (被电打, 被电到); a child shut in a parked car (车里锁着/闷着…); and on the other side weather-closure
/// and cooling-point questions, the gas supply suspended, a loose manhole cover, a tree leaning after the wind, and
/// "被风刮倒" (blown over, not a vehicle scraping someone). Its own score (0.980 after the fixes) flatters the rules;
/// the sentences below are fresh.
@Suite struct RedTeam29Tests {
    @Test func redTeam29CorpusNeverDivertsAPoliceMatter() throws {
        // 0.96, not 0.98, since the tenth session: R29028 (a bus shelter wrecked by the typhoon, labelled a 12345
        // public-transport matter) ties its transport rule with the shelter rule that R15051 (the same shelter's roof,
        // labelled a township utilities matter) taught. A tie across routes now stays police (Audit10Tests).
        try expectCorpus("redteam29", atLeast: 50, targetAccuracy: 0.96, townshipAccuracy: 0.94)
    }

    @Test func someoneStillInsideACollapseOrASunkVehicleIsADanger() {
        expectPolice(["桥头那段路突然塌了，一辆面包车陷进去一半，开车的还在车里", "工棚被泥石流冲垮了，里面好像还有三个人",
                      "仓库屋顶塌下来了，还有两个搬运工没爬出来"], .danger)
        expectPolice(["大树被风刮倒了，压在一辆车上，车里还有人"])
    }

    @Test func somethingFallingOnAPersonOrPinningThemIsADanger() {
        expectPolice(["台风天阳台上的花盆掉下来，砸在楼下一个小朋友头上", "广告牌被大风吹下来，砸到两个等公交的人",
                      "狂风把围墙吹塌了，压在一个放学的小孩身上"], .danger)
        expectPolice(["屋檐上的瓦片掉下来，我被砸破了头"])
    }

    @Test func electrocutionAndAChildShutInACarAreDangers() {
        expectPolice(["积水里的电线漏电，一个路人被电到了，倒在水里", "商场门口有辆车里闷着一个婴儿，大太阳晒着"], .danger)
    }

    @Test func weatherClosuresGasSupplyManholesAndLeaningTreesAreDiverted() {
        expectDiverted(["台风来了明天幼儿园停不停课", "高温天环卫工人有没有避暑的地方", "我们村燃气停了三天了，还没来气",
                        "弄堂口那个井盖翘起来了，车压上去哐哐响", "学校门口的梧桐被台风吹歪了",
                        "路边一棵小树被大风刮倒了，横在绿化带里，没伤着人"])
        let gas = Fixture.engine.decide(CallInput(text: "我们村燃气停了三天了，还没来气"))
        #expect(gas.category == .utilities, "\(gas.category)")
        let manhole = Fixture.engine.decide(CallInput(text: "弄堂口那个井盖翘起来了，车压上去哐哐响"))
        #expect(manhole.category == .utilities, "\(manhole.category)")
        let tree = Fixture.engine.decide(CallInput(text: "学校门口的梧桐被台风吹歪了"))
        #expect(tree.category == .cityManagement, "\(tree.category)")
        let school = Fixture.engine.decide(CallInput(text: "台风来了明天幼儿园停不停课"))
        #expect(school.category == .consultation, "\(school.category)")
    }

    @Test func aDangerInsideOrBesideTheNewHarmlessFamiliesStaysPolice() {
        expectPolice(["井盖冒烟了响了一声", "那棵树着火歪了", "井盖翘起来绊倒了一个老人，头在流血",
                      "燃气停了以后又来气了，现在厨房嘶嘶响", "燃气停了，但是厨房里一股煤气味，头晕",
                      "台风天学校停课，孩子在河边玩掉进水里了", "那棵树被风吹歪了，砸在一个老奶奶身上",
                      "大树被风刮倒了横在路上，后面一辆车撞上来了，有人受伤"])
    }
}
