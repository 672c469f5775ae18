import FenliuHTTP
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import FenliuService

@Suite("Forwarding to receivers, at least once")
struct DeliveryLiveTests {
    static let leak = #"{"call_id":"D-1","text":"楼上卫生间漏水，滴到我家客厅，物业不管","address":"稠城街道工人北路12号","caller_phone":"13800000001"}"#

    func service(receiver: TestReceiver, maxAttempts: Int = 8, directory: String? = nil,
                 supervisors: TestReceiver? = nil) throws -> LiveService {
        try LiveService(directory: directory, environment: ["SECRET_CC": "s3cret", "SECRET_SUP": "sup"]) { c in
            c.destinations.townships["稠城街道"] = .init(url: receiver.url, secretEnv: "SECRET_CC")
            c.delivery.maxAttempts = maxAttempts
            c.delivery.initialBackoffMilliseconds = 20
            c.delivery.maxBackoffMilliseconds = 100
            if let supervisors {
                c.subscribers = [.init(name: "supervisors", kind: "webhook", url: supervisors.url, secretEnv: "SECRET_SUP",
                                       events: ["decision", "dead_letter", "overdue"])]
            }
        }
    }

    @Test func itemIsPushedSignedAndMarkedDispatched() throws {
        let receiver = try TestReceiver()
        defer { receiver.stop() }
        let service = try service(receiver: receiver)
        let client = try service.client()
        let created = try service.post(client, "/v1/calls", json: Self.leak)
        #expect(created.status == 201)
        #expect(created.json["township"] as? String == "稠城街道")
        let got = receiver.waitFor { !$0.isEmpty }
        let delivery = try #require(got.first)
        let timestamp = try #require(delivery.header("X-Fenliu-Timestamp"))
        let signature = try #require(delivery.header("X-Fenliu-Signature"))
        #expect(Signing.verify(secret: "s3cret", timestamp: timestamp, body: delivery.body, presented: signature))
        #expect(!Signing.verify(secret: "other", timestamp: timestamp, body: delivery.body, presented: signature))
        #expect(delivery.header("X-Fenliu-Delivery")?.hasPrefix("dlv_") == true)
        let item = try #require(delivery.json["item"] as? [String: Any])
        #expect(item["call_id"] as? String == "D-1")
        #expect((item["call"] as? [String: Any])?["text"] as? String == "楼上卫生间漏水，滴到我家客厅，物业不管")
        #expect((item["deadlines"] as? [String: Any])?["acknowledge"] is String)
        #expect((item["actions"] as? [String: Any])?["ack"] as? String == "http://127.0.0.1:\(service.port)/v1/items/D-1/ack")
        // The worker records the 2xx and the item moves to dispatched.
        var state = ""
        for _ in 0..<200 {
            let shown = try service.get(client, "/v1/calls/D-1")
            state = ((shown.json["items"] as? [[String: Any]])?.first?["state"] as? String) ?? ""
            if state == "dispatched" { break }
            Thread.sleep(forTimeInterval: 0.02)
        }
        #expect(state == "dispatched")
    }

