import Foundation
import Testing
@testable import FenliuService

@Suite("Event stream, SLA timers and figures")
struct EventStreamAndSLALiveTests {
    @Test func streamDeliversEventsAndResumesFromLastEventID() throws {
        let service = try LiveService()
        let watcher = try service.client()
        try watcher.sendRaw(Array("GET /v1/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(service.adminToken)\r\n\r\n".utf8))
        #expect(watcher.readStream(until: ": connected").contains("text/event-stream"))
        let client = try service.client()
        _ = try service.post(client, "/v1/calls", json: #"{"call_id":"E-1","text":"路灯坏了","address":"稠城街道"}"#)
        let text = watcher.readStream(until: "event: queued")
        #expect(text.contains("event: received"))
        #expect(text.contains("event: decided"))
        #expect(!text.contains("路灯坏了"))
        // Ids are the timeline's: resuming after the first one replays the rest without gaps.
        let resumed = try service.client()
        try resumed.sendRaw(Array("GET /v1/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(service.adminToken)\r\nLast-Event-ID: 1\r\n\r\n".utf8))
        let replay = resumed.readStream(until: "event: queued")
        #expect(!replay.contains("event: received"))
        #expect(replay.contains("id: 2\n"))
        #expect(replay.contains("event: decided"))
    }

    @Test func townshipStreamSeesOnlyItsOwnCalls() throws {
        let service = try LiveService()
        let token = try service.token(.township, township: "北苑街道")
        let watcher = try service.client()
        try watcher.sendRaw(Array("GET /v1/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(token)\r\nLast-Event-ID: 0\r\n\r\n".utf8))
        let client = try service.client()
        _ = try service.post(client, "/v1/calls", json: #"{"call_id":"E-other","text":"路灯坏了","address":"稠城街道"}"#)
        _ = try service.post(client, "/v1/calls", json: #"{"call_id":"E-own","text":"路灯坏了","address":"北苑街道"}"#)
        let text = watcher.readStream(until: "event: queued")
        #expect(text.contains("E-own"))
        #expect(!text.contains("E-other"))
    }

    /// A township sees the events of its own items, not of a call's earlier or later holders: after an override
    /// moves the item from 北苑 to 稠城, each stream shows only its side.
    @Test func townshipStreamDoesNotFollowACallThatMovedAway() throws {
        let service = try LiveService()
        let client = try service.client()
        _ = try service.post(client, "/v1/calls", json: #"{"call_id":"E-move","text":"路灯坏了","address":"北苑街道"}"#)
        #expect(try service.post(client, "/v1/calls/E-move/override",
                                 json: #"{"target":"township","township":"稠城街道","reason":"地址有误"}"#).status == 200)
        // Markers, in other words than E-move's so that neither is taken for a second report of it (一事多报).
        _ = try service.post(client, "/v1/calls", json: #"{"call_id":"E-after-cc","text":"小区门口的垃圾桶满了好几天没人清","address":"稠城街道"}"#)
        _ = try service.post(client, "/v1/calls", json: #"{"call_id":"E-after-by","text":"小区门口的垃圾桶满了好几天没人清","address":"北苑街道"}"#)

        func stream(_ township: String, until marker: String) throws -> String {
            let token = try service.token(.township, township: township)
            let watcher = try service.client()
            try watcher.sendRaw(Array("GET /v1/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(token)\r\nLast-Event-ID: 0\r\n\r\n".utf8))
            return watcher.readStream(until: marker)
        }
        let chouCheng = try stream("稠城街道", until: "E-after-cc")
        #expect(chouCheng.contains("E-after-cc"))
        #expect(chouCheng.contains("E-move"))
        #expect(!chouCheng.contains("北苑街道"))
        #expect(!chouCheng.contains("event: cancelled"))
        let beiYuan = try stream("北苑街道", until: "E-after-by")
        #expect(beiYuan.contains("E-after-by"))
        #expect(beiYuan.contains("event: cancelled"))
        #expect(!beiYuan.contains("稠城街道"))
        #expect(!beiYuan.contains("E-after-cc"))
    }

    @Test func missedDeadlinesAreMarkedOnceAndOverdueItemsListFirst() throws {
        let clock = ManualClock()
        let supervisors = try TestReceiver()
        defer { supervisors.stop() }
        let service = try LiveService(clock: clock) { c in
            c.sla.scanIntervalMilliseconds = 3_600_000  // the test drives the scan itself
            c.subscribers = [.init(name: "sup", kind: "webhook", url: supervisors.url, secretEnv: nil, events: ["overdue"])]
        }
        let client = try service.client()
        _ = try service.post(client, "/v1/calls", json: #"{"call_id":"O-1","text":"小区门口垃圾堆满了没人清理","address":"稠城街道"}"#)
        clock.advance(60)
        _ = try service.post(client, "/v1/calls", json: #"{"call_id":"O-2","text":"小区里好几盏路灯不亮了","address":"稠城街道"}"#)
        #expect(try service.app.scanOverdue() == 0)
        let township = try service.token(.township, township: "稠城街道")
        _ = try service.post(client, "/v1/items/O-2/ack", token: township, json: "{}")
        clock.advance(301)  // O-1 is past its 5-minute acknowledgement, O-2 was acknowledged
        #expect(try service.app.scanOverdue() == 1)
        #expect(try service.app.scanOverdue() == 0)
        clock.advance(200)  // both past the 8-minute on-site deadline
        #expect(try service.app.scanOverdue() == 2)
        let overdue = try service.count("item_overdue")
        #expect(overdue == 3)
        let alerts = supervisors.waitFor { $0.count >= 3 }
        #expect(alerts.count == 3)
        #expect(alerts.allSatisfy { $0.json["event"] as? String == "overdue" })
        let kinds = (try service.get(client, "/v1/calls/O-1").json["events"] as? [[String: Any]])?.compactMap { $0["kind"] as? String }
        #expect(kinds?.filter { $0 == "overdue" }.count == 2)
        _ = try service.post(client, "/v1/calls", json: #"{"call_id":"O-3","text":"路灯坏了","address":"稠城街道"}"#)
        let queue = try service.get(client, "/v1/townships/%E7%A8%A0%E5%9F%8E%E8%A1%97%E9%81%93/items", token: township)
        let order = (queue.json["items"] as? [[String: Any]])?.compactMap { $0["call_id"] as? String }
        #expect(order == ["O-1", "O-2", "O-3"])
        #expect((queue.json["items"] as? [[String: Any]])?.first?["overdue"] as? Bool == true)
    }

    @Test func deadlinesCanDifferByTargetAndCategory() throws {
        let clock = ManualClock()
        let service = try LiveService(clock: clock) { c in
            c.sla.scanIntervalMilliseconds = 3_600_000
            c.sla.byTarget["hotline_12345"] = .init(acknowledgeSeconds: 3_600)
            c.sla.byCategory["noise"] = .init(acknowledgeSeconds: 60)
        }
        let client = try service.client()
        _ = try service.post(client, "/v1/calls", json: #"{"call_id":"Q-noise","text":"楼下KTV唱歌声音太大吵得睡不着","address":"稠城街道"}"#)
        _ = try service.post(client, "/v1/calls", json: #"{"call_id":"Q-light","text":"小区里好几盏路灯不亮了","address":"稠城街道"}"#)
        _ = try service.post(client, "/v1/calls", json: #"{"call_id":"Q-ask","text":"想咨询一下居住证怎么办理"}"#)
        let noiseItem = (try service.get(client, "/v1/calls/Q-noise").json["items"] as? [[String: Any]])?.first
        #expect(noiseItem != nil)
        clock.advance(61)
        #expect(try service.app.scanOverdue() == 1)  // only the noise item: 60 s instead of 300 s
        clock.advance(300)
        #expect(try service.app.scanOverdue() == 1)  // the street light now; the 12345 item has an hour
        clock.advance(3_300)
        #expect(try service.app.scanOverdue() >= 1)  // the 12345 acknowledgement at last
        let askKinds = (try service.get(client, "/v1/calls/Q-ask").json["events"] as? [[String: Any]])?.compactMap { $0["kind"] as? String }
        #expect(askKinds?.contains("overdue") == true)
    }

    @Test func statsCountTheLoop() throws {
        let clock = ManualClock()
        let service = try LiveService(clock: clock)
        let client = try service.client()
        _ = try service.post(client, "/v1/calls", json: #"{"call_id":"S-1","text":"楼上漏水滴到我家","address":"稠城街道"}"#)
        _ = try service.post(client, "/v1/calls", json: #"{"call_id":"S-2","text":"有人持刀抢劫"}"#)
        let township = try service.token(.township, township: "稠城街道")
        clock.advance(120)
        _ = try service.post(client, "/v1/items/S-1/ack", token: township, json: "{}")
        clock.advance(180)
        _ = try service.post(client, "/v1/items/S-1/arrive", token: township, json: "{}")
        let stats = try service.get(client, "/v1/stats")
        #expect(stats.status == 200)
        #expect(stats.json["decisions"] as? Int == 2)
        #expect(stats.json["diverted"] as? Int == 1)
        #expect((stats.json["by_target"] as? [String: Any])?["police"] as? Int == 1)
        #expect((stats.json["acknowledge_seconds"] as? [String: Any])?["p50"] as? Double == 120)
        #expect(stats.json["on_site_within_limit_share"] as? Double == 1)
        #expect(stats.json["on_site_items"] as? Int == 1)

        // A second on-site item: not counted while it is within its limit, a miss once past it without arriving.
        _ = try service.post(client, "/v1/calls", json: #"{"call_id":"S-3","text":"小区门口路灯坏了好几天","address":"稠城街道工人北路9号"}"#)
        let pending = try service.get(client, "/v1/stats").json
        #expect(pending["on_site_awaiting"] as? Int == 1)
        #expect(pending["on_site_items"] as? Int == 1)
        clock.advance(481)
        let missed = try service.get(client, "/v1/stats").json
        #expect(missed["on_site_awaiting"] as? Int == 0)
        #expect(missed["on_site_items"] as? Int == 2)
        #expect(missed["on_site_within_limit_share"] as? Double == 0.5)
        // A returned item that nobody went to is not a miss.
        _ = try service.post(client, "/v1/items/S-3/return", token: township, json: #"{"reason":"不是我们的辖区"}"#)
        #expect(try service.get(client, "/v1/stats").json["on_site_items"] as? Int == 1)
        #expect(try service.get(client, "/v1/stats", token: try service.token(.desk)).status == 403)
        #expect(try service.get(client, "/v1/stats?from=soon").status == 422)
        let backwards = try service.get(client, "/v1/stats?from=2026-12-01T00:00:00Z&to=2026-11-01T00:00:00Z")
        #expect(backwards.status == 422)
        #expect(backwards.json["field"] as? String == "to")
        #expect(try service.get(client, "/v1/stats?from=2026-11-01T00:00:00Z&to=2026-11-01T00:00:00Z").status == 200)
    }
}
