/// A pure, resumable HTTP/1.x request parser: bytes in, requests or typed errors out.
/// Feed bytes with `append`, then call `next()` until it says `.needMore`. Resumes at any byte
/// boundary; the header-terminator scan continues where it stopped (no rescanning).
public struct HTTPRequestParser: Sendable {
    public let maxHeaderBytes: Int
    public let maxBodyBytes: Int

    private var buffer: [UInt8] = []
    /// Start of the unconsumed bytes in `buffer`.
    private var start = 0
    private var state: State = .head
    /// Head scan position: where the next line starts and where the LF search resumes.
    private var lineStart = 0
    private var scanIndex = 0
    private var lines: [Range<Int>] = []
    /// The current head's request line, parsed as soon as it ended.
    private var requestLine: RequestLine?
    private var pending: Pending?
    private var failed: HTTPParseError?

    private enum State: Sendable {
        case head
        case fixedBody(remaining: Int)
        case chunkSize
        case chunkData(remaining: Int)
        case chunkDataEnd
        case trailers(bytes: Int)
    }

    private struct Pending: Sendable {
        var request: HTTPRequest
        var keepAlive: Bool
        var gzip: Bool
        var expectContinue: Bool
        var continueReported = false
    }

    /// Longest chunk-size line (size plus extensions) accepted.
    static let maxChunkLine = 4096

    public init(maxHeaderBytes: Int, maxBodyBytes: Int) {
        self.maxHeaderBytes = maxHeaderBytes
        self.maxBodyBytes = maxBodyBytes
    }

    /// Bytes received and not yet consumed by a completed request.
    public var bufferedByteCount: Int { buffer.count - start }
    /// True while a request has begun (some of its bytes arrived) but is not complete.
    public var hasPartialRequest: Bool {
        if case .head = state { return bufferedByteCount > 0 && !onlyLeadingBlankLines }
        return true
    }
    /// True once the head is parsed and the body is being received.
    public var isReadingBody: Bool {
        if case .head = state { return false }
        return true
    }

    private var onlyLeadingBlankLines: Bool {
        for i in start..<buffer.count where buffer[i] != 13 && buffer[i] != 10 { return false }
        return true
    }

    public mutating func append(_ bytes: [UInt8]) { buffer.append(contentsOf: bytes) }
    public mutating func append(_ bytes: UnsafeRawBufferPointer) { buffer.append(contentsOf: bytes) }

    public mutating func next() -> HTTPParseEvent {
        if let failed { return .failure(failed) }
        let event = step()
        if case .failure(let e) = event { failed = e }
        return event
    }

    private mutating func step() -> HTTPParseEvent {
        while true {
            switch state {
            case .head:
                switch scanHead() {
                case .needMore: return .needMore
                case .failure(let e): return .failure(e)
                case .done:
                    if let p = pending, p.expectContinue, !p.continueReported, bodyIncomplete() {
                        pending!.continueReported = true
                        return .continueExpected
                    }
                }
            case .fixedBody(let remaining):
                let available = buffer.count - start
                if available < remaining {
                    if let p = pending, p.expectContinue, !p.continueReported {
                        pending!.continueReported = true
                        return .continueExpected
                    }
                    return .needMore
                }
                pending!.request.body.append(contentsOf: buffer[start..<(start + remaining)])
                start += remaining
                return finish()
            case .chunkSize:
                guard let lf = find(10, from: start) else {
                    if buffer.count - start > Self.maxChunkLine { return .failure(.badRequest("Chunk size line too long.")) }
                    return .needMore
                }
                guard lf > start, buffer[lf - 1] == 13 else { return .failure(.badRequest("Chunk size line ends in a bare LF.")) }
                guard let size = Self.chunkSize(buffer[start..<(lf - 1)]) else {
                    return .failure(.badRequest("Malformed chunk size."))
                }
                start = lf + 1
                if size == 0 {
                    state = .trailers(bytes: 0)
                } else {
                    if pending!.request.body.count + size > maxBodyBytes { return .failure(.bodyTooLarge) }
                    state = .chunkData(remaining: size)
                }
            case .chunkData(let remaining):
                let available = buffer.count - start
                if available == 0 { return .needMore }
                let take = min(available, remaining)
                pending!.request.body.append(contentsOf: buffer[start..<(start + take)])
                start += take
                compact()
                state = take == remaining ? .chunkDataEnd : .chunkData(remaining: remaining - take)
            case .chunkDataEnd:
                let available = buffer.count - start
                if available < 1 { return .needMore }
                if buffer[start] != 13 { return .failure(.badRequest("Chunk data not followed by CRLF.")) }
                if available < 2 { return .needMore }
                if buffer[start + 1] != 10 { return .failure(.badRequest("Chunk data not followed by CRLF.")) }
                start += 2
                state = .chunkSize
            case .trailers(let bytes):
                guard let lf = find(10, from: start) else {
                    if bytes + buffer.count - start > maxHeaderBytes { return .failure(.headersTooLarge) }
                    return .needMore
                }
                let lineLength = lf + 1 - start
                guard lf > start, buffer[lf - 1] == 13 else { return .failure(.badRequest("Trailer line ends in a bare LF.")) }
                let empty = lineLength == 2
                if !empty {
                    // Trailer fields are accepted and dropped; they must still be well-formed.
                    if Self.parseField(buffer[start..<(lf - 1)]) == nil { return .failure(.badRequest("Malformed trailer field.")) }
                }
                start = lf + 1
                if empty { return finish() }
                if bytes + lineLength > maxHeaderBytes { return .failure(.headersTooLarge) }
                state = .trailers(bytes: bytes + lineLength)
            }
        }
    }

