/// A value bound to, or read from, an SQLite statement.
public enum SQLValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])

    public init(_ v: String?) { self = v.map { .text($0) } ?? .null }
    public init(_ v: Int?) { self = v.map { .integer(Int64($0)) } ?? .null }
    public init(_ v: Int64?) { self = v.map { .integer($0) } ?? .null }
    public init(_ v: Int32?) { self = v.map { .integer(Int64($0)) } ?? .null }
    public init(_ v: Double?) { self = v.map { .real($0) } ?? .null }
    public init(_ v: [UInt8]?) { self = v.map { .blob($0) } ?? .null }
    /// Booleans are stored as INTEGER 0 / 1.
    public init(_ v: Bool) { self = .integer(v ? 1 : 0) }
    public init(_ v: Bool?) { self = v.map { .integer($0 ? 1 : 0) } ?? .null }

    public var isNull: Bool { if case .null = self { return true } else { return false } }

    /// Name of the storage class, for diagnostics that must not reveal the value itself.
    public var typeName: String {
        switch self {
        case .null: return "NULL"
        case .integer: return "INTEGER"
        case .real: return "REAL"
        case .text: return "TEXT"
        case .blob: return "BLOB"
        }
    }
}

extension SQLValue: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self = .text(value) }
}

extension SQLValue: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int64) { self = .integer(value) }
}

extension SQLValue: ExpressibleByNilLiteral {
    public init(nilLiteral: ()) { self = .null }
}

extension SQLValue: ExpressibleByFloatLiteral {
    public init(floatLiteral value: Double) { self = .real(value) }
}

extension SQLValue: ExpressibleByBooleanLiteral {
    public init(booleanLiteral value: Bool) { self = .integer(value ? 1 : 0) }
}

extension SQLValue: CustomStringConvertible {
    /// Deliberately does NOT print the value: SQL values in this service may be personal data.
    public var description: String {
        switch self {
        case .null: return "NULL"
        case .text(let s): return "<TEXT \(s.utf8.count) bytes>"
        case .blob(let b): return "<BLOB \(b.count) bytes>"
        case .integer: return "<INTEGER>"
        case .real: return "<REAL>"
        }
    }
}
