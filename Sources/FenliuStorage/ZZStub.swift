// TEMPORARY compile stub; replaced by the real storage layer at merge.
public enum SQLValue: Sendable, Equatable { case null, integer(Int64), real(Double), text(String), blob([UInt8])
    public init(_ v: String?) { self = v.map { .text($0) } ?? .null }
    public init(_ v: Int?) { self = v.map { .integer(Int64($0)) } ?? .null }
    public init(_ v: Int64?) { self = v.map { .integer($0) } ?? .null }
    public init(_ v: Double?) { self = v.map { .real($0) } ?? .null }
    public init(_ v: Bool) { self = .integer(v ? 1 : 0) }
}
public struct SQLiteError: Error, CustomStringConvertible, Sendable { public let code: Int32; public let message: String; public let sql: String?
    public var isUnwritable: Bool { false }; public var isConstraintViolation: Bool { false }; public var description: String { message } }
public struct Row: Sendable {
    public subscript(_ column: String) -> SQLValue { .null }
    public func int(_ column: String) -> Int64? { nil }
    public func string(_ column: String) -> String? { nil }
    public func double(_ column: String) -> Double? { nil }
    public func bool(_ column: String) -> Bool? { nil }
    public func blob(_ column: String) -> [UInt8]? { nil }
}
public enum OpenMode: Sendable { case readWriteCreate, readOnly }
public final class Connection {
    public init(path: String, mode: OpenMode = .readWriteCreate, busyTimeoutMilliseconds: Int32 = 5000) throws {}
    public func execute(_ sql: String) throws {}
    public func run(_ sql: String, _ values: [SQLValue] = []) throws {}
    public func query(_ sql: String, _ values: [SQLValue] = []) throws -> [Row] { [] }
    public func queryFirst(_ sql: String, _ values: [SQLValue] = []) throws -> Row? { nil }
    public func scalarInt(_ sql: String, _ values: [SQLValue] = []) throws -> Int64? { nil }
    public var lastInsertRowID: Int64 { 0 }
    public var changes: Int { 0 }
    public func pragma(_ name: String) throws -> String? { nil }
}
public struct DatabaseConfiguration: Sendable {
    public var path: String
    public var busyTimeoutMilliseconds: Int32 = 5000
    public var writerQueueCapacity: Int = 10_000
    public var maxBatchSize: Int = 512
    public var readerCount: Int = 2
    public init(path: String) { self.path = path }
}
public struct Migration: Sendable { public let version: Int; public let name: String; public let sql: String; public let checksum: String }
public enum MigrationStatus: Sendable, Equatable { case current, pending([Int]) }
public struct Migrator: Sendable {
    public init(migrations: [Migration]) {}
    public static func load(directory: String) throws -> [Migration] { [] }
    public func migrate(_ connection: Connection) throws -> [Migration] { [] }
    public func status(_ connection: Connection) throws -> MigrationStatus { .current }
}
public final class DatabaseWriter: Sendable {
    public init(configuration: DatabaseConfiguration) throws {}
    public var effectiveSettings: String { "" }
    @discardableResult
    public func submit<T: Sendable>(_ work: @escaping @Sendable (Connection) throws -> T,
                                    completion: @escaping @Sendable (Result<T, any Error>) -> Void) -> Bool { false }
    public func write<T: Sendable>(_ work: @escaping @Sendable (Connection) throws -> T) throws -> T { fatalError() }
    public var queueDepth: Int { 0 }
    public func probeWritable() -> Bool { false }
    public func shutdown() {}
}
public final class DatabaseReaderPool: Sendable {
    public init(configuration: DatabaseConfiguration) throws {}
    @discardableResult
    public func read<T: Sendable>(_ work: @escaping @Sendable (Connection) throws -> T,
                                  completion: @escaping @Sendable (Result<T, any Error>) -> Void) -> Bool { false }
    public func read<T: Sendable>(_ work: @escaping @Sendable (Connection) throws -> T) throws -> T { fatalError() }
    public func shutdown() {}
}
