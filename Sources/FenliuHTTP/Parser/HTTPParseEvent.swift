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
