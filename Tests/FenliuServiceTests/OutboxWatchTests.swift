import FenliuStorage
import Foundation
import Testing
@testable import FenliuService

/// The mark that wakes the delivery worker after a commit that queued deliveries, and only then.
@Suite("Outbox watch")
struct OutboxWatchTests {
    func migratedConnection() throws -> (Connection, String) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("fenliu-outbox-\(UUID().uuidString).sqlite").path
        let db = try Connection(path: path)
        try Migrator(migrations: try Migrator.load(directory: LiveService.packageRoot + "/migrations")).migrate(db)
        try db.run("""
            INSERT INTO calls (call_id, source, text, received_at, received_utc, request_hash, created_at)
            VALUES ('c-1', '110', '小区停水了', 'now', 'now', 'h', 'now')
            """)
        return (db, path)
    }

    func enqueue(in db: Connection) throws {
        try Outbox.enqueue(callID: "c-1", itemID: nil, destination: "hotline_12345", kind: .item, format: .json,
                           url: "http://127.0.0.1:9/items", secretEnv: nil, payload: { _ in "{}" }, at: "now", in: db)
    }

    @Test func queuingADeliveryMarksTheWatchOnItsConnectionOnce() throws {
        let (db, path) = try migratedConnection()
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let watch = OutboxWatch()
        #expect(!watch.take())
        // A connection without the watch queues as before and marks nothing.
        try enqueue(in: db)
        #expect(!watch.take())
        db.attach(watch)
        try db.run("UPDATE calls SET source = '110' WHERE call_id = 'c-1'")
        #expect(!watch.take(), "a write that queued no delivery does not wake the worker")
        try enqueue(in: db)
        try enqueue(in: db)
        #expect(watch.take())
        #expect(!watch.take(), "taking the mark clears it")
        #expect(try db.scalarInt("SELECT count(*) FROM deliveries WHERE state = 'pending'") == 3)
    }
}
