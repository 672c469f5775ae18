/// Why a request could not be parsed. Each maps to the status the server answers with;
/// every one of them closes the connection.
public enum HTTPParseError: Error, Equatable, Sendable {
    /// Malformed syntax or a smuggling attempt (400).
    case badRequest(String)
    /// Request line plus headers over `maxHeaderBytes` (431).
    case headersTooLarge
    /// Declared or received body over `maxBodyBytes`, after decompression (413).
    case bodyTooLarge
    /// Content-Encoding other than gzip/identity (415).
    case unsupportedContentEncoding
    /// HTTP/x.y other than 1.0 and 1.1 (505).
    case versionNotSupported
    /// A transfer coding before `chunked` that the server does not implement (501).
    case unsupportedTransferCoding
    /// An `Expect` other than 100-continue (417).
    case expectationFailed

    public var status: HTTPStatus {
        switch self {
        case .badRequest: .badRequest
        case .headersTooLarge: .requestHeaderFieldsTooLarge
        case .bodyTooLarge: .contentTooLarge
        case .unsupportedContentEncoding: .unsupportedMediaType
        case .versionNotSupported: .httpVersionNotSupported
        case .unsupportedTransferCoding: .notImplemented
        case .expectationFailed: .expectationFailed
        }
    }

    public var detail: String {
        switch self {
        case .badRequest(let why): why
        case .headersTooLarge: "The request line and headers are too large."
        case .bodyTooLarge: "The request body is too large."
        case .unsupportedContentEncoding: "Only gzip and identity content codings are accepted."
        case .versionNotSupported: "Only HTTP/1.0 and HTTP/1.1 are supported."
        case .unsupportedTransferCoding: "Only the chunked transfer coding is supported."
        case .expectationFailed: "Only 'Expect: 100-continue' is supported."
        }
    }
}

