/// Checks a JSON text (RFC 8259) and finds where a value sits, by byte offset.
///
/// Foundation's JSON parsers say that a file is broken but not where in a form an operator can use, so config files
/// are scanned here first: an error then names `file:line:column`. The scanner builds nothing; it only walks.
public struct JSONSyntaxScanner {
    public struct SyntaxError: Error, Equatable, Sendable {
        /// Byte offset of the problem; for an unexpected end of file, just after the last thing that was there.
        public var offset: Int
        public var message: String
    }

    /// Deeper than any config file needs, shallow enough that recursion cannot exhaust the stack.
    static let maxDepth = 256

    private let bytes: [UInt8]
    private var i = 0
    private var depth = 0
    private var path: [JSONPath.Component] = []
    private let target: [JSONPath.Component]?
    private var found: Int?

    private init(bytes: [UInt8], target: JSONPath?) {
        self.bytes = bytes
        self.target = target?.components
    }

    /// The first place the text stops being JSON, or nil when it is one valid JSON value.
    public static func firstError(in bytes: [UInt8]) -> SyntaxError? {
        var scanner = JSONSyntaxScanner(bytes: bytes, target: nil)
        do throws(SyntaxError) {
            try scanner.document()
            return nil
        } catch {
            return error
        }
    }

    /// Byte offset where the value at `path` starts, if the text has one there.
    public static func offset(of path: JSONPath, in bytes: [UInt8]) -> Int? {
        var scanner = JSONSyntaxScanner(bytes: bytes, target: path)
        _ = try? scanner.document()
        return scanner.found
    }

    /// 1-based line and column (in characters, not bytes) of a byte offset.
    public static func lineAndColumn(ofOffset offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        var line = 1, column = 1
        for byte in bytes.prefix(max(0, offset)) {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
    }

    // MARK: Grammar

    private mutating func document() throws(SyntaxError) {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }
        skipWhitespace()
        try value()
        skipWhitespace()
        if i < bytes.count { throw failure("unexpected \(describeHere()) after the end of the JSON value") }
    }

    private mutating func value() throws(SyntaxError) {
        guard i < bytes.count else { throw endOfFile(expecting: "a value") }
        if found == nil, let target, path == target { found = i }
        switch bytes[i] {
        case UInt8(ascii: "{"): try object()
        case UInt8(ascii: "["): try array()
        case UInt8(ascii: "\""): _ = try string(keepingText: false)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number()
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        default: throw failure("unexpected \(describeHere()); expected a value")
        }
    }

