import Testing
@testable import FenliuHTTP

private func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

/// Feeds everything at once and collects events until `.needMore` or a failure.
private func parseAll(_ input: String, maxHeader: Int = 1024, maxBody: Int = 1024) -> [HTTPParseEvent] {
    var p = HTTPRequestParser(maxHeaderBytes: maxHeader, maxBodyBytes: maxBody)
    p.append(bytes(input))
    var events: [HTTPParseEvent] = []
    while true {
        let e = p.next()
        switch e {
        case .needMore: return events
        case .failure: events.append(e); return events
        default: events.append(e)
        }
    }
}

private func firstRequest(_ input: String) -> (HTTPRequest, Bool)? {
    for e in parseAll(input) { if case .request(let r, let k) = e { return (r, k) } }
    return nil
}

private func failure(_ input: String, maxHeader: Int = 1024, maxBody: Int = 1024) -> HTTPParseError? {
    for e in parseAll(input, maxHeader: maxHeader, maxBody: maxBody) { if case .failure(let f) = e { return f } }
    return nil
}

@Suite struct RequestParserTests {
    @Test func simpleGetWithKeepAlive() throws {
        let (r, keep) = try #require(firstRequest("GET /calls?x=1 HTTP/1.1\r\nHost: a\r\n\r\n"))
        #expect(r.method == .get)
        #expect(r.path == "/calls")
        #expect(r.target == "/calls?x=1")
        #expect(r.queryValue("x") == "1")
        #expect(r.version == .http1_1)
        #expect(r.headers["host"] == "a")
        #expect(keep)
    }

    @Test func connectionSemantics() throws {
        #expect(try #require(firstRequest("GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")).1 == false)
        #expect(try #require(firstRequest("GET / HTTP/1.0\r\n\r\n")).1 == false)
        #expect(try #require(firstRequest("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n")).1 == true)
    }

    @Test func percentDecodingOfPathAndQuery() throws {
        let (r, _) = try #require(firstRequest("GET /a%20b/%E6%8A%A5%E8%AD%A6?q=a+b%26c&flag&n=%E4%BD%A0 HTTP/1.1\r\nHost: a\r\n\r\n"))
        #expect(r.path == "/a b/报警")
        #expect(r.query.map(\.name) == ["q", "flag", "n"])
        #expect(r.query.map(\.value) == ["a b&c", "", "你"])
        #expect(failure("GET /a%2 HTTP/1.1\r\nHost: a\r\n\r\n") == .badRequest("Malformed request target."))
        #expect(failure("GET /a%zz HTTP/1.1\r\nHost: a\r\n\r\n") != nil)
        #expect(failure("GET /%FF HTTP/1.1\r\nHost: a\r\n\r\n") != nil) // not UTF-8
    }

    @Test func absoluteFormTarget() throws {
        let (r, _) = try #require(firstRequest("GET http://example.com/x?y=2 HTTP/1.1\r\nHost: example.com\r\n\r\n"))
        #expect(r.path == "/x")
        #expect(r.queryValue("y") == "2")
    }

    @Test func contentLengthBody() throws {
        let (r, _) = try #require(firstRequest("POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello"))
        #expect(r.body == bytes("hello"))
    }

    @Test func chunkedBodyWithExtensionsAndTrailers() throws {
        let input = "POST /x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "5;name=value\r\nhello\r\n6 ; ext\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n"
        let (r, _) = try #require(firstRequest(input))
        #expect(r.body == bytes("hello world"))
    }

    @Test func pipelinedRequestsComeOutInOrder() {
        let input = "GET /1 HTTP/1.1\r\nHost: a\r\n\r\nPOST /2 HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\nhiGET /3 HTTP/1.1\r\nHost: a\r\n\r\n"
        let paths = parseAll(input).compactMap { e -> String? in
            if case .request(let r, _) = e { return r.path } else { return nil }
        }
        #expect(paths == ["/1", "/2", "/3"])
    }

