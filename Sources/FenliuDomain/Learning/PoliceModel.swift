import Foundation

/// A second opinion on one question only: could this call be a police matter? Naive Bayes over the set of character
/// 1–3-grams of the normalised text, trained on every labelled corpus. It never diverts a call; it can only keep a
/// call the rules would divert with the police (the safety rule: when unsure, it stays police).
///
/// Stored as raw document counts (config/police-model.tsv) so training is exactly reproducible and the file diffs
/// line by line.
public struct PoliceModel: Sendable, Equatable {
    public var id: String
    public var alpha: Double
    /// Training documents labelled not police, and police.
    public var documents: (notPolice: Int, police: Int)
    /// n-gram → in how many documents of each class it occurs.
    public var features: [String: (notPolice: Int, police: Int)]

    public static let ngramMax = 3

    public init(id: String, alpha: Double, documents: (notPolice: Int, police: Int),
                features: [String: (notPolice: Int, police: Int)]) {
        self.id = id
        self.alpha = alpha
        self.documents = documents
        self.features = features
    }

    public static func == (a: PoliceModel, b: PoliceModel) -> Bool {
        a.id == b.id && a.alpha == b.alpha && a.documents == b.documents
            && a.features.count == b.features.count
            && a.features.allSatisfy { key, value in b.features[key].map { $0 == value } ?? false }
    }

    /// Each distinct 1–3-gram once, packed (`NgramKey.pack`), sorted.
    static func gramKeys(normalized: [UInt32]) -> [UInt64] {
        let s = normalized.filter(NgramKey.isFeatureScalar)
        var keys: [UInt64] = []
        keys.reserveCapacity(s.count * ngramMax)
        for n in 1...ngramMax where s.count >= n {
            for i in 0...(s.count - n) { keys.append(NgramKey.pack(s[i..<(i + n)])) }
        }
        keys.sort()
        var unique = 0
        for k in keys where unique == 0 || keys[unique - 1] != k {
            keys[unique] = k
            unique += 1
        }
        keys.removeLast(keys.count - unique)
        return keys
    }

    static func unpack(_ key: UInt64) -> String {
        var scalars: [Unicode.Scalar] = []
        var k = key
        while k != 0 {
            scalars.append(Unicode.Scalar(UInt32(k & 0x1F_FFFF)) ?? "?")
            k >>= 21
        }
        return String(String.UnicodeScalarView(scalars.reversed()))
    }

    /// Deterministic: counts only.
    public static func train(_ examples: [(text: String, police: Bool)], id: String, alpha: Double = 0.5) -> PoliceModel {
        var counts: [UInt64: (notPolice: Int, police: Int)] = [:]
        var documents = (notPolice: 0, police: 0)
        for example in examples {
            if example.police { documents.police += 1 } else { documents.notPolice += 1 }
            for key in gramKeys(normalized: TextNormalizer.scalars(example.text)) {
                var c = counts[key] ?? (0, 0)
                if example.police { c.police += 1 } else { c.notPolice += 1 }
                counts[key] = c
            }
        }
        var features: [String: (notPolice: Int, police: Int)] = [:]
        for (key, c) in counts { features[unpack(key)] = c }
        return PoliceModel(id: id, alpha: alpha, documents: documents, features: features)
    }

    // MARK: - File format

    /// Tab-separated lines: `id`, `alpha`, `documents` (not police, police), then one line per n-gram with its
    /// document counts, sorted by n-gram.
    public func tsv() -> String {
        var out = "# Fenliu police model: naive Bayes over character 1-3-grams (set per call). Written by `fenliu train-police-model`.\n"
        out += "id\t\(id)\nalpha\t\(alpha)\ndocuments\t\(documents.notPolice)\t\(documents.police)\n"
        let ordered = features.map { (scalars: $0.key.unicodeScalars.map(\.value), gram: $0.key, counts: $0.value) }
            .sorted { $0.scalars.lexicographicallyPrecedes($1.scalars) }
        for f in ordered { out += "g\t\(f.gram)\t\(f.counts.notPolice)\t\(f.counts.police)\n" }
        return out
    }

