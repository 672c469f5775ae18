/// A strict RFC 8259 parser over raw bytes, written by hand because `JSONDecoder` cost about a fifth of an
/// event-loop thread's CPU per request.
///
/// What it accepts is exactly RFC 8259 text: one value, optionally surrounded by space, tab, LF and CR. It
/// rejects everything lenient parsers let through — trailing commas, comments, single quotes, leading zeros,
/// `+1`, `.5`, `1.`, `1e`, `NaN`/`Infinity`, a byte-order mark, unescaped control characters in strings,
/// unknown escapes, unpaired surrogate escapes, invalid UTF-8, numbers too large for a `Double` — and nesting
/// deeper than `maxDepth`, so hostile input cannot exhaust the stack.
///
/// Duplicate object keys: the last occurrence wins, as with `JSONSerialization` and JavaScript's `JSON.parse`.
/// RFC 8259 leaves the behaviour to the implementation; rejecting would refuse documents clients may already
/// send. (The `JSONDecoder` path this replaced happened to keep the first occurrence.)
struct JSONParser {
    /// Arrays and objects may nest this deep; one level more is invalid. Service bodies are two levels deep.
    static let maxDepth = 64

    static func parse(_ bytes: [UInt8]) throws(JSONValue.ParseError) -> JSONValue {
        try bytes.withUnsafeBufferPointer { buffer throws(JSONValue.ParseError) in
            var parser = JSONParser(buffer)
            parser.skipWhitespace()
            let value = try parser.parseValue(depth: 0)
            parser.skipWhitespace()
            guard parser.index == buffer.count else { throw .invalid }
            return value
        }
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0
    /// Reused for strings that contain escapes; strings without escapes are copied straight from the input.
    private var scratch: [UInt8] = []

    private init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"): index += 1
            default: return
            }
        }
    }

    /// Parses the value at `index` (whitespace already skipped); `depth` counts the containers around it.
    private mutating func parseValue(depth: Int) throws(JSONValue.ParseError) -> JSONValue {
        guard index < bytes.count else { throw .invalid }
        switch bytes[index] {
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "{"): return try parseObject(depth: depth + 1)
        case UInt8(ascii: "["): return try parseArray(depth: depth + 1)
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw .invalid
        }
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(JSONValue.ParseError) {
        let count = literal.utf8CodeUnitCount
        guard bytes.count - index >= count else { throw .invalid }
        let expected = UnsafeBufferPointer(start: literal.utf8Start, count: count)
        for offset in 0..<count where bytes[index + offset] != expected[offset] { throw .invalid }
        index += count
    }

    private mutating func parseObject(depth: Int) throws(JSONValue.ParseError) -> JSONValue {
        guard depth <= Self.maxDepth else { throw .invalid }
        index += 1 // {
        var members: [String: JSONValue] = [:]
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return .object(members)
        }
        // Room for a typical call body's fields up front: growing 1 → 2 → 4 → 8 cost a fifth of a parse.
        members.reserveCapacity(8)
        while true {
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw .invalid }
            let key = try parseString()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw .invalid }
            index += 1
            skipWhitespace()
            members[key] = try parseValue(depth: depth) // a repeated key: the last one wins
            skipWhitespace()
            guard index < bytes.count else { throw .invalid }
            switch bytes[index] {
            case UInt8(ascii: ","):
                index += 1
                skipWhitespace() // then a key is required: `{"a":1,}` is invalid
            case UInt8(ascii: "}"):
                index += 1
                return .object(members)
            default:
                throw .invalid
            }
        }
    }

    private mutating func parseArray(depth: Int) throws(JSONValue.ParseError) -> JSONValue {
        guard depth <= Self.maxDepth else { throw .invalid }
        index += 1 // [
        var elements: [JSONValue] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return .array(elements)
        }
        while true {
            elements.append(try parseValue(depth: depth)) // a value is required: `[1,]` is invalid
            skipWhitespace()
            guard index < bytes.count else { throw .invalid }
            switch bytes[index] {
            case UInt8(ascii: ","):
                index += 1
                skipWhitespace()
            case UInt8(ascii: "]"):
                index += 1
                return .array(elements)
            default:
                throw .invalid
            }
        }
    }

    /// Parses the string whose opening quote is at `index`. Raw bytes are validated as UTF-8 while scanning and
    /// copied in runs, never one character at a time.
    private mutating func parseString() throws(JSONValue.ParseError) -> String {
        // Fast path: no escapes — the string is a slice of the input. Scanned with locals, as the hot loop.
        let bytes = self.bytes
        let start = index + 1
        var i = start
        while i < bytes.count {
            let byte = bytes[i]
            if byte >= 0x80 {
                i += try Self.utf8SequenceLength(bytes, at: i)
                continue
            }
            if byte == UInt8(ascii: "\"") {
                index = i + 1
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\") { break }
            guard byte >= 0x20 else { throw .invalid }
            i += 1
        }
        guard i < bytes.count else { throw .invalid } // unterminated

        // Slow path: an escape at `i`; collect the decoded bytes in `scratch`. Escapes append only whole, valid
        // sequences, so with every raw byte validated the collected bytes are valid too.
        scratch.removeAll(keepingCapacity: true)
        var runStart = start
        while i < bytes.count {
            let byte = bytes[i]
            if byte >= 0x80 {
                i += try Self.utf8SequenceLength(bytes, at: i)
                continue
            }
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<i]))
                if byte == UInt8(ascii: "\"") {
                    index = i + 1
                    return String(decoding: scratch, as: UTF8.self)
                }
                index = i
                try parseEscape()
                i = index
                runStart = i
                continue
            }
            guard byte >= 0x20 else { throw .invalid }
            i += 1
        }
        throw .invalid // unterminated
    }

    /// The length of the well-formed multi-byte UTF-8 sequence whose lead byte is at `i`, or invalid: RFC 3629
    /// allows no stray continuation bytes, no truncated or overlong sequences, no encoded surrogates and nothing
    /// above U+10FFFF. (`String(decoding:as:)` would silently replace such bytes with U+FFFD; here they make the
    /// document invalid.) `"`, `\\` and control bytes are never continuation bytes, so a sequence cut short by
    /// one of them is caught here too.
    @inline(__always)
    private static func utf8SequenceLength(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) throws(JSONValue.ParseError) -> Int {
        let lead = bytes[i]
        let available = bytes.count - i
        // Most common in this service: CJK text, three bytes with an unrestricted second byte.
        if lead & 0xF0 == 0xE0, lead != 0xE0, lead != 0xED, available >= 3,
           bytes[i + 1] & 0xC0 == 0x80, bytes[i + 2] & 0xC0 == 0x80 {
            return 3
        }
        let length: Int
        var secondLow: UInt8 = 0x80, secondHigh: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; secondLow = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; secondHigh = 0x9F
        case 0xF0: length = 4; secondLow = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; secondHigh = 0x8F
        default: throw .invalid // a continuation byte, C0/C1 or F5–FF
        }
        guard available >= length else { throw .invalid }
        let second = bytes[i + 1]
        guard second >= secondLow, second <= secondHigh else { throw .invalid }
        for offset in 2..<length where bytes[i + offset] & 0xC0 != 0x80 { throw .invalid }
        return length
    }

    /// Decodes the escape whose backslash is at `index` into `scratch`, leaving `index` after it.
    private mutating func parseEscape() throws(JSONValue.ParseError) {
        index += 1 // \
        guard index < bytes.count else { throw .invalid }
        let letter = bytes[index]
        index += 1
        switch letter {
        case UInt8(ascii: "\""): scratch.append(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): scratch.append(UInt8(ascii: "\\"))
        case UInt8(ascii: "/"): scratch.append(UInt8(ascii: "/"))
        case UInt8(ascii: "b"): scratch.append(0x08)
        case UInt8(ascii: "f"): scratch.append(0x0C)
        case UInt8(ascii: "n"): scratch.append(0x0A)
        case UInt8(ascii: "r"): scratch.append(0x0D)
        case UInt8(ascii: "t"): scratch.append(0x09)
        case UInt8(ascii: "u"):
            let unit = try parseHex4()
            let scalar: UInt32
            switch unit {
            case 0xD800...0xDBFF:
                // A high surrogate must be followed at once by an escaped low surrogate.
                guard bytes.count - index >= 2, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
                else { throw .invalid }
                index += 2
                let low = try parseHex4()
                guard (0xDC00...0xDFFF).contains(low) else { throw .invalid }
                scalar = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
            case 0xDC00...0xDFFF:
                throw .invalid // a low surrogate on its own
            default:
                scalar = unit
            }
            appendUTF8(scalar)
        default:
            throw .invalid
        }
    }

    private mutating func parseHex4() throws(JSONValue.ParseError) -> UInt32 {
        guard bytes.count - index >= 4 else { throw .invalid }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte &- UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte &- UInt8(ascii: "a") &+ 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte &- UInt8(ascii: "A") &+ 10
            default: throw .invalid
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }

    /// Appends a scalar that is not a surrogate (at most U+10FFFF) as UTF-8.
    private mutating func appendUTF8(_ scalar: UInt32) {
        switch scalar {
        case 0..<0x80:
            scratch.append(UInt8(scalar))
        case 0x80..<0x800:
            scratch.append(UInt8(0xC0 | scalar >> 6))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            scratch.append(UInt8(0xE0 | scalar >> 12))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        default:
            scratch.append(UInt8(0xF0 | scalar >> 18))
            scratch.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    /// Parses `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?` at `index`. Short integers are converted
    /// exactly by hand; anything else goes through `Double(_:)`, which rounds correctly. Overflow to infinity
    /// is invalid; underflow to zero is not.
    private mutating func parseNumber() throws(JSONValue.ParseError) -> Double {
        let start = index
        var negative = false
        if bytes[index] == UInt8(ascii: "-") {
            negative = true
            index += 1
        }
        guard index < bytes.count else { throw .invalid }
        var integer: UInt64 = 0
        var digits = 0
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            digits = 1
        } else {
            guard isDigit(at: index) else { throw .invalid }
            while index < bytes.count, isDigit(at: index) {
                integer = integer &* 10 &+ UInt64(bytes[index] &- UInt8(ascii: "0"))
                digits += 1
                index += 1
            }
        }
        var isInteger = true
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            isInteger = false
            index += 1
            guard index < bytes.count, isDigit(at: index) else { throw .invalid }
            while index < bytes.count, isDigit(at: index) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            isInteger = false
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < bytes.count, isDigit(at: index) else { throw .invalid }
            while index < bytes.count, isDigit(at: index) { index += 1 }
        }
        // Up to 15 digits an integer is below 2^53, so the conversion is exact.
        if isInteger, digits <= 15 {
            let magnitude = Double(integer)
            return negative ? -magnitude : magnitude
        }
        let lexeme = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        guard let value = Double(lexeme), value.isFinite else { throw .invalid }
        return value
    }

    private func isDigit(at position: Int) -> Bool {
        bytes[position] &- UInt8(ascii: "0") < 10
    }
}
