/// Where a value sits inside a JSON document, written the way an operator would look for it: `features[3].geometry`.
public struct JSONPath: Equatable, Sendable, CustomStringConvertible {
    public enum Component: Equatable, Sendable {
        case key(String)
        case index(Int)
    }

    public var components: [Component]

    public init(_ components: [Component] = []) { self.components = components }

    /// From a `DecodingError`'s coding path. Foundation gives array positions keys whose string is "Index N"; a
    /// dictionary key that merely looks like a number ("12") keeps its string, so it stays a key.
    public init(codingPath: [any CodingKey]) {
        components = codingPath.map { key in
            if let index = key.intValue, key.stringValue != String(index) { return .index(index) }
            return .key(key.stringValue)
        }
    }

    public func appending(_ component: Component) -> JSONPath { JSONPath(components + [component]) }

    public var description: String {
        var out = ""
        for component in components {
            switch component {
            case .index(let i):
                out += "[\(i)]"
            case .key(let key) where Self.isPlainName(key):
                out += out.isEmpty ? key : "." + key
            case .key(let key):
                out += "[\"" + key.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"]"
            }
        }
        return out.isEmpty ? "(top level)" : out
    }

    private static func isPlainName(_ key: String) -> Bool {
        guard let first = key.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
        return key.unicodeScalars.allSatisfy { $0 == "_" || ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) }
    }
}
