#if canImport(Glibc)
import Glibc
#endif
import CSocket
import Synchronization

/// One epoll loop thread and the connections it owns.
final class EventLoop: @unchecked Sendable {
    let index: Int
    let core: ServerCore
    private let epfd: Int32
    private let wakeFD: Int32
    private var listenerFD: Int32
    private var spareFD: Int32 = -1

    private struct Mailbox {
        var messages: [LoopMessage] = []
        var closed = false
    }
    private let mailbox = Mutex<Mailbox>(Mailbox())
    private let threadID = Atomic<UInt>(0)

    // Loop-thread state.
    private var connections: [Int32: Connection] = [:]
    private var nextGeneration: UInt32 = 1
    private var draining = false
    private var drainDeadline: UInt64 = 0
    private var dateHeader: [UInt8] = []
    private var dateSecond: time_t = 0
    private var lastScan: UInt64 = 0
    private var roundRobin = 0
    /// Access-log entries of the current iteration (see `flushAccessLog`).
    private var pendingLog: [AccessLogEntry] = []
    private let readBuffer: UnsafeMutableRawBufferPointer
    private let serializer: ResponseSerializer

    private static let wakeToken = UInt64.max
    private static let listenToken = UInt64.max - 1

    init(index: Int, core: ServerCore, listener: Int32) throws {
        self.index = index
        self.core = core
        self.listenerFD = listener
        epfd = fenliu_epoll_create()
        guard epfd >= 0 else { throw SocketError.last("epoll_create1") }
        wakeFD = fenliu_eventfd()
        guard wakeFD >= 0 else { let e = SocketError.last("eventfd"); close(epfd); throw e }
        guard fenliu_epoll_ctl_add(epfd, wakeFD, FENLIU_EV_IN, Self.wakeToken) == 0 else {
            let e = SocketError.last("epoll_ctl(eventfd)"); close(epfd); close(wakeFD); throw e
        }
        if listener >= 0 {
            guard fenliu_epoll_ctl_add(epfd, listener, FENLIU_EV_IN, Self.listenToken) == 0 else {
                let e = SocketError.last("epoll_ctl(listener)"); close(epfd); close(wakeFD); throw e
            }
            spareFD = open("/dev/null", O_RDONLY | O_CLOEXEC)
        }
        readBuffer = .allocate(byteCount: 64 * 1024, alignment: 16)
        serializer = ResponseSerializer(gzipMinimumBytes: core.configuration.gzipMinimumBytes,
                                        gzipLevel: core.configuration.gzipLevel)
    }

    deinit {
        readBuffer.deallocate()
    }

    private var isOnLoop: Bool { threadID.load(ordering: .relaxed) == UInt(pthread_self()) }

    /// Enqueues a message. Returns false when the loop has exited (the message is dropped).
    @discardableResult
    func post(_ message: LoopMessage) -> Bool {
        let (accepted, wasEmpty) = mailbox.withLock { m -> (Bool, Bool) in
            if m.closed { return (false, false) }
            let wasEmpty = m.messages.isEmpty
            m.messages.append(message)
            return (true, wasEmpty)
        }
        // On the loop thread the mailbox is drained before the next epoll_wait: no wake-up needed. Otherwise
        // only the message that makes the mailbox non-empty signals: the loop drains the eventfd before it takes
        // the whole mailbox, so later messages ride on that wake-up (a batch of 64 commits costs one write(2)).
        if accepted && wasEmpty && !isOnLoop { _ = fenliu_eventfd_signal(wakeFD) }
        return accepted
    }

    private var now: UInt64 { core.clock.nowNanoseconds() }

    // MARK: - Run loop

