#if canImport(Glibc)
import Glibc
#endif
import CSocket
import Synchronization

public enum HTTPClientError: Error, Equatable, Sendable {
    case invalidURL(String)
    /// Only plain http:// is supported (no TLS).
    case unsupportedScheme(String)
    case connectTimeout
    case readTimeout
    /// The server closed the connection before a complete response.
    case connectionClosed
    case malformedResponse(String)
    case responseTooLarge
    case socket(SocketError)
}

/// A blocking HTTP/1.1 client for http:// URLs on the project's socket layer and response parser.
/// Meant for dedicated worker threads (webhooks): every wait is a poll() with a deadline.
/// Keeps idle keep-alive connections per host:port for reuse. Thread-safe.
public final class HTTPClient: Sendable {
    public let connectTimeout: Duration
    public let maxIdleConnectionsPerHost: Int
    public let maxResponseBodyBytes: Int
    private let pool = Mutex<[String: [Int32]]>([:])

    public init(connectTimeout: Duration = .seconds(5), maxIdleConnectionsPerHost: Int = 4,
                maxResponseBodyBytes: Int = 16 * 1024 * 1024) {
        self.connectTimeout = connectTimeout
        self.maxIdleConnectionsPerHost = maxIdleConnectionsPerHost
        self.maxResponseBodyBytes = maxResponseBodyBytes
        fenliu_ignore_sigpipe()
    }

    deinit { close() }

    /// Closes every idle pooled connection.
    public func close() {
        let fds = pool.withLock { p -> [Int32] in
            let all = p.values.flatMap { $0 }
            p = [:]
            return all
        }
        for fd in fds { Glibc.close(fd) }
    }

    /// Idle pooled connections right now (all hosts).
    public var idleConnectionCount: Int { pool.withLock { $0.values.reduce(0) { $0 + $1.count } } }

    /// Sends one request and waits for the complete response, at most `timeout` after connecting.
    public func send(method: HTTPMethod, url: String, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = [],
                     timeout: Duration = .seconds(10)) throws(HTTPClientError) -> HTTPClientResponse {
        let target = try Self.parse(url)
        let request = Self.serialize(method: method, target: target, headers: headers, body: body)
        let idempotent = [HTTPMethod.get, .head, .put, .delete, .options].contains(method)
        if let fd = takePooled(target.key) {
            do {
                return try exchange(fd: fd, key: target.key, request: request, head: method == .head, timeout: timeout)
            } catch .connectionClosed where idempotent {
                // A pooled connection the server had already closed: retry once on a fresh one.
            }
        }
        let fd = try connect(target)
        return try exchange(fd: fd, key: target.key, request: request, head: method == .head, timeout: timeout)
    }

    // MARK: - Internals

    struct Target {
        var host: String
        var port: Int
        var pathAndQuery: String
        var key: String { "\(host):\(port)" }
        var hostHeader: String { port == 80 ? host : "\(host):\(port)" }
    }

    static func parse(_ url: String) throws(HTTPClientError) -> Target {
        let parts = url.split(separator: "://", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2 else { throw .invalidURL(url) }
        let scheme = parts[0].lowercased()
        guard scheme == "http" else { throw .unsupportedScheme(scheme) }
        let rest = parts[1]
        let slash = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
        let authority = rest[rest.startIndex..<slash]
        var path = String(rest[slash...])
        if path.isEmpty { path = "/" } else if path.hasPrefix("?") { path = "/" + path }
        guard !authority.isEmpty, !authority.contains("@") else { throw .invalidURL(url) }
        var host = String(authority)
        var port = 80
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { throw .invalidURL(url) }
            host = String(authority[authority.index(after: authority.startIndex)..<close])
            let after = authority[authority.index(after: close)...]
            if after.hasPrefix(":") { guard let p = Int(after.dropFirst()), p > 0, p < 65536 else { throw .invalidURL(url) }; port = p }
        } else if let colon = authority.lastIndex(of: ":") {
            host = String(authority[authority.startIndex..<colon])
            guard let p = Int(authority[authority.index(after: colon)...]), p > 0, p < 65536 else { throw .invalidURL(url) }
            port = p
        }
        guard !host.isEmpty, path.utf8.allSatisfy({ $0 > 32 && $0 < 127 }) else { throw .invalidURL(url) }
        return Target(host: host, port: port, pathAndQuery: path)
    }

    static func serialize(method: HTTPMethod, target: Target, headers: HTTPHeaders, body: [UInt8]) -> [UInt8] {
        var out = Array("\(method.rawValue) \(target.pathAndQuery) HTTP/1.1\r\nHost: \(target.hostHeader)\r\n".utf8)
        for field in headers {
            let n = field.name.lowercased()
            if n == "host" || n == "content-length" || n == "transfer-encoding" || n == "connection" { continue }
            if field.name.utf8.contains(where: { $0 == 13 || $0 == 10 }) || field.value.utf8.contains(where: { $0 == 13 || $0 == 10 }) { continue }
            out += Array("\(field.name): \(field.value)\r\n".utf8)
        }
        if !body.isEmpty || method == .post || method == .put || method == .patch {
            out += Array("Content-Length: \(body.count)\r\n".utf8)
        }
        out += [13, 10]
        out += body
        return out
    }

