import FenliuHTTP

/// Every way a request can fail, mapped to HTTP in exactly one place (`problem`).
public enum ServiceError: Error, Equatable, Sendable {
    case invalidJSON
    case unsupportedMediaType(String?)
    case invalidField(field: String, detail: String)
    case unauthenticated
    case forbidden(String)
    case notFound(String)
    case conflict(String)
    case invalidTransition(from: String, action: String, allowed: [String])
    case overloaded
    case storageUnavailable
    case notConfigured(String)
    case badSignature(String)
    case internalError

    public var problem: ProblemDetails {
        switch self {
        case .invalidJSON:
            return ProblemDetails(type: "urn:fenliu:problem:invalid-json", title: "Invalid JSON", status: 400,
                                  detail: "The request body is not a valid JSON document.")
        case .unsupportedMediaType(let given):
            return ProblemDetails(type: "urn:fenliu:problem:unsupported-media-type", title: "Unsupported Media Type",
                                  status: 415,
                                  detail: "Send Content-Type: application/json (got \(given.map { "'\($0.prefix(64))'" } ?? "none")).")
        case .invalidField(let field, let detail):
            return ProblemDetails(type: "urn:fenliu:problem:validation", title: "Invalid field", status: 422,
                                  detail: detail, field: field)
        case .unauthenticated:
            return ProblemDetails(type: "urn:fenliu:problem:unauthenticated", title: "Unauthorized", status: 401,
                                  detail: "Send a valid token as 'Authorization: Bearer <token>'.")
        case .forbidden(let detail):
            return ProblemDetails(type: "urn:fenliu:problem:forbidden", title: "Forbidden", status: 403, detail: detail)
        case .notFound(let detail):
            return ProblemDetails(type: "urn:fenliu:problem:not-found", title: "Not Found", status: 404, detail: detail)
        case .conflict(let detail):
            return ProblemDetails(type: "urn:fenliu:problem:conflict", title: "Conflict", status: 409, detail: detail)
        case .invalidTransition(let from, let action, let allowed):
            let list = "[" + allowed.map(JSONString.quote).joined(separator: ",") + "]"
            return ProblemDetails(type: "urn:fenliu:problem:invalid-transition", title: "Invalid transition", status: 409,
                                  detail: "'\(action)' is not allowed while the item is '\(from)'.",
                                  extensions: [("state", JSONString.quote(from)), ("allowed", list)])
        case .overloaded:
            return ProblemDetails(type: "urn:fenliu:problem:overloaded", title: "Service Unavailable", status: 503,
                                  detail: "The write queue is full; retry shortly.")
        case .storageUnavailable:
            return ProblemDetails(type: "urn:fenliu:problem:storage-unavailable", title: "Service Unavailable", status: 503,
                                  detail: "The database cannot be written right now; nothing was stored. Reads still work.")
        case .notConfigured(let detail):
            return ProblemDetails(type: "urn:fenliu:problem:not-configured", title: "Service Unavailable", status: 503,
                                  detail: detail)
        case .badSignature(let detail):
            return ProblemDetails(type: "urn:fenliu:problem:bad-signature", title: "Unauthorized", status: 401, detail: detail)
        case .internalError:
            return ProblemDetails(type: "urn:fenliu:problem:internal", title: "Internal Server Error", status: 500,
                                  detail: "The request could not be completed.")
        }
    }

    public var response: HTTPResponse {
        var headers = HTTPHeaders()
        switch self {
        case .overloaded, .storageUnavailable: headers.set("Retry-After", "1")
        case .unauthenticated: headers.set("WWW-Authenticate", "Bearer")
        default: break
        }
        return .problem(problem, headers: headers)
    }
}
