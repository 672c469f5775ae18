import FenliuHTTP

/// Hand-written JSON output: several times faster than JSONEncoder for our response shapes,
/// and the member order is stable for people reading curl output.
public struct JSONWriter {
    /// The UTF-8 output. Everything is appended here directly: no intermediate Strings per value.
    public private(set) var bytes: [UInt8] = []
    /// One entry per open container: whether it already holds a member.
    private var hasMember: [Bool] = []
    private var afterKey = false

    public init() { bytes.reserveCapacity(512) }

    /// Goes on writing inside an array that `prefix` opened (its "[" and `elementCount` elements, not closed).
    init(continuing prefix: [UInt8], elementCount: Int) {
        bytes = prefix
        bytes.reserveCapacity(prefix.count + 256)
        hasMember = [elementCount > 0]
    }

    public var text: String { String(decoding: bytes, as: UTF8.self) }

    public mutating func beginObject() { separate(); bytes.append(0x7B); hasMember.append(false) }
    public mutating func endObject() { hasMember.removeLast(); bytes.append(0x7D) }
    public mutating func beginArray() { separate(); bytes.append(0x5B); hasMember.append(false) }
    public mutating func endArray() { hasMember.removeLast(); bytes.append(0x5D) }

    public mutating func key(_ name: String) {
        separate()
        JSONString.appendQuoted(name, to: &bytes)
        bytes.append(0x3A)
        afterKey = true
    }

    /// Writes the comma between members, unless a value follows its key.
    private mutating func separate() {
        if afterKey { afterKey = false; return }
        guard let last = hasMember.last else { return }
        if last { bytes.append(0x2C) } else { hasMember[hasMember.count - 1] = true }
    }

    private mutating func append(_ literal: String) { bytes.append(contentsOf: literal.utf8) }

    public mutating func string(_ s: String?) {
        separate()
        if let s { JSONString.appendQuoted(s, to: &bytes) } else { append("null") }
    }
    public mutating func int(_ n: Int?) { separate(); append(n.map { String($0) } ?? "null") }
    public mutating func double(_ d: Double?) {
        separate()
        guard let d, d.isFinite else { append("null"); return }
        if d == d.rounded(), abs(d) < 1e15 { append(String(Int64(d))) } else { append("\(d)") }
    }
    public mutating func bool(_ b: Bool?) { separate(); append(b.map { $0 ? "true" : "false" } ?? "null") }
    public mutating func null() { separate(); append("null") }
    /// Inserts already-encoded JSON (e.g. a stored reasons array).
    public mutating func raw(_ json: String) { separate(); append(json) }

    /// `{"lat":…,"lon":…}`, or null when the point is incomplete.
    public mutating func location(lat: Double?, lon: Double?) {
        if let lat, let lon {
            beginObject(); field("lat", lat); field("lon", lon); endObject()
        } else {
            null()
        }
    }

    public mutating func field(_ name: String, _ value: String?) { key(name); string(value) }
    public mutating func field(_ name: String, _ value: Int?) { key(name); int(value) }
    public mutating func field(_ name: String, _ value: Double?) { key(name); double(value) }
    public mutating func field(_ name: String, _ value: Bool?) { key(name); bool(value) }
}