    func run() {
        threadID.store(UInt(pthread_self()), ordering: .relaxed)
        var events = [fenliu_event](repeating: fenliu_event(), count: 256)
        refreshDate()
        while true {
            drainMailbox()
            if draining && connections.isEmpty { break }
            let n = events.withUnsafeMutableBufferPointer { fenliu_epoll_wait(epfd, $0.baseAddress, Int32($0.count), 250) }
            refreshDate()
            if n > 0 {
                for i in 0..<Int(n) {
                    let token = events[i].token
                    let flags = events[i].events
                    if token == Self.wakeToken { _ = fenliu_eventfd_drain(wakeFD); continue }
                    if token == Self.listenToken { acceptConnections(); continue }
                    let fd = Int32(truncatingIfNeeded: token & 0xFFFF_FFFF)
                    let generation = UInt32(truncatingIfNeeded: token >> 32)
                    guard let conn = connections[fd], conn.id.generation == generation else { continue }
                    handleEvent(conn, flags)
                }
            }
            drainMailbox()
            let t = now
            if t &- lastScan >= 200_000_000 {
                lastScan = t
                scanDeadlines(now: t)
            }
            flushAccessLog()
        }
        // Exit: refuse further messages, release whatever is still queued.
        let leftover = mailbox.withLock { m -> [LoopMessage] in
            m.closed = true
            let r = m.messages
            m.messages = []
            return r
        }
        for message in leftover {
            if case .adopt(let fd, _) = message {
                close(fd)
                core.connectionCount.subtract(1, ordering: .relaxed)
            }
        }
        for conn in Array(connections.values) { closeConnection(conn) }
        if listenerFD >= 0 { close(listenerFD); listenerFD = -1 }
        if spareFD >= 0 { close(spareFD) }
        close(wakeFD)
        close(epfd)
        flushAccessLog()
    }

    private func refreshDate() {
        let t = time(nil)
        if t != dateSecond {
            dateSecond = t
            dateHeader = HTTPDate.format(t)
        }
    }

    private func drainMailbox() {
        while true {
            let batch = mailbox.withLock { m -> [LoopMessage] in
                let r = m.messages
                m.messages = []
                return r
            }
            if batch.isEmpty { return }
            for message in batch { handle(message) }
        }
    }

    private func handle(_ message: LoopMessage) {
        switch message {
        case .adopt(let fd, let remote):
            adopt(fd: fd, remote: remote)
        case .response(let id, let part):
            guard let conn = connection(id) else {
                if case .streamHead(_, _, let writer) = part { writer.connectionClosed() }
                return
            }
            deliver(part, to: conn)
        case .streamData(let id, let chunk):
            guard let conn = connection(id), case .streaming = conn.state else { return }
            conn.streamBytes += chunk.count
            conn.output.append(contentsOf: chunk)
            flush(conn)
        case .streamFinish(let id):
            guard let conn = connection(id), case .streaming(_, let info) = conn.state else { return }
            conn.output.append(contentsOf: Array("0\r\n\r\n".utf8))
            endStream(conn, info)
        case .streamClose(let id):
            guard let conn = connection(id) else { return }
            closeConnection(conn)
        case .shutdown:
            beginDrain()
        }
    }

    private func connection(_ id: ConnectionID) -> Connection? {
        guard let conn = connections[id.fd], conn.id.generation == id.generation else { return nil }
        return conn
    }

    // MARK: - Accepting

