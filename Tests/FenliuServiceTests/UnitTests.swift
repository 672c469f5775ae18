import FenliuDomain
import FenliuHTTP
import FenliuStorage
import Foundation
import Synchronization
import Testing
@testable import FenliuService

@Suite("RFC 3339")
struct RFC3339Tests {
    @Test func parsesOffsetsAndFractions() throws {
        let a = try #require(RFC3339.parse("2026-03-09T14:44:49+08:00"))
        let b = try #require(RFC3339.parse("2026-03-09T06:44:49Z"))
        #expect(a == b)
        let c = try #require(RFC3339.parse("2026-03-09T06:44:49.250Z"))
        #expect(c.timeIntervalSince(b) == 0.25)
        #expect(RFC3339.parse("2024-02-29T00:00:00Z") != nil)
    }

    @Test(arguments: ["", "2026-03-09", "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "2025-02-29T00:00:00Z",
                      "2026-03-09T25:00:00Z", "2026-03-09T14:44:49", "2026-03-09T14:44:49+8:00", "2026-03-09T14:44:49Zjunk",
                      "2026-03-09T14:44:49.Z"])
    func rejectsInvalid(text: String) {
        #expect(RFC3339.parse(text) == nil)
    }

    @Test func formatsFixedWidthUTCAndRoundTrips() throws {
        let date = try #require(RFC3339.parse("2026-11-29T09:12:36.123+08:00"))
        #expect(RFC3339.format(date) == "2026-11-29T01:12:36.123Z")
        #expect(RFC3339.parse(RFC3339.format(date)) == date)
        #expect(RFC3339.format(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
        #expect(RFC3339.format(Date(timeIntervalSince1970: -0.5)) == "1969-12-31T23:59:59.500Z")
        #expect(RFC3339.format(Date(timeIntervalSince1970: 951_782_400.007)) == "2000-02-29T00:00:00.007Z")
    }
}

@Suite("JSON writer")
struct JSONWriterTests {
    @Test func nestsAndEscapes() throws {
        var w = JSONWriter()
        w.beginObject()
        w.field("a", "x\"y\n")
        w.key("list"); w.beginArray(); w.int(1); w.null(); w.string("水"); w.endArray()
        w.key("o"); w.beginObject(); w.field("t", true); w.endObject()
        w.field("d", 0.5)
        w.endObject()
        #expect(w.text == #"{"a":"x\"y\n","list":[1,null,"水"],"o":{"t":true},"d":0.5}"#)
        let parsed = try JSONSerialization.jsonObject(with: Data(w.bytes)) as? [String: Any]
        #expect(parsed?["a"] as? String == "x\"y\n")
    }

    @Test(arguments: ["楼上漏水，滴到我家", "", "tab\there", "a\u{2028}b", "—…“引号”", "\u{1}", "back\\slash",
                      "\u{2029}\u{2028}", "end…", "→\u{2028}→", "\u{0}\u{1f}\r\n", "\"引号\"", "🚓 110", "\u{7f}\u{2027}\u{202a}"])
    func quotingRoundTrips(text: String) throws {
        let quoted = JSONString.quote(text)
        #expect(!quoted.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x2028 || $0.value == 0x2029 })
        let decoded = try JSONSerialization.jsonObject(with: Data(quoted.utf8), options: .fragmentsAllowed) as? String
        #expect(decoded == text)
    }
}

@Suite("Reasons encoded ahead")
struct EncodedReasonsTests {
    static let stage = [Reason(rule: "noise.construction_night", matched: "半夜施工"), Reason(rule: "place", matched: "稠城\"街道\"")]

