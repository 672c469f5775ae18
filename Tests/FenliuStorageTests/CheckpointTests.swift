import Foundation
import Testing
@testable import FenliuStorage

@Suite("WAL checkpoints off the commit path")
struct CheckpointTests {
    func fileSize(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
    }

    @Test func writerLeavesCheckpointsToTheBackgroundThread() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        var configuration = DatabaseConfiguration(path: dir.file("db.sqlite"))
        configuration.checkpointIntervalMilliseconds = 3_600_000  // only the final checkpoint at shutdown
        configuration.walRestartFrames = 0
        let writer = try DatabaseWriter(configuration: configuration)
        try writer.write { db in try db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)") }
        let autocheckpoint = try writer.withConnection { db in try db.pragma("wal_autocheckpoint") }
        #expect(autocheckpoint == "0")
        for batch in 0..<20 {
            try writer.write { db in
                for i in 0..<1000 { try db.run("INSERT INTO t (v) VALUES (?)", [.text("row \(batch)-\(i) " + String(repeating: "x", count: 200))]) }
            }
        }
        // No checkpoint has run: everything is still in the WAL, which is past SQLite's 1,000-page default.
        let walBefore = fileSize(dir.file("db.sqlite-wal"))
        let mainBefore = fileSize(dir.file("db.sqlite"))
        #expect(walBefore > 1000 * 4096)
        writer.shutdown()
        // Shutdown's last checkpoint moved the pages into the database file.
        #expect(fileSize(dir.file("db.sqlite")) > mainBefore + 3 * 1024 * 1024)
        let reader = try Connection(path: dir.file("db.sqlite"), mode: .readOnly)
        #expect(try reader.scalarInt("SELECT count(*) FROM t") == 20000)
    }

    @Test func backgroundThreadCheckpointsPeriodically() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        var configuration = DatabaseConfiguration(path: dir.file("db.sqlite"))
        configuration.checkpointIntervalMilliseconds = 20
        let writer = try DatabaseWriter(configuration: configuration)
        defer { writer.shutdown() }
        try writer.write { db in try db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)") }
        let mainBefore = fileSize(dir.file("db.sqlite"))
        try writer.write { db in
            for i in 0..<2000 { try db.run("INSERT INTO t (v) VALUES (?)", [.text("row \(i) " + String(repeating: "x", count: 200))]) }
        }
        var grown = false
        for _ in 0..<500 where !grown {
            grown = fileSize(dir.file("db.sqlite")) > mainBefore + 200 * 1024
            if !grown { Thread.sleep(forTimeInterval: 0.01) }
        }
        #expect(grown)
    }

    /// The writer's own checkpoint waits for a background run that began after it asked: `hasRun(since:)` must not
    /// count a run that was already under way, or one from before.
    @Test func aKickIsAnsweredByARunThatBeganAfterIt() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let writer = try DatabaseWriter(configuration: DatabaseConfiguration(path: dir.file("db.sqlite")))
        try writer.write { db in try db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY)") }
        writer.shutdown()
        let checkpointer = try Checkpointer(path: dir.file("db.sqlite"), busyTimeoutMilliseconds: 1000, interval: 3600)
        defer { checkpointer.stop() }
        let first = checkpointer.kick()
        var answered = false
        for _ in 0..<500 where !answered {
            answered = checkpointer.hasRun(since: first)
            if !answered { Thread.sleep(forTimeInterval: 0.01) }
        }
        #expect(answered)
        #expect(!checkpointer.hasRun(since: first + 1))
        let second = checkpointer.kick()
        #expect(second == first + 1)
        answered = false
        for _ in 0..<500 where !answered {
            answered = checkpointer.hasRun(since: second)
            if !answered { Thread.sleep(forTimeInterval: 0.01) }
        }
        #expect(answered)
    }

    /// Steady writes: the WAL must start over instead of growing with everything ever written.
    @Test(arguments: [0, 200])
    func walStaysBoundedWhenTheWriterCheckpoints(restartFrames: Int) throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        var configuration = DatabaseConfiguration(path: dir.file("db.sqlite"))
        configuration.checkpointIntervalMilliseconds = 3_600_000  // the background thread runs only when the writer asks
        configuration.walRestartFrames = restartFrames
        let writer = try DatabaseWriter(configuration: configuration)
        try writer.write { db in try db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)") }
        for batch in 0..<60 {
            try writer.write { db in
                for i in 0..<500 { try db.run("INSERT INTO t (v) VALUES (?)", [.text("row \(batch)-\(i) " + String(repeating: "x", count: 200))]) }
            }
        }
        let wal = fileSize(dir.file("db.sqlite-wal"))
        let restarts = writer.walRestartCount
        let timings = writer.timings
        writer.shutdown()
        // Every batch ran items and a COMMIT; restart time is counted only when the writer restarted the WAL.
        #expect(timings.itemNanoseconds > 0 && timings.commitNanoseconds > 0)
        // About 6.6 MB of rows went through the WAL. At the threshold the writer first lets the background thread copy
        // what it can, and checkpoints itself a batch or so later.
        if restartFrames == 0 {
            #expect(restarts == 0)
            #expect(timings.walRestartNanoseconds == 0)
            #expect(wal > 6 * 1024 * 1024)
        } else {
            #expect(restarts >= 4)
            #expect(timings.walRestartNanoseconds > 0)
            #expect(wal < 2 * 1024 * 1024)
        }
        let reader = try Connection(path: dir.file("db.sqlite"), mode: .readOnly)
        #expect(try reader.scalarInt("SELECT count(*) FROM t") == 30000)
    }
}
