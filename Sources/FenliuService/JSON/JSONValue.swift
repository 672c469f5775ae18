/// A parsed JSON document kept as a tree, so validation can name the exact field that is wrong
/// instead of surfacing a decoder's generic message.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public enum ParseError: Error { case invalid }

    /// Parses one strict RFC 8259 document (see `JSONParser` for what is rejected).
    public static func parse(_ bytes: [UInt8]) throws(ParseError) -> JSONValue {
        try JSONParser.parse(bytes)
    }

    public subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    public var stringValue: String? { if case .string(let s) = self { return s } else { return nil } }
    public var numberValue: Double? { if case .number(let n) = self { return n } else { return nil } }
    public var boolValue: Bool? { if case .bool(let b) = self { return b } else { return nil } }
    public var isNull: Bool { self == .null }
}
