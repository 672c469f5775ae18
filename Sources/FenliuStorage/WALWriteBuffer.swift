import CSQLite
import CSQLiteWALBuffer

/// The SQLite VFS that writes a WAL's frames with one system call per commit instead of two per page
/// (Sources/CSQLiteWALBuffer/include/WALBuffer.h explains how and why).
///
/// Only the writer's connection opens its database through it, and that connection runs with synchronous=FULL: every
/// commit syncs the WAL, and the sync writes out what the buffer holds before SQLite tells any other connection the
/// frames exist. What reaches the disk, in what order, and when it is durable are unchanged.
public enum WALWriteBuffer {
    public static let vfsNamePrefix = "fenliu-wal-buffer"

    /// Registers the VFS for `capacityBytes` (once per process and capacity) and returns its name, for
    /// `Connection(path:vfs:)`.
    public static func register(capacityBytes: Int) throws -> String {
        guard capacityBytes > 0, capacityBytes <= Int(Int32.max) else {
            throw SQLiteError.misuse("WAL write buffer capacity \(capacityBytes) is out of range")
        }
        // Registering initialises SQLite, after which its process-wide settings can no longer be changed.
        Connection.processSetup
        var name = [CChar](repeating: 0, count: 64)
        let rc = fenliu_wal_buffer_register(vfsNamePrefix, Int32(capacityBytes), &name, Int32(name.count))
        guard rc == SQLITE_OK else {
            throw SQLiteError(code: rc, message: "cannot register the WAL write buffer: \(String(cString: sqlite3_errstr(rc)))")
        }
        return String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// For tests: the writes SQLite made to `connection`'s WAL file, and the system-call writes they became; nil when
    /// the connection has no WAL open through this VFS.
    public static func writeCounts(of connection: Connection) throws -> (sqlite: Int64, underlying: Int64)? {
        let db = try connection.handle
        var file: UnsafeMutableRawPointer?
        guard sqlite3_file_control(db, "main", SQLITE_FCNTL_JOURNAL_POINTER, &file) == SQLITE_OK, let file else { return nil }
        var sqlite: Int64 = 0, underlying: Int64 = 0
        guard fenliu_wal_buffer_file_counts(file, &sqlite, &underlying) == 1 else { return nil }
        return (sqlite, underlying)
    }
}
