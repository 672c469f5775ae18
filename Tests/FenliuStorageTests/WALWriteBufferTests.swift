import CSQLite
import Foundation
import Testing
@testable import FenliuStorage

/// The WAL write buffer changes how many system calls carry a commit's frames, nothing else: these tests check that
/// it does gather them, and that every committed byte is in the file when COMMIT returns, visible to other
/// connections, readable back inside a transaction that spilled, and intact across a WAL restart and past the
/// buffer's capacity.
@Suite("WAL write buffer")
struct WALWriteBufferTests {
    /// A connection through the buffer, set up as the writer's is (WAL, synchronous=FULL).
    func openBuffered(_ path: String, capacity: Int = DatabaseConfiguration.defaultWALWriteBufferBytes) throws -> Connection {
        let c = try Connection(path: path, vfs: try WALWriteBuffer.register(capacityBytes: capacity))
        try c.execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL")
        return c
    }

    func createTable(_ c: Connection) throws {
        try c.execute("CREATE TABLE IF NOT EXISTS rows (id INTEGER PRIMARY KEY, tag TEXT NOT NULL UNIQUE, data BLOB NOT NULL)")
    }

    func insertRows(_ c: Connection, from start: Int, count: Int, bytes: Int) throws {
        try c.inTransaction {
            for i in start..<(start + count) {
                try c.run("INSERT INTO rows (tag, data) VALUES (?, ?)",
                          [.text("row-\(i)"), .blob([UInt8](repeating: UInt8(truncatingIfNeeded: i), count: bytes))])
            }
        }
    }

    /// Row count and the sum of every blob's bytes, read through a connection of SQLite's default VFS.
    func contents(_ path: String) throws -> (rows: Int64, bytes: Int64, integrity: String?) {
        let c = try Connection(path: path, mode: .readOnly)
        let rows = try c.scalarInt("SELECT count(*) FROM rows") ?? -1
        let bytes = try c.scalarInt("SELECT coalesce(sum(length(data)), 0) FROM rows") ?? -1
        let integrity = try c.queryFirst("PRAGMA integrity_check")?.string("integrity_check")
        return (rows, bytes, integrity)
    }

    @Test func vfsNamesCarryTheCapacityAndRegisteringAgainFindsTheSame() throws {
        let a = try WALWriteBuffer.register(capacityBytes: 65_536)
        let b = try WALWriteBuffer.register(capacityBytes: 65_536)
        let c = try WALWriteBuffer.register(capacityBytes: 131_072)
        #expect(a == "\(WALWriteBuffer.vfsNamePrefix)-65536")
        #expect(a == b)
        #expect(c != a)
        #expect(throws: SQLiteError.self) { try WALWriteBuffer.register(capacityBytes: 0) }
    }

