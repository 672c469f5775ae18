import Foundation

/// Township polygons from a GeoJSON FeatureCollection (properties.name = canonical township name,
/// Polygon or MultiPolygon geometry, coordinates as [lon, lat]). A located call is decided by its point first.
public struct TownshipBoundaries: Sendable {
    public struct Area: Sendable {
        public var township: String
        /// Polygons, each an outer ring followed by holes; rings are [(lon, lat)].
        public var polygons: [[[(Double, Double)]]]
    }

    public let areas: [Area]

    public init(areas: [Area]) { self.areas = areas }

    public static func parse(data: Data, file: String) throws -> TownshipBoundaries {
        guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw DomainConfigError(file: file, message: "not a GeoJSON object")
        }
        guard root["type"] as? String == "FeatureCollection" else {
            throw DomainConfigError(file: file, message: "expected a FeatureCollection")
        }
        var areas: [Area] = []
        for (i, feature) in ((root["features"] as? [[String: Any]]) ?? []).enumerated() {
            let properties = feature["properties"] as? [String: Any]
            guard let name = properties?["name"] as? String else {
                throw DomainConfigError(file: file, message: "feature \(i): missing properties.name")
            }
            guard let geometry = feature["geometry"] as? [String: Any], let type = geometry["type"] as? String else {
                throw DomainConfigError(file: file, message: "feature \(i) (\(name)): missing geometry")
            }
            let coordinates = geometry["coordinates"]
            var polygons: [[[(Double, Double)]]] = []
            switch type {
            case "Polygon":
                polygons = [try rings(coordinates, file: file, feature: i)]
            case "MultiPolygon":
                for polygon in (coordinates as? [Any]) ?? [] { polygons.append(try rings(polygon, file: file, feature: i)) }
            default:
                throw DomainConfigError(file: file, message: "feature \(i) (\(name)): unsupported geometry \(type)")
            }
            areas.append(Area(township: name, polygons: polygons))
        }
        return TownshipBoundaries(areas: areas)
    }

    private static func rings(_ value: Any?, file: String, feature: Int) throws -> [[(Double, Double)]] {
        guard let rings = value as? [[[Double]]] else {
            throw DomainConfigError(file: file, message: "feature \(feature): bad polygon coordinates")
        }
        return rings.map { $0.compactMap { $0.count >= 2 ? ($0[0], $0[1]) : nil } }
    }

    /// The township containing the point; nil outside every area or inside two (overlapping data is not guessed).
    public func township(at point: GeoPoint) -> String? {
        let hits = Set(areas.filter { area in area.polygons.contains { Self.contains($0, point) } }.map(\.township))
        return hits.count == 1 ? hits.first : nil
    }

    static func contains(_ polygon: [[(Double, Double)]], _ point: GeoPoint) -> Bool {
        guard let outer = polygon.first, inRing(outer, point) else { return false }
        return !polygon.dropFirst().contains { inRing($0, point) }
    }

    /// Even–odd ray casting.
    static func inRing(_ ring: [(Double, Double)], _ p: GeoPoint) -> Bool {
        var inside = false
        var j = ring.count - 1
        for i in 0..<ring.count {
            let (xi, yi) = ring[i], (xj, yj) = ring[j]
            if (yi > p.lat) != (yj > p.lat), p.lon < (xj - xi) * (p.lat - yi) / (yj - yi) + xi { inside.toggle() }
            j = i
        }
        return inside
    }
}
