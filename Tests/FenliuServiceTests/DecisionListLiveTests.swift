import Foundation
import Testing
@testable import FenliuService

@Suite("Decision listing")
struct DecisionListLiveTests {
    @Test func filtersAndPaginatesNewestFirst() throws {
        let service = try LiveService()
        let client = try service.client()
        let texts = ["路灯坏了不亮", "有人持刀抢劫", "路灯坏了不亮了", "想问一下身份证怎么补办", "路灯坏了很多天"]
        for (i, text) in texts.enumerated() {
            #expect(try service.postCall(client, ["call_id": "L-\(i)", "text": text, "address": "稠城街道\(i)号"]).status == 201)
        }
        let all = try service.get(client, "/v1/decisions?limit=2")
        #expect(all.status == 200)
        let page1 = try #require(all.json["decisions"] as? [[String: Any]])
        #expect(page1.map { $0["call_id"] as? String } == ["L-4", "L-3"])
        let cursor = try #require(all.json["next_cursor"] as? String)
        let next = try service.get(client, "/v1/decisions?limit=2&cursor=\(cursor)")
        let page2 = try #require(next.json["decisions"] as? [[String: Any]])
        #expect(page2.map { $0["call_id"] as? String } == ["L-2", "L-1"])

        let police = try service.get(client, "/v1/decisions?police=true")
        let policeCalls = try #require(police.json["decisions"] as? [[String: Any]])
        #expect(policeCalls.map { $0["call_id"] as? String } == ["L-1"])
        #expect(police.json["next_cursor"] is NSNull)

        let township = try service.get(client, "/v1/decisions?target=township&township=%E7%A8%A0%E5%9F%8E%E8%A1%97%E9%81%93")
        let townshipCalls = try #require(township.json["decisions"] as? [[String: Any]])
        #expect(!townshipCalls.isEmpty)
        #expect(townshipCalls.allSatisfy { $0["township"] as? String == "稠城街道" })
        // The short name a supervisor types finds the same decisions.
        let short = try service.get(client, "/v1/decisions?target=township&township=%E7%A8%A0%E5%9F%8E")
        #expect(short.status == 200)
        let shortCalls = try #require(short.json["decisions"] as? [[String: Any]])
        #expect(shortCalls.map { $0["call_id"] as? String } == townshipCalls.map { $0["call_id"] as? String })
    }

    @Test(arguments: ["target=ship", "police=maybe", "limit=0", "limit=9999", "cursor=zzz", "from=today", "category=weather",
                      "township=Nowhere", "to=2026-11-01T00:00:00Z&from=2026-12-01T00:00:00Z"])
    func badQueryIs422(query: String) throws {
        let service = try LiveService()
        let response = try service.get(try service.client(), "/v1/decisions?\(query)")
        #expect(response.status == 422)
        #expect(response.json["field"] as? String == String(query.split(separator: "=")[0]))
    }

    @Test func largeListIsGzippedWhenAccepted() throws {
        let service = try LiveService()
        let client = try service.client()
        for i in 0..<12 {
            #expect(try service.postCall(client, ["call_id": "G-\(i)", "text": "夜里工地施工噪音很大吵得睡不着", "address": "北苑街道"]).status == 201)
        }
        let response = try client.request("GET", "/v1/decisions", headers: [
            ("Authorization", "Bearer \(service.adminToken)"), ("Accept-Encoding", "gzip"),
        ])
        #expect(response.status == 200)
        #expect(response.header("Content-Encoding") == "gzip")
        #expect(response.body.starts(with: [0x1f, 0x8b]))
    }
}
