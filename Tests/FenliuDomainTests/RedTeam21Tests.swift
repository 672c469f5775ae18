import Foundation
import Testing
@testable import FenliuDomain

/// `redteam21.jsonl`: a twenty-first red-team round set in hospitals, clinics, pharmacies and care homes — patients,
/// relatives, nurses and carers calling. 18 police matters (relatives beating or threatening a doctor over a death, a
/// coffin across the hospital gate, a patient hit with a bottle, a confused patient gone from the ward, a carer
/// slapping a resident, pills saved up to end a life, a queue-number tout who threatens, drugs sold behind a clinic,
/// a child with bruises nobody explains) and 32 ordinary ones (bills, waits, refunds, past-date medicine, care-home
/// food, pavement parking, noise beside a ward, vaccination times, a lost medical card). Written blind, it diverted no
/// police call (police recall 1.000) but kept six ordinary calls with the police (diversion recall 0.806, exact target
/// accuracy 0.880, category 0.780, township 0.933): five matched no rule (a long wait for a number, a care-home fee
/// not refunded, a bill for medicine never given, pharmacy price gouging, a broken phone and a message to pass on) and
/// a hospital incinerator's daily black smoke was read as a fire. A fake "director's assistant" who took money for an
/// operation was police only by default. The fixes are families, not sentences; the sentences below are fresh.
@Suite struct RedTeam21Tests {
    @Test func redTeam21CorpusNeverDivertsAPoliceMatter() throws {
        try expectCorpus("redteam21", atLeast: 50, targetAccuracy: 1.0, townshipAccuracy: 1.0)
    }

    @Test func aLongWaitOrAQueueJumpedAtAHospitalIsConsumer() {
        for text in ["社区医院看个专家号，早上七点排到十点还没轮到，号都被后来的人先看了",
                     "卫生服务中心的窗口叫号太慢了，一上午就叫了十几个人，能不能多开个窗口"] {
            let d = Fixture.engine.decide(CallInput(text: text))
            #expect(!d.police && d.category == .consumer, "\(text) → \(d.category)")
        }
    }

    @Test func aBillForTreatmentNeverGivenIsConsumer() {
        for text in ["出院结算单上写着三次换药，我只换过一次，多出来的两次根本没做过",
                     "月子中心的账单里有几项护理我们没用过也收了钱"] {
            let d = Fixture.engine.decide(CallInput(text: text))
            #expect(!d.police && d.category == .consumer, "\(text) → \(d.category)")
        }
    }

    @Test func priceGougingOrARefusedCareFeeIsConsumer() {
        for text in ["镇上那家药房一盒布洛芬卖八十，比别家贵了好几倍", "卫生院门口的小卖部口罩涨到五十块一包，这是哄抬物价吧",
                     "婆婆住的护理院交了一年的床位费，现在搬回家住，院里说剩下的费用不退",
                     "养老院一个月收三千五，伙食差得很，天天青菜萝卜"] {
            let d = Fixture.engine.decide(CallInput(text: text))
            #expect(!d.police && d.category == .consumer, "\(text) → \(d.category)")
        }
    }

    @Test func aBrokenPhoneAndAMessageToPassOnIsLivelihoodHelp() {
        for text in ["我手机摔坏了打不了电话，在医院门口等了好久，能不能帮我转告我女儿过来接我",
                     "我手机没电了在卫生院，麻烦帮忙转告一下我老伴，让他带钥匙来"] {
            let d = Fixture.engine.decide(CallInput(text: text))
            #expect(!d.police && d.category == .livelihoodHelp, "\(text) → \(d.category)")
        }
    }

    @Test func smokeThatComesEveryDayIsEnvironment() {
        for text in ["后面那家小厂每天傍晚冒黑烟，熏得我们晾的被子都是黑的", "医院那个垃圾焚烧炉老是冒浓烟，一股焦臭味"] {
            let d = Fixture.engine.decide(CallInput(text: text))
            #expect(!d.police && d.category == .environment, "\(text) → \(d.category)")
        }
    }

