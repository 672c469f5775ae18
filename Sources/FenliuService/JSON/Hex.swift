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
}
