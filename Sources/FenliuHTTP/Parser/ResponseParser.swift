/// A response as received by a client.
public struct HTTPClientResponse: Sendable {
    public var status: Int
    public var reason: String
    public var version: HTTPVersion
    public var headers: HTTPHeaders
    public var body: [UInt8]
    /// Whether the server allows the connection to be reused.
    public var keepAlive: Bool

    public init(status: Int, reason: String, version: HTTPVersion, headers: HTTPHeaders, body: [UInt8], keepAlive: Bool) {
        self.status = status
        self.reason = reason
        self.version = version
        self.headers = headers
        self.body = body
        self.keepAlive = keepAlive
    }

    public var bodyText: String { String(decoding: body, as: UTF8.self) }
}

public enum HTTPResponseParseError: Error, Equatable, Sendable {
    case malformed(String)
    case tooLarge
}

/// A pure, resumable HTTP/1.x response parser (the client side). Handles Content-Length, chunked,
/// and read-until-close bodies; 1xx interim responses are returned like any other response.
public struct HTTPResponseParser: Sendable {
    public let maxHeaderBytes: Int
    public let maxBodyBytes: Int
    /// Set for the response to a HEAD request: no body follows whatever the headers say.
    public var expectNoBody = false

    private var buffer: [UInt8] = []
    private var scanFrom = 0
    private var head: HTTPClientResponse?
    private var framing: Framing = .none
    private var failed: HTTPResponseParseError?

    private enum Framing: Sendable {
        case none
        case length(Int)
        case chunked(ChunkState)
        case untilClose
    }
    private enum ChunkState: Sendable { case size, data(Int), dataEnd, trailers }

    public enum Event: Sendable {
        case needMore
        case response(HTTPClientResponse)
        case failure(HTTPResponseParseError)
    }

    public init(maxHeaderBytes: Int = 64 * 1024, maxBodyBytes: Int = 64 * 1024 * 1024) {
        self.maxHeaderBytes = maxHeaderBytes
        self.maxBodyBytes = maxBodyBytes
    }

    public mutating func append(_ bytes: [UInt8]) { buffer.append(contentsOf: bytes) }

    public var bufferedByteCount: Int { buffer.count }

    /// The peer closed: completes a read-until-close body, otherwise the response is truncated.
    public mutating func finishOnClose() -> Event {
        if let h = head, case .untilClose = framing {
            var r = h
            r.body.append(contentsOf: buffer)
            buffer = []
            head = nil
            framing = .none
            r.keepAlive = false
            return .response(r)
        }
        return .failure(.malformed("Connection closed before the response was complete."))
    }

    public mutating func next() -> Event {
        if let failed { return .failure(failed) }
        let e = step()
        if case .failure(let f) = e { failed = f }
        return e
    }

    private mutating func step() -> Event {
        if head == nil {
            guard let end = findHeadEnd() else {
                if buffer.count > maxHeaderBytes { return .failure(.tooLarge) }
                return .needMore
            }
            switch parseHead(buffer[0..<end.headEnd]) {
            case .failure(let e): return .failure(e)
            case .success(let (h, f)):
                buffer.removeSubrange(0..<end.bodyStart)
                scanFrom = 0
                head = h
                framing = f
            }
        }
        while true {
            switch framing {
            case .none:
                return complete()
            case .length(let n):
                guard buffer.count >= n else { return .needMore }
                head!.body.append(contentsOf: buffer[0..<n])
                buffer.removeSubrange(0..<n)
                return complete()
            case .untilClose:
                if head!.body.count + buffer.count > maxBodyBytes { return .failure(.tooLarge) }
                return .needMore
            case .chunked(let cs):
                switch cs {
                case .size:
                    guard let lf = buffer.firstIndex(of: 10) else { return .needMore }
                    var e = lf
                    if e > 0 && buffer[e - 1] == 13 { e -= 1 }
                    guard let size = HTTPRequestParser.chunkSize(buffer[0..<e]) else {
                        return .failure(.malformed("Bad chunk size."))
                    }
                    buffer.removeSubrange(0...lf)
                    if size == 0 { framing = .chunked(.trailers) }
                    else {
                        if head!.body.count + size > maxBodyBytes { return .failure(.tooLarge) }
                        framing = .chunked(.data(size))
                    }
                case .data(let n):
                    guard buffer.count >= n else { return .needMore }
                    head!.body.append(contentsOf: buffer[0..<n])
                    buffer.removeSubrange(0..<n)
                    framing = .chunked(.dataEnd)
                case .dataEnd:
                    guard let lf = buffer.firstIndex(of: 10) else { return .needMore }
                    buffer.removeSubrange(0...lf)
                    framing = .chunked(.size)
                case .trailers:
                    guard let lf = buffer.firstIndex(of: 10) else { return .needMore }
                    let empty = lf == 0 || (lf == 1 && buffer[0] == 13)
                    buffer.removeSubrange(0...lf)
                    if empty { return complete() }
                }
            }
        }
    }

