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
    /// n-gram → its occurrences per class, as flattened (class index into `classes`, count) pairs in class order,
    /// classes that never saw it left out. Sparse because most n-grams occur in one or two classes: dense rows of
    /// 20 counts made the file and its decoding several times larger.
    public var features: [String: [Int]]

    public struct Prediction: Sendable, Equatable {
        public var category: Category
        public var probability: Double
        /// Probability per category, for callers that need the best police category.
        public var probabilities: [Category: Double]
    }

    public init(id: String, ngramMin: Int, ngramMax: Int, alpha: Double, classes: [String], documentCounts: [Int],
                features: [String: [Int]]) {
        self.id = id
        self.ngramMin = ngramMin
        self.ngramMax = ngramMax
        self.alpha = alpha
        self.classes = classes
        self.documentCounts = documentCounts
        self.features = features
    }

    static func ngrams(_ text: String, min: Int, max: Int) -> [String] {
        // Punctuation carries no class information and only dilutes the counts.
        let scalars = TextNormalizer.scalars(text).filter(NgramKey.isFeatureScalar)
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
        if let syntax = DomainConfigError.jsonSyntax(file: path, bytes: Array(data)) { throw syntax }
        do {
            let model = try JSONDecoder().decode(TextModel.self, from: data)
            guard model.alpha > 0 else { throw DomainConfigError(file: path, message: "alpha must be above 0") }
            guard model.ngramMin >= 1, model.ngramMin <= model.ngramMax, model.ngramMax <= CompiledTextModel.maxNgram else {
                throw DomainConfigError(file: path, message: "n-gram sizes must be within 1…\(CompiledTextModel.maxNgram)")
            }
            guard model.documentCounts.count == model.classes.count else {
                throw DomainConfigError(file: path, message: "documentCounts does not match the class list")
            }
            let k = model.classes.count
            for (gram, pairs) in model.features {
                var valid = !pairs.isEmpty && pairs.count % 2 == 0
                var previous = -1
                for i in stride(from: 0, to: valid ? pairs.count : 0, by: 2) {
                    let (c, count) = (pairs[i], pairs[i + 1])
                    valid = valid && c > previous && c < k && count > 0
                    previous = c
                }
                guard valid else {
                    throw DomainConfigError(file: path, message: "features[\"\(gram)\"] must be (class index, count > 0) pairs in class order")
                }
            }
            return (model, data)
        } catch let error as DomainConfigError {
            throw error
        } catch let error as DecodingError {
            throw DomainConfigError.json(file: path, bytes: Array(data), decodingError: error)
        } catch {
            throw DomainConfigError(file: path, message: "invalid model JSON: \(error)")
        }
    }
}

/// The model compiled once at load into a sparse table keyed by packed scalars.
///
/// A class's log-likelihood of an n-gram it never saw in training is the same for every such n-gram, so only the
/// classes that saw an n-gram are stored, as the lift over that constant: about 1.6 entries per n-gram instead of
/// one per class, which keeps a model trained on thousands of calls near 1 MiB in memory.
public struct CompiledTextModel: Sendable {
    public let id: String
    let ngramMin: Int
    let ngramMax: Int
    let categories: [Category?]
    let logPrior: [Double]
    /// log P(n-gram | class) for an n-gram of the vocabulary the class never saw.
    let unseenLogLikelihood: [Double]
    /// Open addressing on packed keys (0 = empty); `rows[slot]` indexes `rowStart`.
    let keys: [UInt64]
    let rows: [Int32]
    let capacity: Int
    /// Row `r`'s entries are `entries[rowStart[r] ..< rowStart[r + 1]]`.
    let rowStart: [Int32]
    let entries: [Entry]

    struct Entry: Sendable {
        var classIndex: Int32
        /// log((count + alpha) / alpha): what the class's count adds over an unseen n-gram.
        var lift: Double
    }

    /// Models with n-grams longer than a key holds cannot be packed; `TextModel.load` refuses them.
    static let maxNgram = NgramKey.maxScalars

