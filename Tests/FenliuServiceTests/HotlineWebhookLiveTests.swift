import Foundation
import Testing
@testable import FenliuService

@Suite("12345 hotline webhook")
struct HotlineWebhookLiveTests {
    static let secret = "hotline-shared-secret"

    func send(_ service: LiveService, _ client: TestHTTPClient, _ body: String, timestamp: Int? = nil,
              secret: String = HotlineWebhookLiveTests.secret) throws -> TestHTTPClient.Response {
        let ts = String(timestamp ?? Int(Date().timeIntervalSince1970))
        let signature = Signing.signature(secret: secret, timestamp: ts, body: Array(body.utf8))
        return try client.request("POST", "/v1/webhooks/hotline", headers: [
            ("Content-Type", "application/json"), ("X-Hotline-Timestamp", ts), ("X-Hotline-Signature", signature),
        ], body: Array(body.utf8))
    }

    static let callEvent = #"{"event_id":"ev-1","type":"call","call":{"call_id":"H-1","text":"我想咨询一下居住证怎么办理，需要什么材料","caller_phone":"13900000000","received_at":"2026-03-09T10:00:00+08:00"}}"#

    @Test func signedCallIsClassifiedAndStoredOnceAsSource12345() throws {
        let service = try LiveService(environment: ["FENLIU_HOTLINE_SECRET": Self.secret])
        let client = try service.client()
        let first = try send(service, client, Self.callEvent)
        #expect(first.status == 201)
        #expect(first.json["call_id"] as? String == "H-1")
        #expect(first.json["target"] as? String == "hotline_12345")
        let replay = try send(service, client, Self.callEvent)
        #expect(replay.status == 200)
        #expect(replay.json["decision_id"] as? String == first.json["decision_id"] as? String)
        #expect(try service.count("calls") == 1)
        #expect(try service.count("webhook_events") == 1)
        let call = try service.get(client, "/v1/calls/H-1").json["call"] as? [String: Any]
        #expect(call?["source"] as? String == "12345")
    }

    @Test func badSignatureSkewAndMissingSecretAreRefused() throws {
        let service = try LiveService(environment: ["FENLIU_HOTLINE_SECRET": Self.secret])
        let client = try service.client()
        #expect(try send(service, client, Self.callEvent, secret: "wrong").status == 401)
        #expect(try send(service, client, Self.callEvent, timestamp: Int(Date().timeIntervalSince1970) - 301).status == 401)
        #expect(try send(service, client, Self.callEvent, timestamp: Int(Date().timeIntervalSince1970) + 600).status == 401)
        let unsigned = try client.request("POST", "/v1/webhooks/hotline", headers: [("Content-Type", "application/json")],
                                          body: Array(Self.callEvent.utf8))
        #expect(unsigned.status == 401)
        #expect(try service.count("calls") == 0)

        let unconfigured = try LiveService()
        #expect(try send(unconfigured, try unconfigured.client(), Self.callEvent).status == 503)
    }

    @Test func statusEventsMoveTheHotlineItem() throws {
        let service = try LiveService(environment: ["FENLIU_HOTLINE_SECRET": Self.secret])
        let client = try service.client()
        #expect(try send(service, client, Self.callEvent).status == 201)
        let early = try send(service, client, #"{"event_id":"ev-2","type":"status","call_id":"H-1","status":"closed"}"#)
        #expect(early.status == 409)
        // In the hotline's own words: what it may send next, not the item's action names.
        #expect(early.json["allowed"] as? [String] == ["accepted"])
        let accepted = try send(service, client, #"{"event_id":"ev-3","type":"status","call_id":"H-1","status":"accepted"}"#)
        #expect(accepted.status == 200)
        #expect(accepted.json["state"] as? String == "acknowledged")
        #expect(try send(service, client, #"{"event_id":"ev-3","type":"status","call_id":"H-1","status":"accepted"}"#).status == 200)
        let resolved = try send(service, client, #"{"event_id":"ev-4","type":"status","call_id":"H-1","status":"resolved","result":"已告知办理材料"}"#)
        #expect(resolved.json["state"] as? String == "resolved")
        let closed = try send(service, client, #"{"event_id":"ev-5","type":"status","call_id":"H-1","status":"closed","satisfaction":5}"#)
        #expect(closed.status == 200)
        #expect(closed.json["state"] as? String == "closed")
        #expect(try send(service, client, #"{"event_id":"ev-6","type":"status","call_id":"nope","status":"accepted"}"#).status == 404)
        #expect(try send(service, client, #"{"event_id":"ev-7","type":"status","call_id":"H-1","status":"lost"}"#).status == 422)
        // A call that exists but was never forwarded to 12345 is as unknown to the hotline as one that does not exist.
        #expect(try service.post(client, "/v1/calls", json: #"{"call_id":"T-1","text":"路灯坏了","address":"稠城街道"}"#).status == 201)
        #expect(try send(service, client, #"{"event_id":"ev-8","type":"status","call_id":"T-1","status":"accepted"}"#).status == 404)
        let stats = try service.get(client, "/v1/stats").json
        #expect(stats["satisfaction_mean"] as? Double == 5)
    }

    @Test func policeMatterFromTheHotlineIsFlaggedToTheDesk() throws {
        let supervisors = try TestReceiver()
        defer { supervisors.stop() }
        let service = try LiveService(environment: ["FENLIU_HOTLINE_SECRET": Self.secret]) { c in
            c.subscribers = [.init(name: "desk", kind: "webhook", url: supervisors.url, secretEnv: nil, events: ["police_transfer"])]
        }
        let client = try service.client()
        let body = #"{"event_id":"ev-9","type":"call","call":{"call_id":"H-9","text":"我老公喝醉了拿着菜刀说要砍我，我躲在卫生间"}}"#
        let response = try send(service, client, body)
        #expect(response.status == 201)
        #expect(response.json["police"] as? Bool == true)
        let transfer = supervisors.waitFor { !$0.isEmpty }
        #expect(transfer.first?.json["event"] as? String == "police_transfer")
        let kinds = (try service.get(client, "/v1/calls/H-9").json["events"] as? [[String: Any]])?.compactMap { $0["kind"] as? String }
        #expect(kinds?.contains("police_transfer") == true)
    }
}