    @Test func oneByteAtATime() {
        let input = bytes("POST /a%20b HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3;x=y\r\nabc\r\n0\r\nT: v\r\n\r\n"
            + "GET /next HTTP/1.1\r\nHost: a\r\n\r\n")
        var p = HTTPRequestParser(maxHeaderBytes: 1024, maxBodyBytes: 1024)
        var requests: [HTTPRequest] = []
        for b in input {
            p.append([b])
            loop: while true {
                switch p.next() {
                case .needMore: break loop
                case .request(let r, _): requests.append(r)
                case .continueExpected: continue
                case .failure(let e): Issue.record("unexpected failure \(e)"); return
                }
            }
        }
        #expect(requests.map(\.path) == ["/a b", "/next"])
        #expect(requests.first?.body == bytes("abc"))
    }

    @Test func expectContinueIsReportedBeforeTheBody() {
        var p = HTTPRequestParser(maxHeaderBytes: 1024, maxBodyBytes: 1024)
        p.append(bytes("POST /x HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n"))
        guard case .continueExpected = p.next() else { Issue.record("expected continue"); return }
        guard case .needMore = p.next() else { Issue.record("expected needMore"); return }
        p.append(bytes("abc"))
        guard case .request(let r, _) = p.next() else { Issue.record("expected request"); return }
        #expect(r.body == bytes("abc"))
        // Over the limit: 413 straight away, no 100 Continue.
        #expect(failure("POST /x HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 5000\r\n\r\n") == .bodyTooLarge)
        #expect(failure("POST /x HTTP/1.1\r\nHost: a\r\nExpect: something-else\r\n\r\n") == .expectationFailed)
    }

    @Test func smugglingAttemptsAreRejected() {
        let h = "POST /x HTTP/1.1\r\nHost: a\r\n"
        #expect(failure(h + "Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n") != nil)
        #expect(failure(h + "Content-Length: 3\r\nContent-Length: 3\r\n\r\nabc") != nil)
        #expect(failure(h + "Content-Length: 3\r\nContent-Length: 4\r\n\r\nabcd") != nil)
        #expect(failure(h + "Content-Length: 3, 3\r\n\r\nabc") != nil)
        #expect(failure(h + "Content-Length: +3\r\n\r\nabc") != nil)
        #expect(failure(h + "Content-Length: abc\r\n\r\n") != nil)
        #expect(failure(h + "Content-Length: \r\n\r\n") != nil)
        #expect(failure(h + "Transfer-Encoding: gzip\r\n\r\n")?.status == .badRequest)
        #expect(failure(h + "Transfer-Encoding: chunked, gzip\r\n\r\n")?.status == .badRequest)
        #expect(failure(h + "X-A: 1\r\n folded\r\n\r\n")?.status == .badRequest)
        #expect(failure(h + "X-A : 1\r\n\r\n")?.status == .badRequest)
        #expect(failure(h + "Transfer-Encoding: chunked\r\n\r\nzz\r\n")?.status == .badRequest)
        #expect(failure(h + "Transfer-Encoding: chunked\r\n\r\n-1\r\n")?.status == .badRequest)
        #expect(failure(h + "Transfer-Encoding: chunked\r\n\r\nffffffffffffffffff\r\n")?.status == .badRequest)
        #expect(failure(h + "Transfer-Encoding: chunked\r\n\r\n3\r\nabcX\r\n")?.status == .badRequest)
    }

    @Test func malformedRequestsGive400Or505() {
        #expect(failure("GET / HTTP/1.1\r\n\r\n") == .badRequest("Missing Host header."))
        #expect(failure("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n")?.status == .badRequest)
        #expect(failure("GET / HTTP/2.0\r\nHost: a\r\n\r\n") == .versionNotSupported)
        #expect(failure("GET / HTTP/3.7\r\nHost: a\r\n\r\n")?.status == .httpVersionNotSupported)
        #expect(failure("GET / FOO/1.1\r\nHost: a\r\n\r\n")?.status == .badRequest)
        #expect(failure("GET /\r\nHost: a\r\n\r\n")?.status == .badRequest)
        #expect(failure("GET  / HTTP/1.1\r\nHost: a\r\n\r\n")?.status == .badRequest)
        #expect(failure("G(T / HTTP/1.1\r\nHost: a\r\n\r\n")?.status == .badRequest)
        #expect(failure("GET nopath HTTP/1.1\r\nHost: a\r\n\r\n")?.status == .badRequest)
        #expect(failure("GET / HTTP/1.1\r\nNoColon\r\nHost: a\r\n\r\n")?.status == .badRequest)
        #expect(failure("GET / HTTP/1.1\r\nHost: a\r\nX: a\u{01}b\r\n\r\n")?.status == .badRequest)
        #expect(failure("\u{00}\u{ff}\u{fe} garbage\r\n\r\n")?.status == .badRequest)
    }

