import Yams

/// A YAML node together with the file it came from, with typed accessors that fail with file and line.
struct YAMLValue {
    let node: Node
    let file: String

    var line: Int? { node.mark.map { $0.line } }

    static func load(text: String, file: String) throws -> YAMLValue {
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw DomainConfigError(file: file, line: nil, message: "empty document")
            }
            return YAMLValue(node: node, file: file)
        } catch let error as DomainConfigError {
            throw error
        } catch let error as YamlError {
            throw DomainConfigError(file: file, line: Self.line(of: error), message: "YAML syntax: \(error)")
        } catch {
            throw DomainConfigError(file: file, line: nil, message: "YAML: \(error)")
        }
    }

    private static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark.line
        default: nil
        }
    }

    func fail(_ message: String) -> DomainConfigError {
        DomainConfigError(file: file, line: line, message: message)
    }

    subscript(key: String) -> YAMLValue? {
        guard let mapping = node.mapping else { return nil }
        for (k, v) in mapping where k.string == key { return YAMLValue(node: v, file: file) }
        return nil
    }

    var isMapping: Bool { node.mapping != nil }

    func keys() -> [String] {
        node.mapping.map { $0.keys.compactMap(\.string) } ?? []
    }

    func list() throws -> [YAMLValue] {
        guard let sequence = node.sequence else { throw fail("expected a list") }
        return sequence.map { YAMLValue(node: $0, file: file) }
    }

    func string() throws -> String {
        guard let s = node.scalar?.string else { throw fail("expected a text value") }
        return s
    }

    /// A single string or a list of strings.
    func strings() throws -> [String] {
        if node.scalar != nil { return [try string()] }
        return try list().map { try $0.string() }
    }

    func bool() throws -> Bool {
        guard let s = node.scalar?.string else { throw fail("expected true/false") }
        switch s.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw fail("expected true/false, found '\(s)'")
        }
    }

    func double() throws -> Double {
        guard let s = node.scalar?.string, let d = Double(s) else { throw fail("expected a number") }
        return d
    }

    func requiredString(_ key: String) throws -> String {
        guard let v = self[key] else { throw fail("missing '\(key)'") }
        return try v.string()
    }

    func optionalStrings(_ key: String) throws -> [String] {
        try self[key]?.strings() ?? []
    }

    func optionalBool(_ key: String, default value: Bool) throws -> Bool {
        try self[key]?.bool() ?? value
    }

    func optionalDouble(_ key: String, default value: Double) throws -> Double {
        try self[key]?.double() ?? value
    }

    /// Rejects unknown keys: a typo in a rule file must not silently disable a field.
    func checkKeys(_ allowed: Set<String>) throws {
        guard let mapping = node.mapping else { throw fail("expected a mapping") }
        for (k, _) in mapping {
            let name = k.string ?? ""
            if !allowed.contains(name) {
                throw DomainConfigError(file: file, line: k.mark?.line ?? line,
                                        message: "unknown key '\(name)' (allowed: \(allowed.sorted().joined(separator: ", ")))")
            }
        }
    }
}
