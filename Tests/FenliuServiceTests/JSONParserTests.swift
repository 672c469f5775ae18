import Foundation
import Testing
@testable import FenliuService

/// Raw bytes with a readable name, for inputs that are not valid UTF-8 text.
struct JSONBytes: Sendable, CustomTestStringConvertible {
    let name: String
    let bytes: [UInt8]
    init(_ name: String, _ bytes: [UInt8]) { self.name = name; self.bytes = bytes }
    var testDescription: String { name }
}

private func parse(_ text: String) throws(JSONValue.ParseError) -> JSONValue { try JSONValue.parse(Array(text.utf8)) }
private func accepts(_ text: String) -> Bool { (try? parse(text)) != nil }
private func nested(_ depth: Int, open: String = "[", close: String = "]", inner: String = "") -> String {
    String(repeating: open, count: depth) + inner + String(repeating: close, count: depth)
}

@Suite("JSON parser: valid documents")
struct JSONParserValidTests {
    @Test func scalarsAtTopLevel() throws {
        #expect(try parse("null") == .null)
        #expect(try parse("true") == .bool(true))
        #expect(try parse("false") == .bool(false))
        #expect(try parse("0") == .number(0))
        #expect(try parse("-12.5") == .number(-12.5))
        #expect(try parse(#""""#) == .string(""))
        #expect(try parse(#""abc""#) == .string("abc"))
    }

