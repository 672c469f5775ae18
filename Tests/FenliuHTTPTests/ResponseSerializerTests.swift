import Testing
@testable import FenliuHTTP

/// The bytes a loop writes for a response, checked without a socket.
@Suite struct ResponseSerializerTests {
    let serializer = ResponseSerializer(gzipMinimumBytes: 1024, gzipLevel: 1)
    let date = Array("Sun, 29 Nov 2026 23:59:59 GMT".utf8)

    func info(head: Bool = false, gzip: Bool = false, version: HTTPVersion = .http1_1) -> RequestInfo {
        RequestInfo(method: head ? "HEAD" : "GET", path: "/x", requestID: "req-1", startNanos: 0, isHead: head,
                    acceptsGzip: gzip, keepAlive: true, version: version)
    }

    /// Splits a serialized response into its head lines and its body.
    func split(_ bytes: [UInt8]) -> (lines: [String], body: [UInt8]) {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard let end = (0...(bytes.count - 4)).first(where: { Array(bytes[$0..<$0 + 4]) == separator }) else {
            Issue.record("no end of head")
            return ([], [])
        }
        let lines = bytes[..<end].split(separator: 10, omittingEmptySubsequences: false).map { line in
            String(decoding: line.last == 13 ? line.dropLast() : line, as: UTF8.self)
        }
        return (lines, Array(bytes[(end + 4)...]))
    }

    func field(_ lines: [String], _ name: String) -> [String] {
        lines.dropFirst().compactMap { line in
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == name.lowercased() else { return nil }
            return String(parts[1].drop(while: { $0 == " " }))
        }
    }