    public init(_ model: TextModel) {
        id = model.id
        ngramMin = max(1, model.ngramMin)
        ngramMax = min(Self.maxNgram, model.ngramMax)
        categories = model.classes.map { Category(rawValue: $0) }
        let k = model.classes.count
        var totals = [Int](repeating: 0, count: k)
        for pairs in model.features.values {
            for i in stride(from: 0, to: pairs.count - 1, by: 2) where (0..<k).contains(pairs[i]) { totals[pairs[i]] += pairs[i + 1] }
        }
        let vocabulary = Double(model.features.count)
        let documents = Double(model.documentCounts.reduce(0, +))
        logPrior = (0..<k).map { log((Double(model.documentCounts[$0]) + 1) / (documents + Double(k))) }
        unseenLogLikelihood = (0..<k).map { log(model.alpha / (Double(totals[$0]) + model.alpha * vocabulary)) }

        // Load factor at most 1/2: most n-grams of a call are not in the vocabulary, and a miss probes until an empty
        // slot. Any capacity will do (`NgramKey.slot(_:capacity:)`), so the table grows with the vocabulary.
        let capacity = NgramKey.capacity(for: model.features.count, loadNumerator: 1, loadDenominator: 2)
        var keys = [UInt64](repeating: 0, count: capacity)
        var rows = [Int32](repeating: 0, count: capacity)
        var rowStart: [Int32] = [0]
        var entries: [Entry] = []
        rowStart.reserveCapacity(model.features.count + 1)
        // Sorted, so the table's layout does not depend on the dictionary's order.
        for gram in model.features.keys.sorted() {
            let scalars = gram.unicodeScalars.map(\.value)
            guard (1...Self.maxNgram).contains(scalars.count), let pairs = model.features[gram] else { continue }
            let key = NgramKey.pack(scalars)
            var i = NgramKey.slot(key, capacity: capacity)
            while keys[i] != 0 && keys[i] != key {
                i += 1
                if i == capacity { i = 0 }
            }
            guard keys[i] == 0 else { continue }
            keys[i] = key
            rows[i] = Int32(rowStart.count - 1)
            for j in stride(from: 0, to: pairs.count - 1, by: 2) where (0..<k).contains(pairs[j]) && pairs[j + 1] > 0 {
                entries.append(Entry(classIndex: Int32(pairs[j]), lift: log((Double(pairs[j + 1]) + model.alpha) / model.alpha)))
            }
            rowStart.append(Int32(entries.count))
        }
        self.keys = keys
        self.rows = rows
        self.capacity = capacity
        self.rowStart = rowStart
        self.entries = entries
    }

    @inline(__always) func row(_ key: UInt64) -> Int? {
        var i = NgramKey.slot(key, capacity: capacity)
        while true {
            let k = keys[i]
            if k == key { return Int(rows[i]) }
            if k == 0 { return nil }
            i += 1
            if i == capacity { i = 0 }
        }
    }

    public func predict(_ text: String) -> TextModel.Prediction? {
        predict(normalized: TextNormalizer.scalars(text))
    }

    /// `normalized` is `TextNormalizer.scalars` of the call text (the rule matcher's normalised text).
    public func predict(normalized: [UInt32]) -> TextModel.Prediction? {
        guard !categories.isEmpty else { return nil }
        var scores = logPrior
        let filtered = normalized.filter(NgramKey.isFeatureScalar)
        var known = 0
        for n in ngramMin...ngramMax where filtered.count >= n {
            for i in 0...(filtered.count - n) {
                guard let r = row(NgramKey.pack(filtered[i..<(i + n)])) else { continue }
                known += 1
                for e in entries[Int(rowStart[r])..<Int(rowStart[r + 1])] { scores[Int(e.classIndex)] += e.lift }
            }
        }
        for c in scores.indices { scores[c] += Double(known) * unseenLogLikelihood[c] }
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
