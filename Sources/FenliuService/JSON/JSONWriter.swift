import FenliuHTTP

/// Hand-written JSON output: several times faster than JSONEncoder for our response shapes,
/// and the member order is stable for people reading curl output.
public struct JSONWriter {
    public private(set) var text: String = ""
    /// One entry per open container: whether it already holds a member.
    private var hasMember: [Bool] = []
    private var afterKey = false

    public init() { text.reserveCapacity(512) }

    public var bytes: [UInt8] { Array(text.utf8) }

    public mutating func beginObject() { separate(); text += "{"; hasMember.append(false) }
    public mutating func endObject() { hasMember.removeLast(); text += "}" }
    public mutating func beginArray() { separate(); text += "["; hasMember.append(false) }
    public mutating func endArray() { hasMember.removeLast(); text += "]" }

    public mutating func key(_ name: String) {
        separate()
        text += JSONString.quote(name)
        text += ":"
        afterKey = true
    }

    /// Writes the comma between members, unless a value follows its key.
    private mutating func separate() {
        if afterKey { afterKey = false; return }
        guard let last = hasMember.last else { return }
        if last { text += "," } else { hasMember[hasMember.count - 1] = true }
    }

    public mutating func string(_ s: String?) { separate(); text += s.map(JSONString.quote) ?? "null" }
    public mutating func int(_ n: Int?) { separate(); text += n.map { String($0) } ?? "null" }
    public mutating func double(_ d: Double?) {
        separate()
        guard let d, d.isFinite else { text += "null"; return }
        if d == d.rounded(), abs(d) < 1e15 { text += String(Int64(d)) } else { text += "\(d)" }
    }
    public mutating func bool(_ b: Bool?) { separate(); text += b.map { $0 ? "true" : "false" } ?? "null" }
    public mutating func null() { separate(); text += "null" }
    /// Inserts already-encoded JSON (e.g. a stored reasons array).
    public mutating func raw(_ json: String) { separate(); text += json }

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