    public static func parse(_ text: String, file: String) throws -> PoliceModel {
        var features: [String: (notPolice: Int, police: Int)] = [:]
        let header = try scan(text, file: file) { gram, _, counts in
            features.updateValue(counts, forKey: gram) == nil
        }
        return PoliceModel(id: header.id, alpha: header.alpha, documents: header.documents, features: features)
    }

    /// Reads the file line by line, handing each n-gram line to `gram` (which returns false for an n-gram it has
    /// already seen), so the engine can build its table without first holding every n-gram as a String.
    static func scan(_ text: String, file: String,
                     gram: (String, [UInt32], (notPolice: Int, police: Int)) throws -> Bool)
        throws -> (id: String, alpha: Double, documents: (notPolice: Int, police: Int)) {
        var id: String?, alpha: Double?, documents: (notPolice: Int, police: Int)?
        // Line by line, without first splitting the whole file into an array of lines: the engine loads this at
        // start, and the peak memory of that load stays with the process.
        var rest = Substring(text)
        var index = -1
        while !rest.isEmpty {
            index += 1
            let end = rest.utf8.firstIndex(of: 0x0A) ?? rest.endIndex
            let line = rest[..<end]
            rest = end == rest.endIndex ? "" : rest[rest.utf8.index(after: end)...]
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", maxSplits: 4, omittingEmptySubsequences: false)
            func fail(_ why: String) -> DomainConfigError {
                DomainConfigError(file: file, message: "line \(index + 1): \(why)")
            }
            switch fields.first {
            case "id" where fields.count == 2: id = String(fields[1])
            case "alpha" where fields.count == 2:
                guard let a = Double(fields[1]), a > 0 else { throw fail("alpha must be a positive number") }
                alpha = a
            case "documents" where fields.count == 3:
                guard let n = Int(fields[1]), let p = Int(fields[2]), n > 0, p > 0 else {
                    throw fail("documents must be two positive counts")
                }
                documents = (n, p)
            case "g" where fields.count == 4:
                let text = String(fields[1])
                let scalars = text.unicodeScalars.map(\.value)
                guard (1...ngramMax).contains(scalars.count), scalars.allSatisfy(NgramKey.isFeatureScalar) else {
                    throw fail("not a 1-3-gram of ideographs, digits or lower-case letters")
                }
                guard let n = Int(fields[2]), let p = Int(fields[3]), n >= 0, p >= 0, n + p > 0 else {
                    throw fail("counts must be non-negative and not both zero")
                }
                guard try gram(text, scalars, (n, p)) else { throw fail("n-gram listed twice") }
            default:
                throw fail("expected id, alpha, documents or g")
            }
        }
        guard let id, !id.isEmpty else { throw DomainConfigError(file: file, message: "missing id") }
        guard let alpha else { throw DomainConfigError(file: file, message: "missing alpha") }
        guard let documents else { throw DomainConfigError(file: file, message: "missing documents") }
        return (id, alpha, documents)
    }

    public static func load(path: String) throws -> (PoliceModel, Data) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DomainConfigError(file: path, message: "cannot read police model")
        }
        return (try parse(String(decoding: data, as: UTF8.self), file: path), data)
    }
}

/// The model as one log-likelihood ratio per n-gram in an open-addressing table, built once at load.
public struct CompiledPoliceModel: Sendable {
    public let id: String
    let logPriorRatio: Double
    /// Key and ratio side by side, so a lookup touches one cache line; key 0 = empty.
    private struct Entry { var key: UInt64; var ratio: Double }
    private let entries: [Entry]

    public init(_ model: PoliceModel) {
        var table = Table(capacityFor: model.features.count)
        for (gram, counts) in model.features { _ = table.insert(NgramKey.pack(gram.unicodeScalars.map(\.value)), counts) }
        self.init(id: model.id, alpha: model.alpha, documents: model.documents, table: table)
    }

