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
        let x = bigrams(TextNormalizer.scalars(a)), y = bigrams(TextNormalizer.scalars(b))
        guard !x.isEmpty || !y.isEmpty else { return 1 }
        return 2 * Double(x.intersection(y).count) / Double(x.count + y.count)
    }
}
