#if canImport(Glibc)
import Glibc
#endif
import CSocket
import Synchronization

/// The HTTP/1.1 server: epoll event loops on non-blocking POSIX sockets.
///
/// One listener lives on loop 0, which accepts and hands connections round-robin to the loops
/// (through their mailboxes). Each loop thread owns its connections outright; answers produced on
/// other threads travel back through the owning loop's mailbox, woken by an eventfd, tagged with the
/// connection's generation so a reused fd never receives a stale answer.
public final class HTTPServer: Sendable {
    public let configuration: HTTPServerConfiguration
    let core: ServerCore
    private let state = Mutex<RunState>(RunState())

    struct RunState: @unchecked Sendable {
        var loops: [EventLoop] = []
        var threads: [pthread_t] = []
        var port = 0
        var started = false
        var stopped = false
    }

    /// `accessLog` receives each event-loop iteration's entries together, once the iteration's responses are
    /// written: one log write per wake-up instead of one per request.
    public init(configuration: HTTPServerConfiguration, responder: any HTTPResponder,
                accessLog: (@Sendable ([AccessLogEntry]) -> Void)? = nil) {
        self.configuration = configuration
        self.core = ServerCore(configuration: configuration, responder: responder, accessLog: accessLog,
                               clock: SystemMonotonicClock())
    }

    /// Binds, listens and starts the loop threads. Returns once connections are accepted.
    public func start() throws {
        try state.withLock { st in
            guard !st.started else { return }
            fenliu_ignore_sigpipe()
            let (listener, port) = try Sockets.listen(host: configuration.host, port: configuration.port)
            var loops: [EventLoop] = []
            do {
                for i in 0..<max(1, configuration.loopCount) {
                    loops.append(try EventLoop(index: i, core: core, listener: i == 0 ? listener : -1))
                }
            } catch {
                close(listener)
                throw error
            }
            core.loops = loops
            var threads: [pthread_t] = []
            for loop in loops {
                let box = Unmanaged.passRetained(loop).toOpaque()
                var tid = pthread_t()
                let rc = pthread_create(&tid, nil, { arg in
                    let loop = Unmanaged<EventLoop>.fromOpaque(arg!).takeRetainedValue()
                    // Named for `top -H` and perf: "fenliu-loop".
                    fenliu_name_thread("fenliu-loop")
                    loop.run()
                    return nil
                }, box)
                guard rc == 0 else {
                    Unmanaged<EventLoop>.fromOpaque(box).release()
                    for l in loops { l.post(.shutdown) }
                    for t in threads { pthread_join(t, nil) }
                    throw SocketError(call: "pthread_create", errno: rc)
                }
                threads.append(tid)
            }
            st.loops = loops
            st.threads = threads
            st.port = port
            st.started = true
        }
    }

    /// The port actually bound (useful with port 0). Valid after `start()`.
    public var boundPort: Int { state.withLock { $0.port } }

    /// Graceful stop: no new connections, in-flight requests finish (up to the grace period),
    /// idle connections close. Blocks until every loop thread has exited.
    public func shutdown() {
        let threads: [pthread_t] = state.withLock { st in
            guard st.started, !st.stopped else { return [] }
            st.stopped = true
            for loop in st.loops { loop.post(.shutdown) }
            return st.threads
        }
        for t in threads { pthread_join(t, nil) }
    }

    /// Open connections right now (all loops).
    public var connectionCount: Int { core.connectionCount.load(ordering: .relaxed) }
}

/// State shared by all loops. Immutable after `start()` except the atomic counter.
final class ServerCore: @unchecked Sendable {
    let configuration: HTTPServerConfiguration
    let responder: any HTTPResponder
    let accessLog: (@Sendable ([AccessLogEntry]) -> Void)?
    let clock: any MonotonicClock
    let limits: ConnectionTimer.Limits
    let connectionCount = Atomic<Int>(0)
    /// Set once in `start()` before any loop thread runs.
    var loops: [EventLoop] = []

