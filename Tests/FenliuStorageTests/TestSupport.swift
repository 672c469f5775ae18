import Foundation
import Synchronization
@testable import FenliuStorage

/// A fresh directory under the system temp dir, removed by `cleanup()`.
struct TempDir {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory
            .appendingPathComponent("fenliu-storage-tests-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { path + "/" + name }

    func write(_ name: String, _ contents: String) throws {
        try Data(contents.utf8).write(to: URL(fileURLWithPath: file(name)))
    }

    func cleanup() { try? FileManager.default.removeItem(atPath: path) }
}

/// A lock-protected value shared with writer/reader threads.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<R>(_ body: (inout Value) -> R) -> R {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }

    var current: Value { withLock { $0 } }
}

struct TestFailure: Error, Equatable { let tag: String }

/// Guard against hangs only (not a timing assertion).
let generousTimeout: DispatchTime = .now() + 60

func waitFor(_ semaphore: DispatchSemaphore, count: Int = 1) -> Bool {
    for _ in 0..<count where semaphore.wait(timeout: .now() + 60) == .timedOut { return false }
    return true
}

/// Blocks the writer thread with one item until `release` is signalled; `started` is signalled once it runs.
struct WriterGate {
    let started = DispatchSemaphore(value: 0)
    let release = DispatchSemaphore(value: 0)
    let done = DispatchSemaphore(value: 0)

    func install(on writer: DatabaseWriter) -> Bool {
        let started = started, release = release, done = done
        let queued = writer.submit({ _ in
            started.signal()
            release.wait()
        }, completion: { _ in done.signal() })
        return queued && waitFor(started)
    }
}

/// A monotonic clock the test moves by hand.
final class ManualClock: Sendable {
    private let nanoseconds = Mutex<UInt64>(1_000_000_000)
    var read: @Sendable () -> UInt64 { { [self] in nanoseconds.withLock { $0 } } }
    func advance(milliseconds: UInt64) { nanoseconds.withLock { $0 += milliseconds * 1_000_000 } }
}