    private func bodyIncomplete() -> Bool {
        switch state {
        case .fixedBody(let remaining): return buffer.count - start < remaining
        case .head: return false
        default: return true
        }
    }

    private mutating func finish() -> HTTPParseEvent {
        var p = pending!
        pending = nil
        state = .head
        compact(force: true)
        lineStart = start
        scanIndex = start
        if p.gzip {
            switch Gzip.decompress(p.request.body, limit: maxBodyBytes) {
            case .success(let body):
                p.request.body = body
                p.request.headers.remove("Content-Encoding")
            case .failure(.tooLarge): return .failure(.bodyTooLarge)
            case .failure: return .failure(.badRequest("The gzip request body is corrupt."))
            }
        }
        return .request(p.request, keepAlive: p.keepAlive)
    }

    /// Drops consumed bytes once they dominate the buffer (amortised O(1) per byte).
    private mutating func compact(force: Bool = false) {
        guard start > 0, force || (start >= 4096 && start * 2 >= buffer.count) else { return }
        if start == buffer.count {
            buffer.removeAll(keepingCapacity: buffer.capacity <= 64 * 1024)
        } else {
            buffer.removeSubrange(0..<start)
        }
        lineStart -= start
        scanIndex -= start
        lines = lines.map { ($0.lowerBound - start)..<($0.upperBound - start) }
        start = 0
    }

    private func find(_ byte: UInt8, from: Int) -> Int? {
        var i = from
        let n = buffer.count
        while i < n {
            if buffer[i] == byte { return i }
            i += 1
        }
        return nil
    }

    private enum HeadScan { case needMore, done, failure(HTTPParseError) }

    private mutating func scanHead() -> HeadScan {
        if scanIndex < start { scanIndex = start; lineStart = start }
        while true {
            guard let lf = find(10, from: scanIndex) else {
                scanIndex = buffer.count
                if buffer.count - start > maxHeaderBytes { return .failure(.headersTooLarge) }
                // A client that sends no request line (TLS, binary, a wrong protocol) hears 400 now, not 408 later.
                if lines.isEmpty, let e = Self.methodPrefixError(buffer[lineStart...]) { return .failure(e) }
                return .needMore
            }
            scanIndex = lf + 1
            if lf + 1 - start > maxHeaderBytes { return .failure(.headersTooLarge) }
            // CRLF only. RFC 9112 §2.2 lets a server take a bare LF as a line end, but a proxy in front that does not
            // would read "X: a\nTransfer-Encoding: chunked" as one field where this parser sees two: a request
            // smuggled past it. Refused instead, like a lone CR.
            guard lf > lineStart, buffer[lf - 1] == 13 else { return .failure(.badRequest("Line ends in a bare LF; HTTP lines end in CRLF.")) }
            let end = lf - 1
            let line = lineStart..<end
            lineStart = lf + 1
            if line.isEmpty {
                if lines.isEmpty {
                    // Blank lines before a request line are ignored (RFC 9112 §2.2).
                    start = lineStart
                    continue
                }
                let result = parseHead()
                lines.removeAll(keepingCapacity: true)
                start = lineStart
                switch result {
                case .failure(let e): return .failure(e)
                case .success(let p):
                    pending = p
                    return .done
                }
            }
            if lines.isEmpty {
                // The request line is judged as soon as it is complete, not when the headers end.
                switch Self.parseRequestLine(buffer[line]) {
                case .failure(let e): return .failure(e)
                case .success(let parsed): requestLine = parsed
                }
            }
            lines.append(line)
        }
    }

    /// Longest method accepted; a longer token is no method of ours, and the prefix check stays bounded.
    static let maxMethodBytes = 32

    /// The bytes of a request line that has not ended yet can already be wrong: a method is a token, and short.
    static func methodPrefixError(_ bytes: ArraySlice<UInt8>) -> HTTPParseError? {
        var count = 0
        for (offset, byte) in zip(bytes.indices, bytes) {
            if byte == 32 { return count == 0 ? .badRequest("Malformed request line.") : nil }
            if byte == 13 && offset == bytes.index(before: bytes.endIndex) { return nil }
            guard isTokenChar(byte) else { return .badRequest("Malformed method.") }
            count += 1
            if count > maxMethodBytes { return .badRequest("Malformed method.") }
        }
        return nil
    }

