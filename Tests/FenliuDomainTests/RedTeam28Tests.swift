import Foundation
import Testing
@testable import FenliuDomain

/// `redteam28.jsonl`: a twenty-eighth red-team round on residential compounds (小区), rented rooms and property
/// management in Yiwu, in the voices of residents, landlords, tenants, 物业 staff and security guards. 20 police
/// matters (an e-bike on fire in the corridor, a flower pot thrown from a high floor, a landlord who changed the lock
/// with a three-year-old inside, a tenant waving a kitchen knife over the deposit, a man filming into a women's bathroom
/// window, someone trying door handles at night, a guard punched by an owner, a woman silent in a stuck lift …) and 30
/// ordinary ones. Written blind, it diverted no police call (police recall 1.000) but kept four ordinary calls with the
/// police (exact target accuracy 0.920, category 0.820, township 0.905): a landlord who kept the deposit and blocked the
/// tenant (拉黑 read as a scam), a lift out of service where "老人买个菜都下不来" read as a person stuck up high, and two
/// questions no rule knew (registering tenants; whether a 物业 rule is fair). Two police calls stayed police only by
/// default (the child locked in, the voyeur) and "冒火了" was not known as fire. Fixed with families: fire and smoke in
/// residents' words (冒火, 窜出火, 楼道里全是黑烟); a child or frail person still inside a locked room or car; a door
/// handle tried at night; filming or peeping into a bathroom, a dormitory or a window; people still shut in a stopped
/// lift — all police; and, diverted, a real landlord keeping a deposit and not answering, a lift out of service with
/// nobody inside, e-bikes charged in the corridor or by a flying lead, tenant-registration questions and "这个合理吗"
/// about a property rule. Its own score (exact target 1.000 after the fixes) flatters the rules; the sentences below
/// are fresh.
@Suite struct RedTeam28Tests {
    @Test func redTeam28CorpusNeverDivertsAPoliceMatter() throws {
        try expectCorpus("redteam28", atLeast: 50, targetAccuracy: 1.0, townshipAccuracy: 1.0)
    }

    @Test func fireAndSmokeInResidentsWordsAreAHazard() {
        expectPolice(["厨房插座那里冒出火来了，我们在往外跑", "出租房里的电瓶车一下子窜火了",
                      "地下室车库里全是黑烟，看不清", "走廊里烟很大，不知道哪家在烧"], .hazard)
    }

    @Test func aChildOrFrailPersonShutInsideIsADanger() {
        expectPolice(["我把门带上了，女儿才一岁还在房间里，钥匙忘拿了", "房东把门反锁了，我老母亲还在屋里面，她腿脚不便",
                      "孙子锁在车里了，车钥匙也在里面"], .danger)
    }

    @Test func aDoorHandleTriedAtNightIsABurglaryAttempt() {
        expectPolice(["半夜两点有人在拧我家门把手，拧了好几下", "晚上门把手被人拉了好几次，我从猫眼看不到人"], .crime)
    }

    @Test func filmingOrPeepingIntoABathroomOrWindowIsPublicOrder() {
        expectPolice(["有个陌生男人蹲在女生宿舍楼下，举着手机对着窗户拍", "隔壁楼有人趴在窗台往我们浴室里偷看",
                      "有人一直偷窥我家，拿望远镜对着我家"], .publicOrder)
    }

    @Test func peopleStillShutInAStoppedLiftAreADanger() {
        expectPolice(["电梯停了，里面关着两个小孩，叫了半天"], .danger)
    }

    @Test func aDangerInsideTheHarmlessSpansStaysWithThePolice() {
        // A danger word sits inside, or right beside, the span of each harmless regex added in this round.
        expectPolice(["房东押金扣着不给，找他理论他拿菜刀出来了，现在电话也打不通", "房东为押金打人了，电话关机",
                      "二房东收了押金不退，喝醉了在门口骂要弄死我，还把我拉黑",
                      "电梯停用了，我爸下个楼都下不来，刚刚在楼梯上摔倒了头在流血",
                      "电梯停了好几天，楼上老人下楼都下不来，刚刚晕倒在楼梯上",
                      "楼道里有人飞线充电，电线已经冒烟了", "邻居在楼道里给电动车充电，电瓶鼓包了",
                      "楼道里有人拉电线给电动车充电，喝醉的邻居拿刀在楼道里晃"])
        // A landlord met online whose flat was not his own is still a scam.
        expectPolice(["网上联系的房东，交了押金看房时才发现房子不是他的，现在拉黑了"], .fraud)
    }

    @Test func aLandlordKeepingTheDepositIsAHousingDispute() {
        for text in ["退租一个月了，房东押金一直不给，微信也拉黑了", "押金三千，房东扣着不退，打他电话一直关机",
                     "房东押金不给，打电话他也不接"] {
            let decision = Fixture.rulesEngine.decide(CallInput(text: text))
            #expect(!decision.police, "\(text)")
            #expect(decision.category == .propertyNeighbor, "\(text): \(decision.category)")
        }
    }

    @Test func aLiftOutOfServiceWithNobodyInsideIsProperty() {
        for text in ["我们小区电梯停运好几天了，楼上老人出门都不方便", "电梯用不了，物业说要等厂家",
                     "电梯停了，里面没人关着，就是不方便"] {
            let decision = Fixture.engine.decide(CallInput(text: text))
            #expect(!decision.police, "\(text)")
            #expect(decision.category == .propertyNeighbor, "\(text): \(decision.category)")
        }
    }

    @Test func eBikesChargedInTheCorridorWithoutFireAreCityManagement() {
        for text in ["楼上租户天天把电瓶车推上楼充电", "有人从三楼窗户接电线下来给电动车充电"] {
            let decision = Fixture.engine.decide(CallInput(text: text))
            #expect(!decision.police, "\(text)")
            #expect(decision.category == .cityManagement, "\(text): \(decision.category)")
        }
    }

    @Test func rentalRegistrationAndFairnessQuestionsAreDiverted() {
        for text in ["我是房东，租客信息要不要去派出所报备", "出租屋登记在哪里办"] {
            let decision = Fixture.engine.decide(CallInput(text: text))
            #expect(decision.category == .consultation, "\(text): \(decision.category)")
            #expect(decision.target == .hotline12345, "\(text): \(decision.target)")
        }
        expectDiverted(["物业停车费一个月五百，这合理吗", "门把手坏了，想问下物业谁来修",
                        "对着卫生间漏水的地方拍了照片，物业还是不来修"])
    }
}
