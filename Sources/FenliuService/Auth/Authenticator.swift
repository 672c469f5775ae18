import FenliuHTTP
import FenliuStorage
import Foundation
import Synchronization

/// Resolves bearer tokens to principals. Hits are cached for a short time so the hot path does not
/// touch SQLite; a token revoked from the CLI stops working within `cacheLifetime`.
public final class Authenticator: Sendable {
    private struct Entry { let principal: Principal; let expires: ContinuousClock.Instant }

    private let readers: DatabaseReaderPool
    private let cacheLifetime: Duration
    private let cache = Mutex<[String: Entry]>([:])
    private let clock = ContinuousClock()

    public init(readers: DatabaseReaderPool, cacheLifetime: Duration = .seconds(1)) {
        self.readers = readers
        self.cacheLifetime = cacheLifetime
    }

    /// Calls `completion` with the principal, or with `.unauthenticated`; synchronously on a cache hit.
    public func authenticate(_ request: HTTPRequest,
                             completion: @escaping @Sendable (Result<Principal, ServiceError>) -> Void) {
        guard let header = request.headers["Authorization"], header.count > 7,
              header.prefix(7).lowercased() == "bearer " else {
            completion(.failure(.unauthenticated))
            return
        }
        let token = Self.credentials(afterScheme: header)
        guard !token.isEmpty, token.utf8.count <= 256 else { completion(.failure(.unauthenticated)); return }
        let hash = TokenStore.hash(token)
        let now = clock.now
        if let hit = cache.withLock({ $0[hash] }), hit.expires > now {
            completion(.success(hit.principal))
            return
        }
        let accepted = readers.read({ db in try TokenStore.lookup(hash: hash, in: db) }) { [self] result in
            switch result {
            case .success(.some(let principal)):
                cache.withLock { cache in
                    if cache.count > 10_000 { cache.removeAll() }
                    cache[hash] = Entry(principal: principal, expires: clock.now.advanced(by: cacheLifetime))
                }
                completion(.success(principal))
            case .success(.none):
                completion(.failure(.unauthenticated))
            case .failure:
                completion(.failure(.internalError))
            }
        }
        if !accepted { completion(.failure(.overloaded)) }
    }

    /// The token after "Bearer ", without surrounding spaces or tabs. Byte-wise: Foundation's trimming bridges
    /// through NSString on Linux, and this runs on every request.
    static func credentials(afterScheme header: String) -> String {
        let bytes = Array(header.utf8.dropFirst(7))
        let isBlank: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 }
        guard let first = bytes.firstIndex(where: { !isBlank($0) }), let last = bytes.lastIndex(where: { !isBlank($0) })
        else { return "" }
        return String(decoding: bytes[first...last], as: UTF8.self)
    }
}
