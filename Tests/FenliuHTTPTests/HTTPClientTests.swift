import Testing
@testable import FenliuHTTP

@Suite struct HTTPClientTests {
    @Test func urlParsing() throws {
        let t = try HTTPClient.parse("http://example.com:8080/hook?a=1")
        #expect(t.host == "example.com" && t.port == 8080 && t.pathAndQuery == "/hook?a=1")
        let d = try HTTPClient.parse("http://example.com")
        #expect(d.port == 80 && d.pathAndQuery == "/" && d.hostHeader == "example.com")
        let v6 = try HTTPClient.parse("http://[::1]:9000?x")
        #expect(v6.host == "::1" && v6.port == 9000 && v6.pathAndQuery == "/?x")
        #expect(throws: HTTPClientError.unsupportedScheme("https")) { try HTTPClient.parse("https://example.com/") }
        #expect(throws: HTTPClientError.self) { try HTTPClient.parse("example.com/") }
        #expect(throws: HTTPClientError.self) { try HTTPClient.parse("http://host:99999/") }
    }

    @Test func getPostAndKeepAliveReuse() throws {
        let log = LogCollector()
        let server = try startServer(log: log)
        let client = HTTPClient()
        let base = "http://127.0.0.1:\(server.boundPort)"
        let a = try client.send(method: .get, url: base + "/hello?q=x", headers: ["X-Request-ID": "hook-1"])
        #expect(a.status == 200 && a.bodyText.contains("q=x id=hook-1"))
        #expect(client.idleConnectionCount == 1)
        let b = try client.send(method: .post, url: base + "/echo", body: Array("payload".utf8))
        #expect(b.status == 200 && b.bodyText == "payload")
        let big = try client.send(method: .get, url: base + "/big")
        #expect(big.body.count > 1000)
        let h = try client.send(method: .head, url: base + "/big")
        #expect(h.status == 200 && h.body.isEmpty)
        let later = try client.send(method: .get, url: base + "/later")
        #expect(later.status == 202)
        client.close()
        server.shutdown()
        // Every request went over the same connection.
        #expect(Set(log.all.map(\.remoteAddress)).count == 1)
        #expect(log.all.count == 5)
    }

    @Test func readTimeoutAndRefusedConnection() throws {
        let server = try startServer()
        let client = HTTPClient()
        let port = server.boundPort
        #expect(throws: HTTPClientError.readTimeout) {
            try client.send(method: .get, url: "http://127.0.0.1:\(port)/slow", timeout: .milliseconds(50))
        }
        server.shutdown()
        #expect(throws: HTTPClientError.self) {
            try client.send(method: .get, url: "http://127.0.0.1:\(port)/hello", timeout: .seconds(1))
        }
    }

    @Test func staleKeepAliveConnectionIsReplaced() throws {
        let server = try startServer { $0.idleTimeout = .milliseconds(100) }
        defer { server.shutdown() }
        let client = HTTPClient()
        let url = "http://127.0.0.1:\(server.boundPort)/hello"
        #expect(try client.send(method: .get, url: url).status == 200)
        var waited = 0
        while server.connectionCount > 0 && waited < 500 { sleepMillis(10); waited += 1 }
        #expect(server.connectionCount == 0)  // the server closed the pooled connection
        #expect(client.idleConnectionCount == 1)  // …which the client still holds
        #expect(try client.send(method: .get, url: url).status == 200)
    }
}
