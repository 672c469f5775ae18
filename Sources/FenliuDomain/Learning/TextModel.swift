import Foundation

/// Multinomial naive Bayes over character n-grams of the normalised text. Stored as raw counts
/// (config/model.json) so training is exactly reproducible and the file diffs cleanly.
public struct TextModel: Sendable, Codable, Equatable {
    public var id: String
    public var ngramMin: Int
    public var ngramMax: Int
    public var alpha: Double
    /// Category raw values, sorted.
    public var classes: [String]
    public var documentCounts: [Int]
    /// n-gram → occurrences per class (same order as `classes`).
    public var featureCounts: [String: [Int]]

    public struct Prediction: Sendable, Equatable {
        public var category: Category
        public var probability: Double
        /// Probability per category, for callers that need the best police category.
        public var probabilities: [Category: Double]
    }

    public init(id: String, ngramMin: Int, ngramMax: Int, alpha: Double, classes: [String], documentCounts: [Int],
                featureCounts: [String: [Int]]) {
        self.id = id
        self.ngramMin = ngramMin
        self.ngramMax = ngramMax
        self.alpha = alpha
        self.classes = classes
        self.documentCounts = documentCounts
        self.featureCounts = featureCounts
    }

    static func ngrams(_ text: String, min: Int, max: Int) -> [String] {
        // Punctuation carries no class information and only dilutes the counts.
        let scalars = TextNormalizer.scalars(text).filter { $0 >= 0x3400 || (0x30...0x39).contains($0) || (0x61...0x7A).contains($0) }
        var out: [String] = []
        for n in min...max where scalars.count >= n {
            for i in 0...(scalars.count - n) {
                out.append(String(String.UnicodeScalarView(scalars[i..<(i + n)].compactMap(Unicode.Scalar.init))))
            }
        }
        return out
    }

    /// Convenience for tools; the engine keeps a `CompiledTextModel`.
    public func predict(_ text: String) -> Prediction? { CompiledTextModel(self).predict(text) }

    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(self)
    }

    public static func load(path: String) throws -> (TextModel, Data) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DomainConfigError(file: path, message: "cannot read model")
        }
        do {
            let model = try JSONDecoder().decode(TextModel.self, from: data)
            guard model.documentCounts.count == model.classes.count,
                  model.featureCounts.values.allSatisfy({ $0.count == model.classes.count }) else {
                throw DomainConfigError(file: path, message: "model arrays do not match the class list")
            }
            return (model, data)
        } catch let error as DomainConfigError {
            throw error
        } catch {
            throw DomainConfigError(file: path, message: "invalid model JSON: \(error)")
        }
    }
}

/// Log-probability tables precomputed once at load, so prediction is one dictionary lookup per n-gram.
public struct CompiledTextModel: Sendable {
    public let id: String
    let ngramMin: Int
    let ngramMax: Int
    let categories: [Category?]
    let logPrior: [Double]
    let logLikelihood: [String: [Double]]
    /// The same table keyed by packed scalars, when every n-gram is short and made of scalars whose String equality
    /// is plain scalar equality (so lookups give exactly what the String-keyed table gives).
    let packed: PackedTable?

    struct PackedTable: Sendable {
        var keys: [UInt64]          // open addressing, 0 = empty
        var rows: [Int32]
        var mask: Int
        /// Row `r` is `likelihood[r * k ..< (r + 1) * k]`.
        var likelihood: [Double]

        @inline(__always) static func slot(_ key: UInt64, _ mask: Int) -> Int {
            Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 29) & mask
        }

