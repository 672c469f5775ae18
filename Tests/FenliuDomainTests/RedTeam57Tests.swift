import Foundation
import Testing
@testable import FenliuDomain

/// `redteam57.jsonl`: a fifty-seventh red-team round on harassment, stalking and privacy — a man filming up a skirt on a
/// bus, groping in a crowd, obscene messages from a colleague, an ex threatening to post a bathing video, a landlord found
/// by the tenant's bed at night, a peeper at a bathroom window, indecent exposure by a school, a woman followed home,
/// hidden and zoom cameras, a phone under a toilet stall, doxxing, a GPS tracker, sextortion and a child groomed for
/// naked pictures; and ordinary privacy and nuisance matters for 12345 or a township (sales calls and texts, shops
/// leaking or misusing customers' data and photos, a neighbour's doorbell camera, a property office posting arrears or
/// forcing face-recognition entry). 24 police matters, 25 ordinary ones and a call-taker-noted harassment call. Written
/// blind, the shipped config diverted no police call (police recall 1.000, diversion recall 0.600, exact target accuracy
/// 0.800, category accuracy 0.640, township accuracy 0.769), but only thanks to the police model: with the rules alone
/// the upskirt filming on a bus went to 12345 as public transport on 到站 (police recall 0.958, target accuracy 0.780).
/// Seven more police calls stayed police only because no rule matched (the landlord by the bed, a man following step
/// for step, doxxing, a camera aimed into a bathroom, a tracker, a child asked for "不穿衣服的照片", a phone under a
/// stall). Ten ordinary calls were kept with the police, among them a data leak read as a gas leak (泄露), a caller who
/// "把自己锁在门外" read as trapped, and a landlord who "带人来看房" read as a crowd. Fixed by families (ids `*_r57`),
/// so its own score flatters the rules; the sentences below are fresh. Left police on purpose: a property office that
/// "把…聊天截图和我家欠费的事发到" another group (the extortion rule's wording) and a salon that "偷偷拍" photos.
@Suite struct RedTeam57Tests {
    @Test func redTeam57CorpusNeverDivertsAPoliceMatter() throws {
        try expectCorpus("redteam57", atLeast: 50, targetAccuracy: 0.96, townshipAccuracy: 0.92)
    }

    @Test func aPhoneAimedUpASkirtIsPublicOrderEvenOnABus() {
        expectPoliceByRules(["地铁扶梯上有个男的把手机伸到前面姑娘的裙子下面", "那人脚边放个包，包里的手机镜头对着女顾客的裙子在录",
                             "公交车快到站了，旁边大叔拿手机对着穿短裙的学生妹拍"], .publicOrder)
    }

    @Test func aLensIntoABathroomStallOrBedroomIsVoyeurism() {
        expectPoliceByRules(["我在商场试衣间换衣服，隔板上面伸下来一个手机", "宿舍对面楼有人拿望远镜对着我们卧室看",
                             "我在洗澡，窗外有人举着手机对着里面", "楼下那户的监控正对着我家浴室的窗"], .publicOrder)
    }

    @Test func someoneByTheBedAtNightIsAnIntrusion() {
        expectPoliceByRules(["凌晨三点我醒来，一个不认识的男的就站在我床头", "房东趁我睡着开门进来翻我的东西"], .publicOrder)
    }

    @Test func aWomanFollowedStepForStepOrToHerDoorIsStalking() {
        expectPoliceByRules(["这几天下班都有个男的在我后面跟着，我停他也停", "有个不认识的男的连着三个晚上跟到我宿舍楼下"], .publicOrder)
    }

    @Test func aHiddenTrackerOrAnAddressPutOnlineStaysPolice() {
        expectPoliceByRules(["我电动车座位底下被人塞了个定位器，前夫总能找到我"], .publicOrder)
        expectPoliceByRules(["有人把我的手机号和住址挂到网上，说我是小三"])
    }

    @Test func aChildAskedForNakedPicturesIsACrime() {
        expectPoliceByRules(["游戏里认识的人让我儿子拍光着身子的照片发给他"], .crime)
    }

    @Test func ordinaryPrivacyMattersAreDiverted() {
        expectDivertedInCategory(["那家培训机构天天发短信让我报班，退订了还发", "理发店拍了我剪头发的照片放到抖音上做宣传，没经过我同意"],
                                 .consumer)
        expectDiverted(["我的手机号被泄露了，天天接到装修公司的电话，想问怎么投诉"])
        expectDivertedInCategory(["小区物业强制业主录人脸，不录就不给开门禁", "房东带人来看房子也不提前说一声"], .propertyNeighbor)
        expectDivertedInCategory(["我出门倒垃圾把自己锁在外面了，想找个开锁的"], .livelihoodHelp)
        let leak = Fixture.rulesEngine.decide(CallInput(text: "我的手机号被泄露了，天天接到装修公司的电话，想问怎么投诉"))
        #expect(leak.category != .hazard, "\(leak.category)")
        let gate = Fixture.rulesEngine.decide(CallInput(text: "小区物业强制业主录人脸，不录就不给开门禁", address: "江东街道"))
        #expect(gate.target == .township, "\(gate.target)")
    }

    @Test func aThreatScamOrDangerBesideTheNewOrdinaryWordsStaysPolice() {
        expectPoliceByRules(["我的信息泄露以后有人打电话说我涉嫌洗钱要我把钱转到安全账户",
                             "我把自己锁在门外了，孩子一个人在屋里，灶上还烧着水", "房东带人来看房，跟我吵起来还推了我一把",
                             "物业说不录人脸就不让进，保安还动手打了我",
                             "美容院发我照片到朋友圈做广告，我去要求删，老板娘叫了几个人来把我推倒了",
                             "快递驿站的面单上写着我的名字电话，有个男的照着打电话骚扰我说要来找我"])
        expectPoliceByRules(["厨房燃气泄露了，味道很大"], .hazard)
    }
}
