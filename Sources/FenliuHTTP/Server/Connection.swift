/// What the server remembers about the request being answered on a connection.
struct RequestInfo {
    var method: String
    var path: String
    var requestID: String
    var startNanos: UInt64
    var isHead: Bool
    var acceptsGzip: Bool
    var keepAlive: Bool
    var version: HTTPVersion
}

final class Connection {
    enum State {
        /// Parsing (or waiting for) the next request.
        case reading
        /// The responder has the request.
        case processing(RequestInfo)
        /// A complete response is being written; the next request waits until it is flushed.
        case writing
        /// A chunked streaming response is open.
        case streaming(StreamWriter, RequestInfo)
        /// The last response is written and our side shut down; unread input is drained briefly so
        /// closing does not send a reset that could destroy the response before the client reads it.
        case lingering(until: UInt64)
    }

    let fd: Int32
    let id: ConnectionID
    let remoteAddress: String
    var parser: HTTPRequestParser
    var timer: ConnectionTimer
    var state: State = .reading
    var output: [UInt8] = []
    var outputOffset = 0
    var closeAfterWrite = false
    /// The peer sent EOF (or reset); nothing more will be read.
    var peerClosed = false
    var interest: UInt32 = 0
    var streamBytes = 0
    var streamStatus = 200

    init(fd: Int32, id: ConnectionID, remoteAddress: String, parser: HTTPRequestParser, timer: ConnectionTimer) {
        self.fd = fd
        self.id = id
        self.remoteAddress = remoteAddress
        self.parser = parser
        self.timer = timer
    }

    var pendingOutput: Int { output.count - outputOffset }
}