    @Test func addingToTheEncodedReasonsGivesTheSameJSONAsEncodingThemAll() throws {
        let encoded = EncodedReasons(Self.stage)
        let duplicate = Reason(rule: "duplicate", matched: "c-1 similarity 0.83")
        for all in [Self.stage, Self.stage + [duplicate], Self.stage + [duplicate, duplicate]] {
            let decision = Decision(police: false, category: .noise, target: .township, township: "稠城街道", confidence: 0.9,
                                    reasons: all, risk: RiskAssessment(escalation: false, repeat: false, flags: []),
                                    duplicateOf: nil, linkedTownship: nil, rulesetVersion: "v")
            let json = try #require(encoded.json(for: all))
            #expect(json == decision.reasonsJSON)
            let parsed = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: String]]
            #expect(parsed?.count == all.count)
        }
        #expect(EncodedReasons([]).json(for: []) == "[]")
        #expect(EncodedReasons([]).json(for: [duplicate]) == #"[{"rule":"duplicate","matched":"c-1 similarity 0.83"}]"#)
    }

    @Test func reasonsThatDoNotBeginWithTheEncodedOnesAreNotReused() {
        let encoded = EncodedReasons(Self.stage)
        #expect(encoded.json(for: []) == nil)
        #expect(encoded.json(for: Array(Self.stage.reversed())) == nil)
        #expect(encoded.json(for: [Self.stage[0]]) == nil)
    }
}

@Suite("Call submission validation")
struct CallSubmissionTests {
    func validate(_ json: String) throws(ServiceError) -> CallSubmission {
        let value: JSONValue
        do { value = try JSONValue.parse(Array(json.utf8)) } catch { throw .invalidJSON }
        return try CallSubmission.validate(value)
    }

