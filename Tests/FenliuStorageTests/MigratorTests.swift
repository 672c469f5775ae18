import Foundation
import Testing
@testable import FenliuStorage

@Suite("Migrator")
struct MigratorTests {
    static let m1 = "CREATE TABLE calls (id INTEGER PRIMARY KEY, text TEXT NOT NULL);\n"
    static let m2 = "CREATE TABLE units (id INTEGER PRIMARY KEY, name TEXT);\nCREATE INDEX units_name ON units(name);\n"
    static let m3 = "ALTER TABLE calls ADD COLUMN unit_id INTEGER REFERENCES units(id);\n"

    func makeDir(_ files: [String: String]) throws -> TempDir {
        let dir = try TempDir()
        try FileManager.default.createDirectory(atPath: dir.file("migrations"), withIntermediateDirectories: true)
        for (name, body) in files { try dir.write("migrations/\(name)", body) }
        return dir
    }

    @Test func freshDatabaseAppliesAllInOrderAndRecordsChecksums() throws {
        let dir = try makeDir(["0002_units.sql": Self.m2, "0001_calls.sql": Self.m1, "0003_call_unit.sql": Self.m3,
                               "README.md": "not a migration"])
        defer { dir.cleanup() }
        let migrations = try Migrator.load(directory: dir.file("migrations"))
        #expect(migrations.map(\.version) == [1, 2, 3])
        #expect(migrations.map(\.name) == ["calls", "units", "call_unit"])
        // Known SHA-256 of the empty string as a sanity check of the hex encoding.
        #expect(Migration.sha256Hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(migrations[0].checksum == Migration.sha256Hex(Array(Self.m1.utf8)))

        let c = try Connection(path: dir.file("db.sqlite"))
        let migrator = Migrator(migrations: migrations)
        #expect(try migrator.status(c) == .pending([1, 2, 3]))
        let applied = try migrator.migrate(c)
        #expect(applied.map(\.version) == [1, 2, 3])
        let rows = try c.query("SELECT version, name, checksum, applied_at FROM schema_migrations ORDER BY version")
        #expect(rows.map { $0.int("version") } == [1, 2, 3])
        #expect(rows.map { $0.string("checksum") } == migrations.map(\.checksum))
        #expect(rows.allSatisfy { ($0.string("applied_at") ?? "").hasSuffix("Z") })
        // Schema is there, including the column from migration 3 (proves order).
        try c.run("INSERT INTO units (name) VALUES (?)", ["西湖派出所"])
        try c.run("INSERT INTO calls (text, unit_id) VALUES (?, ?)", ["测试", .integer(c.lastInsertRowID)])

        // Second run applies nothing.
        #expect(try migrator.migrate(c).isEmpty)
        #expect(try migrator.status(c) == .current)
        #expect(try c.scalarInt("SELECT count(*) FROM schema_migrations") == 3)
    }

    @Test func changedAppliedFileIsRefused() throws {
        let dir = try makeDir(["0001_calls.sql": Self.m1, "0002_units.sql": Self.m2])
        defer { dir.cleanup() }
        let c = try Connection(path: dir.file("db.sqlite"))
        try Migrator(migrations: try Migrator.load(directory: dir.file("migrations"))).migrate(c)

        try dir.write("migrations/0002_units.sql", Self.m2 + "-- edited\n")
        let edited = Migrator(migrations: try Migrator.load(directory: dir.file("migrations")))
        do {
            try edited.migrate(c)
            Issue.record("expected .changed")
        } catch let MigrationError.changed(version, name) {
            #expect(version == 2)
            #expect(name == "units")
            #expect("\(MigrationError.changed(version: version, name: name))".contains("changed after it was applied"))
        }
        #expect(throws: MigrationError.self) { _ = try edited.status(c) }
    }

