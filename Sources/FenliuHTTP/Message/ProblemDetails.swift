/// RFC 9457 problem details. Rendered by hand so no request text can leak through a generic encoder.
public struct ProblemDetails: Sendable, Equatable, Error {
    public var type: String
    public var title: String
    public var status: Int
    public var detail: String
    /// The request field a validation problem is about (JSON path such as `location.lat`).
    public var field: String?
    /// Extra members, already JSON-encoded values keyed by member name.
    public var extensions: [(String, String)]

    public init(type: String = "about:blank", title: String, status: Int, detail: String, field: String? = nil,
                extensions: [(String, String)] = []) {
        self.type = type
        self.title = title
        self.status = status
        self.detail = detail
        self.field = field
        self.extensions = extensions
    }

    public static func == (a: ProblemDetails, b: ProblemDetails) -> Bool {
        a.type == b.type && a.title == b.title && a.status == b.status && a.detail == b.detail && a.field == b.field
            && a.extensions.map(\.0) == b.extensions.map(\.0) && a.extensions.map(\.1) == b.extensions.map(\.1)
    }

    public func jsonBytes() -> [UInt8] {
        var out = "{\"type\":" + JSONString.quote(type)
        out += ",\"title\":" + JSONString.quote(title)
        out += ",\"status\":\(status)"
        out += ",\"detail\":" + JSONString.quote(detail)
        if let field { out += ",\"field\":" + JSONString.quote(field) }
        for (name, value) in extensions { out += "," + JSONString.quote(name) + ":" + value }
        out += "}"
        return Array(out.utf8)
    }
}

/// Minimal JSON string quoting shared by hand-written encoders.
public enum JSONString {
    /// Quotes and escapes `s` as a JSON string. Works on UTF-8 bytes: text without characters to escape
    /// (nearly all of it) is copied in one piece.
    public static func quote(_ s: String) -> String {
        var text = s
        return text.withUTF8 { bytes in
            var needsEscape = false
            for b in bytes where b < 0x20 || b == 0x22 || b == 0x5C || b == 0xE2 {
                needsEscape = true
                break
            }
            if !needsEscape {
                var out = [UInt8]()
                out.reserveCapacity(bytes.count + 2)
                out.append(0x22)
                out.append(contentsOf: bytes)
                out.append(0x22)
                return String(decoding: out, as: UTF8.self)
            }
            return slowQuote(s)
        }
    }

    /// Escapes quotes, backslashes, control characters and U+2028/2029 (which break JavaScript parsers).
    static func slowQuote(_ s: String) -> String {
        var out = "\""
        out.reserveCapacity(s.utf8.count + 8)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let c where c.value < 0x20 || c.value == 0x2028 || c.value == 0x2029:
                let hex = String(c.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
        return out
    }
}
