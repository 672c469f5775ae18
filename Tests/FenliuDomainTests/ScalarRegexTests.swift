import Foundation
import Testing
@testable import FenliuDomain

/// The rules' regular expressions run on `ScalarRegex` when they are within its subset, and on ICU
/// (NSRegularExpression) otherwise; the two must find the same matches, or a rule would fire differently depending
/// on which engine ran it.
@Suite struct ScalarRegexTests {
    /// Every shipped regex against every text of every corpus, and against each text with its start cut off (so
    /// matches begin at other offsets).
    @Test func scalarMatcherFindsWhatICUFindsOnEveryCorpusText() throws {
        let fixtures = Fixture.packageRoot + "/Tests/FenliuDomainTests/Fixtures"
        var texts: [String] = []
        for file in try FileManager.default.contentsOfDirectory(atPath: fixtures) where file.hasSuffix(".jsonl") {
            texts += try Corpus.load(path: fixtures + "/" + file).calls.map(\.text)
        }
        #expect(texts.count > 1000)
        let regexes = Fixture.engine.matcher.rules.flatMap(\.regexes)
        let scalar = regexes.filter { $0.scalarRegex != nil }
        #expect(scalar.count > 100, "most rule regexes should run on the scalar matcher")
        #expect(scalar.count == regexes.count, "on ICU: \(regexes.filter { $0.scalarRegex == nil }.map(\.source))")
        var compared = 0, found = 0
        for raw in texts {
            let normalized = TextNormalizer.normalize(raw)
            let scalars = TextNormalizer.scalars(raw)
            for text in [scalars, Array(scalars.dropFirst(3))] {
                let string = TextNormalizer.string(fromNormalized: text)
                for regex in scalar {
                    let fast = regex.scalarRegex!.matches(in: text).map { [$0.start, $0.end] }
                    let icu = regex.matches(in: string).map { [$0.start, $0.end] }
                    #expect(fast == icu, "\(regex.source) on a text of \(normalized.count) characters")
                    compared += 1
                    found += fast.count
                }
            }
        }
        #expect(compared > 100_000)
        #expect(found > 100, "the comparison must include texts where the regexes match")
    }

    @Test func aMatchCanBeginOnlyWithAScalarItsPatternStartsWith() throws {
        let regex = try #require(ScalarRegex(pattern: "(被|让)?[人他]{1,2}(打|骂)"))
        #expect(regex.firstScalars.map(Set.init) == Set("被让人他".unicodeScalars.map(\.value)))
        #expect(regex.matches(in: Array("昨天被人打了，他骂我".unicodeScalars.map(\.value))).map(\.start) == [2, 7])
        // A negated set can begin with nearly anything: no first-scalar filter, still correct.
        let open = try #require(ScalarRegex(pattern: "[^，]{0,3}刀"))
        #expect(open.firstScalars == nil)
        #expect(open.matches(in: Array("他拿刀".unicodeScalars.map(\.value))).map(\.start) == [0])
    }

    @Test func negativeLookaheadRefusesWhatFollowsAndConsumesNothing() throws {
        func starts(_ pattern: String, _ text: String) throws -> [Int] {
            try #require(ScalarRegex(pattern: pattern)).matches(in: Array(text.unicodeScalars.map(\.value))).map(\.start)
        }
        #expect(try starts("大架(?!子)", "搭了个大架子") == [])
        #expect(try starts("大架(?!子)", "两个人在大架了") == [4])
        // Inside a repetition, as the gas rule uses it: the gap stops before a refused scalar.
        #expect(try starts("灶(?:(?![没无])[^，。,]){0,4}味", "灶台有味") == [0])
        #expect(try starts("灶(?:(?![没无])[^，。,]){0,4}味", "灶台没味") == [])
        // A pattern that is only a lookahead could match the empty string: outside the subset.
        #expect(ScalarRegex(pattern: "(?!a)") == nil)
    }
}
