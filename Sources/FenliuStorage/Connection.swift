import CSQLite

public enum OpenMode: Sendable {
    /// Read-write; creates the file if missing.
    case readWriteCreate
    /// Read-only (SQLITE_OPEN_READONLY).
    case readOnly
    /// Read-write on an existing file; fails with SQLITE_CANTOPEN if it does not exist.
    case readWrite
}

/// A prepared statement owned by one connection.
final class Statement {
    let handle: OpaquePointer
    let sql: String
    let parameterCount: Int
    /// Bound text and blob bytes live here and are bound SQLITE_STATIC: one copy into memory the statement owns,
    /// where SQLITE_TRANSIENT had SQLite allocate, copy and later free every value. It is zeroed after every
    /// execution, so a call's text or phone number does not linger in it.
    private var arena = UnsafeMutableRawPointer.allocate(byteCount: 0, alignment: 1)
    private var arenaCapacity = 0
    private var arenaUsed = 0

    init(handle: OpaquePointer, sql: String) {
        self.handle = handle
        self.sql = sql
        self.parameterCount = Int(sqlite3_bind_parameter_count(handle))
    }

    /// Makes room for `bytes` more bytes; call before `copyIntoArena`, because growing moves the arena and would
    /// leave values already bound pointing at freed memory.
    func reserveArena(_ bytes: Int) {
        guard arenaUsed + bytes > arenaCapacity else { return }
        let capacity = max(arenaUsed + bytes, arenaCapacity * 2, 256)
        let grown = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 1)
        // Zeroed first: a recycled allocation may hold another value's bytes, and the arena promises only zeros.
        grown.initializeMemory(as: UInt8.self, repeating: 0, count: capacity)
        grown.copyMemory(from: arena, byteCount: arenaUsed)
        arena.initializeMemory(as: UInt8.self, repeating: 0, count: arenaUsed)
        arena.deallocate()
        arena = grown
        arenaCapacity = capacity
    }

    /// Copies `bytes` into the reserved arena and returns where they now are (stable until `scrubArena`).
    func copyIntoArena(_ bytes: UnsafeRawBufferPointer) -> UnsafeRawPointer {
        precondition(arenaUsed + bytes.count <= arenaCapacity, "reserveArena was not called")
        let destination = arena + arenaUsed
        if let base = bytes.baseAddress { destination.copyMemory(from: base, byteCount: bytes.count) }
        arenaUsed += bytes.count
        return UnsafeRawPointer(destination)
    }

    /// Zeroes what the last execution bound. Only after `sqlite3_clear_bindings`: until then SQLite may read it.
    /// An arena grown past `retainedArenaBytes` by a rare large value is given back, so up to 512 cached
    /// statements cannot each keep a large buffer.
    func scrubArena() {
        arena.initializeMemory(as: UInt8.self, repeating: 0, count: arenaUsed)
        arenaUsed = 0
        if arenaCapacity > Self.retainedArenaBytes {
            arena.deallocate()
            arena = UnsafeMutableRawPointer.allocate(byteCount: 0, alignment: 1)
            arenaCapacity = 0
        }
    }

    static let retainedArenaBytes = 64 * 1024

    /// For tests: bytes bound and not yet scrubbed, and whether every byte the arena holds is zero.
    var arenaBytesInUse: Int { arenaUsed }
    var arenaBytesRetained: Int { arenaCapacity }
    var arenaIsZeroed: Bool {
        UnsafeRawBufferPointer(start: arena, count: arenaCapacity).allSatisfy { $0 == 0 }
    }

    deinit {
        sqlite3_finalize(handle)
        arena.deallocate()
    }
}

/// One SQLite connection, opened with SQLITE_OPEN_NOMUTEX.
///
/// NOT Sendable: use it from one thread at a time (the thread that owns it, or a caller that holds a lock the
/// owner also holds). Statements run through `run`/`query` are cached by SQL text.
public final class Connection {
    private var db: OpaquePointer?
    private var cache: [StatementKey: Statement] = [:]
    /// See `attach(_:)`.
    var attachments: [ObjectIdentifier: AnyObject] = [:]
    /// Upper bound of the statement cache; beyond it the cache is emptied (guards against dynamic SQL).
    public var statementCacheCapacity = 512