    @Test func smokeFromAHomeStaysAHazardEvenWhenItComesOften() {
        // Only a works source (factory, incinerator, boiler, kiln) smoking every day is pollution.
        expectPolice(["隔壁老是冒浓烟，今天屋里有人在喊", "对面楼那户人家每天冒黑烟，臭得很"], .hazard)
    }

    @Test func aFakeDoctorOrFixerWhoTakesMoneyIsFraud() {
        expectPolice(["有个穿白大褂的说是医生，收了我两千块说能插队做手术，后来医院说查无此人",
                      "医院里有个医托把我们带到一家小诊所，花了八千块什么病也没看好"], .fraud)
    }

    @Test func sellingDrugsIsACrime() {
        expectPolice(["诊所门口有人卖白粉，诊所也不管", "小区后门有个人天天在卖冰毒，好多小年轻去买"], .crime)
    }

    @Test func angryUnpaidWorkersAreMarkedWithoutAThreat() {
        let d = Fixture.engine.decide(CallInput(text: "我们工地十几个人半年没拿到工资，老板躲着不见，大家都气炸了"))
        #expect(!d.police && d.category == .labor, "\(d.category)")
        #expect(d.risk.escalation)
    }

    @Test func aDangerBesideTheNewHarmlessFamiliesStaysPolice() {
        expectPolice(["医院挂号等了三个小时还没叫到号，我爸在椅子上突然抽搐倒下了", "排队太久了，前面那个男的插队，我说他一句他就拿刀指着我",
                      "药店比网上贵了好几倍，我跟老板吵了几句，他说出门小心点", "清单上那几项我根本没做过，医生说再闹就弄死你",
                      "养老院的费用不肯退，院长说你再来闹就找人收拾你", "我手机没电了，有人打我，帮我转告我老公",
                      "那个焚烧炉天天冒黑烟，今天烧着了火光冲天", "医院太贵了，我不想活了，已经站在楼顶",
                      "药房的药太贵了，我把攒的安眠药全吃了", "每天晚上冒黑烟的那个厂，刚才爆炸了",
                      "清单上那个检查我根本没做过，医生叫了几个人把我围着不让走"])
    }

    @Test func aHospitalOrCareHomeSceneWithoutABillOrAWaitStaysPolice() {
        // The scene counts only beside a grievance about money, waiting or service; these stay with the police.
        expectPolice(["医院停车棚有个人鬼鬼祟祟一直在看电动车，保安也不管", "有个男的天天在医院门口跟着下夜班的护士，保安也不管",
                      "养老院把我爸的退休金卡扣着不给，我要也不给，院长不理", "养老院的护工骂我爸，还不给饭吃，院里不处理",
                      "手机坏了，我被关在一个屋子里出不去，帮我转告家里", "超市的人说我偷了东西要我赔钱，我根本没做过"])
    }

    /// From the round's report: "被隔壁床的家属欺负，医院也不管" was diverted by the neighbour setting, and a person shut in a
    /// room stayed police only because no rule matched. Both are now named by safety rules.
    @Test func aPersonBulliedOrShutInIsPolice() {
        expectPolice(["被隔壁床的家属欺负，医院也不管", "我儿子在学校被几个同学欺负，老师也不管", "我老婆在厂里天天被主管欺负"],
                     .violence)
        expectPolice(["我被关在一个屋子里出不去", "孩子被反锁在卫生间里出不来了，在里面哭"], .danger)
        expectPolice(["老板把我们关在宿舍里不让出去", "他们把我锁在房间里，手机也收了"], .crime)
        // The idiom "欺负人" (unfair) has no 被; a pet or a key shut in is not a person.
        expectDiverted(["物业收费这么贵，这不是欺负人吗", "小猫被关在阳台上出不来了", "钥匙被锁在屋里了，进不去"])
    }
}
