import Foundation

/// History the service supplies from its database at decision time (within the write transaction).
public protocol CallHistory {
    /// Calls from this phone since the date, excluding the current one.
    func callCount(phone: String, since: Date) -> Int
    /// Calls whose normalised address key matches, excluding the current one.
    func callCount(addressKey: String, since: Date) -> Int
    /// Open (not closed) items, for duplicate detection.
    func openItems(township: String?, category: Category, since: Date) -> [OpenItemSummary]
}

public struct OpenItemSummary: Sendable {
    public var callID: String
    public var receivedAt: Date
    /// `TextSimilarity.signature` of the call's text: all duplicate detection needs of it.
    public var signature: [UInt64]
    /// Where it happened, as far as the call said: `DecisionEngine.addressKey` of its address (nil when the address
    /// named no particular place) and its coordinates.
    public var addressKey: String?
    public var location: GeoPoint?

    public init(callID: String, receivedAt: Date, signature: [UInt64], addressKey: String? = nil, location: GeoPoint? = nil) {
        self.callID = callID
        self.receivedAt = receivedAt
        self.signature = signature
        self.addressKey = addressKey
        self.location = location
    }

    public init(callID: String, text: String, receivedAt: Date, addressKey: String? = nil, location: GeoPoint? = nil) {
        self.init(callID: callID, receivedAt: receivedAt, signature: TextSimilarity.signature(text),
                  addressKey: addressKey, location: location)
    }
}

/// No history: every count is zero, nothing is open.
public struct NoHistory: CallHistory {
    public init() {}
    public func callCount(phone: String, since: Date) -> Int { 0 }
    public func callCount(addressKey: String, since: Date) -> Int { 0 }
    public func openItems(township: String?, category: Category, since: Date) -> [OpenItemSummary] { [] }
}
