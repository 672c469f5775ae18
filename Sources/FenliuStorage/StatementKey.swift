/// The statement cache's key: the SQL text, hashed by its length and its first and last 32 bytes.
///
/// Hashing a whole statement (several hundred bytes, several statements an intake) through SipHash showed up on the
/// writer thread's profile; the statements of one program differ in length or at their ends. Equality still compares
/// the whole text, so a shared prefix and suffix only costs a comparison, never a wrong statement.
struct StatementKey: Hashable {
    let sql: String

    init(_ sql: String) { self.sql = sql }

    func hash(into hasher: inout Hasher) {
        var sql = sql
        sql.withUTF8 { bytes in
            hasher.combine(bytes.count)
            let edge = min(32, bytes.count)
            let raw = UnsafeRawBufferPointer(bytes)
            hasher.combine(bytes: UnsafeRawBufferPointer(rebasing: raw[..<edge]))
            hasher.combine(bytes: UnsafeRawBufferPointer(rebasing: raw[(raw.count - edge)...]))
        }
    }

    static func == (a: StatementKey, b: StatementKey) -> Bool { a.sql == b.sql }
}