    private mutating func object() throws(SyntaxError) {
        try enter()
        i += 1
        skipWhitespace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "}") {
            i += 1
            depth -= 1
            return
        }
        while true {
            guard i < bytes.count else { throw endOfFile(expecting: "a key in quotes") }
            guard bytes[i] == UInt8(ascii: "\"") else { throw failure("unexpected \(describeHere()); expected a key in double quotes") }
            let key = try string(keepingText: target != nil)
            skipWhitespace()
            guard i < bytes.count else { throw endOfFile(expecting: "':'") }
            guard bytes[i] == UInt8(ascii: ":") else { throw failure("unexpected \(describeHere()); expected ':' after the key") }
            i += 1
            skipWhitespace()
            path.append(.key(key))
            try value()
            path.removeLast()
            skipWhitespace()
            guard i < bytes.count else { throw endOfFile(expecting: "',' or '}'") }
            if bytes[i] == UInt8(ascii: "}") {
                i += 1
                depth -= 1
                return
            }
            guard bytes[i] == UInt8(ascii: ",") else { throw failure("unexpected \(describeHere()); expected ',' or '}'") }
            i += 1
            skipWhitespace()
        }
    }

    private mutating func array() throws(SyntaxError) {
        try enter()
        i += 1
        skipWhitespace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "]") {
            i += 1
            depth -= 1
            return
        }
        var index = 0
        while true {
            path.append(.index(index))
            try value()
            path.removeLast()
            skipWhitespace()
            guard i < bytes.count else { throw endOfFile(expecting: "',' or ']'") }
            if bytes[i] == UInt8(ascii: "]") {
                i += 1
                depth -= 1
                return
            }
            guard bytes[i] == UInt8(ascii: ",") else { throw failure("unexpected \(describeHere()); expected ',' or ']'") }
            i += 1
            skipWhitespace()
            index += 1
        }
    }

    private mutating func enter() throws(SyntaxError) {
        depth += 1
        if depth > Self.maxDepth { throw failure("nested more than \(Self.maxDepth) levels deep") }
    }

    /// Scans a string starting at its opening quote. Its text is decoded only when a path is being looked for,
    /// and then only for keys.
    private mutating func string(keepingText: Bool) throws(SyntaxError) -> String {
        i += 1
        var text: [UInt8] = []
        while true {
            guard i < bytes.count else { throw failure("unexpected end of file inside a string", at: bytes.count) }
            let byte = bytes[i]
            switch byte {
            case UInt8(ascii: "\""):
                i += 1
                return keepingText ? String(decoding: text, as: UTF8.self) : ""
            case UInt8(ascii: "\\"):
                guard i + 1 < bytes.count else { throw failure("unexpected end of file inside a string", at: bytes.count) }
                let escaped = bytes[i + 1]
                switch escaped {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"):
                    text.append(escaped)
                    i += 2
                case UInt8(ascii: "b"), UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    text.append(Self.unescaped[escaped] ?? escaped)
                    i += 2
                case UInt8(ascii: "u"):
                    try unicodeEscape(into: &text)
                default:
                    throw failure("invalid escape in a string (\\\(Self.printable(escaped) ?? "…"))")
                }
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                throw failure("line break inside a string (a closing quote is missing)")
            case 0..<0x20:
                throw failure("control character inside a string")
            case 0..<0x80:
                text.append(byte)
                i += 1
            default:
                let length = try utf8SequenceLength()
                text.append(contentsOf: bytes[i..<(i + length)])
                i += length
            }
        }
    }

    private static let unescaped: [UInt8: UInt8] = [
        UInt8(ascii: "b"): 0x08, UInt8(ascii: "f"): 0x0C, UInt8(ascii: "n"): 0x0A, UInt8(ascii: "r"): 0x0D, UInt8(ascii: "t"): 0x09,
    ]

    /// `\uXXXX`, with a surrogate pair joined when both halves are there.
    private mutating func unicodeEscape(into text: inout [UInt8]) throws(SyntaxError) {
        let unit = try hex4(at: i + 2)
        i += 6
        var scalar = Unicode.Scalar(unit)
        if (0xD800..<0xDC00).contains(unit), i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") {
            let low = try hex4(at: i + 2)
            if (0xDC00..<0xE000).contains(low) {
                i += 6
                scalar = Unicode.Scalar(0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00))
            }
        }
        text.append(contentsOf: Array(String(Character(scalar ?? "\u{FFFD}")).utf8))
    }

    private func hex4(at start: Int) throws(SyntaxError) -> UInt16 {
        var value: UInt16 = 0
        for k in start..<(start + 4) {
            guard k < bytes.count else { throw failure("unexpected end of file inside a string", at: bytes.count) }
            let byte = bytes[k]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw failure("\\u must be followed by four hex digits", at: k)
            }
            value = value << 4 | UInt16(digit)
        }
        return value
    }

    /// Length of the well-formed UTF-8 sequence at `i` (a lead byte of 0x80 or more).
    private func utf8SequenceLength() throws(SyntaxError) -> Int {
        let lead = bytes[i]
        let length: Int
        var secondRange: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; secondRange = 0xA0...0xBF
        case 0xED: length = 3; secondRange = 0x80...0x9F
        case 0xE1...0xEF: length = 3
        case 0xF0: length = 4; secondRange = 0x90...0xBF
        case 0xF4: length = 4; secondRange = 0x80...0x8F
        case 0xF1...0xF3: length = 4
        default: throw failure("invalid UTF-8")
        }
        for k in 1..<length {
            guard i + k < bytes.count else { throw failure("unexpected end of file inside a string", at: bytes.count) }
            guard (k == 1 ? secondRange : 0x80...0xBF).contains(bytes[i + k]) else { throw failure("invalid UTF-8") }
        }
        return length
    }

    private mutating func number() throws(SyntaxError) {
        if bytes[i] == UInt8(ascii: "-") { i += 1 }
        guard i < bytes.count else { throw endOfFile(expecting: "a digit") }
        if bytes[i] == UInt8(ascii: "0") {
            i += 1
        } else if isDigit(at: i) {
            while isDigit(at: i) { i += 1 }
        } else {
            throw failure("invalid number: expected a digit")
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            guard isDigit(at: i) else { throw i < bytes.count ? failure("invalid number: expected a digit after '.'") : endOfFile(expecting: "a digit") }
            while isDigit(at: i) { i += 1 }
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard isDigit(at: i) else { throw i < bytes.count ? failure("invalid number: expected a digit in the exponent") : endOfFile(expecting: "a digit") }
            while isDigit(at: i) { i += 1 }
        }
    }

    private func isDigit(at k: Int) -> Bool {
        k < bytes.count && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[k])
    }

    private mutating func literal(_ word: StaticString) throws(SyntaxError) {
        let expected = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        for (k, byte) in expected.enumerated() {
            guard i + k < bytes.count else { throw endOfFile(expecting: "'\(word)'") }
            guard bytes[i + k] == byte else { throw failure("unexpected \(describe(at: i + k)); expected '\(word)'", at: i + k) }
        }
        i += expected.count
    }

    private mutating func skipWhitespace() {
        while i < bytes.count {
            switch bytes[i] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"): i += 1
            default: return
            }
        }
    }

    // MARK: Errors

    private func failure(_ message: String, at offset: Int? = nil) -> SyntaxError {
        SyntaxError(offset: offset ?? i, message: message)
    }

    /// Points just after the last non-blank byte, so a truncated file is reported on the line where it stops.
    private func endOfFile(expecting what: String) -> SyntaxError {
        var end = bytes.count
        while end > 0, [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r")].contains(bytes[end - 1]) { end -= 1 }
        return SyntaxError(offset: end, message: "unexpected end of file; expected \(what)")
    }

    private func describeHere() -> String { describe(at: i) }

    /// A character is named only when it is printable ASCII: the message must not carry text from the file.
    private func describe(at k: Int) -> String {
        guard k < bytes.count else { return "end of file" }
        guard let character = Self.printable(bytes[k]) else { return "character" }
        return character == "'" ? "\"'\"" : "'\(character)'"
    }

    private static func printable(_ byte: UInt8) -> String? {
        (0x21..<0x7F).contains(byte) ? String(UnicodeScalar(byte)) : nil
    }
}
