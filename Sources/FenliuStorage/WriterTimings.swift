#if canImport(Glibc)
import Glibc
#endif

/// Cumulative wall time of the writer thread's optimistic batches, split by what it was doing.
public struct WriterTimings: Sendable, Equatable {
    /// Running the items' SQL and computation.
    public var itemNanoseconds: UInt64 = 0
    /// In COMMIT: writing WAL frames and, with synchronous=FULL, waiting for fdatasync.
    public var commitNanoseconds: UInt64 = 0
    /// Checkpointing between batches so the WAL can start over.
    public var walRestartNanoseconds: UInt64 = 0

    static func now() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
    }
}