    private func acceptConnections() {
        guard listenerFD >= 0 else { return }
        for _ in 0..<128 {
            var addr = sockaddr_storage()
            var len = socklen_t(MemoryLayout<sockaddr_storage>.size)
            let fd = withUnsafeMutablePointer(to: &addr) { p in
                p.withMemoryRebound(to: sockaddr.self, capacity: 1) { fenliu_accept_nonblocking(listenerFD, $0, &len) }
            }
            if fd < 0 {
                let e = fenliu_errno()
                if e == EAGAIN || e == EWOULDBLOCK { return }
                if e == EMFILE || e == ENFILE {
                    // Out of descriptors: use the spare to accept and immediately shed one connection.
                    if spareFD >= 0 { close(spareFD); spareFD = -1 }
                    let shed = fenliu_accept_nonblocking(listenerFD, nil, nil)
                    if shed >= 0 { close(shed) }
                    spareFD = open("/dev/null", O_RDONLY | O_CLOEXEC)
                    if shed < 0 { return }
                    continue
                }
                if e == ECONNABORTED || e == EPROTO { continue }
                return
            }
            let remote = Sockets.describe(addr)
            let count = core.connectionCount.add(1, ordering: .relaxed).newValue
            if count > core.configuration.maxConnections {
                core.connectionCount.subtract(1, ordering: .relaxed)
                rejectOverloaded(fd, remote: remote)
                continue
            }
            let loops = core.loops
            let target = loops[roundRobin % loops.count]
            roundRobin &+= 1
            if target === self {
                adopt(fd: fd, remote: remote)
            } else if !target.post(.adopt(fd, remote)) {
                close(fd)
                core.connectionCount.subtract(1, ordering: .relaxed)
            }
        }
    }

    /// Best-effort 503 on a connection over the limit, then close. One non-blocking send.
    private func rejectOverloaded(_ fd: Int32, remote: String) {
        let id = RequestID.generate()
        let response = HTTPResponse.problem(ProblemDetails(title: "Service Unavailable", status: 503,
                                                           detail: "Too many open connections."))
        let info = RequestInfo(method: "-", path: "-", requestID: id, startNanos: now, isHead: false,
                               acceptsGzip: false, keepAlive: false, version: .http1_1)
        let bytes = serializer.complete(response, info: info, close: true, date: dateHeader)
        _ = fenliu_set_nodelay(fd)
        _ = bytes.withUnsafeBytes { fenliu_send_nosignal(fd, $0.baseAddress, $0.count) }
        // Drain what the client may have sent so close() does not turn into a reset that eats the 503.
        Glibc.shutdown(fd, Int32(SHUT_WR))
        _ = recv(fd, readBuffer.baseAddress, readBuffer.count, Int32(MSG_DONTWAIT))
        close(fd)
        log(method: "-", path: "-", status: 503, bytes: bytes.count, start: now, requestID: id, remote: remote)
    }

    private func adopt(fd: Int32, remote: String) {
        if draining {
            close(fd)
            core.connectionCount.subtract(1, ordering: .relaxed)
            return
        }
        _ = fenliu_set_nodelay(fd)
        let generation = nextGeneration
        nextGeneration &+= 1
        if nextGeneration == 0 { nextGeneration = 1 }
        let id = ConnectionID(fd: fd, generation: generation)
        let config = core.configuration
        let conn = Connection(fd: fd, id: id, remoteAddress: remote,
                              parser: HTTPRequestParser(maxHeaderBytes: config.maxHeaderBytes,
                                                        maxBodyBytes: config.maxBodyBytes),
                              timer: ConnectionTimer(limits: core.limits, now: now))
        conn.interest = FENLIU_EV_IN | FENLIU_EV_RDHUP
        guard fenliu_epoll_ctl_add(epfd, fd, conn.interest, token(conn)) == 0 else {
            close(fd)
            core.connectionCount.subtract(1, ordering: .relaxed)
            return
        }
        connections[fd] = conn
    }

    private func token(_ conn: Connection) -> UInt64 {
        UInt64(conn.id.generation) << 32 | UInt64(UInt32(bitPattern: conn.fd))
    }

    // MARK: - Connection events

    private func handleEvent(_ conn: Connection, _ flags: UInt32) {
        if flags & FENLIU_EV_OUT != 0 {
            flush(conn)
            guard connections[conn.fd] === conn else { return }
        }
        if flags & (FENLIU_EV_IN | FENLIU_EV_RDHUP | FENLIU_EV_HUP | FENLIU_EV_ERR) != 0 {
            readAvailable(conn, errorFlagged: flags & (FENLIU_EV_ERR | FENLIU_EV_HUP) != 0)
        }
    }

    private var inputCap: Int { core.configuration.maxHeaderBytes + 64 * 1024 }

