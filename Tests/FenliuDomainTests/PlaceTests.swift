import Foundation
import Testing
@testable import FenliuDomain

@Suite struct GazetteerTests {
    let gazetteer = Gazetteer(
        townships: [
            .init(name: "甲街道", names: ["甲", "长街", "长街一号院"]),
            .init(name: "乙镇", names: ["乙", "长街一号", "共用路"]),
            .init(name: "丙镇", names: ["共用路"]),
        ],
        nonPlaceWords: ["甲壳虫"], residenceCues: ["住在"])

    @Test func longestMatchWins() {
        // "长街一号院" (甲) contains "长街一号" (乙) and "长街" (甲): the longest name decides.
        #expect(gazetteer.resolve("长街一号院门口").township == "甲街道")
        #expect(gazetteer.resolve("长街一号门口").township == "乙镇")
    }

    @Test func nameOfTwoTownshipsIsAmbiguous() {
        let r = gazetteer.resolve("共用路上")
        #expect(r.township == nil)
        #expect(r.ambiguous)
        // Another name that agrees with one of them settles it.
        #expect(gazetteer.resolve("乙镇共用路上").township == "乙镇")
    }

    @Test func twoTownshipsNamedIsUnresolved() {
        #expect(gazetteer.resolve("甲街道和丙镇交界").township == nil)
    }

    @Test func nonPlaceWordSwallowsShortName() {
        #expect(gazetteer.resolve("一只甲壳虫").township == nil)
    }

    @Test func residenceIsBackground() {
        #expect(gazetteer.resolve("住在甲，在乙镇上班").township == "乙镇")
        #expect(gazetteer.resolve("住在甲").township == "甲街道")
    }

    @Test func shippedGazetteerKnowsSeedPlaces() {
        let g = Fixture.engine.gazetteer
        #expect(g.resolve("五联路沿线").township == "义亭镇")
        #expect(g.resolve("国际商贸城附近").township == "福田街道")
        #expect(g.resolve("稠城某小区").township == "稠城街道")
        #expect(g.resolve("一辆福田货车").township == nil)
        #expect(g.townships.count == 14)
    }
}

@Suite struct AddressPrecedenceTests {
    @Test func addressWinsOverText() {
        let d = Fixture.engine.decide(CallInput(text: "北苑街道那边的朋友说，这里路灯不亮", address: "赤岸镇某村"))
        #expect(d.township == "赤岸镇")
    }

    @Test func textUsedWhenAddressDoesNotResolve() {
        let d = Fixture.engine.decide(CallInput(text: "苏溪镇某村路灯不亮", address: "某某路"))
        #expect(d.township == "苏溪镇")
    }

    @Test func addressKeyNormalises() {
        let e = Fixture.engine
        #expect(e.addressKey("义乌市 稠城街道，某小区３幢") == e.addressKey("稠城街道某小区3幢"))
        #expect(e.addressKey("  ") == nil)
    }

    /// A township or other gazetteer name is where a call came from, not an address: it must not make every call from
    /// that area a repeat.
    @Test(arguments: ["稠城街道", "稠城", "义乌市稠城街道", "浙江省义乌市 稠城街道", "义乌市，稠城", "福田街道商城社区", "商贸城",
                      "义乌国际商贸城", "稠城街道篁园市场", "佛堂", "宾王路", "3幢"])
    func aVagueAddressHasNoKey(address: String) {
        #expect(Fixture.engine.addressKey(address) == nil)
    }

    @Test(arguments: ["稠城街道工人北路88号", "工人北路88号", "福田街道商城社区5幢", "商贸城二区东门", "佛堂镇倍磊村12号", "稠城街道某小区3幢"])
    func aSpecificAddressKeepsItsKey(address: String) {
        #expect(Fixture.engine.addressKey(address) != nil)
    }
}

@Suite struct BoundaryTests {
    static let geojson = """
    {"type":"FeatureCollection","features":[
     {"type":"Feature","properties":{"name":"佛堂镇"},"geometry":{"type":"Polygon","coordinates":[
       [[120.0,29.0],[120.1,29.0],[120.1,29.1],[120.0,29.1],[120.0,29.0]],
       [[120.04,29.04],[120.06,29.04],[120.06,29.06],[120.04,29.06],[120.04,29.04]]]}},
     {"type":"Feature","properties":{"name":"大陈镇"},"geometry":{"type":"MultiPolygon","coordinates":[
       [[[121.0,30.0],[121.1,30.0],[121.05,30.1],[121.0,30.0]]]]}}
    ]}
    """

    @Test func pointInPolygonWithHole() throws {
        let b = try TownshipBoundaries.parse(data: Data(Self.geojson.utf8), file: "test.geojson")
        #expect(b.township(at: GeoPoint(lat: 29.02, lon: 120.02)) == "佛堂镇")
        #expect(b.township(at: GeoPoint(lat: 29.05, lon: 120.05)) == nil, "inside the hole")
        #expect(b.township(at: GeoPoint(lat: 30.02, lon: 121.05)) == "大陈镇")
        #expect(b.township(at: GeoPoint(lat: 10, lon: 10)) == nil)
    }

    @Test func locationDecidesBeforeAddress() throws {
        let dir = try Fixture.copyOfConfig()
        try Self.geojson.write(toFile: dir + "/townships.geojson", atomically: true, encoding: .utf8)
        let engine = try DecisionEngine.load(configDirectory: dir)
        let d = engine.decide(CallInput(text: "路灯不亮", address: "赤岸镇", location: GeoPoint(lat: 29.02, lon: 120.02)))
        #expect(d.target == .township)
        #expect(d.township == "佛堂镇")
        #expect(engine.rulesetVersion != Fixture.engine.rulesetVersion)
    }

    @Test func unknownTownshipInBoundariesIsAConfigError() throws {
        let dir = try Fixture.copyOfConfig()
        try Self.geojson.replacingOccurrences(of: "佛堂镇", with: "不存在镇")
            .write(toFile: dir + "/townships.geojson", atomically: true, encoding: .utf8)
        #expect(throws: DomainConfigError.self) { try DecisionEngine.load(configDirectory: dir) }
    }
}
