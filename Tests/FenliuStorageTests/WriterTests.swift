import CSQLite
import Foundation
import Testing
@testable import FenliuStorage

@Suite("DatabaseWriter")
struct WriterTests {
    func makeWriter(_ dir: TempDir, configure: (inout DatabaseConfiguration) -> Void = { _ in }) throws -> DatabaseWriter {
        var config = DatabaseConfiguration(path: dir.file("db.sqlite"))
        configure(&config)
        let writer = try DatabaseWriter(configuration: config)
        try writer.withConnection { c in
            try c.execute("CREATE TABLE IF NOT EXISTS items (id INTEGER PRIMARY KEY, tag TEXT NOT NULL UNIQUE, data BLOB)")
        }
        return writer
    }

    @Test func pragmasAreReadBack() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let writer = try makeWriter(dir) { $0.busyTimeoutMilliseconds = 1234 }
        defer { writer.shutdown() }
        let (journal, sync, fk, busy) = try writer.withConnection { c in
            (try c.pragma("journal_mode"), try c.pragma("synchronous"), try c.pragma("foreign_keys"), try c.pragma("busy_timeout"))
        }
        #expect(journal == "wal")
        #expect(sync == "2")
        #expect(fk == "1")
        #expect(busy == "1234")
        #expect(writer.effectiveSettings.contains("journal_mode=wal"))
        #expect(writer.effectiveSettings.contains("synchronous=2"))
        #expect(writer.effectiveSettings.contains("foreign_keys=1"))
        // The same values seen from inside a queued item (on the writer thread).
        #expect(try writer.write { c in try c.pragma("synchronous") } == "2")
    }

    @Test func groupCommitBatchesConcurrentSubmitsAndCompletesAfterCommit() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let writer = try makeWriter(dir)
        defer { writer.shutdown() }
        let path = dir.file("db.sqlite")
        let gate = WriterGate()
        #expect(gate.install(on: writer))   // writer thread now busy: submits pile up in the queue
        let committedBefore = writer.committedTransactionCount

        let threads = 4, perThread = 60, total = threads * perThread
        let completed = DispatchSemaphore(value: 0)
        let problems = Locked<[String]>([])
        let submittedAll = DispatchSemaphore(value: 0)
        for t in 0..<threads {
            Thread {
                for i in 0..<perThread {
                    let tag = "t\(t)-\(i)"
                    let ok = writer.submit({ c -> Int64 in
                        try c.run("INSERT INTO items (tag) VALUES (?)", [.text(tag)])
                        return c.lastInsertRowID
                    }, completion: { result in
                        // Runs after COMMIT: a brand-new connection must already see the row.
                        do {
                            let id = try result.get()
                            let other = try Connection(path: path, mode: .readOnly)
                            let seen = try other.queryFirst("SELECT tag FROM items WHERE id = ?", [.integer(id)])
                            if seen?.string("tag") != tag { problems.withLock { $0.append("row \(tag) not visible") } }
                        } catch {
                            problems.withLock { $0.append("\(tag): \(error)") }
                        }
                        completed.signal()
                    })
                    if !ok { problems.withLock { $0.append("submit refused \(tag)") } }
                }
                submittedAll.signal()
            }.start()
        }
        #expect(waitFor(submittedAll, count: threads))
        #expect(writer.queueDepth == total)
        gate.release.signal()
        #expect(waitFor(gate.done))
        #expect(waitFor(completed, count: total))
        #expect(problems.current.isEmpty, "\(problems.current.prefix(5))")

        let transactions = writer.committedTransactionCount - committedBefore
        #expect(transactions >= 1)
        #expect(transactions < total)
        #expect(transactions <= 2)   // gate's own transaction + one batch of 240 (< maxBatchSize)
        #expect(try writer.write { c in try c.scalarInt("SELECT count(*) FROM items") } == Int64(total))
    }

    @Test func maxBatchSizeSplitsBatches() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let writer = try makeWriter(dir) { $0.maxBatchSize = 10 }
        defer { writer.shutdown() }
        let gate = WriterGate()
        #expect(gate.install(on: writer))
        let before = writer.committedTransactionCount
        let done = DispatchSemaphore(value: 0)
        for i in 0..<35 {
            #expect(writer.submit({ c in try c.run("INSERT INTO items (tag) VALUES (?)", [.text("b\(i)")]) },
                                  completion: { _ in done.signal() }) == true)
        }
        gate.release.signal()
        #expect(waitFor(done, count: 35))
        #expect(waitFor(gate.done))
        // gate (1) + 4 batches of ≤ 10
        #expect(writer.committedTransactionCount - before == 5)
    }

    @Test func throwingItemFailsAloneWhileItsBatchCommits() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let writer = try makeWriter(dir)
        defer { writer.shutdown() }
        try writer.write { c in try c.run("INSERT INTO items (tag) VALUES ('existing')") }
        let gate = WriterGate()
        #expect(gate.install(on: writer))
        let before = writer.committedTransactionCount
        let results = Locked<[String: Result<Int, any Error>]>([:])
        let done = DispatchSemaphore(value: 0)
        func submit(_ key: String, _ work: @escaping @Sendable (Connection) throws -> Int) {
            #expect(writer.submit(work, completion: { r in
                results.withLock { $0[key] = r }
                done.signal()
            }) == true)
        }
        submit("a") { c in try c.run("INSERT INTO items (tag) VALUES ('a')"); return 1 }
        submit("thrower") { c in
            try c.run("INSERT INTO items (tag) VALUES ('b-rolled-back')")
            throw TestFailure(tag: "thrower")
        }
        submit("constraint") { c in try c.run("INSERT INTO items (tag) VALUES ('existing')"); return 3 }
        submit("c") { c in try c.run("INSERT INTO items (tag) VALUES ('c')"); return 4 }
        gate.release.signal()
        #expect(waitFor(done, count: 4))

        let r = results.current
        #expect((try? r["a"]?.get()) == 1)
        #expect((try? r["c"]?.get()) == 4)
        if case .failure(let e)? = r["thrower"] { #expect(e as? TestFailure == TestFailure(tag: "thrower")) }
        else { Issue.record("thrower should fail") }
        if case .failure(let e)? = r["constraint"] { #expect((e as? SQLiteError)?.isConstraintViolation == true) }
        else { Issue.record("constraint item should fail") }

        // a, thrower, constraint and c shared one transaction after the gate's: the thrower had written a row,
        // so the batch was rolled back once and replayed with a savepoint per item.
        #expect(writer.committedTransactionCount - before == 2)
        #expect(writer.isolatedReplayCount == 1)
        #expect(waitFor(gate.done))
        let tags = try writer.write { c in try c.query("SELECT tag FROM items ORDER BY id").compactMap { $0.string("tag") } }
        #expect(tags == ["existing", "a", "c"])
    }

    /// Items that fail before writing (a 404, a 409) need no replay: the batch commits on the optimistic path.
    @Test func itemFailingWithoutWritesFailsAloneWithoutReplay() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let writer = try makeWriter(dir)
        defer { writer.shutdown() }
        let gate = WriterGate()
        #expect(gate.install(on: writer))
        let before = writer.committedTransactionCount
        let results = Locked<[String: Bool]>([:])
        let done = DispatchSemaphore(value: 0)
        let works: [(String, @Sendable (Connection) throws -> Void)] = [
            ("a", { c in try c.run("INSERT INTO items (tag) VALUES ('a')") }),
            ("lookup-fails", { c in
                _ = try c.queryFirst("SELECT tag FROM items WHERE tag = 'nothing'")
                throw TestFailure(tag: "not found")
            }),
            ("b", { c in try c.run("INSERT INTO items (tag) VALUES ('b')") }),
        ]
        for (key, work) in works {
            let queued = writer.submit(work, completion: { r in
                results.withLock { if case .success = r { $0[key] = true } else { $0[key] = false } }
                done.signal()
            })
            #expect(queued)
        }
        gate.release.signal()
        #expect(waitFor(done, count: 3))
        #expect(results.current == ["a": true, "lookup-fails": false, "b": true])
        #expect(writer.committedTransactionCount - before == 2)   // the gate's and this batch's
        #expect(writer.isolatedReplayCount == 0)
        #expect(waitFor(gate.done))
        let tags = try writer.write { c in try c.query("SELECT tag FROM items ORDER BY id").compactMap { $0.string("tag") } }
        #expect(tags == ["a", "b"])
    }

    /// The probe's write is committed like any other (so a disk that fails only when the WAL is written or synced
    /// is caught): another connection sees its counter move. It creates its table the first time, in its own
    /// savepoint, without forcing the batch to be replayed.
    @Test func probeCommitsItsOneRowAndForcesNoReplay() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let writer = try makeWriter(dir)
        defer { writer.shutdown() }
        let reader = try Connection(path: dir.file("db.sqlite"), mode: .readOnly)
        #expect(writer.probeWritable())
        #expect(try reader.scalarInt("SELECT probes FROM \(DatabaseWriter.probeTable)") == 1)
        #expect(writer.probeWritable())
        #expect(try reader.scalarInt("SELECT probes FROM \(DatabaseWriter.probeTable)") == 2)
        #expect(try reader.scalarInt("SELECT count(*) FROM \(DatabaseWriter.probeTable)") == 1)
        #expect(writer.isolatedReplayCount == 0)
    }

    @Test func transactionEndedMidBatchFailsEarlierItemsAndRestCommitsInNewTransaction() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let writer = try makeWriter(dir)
        defer { writer.shutdown() }
        let gate = WriterGate()
        #expect(gate.install(on: writer))
        let results = Locked<[String: Bool]>([:])
        let done = DispatchSemaphore(value: 0)
        for (key, sql) in [("a", "INSERT INTO items (tag) VALUES ('a')"),
                           ("b", "ROLLBACK"),   // misbehaving item: ends the whole transaction
                           ("c", "INSERT INTO items (tag) VALUES ('c')")] {
            let queued = writer.submit({ c in try c.run(sql) }, completion: { r in
                results.withLock { if case .success = r { $0[key] = true } else { $0[key] = false } }
                done.signal()
            })
            #expect(queued)
        }
        gate.release.signal()
        #expect(waitFor(done, count: 3))
        #expect(results.current == ["a": false, "b": false, "c": true])
        let tags = try writer.write { c in try c.query("SELECT tag FROM items").compactMap { $0.string("tag") } }
        #expect(tags == ["c"])
        #expect(writer.failedTransactionCount >= 1)
    }

    @Test func fullQueueRefusesSubmissions() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let writer = try makeWriter(dir) { $0.writerQueueCapacity = 3 }
        defer { writer.shutdown() }
        let gate = WriterGate()
        #expect(gate.install(on: writer))   // taken off the queue and running: the queue is empty
        let done = DispatchSemaphore(value: 0)
        for i in 0..<3 {
            #expect(writer.submit({ c in try c.run("INSERT INTO items (tag) VALUES (?)", [.text("q\(i)")]) },
                                  completion: { _ in done.signal() }) == true)
        }
        #expect(writer.queueDepth == 3)
        #expect(writer.submit({ _ in 0 }, completion: { _ in Issue.record("refused item must not complete") }) == false)
        #expect(throws: StorageError.self) { _ = try writer.write { _ in 0 } }
        gate.release.signal()
        #expect(waitFor(done, count: 3))
        #expect(writer.queueDepth == 0)
        // Capacity is available again.
        #expect(try writer.write { c in try c.scalarInt("SELECT count(*) FROM items") } == 3)
    }

    @Test func shutdownCommitsEverythingQueued() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let writer = try makeWriter(dir) { $0.maxBatchSize = 16 }
        let gate = WriterGate()
        #expect(gate.install(on: writer))
        let completed = Locked(0)
        for i in 0..<50 {
            #expect(writer.submit({ c in try c.run("INSERT INTO items (tag) VALUES (?)", [.text("s\(i)")]) },
                                  completion: { r in if case .success = r { completed.withLock { $0 += 1 } } }) == true)
        }
        gate.release.signal()
        writer.shutdown()   // blocks until the queue is drained, committed and answered
        #expect(completed.current == 50)
        writer.shutdown()   // idempotent
        #expect(writer.submit({ _ in 0 }, completion: { _ in }) == false)
        #expect(throws: StorageError.self) { _ = try writer.write { _ in 0 } }
        #expect(throws: StorageError.self) { try writer.withConnection { _ in } }
        let c = try Connection(path: dir.file("db.sqlite"), mode: .readOnly)
        #expect(try c.scalarInt("SELECT count(*) FROM items") == 50)
    }

    @Test func fullDatabaseFailsWithUnwritableAndWriterKeepsRunning() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let clock = ManualClock()
        let writer = try makeWriter(dir) { $0.monotonicNanoseconds = clock.read; $0.unwritableHoldMilliseconds = 5000 }
        defer { writer.shutdown() }
        #expect(writer.probeWritable())
        try writer.write { c in try c.run("INSERT INTO items (tag) VALUES ('before')") }
        // Cap the file at its current size: anything needing a new page hits SQLITE_FULL.
        let cap = try writer.write { c -> Int64 in
            let pages = try #require(try c.scalarInt("PRAGMA page_count"))
            return try #require(try c.scalarInt("PRAGMA max_page_count = \(pages)"))
        }
        let big = [UInt8](repeating: 0xAB, count: 256 * 1024)
        do {
            try writer.write { c in try c.run("INSERT INTO items (tag, data) VALUES ('big', ?)", [.blob(big)]) }
            Issue.record("expected SQLITE_FULL")
        } catch let error as SQLiteError {
            #expect(error.primaryCode == SQLITE_FULL)
            #expect(error.isUnwritable)
        }
        // The probe's own row still fits in its page, but a write just failed for want of space: not writable.
        #expect(writer.failedUnwritableRecently)
        #expect(!writer.probeWritable())
        clock.advance(milliseconds: 4999)
        #expect(!writer.probeWritable())
        // Same through submit/completion.
        let asyncResult = Locked<Result<Void, any Error>?>(nil)
        let done = DispatchSemaphore(value: 0)
        writer.submit({ c in try c.run("INSERT INTO items (tag, data) VALUES ('big2', ?)", [.blob(big)]) },
                      completion: { r in asyncResult.withLock { $0 = r }; done.signal() })
        #expect(waitFor(done))
        if case .failure(let e)? = asyncResult.current { #expect((e as? SQLiteError)?.isUnwritable == true) }
        else { Issue.record("expected failure") }

        // Small writes that fit in existing pages and reads still work; the writer thread is alive.
        try writer.write { c in try c.run("INSERT INTO items (tag) VALUES ('small')") }
        let reader = try Connection(path: dir.file("db.sqlite"), mode: .readOnly)
        #expect(try reader.query("SELECT tag FROM items ORDER BY id").compactMap { $0.string("tag") } == ["before", "small"])
        #expect(cap > 0)

        // Once the cause is gone, big writes succeed again, and after the hold the probe says so.
        try writer.write { c in try c.execute("PRAGMA max_page_count = 1073741823") }
        try writer.write { c in try c.run("INSERT INTO items (tag, data) VALUES ('big', ?)", [.blob(big)]) }
        #expect(!writer.probeWritable())
        clock.advance(milliseconds: 5000)
        #expect(!writer.failedUnwritableRecently)
        #expect(writer.probeWritable())
        #expect(try reader.scalarInt("SELECT length(data) FROM items WHERE tag = 'big'") == Int64(big.count))
    }

    @Test func failedBeginFailsTheBatchAndWriterRecovers() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let writer = try makeWriter(dir) { $0.busyTimeoutMilliseconds = 20 }
        defer { writer.shutdown() }
        // Another connection holds the write lock: BEGIN IMMEDIATE fails with SQLITE_BUSY.
        let other = try Connection(path: dir.file("db.sqlite"), busyTimeoutMilliseconds: 0)
        try other.run("BEGIN IMMEDIATE")
        do {
            try writer.write { c in try c.run("INSERT INTO items (tag) VALUES ('blocked')") }
            Issue.record("expected SQLITE_BUSY")
        } catch let error as SQLiteError {
            #expect(error.isBusy)
            #expect(!error.isUnwritable)
        }
        #expect(writer.probeWritable() == false)
        try other.run("ROLLBACK")
        // The writer thread survived and works again.
        try writer.write { c in try c.run("INSERT INTO items (tag) VALUES ('later')") }
        #expect(writer.probeWritable())
        #expect(try other.query("SELECT tag FROM items").compactMap { $0.string("tag") } == ["later"])
    }

    @Test func blockingCallsFromTheWriterThreadAreRefused() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let writer = try makeWriter(dir)
        defer { writer.shutdown() }
        let outcome = Locked<String>("")
        let done = DispatchSemaphore(value: 0)
        writer.submit({ _ in 0 }, completion: { _ in
            do { _ = try writer.write { _ in 1 } } catch let e as StorageError {
                if case .misuse = e { outcome.withLock { $0 = "misuse" } }
            } catch {}
            done.signal()
        })
        #expect(waitFor(done))
        #expect(outcome.current == "misuse")
    }

    @Test func migrationsRunThroughWithConnection() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let writer = try DatabaseWriter(configuration: DatabaseConfiguration(path: dir.file("db.sqlite")))
        defer { writer.shutdown() }
        let migrator = Migrator(migrations: [Migration(version: 1, name: "t", sql: "CREATE TABLE t (x);")])
        let applied = try writer.withConnection { try migrator.migrate($0) }
        #expect(applied.count == 1)
        #expect(try writer.withConnection { try migrator.status($0) } == .current)
        // Migrations must not have changed the durability settings.
        #expect(try writer.withConnection { try $0.pragma("synchronous") } == "2")
    }
}

