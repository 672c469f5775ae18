import Crypto
import FenliuDomain
import Foundation

/// A validated `POST /v1/calls` body.
public struct CallSubmission: Sendable, Equatable {
    public var callID: String
    public var text: String
    /// As the client sent it; nil when omitted (the intake time is used).
    public var receivedAt: String?
    public var receivedDate: Date?
    public var callerPhone: String?
    public var address: String?
    public var location: GeoPoint?
    public var source: String

    /// Counted in Unicode code points, not in what the eye sees as characters: a letter followed by any number of
    /// combining marks is one of those, so a grapheme count let a text of any size through up to the body limit.
    public static let maxTextCharacters = 2000

    /// A submission that is already valid (benchmarks and tests); requests go through `validate`.
    public init(callID: String, text: String, receivedAt: String? = nil, receivedDate: Date? = nil,
                callerPhone: String? = nil, address: String? = nil, location: GeoPoint? = nil, source: String = "110") {
        self.callID = callID
        self.text = text
        self.receivedAt = receivedAt
        self.receivedDate = receivedDate
        self.callerPhone = callerPhone
        self.address = address
        self.location = location
        self.source = source
    }

    /// Validates field by field so the 422 names the first field that is wrong.
    public static func validate(_ body: JSONValue) throws(ServiceError) -> CallSubmission {
        guard case .object = body else {
            throw .invalidField(field: "", detail: "The body must be a JSON object.")
        }
        let callID = try requiredString(body, "call_id")
        guard (1...64).contains(callID.utf8.count), callID.utf8.allSatisfy(isCallIDByte) else {
            throw .invalidField(field: "call_id", detail: "call_id must be 1–64 characters of A–Z, a–z, 0–9, '.', '_', ':', '-'.")
        }
        let text = try requiredString(body, "text")
        let textLength = text.unicodeScalars.count
        guard textLength >= 1, textLength <= maxTextCharacters,
              !text.unicodeScalars.allSatisfy({ $0.properties.isWhitespace }) else {
            throw .invalidField(field: "text", detail: "text must be 1–\(maxTextCharacters) characters (Unicode code points) and not blank.")
        }
        var submission = CallSubmission(callID: callID, text: text, receivedAt: nil, receivedDate: nil,
                                        callerPhone: nil, address: nil, location: nil, source: "110")
        if let receivedAt = try optionalString(body, "received_at") {
            guard let date = RFC3339.parse(receivedAt) else {
                throw .invalidField(field: "received_at", detail: "received_at must be an RFC 3339 timestamp such as 2026-03-09T14:44:49+08:00.")
            }
            submission.receivedAt = receivedAt
            submission.receivedDate = date
        }
        if let phone = try optionalString(body, "caller_phone") {
            guard (1...32).contains(phone.utf8.count),
                  phone.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || $0 == 43 || $0 == 45 || $0 == 32 || $0 == 40 || $0 == 41 }) else {
                throw .invalidField(field: "caller_phone", detail: "caller_phone must be 1–32 characters of digits, '+', '-', spaces or parentheses.")
            }
            submission.callerPhone = phone
        }
        if let address = try optionalString(body, "address") {
            guard address.unicodeScalars.count <= 500 else {
                throw .invalidField(field: "address", detail: "address must be at most 500 characters (Unicode code points).")
            }
            submission.address = address.isEmpty ? nil : address
        }
        if let location = body["location"], !location.isNull {
            guard case .object = location else {
                throw .invalidField(field: "location", detail: "location must be an object {\"lat\": …, \"lon\": …}.")
            }
            guard let lat = location["lat"]?.numberValue, (-90...90).contains(lat) else {
                throw .invalidField(field: "location.lat", detail: "location.lat must be a number from -90 to 90.")
            }
            guard let lon = location["lon"]?.numberValue, (-180...180).contains(lon) else {
                throw .invalidField(field: "location.lon", detail: "location.lon must be a number from -180 to 180.")
            }
            submission.location = GeoPoint(lat: lat, lon: lon)
        }
        if let source = try optionalString(body, "source") {
            guard (1...32).contains(source.utf8.count), source.utf8.allSatisfy(isCallIDByte) else {
                throw .invalidField(field: "source", detail: "source must be 1–32 characters of A–Z, a–z, 0–9, '.', '_', ':', '-'.")
            }
            submission.source = source
        }
        return submission
    }

    /// SHA-256 over the fields as submitted: a retry with the same body hashes the same, anything else differs.
    public var requestHash: String {
        var w = JSONWriter()
        w.beginObject()
        w.field("call_id", callID)
        w.field("text", text)
        w.field("received_at", receivedAt)
        w.field("caller_phone", callerPhone)
        w.field("address", address)
        w.field("lat", location?.lat)
        w.field("lon", location?.lon)
        w.field("source", source)
        w.endObject()
        return Hex.encode(SHA256.hash(data: w.bytes))
    }

    static func isCallIDByte(_ b: UInt8) -> Bool {
        (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == 46 || b == 95 || b == 58 || b == 45
    }

    static func requiredString(_ body: JSONValue, _ name: String) throws(ServiceError) -> String {
        guard let value = body[name], !value.isNull else {
            throw .invalidField(field: name, detail: "\(name) is required.")
        }
        guard let s = value.stringValue else { throw .invalidField(field: name, detail: "\(name) must be a string.") }
        return s
    }

    static func optionalString(_ body: JSONValue, _ name: String) throws(ServiceError) -> String? {
        guard let value = body[name], !value.isNull else { return nil }
        guard let s = value.stringValue else { throw .invalidField(field: name, detail: "\(name) must be a string.") }
        return s
    }
}
