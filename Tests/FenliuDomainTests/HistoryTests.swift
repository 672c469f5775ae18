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

    /// Alike complaints from two places in one township are two incidents.
    @Test func alikeReportsFromDifferentAddressesAreNotDuplicates() throws {
        let call = CallInput(text: "小区门口垃圾堆了好几天没人清理", address: "稠城街道绣湖公园东门", receivedAt: now)
        let c = engine.classify(call)
        #expect(c.township == "稠城街道")
        var history = FakeHistory()
        let gate = try #require(engine.addressKey("稠城街道工人北路40号"))
        let earlier = OpenItemSummary(callID: "G-1", text: "小区门口垃圾堆了一个星期没人清理", receivedAt: now.addingTimeInterval(-600),
                                      addressKey: gate)
        history.open = [("稠城街道", c.category, earlier)]
        let d = engine.decide(call, classification: c, history: history)
        #expect(d.duplicateOf == nil)
        #expect(d.target == .township)
        // The same two texts where either address names no particular place: the wording alone decides, as before.
        let vague = CallInput(text: call.text, address: "稠城街道", receivedAt: now)
        #expect(engine.decide(vague, classification: engine.classify(vague), history: history).duplicateOf == "G-1")
    }

    /// The same address, with or without the township's name in front, makes the same place: less of the same
    /// wording is then enough.
    @Test(arguments: ["稠城街道工人北路8号", "稠城工人北路8号", "义乌市稠城街道工人北路8号"])
    func theSameAddressInOtherWordsIsADuplicate(address: String) throws {
        let call = CallInput(text: "工人北路8号那边工地半夜施工，太吵了睡不着", address: address, receivedAt: now)
        let c = engine.classify(call)
        let site = try #require(engine.addressKey("工人北路8号"))
        let earlier = OpenItemSummary(callID: "N-1", text: "隔壁工地半夜还在施工，噪音吵得睡不着", receivedAt: now.addingTimeInterval(-900),
                                      addressKey: site)
        #expect(TextSimilarity.dice(earlier.signature, TextSimilarity.signature(call.text)) < engine.policy.duplicateMinSimilarity)
        var history = FakeHistory()
        history.open = [(c.township, c.category, earlier)]
        let d = engine.decide(call, classification: c, history: history)
        #expect(d.duplicateOf == "N-1")
        #expect(d.target == .none)
        // Unrelated wording at the same address is another matter.
        let other = CallInput(text: "楼下烧烤店油烟熏得窗户都不能开", address: address, receivedAt: now)
        history.open = [(c.township, engine.classify(other).category, earlier)]
        #expect(engine.decide(other, classification: engine.classify(other), history: history).duplicateOf == nil)
    }

    /// Coordinates, when both calls have them, decide the place before the addresses do.
    @Test func coordinatesDecideThePlace() throws {
        let gate = GeoPoint(lat: 29.3069, lon: 120.0745)
        let near = GeoPoint(lat: 29.3075, lon: 120.0750)    // about 80 m
        let far = GeoPoint(lat: 29.3200, lon: 120.0745)     // about 1.5 km
        #expect((70...90).contains(gate.meters(to: near)))
        #expect((1_400...1_500).contains(gate.meters(to: far)))
        let item = OpenItemSummary(callID: "L-1", text: "路灯坏了", receivedAt: now, addressKey: "工人北路40号", location: gate)
        #expect(engine.comparePlaces(addressKey: "绣湖公园东门", location: near, with: item) == .same)
        #expect(engine.comparePlaces(addressKey: "工人北路40号", location: far, with: item) == .different)
        #expect(engine.comparePlaces(addressKey: "工人北路40号", location: nil, with: item) == .same)
        #expect(engine.comparePlaces(addressKey: "工人北路50号", location: nil, with: item) == .different)
        #expect(engine.comparePlaces(addressKey: nil, location: nil, with: item) == .unknown)
        #expect(engine.withoutTownshipName("稠城街道工人北路40号") == "工人北路40号")
        #expect(engine.withoutTownshipName("稠城工人北路40号") == "工人北路40号")
        #expect(engine.withoutTownshipName("稠城街道") == "稠城街道", "a key is never emptied")
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
