import CSQLite
import Foundation
import Testing
@testable import FenliuStorage

@Suite("Connection")
struct ConnectionTests {
    @Test func bindsAndReadsEveryType() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let c = try Connection(path: dir.file("t.sqlite"))
        try c.execute("CREATE TABLE v (id INTEGER PRIMARY KEY, i INTEGER, r REAL, t TEXT, b BLOB, n TEXT)")
        let chinese = "杭州市西湖区文三路 报警：有人打架 🚓"
        let blob: [UInt8] = [0, 1, 2, 0xFF, 0, 0x7F]
        try c.run("INSERT INTO v (i, r, t, b, n) VALUES (?, ?, ?, ?, ?)",
                  [.integer(Int64.max), .real(-1.5e300), .text(chinese), .blob(blob), .null])
        #expect(c.lastInsertRowID == 1)
        #expect(c.changes == 1)
        try c.run("INSERT INTO v (i, r, t, b, n) VALUES (?, ?, ?, ?, ?)",
                  [.integer(Int64.min), 0.25, "", .blob([]), nil])

        let rows = try c.query("SELECT i, r, t, b, n FROM v ORDER BY id")
        #expect(rows.count == 2)
        let r0 = rows[0]
        #expect(r0["i"] == .integer(Int64.max))
        #expect(r0.int("i") == Int64.max)
        #expect(r0.double("r") == -1.5e300)
        #expect(r0.string("t") == chinese)
        #expect(r0.blob("b") == blob)
        #expect(r0["n"] == .null)
        #expect(r0.string("n") == nil)
        #expect(r0["no_such_column"] == .null)
        #expect(r0.int("t") == nil)       // strict typing: text is not an integer

        let r1 = rows[1]
        #expect(r1.int("i") == Int64.min)
        #expect(r1["r"] == .real(0.25))
        #expect(r1["t"] == .text(""))      // empty text stays text, not NULL
        #expect(r1["b"] == .blob([]))      // empty blob stays blob, not NULL
        #expect(r1["n"].isNull)

