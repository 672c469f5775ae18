/// Turns a handler's response into the bytes of one HTTP/1.1 response, so a loop writes head and body in one send.
///
/// Pure: the loop passes in the cached Date header, and nothing here touches a socket. The server owns the framing
/// headers (Content-Length, Date, Connection, Transfer-Encoding, X-Request-ID, Keep-Alive); a handler's copies of
/// them are dropped so it cannot contradict the bytes actually sent.
struct ResponseSerializer: Sendable {
    /// Bodies larger than this are gzip-encoded for clients that accept it.
    var gzipMinimumBytes: Int
    var gzipLevel: Int32

    static func isServerOwned(_ name: String) -> Bool {
        let n = name.lowercased()
        return n == "content-length" || n == "date" || n == "connection" || n == "transfer-encoding"
            || n == "x-request-id" || n == "keep-alive"
    }

    /// A complete response. `date` is the IMF-fixdate text of the Date header, without CRLF.
    func complete(_ response: HTTPResponse, info: RequestInfo, close: Bool, date: [UInt8]) -> [UInt8] {
        let code = response.status.code
        let bodyAllowed = !(code < 200 || code == 204 || code == 304)
        var body = bodyAllowed ? response.body : []
        var gzipped = false
        // Whether the encoding depends on Accept-Encoding at all: then caches are told so (Vary) whichever way it
        // went. A HEAD is encoded too, so its Content-Length and Content-Encoding are those a GET would get.
        let negotiable = body.count > gzipMinimumBytes && !response.headers.contains("Content-Encoding")
        if negotiable && info.acceptsGzip {
            let compressed = Gzip.compress(body, level: gzipLevel)
            if !compressed.isEmpty && compressed.count < body.count {
                body = compressed
                gzipped = true
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity(256 + body.count)
        Self.appendStatusLine(&out, response.status)
        var vary: String?
        for field in response.headers where !Self.isServerOwned(field.name) {
            if field.name.lowercased() == "vary" { vary = vary.map { $0 + ", " + field.value } ?? field.value; continue }
            Self.appendField(&out, field.name, field.value)
        }
        if gzipped { Self.appendField(&out, "Content-Encoding", "gzip") }
        if negotiable {
            vary = vary.map { $0.lowercased().contains("accept-encoding") ? $0 : $0 + ", Accept-Encoding" } ?? "Accept-Encoding"
        }
        if let vary { Self.appendField(&out, "Vary", vary) }
        if bodyAllowed { Self.appendField(&out, "Content-Length", String(body.count)) }
        Self.appendCommon(&out, requestID: info.requestID, close: close, date: date)
        if !close && info.version == .http1_0 { Self.appendField(&out, "Connection", "keep-alive") }
        out.append(contentsOf: [13, 10])
        if !info.isHead { out.append(contentsOf: body) }
        return out
    }

    /// The head of a chunked streaming response; the connection closes when the stream ends.
    func streamHead(status: HTTPStatus, headers: HTTPHeaders, requestID: String, date: [UInt8]) -> [UInt8] {
        var head: [UInt8] = []
        head.reserveCapacity(256)
        Self.appendStatusLine(&head, status)
        for field in headers where !Self.isServerOwned(field.name) { Self.appendField(&head, field.name, field.value) }
        Self.appendField(&head, "Transfer-Encoding", "chunked")
        Self.appendCommon(&head, requestID: requestID, close: true, date: date)
        head.append(contentsOf: [13, 10])
        return head
    }

    private static func appendStatusLine(_ out: inout [UInt8], _ status: HTTPStatus) {
        out.append(contentsOf: "HTTP/1.1 ".utf8)
        out.append(contentsOf: String(status.code).utf8)
        out.append(32)
        out.append(contentsOf: status.reason.utf8)
        out.append(contentsOf: [13, 10])
    }

    private static func appendField(_ out: inout [UInt8], _ name: String, _ value: String) {
        // A CR or LF in a handler's header would split the response: drop such a field.
        if name.utf8.contains(where: { $0 == 13 || $0 == 10 }) || value.utf8.contains(where: { $0 == 13 || $0 == 10 }) { return }
        out.append(contentsOf: name.utf8)
        out.append(contentsOf: [58, 32])
        out.append(contentsOf: value.utf8)
        out.append(contentsOf: [13, 10])
    }

    private static func appendCommon(_ out: inout [UInt8], requestID: String, close: Bool, date: [UInt8]) {
        out.append(contentsOf: "Date: ".utf8)
        out.append(contentsOf: date)
        out.append(contentsOf: [13, 10])
        appendField(&out, "X-Request-ID", requestID)
        if close { appendField(&out, "Connection", "close") }
    }
}
