import Foundation
import Testing
@testable import FenliuService

@Suite("Authentication and roles over a real socket")
struct AuthLiveTests {
    @Test func missingOrUnknownTokenIs401() throws {
        let service = try LiveService()
        let client = try service.client()
        let none = try client.request("GET", "/v1/calls/x")
        #expect(none.status == 401)
        #expect(none.header("WWW-Authenticate") == "Bearer")
        let unknown = try service.get(client, "/v1/calls/x", token: "fl_not_a_real_token")
        #expect(unknown.status == 401)
    }

    @Test func rolesAreEnforced() throws {
        let service = try LiveService()
        let client = try service.client()
        let desk = try service.token(.desk)
        let township = try service.token(.township, township: "稠城街道")
        let hotline = try service.token(.hotline)

        #expect(try service.postCall(client, token: desk, ["call_id": "A-1", "text": "路灯不亮"]).status == 201)
        #expect(try service.postCall(client, token: township, ["call_id": "A-2", "text": "路灯不亮"]).status == 403)
        #expect(try service.postCall(client, token: hotline, ["call_id": "A-3", "text": "路灯不亮"]).status == 403)
        #expect(try service.get(client, "/v1/calls/A-1", token: desk).status == 200)
        #expect(try service.get(client, "/v1/calls/A-1", token: township).status == 403)
        #expect(try service.get(client, "/v1/decisions", token: desk).status == 403)
        #expect(try service.get(client, "/v1/decisions").status == 200)
        #expect(try service.count("calls") == 1)
    }

    @Test func revokedTokenStopsWorking() throws {
        let service = try LiveService()
        let client = try service.client()
        let desk = try service.token(.desk)
        #expect(try service.get(client, "/v1/calls/none", token: desk).status == 404)
        let id = try service.app.readers.read { db in try db.scalarInt("SELECT max(id) FROM api_tokens") ?? 0 }
        #expect(try service.app.writer.write { db in try TokenStore.revoke(id: id, now: Date(), in: db) })
        // The positive cache lives one second; poll (without asserting on time) until the revocation shows.
        var status = 0
        let deadline = Date().addingTimeInterval(30)   // a hang guard only, generous for a busy machine
        while Date() < deadline {
            status = try service.get(client, "/v1/calls/none", token: desk).status
            if status == 401 { break }
            Thread.sleep(forTimeInterval: 0.1)
        }
        #expect(status == 401)
    }

    @Test func onlyTheHashIsStored() throws {
        let service = try LiveService()
        let stored = try service.app.readers.read { db in try db.query("SELECT token_hash FROM api_tokens").compactMap { $0.string("token_hash") } }
        #expect(stored == [TokenStore.hash(service.adminToken)])
        #expect(!stored.contains(service.adminToken))
    }
}
