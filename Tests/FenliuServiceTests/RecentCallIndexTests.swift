import FenliuDomain
import FenliuStorage
import Foundation
import Testing
@testable import FenliuService

/// The writer's in-memory copy of recent calls (repeat callers and addresses) against a real migrated SQLite file.
@Suite("Recent-call lookup in the writer's memory")
struct RecentCallIndexTests {
    /// A migrated database and its writer, without the service around it (nothing is installed yet).
    final class Store: @unchecked Sendable {
        let directory = NSTemporaryDirectory() + "fenliu-recent-" + UUID().uuidString
        let writer: DatabaseWriter

        init() throws {
            var configuration = ServiceConfiguration()
            configuration.databasePath = directory + "/fenliu.sqlite"
            configuration.migrationsDirectory = LiveService.packageRoot + "/migrations"
            try FenliuApp.migrate(configuration)
            writer = try DatabaseWriter(configuration: configuration.database)
        }

        deinit {
            writer.shutdown()
            try? FileManager.default.removeItem(atPath: directory)
        }

        /// Inserts a call row; `record` also adds it to the connection's index as the intake does (the index must exist).
        func insertCall(_ db: Connection, id: Int64? = nil, callID: String, phone: String?, addressKey: String? = nil,
                        received: Date, created: Date, record: Bool = false) throws {
            try db.run("""
                INSERT INTO calls (id, call_id, source, text, address_key, caller_phone, received_at, received_utc,
                                   request_hash, created_at)
                VALUES (?, ?, '110', '测试', ?, ?, ?, ?, 'h', ?)
                """, [SQLValue(id), SQLValue(callID), SQLValue(addressKey), SQLValue(phone), SQLValue(RFC3339.format(received)),
                      SQLValue(RFC3339.format(received)), SQLValue(RFC3339.format(created))])
            if record {
                // No #require here: this runs on the writer's thread, outside the test's task.
                guard let index = db.attachment(RecentCallIndex.self) else { throw NoIndex() }
                index.record(callRow: db.lastInsertRowID, phone: phone, addressKey: addressKey, received: received)
            }
        }

        struct NoIndex: Error {}

        func count(phone: String, since: Date) throws -> Int {
            try writer.write { db in
                SQLCallHistory(db: db, countLimit: 100, repeatWindowDays: 30).callCount(phone: phone, since: since)
            }
        }

        func install(lookbackDays: Double, now: Date) throws {
            try writer.write { db in _ = try RecentCallIndex.on(db, lookbackDays: lookbackDays, now: now) }
        }

        /// Committed phone entries of the writer's index (-1: the writer has no index).
        func entries() throws -> Int {
            try writer.write { db in db.attachment(RecentCallIndex.self)?.entryCount.phones ?? -1 }
        }

        func addressEntries() throws -> Int {
            try writer.write { db in db.attachment(RecentCallIndex.self)?.entryCount.addresses ?? -1 }
        }
    }

    static let now = Date(timeIntervalSince1970: 1_790_000_000)
    static func days(_ n: Double) -> Date { now.addingTimeInterval(n * 86_400) }

    @Test func installCopiesOnlyCallsStoredWithinTheLookback() throws {
        let store = try Store()
        try store.writer.write { db in
            for (i, age) in [-60.0, -40, -36, -20, -1].enumerated() {
                try store.insertCall(db, callID: "c\(i)", phone: "13500000000", addressKey: "a", received: Self.days(age),
                                     created: Self.days(age))
            }
            try store.insertCall(db, callID: "nophone", phone: nil, received: Self.days(-1), created: Self.days(-1))
        }
        try store.install(lookbackDays: 37, now: Self.now)
        #expect(try store.entries() == 3)   // -36, -20, -1
        #expect(try store.addressEntries() == 3)
        #expect(try store.count(phone: "13500000000", since: Self.days(-30)) == 2)
        #expect(try store.count(phone: "13500000000", since: Self.days(-37)) == 3)
        #expect(try store.count(phone: "13900000000", since: Self.days(-37)) == 0)
    }

    @Test func theBisectionFindsTheFirstRecentRowAcrossGapsInTheIds() throws {
        let store = try Store()
        try store.writer.write { db in
            for (id, age) in [(3, -50.0), (7, -45), (8, -38), (20, -30), (21, -10), (40, -2)] as [(Int64, Double)] {
                try store.insertCall(db, id: id, callID: "g\(id)", phone: "1", received: Self.days(age), created: Self.days(age))
            }
        }
        func first(_ lookback: Double) throws -> Int64? {
            try store.writer.write { db in
                try RecentCallIndex.firstRowCreated(since: RFC3339.format(Self.days(-lookback)), in: db)
            }
        }
        #expect(try first(100) == 3)
        #expect(try first(40) == 8)
        #expect(try first(31) == 20)
        #expect(try first(5) == 40)
        #expect(try first(1) == nil)
    }