    private func readAvailable(_ conn: Connection, errorFlagged: Bool) {
        var gotBytes = false
        var reads = 0
        while !conn.peerClosed && reads < 4 {
            // Backpressure: do not buffer without bound while a request is being answered.
            if case .reading = conn.state {} else if case .streaming = conn.state {} else if conn.parser.bufferedByteCount >= inputCap { break }
            reads += 1
            let n = recv(conn.fd, readBuffer.baseAddress, readBuffer.count, 0)
            if n > 0 {
                gotBytes = true
                if case .streaming = conn.state { continue } // a stream's client has nothing to say
                if case .lingering = conn.state { continue }
                conn.parser.append(UnsafeRawBufferPointer(rebasing: readBuffer[0..<n]))
                if n < readBuffer.count { break }
            } else if n == 0 {
                conn.peerClosed = true
            } else {
                let e = fenliu_errno()
                if e == EINTR { continue }
                if e == EAGAIN || e == EWOULDBLOCK { break }
                closeConnection(conn) // ECONNRESET and friends
                return
            }
        }
        if errorFlagged && !gotBytes && !conn.peerClosed {
            // EPOLLHUP/EPOLLERR with nothing to read: the socket is dead.
            closeConnection(conn)
            return
        }
        switch conn.state {
        case .reading:
            if gotBytes && conn.parser.isReadingBody { conn.timer.bodyProgress(now: now) }
            advance(conn)
        case .streaming, .lingering:
            if conn.peerClosed { closeConnection(conn); return }
        case .processing, .writing:
            break
        }
        if connections[conn.fd] === conn { updateInterest(conn) }
    }

    /// Parses buffered input while the connection is free to start a request.
    private func advance(_ conn: Connection) {
        while case .reading = conn.state, connections[conn.fd] === conn {
            switch conn.parser.next() {
            case .needMore:
                let t = now
                if conn.parser.isReadingBody {
                    if conn.timer.phase != .readingBody { conn.timer.bodyProgress(now: t) }
                } else if conn.parser.hasPartialRequest {
                    conn.timer.headStarted(now: t)
                } else if conn.timer.phase != .idle {
                    conn.timer.becomeIdle(now: t)
                }
                if conn.peerClosed {
                    // EOF with no complete request to answer.
                    closeConnection(conn)
                }
                return
            case .continueExpected:
                conn.timer.bodyProgress(now: now)
                conn.output.append(contentsOf: Array("HTTP/1.1 100 Continue\r\n\r\n".utf8))
                flush(conn)
            case .request(let request, let keepAlive):
                dispatch(conn, request, keepAlive: keepAlive)
                return
            case .failure(let error):
                sendError(conn, status: error.status, detail: error.detail)
                return
            }
        }
    }

    private func dispatch(_ conn: Connection, _ request: HTTPRequest, keepAlive: Bool) {
        let requestID: String
        if let given = request.headers["X-Request-ID"], RequestID.isSane(given) { requestID = given }
        else { requestID = RequestID.generate() }
        let info = RequestInfo(method: request.method.rawValue, path: request.path, requestID: requestID,
                               startNanos: now, isHead: request.method == .head,
                               acceptsGzip: Gzip.accepts(request.headers["Accept-Encoding"]),
                               keepAlive: keepAlive, version: request.version)
        conn.state = .processing(info)
        conn.timer.startProcessing()
        let id = conn.id
        let once = OnceFlag()
        let limit = core.configuration.maxPendingOutputBytes
        let sink = ResponseSink { [self] part in
            guard once.claim() else { return }
            if case .streamHead(_, _, let writer) = part { writer.attach(loop: self, id: id, limit: limit) }
            if !self.post(.response(id, part)), case .streamHead(_, _, let writer) = part {
                writer.connectionClosed()
            }
        }
        core.responder.respond(to: request,
                               context: RequestContext(requestID: requestID, remoteAddress: conn.remoteAddress),
                               sink: sink)
    }

