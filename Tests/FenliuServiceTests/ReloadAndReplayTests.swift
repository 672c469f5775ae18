import Foundation
import Testing
@testable import FenliuService

@Suite("Rule reload and replay")
struct ReloadAndReplayTests {
    /// A private copy of config/ that a test may edit.
    static func copyConfig() throws -> String {
        let target = NSTemporaryDirectory() + "fenliu-config-" + UUID().uuidString
        try FileManager.default.copyItem(atPath: LiveService.packageRoot + "/config", toPath: target)
        return target
    }

    @Test func badRulesAreRejectedWithFileAndLineAndGoodOnesTakeEffect() throws {
        let config = try Self.copyConfig()
        defer { try? FileManager.default.removeItem(atPath: config) }
        let service = try LiveService { $0.configDirectory = config }
        let client = try service.client()
        let before = try service.post(client, "/v1/calls", json: #"{"call_id":"RL-1","text":"路灯坏了","address":"稠城街道"}"#)
        let oldVersion = try #require(before.json["ruleset_version"] as? String)

        let rulesFile = config + "/rules/30-nonpolice.yaml"
        let original = try String(contentsOfFile: rulesFile, encoding: .utf8)
        try (original + "\n  - id: broken\n    category: not_a_category\n    patterns: [x]\n").write(toFile: rulesFile, atomically: true, encoding: .utf8)
        let rejected = try service.post(client, "/v1/admin/reload", json: "{}")
        #expect(rejected.status == 422)
        let detail = rejected.json["detail"] as? String ?? ""
        #expect(detail.contains("30-nonpolice.yaml"))
        #expect(detail.range(of: #":\d+"#, options: .regularExpression) != nil)
        let still = try service.post(client, "/v1/calls", json: #"{"call_id":"RL-2","text":"路灯坏了","address":"稠城街道"}"#)
        #expect(still.json["ruleset_version"] as? String == oldVersion)

        try (original + "\n  - id: test.extra\n    category: utilities\n    patterns: [测试专用词]\n    why: added by a test\n")
            .write(toFile: rulesFile, atomically: true, encoding: .utf8)
        let desk = try service.token(.desk)
        #expect(try service.post(client, "/v1/admin/reload", token: desk, json: "{}").status == 403)
        let reloaded = try service.post(client, "/v1/admin/reload", json: "{}")
        #expect(reloaded.status == 200)
        let newVersion = try #require(reloaded.json["ruleset_version"] as? String)
        #expect(newVersion != oldVersion)
        let after = try service.post(client, "/v1/calls", json: #"{"call_id":"RL-3","text":"路灯坏了","address":"稠城街道"}"#)
        #expect(after.json["ruleset_version"] as? String == newVersion)
        let stored = try service.get(client, "/v1/calls/RL-1").json["decision"] as? [String: Any]
        #expect(stored?["ruleset_version"] as? String == oldVersion)
    }

    @Test func replayReportsChangesWithoutWriting() throws {
        let config = try Self.copyConfig()
        defer { try? FileManager.default.removeItem(atPath: config) }
        let service = try LiveService()
        let client = try service.client()
        #expect(try service.post(client, "/v1/calls", json: #"{"call_id":"RP-1","text":"小区里的流浪狗很凶，追着小孩跑","address":"稠城街道"}"#).status == 201)
        #expect(try service.post(client, "/v1/calls", json: #"{"call_id":"RP-2","text":"路灯坏了","address":"稠城街道"}"#).status == 201)
        // A stricter rule set that makes every stray-dog call a police matter.
        let rulesFile = config + "/rules/20-police.yaml"
        let original = try String(contentsOfFile: rulesFile, encoding: .utf8)
        try (original + "\n  - id: test.dogs_are_danger\n    category: danger\n    safety: true\n    patterns: [流浪狗]\n    why: test\n")
            .write(toFile: rulesFile, atomically: true, encoding: .utf8)
        let rowsBefore = try service.count("decisions")

        let replay = try ProcessLiveTests().run(["replay", "--database", service.directory + "/fenliu.sqlite",
                                                 "--config-dir", config, "--json"])
        #expect(replay.status == 0)
        let data = Data(replay.stdout.utf8)
        let report = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(report["calls"] as? Int == 2)
        #expect(report["changed"] as? Int == 1)
        #expect(report["policeLineCrossings"] as? Int == 1)
        let change = (report["changes"] as? [[String: Any]])?.first
        #expect(change?["callID"] as? String == "RP-1")
        #expect(try service.count("decisions") == rowsBefore)
    }
}