    init(configuration: HTTPServerConfiguration, responder: any HTTPResponder,
         accessLog: (@Sendable ([AccessLogEntry]) -> Void)?, clock: any MonotonicClock) {
        self.configuration = configuration
        self.responder = responder
        self.accessLog = accessLog
        self.clock = clock
        self.limits = ConnectionTimer.Limits(configuration)
    }
}

/// Identifies a connection across threads: fds are reused, generations are not.
struct ConnectionID: Hashable, Sendable {
    let fd: Int32
    let generation: UInt32
}

/// Claims a one-shot answer.
final class OnceFlag: Sendable {
    private let done = Atomic<Bool>(false)
    func claim() -> Bool { done.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged }
}

/// Body writer for a streaming response (Server-Sent Events). Thread-safe.
public final class StreamWriter: Sendable {
    private struct State {
        var closed = false
        var handlers: [@Sendable () -> Void] = []
        var loop: EventLoop?
        var id: ConnectionID?
        var limit = Int.max
        /// Bytes handed to the loop and not yet written to the socket.
        var unflushed = 0
    }
    private let state = Mutex<State>(State())

    public init() {}

    func attach(loop: EventLoop, id: ConnectionID, limit: Int) {
        state.withLock { s in
            s.loop = loop
            s.id = id
            s.limit = limit
        }
    }

    /// Queues bytes for the client. Returns false once the stream is closed: the client went away,
    /// or it fell so far behind that its pending output passed the limit and it was dropped.
    @discardableResult
    public func write(_ bytes: [UInt8]) -> Bool {
        if bytes.isEmpty { return !isClosed }
        var chunk = Array(String(bytes.count, radix: 16).utf8)
        chunk.append(contentsOf: [13, 10])
        chunk.append(contentsOf: bytes)
        chunk.append(contentsOf: [13, 10])
        enum Outcome { case closed, posted(EventLoop, ConnectionID), dropped([@Sendable () -> Void], EventLoop?, ConnectionID?) }
        let outcome: Outcome = state.withLock { s in
            if s.closed { return .closed }
            guard let loop = s.loop, let id = s.id else { return .closed }
            if s.unflushed + chunk.count > s.limit {
                s.closed = true
                let h = s.handlers
                s.handlers = []
                return .dropped(h, loop, id)
            }
            s.unflushed += chunk.count
            return .posted(loop, id)
        }
        switch outcome {
        case .closed: return false
        case .posted(let loop, let id):
            loop.post(.streamData(id, chunk))
            return true
        case .dropped(let handlers, let loop, let id):
            if let loop, let id { loop.post(.streamClose(id)) }
            for h in handlers { h() }
            return false
        }
    }

    /// Ends the stream and closes the connection.
    public func finish() {
        let (handlers, loop, id): ([@Sendable () -> Void], EventLoop?, ConnectionID?) = state.withLock { s in
            if s.closed { return ([], nil, nil) }
            s.closed = true
            let h = s.handlers
            s.handlers = []
            return (h, s.loop, s.id)
        }
        if let loop, let id { loop.post(.streamFinish(id)) }
        for h in handlers { h() }
    }

    public var isClosed: Bool { state.withLock { $0.closed } }

    /// Called once, on any thread, when the stream closes for whatever reason.
    public func onClose(_ handler: @escaping @Sendable () -> Void) {
        let runNow: Bool = state.withLock { s in
            if s.closed { return true }
            s.handlers.append(handler)
            return false
        }
        if runNow { handler() }
    }

    /// The loop wrote `count` stream bytes to the socket.
    func didFlush(_ count: Int) {
        state.withLock { s in s.unflushed = max(0, s.unflushed - count) }
    }

    /// The connection went away (client disconnect, shutdown, error).
    func connectionClosed() {
        let handlers: [@Sendable () -> Void] = state.withLock { s in
            if s.closed { return [] }
            s.closed = true
            let h = s.handlers
            s.handlers = []
            return h
        }
        for h in handlers { h() }
    }
}
