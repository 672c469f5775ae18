import Dispatch
import Foundation
import Testing
@testable import FenliuService
import FenliuStorage

@Suite("Health, readiness and shutdown")
struct HealthLiveTests {
    @Test func healthAndReadinessNeedNoToken() throws {
        let service = try LiveService()
        let client = try service.client()
        let health = try client.request("GET", "/healthz")
        #expect(health.status == 200)
        let ready = try client.request("GET", "/readyz")
        #expect(ready.status == 200)
        #expect(ready.json["database_writable"] as? Bool == true)
        #expect(ready.json["migrations_current"] as? Bool == true)
    }

    @Test func unknownPathIs404AndWrongMethodIs405() throws {
        let service = try LiveService()
        let client = try service.client()
        #expect(try client.request("GET", "/v2/nothing").status == 404)
        let wrong = try client.request("DELETE", "/v1/calls")
        #expect(wrong.status == 405)
        #expect(wrong.header("Allow")?.contains("POST") == true)
    }

    @Test func shutdownAnswersInFlightWritesBeforeStopping() throws {
        let service = try LiveService()
        let clients = try (0..<8).map { _ in try service.client() }
        // Hold the writer so the requests are certainly in flight (received, waiting for their commit).
        let release = DispatchSemaphore(value: 0)
        let holding = DispatchSemaphore(value: 0)
        let held = service.app.writer.submit({ _ in holding.signal(); release.wait() }, completion: { _ in })
        #expect(held)
        holding.wait()
        for (i, client) in clients.enumerated() {
            let body = Array(#"{"call_id":"S-\#(i)","text":"楼下烧烤店油烟很大","address":"江东街道"}"#.utf8)
            try client.sendRaw(Array("POST /v1/calls HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(service.adminToken)\r\nContent-Type: application/json\r\nContent-Length: \(body.count)\r\n\r\n".utf8) + body)
        }
        for _ in 0..<500 where service.app.writer.queueDepth < clients.count { Thread.sleep(forTimeInterval: 0.01) }
        #expect(service.app.writer.queueDepth == clients.count)
        let port = service.port
        let stopper = Thread { service.app.shutdown() }
        stopper.start()
        // Shutdown has begun once the listener is gone; only then may the held writes commit.
        var refused = false
        for _ in 0..<500 where !refused {
            refused = (try? TestHTTPClient(port: port)) == nil
            if !refused { Thread.sleep(forTimeInterval: 0.01) }
        }
        #expect(refused)
        release.signal()
        var statuses: [Int] = []
        for client in clients { statuses.append((try? client.readResponse().status) ?? -1) }
        #expect(statuses == Array(repeating: 201, count: clients.count))
        let stored = try FenliuStorage.Connection(path: service.directory + "/fenliu.sqlite")
            .scalarInt("SELECT count(*) FROM calls") ?? -1
        #expect(stored == Int64(clients.count))
    }
}
