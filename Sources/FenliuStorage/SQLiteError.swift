import CSQLite

/// An error reported by SQLite.
///
/// Carries the extended result code, SQLite's message and the SQL text of the failing statement.
/// It never carries bound values (which may hold personal data); `description` is safe to log as long as
/// callers keep values out of their SQL text and use bindings.
public struct SQLiteError: Error, CustomStringConvertible, Sendable {
    /// Extended result code (e.g. 2067 = SQLITE_CONSTRAINT_UNIQUE).
    public let code: Int32
    /// `sqlite3_errmsg` at the failing call.
    public let message: String
    /// Statement text, never the bound values.
    public let sql: String?

    public init(code: Int32, message: String, sql: String? = nil) {
        self.code = code
        self.message = message
        self.sql = sql
    }

    /// Primary result code (low 8 bits of the extended code).
    public var primaryCode: Int32 { code & 0xFF }

    /// The database cannot currently be written: read-only, full, I/O error, cannot open, corrupt, not a
    /// database, permission denied. The service should report "not ready" / 503.
    public var isUnwritable: Bool {
        switch primaryCode {
        case SQLITE_READONLY, SQLITE_FULL, SQLITE_IOERR, SQLITE_CANTOPEN, SQLITE_CORRUPT, SQLITE_NOTADB,
             SQLITE_PERM, SQLITE_NOLFS:
            return true
        default:
            return false
        }
    }

    public var isConstraintViolation: Bool { primaryCode == SQLITE_CONSTRAINT }

    /// SQLITE_BUSY / SQLITE_LOCKED: another connection holds a conflicting lock (after the busy timeout).
    public var isBusy: Bool { primaryCode == SQLITE_BUSY || primaryCode == SQLITE_LOCKED }

    /// SQLite's generic text for the code, e.g. "database or disk is full".
    public var codeDescription: String {
        guard let s = sqlite3_errstr(code) else { return "unknown error" }
        return String(cString: s)
    }

    public var description: String {
        var d = "SQLite error \(code) (\(codeDescription)): \(message)"
        if let sql { d += " — SQL: \(sql)" }
        return d
    }
}

extension SQLiteError {
    static func misuse(_ message: String, sql: String? = nil) -> SQLiteError {
        SQLiteError(code: SQLITE_MISUSE, message: message, sql: sql)
    }
}

/// Errors of the storage layer that are not SQLite result codes.
public enum StorageError: Error, CustomStringConvertible, Sendable {
    /// A PRAGMA did not take effect (read back a different value).
    case pragmaNotApplied(name: String, expected: String, actual: String?)
    /// The writer/reader queue is full: answer 503 + Retry-After.
    case queueFull
    /// The writer or reader pool has been shut down.
    case shutDown
    /// API misuse, e.g. a blocking `write` called from the writer thread itself.
    case misuse(String)

    public var description: String {
        switch self {
        case let .pragmaNotApplied(name, expected, actual):
            return "PRAGMA \(name) did not take effect: expected \(expected), read back \(actual ?? "nothing")"
        case .queueFull: return "database queue is full"
        case .shutDown: return "database has been shut down"
        case .misuse(let m): return "storage misuse: \(m)"
        }
    }
}
