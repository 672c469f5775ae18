import Foundation
import Testing
@testable import FenliuDomain

/// In-memory history standing in for the service's database.
struct FakeHistory: CallHistory {
    var phoneCalls: [String: [Date]] = [:]
    var addressCalls: [String: [Date]] = [:]
    var open: [(township: String?, category: Category, item: OpenItemSummary)] = []

    func callCount(phone: String, since: Date) -> Int { phoneCalls[phone, default: []].filter { $0 >= since }.count }
    func callCount(addressKey: String, since: Date) -> Int { addressCalls[addressKey, default: []].filter { $0 >= since }.count }
    func openItems(township: String?, category: Category, since: Date) -> [OpenItemSummary] {
        open.filter { $0.township == township && $0.category == category && $0.item.receivedAt >= since }.map(\.item)
    }
}

@Suite struct RepeatTests {
    let engine = Fixture.engine
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func thirdCallFromSamePhoneWithin30DaysIsRepeat() {
        let call = CallInput(text: "楼下噪音太大", callerPhone: "13800000000", receivedAt: now)
        var history = FakeHistory()
        history.phoneCalls["13800000000"] = [now.addingTimeInterval(-86_400)]
        #expect(!engine.decide(call, classification: engine.classify(call), history: history).risk.repeat, "two calls")
        history.phoneCalls["13800000000"]!.append(now.addingTimeInterval(-10 * 86_400))
        let d = engine.decide(call, classification: engine.classify(call), history: history)
        #expect(d.risk.repeat)
        #expect(d.risk.flags.contains("repeat_caller"))
        history.phoneCalls["13800000000"] = [now.addingTimeInterval(-40 * 86_400), now.addingTimeInterval(-50 * 86_400)]
        #expect(!engine.decide(call, classification: engine.classify(call), history: history).risk.repeat, "outside 30 days")
    }

    @Test func sameNormalisedAddressIsRepeat() throws {
        let call = CallInput(text: "楼下噪音太大", address: "义乌市 稠城街道某小区３幢", receivedAt: now)
        var history = FakeHistory()
        let key = try #require(engine.addressKey("稠城街道某小区3幢"))
        history.addressCalls[key] = [now.addingTimeInterval(-3600), now.addingTimeInterval(-7200)]
        let d = engine.decide(call, classification: engine.classify(call), history: history)
        #expect(d.risk.flags == ["repeat_address"])
    }

    /// Three calls from one township are not three calls from one address: a history that would count every call
    /// under the township's name does not make the next one a repeat.
    @Test(arguments: ["稠城街道", "稠城", "义乌市稠城街道"])
    func aTownshipAloneIsNotARepeatAddress(address: String) {
        let earlier = [now.addingTimeInterval(-3600), now.addingTimeInterval(-7200), now.addingTimeInterval(-9000)]
        var history = FakeHistory()
        for name in ["稠城街道", "稠城", "义乌市稠城街道"] { history.addressCalls[name] = earlier }
        let call = CallInput(text: "楼下噪音太大", address: address, receivedAt: now)
        let d = engine.decide(call, classification: engine.classify(call), history: history)
        #expect(!d.risk.flags.contains("repeat_address"))
        #expect(!d.risk.repeat)
    }
}

@Suite struct DuplicateTests {
    let engine = Fixture.engine
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func similarOpenItemMakesADuplicate() {
        let call = CallInput(text: "福田街道某小区全楼停水，没有通知", receivedAt: now)
        let c = engine.classify(call)
        #expect(c.township == "福田街道")
        var history = FakeHistory()
        history.open = [("福田街道", .utilities, OpenItemSummary(callID: "C-1", text: "福田街道某小区全楼停水了", receivedAt: now.addingTimeInterval(-1800)))]
        let d = engine.decide(call, classification: c, history: history)
        #expect(d.duplicateOf == "C-1")
        #expect(d.target == .none)
        #expect(d.reasons.contains { $0.rule == "duplicate" })
    }

    @Test func dissimilarOrOldItemIsNotADuplicate() {
        let call = CallInput(text: "福田街道某小区全楼停水，没有通知", receivedAt: now)
        let c = engine.classify(call)
        var history = FakeHistory()
        history.open = [("福田街道", .utilities, OpenItemSummary(callID: "C-2", text: "商贸城门口路灯坏了", receivedAt: now)),
                        ("福田街道", .utilities, OpenItemSummary(callID: "C-3", text: "福田街道某小区全楼停水了", receivedAt: now.addingTimeInterval(-3 * 3600)))]
        let d = engine.decide(call, classification: c, history: history)
        #expect(d.duplicateOf == nil)
        #expect(d.target == .township)
    }

    @Test func policeDuplicateStaysPolice() {
        let call = CallInput(text: "稠城街道某小区三楼冒出浓烟，疑似起火", receivedAt: now)
        let c = engine.classify(call)
        var history = FakeHistory()
        history.open = [(c.township, c.category, OpenItemSummary(callID: "C-9", text: "稠城街道某小区三楼冒浓烟，起火了", receivedAt: now.addingTimeInterval(-600)))]
        let d = engine.decide(call, classification: c, history: history)
        #expect(d.duplicateOf == "C-9")
        #expect(d.target == .police)
        #expect(d.police)
    }

    @Test func noHistoryMeansNoRiskFlags() {
        let d = engine.decide(CallInput(text: "小区路灯不亮", callerPhone: "13800000001"))
        #expect(!d.risk.repeat)
        #expect(d.duplicateOf == nil)
    }
}

@Suite("Similarity text")
struct SimilarityTextTests {
    @Test(arguments: [(0.0, "0.00"), (0.5, "0.50"), (0.834, "0.83"), (0.835001, "0.84"), (0.07, "0.07"), (1.0, "1.00"), (-0.2, "0.00")])
    func twoDecimals(value: Double, expected: String) {
        #expect(DecisionEngine.twoDecimals(value) == expected)
    }
}