    private func takePooled(_ key: String) -> Int32? {
        while let fd = pool.withLock({ p -> Int32? in p[key]?.popLast() }) {
            // Readable while idle means EOF or stray bytes: not reusable.
            var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            if poll(&pfd, 1, 0) == 0 { return fd }
            Glibc.close(fd)
        }
        return nil
    }

    private func giveBack(_ fd: Int32, key: String) {
        let kept = pool.withLock { p -> Bool in
            var list = p[key] ?? []
            guard list.count < maxIdleConnectionsPerHost else { return false }
            list.append(fd)
            p[key] = list
            return true
        }
        if !kept { Glibc.close(fd) }
    }

    private static func millisUntil(_ deadline: ContinuousClock.Instant) -> Int32 {
        let left = deadline - .now
        if left <= .zero { return 0 }
        let (s, atto) = left.components
        return Int32(min(Int64(Int32.max), s * 1000 + atto / 1_000_000_000_000_000 + 1))
    }

    private func connect(_ target: Target) throws(HTTPClientError) -> Int32 {
        let storage: sockaddr_storage, len: socklen_t
        do { (storage, len) = try Sockets.resolve(host: target.host, port: target.port) }
        catch let e as SocketError { throw .socket(e) }
        catch { throw .invalidURL(target.host) }
        var addr = storage
        let fd = fenliu_socket_tcp_nonblocking(Int32(addr.ss_family))
        guard fd >= 0 else { throw .socket(.last("socket")) }
        let rc = withUnsafePointer(to: &addr) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, len) }
        }
        if rc != 0 {
            let e = fenliu_errno()
            guard e == EINPROGRESS || e == EINTR else { Glibc.close(fd); throw .socket(SocketError(call: "connect", errno: e)) }
            let deadline = ContinuousClock.now + connectTimeout
            var pfd = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
            while true {
                let n = poll(&pfd, 1, Self.millisUntil(deadline))
                if n > 0 { break }
                if n == 0 { Glibc.close(fd); throw .connectTimeout }
                if fenliu_errno() != EINTR { let err = SocketError.last("poll"); Glibc.close(fd); throw .socket(err) }
            }
            var soError: Int32 = 0
            var soLen = socklen_t(MemoryLayout<Int32>.size)
            getsockopt(fd, SOL_SOCKET, SO_ERROR, &soError, &soLen)
            if soError != 0 { Glibc.close(fd); throw .socket(SocketError(call: "connect", errno: soError)) }
        }
        _ = fenliu_set_nodelay(fd)
        return fd
    }

    private func exchange(fd: Int32, key: String, request: [UInt8], head: Bool,
                          timeout: Duration) throws(HTTPClientError) -> HTTPClientResponse {
        let deadline = ContinuousClock.now + timeout
        var ok = false
        defer { if !ok { Glibc.close(fd) } }
        // Write the whole request.
        var offset = 0
        while offset < request.count {
            let n = request.withUnsafeBytes { fenliu_send_nosignal(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n > 0 { offset += n; continue }
            let e = fenliu_errno()
            if e == EAGAIN || e == EWOULDBLOCK {
                try wait(fd, events: Int16(POLLOUT), deadline: deadline)
                continue
            }
            if e == EPIPE || e == ECONNRESET { throw .connectionClosed }
            throw .socket(SocketError(call: "send", errno: e))
        }
        // Read until a final (non-1xx) response is complete.
        var parser = HTTPResponseParser(maxHeaderBytes: 64 * 1024, maxBodyBytes: maxResponseBodyBytes)
        parser.expectNoBody = head
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var receivedAny = false
        while true {
            switch parser.next() {
            case .response(let r):
                if r.status < 200 { continue }
                if r.keepAlive && parser.bufferedByteCount == 0 {
                    ok = true
                    giveBack(fd, key: key)
                }
                return r
            case .failure(.tooLarge): throw .responseTooLarge
            case .failure(.malformed(let why)): throw .malformedResponse(why)
            case .needMore:
                let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                if n > 0 {
                    receivedAny = true
                    parser.append(Array(buffer[0..<n]))
                } else if n == 0 {
                    if case .response(let r) = parser.finishOnClose() { return r }
                    throw receivedAny ? .malformedResponse("Truncated response.") : .connectionClosed
                } else {
                    let e = fenliu_errno()
                    if e == EINTR { continue }
                    if e == EAGAIN || e == EWOULDBLOCK { try wait(fd, events: Int16(POLLIN), deadline: deadline); continue }
                    if e == ECONNRESET && !receivedAny { throw .connectionClosed }
                    throw .socket(SocketError(call: "recv", errno: e))
                }
            }
        }
    }

    private func wait(_ fd: Int32, events: Int16, deadline: ContinuousClock.Instant) throws(HTTPClientError) {
        var pfd = pollfd(fd: fd, events: events, revents: 0)
        while true {
            let n = poll(&pfd, 1, Self.millisUntil(deadline))
            if n > 0 { return }
            if n == 0 { throw .readTimeout }
            if fenliu_errno() != EINTR { throw .socket(.last("poll")) }
        }
    }
}