        func row(_ key: UInt64) -> Int? {
            var i = Self.slot(key, mask)
            while true {
                let k = keys[i]
                if k == key { return Int(rows[i]) }
                if k == 0 { return nil }
                i = (i + 1) & mask
            }
        }
    }

    /// Scalars that never take part in Unicode normalisation (CJK unified ideographs, ASCII digits and letters).
    @inline(__always) static func isInert(_ v: UInt32) -> Bool {
        (0x4E00...0x9FFF).contains(v) || (0x3400...0x4DBF).contains(v) || (0x30...0x39).contains(v) || (0x61...0x7A).contains(v)
    }

    /// Up to three scalars (each non-zero, < 2^21) packed into a unique non-zero key.
    @inline(__always) static func pack<C: Collection>(_ scalars: C) -> UInt64 where C.Element == UInt32 {
        scalars.reduce(0) { ($0 << 21) | UInt64($1) }
    }

    public init(_ model: TextModel) {
        id = model.id
        ngramMin = model.ngramMin
        ngramMax = model.ngramMax
        categories = model.classes.map { Category(rawValue: $0) }
        let k = model.classes.count
        let totals = (0..<k).map { c in model.featureCounts.values.reduce(0) { $0 + $1[c] } }
        let vocabulary = Double(model.featureCounts.count)
        let documents = Double(model.documentCounts.reduce(0, +))
        logPrior = (0..<k).map { log((Double(model.documentCounts[$0]) + 1) / (documents + Double(k))) }
        logLikelihood = model.featureCounts.mapValues { counts in
            (0..<k).map { c in log((Double(counts[c]) + model.alpha) / (Double(totals[c]) + model.alpha * vocabulary)) }
        }
        packed = Self.packedTable(logLikelihood, k: k, ngramMin: model.ngramMin, ngramMax: model.ngramMax)
    }

    static func packedTable(_ table: [String: [Double]], k: Int, ngramMin: Int, ngramMax: Int) -> PackedTable? {
        guard ngramMin >= 1, ngramMax <= 3, ngramMin <= ngramMax, k > 0 else { return nil }
        var capacity = 16
        while capacity < table.count * 2 { capacity *= 2 }
        var result = PackedTable(keys: [UInt64](repeating: 0, count: capacity), rows: [Int32](repeating: 0, count: capacity),
                                 mask: capacity - 1, likelihood: [])
        for (gram, row) in table {
            let scalars = gram.unicodeScalars.map(\.value)
            // A key the String table could match through canonical equivalence: keep the String path.
            guard scalars.allSatisfy(isInert), row.count == k else { return nil }
            guard (1...3).contains(scalars.count) else { continue }     // never produced by `ngrams`
            let key = pack(scalars)
            var i = PackedTable.slot(key, result.mask)
            while result.keys[i] != 0 { i = (i + 1) & result.mask }
            result.keys[i] = key
            result.rows[i] = Int32(result.likelihood.count / k)
            result.likelihood += row
        }
        return result
    }

    public func predict(_ text: String) -> TextModel.Prediction? {
        guard !categories.isEmpty else { return nil }
        var scores = logPrior
        let filtered = TextNormalizer.scalars(text).filter { $0 >= 0x3400 || (0x30...0x39).contains($0) || (0x61...0x7A).contains($0) }
        if let packed, filtered.allSatisfy(Self.isInert) {
            // Same n-grams in the same order as `TextModel.ngrams`, so the sums are bit-identical.
            let k = scores.count
            for n in ngramMin...ngramMax where filtered.count >= n {
                for i in 0...(filtered.count - n) {
                    guard let r = packed.row(Self.pack(filtered[i..<(i + n)])) else { continue }
                    for c in 0..<k { scores[c] += packed.likelihood[r * k + c] }
                }
            }
        } else {
            for gram in TextModel.ngrams(text, min: ngramMin, max: ngramMax) {
                guard let row = logLikelihood[gram] else { continue }
                for c in scores.indices { scores[c] += row[c] }
            }
        }
        let best = scores.max() ?? 0
        let exps = scores.map { exp($0 - best) }
        let sum = exps.reduce(0, +)
        var probabilities: [Category: Double] = [:]
        var top: (Category, Double)?
        for (c, category) in categories.enumerated() {
            guard let category else { continue }
            let p = exps[c] / sum
            probabilities[category] = p
            if top == nil || p > top!.1 { top = (category, p) }
        }
        guard let top else { return nil }
        return TextModel.Prediction(category: top.0, probability: top.1, probabilities: probabilities)
    }
}
