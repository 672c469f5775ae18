/// The HTTP/1.1 server: epoll event loops on non-blocking POSIX sockets.
/// (Skeleton: the implementation lands with the server work.)
public final class HTTPServer: Sendable {
    public let configuration: HTTPServerConfiguration

    public init(configuration: HTTPServerConfiguration, responder: any HTTPResponder,
                accessLog: (@Sendable (AccessLogEntry) -> Void)? = nil) {
        self.configuration = configuration
    }

    /// Binds, listens and starts the loop threads. Returns once connections are accepted.
    public func start() throws { fatalError("unimplemented") }

    /// The port actually bound (useful with port 0). Valid after `start()`.
    public var boundPort: Int { fatalError("unimplemented") }

    /// Graceful stop: no new connections, in-flight requests finish (up to the grace period),
    /// idle connections close. Blocks until every loop thread has exited.
    public func shutdown() { fatalError("unimplemented") }
}

/// Body writer for a streaming response (Server-Sent Events). Thread-safe.
public final class StreamWriter: Sendable {
    public init() {}
    /// Queues bytes for the client. Returns false once the stream is closed: the client went away,
    /// or it fell so far behind that its pending output passed the limit and it was dropped.
    @discardableResult
    public func write(_ bytes: [UInt8]) -> Bool { fatalError("unimplemented") }
    /// Ends the stream and closes the connection.
    public func finish() { fatalError("unimplemented") }
    public var isClosed: Bool { fatalError("unimplemented") }
    /// Called once, on any thread, when the stream closes for whatever reason.
    public func onClose(_ handler: @escaping @Sendable () -> Void) { fatalError("unimplemented") }
}