    @Test func emptyAndNestedContainers() throws {
        #expect(try parse("[]") == .array([]))
        #expect(try parse("{}") == .object([:]))
        #expect(try parse("[[]]") == .array([.array([])]))
        let value = try parse(#"{"a":[1,{"b":null,"c":[true,false]},"x"],"d":{"e":{}}}"#)
        #expect(value == .object([
            "a": .array([.number(1), .object(["b": .null, "c": .array([.bool(true), .bool(false)])]), .string("x")]),
            "d": .object(["e": .object([:])]),
        ]))
        #expect(value["a"] == .array([.number(1), .object(["b": .null, "c": .array([.bool(true), .bool(false)])]), .string("x")]))
        #expect(value["d"]?["e"] == .object([:]))
        #expect(value["missing"] == nil)
    }

    @Test func typicalCallBody() throws {
        let value = try parse(#"{"call_id":"b-t1-123","text":"楼上邻居家水管爆了，水一直往我家天花板漏，麻烦派人来看看","address":"义乌市稠城街道绣湖小区3幢","caller_phone":"13800000000","source":"110","location":{"lat":29.3,"lon":120.07}}"#)
        #expect(value["call_id"]?.stringValue == "b-t1-123")
        #expect(value["text"]?.stringValue == "楼上邻居家水管爆了，水一直往我家天花板漏，麻烦派人来看看")
        #expect(value["address"]?.stringValue == "义乌市稠城街道绣湖小区3幢")
        #expect(value["caller_phone"]?.stringValue == "13800000000")
        #expect(value["source"]?.stringValue == "110")
        #expect(value["location"]?["lat"]?.numberValue == 29.3)
        #expect(value["location"]?["lon"]?.numberValue == 120.07)
    }

    @Test func duplicateKeysKeepTheLastValue() throws {
        #expect(try parse(#"{"a":1,"b":2,"a":3}"#) == .object(["a": .number(3), "b": .number(2)]))
        #expect(try parse(#"{"a":{"x":1},"a":null}"#)["a"] == .null)
    }

    @Test func accessorsMatchTheirCase() throws {
        let value = try parse(#"{"s":"x","n":2,"b":true,"z":null}"#)
        #expect(value["s"]?.stringValue == "x" && value["s"]?.numberValue == nil)
        #expect(value["n"]?.numberValue == 2 && value["n"]?.boolValue == nil)
        #expect(value["b"]?.boolValue == true && value["b"]?.isNull == false)
        #expect(value["z"]?.isNull == true)
        #expect(JSONValue.string("x")["s"] == nil)
    }
}

@Suite("JSON parser: strings and unicode")
struct JSONParserStringTests {
    @Test func everyEscape() throws {
        #expect(try parse(#""\"\\\/\b\f\n\r\t""#) == .string("\"\\/\u{08}\u{0C}\n\r\t"))
        #expect(try parse(#""\u0041\u00e9\u00E9\u0000\u001f""#) == .string("Aéé\u{0}\u{1F}"))
        #expect(try parse(#""a\nb""#).stringValue?.count == 3)
    }

    @Test func chineseRawAndEscaped() throws {
        #expect(try parse(#""楼上漏水""#) == .string("楼上漏水"))
        #expect(try parse(#""\u697c\u4e0a\u6F0F\u6c34""#) == .string("楼上漏水"))
        #expect(try parse(#""\u697c上\u6f0f水""#) == .string("楼上漏水"))
    }

    @Test func emojiFromSurrogatePairsAndRawUTF8() throws {
        #expect(try parse(#""\uD83D\uDE92""#) == .string("🚒"))
        #expect(try parse(#""\ud83d\ude92""#) == .string("🚒"))
        #expect(try parse(#""\uDBFF\uDFFF""#) == .string("\u{10FFFF}"))
        #expect(try parse(#""\uD800\uDC00""#) == .string("\u{10000}"))
        #expect(try parse("\"🚒火警\"") == .string("🚒火警"))
        #expect(try parse(#""火\uD83D\uDE92警🚒""#) == .string("火🚒警🚒"))
        // Two-, three- and four-byte sequences at the edges of their ranges, raw.
        #expect(try parse("\"\u{80}\u{7FF}\u{800}\u{FFFF}\u{10000}\u{10FFFF}\u{7F}\"") == .string("\u{80}\u{7FF}\u{800}\u{FFFF}\u{10000}\u{10FFFF}\u{7F}"))
    }

    @Test func escapesBetweenLongRawRuns() throws {
        let run = String(repeating: "水a", count: 500)
        #expect(try parse("\"\(run)\\n\(run)\\u0041\(run)\\\"\"") == .string(run + "\n" + run + "A" + run + "\""))
        // The scratch buffer is reused: a later, shorter escaped string must not keep earlier bytes.
        #expect(try parse(#"["\n\n\n\n\n\nlong","\tx"]"#) == .array([.string("\n\n\n\n\n\nlong"), .string("\tx")]))
    }

    @Test func keysAreDecodedLikeValues() throws {
        #expect(try parse(#"{"\u5730\u5740":"x","a\"b":1}"#) == .object(["地址": .string("x"), "a\"b": .number(1)]))
    }
}

@Suite("JSON parser: numbers")
struct JSONParserNumberTests {
    @Test func integersAndFractions() throws {
        #expect(try parse("0").numberValue == 0)
        #expect(try parse("7").numberValue == 7)
        #expect(try parse("-7").numberValue == -7)
        #expect(try parse("120.07").numberValue == 120.07)
        #expect(try parse("0.1").numberValue == 0.1)
        #expect(try parse("-0.5").numberValue == -0.5)
        #expect(try parse("123456789012345").numberValue == 123_456_789_012_345)
        #expect(try parse("-999999999999999").numberValue == -999_999_999_999_999)
    }

    @Test func negativeZeroKeepsItsSign() throws {
        let value = try #require(try parse("-0").numberValue)
        #expect(value == 0 && value.sign == .minus)
        #expect(try #require(try parse("0").numberValue).sign == .plus)
    }

    @Test func exponentForms() throws {
        #expect(try parse("1e2").numberValue == 100)
        #expect(try parse("1E2").numberValue == 100)
        #expect(try parse("1e+2").numberValue == 100)
        #expect(try parse("1E-2").numberValue == 0.01)
        #expect(try parse("-1.5e3").numberValue == -1500)
        #expect(try parse("2.5E+0").numberValue == 2.5)
        #expect(try parse("0e0").numberValue == 0)
        #expect(try parse("0.0e-0").numberValue == 0)
        #expect(try parse("1e007").numberValue == 1e7) // leading zeros are allowed in an exponent
    }

    @Test func bigAndSmallNumbersRoundCorrectly() throws {
        #expect(try parse("1.7976931348623157e308").numberValue == .greatestFiniteMagnitude)
        #expect(try parse("-1.7976931348623157e308").numberValue == -.greatestFiniteMagnitude)
        #expect(try parse("2.2250738585072014e-308").numberValue == .leastNormalMagnitude)
        #expect(try parse("5e-324").numberValue == .leastNonzeroMagnitude)
        #expect(try parse("1e-400").numberValue == 0) // underflow is zero, not an error
        #expect(try parse("9007199254740993").numberValue == 9_007_199_254_740_992) // 2^53 + 1 rounds to even
        #expect(try parse("12345678901234567890").numberValue == Double(12_345_678_901_234_567_890 as UInt64))
        #expect(try parse("1234567890123456789012345678901234567890").numberValue == 1.2345678901234568e39)
        #expect(try parse("0.30000000000000004").numberValue == 0.1 + 0.2)
    }

    @Test(arguments: ["1e400", "-1e400", "1.7976931348623159e308", "2e308", "1\(String(repeating: "0", count: 400))"])
    func overflowToInfinityIsInvalid(text: String) {
        #expect(!accepts(text))
    }
}

@Suite("JSON parser: invalid documents")
struct JSONParserInvalidTests {
    @Test(arguments: [
        // Empty, whitespace only, more than one value
        "", " ", "\n\t\r ", "1 2", "{}{}", "[] x", "\"a\" \"b\"", "truex", "nullnull",
        // Trailing and missing commas, stray separators
        "[1,]", "[1,2,]", "{\"a\":1,}", "[,]", "[,1]", "[1,,2]", "{,}", "[1 2]", "{\"a\":1 \"b\":2}",
        // Malformed objects
        "{\"a\"}", "{\"a\":}", "{\"a\" 1}", "{1:2}", "{a:1}", "{'a':1}", "{null:1}", "{\"a\"::1}",
        // Comments and single quotes
        "// c\n1", "/* c */1", "[1 /* c */]", "1 // c", "'a'", "['a']",
        // Numbers
        "01", "-01", "00", "00.5", "+1", ".5", "-.5", "1.", "1.e3", "1e", "1e+", "1E-", "-", "--1", "0x10", "1_000", "1,5",
        "NaN", "-NaN", "Infinity", "-Infinity", "inf", "[1.]", "[-]",
        // Literals
        "True", "FALSE", "Null", "tru", "nul", "fals", "nulL",
        // Unterminated
        "[", "]", "{", "}", "[1", "{\"a\":1", "\"abc", "\"abc\\\"", "[\"a\",",
        // Unescaped control characters in strings
        "\"a\tb\"", "\"a\nb\"", "\"a\rb\"", "\"\u{0}\"", "\"\u{1F}\"", "\"\u{8}\"",
        // Invalid escapes
        "\"\\x41\"", "\"\\a\"", "\"\\'\"", "\"\\U0041\"", "\"\\u12\"", "\"\\u12G4\"", "\"\\uZZZZ\"", "\"\\u\"", "\"\\\"", "\"\\ \"",
        // Unpaired surrogate escapes
        "\"\\uD800\"", "\"\\uDBFF\"", "\"\\uD83Dx\"", "\"\\uD83D\\u0041\"", "\"\\uD83D\\uD83D\"", "\"\\uD83D\\n\"",
        "\"\\uD83D\\\"", "\"\\uD83D\\uDE9\"", "\"\\uDC00\"", "\"\\uDFFF\"", "\"\\uDE92\\uD83D\"",
    ])
    func rejects(text: String) {
        #expect(throws: JSONValue.ParseError.invalid) { try parse(text) }
    }

    @Test(arguments: [
        JSONBytes("lone 0xFF", [0x22, 0xFF, 0x22]),
        JSONBytes("lone 0xFE", [0x22, 0xFE, 0x22]),
        JSONBytes("stray continuation byte", [0x22, 0x80, 0x22]),
        JSONBytes("truncated two-byte sequence", [0x22, 0xC3, 0x22]),
        JSONBytes("truncated three-byte sequence", [0x22, 0xE6, 0xB0, 0x22]),
        JSONBytes("truncated four-byte sequence", [0x22, 0xF0, 0x9F, 0x9A, 0x22]),
        JSONBytes("input ends inside a sequence", [0x22, 0xE6, 0xB0]),
        JSONBytes("overlong NUL C0 80", [0x22, 0xC0, 0x80, 0x22]),
        JSONBytes("overlong C1 BF", [0x22, 0xC1, 0xBF, 0x22]),
        JSONBytes("overlong three-byte E0 80 80", [0x22, 0xE0, 0x80, 0x80, 0x22]),
        JSONBytes("overlong four-byte F0 80 80 80", [0x22, 0xF0, 0x80, 0x80, 0x80, 0x22]),
        JSONBytes("encoded surrogate ED A0 80", [0x22, 0xED, 0xA0, 0x80, 0x22]),
        JSONBytes("above U+10FFFF F4 90 80 80", [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22]),
        JSONBytes("F5 lead byte", [0x22, 0xF5, 0x80, 0x80, 0x80, 0x22]),
        JSONBytes("bad continuation", [0x22, 0xE6, 0x41, 0xB4, 0x22]),
        JSONBytes("bad third continuation", [0x22, 0xF0, 0x9F, 0x9A, 0x41, 0x22]),
        JSONBytes("invalid byte after an escape", [0x22, 0x5C, 0x6E, 0xFF, 0x22]),
        JSONBytes("invalid byte before an escape", [0x22, 0xC3, 0x5C, 0x6E, 0x22]),
        JSONBytes("invalid byte in a key", [0x7B, 0x22, 0xFF, 0x22, 0x3A, 0x31, 0x7D]),
        JSONBytes("UTF-8 byte-order mark", [0xEF, 0xBB, 0xBF, 0x31]),
        JSONBytes("invalid byte outside a string", [0x5B, 0xFF, 0x5D]),
        JSONBytes("NUL after a value", [0x31, 0x00]),
    ])
    func rejectsInvalidUTF8AndStrayBytes(input: JSONBytes) {
        #expect(throws: JSONValue.ParseError.invalid) { try JSONValue.parse(input.bytes) }
    }
}

@Suite("JSON parser: whitespace and depth")
struct JSONParserStructureTests {
    @Test func theFourWhitespaceCharactersAreAllowedEverywhere() throws {
        let ws = " \t\n\r"
        let text = "\(ws){\(ws)\"a\"\(ws):\(ws)[\(ws)1\(ws),\(ws)true\(ws)]\(ws),\(ws)\"b\"\(ws):\(ws)null\(ws)}\(ws)"
        #expect(try parse(text) == .object(["a": .array([.number(1), .bool(true)]), "b": .null]))
        #expect(try parse("\r\n 5 \r\n") == .number(5))
    }

    @Test(arguments: ["\u{0C}1", "1\u{0C}", "\u{0B}1", "\u{A0}1", "[1,\u{A0}2]", "\u{2028}1", "\u{FEFF}1", "\u{0}1"])
    func otherWhitespaceIsInvalid(text: String) {
        #expect(throws: JSONValue.ParseError.invalid) { try parse(text) }
    }

    @Test func depthLimitIsSixtyFourContainers() throws {
        #expect(JSONParser.maxDepth == 64)
        #expect(try parse(nested(64)) != .null)
        #expect(!accepts(nested(65)))
        #expect(try parse(nested(64, open: "{\"k\":", close: "}", inner: "1"))["k"] != nil)
        #expect(!accepts(nested(65, open: "{\"k\":", close: "}", inner: "1")))
        // Mixed containers count alike; scalars inside the deepest container do not add a level.
        #expect(accepts(nested(32, open: "[{\"k\":", close: "}]", inner: "7")))
        #expect(!accepts(nested(32, open: "[{\"k\":", close: "}]", inner: "[7]")))
    }

    @Test func hostileNestingIsRejectedWithoutExhaustingTheStack() {
        #expect(!accepts(String(repeating: "[", count: 1_000_000)))
        #expect(!accepts(nested(100_000)))
        #expect(!accepts(String(repeating: "{\"a\":", count: 100_000)))
    }
}

@Suite("JSON parser: agreement with JSONSerialization")
struct JSONParserDifferentialTests {
    /// Converts `JSONSerialization`'s output into a `JSONValue` for comparison.
    static func convert(_ object: Any) -> JSONValue? {
        switch object {
        case is NSNull: return .null
        case let string as String: return .string(string)
        case let number as NSNumber:
            // Foundation boxes `true`/`false` in its boolean NSNumber subclass.
            if type(of: number) == type(of: NSNumber(value: true)) { return .bool(number.boolValue) }
            return .number(number.doubleValue)
        case let array as [Any]:
            var values: [JSONValue] = []
            for element in array {
                guard let value = convert(element) else { return nil }
                values.append(value)
            }
            return .array(values)
        case let dictionary as [String: Any]:
            var members: [String: JSONValue] = [:]
            for (key, element) in dictionary {
                guard let value = convert(element) else { return nil }
                members[key] = value
            }
            return .object(members)
        default: return nil
        }
    }

    static func foundation(_ bytes: [UInt8]) -> JSONValue?? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed]) else { return nil }
        return .some(convert(object))
    }

    /// Inputs on which Foundation is strict, so both parsers must agree on acceptance and on the value.
    static let agreed: [JSONBytes] = [
        "null", "true", "false", "0", "-0", "42", "-17", "3.25", "1e3", "1E-3", "-2.5e+2", "0.1", "120.07",
        "12345678901234567890", "1.7976931348623157e308", "5e-324", "1e-400", "\"\"", "\"abc\"",
        "\"楼上漏水，滴到我家\"", "\"\\u697c\\u4e0a\"", "\"\\uD83D\\uDE92\"", "\"🚒\"", "\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"",
        "\"\\u0000\"", "\"\u{7F}\"", "[]", "{}", "[1,\"a\",null,true,[{}]]", "{\"a\":{\"b\":[1,2,{\"c\":\"d\"}]}}",
        "{\"a\":1,\"a\":2}", " \t\n\r[ 1 , 2 ]\r\n",
        #"{"call_id":"b-t1-123","text":"楼上邻居家水管爆了","address":"义乌市稠城街道绣湖小区3幢","caller_phone":"13800000000","source":"110"}"#,
        // Invalid on both sides.
        "", " ", "01", "-01", "+1", ".5", "1.", "1e", "-", "NaN", "Infinity", "'a'", "/*c*/1", "1 2", "[1 2]", "[1,,2]",
        "{,}", "{\"a\" 1}", "{a:1}", "tru", "nul", "True", "\"a\tb\"", "\"\\x\"", "\"\\u12\"", "\"\\uZZZZ\"",
        "\"\\uD800\"", "\"\\uDC00\"", "\"\\uD800\\u0041\"", "1e400", "-1e400", "1.7976931348623159e308", "\u{0C}1",
        "\"abc", "[1", "{\"a\":1",
    ].map { JSONBytes($0, Array($0.utf8)) } + [
        JSONBytes("lone 0xFF", [0x22, 0xFF, 0x22]),
        JSONBytes("truncated C3", [0x22, 0xC3, 0x22]),
        JSONBytes("overlong C0 80", [0x22, 0xC0, 0x80, 0x22]),
        JSONBytes("encoded surrogate", [0x22, 0xED, 0xA0, 0x80, 0x22]),
        JSONBytes("above U+10FFFF", [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22]),
    ]

    @Test(arguments: agreed)
    func agreesWithFoundation(input: JSONBytes) {
        let ours = try? JSONValue.parse(input.bytes)
        let theirs = Self.foundation(input.bytes)
        #expect((ours != nil) == (theirs != nil), "acceptance differs")
        if let ours, let theirs {
            #expect(theirs == ours)
        }
    }

    /// Inputs Foundation accepts although RFC 8259 does not allow them; the new parser must reject each.
    /// (Observed with swift-corelibs-foundation on Linux, where the service runs; Darwin's may differ.)
    static let foundationIsLaxer: [JSONBytes] = [
        JSONBytes("trailing comma in an array", Array("[1,]".utf8)),
        JSONBytes("trailing comma in an object", Array("{\"a\":1,}".utf8)),
        JSONBytes("UTF-8 byte-order mark", [0xEF, 0xBB, 0xBF] + Array("1".utf8)),
        JSONBytes("65 nested arrays (Foundation allows 512)", Array(nested(65).utf8)),
        JSONBytes("500 nested arrays", Array(nested(500).utf8)),
    ]

    @Test(arguments: foundationIsLaxer)
    func isStricterThanFoundation(input: JSONBytes) {
        #if os(Linux)
        #expect(Self.foundation(input.bytes) != nil, "Foundation became strict here; move the case to `agreed`")
        #endif
        #expect(throws: JSONValue.ParseError.invalid) { try JSONValue.parse(input.bytes) }
    }
}
