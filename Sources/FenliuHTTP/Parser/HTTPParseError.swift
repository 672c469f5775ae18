/// Why a request could not be parsed. Each maps to the status the server answers with;
/// every one of them closes the connection.
public enum HTTPParseError: Error, Equatable, Sendable {
    /// Malformed syntax or a smuggling attempt (400).
    case badRequest(String)
    /// Request line plus headers over `maxHeaderBytes` (431).
    case headersTooLarge
    /// Declared or received body over `maxBodyBytes`, after decompression (413).
    case bodyTooLarge
    /// Content-Encoding other than gzip/identity (415).
    case unsupportedContentEncoding
    /// HTTP/x.y other than 1.0 and 1.1 (505).
    case versionNotSupported
    /// A transfer coding before `chunked` that the server does not implement (501).
    case unsupportedTransferCoding
    /// An `Expect` other than 100-continue (417).
    case expectationFailed

    public var status: HTTPStatus {
        switch self {
        case .badRequest: .badRequest
        case .headersTooLarge: .requestHeaderFieldsTooLarge
        case .bodyTooLarge: .contentTooLarge
        case .unsupportedContentEncoding: .unsupportedMediaType
        case .versionNotSupported: .httpVersionNotSupported
        case .unsupportedTransferCoding: .notImplemented
        case .expectationFailed: .expectationFailed
        }
    }

    public var detail: String {
        switch self {
        case .badRequest(let why): why
        case .headersTooLarge: "The request line and headers are too large."
        case .bodyTooLarge: "The request body is too large."
        case .unsupportedContentEncoding: "Only gzip and identity content codings are accepted."
        case .versionNotSupported: "Only HTTP/1.0 and HTTP/1.1 are supported."
        case .unsupportedTransferCoding: "Only the chunked transfer coding is supported."
        case .expectationFailed: "Only 'Expect: 100-continue' is supported."
        }
    }
}
