import FenliuStorage
import Foundation
import Testing

/// The shipped migrations themselves (migrations/), applied the way `fenliu migrate` applies them.
@Suite("Shipped migrations")
struct ShippedMigrationTests {
    let all: [Migration]

    init() throws {
        all = try Migrator.load(directory: LiveService.packageRoot + "/migrations")
    }

    func temporaryDatabase() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("fenliu-migrations-\(UUID().uuidString).sqlite").path
    }

    func removeDatabase(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    /// `when` makes the statement text differ before and after the migration: an EXPLAIN only lists a program, so a
    /// cached one is never prepared again after a schema change.
    func opensATemporaryBTree(_ db: Connection, _ sql: String, when: String = "after") throws -> Bool {
        let parameters = [SQLValue](repeating: .null, count: sql.filter { $0 == "?" }.count)
        return try db.query("EXPLAIN \(sql) -- \(when)", parameters).contains { $0.string("opcode") == "OpenEphemeral" }
    }

    static let insertDecision = """
        INSERT INTO decisions (decision_id, call_id, police, category, target, township, confidence, reasons,
                               ruleset_version, decided_by, decided_at)
        VALUES (?, 'c-1', 0, 'utilities', ?, ?, 0.8, '[]', 'v1', 'classifier', '2026-11-29T00:00:00.000Z')
        """
    static let insertDelivery = """
        INSERT INTO deliveries (delivery_id, call_id, destination, kind, format, url, payload, state, next_attempt_at,
                                created_at, updated_at)
        VALUES (?, 'c-1', 'hotline_12345', ?, ?, 'http://127.0.0.1:9/items', '{}', ?, 'now', 'now', 'now')
        """

    /// 0006 rewrites `x IN (…)` CHECKs as ORs in place: rows stay, the same values pass and fail, and the hot
    /// inserts no longer build a temporary b-tree each time they run.
    @Test func checksWithoutInListsAcceptAndRefuseTheSameValuesAndKeepTheRows() throws {
        let path = temporaryDatabase()
        defer { removeDatabase(path) }
        let db = try Connection(path: path)
        try db.execute("PRAGMA foreign_keys = ON")
        try Migrator(migrations: all.filter { $0.version < 6 }).migrate(db)
        try db.run("""
            INSERT INTO calls (call_id, source, text, received_at, received_utc, request_hash, created_at)
            VALUES ('c-1', '110', '小区停水了', 'now', 'now', 'h', 'now')
            """)
        try db.run(Self.insertDecision, [.text("d-before"), .text("township"), .text("稠城街道")])
        #expect(try opensATemporaryBTree(db, Self.insertDecision, when: "before"))
        // A connection open across the migration must pick up the new definitions too.
        let other = try Connection(path: path)
        #expect(try opensATemporaryBTree(other, Self.insertDecision, when: "before"))

        let applied = try Migrator(migrations: all).migrate(db)
        #expect(applied.map(\.version) == [6])
        #expect(try db.queryFirst("PRAGMA integrity_check")?.string("integrity_check") == "ok")
        #expect(try db.scalarInt("SELECT count(*) FROM decisions WHERE decision_id = 'd-before'") == 1)

        for (name, connection) in [("migrating", db), ("other", other)] {
            #expect(try connection.scalarInt("SELECT count(*) FROM decisions") == 1)
            #expect(try !opensATemporaryBTree(connection, Self.insertDecision), "\(name)")
            #expect(try !opensATemporaryBTree(connection, Self.insertDelivery))
            #expect(try !opensATemporaryBTree(connection, "UPDATE deliveries SET state = ? WHERE id = 1"))
        }
        var n = 0
        for target in ["police", "hotline_12345", "none"] {
            n += 1
            try db.run(Self.insertDecision, [.text("d-\(n)"), .text(target), .null])
        }
        try db.run(Self.insertDecision, [.text("d-township"), .text("township"), .text("北苑街道")])
        #expect(throws: SQLiteError.self) { try db.run(Self.insertDecision, [.text("d-bad"), .text("Police"), .null]) }
        #expect(throws: SQLiteError.self) { try db.run(Self.insertDecision, [.text("d-bad"), .text("township "), .text("北苑街道")]) }

        for (kind, format, state) in [("item", "json", "pending"), ("cancellation", "dingtalk", "delivered"),
                                      ("notification", "wecom", "dead"), ("item", "json", "cancelled")] {
            n += 1
            try db.run(Self.insertDelivery, [.text("del-\(n)"), .text(kind), .text(format), .text(state)])
        }
        #expect(throws: SQLiteError.self) { try db.run(Self.insertDelivery, [.text("x1"), .text("items"), .text("json"), .text("pending")]) }
        #expect(throws: SQLiteError.self) { try db.run(Self.insertDelivery, [.text("x2"), .text("item"), .text("xml"), .text("pending")]) }
        #expect(throws: SQLiteError.self) { try db.run(Self.insertDelivery, [.text("x3"), .text("item"), .text("json"), .text("sent")]) }
        #expect(throws: SQLiteError.self) { try db.run("UPDATE deliveries SET state = 'retrying'") }
        #expect(throws: SQLiteError.self) {
            try db.run("INSERT INTO api_tokens (token_hash, role, created_at) VALUES ('h', 'supervisor', 'now')")
        }
        try db.run("INSERT INTO api_tokens (token_hash, role, created_at) VALUES ('h', 'desk', 'now')")
        #expect(throws: SQLiteError.self) {
            try db.run("INSERT INTO item_overdue (item_id, deadline, due_at, marked_at) VALUES (1, 'arrive', 'now', 'now')")
        }
        try other.run(Self.insertDecision, [.text("d-other"), .text("none"), .null])
        #expect(throws: SQLiteError.self) { try other.run(Self.insertDecision, [.text("d-other-bad"), .text("nobody"), .null]) }
        #expect(try db.scalarInt("SELECT count(*) FROM decisions") == 6)
        #expect(try db.scalarInt("SELECT count(*) FROM deliveries") == 4)
    }
}
