/// One result row. Column lookup is by name (first match, case-sensitive, then case-insensitive).
public struct Row: Sendable {
    public let columnNames: [String]
    public let values: [SQLValue]

    public init(columnNames: [String], values: [SQLValue]) {
        precondition(columnNames.count == values.count, "Row: column/value count mismatch")
        self.columnNames = columnNames
        self.values = values
    }

    public var count: Int { values.count }

    private func index(of column: String) -> Int? {
        if let i = columnNames.firstIndex(of: column) { return i }
        let lower = column.lowercased()
        return columnNames.firstIndex { $0.lowercased() == lower }
    }

    /// `.null` when the column is absent.
    public subscript(_ column: String) -> SQLValue {
        guard let i = index(of: column) else { return .null }
        return values[i]
    }

    /// By position; `.null` when out of range.
    public subscript(_ index: Int) -> SQLValue {
        values.indices.contains(index) ? values[index] : .null
    }

    public func hasColumn(_ column: String) -> Bool { index(of: column) != nil }

    /// INTEGER, or a REAL with an exact integer value.
    public func int(_ column: String) -> Int64? {
        switch self[column] {
        case .integer(let v): return v
        case .real(let d): return Int64(exactly: d)
        default: return nil
        }
    }

    /// TEXT only.
    public func string(_ column: String) -> String? {
        if case .text(let s) = self[column] { return s }
        return nil
    }

    /// REAL or INTEGER.
    public func double(_ column: String) -> Double? {
        switch self[column] {
        case .real(let d): return d
        case .integer(let v): return Double(v)
        default: return nil
        }
    }

    /// INTEGER (or REAL) non-zero → true, zero → false.
    public func bool(_ column: String) -> Bool? {
        switch self[column] {
        case .integer(let v): return v != 0
        case .real(let d): return d != 0
        default: return nil
        }
    }

    /// BLOB only.
    public func blob(_ column: String) -> [UInt8]? {
        if case .blob(let b) = self[column] { return b }
        return nil
    }
}

extension Row: CustomStringConvertible {
    /// Column names with masked values (see `SQLValue.description`): safe to log.
    public var description: String {
        "Row(" + zip(columnNames, values).map { "\($0): \($1)" }.joined(separator: ", ") + ")"
    }
}