    private func deliver(_ part: ResponsePart, to conn: Connection) {
        guard case .processing(let info) = conn.state else {
            if case .streamHead(_, _, let writer) = part { writer.connectionClosed() }
            return
        }
        switch part {
        case .deferred(let build):
            deliver(.complete(build()), to: conn)
        case .complete(let response):
            let close = !info.keepAlive || draining || conn.peerClosed
            let bytes = serializer.complete(response, info: info, close: close, date: dateHeader)
            log(method: info.method, path: info.path, status: response.status.code, bytes: bytes.count,
                start: info.startNanos, requestID: info.requestID, remote: conn.remoteAddress)
            conn.closeAfterWrite = close
            conn.state = .writing
            conn.output.append(contentsOf: bytes)
            flush(conn)
        case .streamHead(let status, let headers, let writer):
            let head = serializer.streamHead(status: status, headers: headers, requestID: info.requestID, date: dateHeader)
            conn.state = .streaming(writer, info)
            conn.timer.startStreaming()
            conn.closeAfterWrite = true
            conn.streamBytes = head.count
            conn.streamStatus = status.code
            conn.output.append(contentsOf: head)
            if info.isHead || draining {
                conn.output.append(contentsOf: Array("0\r\n\r\n".utf8))
                endStream(conn, info)
                writer.connectionClosed()
                return
            }
            flush(conn)
            if connections[conn.fd] === conn { updateInterest(conn) }
        }
    }

    private func endStream(_ conn: Connection, _ info: RequestInfo) {
        log(method: info.method, path: info.path, status: conn.streamStatus, bytes: conn.streamBytes, start: info.startNanos,
            requestID: info.requestID, remote: conn.remoteAddress)
        conn.state = .writing
        conn.closeAfterWrite = true
        conn.timer.startWriting(now: now)
        flush(conn)
    }

    /// A server-generated error (parse failure, timeout): problem+json, then close.
    private func sendError(_ conn: Connection, status: HTTPStatus, detail: String) {
        let info = RequestInfo(method: "-", path: "-", requestID: RequestID.generate(), startNanos: now, isHead: false,
                               acceptsGzip: false, keepAlive: false, version: .http1_1)
        let response = HTTPResponse.problem(ProblemDetails(title: status.reason, status: status.code, detail: detail))
        let bytes = serializer.complete(response, info: info, close: true, date: dateHeader)
        log(method: "-", path: "-", status: status.code, bytes: bytes.count, start: info.startNanos,
            requestID: info.requestID, remote: conn.remoteAddress)
        conn.state = .writing
        conn.closeAfterWrite = true
        conn.output.append(contentsOf: bytes)
        flush(conn)
    }

    // MARK: - Writing

    /// Writes pending output: one send for a whole response when the socket takes it.
    private func flush(_ conn: Connection) {
        while conn.outputOffset < conn.output.count {
            let n = conn.output.withUnsafeBytes { buf in
                fenliu_send_nosignal(conn.fd, buf.baseAddress! + conn.outputOffset, buf.count - conn.outputOffset)
            }
            if n > 0 {
                conn.outputOffset += n
                if case .streaming(let writer, _) = conn.state { writer.didFlush(n) }
            } else {
                let e = fenliu_errno()
                if n < 0 && (e == EAGAIN || e == EWOULDBLOCK) { break }
                closeConnection(conn) // EPIPE, ECONNRESET: the client is gone
                return
            }
        }
        if conn.outputOffset < conn.output.count {
            if case .writing = conn.state { conn.timer.startWriting(now: now) }
            updateInterest(conn)
            return
        }
        conn.output.removeAll(keepingCapacity: conn.output.capacity <= 64 * 1024)
        conn.outputOffset = 0
        guard case .writing = conn.state else {
            updateInterest(conn)
            return
        }
        if conn.closeAfterWrite {
            if conn.peerClosed {
                closeConnection(conn)
            } else {
                Glibc.shutdown(conn.fd, Int32(SHUT_WR))
                conn.state = .lingering(until: now &+ 1_000_000_000)
                conn.timer.startProcessing()
                updateInterest(conn)
            }
            return
        }
        conn.state = .reading
        conn.timer.becomeIdle(now: now)
        advance(conn)
        if connections[conn.fd] === conn { updateInterest(conn) }
    }

