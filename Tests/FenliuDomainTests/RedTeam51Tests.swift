import Foundation
import Testing
@testable import FenliuDomain

/// `redteam51.jsonl`: a fifty-first red-team round on health, illness and mental health — people at risk (a man
/// collapsed outside a supermarket, a seizure in a clothes shop, a diabetic passed out after insulin, a roommate who
/// took a whole strip of sleeping pills, a stranger unresponsive in the rain, psychosis with a cleaver, a sister on a
/// balcony railing, an old woman fallen alone behind a locked door, a psychiatric patient gone from the ward, a doctor
/// knocked down with an IV stand, a guest trapped in a sauna, a worker locked in a cold store, carbon monoxide from a gas
/// water heater, a syringe held at a cashier) beside ordinary health matters (a clinic's bill, a pharmacy's refund,
/// 医保 and vaccination questions, an ambulance station's sirens at night, a hospital car park's fees, a lost medical
/// card, stray dogs at a clinic, a clinic's medical waste, a health centre's opening hours). 24 police matters, 25
/// ordinary ones and a misdial. Written blind, the shipped config diverted no police call (police recall 1.000,
/// diversion recall 0.760, exact target accuracy 0.860, category accuracy 0.740, township accuracy 0.800), but the
/// rules alone diverted one (police recall 0.958, exact target accuracy 0.840): a nurse's "有个住院的病人趁送饭的时候从
/// 后门跑出去了" went to the hotline on `help.errand`'s 送饭, and only the police model's veto kept it. Three police calls
/// stayed police only because no rule matched: a sister "坐在十八楼阳台的栏杆上 … 说活着太累了", a worker locked in a
/// cold store, and a man who fainted in the shower by a gas heater (the gas regex looked for 晕 only in the heater's
/// own clause). A syringe pointed at a cashier was read as drugs (针头). Four ordinary calls stayed police for want of a
/// rule (a clinic's bill, a 医保 reimbursement question, a health centre's hours, a clinic's used needles by the bins).
/// Fixed by families (ids `*_r51`), so its own score flatters the rules; the sentences below are fresh. Left on
/// purpose: a past fall ("去年 … 躺了半天"), a misdial note that names 打120 and stalls that "把路都堵了" stay police on
/// safety rules that are not weakened.
@Suite struct RedTeam51Tests {
    @Test func redTeam51CorpusNeverDivertsAPoliceMatter() throws {
        try expectCorpus("redteam51", atLeast: 50, targetAccuracy: 0.94, townshipAccuracy: 0.9)
    }

    @Test func aPatientGoneFromTheWardIsDanger() {
        expectPoliceByRules(["三病区有个老年痴呆的患者下午趁护工不注意溜出去了，到现在还没找到",
                             "一个穿着病号服的老头在高架桥下面走来走去，手上还插着留置针",
                             "医院打电话说十二床的病人不见了，就是我爸"], .danger)
    }

    @Test func aPatientGoneFromTheWardIsNoErrand() {
        // The call that the rules alone diverted on 送饭, in fresh words.
        let d = Fixture.rulesEngine.decide(CallInput(text: "护工去楼下帮他买饭的工夫，住院的病人自己从楼梯溜出去了"))
        #expect(d.police, "\(d.category)")
        #expect(d.category == .danger, "\(d.category)")
    }

    @Test func aPersonOnARailingOrTiredOfLivingIsDanger() {
        expectPoliceByRules(["对面楼有个女的站到窗台上了，腿都伸在外面", "有个学生坐在教学楼五楼的栏杆上哭",
                             "我朋友喝了酒一直给我发语音说活得好累，不想再撑了"], .danger)
    }

    @Test func aPersonShutInAColdStoreOrASaunaIsDanger() {
        expectPoliceByRules(["桑拿房的门卡死了，我朋友还在里面，敲门都没力气了", "冻库的门被人从外面锁了，我老公在里面搬冻肉",
                             "我们超市的冷藏库门坏了，理货的阿姨被关在里面出不来"], .danger)
    }