@Suite("DatabaseReaderPool")
struct ReaderPoolTests {
    @Test func eachConnectionGetsItsConfiguredPageCache() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        var config = DatabaseConfiguration(path: dir.file("db.sqlite"))
        config.writerCacheKiB = 3_000
        config.readerCacheKiB = 700
        let writer = try DatabaseWriter(configuration: config)
        defer { writer.shutdown() }
        let pool = try DatabaseReaderPool(configuration: config)
        defer { pool.shutdown() }
        #expect(try writer.withConnection { try $0.pragma("cache_size") } == "-3000")
        #expect(try pool.read { try $0.pragma("cache_size") } == "-700")
        #expect(writer.effectiveSettings.contains("cache_kib=3000"))
    }

    @Test func readsWhatTheWriterCommitted() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        var config = DatabaseConfiguration(path: dir.file("db.sqlite"))
        config.readerCount = 3
        let writer = try DatabaseWriter(configuration: config)
        defer { writer.shutdown() }
        try writer.withConnection { c in try c.execute("CREATE TABLE calls (id INTEGER PRIMARY KEY, text TEXT)") }
        let pool = try DatabaseReaderPool(configuration: config)
        defer { pool.shutdown() }

        #expect(try pool.read { c in try c.scalarInt("SELECT count(*) FROM calls") } == 0)
        let id = try writer.write { c -> Int64 in
            try c.run("INSERT INTO calls (text) VALUES (?)", ["有人在文三路打架"])
            return c.lastInsertRowID
        }
        #expect(try pool.read { c in try c.queryFirst("SELECT text FROM calls WHERE id = ?", [.integer(id)])?.string("text") }
                == "有人在文三路打架")

        // Many concurrent async reads, each completing on a reader thread.
        let done = DispatchSemaphore(value: 0)
        let sum = Locked<Int64>(0)
        for _ in 0..<50 {
            #expect(pool.read({ c in try c.scalarInt("SELECT count(*) FROM calls") ?? -1 },
                              completion: { r in sum.withLock { $0 += (try? r.get()) ?? -1000 }; done.signal() }) == true)
        }
        #expect(waitFor(done, count: 50))
        #expect(sum.current == 50)

        // Readers are query-only.
        do {
            try pool.read { c in try c.run("INSERT INTO calls (text) VALUES ('x')") }
            Issue.record("reader must not write")
        } catch let error as SQLiteError {
            #expect(error.primaryCode == SQLITE_READONLY)
        }
        #expect(try pool.read { c in try c.pragma("journal_mode") } == "wal")
    }

    @Test func shutdownAndMissingDatabase() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        #expect(throws: SQLiteError.self) {
            _ = try DatabaseReaderPool(configuration: DatabaseConfiguration(path: dir.file("missing.sqlite")))
        }
        let config = DatabaseConfiguration(path: dir.file("db.sqlite"))
        let writer = try DatabaseWriter(configuration: config)
        let pool = try DatabaseReaderPool(configuration: config)
        pool.shutdown()
        pool.shutdown()
        #expect(pool.read({ _ in 0 }, completion: { _ in }) == false)
        #expect(throws: StorageError.self) { _ = try pool.read { _ in 0 } }
        writer.shutdown()
    }
}