    @Test func completeResponseHasFramingDateAndRequestID() {
        let body = Array(#"{"ok":true}"#.utf8)
        let bytes = serializer.complete(.json(.ok, body), info: info(), close: false, date: date)
        let (lines, rest) = split(bytes)
        #expect(lines.first == "HTTP/1.1 200 OK")
        #expect(field(lines, "Content-Length") == [String(body.count)])
        #expect(field(lines, "Date") == ["Sun, 29 Nov 2026 23:59:59 GMT"])
        #expect(field(lines, "X-Request-ID") == ["req-1"])
        #expect(field(lines, "Connection").isEmpty)
        #expect(rest == body)
    }

    @Test func handlerCopiesOfServerOwnedHeadersAreDropped() {
        let headers: HTTPHeaders = ["Content-Length": "999", "Connection": "keep-alive", "X-Request-ID": "forged",
                                    "Transfer-Encoding": "chunked", "X-Other": "kept"]
        let response = HTTPResponse(status: .ok, headers: headers, body: Array("abc".utf8))
        let (lines, _) = split(serializer.complete(response, info: info(), close: true, date: date))
        #expect(field(lines, "Content-Length") == ["3"])
        #expect(field(lines, "Connection") == ["close"])
        #expect(field(lines, "X-Request-ID") == ["req-1"])
        #expect(field(lines, "Transfer-Encoding").isEmpty)
        #expect(field(lines, "X-Other") == ["kept"])
    }

    /// A header value carrying CR LF would let a handler split the response in two; such a field is not written.
    @Test func fieldWithLineBreakIsNotWritten() {
        let headers: HTTPHeaders = ["X-Evil": "a\r\nSet-Cookie: x=1", "X-Fine": "b"]
        let bytes = serializer.complete(HTTPResponse(status: .ok, headers: headers), info: info(), close: false, date: date)
        let (lines, _) = split(bytes)
        #expect(field(lines, "X-Evil").isEmpty)
        #expect(field(lines, "Set-Cookie").isEmpty)
        #expect(field(lines, "X-Fine") == ["b"])
    }

    @Test func headGetsTheLengthOfTheBodyItDoesNotCarry() {
        let body = [UInt8](repeating: 65, count: 10)
        let (lines, rest) = split(serializer.complete(HTTPResponse(status: .ok, body: body), info: info(head: true),
                                                      close: false, date: date))
        #expect(field(lines, "Content-Length") == ["10"])
        #expect(rest.isEmpty)
    }

    @Test func noContentHasNoBodyAndNoLength() {
        let response = HTTPResponse(status: HTTPStatus(code: 204, reason: "No Content"), body: Array("x".utf8))
        let (lines, rest) = split(serializer.complete(response, info: info(), close: false, date: date))
        #expect(lines.first == "HTTP/1.1 204 No Content")
        #expect(field(lines, "Content-Length").isEmpty)
        #expect(rest.isEmpty)
    }

    @Test func largeBodyIsGzippedOnlyForClientsThatAcceptIt() throws {
        let body = Array(String(repeating: "楼上漏水，", count: 200).utf8)
        let plain = split(serializer.complete(HTTPResponse(status: .ok, body: body), info: info(gzip: false),
                                              close: false, date: date))
        #expect(field(plain.lines, "Content-Encoding").isEmpty)
        #expect(field(plain.lines, "Vary") == ["Accept-Encoding"], "a cache must not hand this plain copy to a gzip client")
        #expect(plain.body == body)

        let zipped = split(serializer.complete(HTTPResponse(status: .ok, headers: ["Vary": "Origin"], body: body),
                                               info: info(gzip: true), close: false, date: date))
        #expect(field(zipped.lines, "Content-Encoding") == ["gzip"])
        #expect(field(zipped.lines, "Vary") == ["Origin, Accept-Encoding"])
        #expect(field(zipped.lines, "Content-Length") == [String(zipped.body.count)])
        #expect(try Gzip.decompress(zipped.body, limit: 1 << 20).get() == body)
    }

    @Test func headCarriesTheHeadersAGetWouldHave() {
        let body = Array(String(repeating: "楼上漏水，", count: 200).utf8)
        for gzip in [false, true] {
            let get = split(serializer.complete(HTTPResponse(status: .ok, body: body), info: info(gzip: gzip),
                                                close: false, date: date))
            let head = split(serializer.complete(HTTPResponse(status: .ok, body: body), info: info(head: true, gzip: gzip),
                                                 close: false, date: date))
            #expect(head.lines == get.lines)
            #expect(head.body.isEmpty)
            #expect(field(head.lines, "Content-Encoding") == (gzip ? ["gzip"] : []))
        }
    }

    @Test func smallBodyStaysPlainEvenWhenGzipIsAccepted() {
        let body = [UInt8](repeating: 65, count: 1024)
        let (lines, rest) = split(serializer.complete(HTTPResponse(status: .ok, body: body), info: info(gzip: true),
                                                      close: false, date: date))
        #expect(field(lines, "Content-Encoding").isEmpty)
        #expect(field(lines, "Vary").isEmpty, "the encoding never depends on Accept-Encoding at this size")
        #expect(rest == body)
    }

    @Test func http10KeepAliveIsSaidExplicitly() {
        let (lines, _) = split(serializer.complete(HTTPResponse(status: .ok), info: info(version: .http1_0),
                                                   close: false, date: date))
        #expect(field(lines, "Connection") == ["keep-alive"])
        let (closing, _) = split(serializer.complete(HTTPResponse(status: .ok), info: info(version: .http1_0),
                                                     close: true, date: date))
        #expect(field(closing, "Connection") == ["close"])
    }

    @Test func streamHeadIsChunkedAndCloses() {
        let head = serializer.streamHead(status: .ok, headers: ["Content-Type": "text/event-stream", "Content-Length": "5"],
                                         requestID: "req-2", date: date)
        let (lines, rest) = split(head)
        #expect(lines.first == "HTTP/1.1 200 OK")
        #expect(field(lines, "Transfer-Encoding") == ["chunked"])
        #expect(field(lines, "Content-Length").isEmpty)
        #expect(field(lines, "Connection") == ["close"])
        #expect(field(lines, "X-Request-ID") == ["req-2"])
        #expect(field(lines, "Content-Type") == ["text/event-stream"])
        #expect(rest.isEmpty)
    }
}
