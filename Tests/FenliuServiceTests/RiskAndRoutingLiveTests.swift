import Dispatch
import FenliuStorage
import Foundation
import Testing
@testable import FenliuService

@Suite("Risk flags, duplicates, joint handling and storage failure")
struct RiskAndRoutingLiveTests {
    @Test func thirdCallFromTheSamePhoneIsARepeat() throws {
        let service = try LiveService()
        let client = try service.client()
        var flags: [Bool] = []
        for (i, text) in ["对面KTV音乐声太大了", "楼下广场舞音响太吵", "小区门口烧烤摊油烟很大"].enumerated() {
            let r = try service.post(client, "/v1/calls", json: #"{"call_id":"R-\#(i)","text":"\#(text)","caller_phone":"13512345678"}"#)
            flags.append((r.json["risk"] as? [String: Any])?["repeat"] as? Bool ?? false)
        }
        #expect(flags == [false, false, true])
        let last = try service.get(client, "/v1/calls/R-2").json["decision"] as? [String: Any]
        #expect(((last?["risk"] as? [String: Any])?["flags"] as? [String])?.contains("repeat_caller") == true)
    }

    @Test func sameIncidentReportedTwiceIsLinkedNotForwardedAgain() throws {
        let service = try LiveService()
        let client = try service.client()
        let first = try service.post(client, "/v1/calls", json: #"{"call_id":"U-1","text":"工人北路上的路灯一整排都不亮了，晚上很黑","address":"稠城街道工人北路"}"#)
        #expect(first.json["target"] as? String == "township")
        let second = try service.post(client, "/v1/calls", json: #"{"call_id":"U-2","text":"工人北路的路灯一整排都不亮，晚上太黑了","address":"稠城街道工人北路"}"#)
        #expect(second.status == 201)
        #expect(second.json["duplicate_of"] as? String == "U-1")
        #expect(second.json["target"] as? String == "none")
        #expect(try service.count("items") == 1)
        let kinds = (try service.get(client, "/v1/calls/U-1").json["events"] as? [[String: Any]])?.compactMap { $0["kind"] as? String }
        #expect(kinds?.contains("duplicate_reported") == true)
    }

    /// 一事多报 is the same place: alike complaints from two gates of one township are two incidents, each forwarded;
    /// the same construction site reported again in other words is one.
    @Test func aDuplicateIsTheSamePlaceNotJustTheSameTownship() throws {
        let service = try LiveService()
        let client = try service.client()
        let first = try service.post(client, "/v1/calls", json: #"{"call_id":"P-1","text":"小区门口垃圾堆了一个星期没人清理","address":"稠城街道工人北路40号"}"#)
        #expect(first.json["target"] as? String == "township")
        for (id, address) in [("P-2", "稠城街道绣湖公园东门"), ("P-3", "稠城街道工人北路50号")] {
            let other = try service.post(client, "/v1/calls", json: #"{"call_id":"\#(id)","text":"小区门口垃圾堆了好几天没人清理","address":"\#(address)"}"#)
            #expect(other.status == 201)
            #expect(other.json["duplicate_of"] is NSNull, "\(address) is another place")
            #expect(other.json["target"] as? String == "township")
            #expect(other.json["township"] as? String == "稠城街道")
        }

        let site = try service.post(client, "/v1/calls", json: #"{"call_id":"N-1","text":"隔壁工地半夜还在施工，噪音吵得睡不着","address":"稠城街道工人北路8号"}"#)
        #expect(site.json["target"] as? String == "township")
        let again = try service.post(client, "/v1/calls", json: #"{"call_id":"N-2","text":"工人北路8号那边工地半夜施工，太吵了睡不着","address":"稠城工人北路8号"}"#)
        #expect(again.json["duplicate_of"] as? String == "N-1")
        #expect(again.json["target"] as? String == "none")
        #expect(try service.count("items") == 4)
    }

    @Test func escalatingDisputeStaysPoliceAndOpensATownshipFollowUp() throws {
        let service = try LiveService()
        let client = try service.client()
        let r = try service.post(client, "/v1/calls", json: #"{"call_id":"J-1","text":"邻居因为停车位跟我吵了好几次，今天扬言要拿刀砍我","address":"北苑街道"}"#)
        #expect(r.json["police"] as? Bool == true)
        #expect(r.json["target"] as? String == "police")
        #expect((r.json["risk"] as? [String: Any])?["escalation"] as? Bool == true)
        #expect(r.json["linked_township"] as? String == "北苑街道")
        let items = try service.get(client, "/v1/calls/J-1").json["items"] as? [[String: Any]]
        #expect(items?.count == 1)
        #expect(items?.first?["kind"] as? String == "follow_up")
        #expect(items?.first?["township"] as? String == "北苑街道")
        let beiyuan = try service.token(.township, township: "北苑街道")
        #expect(try service.post(client, "/v1/items/J-1/ack", token: beiyuan, json: "{}").json["state"] as? String == "acknowledged")
        #expect(try service.post(client, "/v1/items/J-1/arrive", token: beiyuan, json: "{}").status == 200)
        #expect(try service.post(client, "/v1/items/J-1/resolve", token: beiyuan, json: #"{"result":"已调解"}"#).status == 200)
        // The desk checks and closes the follow-up like any other item.
        let desk = try service.token(.desk)
        #expect(try service.post(client, "/v1/items/J-1/verify", token: desk, json: "{}").json["state"] as? String == "verified")
        #expect(try service.post(client, "/v1/items/J-1/close", token: desk, json: "{}").json["state"] as? String == "closed")
    }

    @Test func fullWriteQueueAnswers503WithRetryAfter() throws {
        let service = try LiveService { c in c.writerQueueCapacity = 1 }
        let client = try service.client()
        // Hold the writer inside a transaction, then take the queue's only place.
        let release = DispatchSemaphore(value: 0)
        let holding = DispatchSemaphore(value: 0)
        let holds = service.app.writer.submit({ _ in holding.signal(); release.wait() }, completion: { _ in })
        #expect(holds)
        holding.wait()
        let fills = service.app.writer.submit({ _ in }, completion: { _ in })
        #expect(fills)
        let refused = try service.post(client, "/v1/calls", json: #"{"call_id":"F-1","text":"路灯坏了"}"#)
        #expect(refused.status == 503)
        #expect(refused.header("Retry-After") == "1")
        #expect(refused.header("Content-Type") == "application/problem+json")
        #expect(try service.get(client, "/v1/calls/F-1").status == 404)
        release.signal()
        var accepted = 0
        let deadline = Date().addingTimeInterval(30)   // a hang guard only, generous for a busy machine
        while accepted != 201 && Date() < deadline {
            accepted = try service.post(client, "/v1/calls", json: #"{"call_id":"F-1","text":"路灯坏了"}"#).status
            if accepted != 201 { Thread.sleep(forTimeInterval: 0.01) }
        }
        #expect(accepted == 201)
    }

    @Test func unwritableDatabaseAnswers503AndReadsGoOn() throws {
        let service = try LiveService()
        let client = try service.client()
        #expect(try service.post(client, "/v1/calls", json: #"{"call_id":"W-1","text":"路灯坏了","address":"稠城街道"}"#).status == 201)
        // Cap the file at its current size: every further write hits SQLITE_FULL, as on a full disk. Free pages
        // inside the file (left by indexes a migration dropped) would still take small writes, as they would on a
        // real full disk; they are used up first so that even the readiness probe's one-page write fails.
        try service.app.writer.write { db in
            let free = try db.scalarInt("PRAGMA freelist_count") ?? 0
            let pageSize = try db.scalarInt("PRAGMA page_size") ?? 4096
            if free > 0 {
                try db.execute("CREATE TABLE test_filler (b BLOB)")
                try db.run("INSERT INTO test_filler (b) VALUES (zeroblob(?))", [SQLValue((free + 1) * pageSize)])
            }
            let pages = try db.scalarInt("PRAGMA page_count") ?? 1
            try db.execute("PRAGMA max_page_count = \(pages)")
        }
        let big = String(repeating: "路灯坏了，", count: 390)
        var refused: TestHTTPClient.Response?
        for i in 0..<40 {
            let r = try service.post(client, "/v1/calls", json: #"{"call_id":"W-full-\#(i)","text":"\#(big)","address":"稠城街道"}"#)
            if r.status != 201 { refused = r; break }
        }
        let response = try #require(refused)
        #expect(response.status == 503)
        #expect(response.header("Content-Type") == "application/problem+json")
        #expect(response.header("Retry-After") != nil)
        #expect(try service.get(client, "/v1/calls/W-1").status == 200)
        let ready = try client.request("GET", "/readyz")
        #expect(ready.status == 503)
        #expect(ready.json["database_writable"] as? Bool == false)
    }
}
