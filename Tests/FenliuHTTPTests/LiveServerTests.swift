#if canImport(Glibc)
import Glibc
#endif
import CSocket
import Testing
@testable import FenliuHTTP

@Suite struct LiveServerTests {
    @Test func keepAliveServesTwoRequestsOnOneConnection() throws {
        let server = try startServer()
        defer { server.shutdown() }
        let c = try RawClient(port: server.boundPort)
        c.send("GET /hello?q=%E4%BD%A0 HTTP/1.1\r\nHost: x\r\n\r\n")
        let a = try #require(c.response())
        #expect(a.status == 200)
        #expect(a.bodyText.hasPrefix("hello /hello q=你"))
        #expect(a.headers["Date"] != nil)
        #expect(a.headers["Content-Length"] == String(a.body.count))
        #expect(a.headers["Connection"] == nil)
        c.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n")
        let b = try #require(c.response())
        #expect(b.status == 200)
        #expect(b.bodyText.contains("from=127.0.0.1:"))
    }

    @Test func connectionCloseAndHTTP10() throws {
        let server = try startServer()
        defer { server.shutdown() }
        let c = try RawClient(port: server.boundPort)
        c.send("GET /hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        let r = try #require(c.response())
        #expect(r.status == 200)
        #expect(r.headers["Connection"] == "close")
        #expect(c.isClosedByPeer())

        let d = try RawClient(port: server.boundPort)
        d.send("GET /hello HTTP/1.0\r\n\r\n")
        let r10 = try #require(d.response())
        #expect(r10.status == 200)
        #expect(r10.headers["Connection"] == "close")
        #expect(d.isClosedByPeer())

        let e = try RawClient(port: server.boundPort)
        e.send("GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
        let k = try #require(e.response())
        #expect(k.headers["Connection"] == "keep-alive")
        e.send("GET /hello HTTP/1.0\r\n\r\n")
        #expect(e.response()?.status == 200)
    }

    @Test func pipelinedRequestsAreAnsweredInOrder() throws {
        let server = try startServer()
        defer { server.shutdown() }
        let c = try RawClient(port: server.boundPort)
        // The middle one is answered from another thread after a delay: order must still hold.
        c.send("GET /hello?q=1 HTTP/1.1\r\nHost: x\r\n\r\nGET /later HTTP/1.1\r\nHost: x\r\n\r\nPOST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc")
        let a = try #require(c.response())
        let b = try #require(c.response())
        let d = try #require(c.response())
        #expect(a.bodyText.contains("q=1"))
        #expect(b.status == 202 && b.bodyText == "later /later")
        #expect(d.bodyText == "abc")
    }

    @Test func chunkedRequestBodyAndExpectContinue() throws {
        let server = try startServer()
        defer { server.shutdown() }
        let c = try RawClient(port: server.boundPort)
        c.send("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n4;ext=1\r\nWiki\r\n5\r\npedia\r\n0\r\nT: 1\r\n\r\n")
        #expect(c.response()?.bodyText == "Wikipedia")

        c.send("POST /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n")
        let interim = try #require(c.response())
        #expect(interim.status == 100)
        c.send("body")
        let final = try #require(c.response())
        #expect(final.status == 200 && final.bodyText == "body")

        let d = try RawClient(port: server.boundPort)
        d.send("POST /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 999999999\r\n\r\n")
        let tooBig = try #require(d.response())
        #expect(tooBig.status == 413)
        #expect(tooBig.headers["Content-Type"] == "application/problem+json")
    }

    @Test func headHasLengthButNoBody() throws {
        let server = try startServer()
        defer { server.shutdown() }
        let c = try RawClient(port: server.boundPort)
        c.send("HEAD /big HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\n\r\n")
        let h = try #require(c.response(head: true))
        #expect(h.status == 200)
        #expect(h.body.isEmpty)
        let length = try #require(Int(h.headers["Content-Length"] ?? ""))
        // The headers a GET would get: the gzip-encoded body's length and encoding.
        c.send("GET /big HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\n\r\n")
        let g = try #require(c.response())
        #expect(g.headers["Content-Encoding"] == "gzip")
        #expect(h.headers["Content-Encoding"] == "gzip")
        #expect(length == g.body.count)
        #expect(h.headers["Vary"] == g.headers["Vary"])
        // Next response on the same connection parses cleanly: no stray body bytes were sent.
        c.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(c.response()?.status == 200)
    }

    @Test func routerNotFoundAndMethodNotAllowed() throws {
        let server = try startServer()
        defer { server.shutdown() }
        let c = try RawClient(port: server.boundPort)
        c.send("GET /nope HTTP/1.1\r\nHost: x\r\n\r\n")
        let nf = try #require(c.response())
        #expect(nf.status == 404)
        #expect(nf.headers["Content-Type"] == "application/problem+json")
        c.send("DELETE /hello HTTP/1.1\r\nHost: x\r\n\r\n")
        let na = try #require(c.response())
        #expect(na.status == 405)
        #expect(na.headers["Allow"]?.contains("GET") == true)
        c.send("GET /users/42 HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(c.response()?.bodyText == "user 42")
    }

    @Test func malformedAndOversizedRequests() throws {
        let server = try startServer { $0.maxHeaderBytes = 1024; $0.maxBodyBytes = 2048 }
        defer { server.shutdown() }
        let cases: [(String, Int)] = [
            ("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + String(repeating: "a", count: 3000) + "\r\n\r\n", 431),
            ("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 4096\r\n\r\n", 413),
            ("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n800\r\n" + String(repeating: "y", count: 2048) + "\r\n1\r\n", 413),
            ("GET / HTTP/1.1\r\n\r\n", 400),
            ("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n", 400),
            ("GET / HTTP/9.9\r\nHost: x\r\n\r\n", 505),
            ("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Encoding: br\r\nContent-Length: 1\r\n\r\nx", 415),
            ("\u{16}\u{03}\u{01}\u{02}\u{00}\r\n\r\n", 400),
            ("GET / HTTP/1.1\nHost: x\n\n", 400),
            ("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\nabc\r\n0\r\n\r\n", 400),
        ]
        for (request, status) in cases {
            let c = try RawClient(port: server.boundPort)
            c.send(request)
            let r = try #require(c.response())
            #expect(r.status == status)
            #expect(r.headers["Content-Type"] == "application/problem+json")
            #expect(r.headers["Connection"] == "close")
            #expect(c.isClosedByPeer())
        }
    }

    @Test func gzipInBothDirections() throws {
        let server = try startServer { $0.gzipMinimumBytes = 1024 }
        defer { server.shutdown() }
        let c = try RawClient(port: server.boundPort)
        c.send("GET /big HTTP/1.1\r\nHost: x\r\nAccept-Encoding: br, gzip\r\n\r\n")
        let r = try #require(c.response())
        #expect(r.headers["Content-Encoding"] == "gzip")
        #expect(r.headers["Vary"] == "Accept-Encoding")
        let plain = try Gzip.decompress(r.body, limit: 1 << 20).get()
        #expect(String(decoding: plain, as: UTF8.self).hasPrefix("{\"district\":\"朝阳\""))

        c.send("GET /big HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip;q=0\r\n\r\n")
        let refused = try #require(c.response())
        #expect(refused.headers["Content-Encoding"] == nil)
        #expect(refused.body == plain)

        c.send("GET /hello HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\n\r\n")
        #expect(c.response()?.headers["Content-Encoding"] == nil) // small: not worth compressing

        let payload = Array(String(repeating: "110 报警 ", count: 100).utf8)
        let packed = Gzip.compress(payload)
        c.send(Array("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Encoding: gzip\r\nContent-Length: \(packed.count)\r\n\r\n".utf8) + packed)
        #expect(c.response()?.body == payload)
    }

    @Test func zipBombRequestGets413() throws {
        let server = try startServer { $0.maxBodyBytes = 64 * 1024 }
        defer { server.shutdown() }
        let bomb = Gzip.compress(Array(repeating: 0, count: 10_000_000), level: 9)
        let c = try RawClient(port: server.boundPort)
        c.send(Array("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Encoding: gzip\r\nContent-Length: \(bomb.count)\r\n\r\n".utf8) + bomb)
        #expect(c.response()?.status == 413)
    }

    @Test func requestIDIsEchoedOrGenerated() throws {
        let log = LogCollector()
        let server = try startServer(log: log)
        let c = try RawClient(port: server.boundPort)
        c.send("GET /hello?secret=1 HTTP/1.1\r\nHost: x\r\nX-Request-ID: abc-123.X:y_z\r\n\r\n")
        let a = try #require(c.response())
        #expect(a.headers["X-Request-ID"] == "abc-123.X:y_z")
        #expect(a.bodyText.contains("id=abc-123.X:y_z"))
        c.send("GET /hello HTTP/1.1\r\nHost: x\r\nX-Request-ID: bad id with spaces\r\n\r\n")
        let b = try #require(c.response())
        let generated = try #require(b.headers["X-Request-ID"])
        #expect(generated != "bad id with spaces")
        #expect(!generated.isEmpty)
        c.send("GET /hello HTTP/1.1\r\nHost: x\r\nX-Request-ID: \(String(repeating: "a", count: 129))\r\n\r\n")
        #expect(c.response()?.headers["X-Request-ID"]?.count != 129)
        server.shutdown()

        let entries = log.all
        #expect(entries.count == 3)
        let first = try #require(entries.first)
        #expect(first.method == "GET")
        #expect(first.path == "/hello") // no query string
        #expect(first.status == 200)
        #expect(first.requestID == "abc-123.X:y_z")
        #expect(first.bytes > 0)
        #expect(first.remoteAddress.hasPrefix("127.0.0.1:"))
        #expect(entries[1].requestID == generated)
    }

    @Test func answerFromAnotherThread() throws {
        let server = try startServer()
        defer { server.shutdown() }
        let clients = try (0..<6).map { _ in try RawClient(port: server.boundPort) }
        for c in clients { c.send("GET /later HTTP/1.1\r\nHost: x\r\n\r\n") }
        for c in clients {
            let r = try #require(c.response())
            #expect(r.status == 202 && r.bodyText == "later /later")
        }
    }

    @Test func connectionsOverTheLimitGet503() throws {
        let server = try startServer { $0.maxConnections = 2 }
        defer { server.shutdown() }
        let a = try RawClient(port: server.boundPort)
        let b = try RawClient(port: server.boundPort)
        // Make sure both are adopted before the third connects.
        a.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n")
        b.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(a.response()?.status == 200)
        #expect(b.response()?.status == 200)
        let c = try RawClient(port: server.boundPort)
        let r = try #require(c.response())
        #expect(r.status == 503)
        #expect(r.headers["Content-Type"] == "application/problem+json")
        #expect(c.isClosedByPeer())
    }

    @Test func headerTimeoutGives408() throws {
        let server = try startServer { $0.headerTimeout = .milliseconds(200) }
        defer { server.shutdown() }
        let c = try RawClient(port: server.boundPort)
        c.send("GET /hello HTTP/1.1\r\nHost: x\r\n") // never finished
        let r = try #require(c.response())
        #expect(r.status == 408)
        #expect(c.isClosedByPeer())
    }

    /// A request line that is already wrong gets 400 at once, before the headers end: with a header timeout of a
    /// minute, an answer at all shows it did not wait for the timeout (which would be 408).
    @Test(arguments: ["GARBAGE\r\n", "GET  /hello HTTP/1.1\r\n", "GET /hello FOO/1.1\r\nHost: x\r\n",
                      "\u{16}\u{03}\u{01}\u{02}\u{00}\u{01}"])
    func malformedRequestLineGives400WithoutWaitingForTheHeaders(_ start: String) throws {
        let server = try startServer { $0.headerTimeout = .seconds(60) }
        defer { server.shutdown() }
        let c = try RawClient(port: server.boundPort)
        c.send(start) // the header block never ends
        let r = try #require(c.response())
        #expect(r.status == 400)
        #expect(r.headers["Content-Type"] == "application/problem+json")
        #expect(c.isClosedByPeer())
    }

    @Test func bodyStallGives408() throws {
        let server = try startServer { $0.bodyStallTimeout = .milliseconds(200) }
        defer { server.shutdown() }
        let c = try RawClient(port: server.boundPort)
        c.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc")
        #expect(c.response()?.status == 408)
    }

    @Test func idleKeepAliveIsClosedSilently() throws {
        let server = try startServer { $0.idleTimeout = .milliseconds(200) }
        defer { server.shutdown() }
        let c = try RawClient(port: server.boundPort)
        c.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(c.response()?.status == 200)
        #expect(c.readSome() == nil) // EOF, no 408
    }

    @Test func streamingWritesChunksAndFinishes() throws {
        let server = try startServer()
        defer { server.shutdown() }
        let c = try RawClient(port: server.boundPort)
        c.send("GET /finite HTTP/1.1\r\nHost: x\r\n\r\n")
        let r = try #require(c.response())
        #expect(r.status == 200)
        #expect(r.headers["Transfer-Encoding"] == "chunked")
        #expect(r.headers["Content-Length"] == nil)
        #expect(r.headers["Content-Type"] == "text/event-stream")
        #expect(r.bodyText == "data: 0\n\ndata: 1\n\ndata: 2\n\n")
        #expect(c.isClosedByPeer())
    }

    @Test func clientDisconnectClosesTheStream() throws {
        let streams = Box<[StreamWriter]>([])
        let closed = Box(0)
        let server = try startServer(responder: testRouter(streams: streams, closed: closed))
        defer { server.shutdown() }
        do {
            let c = try RawClient(port: server.boundPort)
            c.send("GET /stream HTTP/1.1\r\nHost: x\r\n\r\n")
            var received: [UInt8] = []
            while !String(decoding: received, as: UTF8.self).contains("data: two"), let more = c.readSome() {
                received += more
            }
            #expect(String(decoding: received, as: UTF8.self).contains("data: one"))
        } // client closes here
        var waited = 0
        while closed.get() == 0 && waited < 500 { sleepMillis(10); waited += 1 }
        #expect(closed.get() == 1)
        let writer = try #require(streams.get().first)
        #expect(writer.isClosed)
        #expect(writer.write(Array("data: late\n\n".utf8)) == false)
    }

    @Test func slowConsumerIsDropped() throws {
        let streams = Box<[StreamWriter]>([])
        let closed = Box(0)
        let server = try startServer({ $0.maxPendingOutputBytes = 64 * 1024 },
                                     responder: testRouter(streams: streams, closed: closed))
        defer { server.shutdown() }
        let c = try RawClient(port: server.boundPort)
        c.send("GET /stream HTTP/1.1\r\nHost: x\r\n\r\n")
        var waited = 0
        while streams.get().isEmpty && waited < 500 { sleepMillis(10); waited += 1 }
        let writer = try #require(streams.get().first)
        // The client never reads: the socket buffers fill, then pending output passes the limit.
        let block = [UInt8](repeating: 65, count: 16 * 1024)
        var accepted = 0
        while writer.write(block) && accepted < 100_000 { accepted += 1 }
        #expect(writer.isClosed)
        #expect(accepted < 100_000)
        waited = 0
        while closed.get() == 0 && waited < 500 { sleepMillis(10); waited += 1 }
        #expect(closed.get() == 1)
    }

    @Test func gracefulShutdownFinishesInFlightRequest() throws {
        let started = Box(0)
        let server = try startServer({ $0.shutdownGracePeriod = .seconds(5) }, responder: testRouter(slowStarted: started))
        let c = try RawClient(port: server.boundPort)
        let idle = try RawClient(port: server.boundPort)
        idle.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(idle.response()?.status == 200)
        c.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n")
        var waited = 0
        while started.get() == 0 && waited < 500 { sleepMillis(10); waited += 1 }  // the request is in the responder
        #expect(started.get() == 1)
        server.shutdown() // blocks until the slow answer was written
        let r = try #require(c.response())
        #expect(r.status == 200 && r.bodyText == "slow done")
        #expect(r.headers["Connection"] == "close")
        #expect(idle.isClosedByPeer())
        #expect(server.connectionCount == 0)
        #expect((try? RawClient(port: server.boundPort)) == nil) // listener closed
    }

    @Test func halfClosedClientStillGetsItsAnswer() throws {
        let server = try startServer()
        defer { server.shutdown() }
        let c = try RawClient(port: server.boundPort)
        c.send("GET /later HTTP/1.1\r\nHost: x\r\n\r\n")
        c.shutdownWrite()
        let r = try #require(c.response())
        #expect(r.status == 202)
        #expect(c.isClosedByPeer())
    }

    @Test func manyIdleConnectionsOnTwoLoops() throws {
        let server = try startServer()
        defer { server.shutdown() }
        let clients = try (0..<200).map { _ in try RawClient(port: server.boundPort) }
        for c in clients { c.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n") }
        for c in clients { #expect(c.response()?.status == 200) }
        #expect(server.connectionCount == 200)
    }

    @Test func oneByteAtATimeOverTheWire() throws {
        let server = try startServer()
        defer { server.shutdown() }
        let c = try RawClient(port: server.boundPort)
        for b in "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello".utf8 { c.send([b]) }
        #expect(c.response()?.bodyText == "hello")
    }
}

@Suite struct ServerStartupTests {
    @Test func bindingABusyPortReportsTheSyscallAndErrno() throws {
        let first = try startServer()
        defer { first.shutdown() }
        var c = HTTPServerConfiguration()
        c.port = first.boundPort
        let second = HTTPServer(configuration: c, responder: testRouter())
        do {
            try second.start()
            Issue.record("second bind should fail")
            second.shutdown()
        } catch let e as SocketError {
            #expect(e.call.hasPrefix("bind"))
            #expect(e.errno == EADDRINUSE)
            #expect(!e.message.isEmpty)
        }
    }

    @Test func shutdownWithoutStartAndTwiceIsHarmless() throws {
        let never = HTTPServer(configuration: HTTPServerConfiguration(), responder: testRouter())
        never.shutdown()
        let s = try startServer()
        s.shutdown()
        s.shutdown()
        #expect(s.connectionCount == 0)
    }

    @Test func sinkAnswersOnlyOnce() throws {
        struct Twice: HTTPResponder {
            func respond(to request: HTTPRequest, context: RequestContext, sink: ResponseSink) {
                sink.send(HTTPResponse(status: .ok, body: Array("first".utf8)))
                sink.send(HTTPResponse(status: .internalServerError, body: Array("second".utf8)))
            }
        }
        let server = try startServer(responder: Twice())
        defer { server.shutdown() }
        let c = try RawClient(port: server.boundPort)
        c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(c.response()?.bodyText == "first")
        #expect(c.response()?.bodyText == "first")
    }
}
