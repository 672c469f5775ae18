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

    /// The JSON files of config/ (boundaries, model) are placed by line and column too, over the live endpoint.
    @Test func truncatedBoundariesAreRejectedWithLineAndColumn() throws {
        let config = try Self.copyConfig()
        defer { try? FileManager.default.removeItem(atPath: config) }
        let service = try LiveService { $0.configDirectory = config }
        let client = try service.client()
        let before = try service.post(client, "/v1/calls", json: #"{"call_id":"RJ-1","text":"路灯坏了","address":"稠城街道"}"#)
        let oldVersion = try #require(before.json["ruleset_version"] as? String)

        try "{\n  \"type\": \"FeatureCollection\",\n  \"features\": [\n    {\"type\": \"Feature\",\n"
            .write(toFile: config + "/townships.geojson", atomically: true, encoding: .utf8)
        let rejected = try service.post(client, "/v1/admin/reload", json: "{}")
        #expect(rejected.status == 422)
        let detail = rejected.json["detail"] as? String ?? ""
        #expect(detail.contains("townships.geojson:"), "\(detail)")
        #expect(detail.range(of: #"townships\.geojson:\d+:\d+: "#, options: .regularExpression) != nil, "\(detail)")
        let still = try service.post(client, "/v1/calls", json: #"{"call_id":"RJ-2","text":"路灯坏了","address":"稠城街道"}"#)
        #expect(still.json["ruleset_version"] as? String == oldVersion)
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
        #expect(report["police_line_crossings"] as? Int == 1)
        let change = (report["changes"] as? [[String: Any]])?.first
        #expect(change?["call_id"] as? String == "RP-1")
        #expect(try service.count("decisions") == rowsBefore)
    }

    /// The JSON reports use the API's snake_case names, every field kept.
    @Test func replayAndEvalPrintSnakeCaseJSON() throws {
        let config = try Self.copyConfig()
        defer { try? FileManager.default.removeItem(atPath: config) }
        let service = try LiveService()
        let client = try service.client()
        #expect(try service.post(client, "/v1/calls", json: #"{"call_id":"SC-1","text":"小区里的流浪狗很凶，追着小孩跑","address":"稠城街道"}"#).status == 201)
        try (try String(contentsOfFile: config + "/rules/20-police.yaml", encoding: .utf8)
             + "\n  - id: test.dogs_are_danger\n    category: danger\n    safety: true\n    patterns: [流浪狗]\n    why: test\n")
            .write(toFile: config + "/rules/20-police.yaml", atomically: true, encoding: .utf8)
        let replay = try ProcessLiveTests().run(["replay", "--database", service.directory + "/fenliu.sqlite",
                                                 "--config-dir", config, "--json"])
        #expect(replay.status == 0)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(replay.stdout.utf8)) as? [String: Any])
        #expect(Set(report.keys) == ["ruleset_version", "calls", "changed", "police_line_crossings", "changes"])
        let change = try #require((report["changes"] as? [[String: Any]])?.first)
        #expect(Set(change.keys) == ["call_id", "decided_by", "before", "after"])
        #expect(change["decided_by"] as? String == "classifier")

        let eval = try ProcessLiveTests().run(["eval", LiveService.packageRoot + "/Tests/FenliuDomainTests/Fixtures/dev-calls.jsonl",
                                               "--config-dir", config, "--json"])
        #expect(eval.status == 0)
        let scores = try #require(try JSONSerialization.jsonObject(with: Data(eval.stdout.utf8)) as? [String: Any])
        #expect(Set(scores.keys) == ["calls", "police_recall", "diversion_recall", "diversion_precision", "target_accuracy",
                                     "category_accuracy", "township_accuracy", "escalation_precision", "escalation_recall",
                                     "confusion", "misses", "ruleset_version"])
        #expect(scores["calls"] as? Int == 208)
    }

    /// A stored repeat report (一事多报) is re-decided as a repeat of the same original: no change while the rules
    /// tried keep it in the original's township and category, a change once they move it elsewhere.
    @Test func replayReDecidesAStoredDuplicateAgainstItsOriginal() throws {
        let config = try Self.copyConfig()
        defer { try? FileManager.default.removeItem(atPath: config) }
        let service = try LiveService()
        let client = try service.client()
        let first = try service.post(client, "/v1/calls", json: #"{"call_id":"DP-1","text":"工人北路上的路灯一整排都不亮了，晚上很黑","address":"稠城街道工人北路"}"#)
        #expect(first.json["target"] as? String == "township")
        let second = try service.post(client, "/v1/calls", json: #"{"call_id":"DP-2","text":"工人北路的路灯一整排都不亮，晚上太黑了","address":"稠城街道工人北路"}"#)
        #expect(second.json["duplicate_of"] as? String == "DP-1")
        #expect(second.json["target"] as? String == "none")
        #expect(try service.post(client, "/v1/calls", json: #"{"call_id":"DP-3","text":"楼下广场舞音响太吵","address":"北苑街道春晗二区"}"#).status == 201)

        func replay() throws -> [String: Any] {
            let run = try ProcessLiveTests().run(["replay", "--database", service.directory + "/fenliu.sqlite",
                                                  "--config-dir", config, "--json"])
            #expect(run.status == 0)
            return try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        }
        let unchanged = try replay()
        #expect(unchanged["calls"] as? Int == 3)
        #expect(unchanged["changed"] as? Int == 0, "\(unchanged)")

        // Rules under which only the repeat report's wording reads as another matter: it no longer matches its original.
        let rulesFile = config + "/rules/30-nonpolice.yaml"
        try (try String(contentsOfFile: rulesFile, encoding: .utf8)
             + "\n  - id: test.too_dark\n    category: environment\n    weight: 20\n    patterns: [太黑了]\n    why: test\n")
            .write(toFile: rulesFile, atomically: true, encoding: .utf8)
        let moved = try replay()
        let changes = try #require(moved["changes"] as? [[String: Any]])
        #expect(changes.map { $0["call_id"] as? String } == ["DP-2"], "\(moved)")
        let change = try #require(changes.first)
        #expect((change["before"] as? [String: Any])?["target"] as? String == "none")
        #expect((change["after"] as? [String: Any])?["category"] as? String == "environment")
        #expect((change["after"] as? [String: Any])?["target"] as? String != "none")
    }
}
