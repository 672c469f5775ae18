import Foundation

/// Whether two reports come from one place, as far as the calls tell: "the same incident" (一事多报) is the same place,
/// the same category and close in time.
public enum PlaceComparison: Sendable, Equatable {
    case same
    case different
    /// One of the calls named no particular place (no address, or only a township or landmark).
    case unknown
}

extension DecisionEngine {
    /// Coordinates decide when both calls have them; otherwise both addresses must name a particular place.
    public func comparePlaces(addressKey: String?, location: GeoPoint?, with item: OpenItemSummary) -> PlaceComparison {
        if let here = location, let there = item.location {
            return here.meters(to: there) <= policy.duplicateSamePlaceMeters ? .same : .different
        }
        guard let here = addressKey, let there = item.addressKey else { return .unknown }
        if here == there { return .same }
        return withoutTownshipName(here) == withoutTownshipName(there) ? .same : .different
    }

    /// An address key without the township's name in front: candidates are in the call's township already, and one
    /// call-taker writes "稠城街道工人北路8号" where another writes "稠城工人北路8号" or "工人北路8号".
    func withoutTownshipName(_ key: String) -> Substring {
        // Longest first, so 稠城街道 is taken before 稠城. A township's name alone is kept whole: nothing would be left.
        guard let name = townshipNamePrefixes.first(where: { key.hasPrefix($0) }), name.count < key.count else {
            return key[...]
        }
        return key.dropFirst(name.count)
    }
}

extension GeoPoint {
    /// Great-circle distance (haversine on a sphere of the Earth's mean radius): metres-accurate at a street's scale.
    public func meters(to other: GeoPoint) -> Double {
        let radians = Double.pi / 180
        let dLat = (other.lat - lat) * radians, dLon = (other.lon - lon) * radians
        let a = sin(dLat / 2) * sin(dLat / 2) + cos(lat * radians) * cos(other.lat * radians) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * 6_371_008.8 * asin(min(1, a.squareRoot()))
    }
}
