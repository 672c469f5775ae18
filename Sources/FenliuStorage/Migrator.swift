import Crypto
import Foundation

/// One schema migration: file `NNNN_name.sql`.
public struct Migration: Sendable, Equatable {
    public let version: Int
    public let name: String
    public let sql: String
    /// SHA-256 (lowercase hex) of the file bytes.
    public let checksum: String

    public init(version: Int, name: String, sql: String, checksum: String) {
        self.version = version
        self.name = name
        self.sql = sql
        self.checksum = checksum
    }

    /// A migration defined in code; the checksum is the SHA-256 of the UTF-8 of `sql`.
    public init(version: Int, name: String, sql: String) {
        self.init(version: version, name: name, sql: sql, checksum: Migration.sha256Hex(Array(sql.utf8)))
    }

    public static func sha256Hex(_ bytes: [UInt8]) -> String {
        let digest = SHA256.hash(data: bytes)
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for b in digest {
            out.append(hex[Int(b >> 4)])
            out.append(hex[Int(b & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

public enum MigrationError: Error, CustomStringConvertible, Sendable {
    /// A `.sql` file whose name is not `NNNN_name.sql` (digits, underscore, letters/digits/underscores/hyphens).
    case invalidFileName(String)
    /// Two migrations share a version number.
    case duplicateVersion(Int, names: [String])
    /// The migrations directory (or a file in it) could not be read.
    case unreadable(path: String, reason: String)
    /// A migration file is not valid UTF-8.
    case invalidEncoding(fileName: String)
    /// An already-applied migration's file changed since it was applied.
    case changed(version: Int, name: String)
    /// The database has migrations this code does not know: it was migrated by a newer release.
    case databaseNewer(databaseVersion: Int, codeVersion: Int)
    /// A pending migration has a lower version than one already applied (added out of order).
    case outOfOrder(version: Int, name: String, latestApplied: Int)
    /// Applying a migration failed; its transaction was rolled back.
    case failed(version: Int, name: String, underlying: any Error)

    public var description: String {
        switch self {
        case .invalidFileName(let f):
            return "invalid migration file name \"\(f)\": expected NNNN_name.sql (e.g. 0001_create_calls.sql)"
        case let .duplicateVersion(v, names):
            return "duplicate migration version \(v): \(names.joined(separator: ", "))"
        case let .unreadable(path, reason):
            return "cannot read migrations at \(path): \(reason)"
        case .invalidEncoding(let f):
            return "migration file \(f) is not valid UTF-8"
        case let .changed(v, name):
            return "migration \(v) (\(name)) was changed after it was applied to this database (checksum mismatch); "
                + "never edit an applied migration — add a new one"
        case let .databaseNewer(dbv, codev):
            return "database schema is at version \(dbv) but this code only knows migrations up to \(codev); "
                + "refusing to run an older release against a newer database"
        case let .outOfOrder(v, name, latest):
            return "migration \(v) (\(name)) is pending but migration \(latest) is already applied; "
                + "new migrations must have a higher version than every applied one"
        case let .failed(v, name, underlying):
            return "migration \(v) (\(name)) failed and was rolled back: \(underlying)"
        }
    }
}

public enum MigrationStatus: Sendable, Equatable {
    case current
    case pending([Int])
}

public struct Migrator: Sendable {
    public let migrations: [Migration]

    /// Migrations are sorted by version. Duplicate versions are reported by `migrate`/`status`.
    public init(migrations: [Migration]) {
        self.migrations = migrations.sorted { $0.version < $1.version }
    }

    /// Loads `NNNN_name.sql` files from `directory`, ordered by version. Other (non-`.sql`) files are ignored;
    /// a `.sql` file with a bad name is an error, as are duplicate versions.
    public static func load(directory: String) throws -> [Migration] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw MigrationError.unreadable(path: directory, reason: "\(error.localizedDescription)")
        }
        var result: [Migration] = []
        for fileName in names.sorted() where fileName.hasSuffix(".sql") {
            guard let (version, name) = parseFileName(fileName) else {
                throw MigrationError.invalidFileName(fileName)
            }
            let path = directory.hasSuffix("/") ? directory + fileName : directory + "/" + fileName
            guard let data = FileManager.default.contents(atPath: path) else {
                throw MigrationError.unreadable(path: path, reason: "cannot read file")
            }
            let bytes = [UInt8](data)
            guard let sql = String(validating: bytes, as: UTF8.self) else {
                throw MigrationError.invalidEncoding(fileName: fileName)
            }
            result.append(Migration(version: version, name: name, sql: sql, checksum: Migration.sha256Hex(bytes)))
        }
        result.sort { $0.version < $1.version }
        try checkDuplicates(result)
        return result
    }

    /// `NNNN_name.sql`: at least 4 digits, version > 0, name of [A-Za-z0-9_-]+.
    static func parseFileName(_ fileName: String) -> (Int, String)? {
        guard fileName.hasSuffix(".sql") else { return nil }
        let stem = fileName.dropLast(4)
        guard let underscore = stem.firstIndex(of: "_") else { return nil }
        let digits = stem[..<underscore]
        let name = stem[stem.index(after: underscore)...]
        guard digits.count >= 4, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
              let version = Int(digits), version > 0 else { return nil }
        guard !name.isEmpty, name.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A)
            || ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x5F || $0 == 0x2D }) else { return nil }
        return (version, String(name))
    }

    static func checkDuplicates(_ migrations: [Migration]) throws {
        var seen: [Int: String] = [:]
        for m in migrations {
            if let other = seen[m.version] { throw MigrationError.duplicateVersion(m.version, names: [other, m.name]) }
            seen[m.version] = m.name
        }
    }

    private struct Applied { let version: Int; let name: String; let checksum: String }

    private static let createTable = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version    INTEGER PRIMARY KEY,
            name       TEXT NOT NULL,
            checksum   TEXT NOT NULL,
            applied_at TEXT NOT NULL
        )
        """

    private func applied(_ c: Connection) throws -> [Applied] {
        let exists = try c.scalarInt(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'") ?? 0
        guard exists > 0 else { return [] }
        return try c.query("SELECT version, name, checksum FROM schema_migrations ORDER BY version").map {
            Applied(version: Int($0.int("version") ?? 0), name: $0.string("name") ?? "",
                    checksum: $0.string("checksum") ?? "")
        }
    }

    /// Validates applied migrations against the code and returns the pending ones.
    private func pending(_ c: Connection) throws -> [Migration] {
        try Self.checkDuplicates(migrations)
        let applied = try applied(c)
        let byVersion = Dictionary(uniqueKeysWithValues: migrations.map { ($0.version, $0) })
        let codeVersion = migrations.last?.version ?? 0
        let dbVersion = applied.last?.version ?? 0
        for a in applied {
            guard let m = byVersion[a.version] else {
                throw MigrationError.databaseNewer(databaseVersion: dbVersion, codeVersion: codeVersion)
            }
            if m.checksum != a.checksum { throw MigrationError.changed(version: a.version, name: a.name) }
        }
        let appliedVersions = Set(applied.map(\.version))
        let pending = migrations.filter { !appliedVersions.contains($0.version) }
        if let first = pending.first, first.version < dbVersion {
            throw MigrationError.outOfOrder(version: first.version, name: first.name, latestApplied: dbVersion)
        }
        return pending
    }

    /// Applies pending migrations in order, each in its own BEGIN IMMEDIATE transaction together with its
    /// `schema_migrations` row. Returns the migrations applied. Migration SQL must not contain BEGIN/COMMIT.
    @discardableResult
    public func migrate(_ connection: Connection) throws -> [Migration] {
        try connection.execute(Self.createTable)
        let todo = try pending(connection)
        var done: [Migration] = []
        for m in todo {
            do {
                let applied: Bool = try connection.inTransaction {
                    // Another process may have applied it meanwhile: re-check under the write lock.
                    if let row = try connection.queryFirst(
                        "SELECT checksum FROM schema_migrations WHERE version = ?", [.integer(Int64(m.version))]) {
                        if row.string("checksum") != m.checksum {
                            throw MigrationError.changed(version: m.version, name: m.name)
                        }
                        return false
                    }
                    try connection.execute(m.sql)
                    try connection.run("""
                        INSERT INTO schema_migrations (version, name, checksum, applied_at)
                        VALUES (?, ?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
                        """, [.integer(Int64(m.version)), .text(m.name), .text(m.checksum)])
                    return true
                }
                if applied { done.append(m) }
            } catch let e as MigrationError {
                throw e
            } catch {
                throw MigrationError.failed(version: m.version, name: m.name, underlying: error)
            }
        }
        return done
    }

    /// Same checks as `migrate`, applies nothing (works on a read-only connection).
    public func status(_ connection: Connection) throws -> MigrationStatus {
        let p = try pending(connection)
        return p.isEmpty ? .current : .pending(p.map(\.version))
    }
}