    /// Straight from the file: the n-grams are packed into the table as they are read, never held as Strings.
    public static func load(path: String) throws -> (CompiledPoliceModel, Data) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DomainConfigError(file: path, message: "cannot read police model")
        }
        let text = String(decoding: data, as: UTF8.self)
        // The line count bounds the n-gram count, so the table is sized before the first insert.
        let lines = text.utf8.reduce(into: 0) { n, byte in if byte == 0x0A { n += 1 } }
        var table = Table(capacityFor: lines + 1)
        let header = try PoliceModel.scan(text, file: path) { _, scalars, counts in
            table.insert(NgramKey.pack(scalars), counts)
        }
        return (CompiledPoliceModel(id: header.id, alpha: header.alpha, documents: header.documents, table: table), data)
    }

    /// Keys with their document counts while loading; `init` turns the counts into log-likelihood ratios in place.
    struct Table {
        var keys: [UInt64]          // 0 = empty
        var notPolice: [Int32]
        var police: [Int32]
        var count = 0

        init(capacityFor n: Int) {
            // Load factor at most 4/5: linear probing stays short (about 3 probes for a hit, 13 for a miss at the
            // worst). Any capacity will do (`NgramKey.slot(_:capacity:)`), so the table grows with the vocabulary
            // instead of doubling at a power of two: it did at 88,000 and 98,300 n-grams, 2 MiB more each time.
            let capacity = NgramKey.capacity(for: n, loadNumerator: 4, loadDenominator: 5)
            keys = [UInt64](repeating: 0, count: capacity)
            notPolice = [Int32](repeating: 0, count: capacity)
            police = [Int32](repeating: 0, count: capacity)
        }

        /// False when the key is already present.
        mutating func insert(_ key: UInt64, _ counts: (notPolice: Int, police: Int)) -> Bool {
            let capacity = keys.count
            var i = NgramKey.slot(key, capacity: capacity)
            while keys[i] != 0 {
                if keys[i] == key { return false }
                i += 1
                if i == capacity { i = 0 }
            }
            keys[i] = key
            notPolice[i] = Int32(clamping: counts.notPolice)
            police[i] = Int32(clamping: counts.police)
            count += 1
            return true
        }
    }

    init(id: String, alpha a: Double, documents: (notPolice: Int, police: Int), table: Table) {
        self.id = id
        logPriorRatio = log((Double(documents.police) + 1) / (Double(documents.notPolice) + 1))
        let totalPolice = Double(table.police.reduce(0) { $0 + Int($1) })
        let totalNot = Double(table.notPolice.reduce(0) { $0 + Int($1) })
        let vocabulary = Double(table.count)
        var entries = [Entry](repeating: Entry(key: 0, ratio: 0), count: table.keys.count)
        for i in table.keys.indices where table.keys[i] != 0 {
            entries[i] = Entry(key: table.keys[i], ratio: log((Double(table.police[i]) + a) / (totalPolice + a * vocabulary))
                - log((Double(table.notPolice[i]) + a) / (totalNot + a * vocabulary)))
        }
        self.entries = entries
    }

    /// P(police | text), from text already normalised by `TextNormalizer.scalars`.
    public func policeProbability(normalized: [UInt32]) -> Double {
        var logit = logPriorRatio
        var s: [UInt32] = []
        s.reserveCapacity(normalized.count)
        for v in normalized where NgramKey.isFeatureScalar(v) { s.append(v) }
        // Each distinct n-gram counts once: a small local set of the keys already summed.
        var seenCapacity = 16
        while seenCapacity < s.count * PoliceModel.ngramMax * 2 { seenCapacity *= 2 }
        var seen = [UInt64](repeating: 0, count: seenCapacity)
        let seenMask = seenCapacity - 1
        let capacity = entries.count
        entries.withUnsafeBufferPointer { table in
            for n in 1...PoliceModel.ngramMax where s.count >= n {
                for start in 0...(s.count - n) {
                    var key: UInt64 = 0
                    for j in start..<(start + n) { key = (key << 21) | UInt64(s[j]) }
                    var h = NgramKey.slot(key, seenMask)
                    var repeated = false
                    while seen[h] != 0 {
                        if seen[h] == key { repeated = true; break }
                        h = (h + 1) & seenMask
                    }
                    if repeated { continue }
                    seen[h] = key
                    var i = NgramKey.slot(key, capacity: capacity)
                    while table[i].key != 0 {
                        if table[i].key == key { logit += table[i].ratio; break }
                        i += 1
                        if i == capacity { i = 0 }
                    }
                }
            }
        }
        return 1 / (1 + exp(-logit))
    }

    public func policeProbability(_ text: String) -> Double {
        policeProbability(normalized: TextNormalizer.scalars(text))
    }
}
