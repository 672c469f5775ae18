#if canImport(Glibc)
import Glibc
#endif
import CSocket
import Synchronization
import Testing
@testable import FenliuHTTP

/// A tiny blocking client on a raw socket, with a receive timeout so a bug cannot hang the suite.
final class RawClient {
    let fd: Int32
    var parser = HTTPResponseParser()

    init(port: Int, timeoutSeconds: Int = 5) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw SocketError(call: "socket", errno: fenliu_errno()) }
        var tv = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let rc = withUnsafePointer(to: &addr) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard rc == 0 else { let e = fenliu_errno(); close(fd); throw SocketError(call: "connect", errno: e) }
    }

    deinit { close(fd) }

    func send(_ s: String) { send(Array(s.utf8)) }

    func send(_ bytes: [UInt8]) {
        var off = 0
        while off < bytes.count {
            let n = bytes.withUnsafeBytes { fenliu_send_nosignal(fd, $0.baseAddress! + off, $0.count - off) }
            if n <= 0 { return }
            off += n
        }
    }

    /// Reads raw bytes once (nil on EOF or timeout).
    func readSome() -> [UInt8]? {
        var buf = [UInt8](repeating: 0, count: 65536)
        let n = buf.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        guard n > 0 else { return nil }
        return Array(buf[0..<n])
    }

    /// Reads the next complete response; nil on EOF/timeout before one is complete.
    func response(head: Bool = false) -> HTTPClientResponse? {
        parser.expectNoBody = head
        while true {
            switch parser.next() {
            case .response(let r): return r
            case .failure: return nil
            case .needMore:
                guard let chunk = readSome() else {
                    if case .response(let r) = parser.finishOnClose() { return r }
                    return nil
                }
                parser.append(chunk)
            }
        }
    }

    /// True when the server closed the connection (EOF) rather than timing out.
    func isClosedByPeer() -> Bool {
        var buf = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = buf.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n == 0 { return true }
            if n < 0 { let e = fenliu_errno(); return e == ECONNRESET }
        }
    }

    func shutdownWrite() { Glibc.shutdown(fd, Int32(SHUT_WR)) }
}

/// Collects access-log entries.
final class LogCollector: Sendable {
    private let entries = Mutex<[AccessLogEntry]>([])
    func append(_ e: AccessLogEntry) { entries.withLock { $0.append(e) } }
    var all: [AccessLogEntry] { entries.withLock { $0 } }
}

/// Shared mutable box for tests.
final class Box<T: Sendable>: Sendable {
    private let value: Mutex<T>
    init(_ v: T) { value = Mutex(v) }
    func get() -> T { value.withLock { $0 } }
    func set(_ v: T) { value.withLock { $0 = v } }
}

func sleepMillis(_ ms: Int) { usleep(useconds_t(ms * 1000)) }

/// Runs `body` on a new detached thread (not a loop, not the cooperative pool).
func onAnotherThread(_ body: @escaping @Sendable () -> Void) {
    let box = Unmanaged.passRetained(ThreadBody(body)).toOpaque()
    var tid = pthread_t()
    pthread_create(&tid, nil, { arg in
        let b = Unmanaged<ThreadBody>.fromOpaque(arg!).takeRetainedValue()
        b.body()
        return nil
    }, box)
    pthread_detach(tid)
}

final class ThreadBody: Sendable {
    let body: @Sendable () -> Void
    init(_ body: @escaping @Sendable () -> Void) { self.body = body }
}

/// The routes live tests talk to.
func testRouter(streams: Box<[StreamWriter]> = Box([]), closed: Box<Int> = Box(0),
                slowStarted: Box<Int> = Box(0)) -> Router {
    var r = Router()
    r.get("/hello") { req, ctx, sink in
        var h = HTTPHeaders()
        h.set("Content-Type", "text/plain")
        let text = "hello \(req.path) q=\(req.queryValue("q") ?? "-") id=\(ctx.requestID) from=\(ctx.remoteAddress)"
        sink.send(HTTPResponse(status: .ok, headers: h, body: Array(text.utf8)))
    }
    r.post("/echo") { req, _, sink in
        sink.send(HTTPResponse(status: .ok, headers: ["Content-Type": "application/octet-stream"], body: req.body))
    }
    r.get("/big") { _, _, sink in
        let body = Array(String(repeating: "{\"district\":\"朝阳\",\"priority\":1},", count: 400).utf8)
        sink.send(.json(.ok, body))
    }
    r.get("/later") { req, _, sink in
        onAnotherThread {
            sleepMillis(50)
            sink.send(HTTPResponse(status: .accepted, body: Array("later \(req.path)".utf8)))
        }
    }
    r.get("/slow") { _, _, sink in
        slowStarted.set(slowStarted.get() + 1)
        onAnotherThread {
            sleepMillis(400)
            sink.send(HTTPResponse(status: .ok, body: Array("slow done".utf8)))
        }
    }
    r.get("/users/:id") { _, ctx, sink in
        sink.send(HTTPResponse(status: .ok, body: Array("user \(ctx.parameters["id"] ?? "")".utf8)))
    }
    r.get("/stream") { _, _, sink in
        let w = sink.startStream(status: .ok, headers: ["Content-Type": "text/event-stream"])
        w.onClose { closed.set(closed.get() + 1) }
        w.write(Array("data: one\n\n".utf8))
        w.write(Array("data: two\n\n".utf8))
        streams.set(streams.get() + [w])
    }
    r.get("/finite") { _, _, sink in
        let w = sink.startStream(status: .ok, headers: ["Content-Type": "text/event-stream"])
        onAnotherThread {
            for i in 0..<3 { w.write(Array("data: \(i)\n\n".utf8)) }
            w.finish()
        }
    }
    return r
}

/// Starts a server on an ephemeral port; the caller shuts it down.
func startServer(_ configure: (inout HTTPServerConfiguration) -> Void = { _ in },
                 responder: any HTTPResponder = testRouter(),
                 log: LogCollector? = nil) throws -> HTTPServer {
    var c = HTTPServerConfiguration()
    c.port = 0
    c.loopCount = 2
    configure(&c)
    var accessLog: (@Sendable ([AccessLogEntry]) -> Void)?
    if let log { accessLog = { entries in entries.forEach(log.append) } }
    let server = HTTPServer(configuration: c, responder: responder, accessLog: accessLog)
    try server.start()
    return server
}