    @Test func theIndexKeepsInStepWithinATransactionAndARollbackUndoesIt() throws {
        let store = try Store()
        try store.install(lookbackDays: 37, now: Self.now)
        // Earlier writes of the same transaction are seen, as they were through the index.
        let seenInside = try store.writer.write { db -> Int in
            try store.insertCall(db, callID: "t1", phone: "13511112222", received: Self.days(-1), created: Self.days(-1), record: true)
            return SQLCallHistory(db: db, countLimit: 10, repeatWindowDays: 30).callCount(phone: "13511112222", since: Self.days(-30))
        }
        #expect(seenInside == 1)
        // A job that fails after inserting is rolled back, and its copy with it.
        struct Refused: Error {}
        #expect(throws: Refused.self) {
            try store.writer.write { db in
                try store.insertCall(db, callID: "t2", phone: "13511112222", received: Self.days(-1), created: Self.days(-1),
                                     record: true)
                throw Refused()
            }
        }
        #expect(try store.count(phone: "13511112222", since: Self.days(-30)) == 1)
        #expect(try store.writer.write { db in try db.scalarInt("SELECT count(*) FROM calls") } == 1)
        #expect(try store.entries() == 1)
    }

    @Test func aSavepointRolledBackInsideABatchDropsOnlyItsOwnCalls() throws {
        let store = try Store()
        try store.install(lookbackDays: 37, now: Self.now)
        struct Refused: Error {}
        let counts = try store.writer.write { db -> [Int] in
            let history = SQLCallHistory(db: db, countLimit: 10, repeatWindowDays: 30)
            let since = Self.days(-30)
            try store.insertCall(db, callID: "s1", phone: "13577778888", received: Self.days(-2), created: Self.days(-2), record: true)
            let before = history.callCount(phone: "13577778888", since: since)
            var inside = -1
            do {
                try db.inSavepoint {
                    try store.insertCall(db, callID: "s2", phone: "13577778888", received: Self.days(-1), created: Self.days(-1),
                                         record: true)
                    inside = history.callCount(phone: "13577778888", since: since)
                    throw Refused()
                }
            } catch is Refused {}
            let afterRollback = history.callCount(phone: "13577778888", since: since)
            try db.inSavepoint {
                try store.insertCall(db, callID: "s3", phone: "13577778888", received: Self.days(-1), created: Self.days(-1),
                                     record: true)
            }
            return [before, inside, afterRollback, history.callCount(phone: "13577778888", since: since)]
        }
        #expect(counts == [1, 2, 1, 2])
        #expect(try store.entries() == 2)   // s1 and s3, committed with the transaction
        #expect(try store.writer.write { db in try db.scalarInt("SELECT count(*) FROM calls") } == 2)
    }

    @Test func aBatchReplayedWithSavepointsCountsEachCommittedCallOnce() throws {
        // A job that fails after writing makes the writer roll the optimistic batch back and run it again with a
        // savepoint per job: the index must end with exactly the calls that were committed.
        let store = try Store()
        try store.install(lookbackDays: 37, now: Self.now)
        struct Refused: Error {}
        // The writer is held until all six jobs are queued, so they run as one batch. The holding job must be alone
        // in its own batch (it is running before the others are queued): a replayed batch would run it again.
        let gate = DispatchSemaphore(value: 0)
        let holding = DispatchSemaphore(value: 0)
        let done = DispatchGroup()
        done.enter()
        _ = store.writer.submit({ _ in holding.signal(); gate.wait() }, completion: { _ in done.leave() })
        holding.wait()
        var outcomes: [DispatchGroup] = []
        for i in 0..<6 {
            let group = DispatchGroup()
            group.enter()
            outcomes.append(group)
            _ = store.writer.submit({ db in
                try store.insertCall(db, callID: "b\(i)", phone: "13588889999", received: Self.days(-1), created: Self.days(-1),
                                     record: true)
                if i == 3 { throw Refused() }
            }, completion: { _ in group.leave() })
        }
        gate.signal()
        done.wait()
        for group in outcomes { group.wait() }
        #expect(store.writer.isolatedReplayCount == 1)   // the path under test was taken
        #expect(try store.writer.write { db in try db.scalarInt("SELECT count(*) FROM calls") } == 5)
        #expect(try store.entries() == 5)
        #expect(try store.count(phone: "13588889999", since: Self.days(-30)) == 5)
    }

    @Test func pruningDropsCallsReceivedBeforeTheLookback() throws {
        let store = try Store()
        try store.install(lookbackDays: 37, now: Self.days(-100))
        try store.writer.write { db in
            for (i, age) in [-50.0, -38, -30, -3].enumerated() {
                try store.insertCall(db, callID: "p\(i)", phone: "13522223333", received: Self.days(age), created: Self.days(age),
                                     record: true)
            }
        }
        #expect(try store.entries() == 4)
        let removed = try store.writer.write { db in
            db.attachment(RecentCallIndex.self)?.prune(lookbackDays: 37, now: Self.now) ?? -1
        }
        #expect(removed == 2)   // the calls received 50 and 38 days ago; they have no address, so no address entry
        #expect(try store.entries() == 2)
    }

    @Test func aReloadThatWidensTheRepeatWindowFillsTheIndexFurtherBack() throws {
        let store = try Store()
        try store.writer.write { db in
            try store.insertCall(db, callID: "w50", phone: "13566667777", received: Self.days(-50), created: Self.days(-50))
            try store.insertCall(db, callID: "w10", phone: "13566667777", received: Self.days(-10), created: Self.days(-10))
        }
        let lookback = RecentCallLookback(writer: store.writer, clock: { Self.now })
        try lookback.install(repeatWindowDays: 30)
        #expect(try store.entries() == 1)
        lookback.widen(to: 20)   // narrower: nothing to do
        lookback.widen(to: 60)   // queued on the writer, not waited for
        _ = try store.writer.write { _ in 0 }   // the writer runs in order: the refill is done after this
        #expect(try store.entries() == 2)
        #expect(try store.count(phone: "13566667777", since: Self.days(-60)) == 2)
    }

    @Test func aWriterNobodyInstalledFillsTheIndexOnFirstUse() throws {
        let store = try Store()
        try store.writer.write { db in
            try store.insertCall(db, callID: "l1", phone: "13533334444", received: Date().addingTimeInterval(-3600),
                                 created: Date().addingTimeInterval(-3600))
        }
        // No install: the first count creates and fills the index inside its own transaction.
        #expect(try store.count(phone: "13533334444", since: Date().addingTimeInterval(-86_400)) == 1)
        #expect(try store.entries() == 1)
    }

    @Test func theFirstIntakeOnAWriterWithoutAnIndexCountsItsOwnCallOnce() throws {
        // The intake inserts its call before deciding; the index it fills on first use must not take that
        // uncommitted row for an earlier call, nor count it again when the transaction commits.
        let store = try Store()
        let received = Date().addingTimeInterval(-3600)
        try store.writer.write { db in
            try store.insertCall(db, callID: "f0", phone: "13566660000", received: received, created: received)
        }
        var configuration = ServiceConfiguration()
        configuration.configDirectory = LiveService.packageRoot + "/config"
        let engine = try DecisionEngine.load(configDirectory: configuration.configDirectory)
        let policy = LoopPolicy(configuration: configuration, publicURL: PublicURL(configuration.publicURL))
        let submission = CallSubmission(callID: "f1", text: "楼上漏水滴到我家", callerPhone: "13566660000")
        let prepared = PreparedIntake(submission, engine: engine, now: Date())
        let outcome = try store.writer.write { db in try CallRepository.intake(prepared, engine: engine, policy: policy, in: db) }
        guard case .created = outcome else { Issue.record("expected a new call"); return }
        #expect(try store.entries() == 2)
        #expect(try store.count(phone: "13566660000", since: Date().addingTimeInterval(-86_400)) == 2)
    }

    @Test func repeatsAreStillCountedAfterTheServiceRestartsOnTheSameDatabase() throws {
        var service: LiveService? = try LiveService()
        let directory = service!.directory
        service!.removeOnDeinit = false
        var client = try service!.client()
        for (i, text) in ["楼下广场舞音响太吵", "对面KTV音乐声太大了"].enumerated() {
            let r = try service!.post(client, "/v1/calls", json: #"{"call_id":"S-\#(i)","text":"\#(text)","caller_phone":"13544445555","address":"稠城街道工人北路88号"}"#)
            #expect(r.status == 201)
            #expect((r.json["risk"] as? [String: Any])?["repeat"] as? Bool == false)
        }
        service = nil   // shuts down; the database stays
        let restarted = try LiveService(directory: directory)
        client = try restarted.client()
        let third = try restarted.post(client, "/v1/calls", json: #"{"call_id":"S-2","text":"小区门口烧烤摊油烟很大","caller_phone":"13544445555"}"#)
        #expect(((third.json["risk"] as? [String: Any])?["flags"] as? [String])?.contains("repeat_caller") == true)
        let sameAddress = try restarted.post(client, "/v1/calls", json: #"{"call_id":"S-3","text":"路边的井盖不见了","address":"稠城街道工人北路88号"}"#)
        #expect(((sameAddress.json["risk"] as? [String: Any])?["flags"] as? [String])?.contains("repeat_address") == true)
        let stranger = try restarted.post(client, "/v1/calls", json: #"{"call_id":"S-4","text":"楼上漏水","caller_phone":"13900001111"}"#)
        #expect((stranger.json["risk"] as? [String: Any])?["repeat"] as? Bool == false)
    }
}
