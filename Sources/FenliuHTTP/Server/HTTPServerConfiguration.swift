import Foundation

/// Every limit and timeout of the server, explicit. Defaults are the documented production values.
public struct HTTPServerConfiguration: Sendable {
    public var host: String = "127.0.0.1"
    /// 0 picks a free port; `HTTPServer.boundPort` tells which.
    public var port: Int = 8110
    /// Event-loop threads. Each owns an epoll instance and its connections.
    public var loopCount: Int = HTTPServerConfiguration.defaultLoopCount
    /// Open connections beyond this are answered 503 and closed.
    public var maxConnections: Int = 10_000
    /// Request line plus headers; beyond → 431.
    public var maxHeaderBytes: Int = 16 * 1024
    /// Body after de-chunking and decompression; beyond → 413.
    public var maxBodyBytes: Int = 1024 * 1024
    /// Time allowed from the first byte of a request to the end of its headers; beyond → 408 and close. Also how
    /// long a new connection may stay silent before its first byte (then closed without an answer).
    public var headerTimeout: Duration = .seconds(10)
    /// Longest gap between two reads of a body in progress; beyond → 408 and close.
    public var bodyStallTimeout: Duration = .seconds(10)
    /// A keep-alive connection with no request in progress is closed after this.
    public var idleTimeout: Duration = .seconds(60)
    /// A response not fully written after this closes the connection (slow reader).
    public var writeTimeout: Duration = .seconds(30)
    /// Pending output per connection above which the server stops reading from it.
    public var maxPendingOutputBytes: Int = 4 * 1024 * 1024
    /// Responses larger than this are gzip-encoded when the client accepts gzip.
    public var gzipMinimumBytes: Int = 1024
    /// zlib level for responses; low levels suit dynamic content.
    public var gzipLevel: Int32 = 1
    /// Graceful shutdown: how long in-flight requests may take before connections are cut.
    public var shutdownGracePeriod: Duration = .seconds(8)

    public init() {}
}

/// One line of the access log. Carries no body, no query string and no header values
/// other than the request id, so call texts and phone numbers never reach the log.
public struct AccessLogEntry: Sendable {
    public var method: String
    public var path: String
    public var status: Int
    public var bytes: Int
    public var durationMicroseconds: Int
    public var requestID: String
    public var remoteAddress: String

    public init(method: String, path: String, status: Int, bytes: Int, durationMicroseconds: Int,
                requestID: String, remoteAddress: String) {
        self.method = method
        self.path = path
        self.status = status
        self.bytes = bytes
        self.durationMicroseconds = durationMicroseconds
        self.requestID = requestID
        self.remoteAddress = remoteAddress
    }
}

extension HTTPServerConfiguration {
    /// One loop per core but one, and at least one: the database writer is the one thread every intake waits for,
    /// so it gets a core of its own. On two cores a second loop only competed with it: measured at 64 connections,
    /// one loop answered about 7 % more requests a second than two, with the writer waiting less for a CPU.
    public static var defaultLoopCount: Int { max(1, ProcessInfo.processInfo.activeProcessorCount - 1) }
}
