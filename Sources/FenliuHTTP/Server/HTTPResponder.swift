/// What the server knows about a request beyond its bytes.
public struct RequestContext: Sendable {
    /// Echoed from a sane client `X-Request-ID`, otherwise generated. Also sent on the response.
    public var requestID: String
    /// "ip:port" of the peer.
    public var remoteAddress: String
    /// Path parameters filled in by the router (`:call_id` → value).
    public var parameters: [String: String]

    public init(requestID: String, remoteAddress: String, parameters: [String: String] = [:]) {
        self.requestID = requestID
        self.remoteAddress = remoteAddress
        self.parameters = parameters
    }
}

/// Handles one request. Must not block: answer through `sink` now (on the calling loop thread)
/// or later from any thread once slow work (a database write) is done. Exactly one answer per request.
public protocol HTTPResponder: Sendable {
    func respond(to request: HTTPRequest, context: RequestContext, sink: ResponseSink)
}

/// One-shot answer channel for a request. Thread-safe; a second `send` is ignored.
/// For a streaming answer (Server-Sent Events) use `startStream`.
public struct ResponseSink: Sendable {
    let deliver: @Sendable (ResponsePart) -> Void

    public init(deliver: @escaping @Sendable (ResponsePart) -> Void) { self.deliver = deliver }

    public func send(_ response: HTTPResponse) { deliver(.complete(response)) }

    /// Sends a response built on the connection's loop thread: a thread that must not spend time encoding
    /// (the database writer) hands over the values and the loop does the rest.
    public func send(building build: @escaping @Sendable () -> HTTPResponse) { deliver(.deferred(build)) }

    /// Sends the head (status and headers, no Content-Length) and returns a writer for the body,
    /// written as it comes with chunked transfer coding. The connection is closed when the stream ends.
    public func startStream(status: HTTPStatus, headers: HTTPHeaders) -> StreamWriter {
        let writer = StreamWriter()
        deliver(.streamHead(status, headers, writer))
        return writer
    }
}

public enum ResponsePart: Sendable {
    case complete(HTTPResponse)
    /// Built by the loop that owns the connection, just before it is written.
    case deferred(@Sendable () -> HTTPResponse)
    case streamHead(HTTPStatus, HTTPHeaders, StreamWriter)
}
