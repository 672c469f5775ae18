import FenliuDomain
import FenliuHTTP
import FenliuStorage
import Foundation

/// What every handler may use. Handlers run on an event-loop thread and must not block:
/// writes go to the writer, reads to the reader pool, and answers come back through the sink.
public struct HandlerContext: Sendable {
    public let writer: DatabaseWriter
    public let readers: DatabaseReaderPool
    public let engines: EngineHolder
    public let authenticator: Authenticator
    public let policy: LoopPolicy
    public let clock: @Sendable () -> Date

    /// Authenticates, checks the role, then runs `body` with the principal; answers errors itself.
    func authorized(_ request: HTTPRequest, _ sink: ResponseSink, roles: Set<Role>,
                    _ body: @escaping @Sendable (Principal) -> Void) {
        authenticator.authenticate(request) { result in
            switch result {
            case .failure(let error):
                sink.send(error.response)
            case .success(let principal):
                do throws(ServiceError) {
                    try principal.require(roles)
                    body(principal)
                } catch {
                    sink.send(error.response)
                }
            }
        }
    }

    /// Runs `work` on the writer; maps storage failures to 503 and typed errors to their status.
    func write<T: Sendable>(_ sink: ResponseSink, _ work: @escaping @Sendable (Connection) throws -> T,
                            then respond: @escaping @Sendable (T) -> HTTPResponse) {
        let queued = writer.submit(work) { result in
            switch result {
            case .success(let value):
                // Completions run on the writer thread, whose time is the service's throughput: the answer
                // is encoded by the connection's loop instead.
                sink.send(building: { respond(value) })
            case .failure(let error): sink.send(Self.errorResponse(error))
            }
        }
        if !queued { sink.send(ServiceError.overloaded.response) }
    }

    /// Runs `work` on a reader connection.
    func read<T: Sendable>(_ sink: ResponseSink, _ work: @escaping @Sendable (Connection) throws -> T,
                           then respond: @escaping @Sendable (T) -> HTTPResponse) {
        let queued = readers.read(work) { result in
            switch result {
            case .success(let value): sink.send(respond(value))
            case .failure(let error): sink.send(Self.errorResponse(error))
            }
        }
        if !queued { sink.send(ServiceError.overloaded.response) }
    }

    static func errorResponse(_ error: any Error) -> HTTPResponse {
        if let serviceError = error as? ServiceError { return serviceError.response }
        if let sqlite = error as? SQLiteError, sqlite.isUnwritable { return ServiceError.storageUnavailable.response }
        ServiceLog.error("request failed", metadata: ["error": "\(error)"])
        return ServiceError.internalError.response
    }

    /// The canonical township for a name a person typed (canonical or short form), or a 422 on `field`.
    func canonicalTownship(_ name: String, field: String) throws(ServiceError) -> String {
        guard let canonical = TownshipNames.canonical(name, in: engines.engine.gazetteer) else {
            throw .invalidField(field: field, detail: "\(field) is not one of the 14 townships.")
        }
        return canonical
    }

    /// Parses a JSON body after checking its media type.
    static func jsonBody(_ request: HTTPRequest) throws(ServiceError) -> JSONValue {
        let contentType = request.headers["Content-Type"]
        let mediaType = contentType.map(Self.mediaType)
        guard mediaType == "application/json" || (mediaType?.hasPrefix("application/") == true && mediaType?.hasSuffix("+json") == true) else {
            throw .unsupportedMediaType(contentType)
        }
        do { return try JSONValue.parse(request.body) } catch { throw .invalidJSON }
    }

    /// "Application/JSON ; charset=utf-8" → "application/json": the part before parameters, without spaces or
    /// tabs around it, ASCII-lowercased (RFC 9110 §8.3.1). Byte-wise, because Foundation's trimming bridges
    /// through NSString on Linux and showed up in every intake's profile.
    static func mediaType(_ value: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        for b in value.utf8 {
            if b == 0x3B { break }
            bytes.append(b >= 0x41 && b <= 0x5A ? b + 32 : b)
        }
        let isBlank: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 }
        guard let first = bytes.firstIndex(where: { !isBlank($0) }), let last = bytes.lastIndex(where: { !isBlank($0) })
        else { return "" }
        return String(decoding: bytes[first...last], as: UTF8.self)
    }
}
