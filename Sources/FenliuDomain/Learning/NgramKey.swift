/// What both learned models read of a call, and how they key it: the ideographs, digits and lower-case letters of the
/// normalised text, in n-grams of up to three scalars packed into one integer, looked up in open-addressing tables.
enum NgramKey {
    /// The longest n-gram a key holds.
    static let maxScalars = 3

    /// Ideographs, digits and Latin letters. Punctuation carries no class information.
    @inline(__always) static func isFeatureScalar(_ v: UInt32) -> Bool {
        v >= 0x3400 || (0x30...0x39).contains(v) || (0x61...0x7A).contains(v)
    }

    /// How many feature scalars a normalised text has: the models' measure of a call's length.
    static func featureCount(_ normalized: [UInt32]) -> Int {
        normalized.reduce(0) { $0 + (isFeatureScalar($1) ? 1 : 0) }
    }

    /// Up to three scalars (each non-zero, < 2^21) in one key; keys of different lengths cannot collide.
    @inline(__always) static func pack<C: Collection>(_ scalars: C) -> UInt64 where C.Element == UInt32 {
        scalars.reduce(0) { ($0 << 21) | UInt64($1) }
    }

    /// The first slot to probe for `key` in a table of `mask + 1` slots (a power of two).
    @inline(__always) static func slot(_ key: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 29) & mask
    }

    /// The first slot to probe for `key` in a table of any size: the hash's high bits scaled to `capacity`
    /// (multiply-shift range reduction). The models' tables use it so they grow with the vocabulary in small steps;
    /// a power-of-two table doubles (2 MiB more for the police model) when a few n-grams cross its load limit.
    @inline(__always) static func slot(_ key: UInt64, capacity: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15).multipliedFullWidth(by: UInt64(capacity)).high)
    }

    /// The capacity of an open-addressing table for `count` keys at a load factor of at most `numerator/denominator`.
    static func capacity(for count: Int, loadNumerator: Int, loadDenominator: Int) -> Int {
        max(16, (count * loadDenominator + loadNumerator - 1) / loadNumerator + 1)
    }
}
