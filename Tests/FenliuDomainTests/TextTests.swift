import Testing
@testable import FenliuDomain

@Suite struct TextNormalizerTests {
    @Test func foldsFullWidthCaseAndSpacing() {
        #expect(TextNormalizer.normalize("ＫＴＶ 门口　１２３，Ａｂ") == "ktv门口123,ab")
    }

    @Test func foldsCommonTraditionalCharacters() {
        #expect(TextNormalizer.normalize("有人受傷，報警") == "有人受伤,报警")
        #expect(TextNormalizer.normalize("蘇溪鎮") == "苏溪镇")
    }

    @Test func foldsQuotes() {
        #expect(TextNormalizer.normalize("称“有人被困”") == "称\"有人被困\"")
    }
}

@Suite struct PatternAutomatonTests {
    @Test func findsOverlappingMatches() {
        let patterns = ["he", "she", "his", "hers"].map(TextNormalizer.scalars)
        let found = PatternAutomaton(patterns: patterns).matches(in: TextNormalizer.scalars("ushers"))
        #expect(found.map(\.pattern).sorted() == [0, 1, 3])
        #expect(found.contains(PatternAutomaton.Match(pattern: 1, start: 1, end: 4)))
    }

    @Test func matchesChineseAtScalarOffsets() {
        let automaton = PatternAutomaton(patterns: ["受伤", "有人受伤", "伤"].map(TextNormalizer.scalars))
        let found = automaton.matches(in: TextNormalizer.scalars("现场有人受伤了"))
        #expect(Set(found.map(\.pattern)) == [0, 1, 2])
        #expect(found.first { $0.pattern == 1 }?.start == 2)
        #expect(found.first { $0.pattern == 0 }?.end == 6)
    }

    @Test func emptyAutomatonMatchesNothing() {
        #expect(PatternAutomaton(patterns: []).matches(in: TextNormalizer.scalars("任何文字")).isEmpty)
    }
}

@Suite struct TextSimilarityTests {
    @Test func diceOfBigrams() {
        #expect(TextSimilarity.dice("小区停水了", "小区停水了") == 1)
        #expect(TextSimilarity.dice("小区停水了", "路口有人打架") == 0)
        let partial = TextSimilarity.dice("福田街道某小区停水", "福田街道某小区全楼停水")
        #expect(partial > 0.5 && partial < 1)
    }

    /// The classifier takes a new call's signature from the scalars it already normalised, while a stored call's is
    /// taken from its raw text: the two must agree, which holds because normalising twice changes nothing.
    @Test func signatureFromNormalisedScalarsEqualsTheTextsOnEveryLabelledCall() throws {
        let calls = try Fixture.allLabelledCalls()
        #expect(calls.count > 3000)
        for call in calls {
            let once = TextNormalizer.scalars(call.text)
            #expect(TextNormalizer.scalars(TextNormalizer.string(fromNormalized: once)) == once, "\(call.id)")
            #expect(TextSimilarity.signature(normalizedScalars: once) == TextSimilarity.signature(call.text), "\(call.id)")
        }
        // Full-width letters, traditional characters and spacing are folded before the bigrams are taken.
        #expect(TextSimilarity.signature("ＡＢ 門口") == TextSimilarity.signature(normalizedScalars: TextNormalizer.scalars("ab门口")))
    }
}