    @Test func faintingOrDizzyByAGasHeaterIsAHazard() {
        expectPoliceByRules(["我女儿洗完澡出来就说头晕想吐，热水器装在卫生间里面的",
                             "我洗澡的时候头晕，出来一看燃气热水器的排气管掉了"], .hazard)
        expectPoliceByRules(["我同事刚才晕在工位上了，脸白得吓人", "外婆昏在厨房里了"], .danger)
    }

    @Test func aNeedleOrAShardHeldAtAPersonIsViolence() {
        expectPoliceByRules(["有个吸毒的拿着针筒对着路人，说谁过来就扎谁", "那个男的把啤酒瓶敲碎了，拿半截酒瓶指着老板"],
                            .violence)
        let d = Fixture.rulesEngine.decide(CallInput(text: "有个吸毒的拿着针筒对着路人，说谁过来就扎谁"))
        #expect(d.risk.escalation)
    }

    @Test func ordinaryHealthMattersAreDiverted() {
        expectDiverted(["带孩子去诊所看个咳嗽，开了两盒药收了我四百多，觉得太离谱", "牙科诊所说补个牙三百，结账的时候多收了我两百",
                        "我妈是新农合的，在市里医院看门诊能报销吗", "孩子的接种证丢了，补种要去哪个地方办",
                        "想问下外地交的医保怎么转到义乌来", "卫生院中午几点下班，下午几点上班",
                        "隔壁宠物医院把用过的针管扔在小区垃圾桶边上，好多天了", "卫生院把用过的棉签纱布倒在村口的垃圾堆里，臭得很"])
        let bill = Fixture.rulesEngine.decide(CallInput(text: "带孩子去诊所看个咳嗽，开了两盒药收了我四百多，觉得太离谱"))
        #expect(bill.category == .consumer, "\(bill.category)")
        let hours = Fixture.rulesEngine.decide(CallInput(text: "卫生院中午几点下班，下午几点上班"))
        #expect(hours.category == .consultation, "\(hours.category)")
        let waste = Fixture.rulesEngine.decide(CallInput(text: "隔壁宠物医院把用过的针管扔在小区垃圾桶边上，好多天了",
                                                         address: "上溪镇"))
        #expect(waste.category == .environment, "\(waste.category)")
        #expect(waste.target == .township, "\(waste.target)")
    }

    @Test func theNewOrdinaryWordsBesideADangerStayPolice() {
        expectPoliceByRules(["诊所收了我八百块，我说了两句医生就拿剪刀对着我",
                             "卫生院几点开门？我爸刚才在家晕倒了叫不醒",
                             "小区垃圾桶边上有用过的针头，我家孩子捡起来玩被扎到了手",
                             // Used needles where a tenant comes and goes at night stay signs of drug use: the
                             // medical-waste rule holds only beside a clinic, so it never hides them.
                             "楼道垃圾桶边上总有用过的针头，那个租客半夜进进出出的"])
        expectPoliceByRules(["有人打电话说是医保中心的，说我医保卡要被冻结了，让我转钱到安全账户"], .fraud)
    }

    @Test func wordsThatLookLikeTheNewSignalsAreNotDanger() {
        // A cold store's door that does not shut, a sauna's prepaid card, wages at a cold store and a cat on a railing
        // hold nobody at risk.
        for text in ["冷库的门关不严，冷气老往外跑，电费好贵", "天台上晒被子的时候看到隔壁栏杆上坐着只猫",
                     "我老公在冷库上班，老板拖了三个月工资不发", "我在汗蒸房办了张卡，现在店关门了不给退钱"] {
            let d = Fixture.rulesEngine.decide(CallInput(text: text))
            #expect(!d.reasons.contains { $0.rule.hasSuffix("_r51") && $0.rule.hasPrefix("safety.") },
                    "\(text): \(d.reasons.map(\.rule))")
        }
        expectDiverted(["我老公在冷库上班，老板拖了三个月工资不发", "我在汗蒸房办了张卡，现在店关门了不给退钱"])
    }
}
