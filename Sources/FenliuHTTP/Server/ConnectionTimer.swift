/// A monotonic clock in nanoseconds, injectable so timeouts can be tested without waiting.
public protocol MonotonicClock: Sendable {
    func nowNanoseconds() -> UInt64
}

/// The process's monotonic clock.
public struct SystemMonotonicClock: MonotonicClock {
    public init() {}
    public func nowNanoseconds() -> UInt64 {
        let d = ContinuousClock.now - Self.origin
        let (s, atto) = d.components
        return UInt64(max(0, s)) * 1_000_000_000 + UInt64(max(0, atto) / 1_000_000_000)
    }
    private static let origin = ContinuousClock.now
}

extension Duration {
    var nanoseconds: UInt64 {
        let (s, atto) = components
        return UInt64(max(0, s)) * 1_000_000_000 + UInt64(max(0, atto) / 1_000_000_000)
    }
}

/// Per-connection timeout state machine: a phase plus the deadline that applies to it.
/// Pure: every transition takes `now`; the loop calls `expired(now:)` from a coarse timer.
public struct ConnectionTimer: Sendable, Equatable {
    public enum Phase: Sendable, Equatable {
        /// Keep-alive, waiting for the first byte of a request.
        case idle
        /// Some bytes of a request head arrived; the head must be complete by the deadline.
        case readingHead
        /// Receiving a body; each read with progress pushes the deadline.
        case readingBody
        /// The responder has the request; no deadline (the answer may come from another thread).
        case processing
        /// A response is being written; it must be fully written by the deadline.
        case writing
        /// A streaming response; bounded by output size, not time.
        case streaming
    }

    /// What to do when a deadline passes.
    public enum Expiry: Sendable, Equatable {
        /// Close without a response (idle keep-alive).
        case closeSilently
        /// Answer 408 and close.
        case requestTimeout
        /// The client is not reading; close.
        case writeTimeout
    }

    public struct Limits: Sendable, Equatable {
        public var header: UInt64
        public var bodyStall: UInt64
        public var idle: UInt64
        public var write: UInt64
        public init(header: Duration, bodyStall: Duration, idle: Duration, write: Duration) {
            self.header = header.nanoseconds
            self.bodyStall = bodyStall.nanoseconds
            self.idle = idle.nanoseconds
            self.write = write.nanoseconds
        }
        public init(_ c: HTTPServerConfiguration) {
            self.init(header: c.headerTimeout, bodyStall: c.bodyStallTimeout, idle: c.idleTimeout, write: c.writeTimeout)
        }
    }

    public let limits: Limits
    public private(set) var phase: Phase
    public private(set) var deadline: UInt64?

    /// A new connection starts idle, but may stay silent only as long as a request head may take: a client that
    /// connects and sends nothing is holding a connection slot, not keeping a connection alive between requests.
    public init(limits: Limits, now: UInt64) {
        self.limits = limits
        self.phase = .idle
        self.deadline = now &+ min(limits.idle, limits.header)
    }

    public mutating func becomeIdle(now: UInt64) { phase = .idle; deadline = now &+ limits.idle }

    /// Bytes of a new request head arrived. The header deadline runs from the first byte and is
    /// not extended by later bytes.
    public mutating func headStarted(now: UInt64) {
        guard phase != .readingHead else { return }
        phase = .readingHead
        deadline = now &+ limits.header
    }

    /// Body bytes arrived (or the head just completed with a body to come): the stall deadline restarts.
    public mutating func bodyProgress(now: UInt64) { phase = .readingBody; deadline = now &+ limits.bodyStall }

    public mutating func startProcessing() { phase = .processing; deadline = nil }

    public mutating func startWriting(now: UInt64) {
        guard phase != .writing else { return }
        phase = .writing
        deadline = now &+ limits.write
    }

    public mutating func startStreaming() { phase = .streaming; deadline = nil }

    /// The action due at `now`, if a deadline has passed.
    public func expired(now: UInt64) -> Expiry? {
        guard let deadline, now >= deadline else { return nil }
        switch phase {
        case .idle: return .closeSilently
        case .readingHead, .readingBody: return .requestTimeout
        case .writing: return .writeTimeout
        case .processing, .streaming: return nil
        }
    }
}
