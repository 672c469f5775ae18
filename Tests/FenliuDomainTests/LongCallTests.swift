import Foundation
import Testing
@testable import FenliuDomain

/// A call's text may be up to 2,000 characters (a long speech-to-text transcript). Such a call has thousands of hits,
/// and passes over every position per regex or over every pair of hits cost it milliseconds on the event loop. Long
/// calls take indexed paths instead; these tests hold them to the same answers as the plain passes.
@Suite struct LongCallTests {
    /// Every corpus text once, in file order.
    static let corpusTexts: [String] = {
        let fixtures = Fixture.packageRoot + "/Tests/FenliuDomainTests/Fixtures"
        let files = (try? FileManager.default.contentsOfDirectory(atPath: fixtures))?.filter { $0.hasSuffix(".jsonl") }.sorted() ?? []
        return files.flatMap { (try? Corpus.load(path: fixtures + "/" + $0).calls.map(\.text)) ?? [] }
    }()

    /// Long texts made of corpus texts joined with varied separators, so that cues, context words, quotes and clause
    /// breaks fall near each other as they do in a transcript. Deterministic: the same texts on every run.
    static let longTexts: [String] = {
        var generator = SplitMix64(seed: 0x5EED_1011)
        let separators = ["。", "，", " ", "！", "", "\"", "？"]
        let lengths = [256, 300, 700, 1_200, 2_000]
        return (0..<120).map { i in
            var text = ""
            let length = lengths[i % lengths.count]
            while text.count < length {
                text += corpusTexts[Int(generator.next() % UInt64(corpusTexts.count))]
                text += separators[Int(generator.next() % UInt64(separators.count))]
            }
            return String(text.prefix(length))
        }
    }()

    @Test func theCorpusAndTheLongTextsAreThere() {
        #expect(Self.corpusTexts.count > 3_000)
        #expect(Self.longTexts.count == 120)
        #expect(Self.longTexts.allSatisfy { TextNormalizer.scalars($0).count >= 200 })
    }

    @Test func anIndexedTextGivesEachRegexTheMatchesOfAPassOverEveryPosition() throws {
        let regexes = Fixture.engine.matcher.rules.flatMap(\.regexes).compactMap(\.scalarRegex)
        #expect(regexes.count > 500)
        var compared = 0, found = 0, indexed = 0
        for text in Self.longTexts + Self.corpusTexts.prefix(300) {
            let scalars = TextNormalizer.scalars(text)
            var scratch = ScalarRegex.Scratch(for: scalars, indexFrom: 0)
            for regex in regexes {
                let everyPosition = regex.matches(in: scalars).map { [$0.start, $0.end] }
                let viaIndex = regex.matches(in: scalars, scratch: &scratch).map { [$0.start, $0.end] }
                #expect(viaIndex == everyPosition, "a regex of the shipped rules on a text of \(scalars.count) scalars")
                compared += 1
                found += viaIndex.count
                if regex.firstScalars != nil { indexed += 1 }
            }
        }
        #expect(compared > 100_000)
        #expect(found > 1_000, "the comparison must include texts where the regexes match")
        #expect(indexed > compared / 2, "most regexes begin with a few scalars and take the indexed path")
    }

    @Test func matchesThroughTheIndexStayLeftmostAndNonOverlapping() throws {
        func starts(_ pattern: String, _ text: String) throws -> [[Int]] {
            let regex = try #require(ScalarRegex(pattern: pattern))
            let scalars = Array(text.unicodeScalars.map(\.value))
            var scratch = ScalarRegex.Scratch(for: scalars, indexFrom: 0)
            return regex.matches(in: scalars, scratch: &scratch).map { [$0.start, $0.end] }
        }
        #expect(try starts("打打", "打打打打打") == [[0, 2], [2, 4]])
        #expect(try starts("(被|让)?[人他]打", "他打人打被人打") == [[0, 2], [2, 4], [4, 7]])
        #expect(try starts("刀", "刀在前面也在后面刀") == [[0, 1], [8, 9]])
        #expect(try starts("火", "没有这个字") == [])
        #expect(try starts("着火|冒烟", "冒烟了，后来着火") == [[0, 2], [6, 8]])
    }

    @Test func aLongCallIsJudgedAsTheShortCallPathsWouldJudgeIt() {
        let shipped = Fixture.engine.matcher
        func matcher(longThreshold: Int) -> RuleMatcher {
            RuleMatcher(rules: shipped.rules, cues: shipped.cues, negationWindow: shipped.negationWindow,
                        pastWindow: shipped.pastWindow, longThreshold: longThreshold)
        }
        let alwaysLong = matcher(longThreshold: 0), neverLong = matcher(longThreshold: .max)
        var fired = 0, invalid = 0
        for text in Self.longTexts + Self.corpusTexts {
            let long = alwaysLong.evaluate(text), plain = neverLong.evaluate(text)
            #expect(long.fired == plain.fired, "\(text.count) characters")
            #expect(long.invalidNote == plain.invalidNote)
            fired += long.fired.count
            if long.invalidNote != nil { invalid += 1 }
        }
        #expect(fired > 10_000, "the texts must fire many rules for the comparison to mean anything")
        #expect(invalid > 10)
    }

    @Test func theShippedMatcherTakesTheLongPathsFromTheirThreshold() {
        #expect(Fixture.engine.matcher.longThreshold == ScalarRegex.ScalarPositions.minimumLength)
        let long = TextNormalizer.scalars(Self.longTexts[4])
        #expect(long.count >= ScalarRegex.ScalarPositions.minimumLength)
        #expect(ScalarRegex.Scratch(for: long).isIndexed)
        #expect(!ScalarRegex.Scratch(for: Array(long.prefix(40))).isIndexed)
    }
}
