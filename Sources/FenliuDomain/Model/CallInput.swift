import Foundation

public struct GeoPoint: Sendable, Equatable, Codable {
    public var lat: Double
    public var lon: Double
    public init(lat: Double, lon: Double) {
        self.lat = lat
        self.lon = lon
    }
}

/// One incoming call as the call-taker recorded it.
public struct CallInput: Sendable {
    public var text: String
    public var address: String?
    public var location: GeoPoint?
    public var callerPhone: String?
    public var receivedAt: Date
    public var source: String

    public init(text: String, address: String? = nil, location: GeoPoint? = nil, callerPhone: String? = nil,
                receivedAt: Date = Date(), source: String = "110") {
        self.text = text
        self.address = address
        self.location = location
        self.callerPhone = callerPhone
        self.receivedAt = receivedAt
        self.source = source
    }
}
