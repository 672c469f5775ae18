public enum HTTPVersion: Sendable, Hashable {
    case http1_0
    case http1_1
}

/// A fully received request: head parsed, body de-chunked and decompressed.
public struct HTTPRequest: Sendable {
    public var method: HTTPMethod
    /// The request-target exactly as received (path and query).
    public var target: String
    /// The percent-decoded path, without the query.
    public var path: String
    /// Decoded query parameters in order of appearance.
    public var query: [(name: String, value: String)]
    public var version: HTTPVersion
    public var headers: HTTPHeaders
    public var body: [UInt8]

    public init(method: HTTPMethod, target: String, path: String, query: [(name: String, value: String)] = [],
                version: HTTPVersion = .http1_1, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.method = method
        self.target = target
        self.path = path
        self.query = query
        self.version = version
        self.headers = headers
        self.body = body
    }

    /// The first value of a query parameter.
    public func queryValue(_ name: String) -> String? {
        query.first { $0.name == name }?.value
    }
}