    /// Number of statements prepared through the cache (for tests and metrics).
    public private(set) var preparedStatementCount = 0
    /// Number of statements currently held in the cache.
    public var cachedStatementCount: Int { cache.count }

    /// Once per process, before SQLite's first use. Debian's SQLite is built without lookaside memory, so every
    /// row and cursor is a malloc, and with memory statistics on (its default) each one also takes a global mutex
    /// to count bytes: about a tenth of the writer thread's time per intake, for statistics nothing here reads.
    static let processSetup: Void = {
        _ = fenliu_sqlite3_disable_memstatus()
    }()

    /// `vfs`: the name of a registered SQLite VFS (see `WALWriteBuffer`), or nil for SQLite's default.
    public init(path: String, mode: OpenMode = .readWriteCreate, busyTimeoutMilliseconds: Int32 = 5000,
                vfs: String? = nil) throws {
        Self.processSetup
        var flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        switch mode {
        case .readWriteCreate: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
        case .readWrite: flags |= SQLITE_OPEN_READWRITE
        case .readOnly: flags |= SQLITE_OPEN_READONLY
        }
        var handle: OpaquePointer?
        let rc = sqlite3_open_v2(path, &handle, flags, vfs)
        guard rc == SQLITE_OK, let handle else {
            let code = handle.map { sqlite3_extended_errcode($0) } ?? rc
            let message = handle.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
                ?? String(cString: sqlite3_errstr(rc))
            if let handle { sqlite3_close_v2(handle) }
            throw SQLiteError(code: code, message: "cannot open database: \(message)")
        }
        db = handle
        sqlite3_extended_result_codes(handle, 1)
        let brc = sqlite3_busy_timeout(handle, busyTimeoutMilliseconds)
        if brc != SQLITE_OK { throw makeError(sql: nil) }
    }

    deinit {
        close()
        walFrames?.deallocate()
    }

    /// Finalizes cached statements and closes the connection. Further use throws SQLITE_MISUSE.
    public func close() {
        attachments.removeAll()
        for i in recent.indices { recent[i] = nil }
        cache.removeAll()   // finalizes via Statement.deinit
        if let db { sqlite3_close_v2(db) }
        db = nil
    }

    /// Written by SQLite's WAL hook after each commit on this connection (see `trackWALFrames`).
    private var walFrames: UnsafeMutablePointer<Int32>?

    /// From now on, `walFrameCount` reports the WAL's size in frames as of this connection's last commit.
    public func trackWALFrames() throws {
        let db = try handle
        if walFrames == nil {
            walFrames = .allocate(capacity: 1)
            walFrames!.initialize(to: 0)
        }
        fenliu_sqlite3_track_wal_frames(db, walFrames)
    }

    /// Frames in the WAL after this connection's last commit; 0 until `trackWALFrames` and a commit.
    public var walFrameCount: Int { walFrames.map { Int($0.pointee) } ?? 0 }

    var handle: OpaquePointer {
        get throws {
            guard let db else { throw SQLiteError.misuse("connection is closed") }
            return db
        }
    }

    func makeError(sql: String?, code: Int32? = nil) -> SQLiteError {
        guard let db else { return SQLiteError.misuse("connection is closed", sql: sql) }
        let c = sqlite3_extended_errcode(db)
        let msg = sqlite3_errmsg(db).map { String(cString: $0) } ?? "unknown error"
        let chosen = code.map { ($0 & 0xFF) == (c & 0xFF) ? c : $0 } ?? c
        return SQLiteError(code: chosen, message: msg, sql: sql)
    }

    // MARK: - Executing

