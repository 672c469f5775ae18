import Testing
import Synchronization
@testable import FenliuHTTP

final class MockClock: MonotonicClock {
    private let value = Atomic<UInt64>(1_000_000_000)
    func nowNanoseconds() -> UInt64 { value.load(ordering: .relaxed) }
    func advance(_ d: Duration) { value.add(d.nanoseconds, ordering: .relaxed) }
}

@Suite struct ConnectionTimerTests {
    let limits = ConnectionTimer.Limits(header: .seconds(10), bodyStall: .seconds(5), idle: .seconds(60), write: .seconds(30))

    @Test func idleConnectionClosesSilently() {
        let clock = MockClock()
        var t = ConnectionTimer(limits: limits, now: clock.nowNanoseconds())
        t.startWriting(now: clock.nowNanoseconds())
        t.becomeIdle(now: clock.nowNanoseconds())
        #expect(t.phase == .idle)
        clock.advance(.seconds(59))
        #expect(t.expired(now: clock.nowNanoseconds()) == nil)
        clock.advance(.seconds(1))
        #expect(t.expired(now: clock.nowNanoseconds()) == .closeSilently)
    }

    /// Keep-alive's idle time is for a client between requests; one that connects and never speaks gets only the
    /// header timeout, and is closed silently (it started no request to answer).
    @Test func silentNewConnectionGetsTheHeaderTimeout() {
        let clock = MockClock()
        let t = ConnectionTimer(limits: limits, now: clock.nowNanoseconds())
        #expect(t.phase == .idle)
        clock.advance(.seconds(9))
        #expect(t.expired(now: clock.nowNanoseconds()) == nil)
        clock.advance(.seconds(1))
        #expect(t.expired(now: clock.nowNanoseconds()) == .closeSilently)
        let shortIdle = ConnectionTimer.Limits(header: .seconds(10), bodyStall: .seconds(5), idle: .seconds(3), write: .seconds(30))
        let u = ConnectionTimer(limits: shortIdle, now: clock.nowNanoseconds())
        clock.advance(.seconds(3))
        #expect(u.expired(now: clock.nowNanoseconds()) == .closeSilently)
    }

    @Test func headerDeadlineRunsFromTheFirstByteAndIsNotExtended() {
        let clock = MockClock()
        var t = ConnectionTimer(limits: limits, now: clock.nowNanoseconds())
        t.headStarted(now: clock.nowNanoseconds())
        clock.advance(.seconds(6))
        t.headStarted(now: clock.nowNanoseconds()) // more header bytes: no extension
        clock.advance(.seconds(3))
        #expect(t.expired(now: clock.nowNanoseconds()) == nil)
        clock.advance(.seconds(1))
        #expect(t.expired(now: clock.nowNanoseconds()) == .requestTimeout)
    }

    @Test func bodyStallDeadlineMovesWithProgress() {
        let clock = MockClock()
        var t = ConnectionTimer(limits: limits, now: clock.nowNanoseconds())
        t.headStarted(now: clock.nowNanoseconds())
        t.bodyProgress(now: clock.nowNanoseconds())
        for _ in 0..<10 {
            clock.advance(.seconds(4))
            #expect(t.expired(now: clock.nowNanoseconds()) == nil)
            t.bodyProgress(now: clock.nowNanoseconds())
        }
        clock.advance(.seconds(5))
        #expect(t.phase == .readingBody)
        #expect(t.expired(now: clock.nowNanoseconds()) == .requestTimeout)
    }

    @Test func processingAndStreamingHaveNoDeadline() {
        let clock = MockClock()
        var t = ConnectionTimer(limits: limits, now: clock.nowNanoseconds())
        t.startProcessing()
        clock.advance(.seconds(3600))
        #expect(t.expired(now: clock.nowNanoseconds()) == nil)
        t.startStreaming()
        clock.advance(.seconds(3600))
        #expect(t.expired(now: clock.nowNanoseconds()) == nil)
    }

    @Test func writeDeadlineAndBackToIdle() {
        let clock = MockClock()
        var t = ConnectionTimer(limits: limits, now: clock.nowNanoseconds())
        t.startWriting(now: clock.nowNanoseconds())
        clock.advance(.seconds(20))
        t.startWriting(now: clock.nowNanoseconds()) // partial write: the deadline stays
        clock.advance(.seconds(10))
        #expect(t.expired(now: clock.nowNanoseconds()) == .writeTimeout)
        t.becomeIdle(now: clock.nowNanoseconds())
        #expect(t.phase == .idle)
        #expect(t.expired(now: clock.nowNanoseconds()) == nil)
    }
}

@Suite struct GzipTests {
    @Test func roundTrip() throws {
        let text = Array(String(repeating: "{\"call\":\"110\",\"text\":\"报警\"},", count: 200).utf8)
        let packed = Gzip.compress(text, level: 1)
        #expect(packed.count < text.count)
        #expect(packed.prefix(2) == [0x1f, 0x8b])
        #expect(try Gzip.decompress(packed, limit: 1 << 20).get() == text)
        #expect(try Gzip.decompress(Gzip.compress([], level: 6), limit: 10).get() == [])
    }

    @Test func zipBombStopsAtTheLimit() {
        let bomb = Gzip.compress(Array(repeating: 0, count: 20_000_000), level: 9)
        #expect(bomb.count < 100_000)
        #expect(Gzip.decompress(bomb, limit: 1 << 20) == .failure(.tooLarge))
    }

    @Test func corruptAndTruncatedInput() {
        let packed = Gzip.compress(Array(repeating: 7, count: 10_000))
        #expect(Gzip.decompress(Array(packed.prefix(packed.count / 2)), limit: 1 << 20) == .failure(.corrupt))
        #expect(Gzip.decompress([1, 2, 3, 4, 5], limit: 1 << 20) == .failure(.corrupt))
        #expect(Gzip.decompress(packed + [0], limit: 1 << 20) == .failure(.corrupt))
    }

    @Test func acceptEncodingRespectsQZero() {
        #expect(Gzip.accepts("gzip"))
        #expect(Gzip.accepts("deflate, gzip;q=0.5"))
        #expect(!Gzip.accepts("gzip;q=0"))
        #expect(!Gzip.accepts("gzip; q=0.0, identity"))
        #expect(Gzip.accepts("*"))
        #expect(!Gzip.accepts("*, gzip;q=0"))
        #expect(!Gzip.accepts("br"))
        #expect(!Gzip.accepts(nil))
    }
}

@Suite("Random bytes and request ids")
struct RandomBytesTests {
    @Test func drawsAcrossRefillsAreFullLengthAndDiffer() {
        let a = RandomBytes.take(5000)   // longer than the 4 KiB buffer: spans a refill
        let b = RandomBytes.take(5000)
        #expect(a.count == 5000 && b.count == 5000)
        #expect(a != b)
        // 5,000 uniform bytes hit nearly all 256 values; a stuck or zeroed buffer would not.
        #expect(Set(a).count > 200)
        #expect(a.filter { $0 == 0 }.count < 100)
        #expect(RandomBytes.take(0).isEmpty)
    }

    @Test func generatedRequestIDsAreSaneAndDistinct() {
        let ids = (0..<2000).map { _ in RequestID.generate() }
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy { $0.utf8.count == 20 && RequestID.isSane($0) })
    }
}
