import Foundation
import Testing
@testable import FenliuDomain

/// `redteam2.jsonl`: a second red-team round in voices the earlier corpora lack — terse call-taker
/// summaries (据报/求助/涉事/事主), third parties (a clerk, a teacher, a bus or taxi driver, a courier),
/// elderly callers, children, drunk or panicked callers, items relayed from 12345 or a township command
/// room, Chinese mixed with Latin letters and numbers (KTV, 4S店, E栋3楼, ATM, G60), and near-miss calls
/// about police procedure (ID card, hukou, licence points, an officer's attitude, training-ground noise).
@Suite struct RedTeam2Tests {
    @Test func redTeam2CorpusNeverDivertsAPoliceMatter() throws {
        // One accepted miss: a past fight told only to ask about a record stays police (safety first).
        try expectCorpus("redteam2", atLeast: 100, targetAccuracy: 0.98, townshipAccuracy: 0.97)
    }

    @Test func objectsUsedOnAPersonAreViolenceEvenAtAMerchant() {
        expectPolice(["顾客在饭店结账时被老板用烟灰缸砸中脑袋", "她男朋友用皮带抽她，我们在隔壁都听见了",
                      "来电人称其在理发店被店员用吹风机砸伤手臂", "隔壁吵到半夜，还听到女的在喊别打了"])
    }

    @Test func drawnWeaponsOnPublicTransportStayPolice() {
        expectPolice(["公交车上有个人掏出一把弹簧刀在比划", "出租车后座的乘客拿出一根铁管敲司机的椅背",
                      "网约车乘客喝多了在后面抢方向盘"])
    }

    @Test func fallsAndMedicalEmergenciesAtShopsStayPolice() {
        expectPolice(["超市里一个老太太摔倒了爬不起来", "我爸突然嘴歪了，话都讲不清", "一名孕妇在奶茶店门口说要生了"],
                     .danger)
    }

    @Test func childrenAndPeopleAtHeightOrWaterStayPolice() {
        expectPolice(["有个小孩站在5楼窗户外面的雨棚上", "我才七岁，爸爸妈妈都不在，外面有人敲门",
                      "有个陌生阿姨说给我糖叫我跟她走", "河边那个人一直往河中间走，叫他也不回头"])
    }

    @Test func welfareByDaysUnseenStaysPolice() {
        expectPolice(["对门的独居大爷三天没开门了，门口快递堆在门口", "楼上那个老太好几天没下来倒垃圾了"], .danger)
    }

    @Test func synonymsForGamblingFraudAndTheftStayPolice() {
        expectPolice(["12345转来：某棋牌室每晚聚赌，吵到凌晨", "有人冒用我的名字在网上借了钱",
                      "便利店有个人拿了烟没付钱就跑了", "手机收到短信说积分要过期，点开链接后卡里被扣款"])
    }

    @Test func policeProcedureQuestionsAndComplaintsAreDiverted() {
        expectDiverted(["请问身份证过期了去哪个派出所换", "想问一下孩子户口迁过来需要什么条件",
                        "驾照扣满了分要去哪里学习", "投诉一下派出所窗口民警态度差",
                        "交通事故责任认定书一般多久能拿到"])
    }

    @Test func trainingGroundAndLateSoundsAreNoise() {
        let d = Fixture.engine.decide(CallInput(text: "佛堂镇那边的射击训练场每天砰砰响，吵得老人睡不好"))
        #expect(d.category == .noise, "\(d.category)")
        #expect(d.target == .township, "\(d.target)")
        #expect(d.township == "佛堂镇", "\(String(describing: d.township))")
        let gym = Fixture.engine.decide(CallInput(text: "小区对面的健身房音响开到晚上十一点"))
        #expect(gym.category == .noise, "\(gym.category)")
    }
}