    private mutating func complete() -> Event {
        let r = head!
        head = nil
        framing = .none
        return .response(r)
    }

    private mutating func findHeadEnd() -> (headEnd: Int, bodyStart: Int)? {
        var i = max(0, scanFrom)
        while i < buffer.count {
            if buffer[i] == 10 {
                if i >= 1 && buffer[i - 1] == 10 { return (i - 1, i + 1) }
                if i >= 2 && buffer[i - 1] == 13 && buffer[i - 2] == 10 { return (i - 2, i + 1) }
            }
            i += 1
        }
        scanFrom = max(0, buffer.count - 3)
        return nil
    }

    private func parseHead(_ bytes: ArraySlice<UInt8>) -> Result<(HTTPClientResponse, Framing), HTTPResponseParseError> {
        var lines = bytes.split(separator: 10, omittingEmptySubsequences: false).map { line -> ArraySlice<UInt8> in
            line.last == 13 ? line.dropLast() : line
        }
        while let l = lines.last, l.isEmpty { lines.removeLast() }
        guard let first = lines.first else { return .failure(.malformed("Empty response head.")) }
        let parts = first.split(separator: 32, maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2 else { return .failure(.malformed("Bad status line.")) }
        let version: HTTPVersion
        switch Array(parts[0]) {
        case Array("HTTP/1.1".utf8): version = .http1_1
        case Array("HTTP/1.0".utf8): version = .http1_0
        default: return .failure(.malformed("Unsupported version."))
        }
        guard parts[1].count == 3, parts[1].allSatisfy(HTTPRequestParser.isDigit) else {
            return .failure(.malformed("Bad status code."))
        }
        let status = parts[1].reduce(0) { $0 * 10 + Int($1 - 48) }
        let reason = parts.count > 2 ? String(decoding: parts[2], as: UTF8.self) : ""
        var headers = HTTPHeaders()
        for line in lines.dropFirst() {
            guard let (n, v) = HTTPRequestParser.parseField(line) else { return .failure(.malformed("Bad header field.")) }
            headers.add(n, v)
        }
        var tokens: [String] = []
        for v in headers.values("Connection") { tokens += HTTPRequestParser.tokens(v) }
        let keepAlive = version == .http1_1 ? !tokens.contains("close") : tokens.contains("keep-alive")
        var response = HTTPClientResponse(status: status, reason: reason, version: version, headers: headers,
                                          body: [], keepAlive: keepAlive)
        if expectNoBody || status < 200 || status == 204 || status == 304 { return .success((response, .none)) }
        var te: [String] = []
        for v in headers.values("Transfer-Encoding") { te += HTTPRequestParser.tokens(v) }
        if te.last == "chunked" { return .success((response, .chunked(.size))) }
        if !te.isEmpty { response.keepAlive = false; return .success((response, .untilClose)) }
        let cl = headers.values("Content-Length")
        if let value = cl.first {
            guard Set(cl).count == 1, !value.isEmpty, value.utf8.count <= 18, value.utf8.allSatisfy(HTTPRequestParser.isDigit),
                  let n = Int(value) else { return .failure(.malformed("Bad Content-Length.")) }
            if n > maxBodyBytes { return .failure(.tooLarge) }
            return .success((response, .length(n)))
        }
        response.keepAlive = false
        return .success((response, .untilClose))
    }
}