/// What the parser produced from the bytes so far.
public enum HTTPParseEvent: Sendable {
    /// Feed more bytes.
    case needMore
    /// The head asked for `Expect: 100-continue` and the body has not fully arrived: the server should
    /// send `HTTP/1.1 100 Continue` now. Reported at most once per request.
    case continueExpected
    /// A complete request. `keepAlive` tells whether the connection may carry another one.
    case request(HTTPRequest, keepAlive: Bool)
    /// The request is unacceptable; answer `error.status` and close.
    case failure(HTTPParseError)
}

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
                var end = lf
                if end > start && buffer[end - 1] == 13 { end -= 1 }
                guard let size = Self.chunkSize(buffer[start..<end]) else {
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
                if buffer[start] == 10 { start += 1; state = .chunkSize; continue }
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
                let empty = lineLength == 1 || (lineLength == 2 && buffer[start] == 13)
                if !empty {
                    // Trailer fields are accepted and dropped; they must still be well-formed.
                    var end = lf
                    if end > start && buffer[end - 1] == 13 { end -= 1 }
                    if Self.parseField(buffer[start..<end]) == nil { return .failure(.badRequest("Malformed trailer field.")) }
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
            var end = lf
            if end > lineStart && buffer[end - 1] == 13 { end -= 1 }
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

    // MARK: - Lexical helpers (also used by the response parser)

    static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }

    static func isTokenChar(_ c: UInt8) -> Bool {
        switch c {
        case 48...57, 65...90, 97...122: return true
        case 33, 35, 36, 37, 38, 39, 42, 43, 45, 46, 94, 95, 96, 124, 126: return true
        default: return false
        }
    }

    static func trim<C: Collection>(_ bytes: C) -> ArraySlice<UInt8> where C.Element == UInt8 {
        let a = Array(bytes)
        var lo = 0, hi = a.count
        while lo < hi && (a[lo] == 32 || a[lo] == 9) { lo += 1 }
        while hi > lo && (a[hi - 1] == 32 || a[hi - 1] == 9) { hi -= 1 }
        return a[lo..<hi]
    }

    static func lowercased<C: Collection>(_ bytes: C) -> [UInt8] where C.Element == UInt8 {
        bytes.map { $0 >= 65 && $0 <= 90 ? $0 | 0x20 : $0 }
    }

    /// Comma-separated list elements, trimmed and lower-cased, parameters (";…") dropped.
    static func tokens(_ value: String) -> [String] {
        value.utf8.split(separator: 44).compactMap { element in
            let noParams = element.split(separator: 59, maxSplits: 1, omittingEmptySubsequences: false).first ?? element
            let t = trim(noParams)
            return t.isEmpty ? nil : String(decoding: lowercased(t), as: UTF8.self)
        }
    }

    /// `name: value` with a token name, no space before the colon and no control bytes in the value.
    static func parseField(_ line: ArraySlice<UInt8>) -> (String, String)? {
        guard let colon = line.firstIndex(of: 58), colon > line.startIndex else { return nil }
        let name = line[line.startIndex..<colon]
        guard name.allSatisfy(isTokenChar) else { return nil }
        let value = trim(line[(colon + 1)...])
        guard value.allSatisfy({ $0 == 9 || ($0 >= 32 && $0 != 127) }) else { return nil }
        return (String(decoding: name, as: UTF8.self), String(decoding: value, as: UTF8.self))
    }

    /// Hex chunk size, optionally followed by `;extensions`. Nil when malformed or absurdly large.
    static func chunkSize(_ line: ArraySlice<UInt8>) -> Int? {
        var size = 0
        var digits = 0
        var i = line.startIndex
        while i < line.endIndex, let d = hexValue(line[i]) {
            digits += 1
            if digits > 15 { return nil }
            size = size * 16 + d
            i += 1
        }
        guard digits > 0 else { return nil }
        // Optional whitespace, then extensions.
        while i < line.endIndex && (line[i] == 32 || line[i] == 9) { i += 1 }
        if i < line.endIndex {
            guard line[i] == 59 else { return nil }
            guard line[(i + 1)...].allSatisfy({ $0 == 9 || ($0 >= 32 && $0 != 127) }) else { return nil }
        }
        return size
    }

    static func hexValue(_ c: UInt8) -> Int? {
        switch c {
        case 48...57: return Int(c - 48)
        case 65...70: return Int(c - 55)
        case 97...102: return Int(c - 87)
        default: return nil
        }
    }

    /// Splits a request target into a percent-decoded path and decoded query pairs.
    /// Accepts origin-form, absolute-form (http/https) and `*`.
    static func decodeTarget(_ target: [UInt8]) -> (String, [(name: String, value: String)])? {
        var t = ArraySlice(target)
        if t == [42] { return ("*", []) }
        if t.first != 47 {
            let lower = lowercased(t.prefix(8))
            let schemeLength: Int
            if lower.starts(with: Array("http://".utf8)) { schemeLength = 7 }
            else if lower.starts(with: Array("https://".utf8)) { schemeLength = 8 }
            else { return nil }
            let rest = t.dropFirst(schemeLength)
            if let slash = rest.firstIndex(of: 47) {
                t = t[slash...]
            } else {
                let q = rest.firstIndex(of: 63)
                t = q.map { [47] + t[$0...] } ?? [47]
            }
        }
        let q = t.firstIndex(of: 63)
        let rawPath = t[t.startIndex..<(q ?? t.endIndex)]
        guard let pathBytes = percentDecode(rawPath, plusAsSpace: false),
              let path = String(validating: pathBytes, as: UTF8.self) else { return nil }
        var query: [(name: String, value: String)] = []
        if let q {
            for pair in t[(q + 1)...].split(separator: 38) {
                let eq = pair.firstIndex(of: 61)
                let rawName = pair[pair.startIndex..<(eq ?? pair.endIndex)]
                let rawValue = eq.map { pair[($0 + 1)...] } ?? []
                guard let n = percentDecode(rawName, plusAsSpace: true), let v = percentDecode(rawValue, plusAsSpace: true),
                      let name = String(validating: n, as: UTF8.self), let value = String(validating: v, as: UTF8.self)
                else { return nil }
                query.append((name: name, value: value))
            }
        }
        return (path, query)
    }

    static func percentDecode(_ bytes: ArraySlice<UInt8>, plusAsSpace: Bool) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let c = bytes[i]
            if c == 37 {
                guard i + 2 < bytes.endIndex, let hi = hexValue(bytes[i + 1]), let lo = hexValue(bytes[i + 2]) else {
                    return nil
                }
                out.append(UInt8(hi * 16 + lo))
                i += 3
            } else {
                out.append(plusAsSpace && c == 43 ? 32 : c)
                i += 1
            }
        }
        return out
    }
}