        // Text containing NUL and a round trip through a WHERE binding.
        let withNul = "a\u{0}b"
        try c.run("INSERT INTO v (t) VALUES (?)", [.text(withNul)])
        #expect(try c.scalarInt("SELECT length(CAST(t AS BLOB)) FROM v WHERE id = ?", [.integer(c.lastInsertRowID)]) == 3)
        #expect(try c.queryFirst("SELECT id FROM v WHERE t = ?", [.text(chinese)])?.int("id") == 1)
    }

    /// Text and blobs are copied into the statement's own arena and bound SQLITE_STATIC. Values of every size must
    /// round-trip, a value that grows the arena must not leave earlier values pointing at freed memory, and after
    /// every execution (including a failed one) the arena must hold nothing of what was bound.
    @Test func boundValuesRoundTripAndLeaveNothingBehind() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let c = try Connection(path: dir.file("t.sqlite"))
        try c.execute("CREATE TABLE v (id INTEGER PRIMARY KEY, a TEXT, b BLOB, c TEXT UNIQUE, d TEXT)")
        let insert = "INSERT INTO v (a, b, c, d) VALUES (?, ?, ?, ?)"
        let rows: [(String, [UInt8], String, String)] = [
            ("", [], "c0", "一"),
            ("报警人称有人在楼下打架", [1, 2, 3], "c1", String(repeating: "漏水", count: 40)),
            (String(repeating: "x", count: 70_000), Array(repeating: 0xAB, count: 300), "c2", "tail"),  // past the retained size
            ("after the large one", [0], "c3", String(repeating: "🚓", count: 500)),
        ]
        for (a, b, cValue, d) in rows {
            try c.run(insert, [.text(a), .blob(b), .text(cValue), .text(d)])
            let statement = try #require(c.cachedStatementIfPrepared(insert))
            #expect(statement.arenaBytesInUse == 0)
            #expect(statement.arenaIsZeroed)
            #expect(statement.arenaBytesRetained <= Statement.retainedArenaBytes)
        }
        let stored = try c.query("SELECT a, b, c, d FROM v ORDER BY id")
        #expect(stored.count == rows.count)
        for (row, expected) in zip(stored, rows) {
            #expect(row.string("a") == expected.0)
            #expect(row.blob("b") == expected.1)
            #expect(row.string("c") == expected.2)
            #expect(row.string("d") == expected.3)
        }

        // A failed execution (the UNIQUE column) scrubs the arena too.
        #expect(throws: SQLiteError.self) {
            try c.run(insert, [.text("电话 13800000001"), .blob([9]), .text("c1"), .text("x")])
        }
        let statement = try #require(c.cachedStatementIfPrepared(insert))
        #expect(statement.arenaBytesInUse == 0)
        #expect(statement.arenaIsZeroed)
        #expect(try c.scalarInt("SELECT count(*) FROM v") == Int64(rows.count))
    }

    @Test func convenienceInitializersAndLiterals() {
        #expect(SQLValue("x") == .text("x"))
        #expect(SQLValue(String?.none) == .null)
        #expect(SQLValue(Int?(42)) == .integer(42))
        #expect(SQLValue(Int?.none) == .null)
        #expect(SQLValue(Int64?(7)) == .integer(7))
        #expect(SQLValue(Double?(2.5)) == .real(2.5))
        #expect(SQLValue(Double?.none) == .null)
        #expect(SQLValue(true) == .integer(1))
        #expect(SQLValue(false) == .integer(0))
        let values: [SQLValue] = [1, "a", nil, 2.5, true]
        #expect(values == [.integer(1), .text("a"), .null, .real(2.5), .integer(1)])
        // The description never prints the value itself.
        #expect(!"\(SQLValue.text("13800138000"))".contains("13800138000"))
        let row = Row(columnNames: ["phone", "n"], values: [.text("13800138000"), .integer(5)])
        #expect(!"\(row)".contains("13800138000"))
        #expect(!String(reflecting: row).contains("13800138000"))
        #expect("\(row)".contains("phone"))
    }

    @Test func boolAndDoubleAccessors() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let c = try Connection(path: dir.file("t.sqlite"))
        let row = try #require(try c.queryFirst("SELECT ? AS yes, ? AS no, 3 AS three, 'x' AS s", [SQLValue(true), SQLValue(false)]))
        #expect(row.bool("yes") == true)
        #expect(row.bool("no") == false)
        #expect(row.double("three") == 3)
        #expect(row.bool("s") == nil)
        #expect(row["THREE"] == .integer(3))   // case-insensitive fallback
        #expect(try c.queryFirst("SELECT 1 WHERE 0") == nil)
        #expect(try c.scalarInt("SELECT NULL") == nil)
    }

    @Test func statementCacheReusesStatements() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let c = try Connection(path: dir.file("t.sqlite"))
        try c.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)")
        let before = c.preparedStatementCount
        for i in 0..<20 {
            try c.run("INSERT INTO t (name) VALUES (?)", [.text("n\(i)")])
        }
        #expect(c.preparedStatementCount == before + 1)
        for _ in 0..<5 {
            _ = try c.query("SELECT * FROM t WHERE name = ?", ["n3"])
        }
        #expect(c.preparedStatementCount == before + 2)
        #expect(c.cachedStatementCount == 2)
        // Bindings are cleared after use: a reused statement does not see the previous values.
        #expect(try c.scalarInt("SELECT count(*) FROM t") == 20)
        // A failing statement is reset too and remains usable.
        #expect(throws: SQLiteError.self) { try c.run("INSERT INTO t (id, name) VALUES (?, ?)", [1, "dup"]) }
        try c.run("INSERT INTO t (id, name) VALUES (?, ?)", [100, "ok"])
        #expect(try c.scalarInt("SELECT count(*) FROM t") == 21)
    }

    @Test func sqliteKeepsNoMemoryStatistics() throws {
        // Turned off before SQLite's first use: with them on, every allocation takes a global mutex.
        let dir = try TempDir()
        defer { dir.cleanup() }
        let c = try Connection(path: dir.file("t.sqlite"))
        try c.execute("CREATE TABLE t (x TEXT); INSERT INTO t VALUES (hex(randomblob(5000)))")
        #expect(try c.scalarInt("SELECT length(x) FROM t") == 10_000)
        #expect(sqlite3_memory_used() == 0)
    }

    @Test func statementsSharingLengthPrefixAndSuffixAreNotConfused() throws {
        // The cache hashes a statement by its length and its first and last 32 bytes; equal hashes must still
        // give each text its own statement.
        let dir = try TempDir()
        defer { dir.cleanup() }
        let c = try Connection(path: dir.file("t.sqlite"))
        let padding = String(repeating: " ", count: 40)
        let a = "SELECT \(padding)10\(padding) AS v"
        let b = "SELECT \(padding)20\(padding) AS v"
        #expect(a.utf8.count == b.utf8.count)
        for _ in 0..<3 {
            #expect(try c.scalarInt(a) == 10)
            #expect(try c.scalarInt(b) == 20)
        }
        #expect(c.cachedStatementCount == 2)
        // The same text built at run time (another String instance) finds the cached statement.
        let before = c.preparedStatementCount
        let rebuilt = ["SELECT ", padding, "10", padding, " AS v"].joined()
        #expect(try c.scalarInt(rebuilt) == 10)
        #expect(c.preparedStatementCount == before)
    }

    @Test func errorCarriesCodeAndSQLButNoBoundValue() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let c = try Connection(path: dir.file("t.sqlite"))
        try c.execute("CREATE TABLE caller (phone TEXT NOT NULL UNIQUE, name TEXT)")
        let secretPhone = "13800138000"
        let secretName = "张三丰"
        let sql = "INSERT INTO caller (phone, name) VALUES (?, ?)"
        try c.run(sql, [.text(secretPhone), .text(secretName)])
        do {
            try c.run(sql, [.text(secretPhone), .text(secretName)])
            Issue.record("expected a constraint violation")
        } catch let error as SQLiteError {
            #expect(error.code == 2067)   // SQLITE_CONSTRAINT_UNIQUE (extended)
            #expect(error.primaryCode == SQLITE_CONSTRAINT)
            #expect(error.isConstraintViolation)
            #expect(!error.isUnwritable)
            #expect(error.sql == sql)
            #expect(error.message.contains("UNIQUE"))
            let text = "\(error) \(String(reflecting: error))"
            #expect(text.contains(sql))
            #expect(!text.contains(secretPhone))
            #expect(!text.contains(secretName))
        }
        // NOT NULL failure also carries the extended code.
        do {
            try c.run(sql, [.null, .text(secretName)])
            Issue.record("expected NOT NULL violation")
        } catch let error as SQLiteError {
            #expect(error.code == 1299)   // SQLITE_CONSTRAINT_NOTNULL
            #expect(!"\(error)".contains(secretName))
        }
        // Wrong number of bindings and syntax errors name the SQL.
        do {
            try c.run(sql, [.text(secretPhone)])
            Issue.record("expected a binding count error")
        } catch let error as SQLiteError {
            #expect(error.primaryCode == SQLITE_RANGE)
            #expect(!"\(error)".contains(secretPhone))
        }
        do {
            _ = try c.query("SELEC nonsense")
            Issue.record("expected a syntax error")
        } catch let error as SQLiteError {
            #expect(error.primaryCode == SQLITE_ERROR)
            #expect(error.sql == "SELEC nonsense")
        }
    }

    @Test func runRejectsMultipleStatementsExecuteAcceptsThem() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let c = try Connection(path: dir.file("t.sqlite"))
        try c.execute("CREATE TABLE a (x); CREATE TABLE b (y); INSERT INTO a VALUES (1);")
        #expect(try c.scalarInt("SELECT count(*) FROM a") == 1)
        #expect(throws: SQLiteError.self) { try c.run("INSERT INTO a VALUES (2); INSERT INTO b VALUES (3)") }
        try c.run("INSERT INTO a VALUES (2);  ")   // trailing semicolon and whitespace are fine
        #expect(try c.scalarInt("SELECT count(*) FROM a") == 2)
    }

    @Test func pragmaAndReadOnlyMode() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let path = dir.file("t.sqlite")
        let c = try Connection(path: path)
        try c.execute("CREATE TABLE t (x)")
        #expect(try c.pragma("foreign_keys") == "0")
        try c.execute("PRAGMA foreign_keys = ON")
        #expect(try c.pragma("foreign_keys") == "1")
        #expect(try c.pragma("main.journal_mode") == "delete")
        #expect(throws: SQLiteError.self) { _ = try c.pragma("x; DROP TABLE t") }

        let ro = try Connection(path: path, mode: .readOnly)
        #expect(try ro.scalarInt("SELECT count(*) FROM t") == 0)
        do {
            try ro.run("INSERT INTO t VALUES (1)")
            Issue.record("expected read-only failure")
        } catch let error as SQLiteError {
            #expect(error.primaryCode == SQLITE_READONLY)
            #expect(error.isUnwritable)
        }
        // Opening a missing file read-only fails with CANTOPEN.
        do {
            _ = try Connection(path: dir.file("missing.sqlite"), mode: .readOnly)
            Issue.record("expected CANTOPEN")
        } catch let error as SQLiteError {
            #expect(error.primaryCode == SQLITE_CANTOPEN)
            #expect(error.isUnwritable)
        }
    }

    @Test func transactionsRollBackOnError() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let c = try Connection(path: dir.file("t.sqlite"))
        try c.execute("CREATE TABLE t (x INTEGER)")
        #expect(throws: TestFailure.self) {
            try c.inTransaction {
                try c.run("INSERT INTO t VALUES (1)")
                throw TestFailure(tag: "boom")
            }
        }
        #expect(!c.isInTransaction)
        #expect(try c.scalarInt("SELECT count(*) FROM t") == 0)
        try c.inTransaction {
            try c.run("INSERT INTO t VALUES (1)")
            _ = try? c.inSavepoint {
                try c.run("INSERT INTO t VALUES (2)")
                throw TestFailure(tag: "inner")
            }
        }
        #expect(try c.query("SELECT x FROM t").map { $0.int("x") } == [1])
    }
}
