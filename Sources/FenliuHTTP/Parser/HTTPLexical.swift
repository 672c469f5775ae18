/// Byte-level pieces of HTTP/1.x syntax (RFC 9110/9112), shared by the request and the response parser.
extension HTTPRequestParser {
    static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }

    static func isTokenChar(_ c: UInt8) -> Bool {
        switch c {
        case 48...57, 65...90, 97...122: return true
        case 33, 35, 36, 37, 38, 39, 42, 43, 45, 46, 94, 95, 96, 124, 126: return true
        default: return false
        }
    }

    static func trim<C: Collection>(_ bytes: C) -> ArraySlice<UInt8> where C.Element == UInt8 {
        let a = Array(bytes)
        var lo = 0, hi = a.count
        while lo < hi && (a[lo] == 32 || a[lo] == 9) { lo += 1 }
        while hi > lo && (a[hi - 1] == 32 || a[hi - 1] == 9) { hi -= 1 }
        return a[lo..<hi]
    }

    static func lowercased<C: Collection>(_ bytes: C) -> [UInt8] where C.Element == UInt8 {
        bytes.map { $0 >= 65 && $0 <= 90 ? $0 | 0x20 : $0 }
    }

    /// Comma-separated list elements, trimmed and lower-cased, parameters (";…") dropped.
    static func tokens(_ value: String) -> [String] {
        value.utf8.split(separator: 44).compactMap { element in
            let noParams = element.split(separator: 59, maxSplits: 1, omittingEmptySubsequences: false).first ?? element
            let t = trim(noParams)
            return t.isEmpty ? nil : String(decoding: lowercased(t), as: UTF8.self)
        }
    }

    /// `name: value` with a token name, no space before the colon and no control bytes in the value.
    static func parseField(_ line: ArraySlice<UInt8>) -> (String, String)? {
        guard let colon = line.firstIndex(of: 58), colon > line.startIndex else { return nil }
        let name = line[line.startIndex..<colon]
        guard name.allSatisfy(isTokenChar) else { return nil }
        let value = trim(line[(colon + 1)...])
        guard value.allSatisfy({ $0 == 9 || ($0 >= 32 && $0 != 127) }) else { return nil }
        return (String(decoding: name, as: UTF8.self), String(decoding: value, as: UTF8.self))
    }

    /// Hex chunk size, optionally followed by `;extensions`. Nil when malformed or absurdly large.
    static func chunkSize(_ line: ArraySlice<UInt8>) -> Int? {
        var size = 0
        var digits = 0
        var i = line.startIndex
        while i < line.endIndex, let d = hexValue(line[i]) {
            digits += 1
            if digits > 15 { return nil }
            size = size * 16 + d
            i += 1
        }
        guard digits > 0 else { return nil }
        // Optional whitespace, then extensions.
        while i < line.endIndex && (line[i] == 32 || line[i] == 9) { i += 1 }
        if i < line.endIndex {
            guard line[i] == 59 else { return nil }
            guard line[(i + 1)...].allSatisfy({ $0 == 9 || ($0 >= 32 && $0 != 127) }) else { return nil }
        }
        return size
    }

    static func hexValue(_ c: UInt8) -> Int? {
        switch c {
        case 48...57: return Int(c - 48)
        case 65...70: return Int(c - 55)
        case 97...102: return Int(c - 87)
        default: return nil
        }
    }

    /// Splits a request target into a percent-decoded path and decoded query pairs.
    /// Accepts origin-form, absolute-form (http/https) and `*`.
    static func decodeTarget(_ target: [UInt8]) -> (String, [(name: String, value: String)])? {
        var t = ArraySlice(target)
        if t == [42] { return ("*", []) }
        if t.first != 47 {
            let lower = lowercased(t.prefix(8))
            let schemeLength: Int
            if lower.starts(with: Array("http://".utf8)) { schemeLength = 7 }
            else if lower.starts(with: Array("https://".utf8)) { schemeLength = 8 }
            else { return nil }
            let rest = t.dropFirst(schemeLength)
            if let slash = rest.firstIndex(of: 47) {
                t = t[slash...]
            } else {
                let q = rest.firstIndex(of: 63)
                t = q.map { [47] + t[$0...] } ?? [47]
            }
        }
        let q = t.firstIndex(of: 63)
        let rawPath = t[t.startIndex..<(q ?? t.endIndex)]
        guard let pathBytes = percentDecode(rawPath, plusAsSpace: false),
              let path = String(validating: pathBytes, as: UTF8.self) else { return nil }
        var query: [(name: String, value: String)] = []
        if let q {
            for pair in t[(q + 1)...].split(separator: 38) {
                let eq = pair.firstIndex(of: 61)
                let rawName = pair[pair.startIndex..<(eq ?? pair.endIndex)]
                let rawValue = eq.map { pair[($0 + 1)...] } ?? []
                guard let n = percentDecode(rawName, plusAsSpace: true), let v = percentDecode(rawValue, plusAsSpace: true),
                      let name = String(validating: n, as: UTF8.self), let value = String(validating: v, as: UTF8.self)
                else { return nil }
                query.append((name: name, value: value))
            }
        }
        return (path, query)
    }

    static func percentDecode(_ bytes: ArraySlice<UInt8>, plusAsSpace: Bool) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let c = bytes[i]
            if c == 37 {
                guard i + 2 < bytes.endIndex, let hi = hexValue(bytes[i + 1]), let lo = hexValue(bytes[i + 2]) else {
                    return nil
                }
                out.append(UInt8(hi * 16 + lo))
                i += 3
            } else {
                out.append(plusAsSpace && c == 43 ? 32 : c)
                i += 1
            }
        }
        return out
    }
}
