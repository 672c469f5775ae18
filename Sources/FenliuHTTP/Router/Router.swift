/// Maps method and path pattern to a handler. Patterns are literal segments and `:name`
/// parameters; an unknown path answers 404, a known path with another method 405 with Allow.
public struct Router: HTTPResponder {
    public typealias Handler = @Sendable (HTTPRequest, RequestContext, ResponseSink) -> Void

    struct Route: Sendable {
        let method: HTTPMethod
        let segments: [Segment]
        let handler: Handler
    }

    enum Segment: Sendable, Equatable {
        case literal(String)
        case parameter(String)
    }

    private var routes: [Route] = []

    public init() {}

    public mutating func add(_ method: HTTPMethod, _ pattern: String, _ handler: @escaping Handler) {
        routes.append(Route(method: method, segments: Self.segments(of: pattern), handler: handler))
    }

    public mutating func get(_ pattern: String, _ handler: @escaping Handler) { add(.get, pattern, handler) }
    public mutating func post(_ pattern: String, _ handler: @escaping Handler) { add(.post, pattern, handler) }

    public func respond(to request: HTTPRequest, context: RequestContext, sink: ResponseSink) {
        let parts = Self.pathParts(request.path)
        var allowed: [HTTPMethod] = []
        for route in routes {
            guard let parameters = Self.match(route.segments, parts) else { continue }
            // HEAD is served by the GET handler; the server drops the body.
            if route.method == request.method || (request.method == .head && route.method == .get) {
                var ctx = context
                ctx.parameters = parameters
                route.handler(request, ctx, sink)
                return
            }
            if !allowed.contains(route.method) { allowed.append(route.method) }
        }
        if allowed.isEmpty {
            sink.send(.problem(ProblemDetails(title: "Not Found", status: 404,
                                              detail: "No resource at this path.")))
        } else {
            if allowed.contains(.get) && !allowed.contains(.head) { allowed.append(.head) }
            var headers = HTTPHeaders()
            headers.set("Allow", allowed.map(\.rawValue).joined(separator: ", "))
            sink.send(.problem(ProblemDetails(title: "Method Not Allowed", status: 405,
                                              detail: "Allowed: \(allowed.map(\.rawValue).joined(separator: ", ")).")),
                      headers: headers)
        }
    }

    static func segments(of pattern: String) -> [Segment] {
        pathParts(pattern).map { $0.hasPrefix(":") ? .parameter(String($0.dropFirst())) : .literal($0) }
    }

    static func pathParts(_ path: String) -> [String] {
        path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
    }

    static func match(_ segments: [Segment], _ parts: [String]) -> [String: String]? {
        guard segments.count == parts.count else { return nil }
        var parameters: [String: String] = [:]
        for (segment, part) in zip(segments, parts) {
            switch segment {
            case .literal(let literal): if literal != part { return nil }
            case .parameter(let name): parameters[name] = part
            }
        }
        return parameters
    }
}

extension ResponseSink {
    func send(_ response: HTTPResponse, headers: HTTPHeaders) {
        var r = response
        for field in headers { r.headers.set(field.name, field.value) }
        send(r)
    }
}