    @Test func failuresAreRetriedWithTheSameDeliveryID() throws {
        let receiver = try TestReceiver(failFirst: 2)
        defer { receiver.stop() }
        let service = try service(receiver: receiver)
        #expect(try service.post(try service.client(), "/v1/calls", json: Self.leak).status == 201)
        let got = receiver.waitFor { $0.count >= 3 }
        #expect(got.count == 3)
        #expect(Set(got.compactMap { $0.header("X-Fenliu-Delivery") }).count == 1)
        let delivered = try service.app.readers.read { db in
            try db.queryFirst("SELECT state, attempts FROM deliveries WHERE kind = 'item'")
        }
        var state = delivered?.string("state")
        let deadline = Date().addingTimeInterval(30)   // a hang guard only, generous for a busy machine
        while state != "delivered" && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.02)
            state = try service.app.readers.read { db in try db.queryFirst("SELECT state FROM deliveries WHERE kind = 'item'")?.string("state") }
        }
        #expect(state == "delivered")
    }

    @Test func deadReceiverIsDeadLetteredAndSupervisorsAreTold() throws {
        let receiver = try TestReceiver()
        let port = receiver.port
        receiver.stop()  // nothing listens there any more
        let supervisors = try TestReceiver()
        defer { supervisors.stop() }
        let service = try LiveService(environment: ["SECRET_SUP": "sup"]) { c in
            c.destinations.townships["稠城街道"] = .init(url: "http://127.0.0.1:\(port)/items", secretEnv: nil)
            c.delivery.maxAttempts = 3
            c.delivery.initialBackoffMilliseconds = 10
            c.delivery.maxBackoffMilliseconds = 20
            c.subscribers = [.init(name: "supervisors", kind: "webhook", url: supervisors.url, secretEnv: "SECRET_SUP",
                                   events: ["dead_letter"])]
        }
        #expect(try service.post(try service.client(), "/v1/calls", json: Self.leak).status == 201)
        let alerts = supervisors.waitFor { $0.contains { $0.json["event"] as? String == "dead_letter" } }
        let alert = try #require(alerts.first { $0.json["event"] as? String == "dead_letter" })
        #expect(alert.json["call_id"] as? String == "D-1")
        #expect(!alert.text.contains("漏水"))
        // The notice's own delivery_id (its idempotency key) appears once; the failed delivery is named apart.
        #expect(alert.text.components(separatedBy: "\"delivery_id\"").count == 2)
        #expect(alert.json["delivery_id"] as? String == alert.header("X-Fenliu-Delivery"))
        let failed = try #require(alert.json["failed_delivery_id"] as? String)
        #expect(failed != alert.json["delivery_id"] as? String)
        #expect(alert.json["item_id"] is NSNumber)
        let row = try service.app.readers.read { db in try db.queryFirst("SELECT state, attempts FROM deliveries WHERE kind = 'item'") }
        #expect(row?.string("state") == "dead")
        #expect(row?.int("attempts") == 3)
        let timeline = try service.get(try service.client(), "/v1/calls/D-1").json["events"] as? [[String: Any]]
        #expect(timeline?.contains { $0["kind"] as? String == "dead_letter" } == true)
    }

    /// A person's decision (an override, the re-route after a return) reaches the subscribers like the first one,
    /// so the supervisors' picture follows the item.
    @Test func overridesAndReturnsAreAnnouncedLikeDecisions() throws {
        let receiver = try TestReceiver()
        defer { receiver.stop() }
        let supervisors = try TestReceiver()
        defer { supervisors.stop() }
        let service = try service(receiver: receiver, supervisors: supervisors)
        let client = try service.client()
        #expect(try service.post(client, "/v1/calls", json: Self.leak).json["township"] as? String == "稠城街道")
        let override = try service.post(client, "/v1/calls/D-1/override",
                                        json: #"{"target":"township","township":"北苑","reason":"地址在北苑"}"#)
        #expect(override.status == 200)
        let beiyuan = try service.token(.township, township: "北苑街道")
        let returned = try service.post(client, "/v1/items/D-1/return", token: beiyuan,
                                        json: #"{"reason":"不归我们管","suggested_target":"hotline_12345"}"#)
        #expect(returned.status == 200)
        let decisions = supervisors.waitFor { $0.filter { $0.json["event"] as? String == "decision" }.count >= 3 }
            .filter { $0.json["event"] as? String == "decision" }
        #expect(decisions.map { $0.json["target"] as? String } == ["township", "township", "hotline_12345"])
        #expect(decisions.map { $0.json["township"] as? String } == ["稠城街道", "北苑街道", nil])
        #expect(decisions.allSatisfy { $0.json["call_id"] as? String == "D-1" && !$0.text.contains("漏水") })
    }

    @Test func pendingDeliveriesSurviveARestart() throws {
        let directory = NSTemporaryDirectory() + "fenliu-restart-" + UUID().uuidString
        let receiver = try TestReceiver()
        let port = receiver.port
        receiver.stop()
        do {
            let first = try LiveService(directory: directory) { c in
                c.destinations.townships["稠城街道"] = .init(url: "http://127.0.0.1:\(port)/items", secretEnv: nil)
                c.delivery.maxAttempts = 1000
                c.delivery.initialBackoffMilliseconds = 10
                c.delivery.maxBackoffMilliseconds = 50
            }
            first.removeOnDeinit = false
            #expect(try first.post(try first.client(), "/v1/calls", json: Self.leak).status == 201)
        }
        // A receiver comes up; a new process on the same database must deliver what was left pending.
        let revived = try TestReceiver()
        defer { revived.stop() }
        let second = try LiveService(directory: directory) { c in
            c.destinations.townships["稠城街道"] = .init(url: "http://127.0.0.1:\(port)/items", secretEnv: nil)
            c.delivery.initialBackoffMilliseconds = 10
            c.delivery.maxBackoffMilliseconds = 50
        }
        // The row still names the old port; point it at the new receiver as an operator would after a move.
        _ = try second.app.writer.write { db in
            try db.run("UPDATE deliveries SET url = ?, next_attempt_at = '0000'", [.text(revived.url)])
        }
        let got = revived.waitFor { !$0.isEmpty }
        #expect(got.count >= 1)
        #expect((got.first?.json["item"] as? [String: Any])?["call_id"] as? String == "D-1")
    }

    @Test func aHangingReceiverDoesNotHoldUpTheOthers() throws {
        // A receiver that accepts connections and never answers.
        let hanging = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(hanging) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        _ = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(hanging, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        listen(hanging, 16)
        var bound = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &bound) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(hanging, $0, &length) } }
        let hangingPort = Int(UInt16(bigEndian: bound.sin_port))

        let healthy = try TestReceiver()
        defer { healthy.stop() }
        let service = try LiveService { c in
            c.destinations.townships["稠城街道"] = .init(url: "http://127.0.0.1:\(hangingPort)/items", secretEnv: nil)
            c.destinations.townships["北苑街道"] = .init(url: healthy.url, secretEnv: nil)
            c.delivery.requestTimeoutMilliseconds = 30_000
        }
        let client = try service.client()
        #expect(try service.post(client, "/v1/calls", json: Self.leak).status == 201)
        #expect(try service.post(client, "/v1/calls", json: #"{"call_id":"D-2","text":"楼上漏水滴到我家客厅","address":"北苑街道"}"#).status == 201)
        let got = healthy.waitFor { !$0.isEmpty }
        #expect((got.first?.json["item"] as? [String: Any])?["call_id"] as? String == "D-2")
        // The first call's delivery is still stuck in its first attempt.
        let stuck = try service.app.readers.read { db in
            try db.queryFirst("SELECT state, attempts FROM deliveries WHERE call_id = 'D-1'")
        }
        #expect(stuck?.string("state") == "pending")
        #expect(stuck?.int("attempts") == 0)
    }

    @Test func decisionsAreAnnouncedToDingTalkSignedAndWithoutPersonalData() throws {
        let robot = try TestReceiver()
        defer { robot.stop() }
        let service = try LiveService(environment: ["DT": "dt-secret"]) { c in
            c.subscribers = [.init(name: "desk-group", kind: "dingtalk", url: robot.url + "?access_token=x", secretEnv: "DT",
                                   events: ["decision"])]
        }
        #expect(try service.post(try service.client(), "/v1/calls", json: Self.leak).status == 201)
        let message = try #require(robot.waitFor { !$0.isEmpty }.first)
        #expect(message.json["msgtype"] as? String == "text")
        #expect(message.target.contains("timestamp="))
        #expect(message.target.contains("sign="))
        #expect(!message.text.contains("13800000001"))
        #expect(!message.text.contains("漏水"))
    }
}

extension TestReceiver.Received {
    var text: String { String(decoding: body, as: UTF8.self) }
}