    /// Runs one or more statements without bindings (sqlite3_exec). Not cached.
    public func execute(_ sql: String) throws {
        let db = try handle
        var errmsg: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(db, sql, nil, nil, &errmsg)
        if rc != SQLITE_OK {
            let message = errmsg.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(rc))
            sqlite3_free(errmsg)
            let ext = sqlite3_extended_errcode(db)
            throw SQLiteError(code: (ext & 0xFF) == (rc & 0xFF) ? ext : rc, message: message, sql: sql)
        }
    }

    /// Runs one statement (cached by SQL text) to completion, discarding any rows.
    public func run(_ sql: String, _ values: [SQLValue] = []) throws {
        try withStatement(sql, values) { stmt in
            while true {
                let rc = sqlite3_step(stmt.handle)
                if rc == SQLITE_DONE { return }
                if rc != SQLITE_ROW { throw makeError(sql: sql, code: rc) }
            }
        }
    }

    /// Runs one statement (cached by SQL text) and returns all rows.
    public func query(_ sql: String, _ values: [SQLValue] = []) throws -> [Row] {
        try withStatement(sql, values) { stmt in
            var rows: [Row] = []
            var names: [String]?
            while true {
                let rc = sqlite3_step(stmt.handle)
                if rc == SQLITE_DONE { return rows }
                if rc != SQLITE_ROW { throw makeError(sql: sql, code: rc) }
                let n = Int(sqlite3_column_count(stmt.handle))
                if names == nil { names = Self.columnNames(stmt.handle, n) }
                rows.append(Row(columnNames: names!, values: Self.readRow(stmt.handle, n)))
            }
        }
    }

    /// First row only; the statement is reset after it.
    public func queryFirst(_ sql: String, _ values: [SQLValue] = []) throws -> Row? {
        try withStatement(sql, values) { stmt in
            let rc = sqlite3_step(stmt.handle)
            if rc == SQLITE_DONE { return nil }
            if rc != SQLITE_ROW { throw makeError(sql: sql, code: rc) }
            let n = Int(sqlite3_column_count(stmt.handle))
            return Row(columnNames: Self.columnNames(stmt.handle, n), values: Self.readRow(stmt.handle, n))
        }
    }

    /// First column of the first row as an integer; nil when there is no row or the value is NULL.
    public func scalarInt(_ sql: String, _ values: [SQLValue] = []) throws -> Int64? {
        try withStatement(sql, values) { stmt in
            let rc = sqlite3_step(stmt.handle)
            if rc == SQLITE_DONE { return nil }
            if rc != SQLITE_ROW { throw makeError(sql: sql, code: rc) }
            guard sqlite3_column_count(stmt.handle) > 0 else { return nil }
            switch Self.readColumn(stmt.handle, 0) {
            case .integer(let v): return v
            case .real(let d): return Int64(exactly: d)
            case .text(let s): return Int64(s)
            default: return nil
            }
        }
    }

    public var lastInsertRowID: Int64 { db.map { sqlite3_last_insert_rowid($0) } ?? 0 }

    /// Rows changed by the most recent INSERT/UPDATE/DELETE.
    public var changes: Int { db.map { Int(sqlite3_changes64($0)) } ?? 0 }

    /// Rows inserted, updated or deleted on this connection since it opened (all statements, all transactions).
    public var totalChanges: Int64 { db.map { sqlite3_total_changes64($0) } ?? 0 }

    /// Whether a transaction is open (not in autocommit mode).
    public var isInTransaction: Bool { db.map { sqlite3_get_autocommit($0) == 0 } ?? false }

    /// Reads back a PRAGMA value as text (first column of the first row), e.g. `pragma("journal_mode")` → "wal".
    /// `name` may be schema-qualified ("main.journal_mode") and must be a plain identifier.
    public func pragma(_ name: String) throws -> String? {
        guard !name.isEmpty, name.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A)
            || ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x5F || $0 == 0x2E }) else {
            throw SQLiteError.misuse("invalid pragma name")
        }
        guard let row = try queryFirst("PRAGMA \(name)") else { return nil }
        switch row[0] {
        case .null: return nil
        case .integer(let v): return String(v)
        case .real(let d): return String(d)
        case .text(let s): return s
        case .blob(let b): return String(decoding: b, as: UTF8.self)
        }
    }

    /// Runs `body` inside BEGIN IMMEDIATE … COMMIT; rolls back if it throws.
    public func inTransaction<T>(_ body: () throws -> T) throws -> T {
        try run("BEGIN IMMEDIATE")
        do {
            let value = try body()
            try run("COMMIT")
            notifyObservers(.committed)
            return value
        } catch {
            if isInTransaction { try? run("ROLLBACK") }
            notifyObservers(.rolledBack)
            throw error
        }
    }

    /// Runs `body` inside SAVEPOINT … RELEASE; rolls back to the savepoint if it throws.
    public func inSavepoint<T>(_ name: String = "fenliu_sp", _ body: () throws -> T) throws -> T {
        try run("SAVEPOINT \(name)")
        notifyObservers(.savepointBegan)
        do {
            let value = try body()
            try run("RELEASE \(name)")
            notifyObservers(.savepointReleased)
            return value
        } catch {
            try? run("ROLLBACK TO \(name)")
            try? run("RELEASE \(name)")
            notifyObservers(.savepointRolledBack)
            throw error
        }
    }

    // MARK: - Statement cache

    /// For tests: the cached statement for `sql`, if it has been prepared.
    func cachedStatementIfPrepared(_ sql: String) -> Statement? { cache[StatementKey(sql)] }

    /// Statements last used, by where their SQL text is stored: a statement written as a literal is found again
    /// with one comparison of two string representations (equal at once when they are the same literal), where the
    /// dictionary would hash the text first. Any other text takes the dictionary; a slot holding another text, or one
    /// at an address a freed string left, is only a miss, since the texts are compared.
    private var recent = [Statement?](repeating: nil, count: Connection.recentSlots)
    private static let recentSlots = 64

    @inline(__always) private static func recentSlot(_ sql: String) -> Int? {
        sql.utf8.withContiguousStorageIfAvailable { bytes -> Int in
            let address = UInt(bitPattern: bytes.baseAddress)
            return Int(truncatingIfNeeded: (address >> 4) ^ (address >> 10) ^ UInt(bytes.count)) & (recentSlots - 1)
        }
    }

    private func cachedStatement(_ sql: String) throws -> Statement {
        let slot = Self.recentSlot(sql)
        if let slot, let s = recent[slot], s.sql == sql { return s }
        let key = StatementKey(sql)
        if let s = cache[key] {
            if let slot { recent[slot] = s }
            return s
        }
        let db = try handle
        var stmt: OpaquePointer?
        var tail: UnsafePointer<CChar>?
        let rc = sql.withCString { cSQL in
            let rc = sqlite3_prepare_v3(db, cSQL, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &stmt, &tail)
            // Reject trailing statements: only whitespace / semicolons may follow.
            if rc == SQLITE_OK, var t = tail {
                while t.pointee != 0 {
                    let c = UInt8(bitPattern: t.pointee)
                    if c != 0x20 && c != 0x09 && c != 0x0A && c != 0x0D && c != 0x3B { return SQLITE_MISUSE }
                    t += 1
                }
            }
            return rc
        }
        if rc == SQLITE_MISUSE {
            sqlite3_finalize(stmt)
            throw SQLiteError.misuse("run/query take exactly one statement; use execute() for scripts", sql: sql)
        }
        guard rc == SQLITE_OK else { throw makeError(sql: sql, code: rc) }
        guard let stmt else { throw SQLiteError.misuse("empty statement", sql: sql) }
        let statement = Statement(handle: stmt, sql: sql)
        preparedStatementCount += 1
        if cache.count >= statementCacheCapacity {
            cache.removeAll()
            for i in recent.indices { recent[i] = nil }
        }
        cache[key] = statement
        if let slot { recent[slot] = statement }
        return statement
    }

    private func withStatement<T>(_ sql: String, _ values: [SQLValue], _ body: (Statement) throws -> T) throws -> T {
        let stmt = try cachedStatement(sql)
        defer {
            sqlite3_reset(stmt.handle)
            sqlite3_clear_bindings(stmt.handle)
            stmt.scrubArena()
        }
        try bind(stmt, values)
        return try body(stmt)
    }

    private func bind(_ stmt: Statement, _ values: [SQLValue]) throws {
        guard values.count == stmt.parameterCount else {
            throw SQLiteError(code: SQLITE_RANGE,
                              message: "statement expects \(stmt.parameterCount) bindings, got \(values.count)",
                              sql: stmt.sql)
        }
        let h = stmt.handle
        var arenaBytes = 0
        for value in values {
            switch value {
            case .text(let s): arenaBytes += s.utf8.count
            case .blob(let b): arenaBytes += b.count
            case .null, .integer, .real: break
            }
        }
        // Also bounds each value, so the Int32 lengths below cannot overflow.
        guard arenaBytes <= Int(Int32.max) else {
            throw SQLiteError(code: SQLITE_TOOBIG, message: "bound values total \(arenaBytes) bytes", sql: stmt.sql)
        }
        stmt.reserveArena(arenaBytes)
        for (offset, value) in values.enumerated() {
            let i = Int32(offset + 1)
            let rc: Int32
            switch value {
            case .null:
                rc = sqlite3_bind_null(h, i)
            case .integer(let v):
                rc = sqlite3_bind_int64(h, i, v)
            case .real(let d):
                rc = sqlite3_bind_double(h, i, d)
            case .text(let s):
                var s = s
                rc = s.withUTF8 { buf -> Int32 in
                    guard let base = buf.baseAddress, buf.count > 0 else {
                        return "".withCString { fenliu_sqlite3_bind_text_transient(h, i, $0, 0) }
                    }
                    let copy = stmt.copyIntoArena(UnsafeRawBufferPointer(start: base, count: buf.count))
                    return fenliu_sqlite3_bind_text_static(h, i, copy.assumingMemoryBound(to: CChar.self),
                                                           Int32(buf.count))
                }
            case .blob(let b):
                if b.isEmpty {
                    rc = sqlite3_bind_zeroblob(h, i, 0)
                } else {
                    rc = b.withUnsafeBytes { fenliu_sqlite3_bind_blob_static(h, i, stmt.copyIntoArena($0), Int32($0.count)) }
                }
            }
            if rc != SQLITE_OK {
                // Report the parameter index and type, never the value.
                let base = makeError(sql: stmt.sql, code: rc)
                throw SQLiteError(code: base.code,
                                  message: "binding parameter \(i) (\(value.typeName)): \(base.message)",
                                  sql: stmt.sql)
            }
        }
    }

    private static func columnNames(_ h: OpaquePointer, _ n: Int) -> [String] {
        (0..<n).map { i in sqlite3_column_name(h, Int32(i)).map { String(cString: $0) } ?? "" }
    }

    private static func readRow(_ h: OpaquePointer, _ n: Int) -> [SQLValue] {
        var values: [SQLValue] = []
        values.reserveCapacity(n)
        for i in 0..<n { values.append(readColumn(h, Int32(i))) }
        return values
    }

    private static func readColumn(_ h: OpaquePointer, _ i: Int32) -> SQLValue {
        switch sqlite3_column_type(h, i) {
        case SQLITE_INTEGER:
            return .integer(sqlite3_column_int64(h, i))
        case SQLITE_FLOAT:
            return .real(sqlite3_column_double(h, i))
        case SQLITE_TEXT:
            guard let p = sqlite3_column_text(h, i) else { return .text("") }
            let n = Int(sqlite3_column_bytes(h, i))
            return .text(String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self))
        case SQLITE_BLOB:
            let n = Int(sqlite3_column_bytes(h, i))
            guard n > 0, let p = sqlite3_column_blob(h, i) else { return .blob([]) }
            return .blob(Array(UnsafeRawBufferPointer(start: p, count: n)))
        default:
            return .null
        }
    }
}

@available(*, unavailable)
extension Connection: Sendable {}
