import Foundation
import Testing
@testable import FenliuDomain

@Suite struct RoutingTests {
    let engine = Fixture.engine

    @Test func policeCategoryGoesToPoliceWithoutTownship() {
        let d = engine.decide(CallInput(text: "我的电动车在稠城街道某小区楼下被盗了"))
        #expect(d.target == .police)
        #expect(d.category == .crime)
        #expect(d.township == nil)
        #expect(d.linkedTownship == nil)
    }

    @Test func onSiteMatterWithResolvedTownshipGoesToTownship() {
        let d = engine.decide(CallInput(text: "小区广场舞音响声音过大，每晚到十点", address: "荷塘社区3幢"))
        #expect(d.target == .township)
        #expect(d.category == .noise)
        #expect(d.township == "福田街道")
        #expect(d.reasons.contains { $0.rule == "place:address" })
    }

    @Test func onSiteMatterWithoutPlaceGoesToHotline() {
        let d = engine.decide(CallInput(text: "小区路灯坏了好几盏"))
        #expect(d.target == .hotline12345)
        #expect(d.category == .utilities)
        #expect(d.township == nil)
    }

    @Test func offSiteMatterGoesToHotlineEvenWithATownship() {
        let d = engine.decide(CallInput(text: "在义亭镇一家超市买到过期牛奶，商家不给退款"))
        #expect(d.target == .hotline12345)
        #expect(d.category == .consumer)
        #expect(d.township == nil)
    }

    @Test func labourGoesToTheWorkSiteTownship() {
        let d = engine.decide(CallInput(text: "我住在后宅街道，在上溪镇一个工地干活，老板拖欠工资"))
        #expect(d.target == .township)
        #expect(d.township == "上溪镇")
    }

    @Test func labourWithoutLocationGoesToHotline() {
        let d = engine.decide(CallInput(text: "公司不跟我签劳动合同"))
        #expect(d.category == .labor)
        #expect(d.target == .hotline12345)
    }

    @Test func invalidOnlyWithACallTakerNote() {
        let misdial = engine.decide(CallInput(text: "误拨，回拨后对方称无事"))
        #expect(misdial.category == .invalid)
        #expect(misdial.target == .none)
        #expect(!misdial.police)

        let danger = engine.decide(CallInput(text: "误拨，但电话里听到有人喊救命，有人拿刀"))
        #expect(danger.police)
        #expect(danger.target == .police)

        let denial = engine.decide(CallInput(text: "来电人称不是恶作剧，楼顶有人坐在边缘"))
        #expect(denial.category != .invalid)
        #expect(denial.police)

        let noNote = engine.decide(CallInput(text: "来电人一直不说话"))
        #expect(noNote.category != .invalid)
    }

    @Test func lowConfidenceStaysPolice() throws {
        let dir = try Fixture.copyOfConfig()
        try FileManager.default.removeItem(atPath: dir + "/model.json")
        let policy = try String(contentsOfFile: dir + "/policy.yaml", encoding: .utf8)
            .replacingOccurrences(of: "divert_min_confidence: 0.6", with: "divert_min_confidence: 0.99")
        try policy.write(toFile: dir + "/policy.yaml", atomically: true, encoding: .utf8)
        let strict = try DecisionEngine.load(configDirectory: dir)
        let d = strict.decide(CallInput(text: "小区路灯坏了"))
        #expect(d.police)
        #expect(d.reasons.contains { $0.rule == "policy:low_confidence" })
    }

    @Test func modelReasonNamesTheModel() throws {
        // The shipped policy keeps the category model off; switched on, its reading of a call no rule decided is
        // recorded, and this mumble stays police.
        let dir = try Fixture.copyOfConfig()
        try Fixture.setPolicy(in: dir, block: "model", key: "enabled", to: "true")
        let withModel = try DecisionEngine.load(configDirectory: dir)
        let d = withModel.decide(CallInput(text: "嗯那个就是这样子的吧"))
        #expect(d.police)
        #expect(d.reasons.contains { $0.rule == "model:nb-v1" && $0.matched.contains("confidence") })
    }

    @Test func confidenceIsWithinZeroAndOne() throws {
        for call in try Corpus.load(path: Fixture.corpusPath).calls {
            let d = engine.decide(call.input)
            #expect((0...1).contains(d.confidence))
            #expect(d.rulesetVersion == engine.rulesetVersion)
        }
    }
}
