import Dispatch

public struct DatabaseConfiguration: Sendable {
    public var path: String
    public var busyTimeoutMilliseconds: Int32 = 5000
    /// Queued writes beyond this → `submit` returns false (the service answers 503 + Retry-After).
    public var writerQueueCapacity: Int = 10_000
    /// Requests per group-commit transaction.
    public var maxBatchSize: Int = 512
    public var readerCount: Int = 2
    /// How often a background thread checkpoints the WAL; 0 leaves checkpoints to SQLite (on the commit path).
    public var checkpointIntervalMilliseconds: Int = 500
    /// When the WAL holds this many frames after a group commit, the writer checkpoints it (after answering the
    /// batch), so the next transaction writes the WAL from its start again instead of growing the file. 0 = never.
    public var walRestartFrames: Int = 4000
    /// The writer's WAL frames of one commit are gathered and written with one system call of at most this many
    /// bytes (`WALWriteBuffer`); 0 writes each frame as SQLite hands it over (two system calls a page).
    public var walWriteBufferBytes: Int = DatabaseConfiguration.defaultWALWriteBufferBytes
    /// 31 pages: the most SQLite's unix VFS writes in one call, so a full buffer is one system call, and the writer
    /// keeps no more than this in memory.
    public static let defaultWALWriteBufferBytes = 31 * 4096
    /// SQLite page cache of the writer connection, in KiB. The writer mostly appends (index right edges, the WAL),
    /// and pages it lacks come from the kernel's page cache: at 64 connections 4 MiB was as fast as 8 MiB and kept
    /// peak RSS 4.5 MiB lower (BENCHMARKS.md, thirteenth session).
    public var writerCacheKiB: Int = DatabaseConfiguration.defaultWriterCacheKiB
    public static let defaultWriterCacheKiB = 4 * 1024
    /// SQLite page cache of each reader connection, in KiB.
    public var readerCacheKiB: Int = DatabaseConfiguration.defaultReaderCacheKiB
    public static let defaultReaderCacheKiB = 4 * 1024
    /// What `writer_cache_kib` and `reader_cache_kib` may be set to.
    public static let cacheKiBRange = 256...1_048_576
    /// After a write fails because the database cannot be written (full, read-only, I/O error), the readiness
    /// probe reports "not writable" for this long even if its own one-row write gets through; then it probes afresh,
    /// so an instance taken out of rotation comes back once the disk has room again.
    public var unwritableHoldMilliseconds: Int = 5000
    /// The monotonic clock the hold is measured with (tests pass a manual one).
    public var monotonicNanoseconds: @Sendable () -> UInt64 = { DispatchTime.now().uptimeNanoseconds }
    /// Queued reads beyond this → `read` returns false.
    public var readerQueueCapacity: Int = 10_000

    public init(path: String) {
        self.path = path
    }
}
