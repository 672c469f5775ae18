import Foundation
import Testing
@testable import FenliuService

@Suite("Item lifecycle over a real socket")
struct LifecycleLiveTests {
    static let noise = #"{"call_id":"N-1","text":"隔壁工地半夜还在施工，噪音吵得睡不着","address":"稠城街道工人北路8号"}"#

    func events(_ service: LiveService, _ client: TestHTTPClient, _ callID: String) throws -> [[String: Any]] {
        try service.get(client, "/v1/calls/\(callID)").json["events"] as? [[String: Any]] ?? []
    }

    @Test func townshipWorksTheItemAndTheDeskClosesIt() throws {
        let service = try LiveService()
        let client = try service.client()
        #expect(try service.post(client, "/v1/calls", json: Self.noise).json["target"] as? String == "township")
        let township = try service.token(.township, township: "稠城街道")
        let desk = try service.token(.desk)

        let ack = try service.post(client, "/v1/items/N-1/ack", token: township, json: #"{"note":"已签收"}"#)
        #expect(ack.status == 200)
        #expect(ack.json["state"] as? String == "acknowledged")
        #expect(try service.post(client, "/v1/items/N-1/arrive", token: township, json: "{}").json["state"] as? String == "on_site")
        let missingResult = try service.post(client, "/v1/items/N-1/resolve", token: township, json: "{}")
        #expect(missingResult.status == 422)
        #expect(missingResult.json["field"] as? String == "result")
        let resolved = try service.post(client, "/v1/items/N-1/resolve", token: township, json: #"{"result":"已责令停工"}"#)
        #expect(resolved.json["state"] as? String == "resolved")
        #expect(resolved.json["result"] as? String == "已责令停工")
        // Verifying is the desk's job, not the township's.
        #expect(try service.post(client, "/v1/items/N-1/verify", token: township, json: "{}").status == 403)
        #expect(try service.post(client, "/v1/items/N-1/verify", token: desk, json: "{}").json["state"] as? String == "verified")
        #expect(try service.post(client, "/v1/items/N-1/close", token: desk, json: "{}").json["state"] as? String == "closed")

        let item = (try service.get(client, "/v1/calls/N-1").json["items"] as? [[String: Any]])?.first
        #expect(item?["result"] as? String == "已责令停工")
        #expect((item?["deadlines"] as? [String: Any])?["on_site"] is String)
        #expect(item?["overdue"] as? Bool == false)
        let kinds = try events(service, client, "N-1").compactMap { $0["kind"] as? String }
        // Acknowledged before the push was recorded: the dispatch is on the timeline, not skipped.
        #expect(kinds == ["received", "decided", "queued", "dispatched", "acknowledged", "arrived", "feedback", "verified",
                          "closed"])
        let actors = try events(service, client, "N-1").compactMap { $0["actor"] as? String }
        #expect(actors.contains { $0.hasPrefix("township:稠城街道") })
        #expect(actors.contains { $0.hasPrefix("desk#") })
    }