    struct RequestLine: Sendable {
        var method: HTTPMethod
        var target: String
        var path: String
        var query: [(name: String, value: String)]
        var version: HTTPVersion
    }

    static func parseRequestLine(_ rl: ArraySlice<UInt8>) -> Result<RequestLine, HTTPParseError> {
        let parts = rl.split(separator: 32, omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, !parts[1].isEmpty else {
            return .failure(.badRequest("Malformed request line."))
        }
        guard parts[0].count <= maxMethodBytes, parts[0].allSatisfy(isTokenChar) else {
            return .failure(.badRequest("Malformed method."))
        }
        guard parts[1].allSatisfy({ $0 > 32 && $0 < 127 }) else { return .failure(.badRequest("Malformed request target.")) }
        let version: HTTPVersion
        switch Array(parts[2]) {
        case Array("HTTP/1.1".utf8): version = .http1_1
        case Array("HTTP/1.0".utf8): version = .http1_0
        default:
            let v = Array(parts[2])
            if v.count == 8, v.starts(with: Array("HTTP/".utf8)), isDigit(v[5]), v[6] == 46, isDigit(v[7]) {
                return .failure(.versionNotSupported)
            }
            return .failure(.badRequest("Malformed HTTP version."))
        }
        guard let (path, query) = decodeTarget(Array(parts[1])) else {
            return .failure(.badRequest("Malformed request target."))
        }
        return .success(RequestLine(method: HTTPMethod(rawValue: String(decoding: parts[0], as: UTF8.self)),
                                    target: String(decoding: parts[1], as: UTF8.self), path: path, query: query,
                                    version: version))
    }

    private mutating func parseHead() -> Result<Pending, HTTPParseError> {
        guard let line = requestLine else { return .failure(.badRequest("Malformed request line.")) }
        requestLine = nil
        let version = line.version

        // Header fields.
        var headers = HTTPHeaders()
        for line in lines.dropFirst() {
            let first = buffer[line.lowerBound]
            if first == 32 || first == 9 { return .failure(.badRequest("Obsolete line folding is not accepted.")) }
            guard let (name, value) = Self.parseField(buffer[line]) else {
                return .failure(.badRequest("Malformed header field."))
            }
            headers.add(name, value)
        }

        // Framing, checked strictly against smuggling.
        let hosts = headers.values("Host")
        if hosts.count > 1 { return .failure(.badRequest("More than one Host header.")) }
        if version == .http1_1 && hosts.isEmpty { return .failure(.badRequest("Missing Host header.")) }

        var connectionTokens: [String] = []
        for v in headers.values("Connection") { connectionTokens += Self.tokens(v) }
        let keepAlive = version == .http1_1
            ? !connectionTokens.contains("close")
            : connectionTokens.contains("keep-alive") && !connectionTokens.contains("close")

        let te = headers.values("Transfer-Encoding")
        let cl = headers.values("Content-Length")
        var chunked = false
        var length = 0
        if !te.isEmpty {
            if !cl.isEmpty { return .failure(.badRequest("Content-Length together with Transfer-Encoding.")) }
            if version == .http1_0 { return .failure(.badRequest("Transfer-Encoding in an HTTP/1.0 request.")) }
            var codings: [String] = []
            for v in te { codings += Self.tokens(v) }
            guard codings.last == "chunked" else {
                return .failure(.badRequest("Transfer-Encoding must end with chunked."))
            }
            if codings.count > 1 { return .failure(.unsupportedTransferCoding) }
            chunked = true
        } else if !cl.isEmpty {
            guard cl.count == 1 else { return .failure(.badRequest("More than one Content-Length.")) }
            let digits = Array(cl[0].utf8)
            guard !digits.isEmpty, digits.count <= 18, digits.allSatisfy(Self.isDigit) else {
                return .failure(.badRequest("Invalid Content-Length."))
            }
            length = digits.reduce(0) { $0 * 10 + Int($1 - 48) }
            if length > maxBodyBytes { return .failure(.bodyTooLarge) }
        }

        var gzip = false
        for v in headers.values("Content-Encoding") {
            for coding in Self.tokens(v) {
                switch coding {
                case "identity": break
                case "gzip", "x-gzip":
                    if gzip { return .failure(.unsupportedContentEncoding) }
                    gzip = true
                default: return .failure(.unsupportedContentEncoding)
                }
            }
        }

        var expectContinue = false
        if let expect = headers["Expect"] {
            if Self.lowercased(Self.trim(Array(expect.utf8))) == Array("100-continue".utf8) {
                expectContinue = version == .http1_1
            } else {
                return .failure(.expectationFailed)
            }
        }

        let request = HTTPRequest(method: line.method, target: line.target, path: line.path, query: line.query,
                                  version: version, headers: headers, body: [])
        var p = Pending(request: request, keepAlive: keepAlive, gzip: gzip, expectContinue: expectContinue)
        if chunked {
            state = .chunkSize
        } else {
            state = .fixedBody(remaining: length)
            p.request.body.reserveCapacity(length)
        }
        return .success(p)
    }
}
