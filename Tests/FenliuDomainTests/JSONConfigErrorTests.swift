import Foundation
import Testing
@testable import FenliuDomain

/// A broken JSON config file is refused with `file:line:column` like the YAML and TSV files, and a file of the wrong
/// shape names the path to the offending value.
@Suite struct JSONConfigErrorTests {
    /// One feature a line or two, so every error has a line of its own.
    static let geojson = """
    {"type": "FeatureCollection",
     "features": [
      {"type": "Feature", "properties": {"name": "佛堂镇"},
       "geometry": {"type": "Polygon", "coordinates": [[[120.0, 29.0], [120.1, 29.0], [120.1, 29.1], [120.0, 29.0]]]}},
      {"type": "Feature", "properties": {"name": "大陈镇"},
       "geometry": {"type": "Polygon", "coordinates": [[[121.0, 30.0], [121.1, 30.0], [121.05, 30.1], [121.0, 30.0]]]}}
     ]}

    """

    static let model = """
    {
      "alpha": 0.5,
      "classes": ["consumer", "noise"],
      "documentCounts": [1, 1],
      "features": {"吵": [1, 2], "退货": [0, 1]},
      "id": "t",
      "ngramMax": 2,
      "ngramMin": 1
    }

    """

    private func configWith(_ name: String, _ text: String) throws -> String {
        let dir = try Fixture.copyOfConfig()
        try text.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8)
        return dir
    }

    private func loadError(_ dir: String) throws -> DomainConfigError {
        try #require(throws: DomainConfigError.self) { try DecisionEngine.load(configDirectory: dir) }
    }

    @Test func theWellFormedFixturesLoad() throws {
        let boundaries = try TownshipBoundaries.parse(data: Data(Self.geojson.utf8), file: "t.geojson")
        #expect(boundaries.areas.map(\.township) == ["佛堂镇", "大陈镇"])
        let path = Fixture.tempDirectory() + "/model.json"
        try Self.model.write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try TextModel.load(path: path).0.classes == ["consumer", "noise"])
    }

    @Test func aTruncatedGeoJSONNamesTheLineWhereItStops() throws {
        // Cut in the middle of line 4, inside the first feature's coordinates.
        let lines = Self.geojson.split(separator: "\n", omittingEmptySubsequences: false)
        let truncated = lines[0..<3].joined(separator: "\n") + "\n" + lines[3].prefix(60) + "\n"
        let dir = try configWith("townships.geojson", truncated)
        let error = try loadError(dir)
        #expect(error.file == dir + "/townships.geojson")
        #expect(error.line == 4)
        #expect(error.description.hasPrefix(dir + "/townships.geojson:4:"), "\(error)")
        #expect(error.message.contains("end of file"), "\(error)")
    }

    @Test func aMissingCommaInGeoJSONNamesItsLineAndColumn() throws {
        let broken = Self.geojson.replacingOccurrences(of: #""name": "大陈镇"},"#, with: #""name": "大陈镇"}"#)
        let dir = try configWith("townships.geojson", broken)
        let error = try loadError(dir)
        #expect(error.line == 6)
        #expect(error.column == 4, "\(error)")
        #expect(error.description.contains("townships.geojson:6:4: "), "\(error)")
    }

    @Test func geoJSONOfTheWrongShapeNamesThePath() throws {
        let wrong = Self.geojson.replacingOccurrences(
            of: #""coordinates": [[[121.0, 30.0], [121.1, 30.0], [121.05, 30.1], [121.0, 30.0]]]"#, with: #""coordinates": "none""#)
        let dir = try configWith("townships.geojson", wrong)
        let error = try loadError(dir)
        #expect(error.message.hasPrefix("features[1].geometry.coordinates: "), "\(error)")
        #expect(error.line == 6)
        #expect(error.description.contains("townships.geojson:6:"), "\(error)")
    }

    @Test func aMissingTownshipNameInGeoJSONNamesThePath() throws {
        let wrong = Self.geojson.replacingOccurrences(of: #"{"name": "大陈镇"}"#, with: "{}")
        let error = try #require(throws: DomainConfigError.self) {
            try TownshipBoundaries.parse(data: Data(wrong.utf8), file: "t.geojson")
        }
        #expect(error.message.hasPrefix("features[1].properties.name: "), "\(error)")
    }

    @Test func anUnknownTownshipInGeoJSONNamesItsLine() throws {
        let dir = try configWith("townships.geojson", Self.geojson.replacingOccurrences(of: "大陈镇", with: "不存在镇"))
        let error = try loadError(dir)
        #expect(error.line == 5)
        #expect(error.message.contains("features[1].properties.name"), "\(error)")
    }

    @Test func aTruncatedModelNamesTheLineWhereItStops() throws {
        let truncated = String(Self.model.prefix(while: { $0 != "}" }))   // stops inside "features" on line 5
        let dir = try configWith("model.json", truncated)
        let error = try loadError(dir)
        #expect(error.file == dir + "/model.json")
        #expect(error.line == 5, "\(error)")
        #expect(error.description.hasPrefix(dir + "/model.json:5:"), "\(error)")
        #expect(!error.description.contains("DecodingError"))
    }

    @Test func aMalformedModelNamesTheLine() throws {
        let broken = Self.model.replacingOccurrences(of: #""id": "t","#, with: #""id": 't',"#)
        let path = Fixture.tempDirectory() + "/model.json"
        try broken.write(toFile: path, atomically: true, encoding: .utf8)
        let error = try #require(throws: DomainConfigError.self) { try TextModel.load(path: path) }
        #expect(error.line == 6)
        #expect(error.column == 9)
        #expect(error.description == path + ":6:9: unexpected \"'\"; expected a value", "\(error)")
    }

    @Test func aModelOfTheWrongShapeNamesTheKeyAndLine() throws {
        let path = Fixture.tempDirectory() + "/model.json"
        try Self.model.replacingOccurrences(of: #""ngramMin": 1"#, with: #""ngramMin": "one""#)
            .write(toFile: path, atomically: true, encoding: .utf8)
        let mismatch = try #require(throws: DomainConfigError.self) { try TextModel.load(path: path) }
        #expect(mismatch.message == "ngramMin: expected an integer", "\(mismatch)")
        #expect(mismatch.line == 8)

        try Self.model.replacingOccurrences(of: #""documentCounts": [1, 1],"#, with: "")
            .write(toFile: path, atomically: true, encoding: .utf8)
        let missing = try #require(throws: DomainConfigError.self) { try TextModel.load(path: path) }
        #expect(missing.message == "documentCounts: missing", "\(missing)")

        try Self.model.replacingOccurrences(of: #""退货": [0, 1]"#, with: #""退货": [0, "1"]"#)
            .write(toFile: path, atomically: true, encoding: .utf8)
        let nested = try #require(throws: DomainConfigError.self) { try TextModel.load(path: path) }
        #expect(nested.message == #"features["退货"][1]: expected an integer"#, "\(nested)")
        #expect(nested.line == 5)
    }

    /// Text inside strings (in the model, n-grams of training calls) is not echoed back in a syntax error.
    @Test func aSyntaxErrorDoesNotQuoteTheFile() throws {
        let text = "{\"features\": {\"楼上有人打架\": [0, 1]\n \"next\": 1}"
        let error = try #require(DomainConfigError.jsonSyntax(file: "m.json", bytes: Array(text.utf8)))
        #expect(error.line == 2)
        #expect(!error.description.contains("打架"))
    }
}

@Suite struct JSONSyntaxScannerTests {
    @Test(arguments: [#"{}"#, #"[]"#, #"0"#, #"-1.5e+10"#, #""a\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00""#, #"true"#, #"null"#,
                      "\u{FEFF}{\"k\": [1, 2, {\"x\": false}]}", " {\"中文\": \"值\"} \n"])
    func acceptsValidJSON(text: String) {
        #expect(JSONSyntaxScanner.firstError(in: Array(text.utf8)) == nil)
        if !text.hasPrefix("\u{FEFF}") {
            #expect((try? JSONSerialization.jsonObject(with: Data(text.utf8), options: .fragmentsAllowed)) != nil, "Foundation agrees")
        }
    }

    @Test(arguments: [("", 0), ("{", 1), (#"{"a" 1}"#, 5), (#"{"a": 1,}"#, 8), ("[1 2]", 3), ("[01]", 2),
                      ("[1.]", 3), (#"["a"#, 3), ("[\"a\nb\"]", 3), (#"{"a": tru}"#, 9), (#"["\x"]"#, 2),
                      ("{} {}", 3), ("[-]", 2), (#"{'a': 1}"#, 1)])
    func findsTheFirstError(text: String, offset: Int) {
        let error = JSONSyntaxScanner.firstError(in: Array(text.utf8))
        #expect(error?.offset == offset, "\(String(describing: error))")
    }

    @Test func refusesInvalidUTF8() {
        #expect(JSONSyntaxScanner.firstError(in: [0x22, 0xFF, 0x22])?.offset == 1)
        #expect(JSONSyntaxScanner.firstError(in: [0x22, 0xE4, 0xB8, 0x22])?.offset == 1)
    }

    @Test func linesAndColumnsCountCharacters() {
        let bytes = Array("ab\n中文x\n".utf8)
        #expect(JSONSyntaxScanner.lineAndColumn(ofOffset: 0, in: bytes) == (1, 1))
        #expect(JSONSyntaxScanner.lineAndColumn(ofOffset: 3, in: bytes) == (2, 1))
        #expect(JSONSyntaxScanner.lineAndColumn(ofOffset: 9, in: bytes) == (2, 3))
    }

    @Test func findsTheOffsetOfAPath() {
        let bytes = Array(#"{"a": [10, {"b": true}], "c.d": 2}"#.utf8)
        #expect(JSONSyntaxScanner.offset(of: JSONPath([.key("a"), .index(1), .key("b")]), in: bytes) == 17)
        #expect(JSONSyntaxScanner.offset(of: JSONPath([.key("c.d")]), in: bytes) == 32)
        #expect(JSONSyntaxScanner.offset(of: JSONPath([.key("missing")]), in: bytes) == nil)
        #expect(JSONPath([.key("a"), .index(1), .key("c.d")]).description == #"a[1]["c.d"]"#)
    }

    @Test func refusesDeepNestingWithoutExhaustingTheStack() {
        let text = String(repeating: "[", count: 100_000)
        #expect(JSONSyntaxScanner.firstError(in: Array(text.utf8))?.message.contains("nested") == true)
    }
}
