import Foundation
import Testing
@testable import FenliuService

@Suite("Call intake over a real socket")
struct IntakeLiveTests {
    @Test func postReturnsDecisionAndGetShowsTimeline() throws {
        let service = try LiveService()
        let client = try service.client()
        let response = try service.postCall(client, [
            "call_id": "T-1", "text": "楼上卫生间漏水，滴到我家客厅，物业不管", "address": "义乌市福田街道宗宅社区5幢",
            "caller_phone": "13800000001", "received_at": "2026-03-09T14:44:49+08:00",
        ])
        #expect(response.status == 201)
        #expect(response.header("Content-Type") == "application/json")
        #expect(response.header("X-Request-ID")?.isEmpty == false)
        let decision = response.json
        #expect(decision["call_id"] as? String == "T-1")
        #expect((decision["decision_id"] as? String)?.hasPrefix("dec_") == true)
        #expect(decision["police"] as? Bool == false)
        #expect(decision["category"] as? String == "property_neighbor")
        #expect(decision["target"] as? String == "township")
        #expect(decision["township"] as? String == "福田街道")
        #expect((decision["reasons"] as? [[String: Any]])?.isEmpty == false)
        #expect(decision["status"] as? String == "decided")
        #expect((decision["ruleset_version"] as? String)?.isEmpty == false)
        let confidence = try #require(decision["confidence"] as? Double)
        #expect(confidence > 0 && confidence <= 1)

        let shown = try service.get(client, "/v1/calls/T-1")
        #expect(shown.status == 200)
        let document = shown.json
        let call = try #require(document["call"] as? [String: Any])
        #expect(call["text"] as? String == "楼上卫生间漏水，滴到我家客厅，物业不管")
        #expect(call["received_at"] as? String == "2026-03-09T14:44:49+08:00")
        let events = try #require(document["events"] as? [[String: Any]])
        #expect(events.map { $0["kind"] as? String } == ["received", "decided", "queued"])
        let items = try #require(document["items"] as? [[String: Any]])
        #expect(items.count == 1)
        #expect(items.first?["township"] as? String == "福田街道")
        #expect((document["decision"] as? [String: Any])?["decision_id"] as? String == decision["decision_id"] as? String)
    }

    @Test func policeMatterStaysWithPolice() throws {
        let service = try LiveService()
        let client = try service.client()
        let response = try service.postCall(client, ["call_id": "T-2", "text": "有人拿刀在小区门口砍人，地上有血"])
        #expect(response.status == 201)
        #expect(response.json["police"] as? Bool == true)
        #expect(response.json["target"] as? String == "police")
        #expect(response.json["township"] is NSNull)
        #expect(try service.count("items") == 0)
    }

    @Test func sameBodyIsIdempotentAndDifferentBodyConflicts() throws {
        let service = try LiveService()
        let client = try service.client()
        let body: [String: Any] = ["call_id": "T-3", "text": "小区门口的路灯坏了好几天", "address": "稠城街道"]
        let first = try service.postCall(client, body)
        let second = try service.postCall(client, body)
        #expect(first.status == 201)
        #expect(second.status == 200)
        #expect(first.json["decision_id"] as? String == second.json["decision_id"] as? String)
        #expect(try service.count("calls") == 1)
        #expect(try service.count("decisions") == 1)
        #expect(try service.count("call_events") == 3)

        var changed = body
        changed["text"] = "小区门口的路灯坏了"
        let conflict = try service.postCall(client, changed)
        #expect(conflict.status == 409)
        #expect(conflict.header("Content-Type") == "application/problem+json")
        #expect(try service.count("calls") == 1)
    }

    @Test(arguments: [
        (#"{"text":"漏水"}"#, "call_id"),
        (#"{"call_id":"bad id!","text":"漏水"}"#, "call_id"),
        (#"{"call_id":"\#(String(repeating: "a", count: 65))","text":"漏水"}"#, "call_id"),
        (#"{"call_id":"ok-1"}"#, "text"),
        (#"{"call_id":"ok-1","text":""}"#, "text"),
        (#"{"call_id":"ok-1","text":"\#(String(repeating: "水", count: 2001))"}"#, "text"),
        // One letter and 100,000 combining accents is one character to the eye: the limit counts code points.
        (#"{"call_id":"ok-1","text":"a\#(String(repeating: "\\u0301", count: 100_000))"}"#, "text"),
        (#"{"call_id":"ok-1","text":"\#(String(repeating: "e\u{301}", count: 1001))"}"#, "text"),
        (#"{"call_id":"ok-1","text":"漏水","address":"\#(String(repeating: "e\u{301}", count: 251))"}"#, "address"),
        (#"{"call_id":"ok-1","text":5}"#, "text"),
        (#"{"call_id":"ok-1","text":"漏水","received_at":"yesterday"}"#, "received_at"),
        (#"{"call_id":"ok-1","text":"漏水","caller_phone":"call me"}"#, "caller_phone"),
        (#"{"call_id":"ok-1","text":"漏水","location":{"lat":95,"lon":120}}"#, "location.lat"),
        (#"{"call_id":"ok-1","text":"漏水","location":{"lat":29.3,"lon":"east"}}"#, "location.lon"),
        (#"{"call_id":"ok-1","text":"漏水","source":""}"#, "source"),
        (#"["call_id"]"#, ""),
    ])
    func invalidFieldIs422NamingIt(body: String, field: String) throws {
        let service = try LiveService()
        let client = try service.client()
        let response = try client.request("POST", "/v1/calls", headers: [
            ("Authorization", "Bearer \(service.adminToken)"), ("Content-Type", "application/json; charset=utf-8"),
        ], body: Array(body.utf8))
        #expect(response.status == 422)
        #expect(response.header("Content-Type") == "application/problem+json")
        #expect(response.json["field"] as? String == field)
        #expect(response.json["status"] as? Int == 422)
        #expect(response.json["title"] is String)
        #expect(try service.count("calls") == 0)
    }

    @Test func invalidJSONIs400AndWrongMediaTypeIs415() throws {
        let service = try LiveService()
        let client = try service.client()
        let auth = ("Authorization", "Bearer \(service.adminToken)")
        let broken = try client.request("POST", "/v1/calls", headers: [auth, ("Content-Type", "application/json")],
                                        body: Array(#"{"call_id": "x", "text": "#.utf8))
        #expect(broken.status == 400)
        #expect(broken.header("Content-Type") == "application/problem+json")
        let wrongType = try client.request("POST", "/v1/calls", headers: [auth, ("Content-Type", "text/plain")],
                                           body: Array(#"{"call_id":"x","text":"漏水"}"#.utf8))
        #expect(wrongType.status == 415)
        #expect(try service.count("calls") == 0)
    }

    @Test func unknownCallIs404() throws {
        let service = try LiveService()
        let response = try service.get(try service.client(), "/v1/calls/nope")
        #expect(response.status == 404)
        #expect(response.header("Content-Type") == "application/problem+json")
    }
}