    /// The request line is judged when it ends, and an unfinished one as far as its method goes, so a client
    /// speaking another protocol is told at once instead of waiting out the header timeout.
    @Test func badRequestLineFailsBeforeTheHeadersEnd() {
        #expect(failure("GARBAGE\r\n") == .badRequest("Malformed request line."))
        #expect(failure("GET  / HTTP/1.1\r\n") == .badRequest("Malformed request line."))
        #expect(failure("GET / FOO/1.1\r\nHost: a\r\n") == .badRequest("Malformed HTTP version."))
        #expect(failure("GET / HTTP/2.0\r\n") == .versionNotSupported)
        #expect(failure("\u{16}\u{03}\u{01}") == .badRequest("Malformed method."))
        #expect(failure(" GET") == .badRequest("Malformed request line."))
        #expect(failure(String(repeating: "A", count: HTTPRequestParser.maxMethodBytes + 1)) == .badRequest("Malformed method."))
        // Unfinished but possibly right: wait for more.
        for partial in ["G", "GET", "GET ", "GET /x", "GET /x HTTP/1.1\r", "\r", "\r\nPOS",
                        String(repeating: "A", count: HTTPRequestParser.maxMethodBytes)] {
            #expect(parseAll(partial).isEmpty, "\(partial.debugDescription) is not wrong yet")
        }
        // Byte by byte, a good request still parses, and a bad one fails at its first wrong byte.
        var good = HTTPRequestParser(maxHeaderBytes: 1024, maxBodyBytes: 1024)
        var parsed = false
        for byte in bytes("GET /x HTTP/1.1\r\nHost: a\r\n\r\n") {
            good.append([byte])
            if case .request = good.next() { parsed = true }
        }
        #expect(parsed)
        var bad = HTTPRequestParser(maxHeaderBytes: 1024, maxBodyBytes: 1024)
        var failedAt: Int?
        for (i, byte) in bytes("GE{T / HTTP/1.1").enumerated() where failedAt == nil {
            bad.append([byte])
            if case .failure = bad.next() { failedAt = i }
        }
        #expect(failedAt == 2)
    }

    @Test func limits() {
        let big = "GET / HTTP/1.1\r\nHost: a\r\nX-Big: " + String(repeating: "a", count: 2000) + "\r\n\r\n"
        #expect(failure(big, maxHeader: 1024) == .headersTooLarge)
        // Even without a terminator, the limit triggers.
        #expect(failure("GET / HTTP/1.1\r\nX: " + String(repeating: "b", count: 2000), maxHeader: 1024) == .headersTooLarge)
        #expect(failure("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1025\r\n\r\n", maxBody: 1024) == .bodyTooLarge)
        let chunked = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n200\r\n" + String(repeating: "x", count: 512)
            + "\r\n201\r\n"
        #expect(failure(chunked, maxBody: 1024) == .bodyTooLarge)
    }

