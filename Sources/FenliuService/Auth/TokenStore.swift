import Crypto
import FenliuStorage
import Foundation

/// API tokens: random 32-byte secrets handed out once; only their SHA-256 is stored.
public enum TokenStore {
    public struct Record: Sendable {
        public let id: Int64
        public let role: Role
        public let township: String?
        public let label: String?
        public let createdAt: String
        public let revokedAt: String?
    }

    public static func hash(_ token: String) -> String {
        Hex.encode(SHA256.hash(data: Array(token.utf8)))
    }

    public static func generateToken() -> String {
        "fl_" + Hex.random(byteCount: 32)
    }

    /// Creates a token and returns it in clear; this is the only moment it exists outside the caller's hands.
    public static func create(role: Role, township: String?, label: String?, now: Date, in db: Connection) throws -> (id: Int64, token: String) {
        let token = generateToken()
        try db.run("INSERT INTO api_tokens (token_hash, role, township, label, created_at) VALUES (?, ?, ?, ?, ?)",
                   [SQLValue(hash(token)), SQLValue(role.rawValue), SQLValue(township), SQLValue(label),
                    SQLValue(RFC3339.format(now))])
        return (db.lastInsertRowID, token)
    }

    public static func lookup(hash: String, in db: Connection) throws -> Principal? {
        guard let row = try db.queryFirst(
            "SELECT id, role, township FROM api_tokens WHERE token_hash = ? AND revoked_at IS NULL", [SQLValue(hash)]),
            let id = row.int("id"), let role = row.string("role").flatMap(Role.init(rawValue:))
        else { return nil }
        return Principal(tokenID: id, role: role, township: row.string("township"))
    }

    public static func list(in db: Connection) throws -> [Record] {
        try db.query("SELECT id, role, township, label, created_at, revoked_at FROM api_tokens ORDER BY id").compactMap { row in
            guard let id = row.int("id"), let role = row.string("role").flatMap(Role.init(rawValue:)) else { return nil }
            return Record(id: id, role: role, township: row.string("township"), label: row.string("label"),
                          createdAt: row.string("created_at") ?? "", revokedAt: row.string("revoked_at"))
        }
    }

    /// Returns false when no active token has this id.
    public static func revoke(id: Int64, now: Date, in db: Connection) throws -> Bool {
        try db.run("UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                   [SQLValue(RFC3339.format(now)), SQLValue(id)])
        return db.changes > 0
    }

    public static func activeCount(in db: Connection) throws -> Int {
        Int(try db.scalarInt("SELECT count(*) FROM api_tokens WHERE revoked_at IS NULL") ?? 0)
    }
}
