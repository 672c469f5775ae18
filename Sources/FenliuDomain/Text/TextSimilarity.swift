/// Character-bigram Dice coefficient: robust for short Chinese texts where word segmentation is unavailable.
public enum TextSimilarity {
    public static func bigrams(_ scalars: [UInt32]) -> Set<UInt64> {
        guard scalars.count > 1 else { return Set(scalars.map { UInt64($0) }) }
        var set = Set<UInt64>()
        for i in 0..<(scalars.count - 1) { set.insert(UInt64(scalars[i]) << 32 | UInt64(scalars[i + 1])) }
        return set
    }

    /// 0…1; 1 for identical bigram sets.
    public static func dice(_ a: String, _ b: String) -> Double {
        dice(signature(a), signature(b))
    }

    /// A text's bigrams as a sorted array without repeats: computed once per text, compared by merging.
    public static func signature(_ text: String) -> [UInt64] {
        signature(normalizedScalars: TextNormalizer.scalars(text))
    }

    /// The same from text already normalised by `TextNormalizer.scalars` (normalising is idempotent, so a call
    /// classified once need not be normalised again for its signature).
    public static func signature(normalizedScalars scalars: [UInt32]) -> [UInt64] {
        var grams: [UInt64]
        if scalars.count > 1 {
            grams = (0..<(scalars.count - 1)).map { UInt64(scalars[$0]) << 32 | UInt64(scalars[$0 + 1]) }
        } else {
            grams = scalars.map { UInt64($0) }
        }
        grams.sort()
        var unique: [UInt64] = []
        unique.reserveCapacity(grams.count)
        for g in grams where unique.last != g { unique.append(g) }
        return unique
    }

    /// Dice coefficient of two signatures (sorted, without repeats).
    public static func dice(_ x: [UInt64], _ y: [UInt64]) -> Double {
        guard !x.isEmpty || !y.isEmpty else { return 1 }
        var i = 0, j = 0, common = 0
        while i < x.count && j < y.count {
            if x[i] == y[j] { common += 1; i += 1; j += 1 } else if x[i] < y[j] { i += 1 } else { j += 1 }
        }
        return 2 * Double(common) / Double(x.count + y.count)
    }
}