    @Test func contentEncoding() throws {
        let plain = Array(repeating: UInt8(ascii: "z"), count: 500)
        let gz = Gzip.compress(plain)
        var p = HTTPRequestParser(maxHeaderBytes: 1024, maxBodyBytes: 1024)
        p.append(bytes("POST / HTTP/1.1\r\nHost: a\r\nContent-Encoding: gzip\r\nContent-Length: \(gz.count)\r\n\r\n") + gz)
        guard case .request(let r, _) = p.next() else { Issue.record("expected request"); return }
        #expect(r.body == plain)
        #expect(failure("POST / HTTP/1.1\r\nHost: a\r\nContent-Encoding: br\r\nContent-Length: 0\r\n\r\n") == .unsupportedContentEncoding)
        let bomb = Gzip.compress(Array(repeating: 0, count: 1_000_000))
        var q = HTTPRequestParser(maxHeaderBytes: 1024, maxBodyBytes: 4096)
        q.append(bytes("POST / HTTP/1.1\r\nHost: a\r\nContent-Encoding: gzip\r\nContent-Length: \(bomb.count)\r\n\r\n") + bomb)
        guard case .failure(.bodyTooLarge) = q.next() else { Issue.record("expected 413"); return }
        var c = HTTPRequestParser(maxHeaderBytes: 1024, maxBodyBytes: 4096)
        c.append(bytes("POST / HTTP/1.1\r\nHost: a\r\nContent-Encoding: gzip\r\nContent-Length: 4\r\n\r\nabcd"))
        guard case .failure(let e) = c.next() else { Issue.record("expected 400"); return }
        #expect(e.status == .badRequest)
    }

    @Test func leadingBlankLinesAreIgnored() throws {
        let (r, _) = try #require(firstRequest("\r\n\r\nGET /x HTTP/1.1\r\nHost: a\r\n\r\n"))
        #expect(r.path == "/x")
    }

    /// A bare LF where HTTP wants CRLF is refused wherever it is: a proxy that does not take it as a line end would
    /// frame the message differently from us.
    @Test(arguments: [
        "GET /x HTTP/1.1\nHost: a\r\n\r\n",
        "GET /x HTTP/1.1\r\nHost: a\nX-A: b\r\n\r\n",
        "GET /x HTTP/1.1\r\nHost: a\r\n\n",
        "\nGET /x HTTP/1.1\r\nHost: a\r\n\r\n",
        "POST /x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\nabc\r\n0\r\n\r\n",
        "POST /x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\n0\r\n\r\n",
        "POST /x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\nX-T: 1\n\r\n",
        "POST /x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\n",
    ])
    func bareLFIsRefused(_ raw: String) {
        var p = HTTPRequestParser(maxHeaderBytes: 1024, maxBodyBytes: 1024)
        p.append(bytes(raw))
        guard case .failure(let e) = p.next() else { Issue.record("bare LF accepted: \(raw.debugDescription)"); return }
        #expect(e.status == .badRequest)
    }

    @Test func chunkedBodyWithTrailersAndCRLFEverywhereIsRead() throws {
        let (r, _) = try #require(firstRequest(
            "POST /x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3;ext=1\r\nabc\r\n0\r\nX-T: 1\r\n\r\n"))
        #expect(r.body == Array("abc".utf8))
    }

    @Test func failureIsSticky() {
        var p = HTTPRequestParser(maxHeaderBytes: 1024, maxBodyBytes: 1024)
        p.append(bytes("BAD\r\n\r\n"))
        guard case .failure = p.next() else { Issue.record("expected failure"); return }
        p.append(bytes("GET / HTTP/1.1\r\nHost: a\r\n\r\n"))
        guard case .failure = p.next() else { Issue.record("still failure"); return }
    }
}

@Suite struct ResponseParserTests {
    @Test func contentLengthChunkedAndClose() {
        var p = HTTPResponseParser()
        p.append(bytes("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhiHTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n2;x\r\nab\r\n0\r\n\r\n"))
        guard case .response(let a) = p.next(), case .response(let b) = p.next() else { Issue.record("two responses"); return }
        #expect(a.status == 200 && a.bodyText == "hi" && a.keepAlive)
        #expect(b.status == 201 && b.bodyText == "ab")
        var c = HTTPResponseParser()
        c.append(bytes("HTTP/1.0 200 OK\r\n\r\nuntil close"))
        guard case .needMore = c.next(), case .response(let r) = c.finishOnClose() else { Issue.record("close body"); return }
        #expect(r.bodyText == "until close" && !r.keepAlive)
    }
}