    @Test func invalidTransitionIs409ListingAllowedActions() throws {
        let service = try LiveService()
        let client = try service.client()
        _ = try service.post(client, "/v1/calls", json: Self.noise)
        let township = try service.token(.township, township: "稠城街道")
        let early = try service.post(client, "/v1/items/N-1/resolve", token: township, json: #"{"result":"x"}"#)
        #expect(early.status == 409)
        #expect(early.header("Content-Type") == "application/problem+json")
        let allowed = try #require(early.json["allowed"] as? [String])
        #expect(allowed.contains("ack"))
        #expect(!allowed.contains("resolve"))
        // Only what can be asked for through /v1/items is offered.
        #expect(!allowed.contains("dispatch") && !allowed.contains("cancel"))
        #expect(early.json["state"] as? String == "decided")
    }

    /// decided → dispatched → acknowledged → on_site → resolved → verified → closed: a township's item reports
    /// arriving before it resolves, and nothing closes without verification.
    @Test func noStepIsSkipped() throws {
        let service = try LiveService()
        let client = try service.client()
        _ = try service.post(client, "/v1/calls", json: Self.noise)
        let township = try service.token(.township, township: "稠城街道")
        let desk = try service.token(.desk)
        #expect(try service.post(client, "/v1/items/N-1/ack", token: township, json: "{}").status == 200)
        let notThere = try service.post(client, "/v1/items/N-1/resolve", token: township, json: #"{"result":"电话劝导"}"#)
        #expect(notThere.status == 409)
        #expect(notThere.json["allowed"] as? [String] == ["arrive", "return"])
        #expect(try service.post(client, "/v1/items/N-1/arrive", token: township, json: "{}").status == 200)
        #expect(try service.post(client, "/v1/items/N-1/resolve", token: township, json: #"{"result":"已劝停"}"#).status == 200)
        let unverified = try service.post(client, "/v1/items/N-1/close", token: desk, json: "{}")
        #expect(unverified.status == 409)
        #expect(unverified.json["allowed"] as? [String] == ["verify"])
        #expect(try service.post(client, "/v1/items/N-1/verify", token: desk, json: "{}").status == 200)
        #expect(try service.post(client, "/v1/items/N-1/close", token: desk, json: "{}").json["state"] as? String == "closed")
    }

    @Test func aReturnToATownshipMustNameIt() throws {
        let service = try LiveService()
        let client = try service.client()
        _ = try service.post(client, "/v1/calls", json: Self.noise)
        let township = try service.token(.township, township: "稠城街道")
        let unnamed = try service.post(client, "/v1/items/N-1/return", token: township,
                                       json: #"{"reason":"不是我们的","suggested_target":"township"}"#)
        #expect(unnamed.status == 422)
        #expect(unnamed.json["field"] as? String == "suggested_township")
        let stray = try service.post(client, "/v1/items/N-1/return", token: township,
                                     json: #"{"reason":"不是我们的","suggested_target":"hotline_12345","suggested_township":"北苑街道"}"#)
        #expect(stray.status == 422)
        #expect(stray.json["field"] as? String == "suggested_township")
        // A township named alone is where it goes.
        #expect(try service.post(client, "/v1/items/N-1/return", token: township,
                                 json: #"{"reason":"在北苑","suggested_township":"北苑"}"#).status == 200)
        #expect(try service.get(client, "/v1/calls/N-1").json["decision"].flatMap { $0 as? [String: Any] }?["township"]
                as? String == "北苑街道")
    }

    @Test func anotherTownshipCannotReadOrActOnTheItem() throws {
        let service = try LiveService()
        let client = try service.client()
        _ = try service.post(client, "/v1/calls", json: Self.noise)
        let other = try service.token(.township, township: "北苑街道")
        #expect(try service.post(client, "/v1/items/N-1/ack", token: other, json: "{}").status == 403)
        #expect(try service.get(client, "/v1/townships/%E7%A8%A0%E5%9F%8E%E8%A1%97%E9%81%93/items", token: other).status == 403)
        let own = try service.get(client, "/v1/townships/%E5%8C%97%E8%8B%91%E8%A1%97%E9%81%93/items", token: other)
        #expect(own.status == 200)
        #expect((own.json["items"] as? [Any])?.isEmpty == true)
        let hotline = try service.token(.hotline)
        #expect(try service.post(client, "/v1/items/N-1/ack", token: hotline, json: "{}").status == 403)
        #expect(try service.post(client, "/v1/items/unknown/ack", json: "{}").status == 404)
        #expect(try service.post(client, "/v1/items/N-1/fly", json: "{}").status == 404)
    }

    @Test func pullingTheQueueDispatchesAndListsOldestFirst() throws {
        let service = try LiveService()
        let client = try service.client()
        _ = try service.post(client, "/v1/calls", json: Self.noise)
        _ = try service.post(client, "/v1/calls", json: #"{"call_id":"N-2","text":"小区里路灯坏了一排，晚上一片漆黑","address":"稠城街道县前街"}"#)
        let township = try service.token(.township, township: "稠城街道")
        let pulled = try service.get(client, "/v1/townships/%E7%A8%A0%E5%9F%8E%E8%A1%97%E9%81%93/items", token: township)
        #expect(pulled.status == 200)
        let items = try #require(pulled.json["items"] as? [[String: Any]])
        #expect(items.map { $0["call_id"] as? String } == ["N-1", "N-2"])
        #expect((items.first?["deadlines"] as? [String: Any])?["on_site"] is String)
        // The answer shows the items as the pull left them.
        #expect(items.allSatisfy { $0["state"] as? String == "dispatched" })
        // The short name (稠城) names the same queue.
        let again = try service.get(client, "/v1/townships/%E7%A8%A0%E5%9F%8E/items?status=dispatched", token: township)
        #expect((again.json["items"] as? [[String: Any]])?.count == 2)
        #expect(try service.get(client, "/v1/townships/%E7%A8%A0%E5%9F%8E%E8%A1%97%E9%81%93/items?status=flying").status == 422)
        #expect(try service.get(client, "/v1/townships/atlantis/items").status == 404)
    }

    @Test func returnReroutesToPoliceByDefaultAndToTheSuggestedTownship() throws {
        let service = try LiveService()
        let client = try service.client()
        _ = try service.post(client, "/v1/calls", json: Self.noise)
        let township = try service.token(.township, township: "稠城街道")
        #expect(try service.post(client, "/v1/items/N-1/return", token: township, json: "{}").status == 422)
        let returned = try service.post(client, "/v1/items/N-1/return", token: township,
                                        json: #"{"reason":"不在本辖区","suggested_target":"township","suggested_township":"北苑街道"}"#)
        #expect(returned.status == 200)
        #expect(returned.json["state"] as? String == "returned")
        let document = try service.get(client, "/v1/calls/N-1").json
        let decision = try #require(document["decision"] as? [String: Any])
        #expect(decision["township"] as? String == "北苑街道")
        #expect((decision["decided_by"] as? String)?.hasPrefix("reroute:") == true)
        #expect((document["decision_history"] as? [[String: Any]])?.count == 1)

        let beiyuan = try service.token(.township, township: "北苑街道")
        let back = try service.post(client, "/v1/items/N-1/return", token: beiyuan, json: #"{"reason":"涉及打架"}"#)
        #expect(back.status == 200)
        let final = try #require(try service.get(client, "/v1/calls/N-1").json["decision"] as? [String: Any])
        #expect(final["target"] as? String == "police")
        #expect(final["police"] as? Bool == true)
    }

    @Test func overrideWinsAndCancelsTheOldItem() throws {
        let receiver = try TestReceiver()
        defer { receiver.stop() }
        let service = try LiveService { c in
            c.destinations.townships["稠城街道"] = .init(url: receiver.url, secretEnv: nil)
            c.delivery.initialBackoffMilliseconds = 10
        }
        let client = try service.client()
        _ = try service.post(client, "/v1/calls", json: Self.noise)
        receiver.waitFor { !$0.isEmpty }
        let desk = try service.token(.desk)
        #expect(try service.post(client, "/v1/calls/N-1/override", token: desk, json: #"{"police":true}"#).status == 422)
        let overridden = try service.post(client, "/v1/calls/N-1/override", token: desk,
                                          json: #"{"police":true,"category":"violence","reason":"回访得知现场已发生斗殴"}"#)
        #expect(overridden.status == 200)
        #expect(overridden.json["target"] as? String == "police")
        #expect(overridden.json["category"] as? String == "violence")
        let cancellation = receiver.waitFor { $0.contains { $0.json["event"] as? String == "cancelled" } }
        #expect(cancellation.contains { $0.json["event"] as? String == "cancelled" && $0.json["call_id"] as? String == "N-1" })
        let items = try service.get(client, "/v1/calls/N-1").json["items"] as? [[String: Any]]
        #expect(items?.first?["state"] as? String == "cancelled")
        let township = try service.token(.township, township: "稠城街道")
        #expect(try service.post(client, "/v1/items/N-1/ack", token: township, json: "{}").status == 409)
    }
}
