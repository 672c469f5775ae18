import Foundation
import Testing
@testable import FenliuDomain

/// The models' open-addressing tables take any capacity, so they grow with the vocabulary instead of doubling.
@Suite struct NgramTableTests {
    /// Keys as the models make them: one to three scalars of up to 21 bits, including the largest.
    static let keys: [UInt64] = {
        var keys: [UInt64] = [1, NgramKey.pack([0x10FFFF, 0x10FFFF, 0x10FFFF]), NgramKey.pack([0x4E00]),
                              NgramKey.pack([0x4E00, 0x4E01]), NgramKey.pack([0x61, 0x62, 0x63])]
        // 2,000 more, the same on every run (SplitMix64), in the models' 63-bit key space.
        var generator = SplitMix64(seed: 0x5EED)
        for _ in 0..<2_000 { keys.append(max(1, generator.next() >> 1)) }
        return keys
    }()

    @Test(arguments: [16, 17, 1_000, 43_262, 129_407, 131_072, 1 << 20])
    func everyKeyLandsInsideTheTable(capacity: Int) {
        for key in Self.keys {
            let slot = NgramKey.slot(key, capacity: capacity)
            #expect((0..<capacity).contains(slot), "key \(key) → slot \(slot) of \(capacity)")
        }
    }

    @Test func slotsSpreadOverTheWholeTable() {
        // 2,005 keys over 64 buckets of a 6,400-slot table: every bucket is hit, none takes a quarter.
        let capacity = 6_400
        var buckets = [Int](repeating: 0, count: 64)
        for key in Self.keys { buckets[NgramKey.slot(key, capacity: capacity) * 64 / capacity] += 1 }
        #expect(buckets.allSatisfy { $0 > 0 })
        #expect(buckets.max()! < Self.keys.count / 4)
    }

    @Test(arguments: [(0, 4, 5), (1, 4, 5), (100_000, 4, 5), (104_858, 4, 5), (34_609, 1, 2), (7, 1, 2)])
    func theCapacityKeepsTheLoadFactorAndAnEmptySlot(count: Int, numerator: Int, denominator: Int) {
        let capacity = NgramKey.capacity(for: count, loadNumerator: numerator, loadDenominator: denominator)
        #expect(capacity > count)
        #expect(count * denominator <= capacity * numerator)
        // Grows in steps, not by doubling: never more than a few slots above the load limit.
        #expect(capacity <= max(16, count * denominator / numerator + 2))
    }

    /// The compiled table, at the odd capacity a real vocabulary gives it, sums exactly the log-likelihood ratios
    /// of the call's distinct known n-grams, as the textbook formula over the trained counts does.
    @Test func thePoliceModelsTableGivesTheTextbookProbability() throws {
        let calls = try Corpus.loadDistinct(paths: [Fixture.corpusPath]).calls
        let model = PoliceModel.train(calls.map { (text: $0.text, police: $0.label.police) }, id: "t")
        let compiled = CompiledPoliceModel(model)
        let vocabulary = Double(model.features.count)
        let totalPolice = Double(model.features.values.reduce(0) { $0 + $1.police })
        let totalNot = Double(model.features.values.reduce(0) { $0 + $1.notPolice })
        let a = model.alpha
        for text in calls.prefix(60).map(\.text) + ["今天天气不错xyz", "?"] {
            var logit = log((Double(model.documents.police) + 1) / (Double(model.documents.notPolice) + 1))
            for key in PoliceModel.gramKeys(normalized: TextNormalizer.scalars(text)) {
                guard let counts = model.features[PoliceModel.unpack(key)] else { continue }
                logit += log((Double(counts.police) + a) / (totalPolice + a * vocabulary))
                    - log((Double(counts.notPolice) + a) / (totalNot + a * vocabulary))
            }
            let expected = 1 / (1 + exp(-logit))
            #expect(abs(compiled.policeProbability(text) - expected) < 1e-9, "\(text)")
        }
    }
}
