import Foundation
import Testing
@testable import FenliuDomain

/// `redteam25.jsonl`: a twenty-fifth red-team round on construction sites and renovation in Yiwu — workers, foremen,
/// contractors, residents beside a site, owners renovating a flat, property managers. 21 police matters (a worker
/// fallen from scaffolding, a scaffold or a wall collapsed on people, a digger through a gas main, crews fighting with
/// shovels, a foreman's hammer threat over wages, a crane jump threat, copper cable stolen overnight, a door smashed
/// by a renovation worker) and 29 ordinary ones (wage arrears, night piling, dust, a site on the pavement, 违建,
/// weekend drilling, leaks after a renovation, a renovation company that took the deposit, permits, 渣土车 mud).
/// Written blind, it diverted no police call (police recall 1.000, diversion recall 0.966, exact target accuracy
/// 0.960, category 0.880, township 0.952, escalation recall 0.667). A renovation overcharge (报价五万…要八万) stayed
/// police by default, a neighbour's renovation that cracked a wall went to consumer on 不认账, and a battery taken by a
/// renovation worker (把…电瓶给拆走了) was police only by default. Fixed as families: theft told with 把…拆走/剪走 or
/// as site materials gone overnight; renovation price and contract disputes; damage from a neighbour's works; a wage
/// dispute turned violent and an angry wage claim worded 结账/一分钱没拿到 as escalation. Its own score (1.000 target
/// accuracy) flatters the rules; the sentences below are fresh.
@Suite struct RedTeam25Tests {
    @Test func redTeam25CorpusNeverDivertsAPoliceMatter() throws {
        try expectCorpus("redteam25", atLeast: 50, targetAccuracy: 1.0, townshipAccuracy: 1.0)
    }

    @Test func somethingTakenToldWithBaOrSiteMaterialsGoneIsACrime() {
        expectPolice(["有人把我们工地上的电线给剪走了好几捆", "装修队走了以后发现他们把我家新装的水龙头都拆走了",
                      "昨晚上工地的发电机不见了"], .crime)
    }

    @Test func anOfficialRemovalIsNotReadAsTheft() {
        // A rule check: no theft rule may fire on a removal by officials.
        let d = Fixture.rulesEngine.decide(CallInput(text: "城管把我们工地门口的广告牌拆走了"))
        #expect(d.category != .crime, "\(d.category)")
        #expect(!d.reasons.contains { $0.rule.hasPrefix("crime.") }, "\(d.reasons)")
    }

    /// A rule check. Since the police model was retrained with rounds 39–41, its veto keeps the first sentence with
    /// the police (0.90: "要我再加一万五" now reads like a demand for money); that errs on the safe side and is the
    /// model's call, not the rule's.
    @Test func aRenovationPriceOrContractDisputeIsConsumer() {
        for text in ["装修的时候说好全包八万，现在又要我再加一万五", "装修公司报价单上没有的东西也算钱，多收了我好几千"] {
            let d = Fixture.rulesEngine.decide(CallInput(text: text))
            #expect(!d.police, "\(text)")
            #expect(d.category == .consumer, "\(text): \(d.category)")
            #expect(d.target == .hotline12345, "\(text): \(d.target)")
        }
    }

    @Test func damageFromANeighboursWorksIsAPropertyMatterOnSite() {
        expectDiverted(["隔壁工地打桩，震得我家墙上裂开好几道缝", "楼上装修把我家卫生间天花板震裂了"])
        let d = Fixture.engine.decide(CallInput(text: "楼上装修把我家吊顶震裂了，找他们也不管", address: "江东街道"))
        #expect(d.category == .propertyNeighbor, "\(d.category)")
        #expect(d.target == .township, "\(d.target)")
    }

    @Test func aDangerBesideTheNewHarmlessFamiliesStaysPolice() {
        expectPolice(["装修公司老板说不付清装修款就放火烧我家", "装修款的事谈不拢，他们叫了几个人把我打了",
                      "楼上装修把我家天花板震裂了，一大块掉下来砸到我妈，现在头上在流血",
                      "对门装修把墙震裂了，我去说他拿着锤子要砸我", "隔壁装修把我家的墙打穿了，砖头掉下来砸到孩子",
                      "工地上的电缆被人割走了一截，还有人躺在地上没动"])
    }

    @Test func aWageDisputeTurnedViolentIsEscalation() {
        let d = Fixture.engine.decide(CallInput(text: "讨工钱的时候被包工头的人打了一顿"))
        #expect(d.police)
        #expect(d.category == .violence, "\(d.category)")
        #expect(d.risk.escalation)
    }

    @Test func anAngryWageClaimWordedWithoutGongziIsMarkedButDiverted() {
        let d = Fixture.engine.decide(CallInput(text: "包工头一直拖着不结账，一分钱都没给，真是气死人"))
        #expect(!d.police)
        #expect(d.category == .labor, "\(d.category)")
        #expect(d.risk.escalation)
    }
}
