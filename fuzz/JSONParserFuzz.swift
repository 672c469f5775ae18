// libFuzzer entry point for the JSON parser. Built by `scripts/fuzz json` straight from the parser's sources
// with swiftc (no package), like the request-parser target.
// The properties: any byte sequence is parsed or rejected with ParseError.invalid — never a crash, a hang or an
// out-of-bounds read (ASan) — and whatever is accepted survives a round trip: written back out as JSON and
// parsed again, it yields the same value.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let value = try? JSONValue.parse(bytes) else { return 0 }
    var text: [UInt8] = []
    write(value, into: &text)
    guard let again = try? JSONValue.parse(text) else {
        preconditionFailure("accepted value does not parse again once written: \(String(decoding: text, as: UTF8.self))")
    }
    precondition(again == value, "round trip changed the value: \(value) became \(again)")
    return 0
}

/// A minimal writer for the round trip: strings escape only what JSON requires (quote, backslash, controls), so
/// the second parse sees raw UTF-8 where the first may have seen escapes, and the other way round.
private func write(_ value: JSONValue, into out: inout [UInt8]) {
    switch value {
    case .null: out += Array("null".utf8)
    case .bool(let b): out += Array((b ? "true" : "false").utf8)
    case .number(let n): out += Array("\(n)".utf8) // shortest round-tripping form, e.g. 1e+300, -0.0, 5e-324
    case .string(let s): writeString(s, into: &out)
    case .array(let elements):
        out.append(UInt8(ascii: "["))
        for (i, element) in elements.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            write(element, into: &out)
        }
        out.append(UInt8(ascii: "]"))
    case .object(let members):
        out.append(UInt8(ascii: "{"))
        for (i, (key, member)) in members.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            writeString(key, into: &out)
            out.append(UInt8(ascii: ":"))
            write(member, into: &out)
        }
        out.append(UInt8(ascii: "}"))
    }
}

private func writeString(_ s: String, into out: inout [UInt8]) {
    let hex = Array("0123456789abcdef".utf8)
    out.append(UInt8(ascii: "\""))
    for byte in s.utf8 {
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"):
            out.append(UInt8(ascii: "\\"))
            out.append(byte)
        case 0..<0x20:
            out += Array("\\u00".utf8)
            out.append(hex[Int(byte >> 4)])
            out.append(hex[Int(byte & 0xF)])
        default:
            out.append(byte)
        }
    }
    out.append(UInt8(ascii: "\""))
}