    @Test func databaseNewerThanCodeIsRefused() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let c = try Connection(path: dir.file("db.sqlite"))
        let all = [Migration(version: 1, name: "calls", sql: Self.m1),
                   Migration(version: 2, name: "units", sql: Self.m2),
                   Migration(version: 3, name: "call_unit", sql: Self.m3)]
        try Migrator(migrations: all).migrate(c)
        let older = Migrator(migrations: Array(all.prefix(2)))
        do {
            try older.migrate(c)
            Issue.record("expected .databaseNewer")
        } catch let MigrationError.databaseNewer(databaseVersion, codeVersion) {
            #expect(databaseVersion == 3)
            #expect(codeVersion == 2)
        }
        #expect(throws: MigrationError.self) { _ = try older.status(c) }
    }

    @Test func badFileNamesAndDuplicateVersionsAreRejected() throws {
        for bad in ["1_short.sql", "init.sql", "0001-calls.sql", "0001_.sql", "0000_zero.sql", "0001_bad name.sql"] {
            let dir = try makeDir(["0002_ok.sql": Self.m1, bad: Self.m1])
            defer { dir.cleanup() }
            do {
                _ = try Migrator.load(directory: dir.file("migrations"))
                Issue.record("expected invalidFileName for \(bad)")
            } catch let MigrationError.invalidFileName(name) {
                #expect(name == bad)
            }
        }
        let dup = try makeDir(["0001_a.sql": Self.m1, "0001_b.sql": Self.m2])
        defer { dup.cleanup() }
        do {
            _ = try Migrator.load(directory: dup.file("migrations"))
            Issue.record("expected duplicateVersion")
        } catch let MigrationError.duplicateVersion(version, _) {
            #expect(version == 1)
        }
        // Duplicates passed in code are caught by migrate too.
        let c = try Connection(path: dup.file("db.sqlite"))
        #expect(throws: MigrationError.self) {
            try Migrator(migrations: [Migration(version: 1, name: "a", sql: Self.m1),
                                      Migration(version: 1, name: "b", sql: Self.m2)]).migrate(c)
        }
        #expect(throws: MigrationError.self) { _ = try Migrator.load(directory: dup.file("nope")) }
    }

    @Test func statusReportsPendingAndAppliesNothing() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let c = try Connection(path: dir.file("db.sqlite"))
        let first = [Migration(version: 1, name: "calls", sql: Self.m1)]
        try Migrator(migrations: first).migrate(c)
        let next = Migrator(migrations: first + [Migration(version: 2, name: "units", sql: Self.m2),
                                                 Migration(version: 3, name: "call_unit", sql: Self.m3)])
        #expect(try next.status(c) == .pending([2, 3]))
        #expect(try c.scalarInt("SELECT count(*) FROM sqlite_master WHERE name = 'units'") == 0)
        #expect(try c.scalarInt("SELECT count(*) FROM schema_migrations") == 1)
        // status works on a read-only connection, even before any migration ran.
        _ = try Connection(path: dir.file("fresh.sqlite"))   // creates the (empty) file
        let readOnly = try Connection(path: dir.file("fresh.sqlite"), mode: .readOnly)
        #expect(try next.status(readOnly) == .pending([1, 2, 3]))
        #expect(try readOnly.scalarInt("SELECT count(*) FROM sqlite_master") == 0)
    }

    @Test func failingMigrationRollsBackAndStopsThere() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let c = try Connection(path: dir.file("db.sqlite"))
        let migrations = [Migration(version: 1, name: "calls", sql: Self.m1),
                          Migration(version: 2, name: "broken", sql: "CREATE TABLE half (x); INSERT INTO nope VALUES (1);"),
                          Migration(version: 3, name: "units", sql: Self.m2)]
        do {
            try Migrator(migrations: migrations).migrate(c)
            Issue.record("expected .failed")
        } catch let MigrationError.failed(version, name, underlying) {
            #expect(version == 2)
            #expect(name == "broken")
            #expect(underlying is SQLiteError)
        }
        #expect(try c.query("SELECT version FROM schema_migrations").map { $0.int("version") } == [1])
        #expect(try c.scalarInt("SELECT count(*) FROM sqlite_master WHERE name = 'half'") == 0)
        #expect(!c.isInTransaction)
    }

    @Test func migrationAddedBelowAppliedVersionIsRefused() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let c = try Connection(path: dir.file("db.sqlite"))
        try Migrator(migrations: [Migration(version: 1, name: "calls", sql: Self.m1),
                                  Migration(version: 3, name: "units", sql: Self.m2)]).migrate(c)
        let late = Migrator(migrations: [Migration(version: 1, name: "calls", sql: Self.m1),
                                         Migration(version: 2, name: "late", sql: "CREATE TABLE late (x);"),
                                         Migration(version: 3, name: "units", sql: Self.m2)])
        #expect(throws: MigrationError.self) { try late.migrate(c) }
    }
}
