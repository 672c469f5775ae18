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
        let bytes = Array(data)
        if let syntax = DomainConfigError.jsonSyntax(file: file, bytes: bytes) { throw syntax }
        func shapeError(_ path: JSONPath, _ message: String) -> DomainConfigError {
            DomainConfigError.json(file: file, bytes: bytes, at: path, message)
        }
        guard let root = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) as? [String: Any] else {
            throw shapeError(JSONPath(), "expected a GeoJSON object")
        }
        guard root["type"] as? String == "FeatureCollection" else {
            throw shapeError(JSONPath([.key("type")]), "expected \"FeatureCollection\"")
        }
        guard let features = (root["features"] ?? [Any]()) as? [Any] else {
            throw shapeError(JSONPath([.key("features")]), "expected an array of features")
        }
        var areas: [Area] = []
        for (i, element) in features.enumerated() {
            let at = JSONPath([.key("features"), .index(i)])
            guard let feature = element as? [String: Any] else { throw shapeError(at, "expected a feature object") }
            guard let name = (feature["properties"] as? [String: Any])?["name"] as? String else {
                throw shapeError(at.appending(.key("properties")).appending(.key("name")), "missing, or not a string")
            }
            let geometryPath = at.appending(.key("geometry"))
            guard let geometry = feature["geometry"] as? [String: Any] else {
                throw shapeError(geometryPath, "missing, or not an object")
            }
            guard let type = geometry["type"] as? String else {
                throw shapeError(geometryPath.appending(.key("type")), "missing, or not a string")
            }
            let coordinatesPath = geometryPath.appending(.key("coordinates"))
            let coordinates = geometry["coordinates"]
            var polygons: [[[(Double, Double)]]] = []
            switch type {
            case "Polygon":
                guard let polygon = rings(coordinates) else {
                    throw shapeError(coordinatesPath, "expected a Polygon: rings of [lon, lat] positions")
                }
                polygons = [polygon]
            case "MultiPolygon":
                guard let list = coordinates as? [Any] else {
                    throw shapeError(coordinatesPath, "expected a MultiPolygon: a list of polygons")
                }
                for (k, element) in list.enumerated() {
                    guard let polygon = rings(element) else {
                        throw shapeError(coordinatesPath.appending(.index(k)), "expected a polygon: rings of [lon, lat] positions")
                    }
                    polygons.append(polygon)
                }
            default:
                throw shapeError(geometryPath.appending(.key("type")), "unsupported geometry \(type); expected Polygon or MultiPolygon")
            }
            areas.append(Area(township: name, polygons: polygons))
        }
        return TownshipBoundaries(areas: areas)
    }

    private static func rings(_ value: Any?) -> [[(Double, Double)]]? {
        guard let rings = value as? [[[Double]]] else { return nil }
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
