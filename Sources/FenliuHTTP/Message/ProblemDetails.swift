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
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count + 2)
        appendQuoted(s, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `s` quoted and escaped to `out`, without building an intermediate String. Escapes quotes,
    /// backslashes, control characters and U+2028/2029 (which break JavaScript parsers).
    public static func appendQuoted(_ s: String, to out: inout [UInt8]) {
        var text = s
        text.withUTF8 { bytes in
            out.append(0x22)
            var runStart = 0
            var i = 0
            let n = bytes.count
            while i < n {
                let b = bytes[i]
                if b >= 0x20 && b != 0x22 && b != 0x5C && b != 0xE2 { i += 1; continue }
                // U+2028/2029 are E2 80 A8/A9; any other E2 sequence is copied as it is.
                if b == 0xE2 && !(i + 2 < n && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9)) {
                    i += 1
                    continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<i]))
                switch b {
                case 0x22: out.append(contentsOf: [0x5C, 0x22])
                case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
                case 0x0A: out.append(contentsOf: [0x5C, 0x6E])
                case 0x0D: out.append(contentsOf: [0x5C, 0x72])
                case 0x09: out.append(contentsOf: [0x5C, 0x74])
                case 0xE2:
                    out.append(contentsOf: Array("\\u202".utf8))
                    out.append(bytes[i + 2] == 0xA8 ? 0x38 : 0x39)
                    i += 2
                default:
                    let hex: [UInt8] = Array("0123456789abcdef".utf8)
                    out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0xF)]])
                }
                i += 1
                runStart = i
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<n]))
            out.append(0x22)
        }
    }
}