    @Test func aCommitsFramesGoOutInAFewWrites() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let c = try openBuffered(dir.file("db.sqlite"))
        try createTable(c)
        let before = try #require(try WALWriteBuffer.writeCounts(of: c))
        // About 40 pages: SQLite writes each frame as a header and a page, so at least 80 writes.
        try insertRows(c, from: 0, count: 150, bytes: 1000)
        let after = try #require(try WALWriteBuffer.writeCounts(of: c))
        let sqliteWrites = after.sqlite - before.sqlite
        let systemWrites = after.underlying - before.underlying
        #expect(sqliteWrites >= 80)
        // 160 KiB of frames: two writes of at most 31 pages each, and one more at most for the tail.
        #expect(systemWrites >= 1 && systemWrites <= 3)
        let read = try contents(dir.file("db.sqlite"))
        #expect(read.rows == 150)
        #expect(read.bytes == 150_000)
    }

    @Test func aConnectionOpenedWithoutTheBufferIsNotThroughIt() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let c = try Connection(path: dir.file("db.sqlite"))
        try c.execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL")
        try createTable(c)
        #expect(try WALWriteBuffer.writeCounts(of: c) == nil)
    }

    @Test func everyCommitIsInTheFileWhenCommitReturns() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let c = try openBuffered(dir.file("db.sqlite"))
        try createTable(c)
        let copy = try TempDir()
        defer { copy.cleanup() }
        for round in 0..<5 {
            try insertRows(c, from: round * 20, count: 20, bytes: 300)
            // What a crash right now would leave: the files as they are, the writer still open. A fresh process
            // recovers the WAL from them and must find every committed row.
            for name in ["db.sqlite", "db.sqlite-wal"] {
                try? FileManager.default.removeItem(atPath: copy.file(name))
                try FileManager.default.copyItem(atPath: dir.file(name), toPath: copy.file(name))
            }
            let recovered = try Connection(path: copy.file("db.sqlite"))
            #expect(try recovered.scalarInt("SELECT count(*) FROM rows") == Int64((round + 1) * 20))
            #expect(try recovered.queryFirst("PRAGMA integrity_check")?.string("integrity_check") == "ok")
            recovered.close()
            try? FileManager.default.removeItem(atPath: copy.file("db.sqlite-shm"))
        }
    }

    @Test func otherConnectionsSeeEachCommitAtOnce() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let c = try openBuffered(dir.file("db.sqlite"))
        try createTable(c)
        let reader = try Connection(path: dir.file("db.sqlite"), mode: .readOnly)
        for round in 1...30 {
            try insertRows(c, from: round * 10, count: 10, bytes: 200)
            #expect(try reader.scalarInt("SELECT count(*) FROM rows") == Int64(round * 10))
            #expect(try reader.scalarInt("SELECT count(*) FROM rows WHERE tag = ?", [.text("row-\(round * 10 + 9)")]) == 1)
        }
    }

    @Test func pagesSpilledInsideATransactionAreReadBack() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let c = try openBuffered(dir.file("db.sqlite"))
        try createTable(c)
        try insertRows(c, from: 0, count: 400, bytes: 500)
        // A page cache of 8 pages makes SQLite write dirty pages to the WAL mid-transaction and read them back.
        try c.execute("PRAGMA cache_size = 8")
        try c.inTransaction {
            try c.run("UPDATE rows SET data = zeroblob(700) WHERE id % 2 = 0")
            #expect(try c.scalarInt("SELECT sum(length(data)) FROM rows") == 200 * 700 + 200 * 500)
            try c.run("UPDATE rows SET data = zeroblob(100) WHERE id % 3 = 0")
        }
        let expected = try c.scalarInt("SELECT sum(length(data)) FROM rows")
        let read = try contents(dir.file("db.sqlite"))
        #expect(read.rows == 400)
        #expect(read.bytes == expected)
        #expect(read.integrity == "ok")
    }

    @Test func aTransactionLargerThanTheBufferGoesOutWhole() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let c = try openBuffered(dir.file("db.sqlite"), capacity: 65_536)
        try createTable(c)
        let before = try #require(try WALWriteBuffer.writeCounts(of: c))
        try insertRows(c, from: 0, count: 300, bytes: 3000)   // about 900 KB of frames through a 64 KiB buffer
        let after = try #require(try WALWriteBuffer.writeCounts(of: c))
        #expect(after.underlying - before.underlying >= 900_000 / 65_536)
        #expect(after.underlying - before.underlying < after.sqlite - before.sqlite)
        let read = try contents(dir.file("db.sqlite"))
        #expect(read.rows == 300)
        #expect(read.bytes == 900_000)
        #expect(read.integrity == "ok")
    }

    @Test func theWALStartsOverAfterACheckpointAndKeepsEveryRow() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let c = try openBuffered(dir.file("db.sqlite"))
        try createTable(c)
        for round in 0..<4 {
            try insertRows(c, from: round * 50, count: 50, bytes: 800)
            try c.execute("PRAGMA wal_checkpoint(RESTART)")
        }
        try insertRows(c, from: 200, count: 50, bytes: 800)
        try c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        try insertRows(c, from: 250, count: 50, bytes: 800)
        let read = try contents(dir.file("db.sqlite"))
        #expect(read.rows == 300)
        #expect(read.bytes == 240_000)
        #expect(read.integrity == "ok")
    }

    @Test func theWriterOpensThroughTheBufferUnlessTurnedOff() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        var config = DatabaseConfiguration(path: dir.file("on.sqlite"))
        let on = try DatabaseWriter(configuration: config)
        defer { on.shutdown() }
        config = DatabaseConfiguration(path: dir.file("off.sqlite"))
        config.walWriteBufferBytes = 0
        let off = try DatabaseWriter(configuration: config)
        defer { off.shutdown() }
        #expect(on.effectiveSettings.contains("wal_write_buffer=\(DatabaseConfiguration.defaultWALWriteBufferBytes)"))
        #expect(off.effectiveSettings.contains("wal_write_buffer=0"))
        for writer in [on, off] {
            try writer.write { c in try self.createTable(c) }
        }
        #expect(try on.withConnection { try WALWriteBuffer.writeCounts(of: $0) } != nil)
        #expect(try off.withConnection { try WALWriteBuffer.writeCounts(of: $0) } == nil)
    }
}