    @Test func acceptsFullBodyAndDefaultsSource() throws {
        let s = try validate(#"{"call_id":"a.b:c-1_2","text":"漏水","received_at":"2026-03-09T14:44:49+08:00","caller_phone":"+86 138-0000-0000","address":"稠城","location":{"lat":29.3,"lon":120.07}}"#)
        #expect(s.callID == "a.b:c-1_2")
        #expect(s.source == "110")
        #expect(s.location?.lat == 29.3)
        #expect(s.receivedAt == "2026-03-09T14:44:49+08:00")
    }

    @Test func nullOptionalFieldsAreAbsent() throws {
        let s = try validate(#"{"call_id":"x","text":"漏水","address":null,"location":null,"caller_phone":null}"#)
        #expect(s.address == nil && s.location == nil && s.callerPhone == nil)
    }

    @Test func hashDependsOnEveryFieldButNotOnKeyOrder() throws {
        let a = try validate(#"{"call_id":"x","text":"漏水","address":"A"}"#)
        let b = try validate(#"{"address":"A","text":"漏水","call_id":"x"}"#)
        let c = try validate(#"{"call_id":"x","text":"漏水","address":"B"}"#)
        #expect(a.requestHash == b.requestHash)
        #expect(a.requestHash != c.requestHash)
    }

    @Test func textLimitCountsCharactersNotBytes() throws {
        let twoThousand = String(repeating: "水", count: 2000)
        #expect(try validate(#"{"call_id":"x","text":"\#(twoThousand)"}"#).text.count == 2000)
        #expect(throws: ServiceError.self) { try validate(#"{"call_id":"x","text":"   "}"#) }
    }
}

@Suite("Cursor and configuration")
struct CursorAndConfigurationTests {
    @Test func cursorRoundTripsAndRejectsForeignValues() {
        #expect(Cursor.decode(Cursor.encode(12345)) == 12345)
        #expect(Cursor.decode("not-a-cursor") == nil)
        #expect(Cursor.decode(Cursor.encode(0)) == nil)
    }

    @Test func configFileChangesOnlyItsKeys() throws {
        let path = NSTemporaryDirectory() + "fenliu-config-\(UUID().uuidString).yaml"
        try """
        server:
          port: 9999
        sla:
          acknowledge_seconds: 60
          by_target:
            hotline_12345: {resolve_seconds: 259200}
          by_category:
            noise: {acknowledge_seconds: 120, on_site_seconds: 600}
        destinations:
          townships:
            稠城街道: {url: "http://127.0.0.1:9001/items", secret_env: FENLIU_SECRET_CHOUCHENG}
          hotline_12345: {url: "http://127.0.0.1:9002/items", secret_env: FENLIU_SECRET_12345}
        subscribers:
          - {name: supervisors, kind: webhook, url: "http://127.0.0.1:9003/hook", secret_env: FENLIU_SECRET_SUP, events: [decision, overdue]}
        delivery:
          max_attempts: 3
        database:
          wal_restart_frames: 2000
        """.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var c = ServiceConfiguration()
        try c.apply(file: path)
        #expect(c.server.port == 9999)
        #expect(c.server.host == "127.0.0.1")
        #expect(c.sla.acknowledgeSeconds == 60)
        #expect(c.sla.onSiteSeconds == 480)
        #expect(c.sla.byTarget["hotline_12345"]?.resolveSeconds == 259200)
        #expect(c.sla.byCategory["noise"]?.onSiteSeconds == 600)
        #expect(c.destinations.townships["稠城街道"]?.secretEnv == "FENLIU_SECRET_CHOUCHENG")
        #expect(c.destinations.hotline12345?.url == "http://127.0.0.1:9002/items")
        #expect(c.subscribers.first?.events == ["decision", "overdue"])
        #expect(c.delivery.maxAttempts == 3)
        #expect(c.delivery.initialBackoffMilliseconds == 500)
        #expect(c.database.walRestartFrames == 2000)
        #expect(c.database.checkpointIntervalMilliseconds == 500)
        try c.apply(environment: ["FENLIU_PORT": "7000", "FENLIU_DATABASE": "/tmp/x.sqlite"])
        #expect(c.server.port == 7000)
        #expect(c.databasePath == "/tmp/x.sqlite")
        #expect(throws: ServiceConfiguration.LoadError.self) { try c.apply(environment: ["FENLIU_PORT": "http"]) }
    }

    @Test func loopCountDefaultsToOnePerCoreButTheWritersAndZeroMeansTheDefault() throws {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        #expect(HTTPServerConfiguration.defaultLoopCount == max(1, cores - 1))
        var c = ServiceConfiguration()
        #expect(c.server.loopCount == HTTPServerConfiguration.defaultLoopCount)
        let path = NSTemporaryDirectory() + "fenliu-config-\(UUID().uuidString).yaml"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "server:\n  loops: 3\n".write(toFile: path, atomically: true, encoding: .utf8)
        try c.apply(file: path)
        #expect(c.server.loopCount == 3)
        try "server:\n  loops: 0\n".write(toFile: path, atomically: true, encoding: .utf8)
        try c.apply(file: path)
        #expect(c.server.loopCount == HTTPServerConfiguration.defaultLoopCount)
    }

    @Test func walWriteBufferIsOnByDefaultAndCanBeSizedOrTurnedOff() throws {
        var c = ServiceConfiguration()
        #expect(c.database.walWriteBufferBytes == DatabaseConfiguration.defaultWALWriteBufferBytes)
        let path = NSTemporaryDirectory() + "fenliu-config-\(UUID().uuidString).yaml"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "database:\n  wal_write_buffer_bytes: 262144\n".write(toFile: path, atomically: true, encoding: .utf8)
        try c.apply(file: path)
        #expect(c.database.walWriteBufferBytes == 262_144)
        try "database:\n  wal_write_buffer_bytes: 0\n".write(toFile: path, atomically: true, encoding: .utf8)
        try c.apply(file: path)
        #expect(c.database.walWriteBufferBytes == 0)
        for refused in [-1, 100, 128 * 1024 * 1024] {
            try "database:\n  wal_write_buffer_bytes: \(refused)\n".write(toFile: path, atomically: true, encoding: .utf8)
            #expect(throws: ServiceConfiguration.LoadError.self) { try c.apply(file: path) }
        }
        #expect(c.database.walWriteBufferBytes == 0)
    }

    @Test func pageCachesHaveDefaultsAndBoundedSettings() throws {
        var c = ServiceConfiguration()
        #expect(c.database.writerCacheKiB == DatabaseConfiguration.defaultWriterCacheKiB)
        #expect(c.database.readerCacheKiB == DatabaseConfiguration.defaultReaderCacheKiB)
        let path = NSTemporaryDirectory() + "fenliu-config-\(UUID().uuidString).yaml"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "database:\n  writer_cache_kib: 16384\n  reader_cache_kib: 1024\n".write(toFile: path, atomically: true, encoding: .utf8)
        try c.apply(file: path)
        #expect(c.database.writerCacheKiB == 16_384)
        #expect(c.database.readerCacheKiB == 1_024)
        for (key, refused) in [("writer_cache_kib", 0), ("reader_cache_kib", 255), ("writer_cache_kib", 2_000_000)] {
            try "database:\n  \(key): \(refused)\n".write(toFile: path, atomically: true, encoding: .utf8)
            let error = #expect(throws: ServiceConfiguration.LoadError.self) { try c.apply(file: path) }
            #expect(error.map { "\($0)".contains("database.\(key)") } == true)
        }
        #expect(c.database.writerCacheKiB == 16_384)
    }

    @Test func unknownConfigKeysAreNamed() throws {
        let path = NSTemporaryDirectory() + "fenliu-config-\(UUID().uuidString).yaml"
        try "server:\n  prot: 1\nsla:\n  acknowledge_seconds: 5\nsubscribers:\n  - {name: a, kind: webhook, url: x, evnets: [decision]}\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var c = ServiceConfiguration()
        do {
            try c.apply(file: path)
            Issue.record("a config with unknown keys was accepted")
        } catch {
            #expect("\(error)".contains("server.prot"))
            #expect("\(error)".contains("subscribers[0].evnets"))
        }
        #expect(c.sla.acknowledgeSeconds == 300)
    }
}

@Suite("Media type")
struct MediaTypeTests {
    @Test func parametersCaseAndBlanksAreIgnored() {
        #expect(HandlerContext.mediaType(" Application/JSON ; charset=utf-8") == "application/json")
        #expect(HandlerContext.mediaType("application/problem+json") == "application/problem+json")
        #expect(HandlerContext.mediaType("\ttext/plain\t") == "text/plain")
        #expect(HandlerContext.mediaType("  ;application/json") == "")
        #expect(HandlerContext.mediaType("") == "")
    }
}

@Suite("Bearer credentials")
struct BearerCredentialsTests {
    @Test func tokenIsTrimmedOfBlanksOnly() {
        #expect(Authenticator.credentials(afterScheme: "Bearer abc.DEF-123") == "abc.DEF-123")
        #expect(Authenticator.credentials(afterScheme: "bearer \t tok \t") == "tok")
        #expect(Authenticator.credentials(afterScheme: "Bearer    ") == "")
        #expect(Authenticator.credentials(afterScheme: "Bearer a b") == "a b")
    }
}

@Suite("Similarity signature cache")
struct SignatureCacheTests {
    @Test func aRowsTextIsReadOnceAndItsSignatureIsTheFreshOne() {
        let cache = SignatureCache(capacity: 8)
        var reads = 0
        for _ in 0..<3 {
            let signature = cache.signature(callRow: 7, text: { reads += 1; return "楼上漏水，滴到我家厨房" })
            #expect(signature == TextSimilarity.signature("楼上漏水，滴到我家厨房"))
        }
        #expect(reads == 1)
        #expect(cache.signature(callRow: 8, text: { nil }) == nil)
    }

    @Test func everyRollbackForgetsBecauseARolledBackRowIdIsGivenToTheNextCall() {
        let cache = SignatureCache(capacity: 8)
        _ = cache.signature(callRow: 1, text: { "工地晚上施工太吵" })
        cache.savepointRolledBack()
        #expect(cache.count == 0)
        #expect(cache.signature(callRow: 1, text: { "门口垃圾没人清" }) == TextSimilarity.signature("门口垃圾没人清"))
        cache.transactionRolledBack()
        #expect(cache.count == 0)
        _ = cache.signature(callRow: 1, text: { "门口垃圾没人清" })
        cache.transactionCommitted()
        cache.savepointReleased()
        #expect(cache.count == 1)
    }

    @Test func theConnectionItIsAttachedToReportsItsRollbacks() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sigcache-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let db = try Connection(path: path)
        let cache = SignatureCache.on(db)
        #expect(SignatureCache.on(db) === cache)
        struct Failure: Error {}
        try db.inTransaction {
            _ = cache.signature(callRow: 1, text: { "楼道灯坏了" })
            #expect(throws: Failure.self) {
                try db.inSavepoint {
                    _ = cache.signature(callRow: 2, text: { "小区门口积水" })
                    throw Failure()
                }
            }
            #expect(cache.count == 0)
            _ = cache.signature(callRow: 1, text: { "楼道灯坏了" })
        }
        #expect(cache.count == 1)
    }

    @Test func theCacheStaysBounded() {
        let cache = SignatureCache(capacity: 3)
        for row in Int64(1)...10 {
            _ = cache.signature(callRow: row, text: { "第\(row)号楼停电了" })
            #expect(cache.count <= 3)
        }
        #expect(cache.count >= 1)
    }
}

@Suite("Periodic task kicks")
struct PeriodicTaskTests {
    final class Counter: Sendable {
        let value = Mutex<Int>(0)
    }

    func waitUntil(_ condition: () -> Bool) -> Bool {
        for _ in 0..<500 {
            if condition() { return true }
            Thread.sleep(forTimeInterval: 0.01)
        }
        return condition()
    }

    @Test func kickRunsAtOnceAndKicksWithinTheSpacingMergeIntoOneLaterRun() {
        let runs = Counter()
        let task = PeriodicTask(name: "test-kicks", interval: 3600, minimumSpacing: 3600) {
            runs.value.withLock { $0 += 1 }
        }
        task.start()
        task.kick()
        #expect(waitUntil { runs.value.withLock { $0 } == 1 })
        for _ in 0..<50 { task.kick() }
        Thread.sleep(forTimeInterval: 0.2)
        #expect(runs.value.withLock { $0 } == 1)   // held back by the spacing, not run 50 times
        task.stop()                                  // stopping ends the wait without another run
        #expect(runs.value.withLock { $0 } == 1)
    }

    @Test func withoutSpacingEveryKickAfterARunRunsAgain() {
        let runs = Counter()
        let task = PeriodicTask(name: "test-kicks", interval: 3600) { runs.value.withLock { $0 += 1 } }
        task.start()
        task.kick()
        #expect(waitUntil { runs.value.withLock { $0 } == 1 })
        task.kick()
        #expect(waitUntil { runs.value.withLock { $0 } == 2 })
        task.stop()
    }
}

@Suite("Row ids and timeline batches")
struct RowIDAndEventBatchTests {
    @Test func fixedWidthHexPadsAndNeverTruncates() {
        var out: [UInt8] = []
        Hex.appendFixedWidth(0x1a2b, minimumDigits: 12, to: &out)
        #expect(String(decoding: out, as: UTF8.self) == "000000001a2b")
        out = []
        Hex.appendFixedWidth(0, minimumDigits: 3, to: &out)
        #expect(String(decoding: out, as: UTF8.self) == "000")
        out = []
        Hex.appendFixedWidth(UInt64.max, minimumDigits: 12, to: &out)
        #expect(String(decoding: out, as: UTF8.self) == "ffffffffffffffff")
    }

    @Test func newIDsAreTimeOrderedAndRandomAfterTheStamp() {
        let early = Date(timeIntervalSince1970: 1_700_000_000)
        let first = CallRepository.newID(prefix: "dec", now: early)
        let second = CallRepository.newID(prefix: "dec", now: early.addingTimeInterval(0.002))
        #expect(first.hasPrefix("dec_018bcfe56800"))   // 1_700_000_000_000 ms in 12 hex digits
        #expect(first.utf8.count == 4 + 12 + 12)
        #expect(first.dropFirst(4).utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) })
        #expect(first < second)
        #expect(CallRepository.newID(prefix: "dec", now: early) != first)
    }

    @Test func aBatchWritesItsEventsInOrderAcrossStatements() throws {
        let dir = NSTemporaryDirectory() + "fenliu-events-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let db = try Connection(path: dir + "/t.sqlite")
        try db.execute("""
            CREATE TABLE call_events (id INTEGER PRIMARY KEY, call_id TEXT NOT NULL, kind TEXT NOT NULL,
                                      actor TEXT NOT NULL, at TEXT NOT NULL, detail TEXT NOT NULL)
            """)
        let batch = EventBatch()
        for i in 0..<11 { batch.append(callID: i == 5 ? "other" : "c1", kind: "k\(i)", actor: "a", at: "t", detail: "{}") }
        #expect(batch.count == 11)
        try batch.flush(in: db)
        #expect(batch.count == 0)
        let kinds = try db.query("SELECT kind FROM call_events ORDER BY id").compactMap { $0.string("kind") }
        #expect(kinds == (0..<11).map { "k\($0)" })
        #expect(try db.scalarInt("SELECT count(*) FROM call_events WHERE call_id = 'other'") == 1)
        try batch.flush(in: db)   // an empty batch writes nothing
        #expect(try db.scalarInt("SELECT count(*) FROM call_events") == 11)
    }
}
