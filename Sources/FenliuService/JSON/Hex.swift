import FenliuHTTP

enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    static func encode<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `byteCount` bytes from the kernel's CSPRNG as hex (buffered: one getrandom(2) per 4 KiB, not per 8 bytes).
    static func random(byteCount: Int) -> String {
        encode(RandomBytes.take(byteCount))
    }

    /// Appends `byteCount` random bytes as hex.
    static func appendRandom(byteCount: Int, to out: inout [UInt8]) {
        for b in RandomBytes.take(byteCount) {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0f)])
        }
    }

    /// Appends `value` in lowercase hex, zero-padded to at least `minimumDigits` digits, so equal-width stamps sort
    /// as text in numeric order.
    static func appendFixedWidth(_ value: UInt64, minimumDigits: Int, to out: inout [UInt8]) {
        let significant = max(1, (64 - value.leadingZeroBitCount + 3) / 4)
        for shift in stride(from: (max(significant, minimumDigits) - 1) * 4, through: 0, by: -4) {
            out.append(digits[Int(truncatingIfNeeded: (shift < 64 ? value >> UInt64(shift) : 0) & 0x0f)])
        }
    }
}