    private func updateInterest(_ conn: Connection) {
        var want: UInt32 = 0
        if !conn.peerClosed {
            want |= FENLIU_EV_RDHUP
            switch conn.state {
            case .reading:
                if conn.pendingOutput <= core.configuration.maxPendingOutputBytes { want |= FENLIU_EV_IN }
            case .streaming, .lingering:
                want |= FENLIU_EV_IN
            case .processing, .writing:
                if conn.parser.bufferedByteCount < inputCap { want |= FENLIU_EV_IN }
            }
        }
        if conn.pendingOutput > 0 { want |= FENLIU_EV_OUT }
        if want != conn.interest {
            conn.interest = want
            if fenliu_epoll_ctl_mod(epfd, conn.fd, want, token(conn)) != 0 { closeConnection(conn) }
        }
    }

    private func closeConnection(_ conn: Connection) {
        guard connections[conn.fd] === conn else { return }
        connections[conn.fd] = nil
        _ = fenliu_epoll_ctl_del(epfd, conn.fd)
        close(conn.fd)
        core.connectionCount.subtract(1, ordering: .relaxed)
        if case .streaming(let writer, let info) = conn.state {
            log(method: info.method, path: info.path, status: conn.streamStatus, bytes: conn.streamBytes, start: info.startNanos,
                requestID: info.requestID, remote: conn.remoteAddress)
            writer.connectionClosed()
        }
        conn.state = .writing
    }

    // MARK: - Timeouts and shutdown

    private func scanDeadlines(now t: UInt64) {
        if draining && t >= drainDeadline {
            for conn in Array(connections.values) { closeConnection(conn) }
            return
        }
        for conn in Array(connections.values) {
            if case .lingering(let until) = conn.state {
                if t >= until { closeConnection(conn) }
                continue
            }
            guard let expiry = conn.timer.expired(now: t) else { continue }
            switch expiry {
            case .closeSilently, .writeTimeout:
                closeConnection(conn)
            case .requestTimeout:
                guard case .reading = conn.state else { closeConnection(conn); continue }
                sendError(conn, status: .requestTimeout, detail: "The request was not received in time.")
            }
        }
    }

    private func beginDrain() {
        guard !draining else { return }
        draining = true
        drainDeadline = now &+ core.configuration.shutdownGracePeriod.nanoseconds
        if listenerFD >= 0 {
            _ = fenliu_epoll_ctl_del(epfd, listenerFD)
            close(listenerFD)
            listenerFD = -1
        }
        for conn in Array(connections.values) {
            switch conn.state {
            case .reading:
                if !conn.parser.hasPartialRequest { closeConnection(conn) }
            case .streaming(let writer, let info):
                conn.output.append(contentsOf: Array("0\r\n\r\n".utf8))
                endStream(conn, info)
                writer.connectionClosed()
            case .lingering:
                closeConnection(conn)
            case .processing, .writing:
                break
            }
        }
    }

    private func log(method: String, path: String, status: Int, bytes: Int, start: UInt64, requestID: String, remote: String) {
        guard core.accessLog != nil else { return }
        let micros = Int((now &- start) / 1000)
        pendingLog.append(AccessLogEntry(method: method, path: path, status: status, bytes: bytes,
                                         durationMicroseconds: micros, requestID: requestID, remoteAddress: remote))
    }

    /// Hands the iteration's access-log entries over together.
    private func flushAccessLog() {
        guard !pendingLog.isEmpty, let accessLog = core.accessLog else { return }
        accessLog(pendingLog)
        pendingLog.removeAll(keepingCapacity: true)
    }
}
