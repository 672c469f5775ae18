/// Chinese-aware text normalisation applied identically to call text and to every pattern, so matching
/// is insensitive to full-width forms, traditional characters, letter case and spacing noise.
public enum TextNormalizer {
    /// Normalised Unicode scalar values of `text`.
    public static func scalars(_ text: String) -> [UInt32] {
        var out: [UInt32] = []
        out.reserveCapacity(text.utf8.count)    // an upper bound on the scalar count, without a counting pass
        let base = simplifiedBase, table = simplifiedTable     // one lazy-static check per call, not per scalar
        for scalar in text.unicodeScalars {
            var v = scalar.value
            if v < 0x80 {
                // Spacing noise carries no meaning in Chinese text.
                if v == 0x20 || v == 0x09 || v == 0x0A || v == 0x0D { continue }
                if v >= 0x41 && v <= 0x5A { v += 0x20 }             // ASCII lower case
                out.append(v)
                continue
            }
            switch v {
            case 0x3000: continue                                  // ideographic space
            case 0xFF01...0xFF5E: v -= 0xFEE0                      // full-width ASCII → ASCII
            case 0x201C, 0x201D, 0x300C, 0x300D, 0x300E, 0x300F: v = 0x22   // “ ” 「 」 『 』 → "
            case 0x2018, 0x2019: v = 0x27                          // ‘ ’ → '
            default: break
            }
            if v == 0x20 || v == 0x09 || v == 0x0A || v == 0x0D || v == 0xA0 { continue }
            if v >= 0x41 && v <= 0x5A { v += 0x20 }
            if v >= base && v - base < UInt32(table.count) {
                let simplified = table[Int(v - base)]
                if simplified != 0 { v = simplified }
            }
            out.append(v)
        }
        return out
    }

    /// The string of already-normalised scalars (UTF-8 encoded directly, no per-scalar appends).
    static func string(fromNormalized scalars: [UInt32]) -> String {
        var byteCount = 0
        for v in scalars where v <= 0x10FFFF && !(0xD800...0xDFFF).contains(v) {
            byteCount += v < 0x80 ? 1 : v < 0x800 ? 2 : v < 0x10000 ? 3 : 4
        }
        return String(unsafeUninitializedCapacity: byteCount) { buffer in
            var i = 0
            for v in scalars where v <= 0x10FFFF && !(0xD800...0xDFFF).contains(v) {
                if v < 0x80 {
                    buffer[i] = UInt8(v); i += 1
                } else if v < 0x800 {
                    buffer[i] = UInt8(0xC0 | (v >> 6)); buffer[i + 1] = UInt8(0x80 | (v & 0x3F)); i += 2
                } else if v < 0x10000 {
                    buffer[i] = UInt8(0xE0 | (v >> 12)); buffer[i + 1] = UInt8(0x80 | ((v >> 6) & 0x3F))
                    buffer[i + 2] = UInt8(0x80 | (v & 0x3F)); i += 3
                } else {
                    buffer[i] = UInt8(0xF0 | (v >> 18)); buffer[i + 1] = UInt8(0x80 | ((v >> 12) & 0x3F))
                    buffer[i + 2] = UInt8(0x80 | ((v >> 6) & 0x3F)); buffer[i + 3] = UInt8(0x80 | (v & 0x3F)); i += 4
                }
            }
            return i
        }
    }

    public static func normalize(_ text: String) -> String {
        string(fromNormalized: scalars(text))
    }

    /// Characters that end a clause: negation and past-tense cues do not reach across them.
    static func isClauseBreak(_ v: UInt32) -> Bool {
        switch v {
        case 0x2C, 0x2E, 0x3B, 0x21, 0x3F, 0x3002, 0xFF0C, 0xFF1B, 0x3A: true   // , . ; ! ? 。 : (full-width already folded)
        default: false
        }
    }

    /// Traditional → simplified for every traditional character with a one-character simplified form, so a call
    /// typed on a traditional-input phone ("有人拿著刀", "觸電", "綁架") meets the same rules as simplified text.
    static let traditionalToSimplified: [UInt32: UInt32] = {
        let pairs = traditionalPairs
        var table: [UInt32: UInt32] = [:]
        let chars = Array(pairs.unicodeScalars.filter { $0.value > 0x7F })
        var i = 0
        while i + 1 < chars.count {
            if chars[i] != chars[i + 1] { table[chars[i].value] = chars[i + 1].value }
            i += 2
        }
        return table
    }()

    /// `traditionalToSimplified` as a flat table from its smallest key (0 = unchanged): no hashing per scalar.
    static let simplifiedBase: UInt32 = traditionalToSimplified.keys.min() ?? 0
    static let simplifiedTable: [UInt32] = {
        guard let high = traditionalToSimplified.keys.max() else { return [] }
        var table = [UInt32](repeating: 0, count: Int(high - simplifiedBase) + 1)
        for (from, to) in traditionalToSimplified { table[Int(from - simplifiedBase)] = to }
        return table
    }()
}
