import Foundation

/// Loads rules from one YAML file or every *.yaml / *.yml in a folder (sorted by name).
public struct RuleSetLoader {
    public struct Loaded: Sendable {
        public var rules: [Rule]
        public var cues: MatchCues
        /// (file name, contents) pairs, for the ruleset hash.
        public var sources: [(String, String)]
    }

    static let ruleKeys: Set<String> = ["id", "category", "patterns", "regex", "context_any", "context_none", "weight",
                                        "safety", "escalation", "escalation_non_police", "negatable", "ongoing_only", "why"]

    public static func load(path: String) throws -> Loaded {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw DomainConfigError(file: path, message: "rules file or folder not found")
        }
        var files: [String] = [path]
        if isDirectory.boolValue {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            files = names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted().map { path + "/" + $0 }
            if files.isEmpty { throw DomainConfigError(file: path, message: "no *.yaml rule files in folder") }
        }
        var result = Loaded(rules: [], cues: MatchCues(), sources: [])
        var seen: [String: String] = [:]
        for file in files {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                throw DomainConfigError(file: file, message: "cannot read file as UTF-8")
            }
            result.sources.append(((file as NSString).lastPathComponent, text))
            let root = try YAMLValue.load(text: text, file: file)
            try root.checkKeys(["cues", "rules"])
            if let cues = root["cues"] { result.cues.merge(try parseCues(cues)) }
            for node in try root["rules"]?.list() ?? [] {
                let rule = try parseRule(node)
                if let other = seen[rule.id] {
                    throw node.fail("duplicate rule id '\(rule.id)' (first defined at \(other))")
                }
                seen[rule.id] = "\(file):\(node.line ?? 0)"
                result.rules.append(rule)
            }
        }
        return result
    }

    static func parseCues(_ node: YAMLValue) throws -> MatchCues {
        try node.checkKeys(["negation", "negation_blockers", "past", "clarification", "invalid_notes"])
        var cues = MatchCues()
        cues.negation = try node.optionalStrings("negation")
        cues.negationBlockers = try node.optionalStrings("negation_blockers")
        cues.past = try node.optionalStrings("past")
        cues.clarification = try node.optionalStrings("clarification")
        cues.invalidNotes = try node.optionalStrings("invalid_notes")
        return cues
    }

    static func parseRule(_ node: YAMLValue) throws -> Rule {
        try node.checkKeys(ruleKeys)
        let id = try node.requiredString("id")
        var category: Category?
        if let raw = try node["category"]?.string() {
            guard let c = Category(rawValue: raw) else {
                throw node["category"]!.fail("rule '\(id)': unknown category '\(raw)'")
            }
            category = c
        }
        let literals = try node.optionalStrings("patterns").filter { !$0.isEmpty }
        var regexes: [RegexPattern] = []
        for entry in try node["regex"]?.list() ?? [] {
            try entry.checkKeys(["pattern", "prefilter"])
            let source = try entry.requiredString("pattern")
            let prefilter = try entry.optionalStrings("prefilter")
            if prefilter.isEmpty { throw entry.fail("rule '\(id)': a regex needs a 'prefilter' literal") }
            do {
                regexes.append(try RegexPattern(source: source, prefilter: prefilter))
            } catch {
                throw entry.fail("rule '\(id)': invalid regular expression '\(source)'")
            }
        }
        if literals.isEmpty && regexes.isEmpty { throw node.fail("rule '\(id)': needs 'patterns' or 'regex'") }
        let safety = try node.optionalBool("safety", default: false)
        let escalation = try node.optionalBool("escalation", default: false)
        if category == nil && !escalation { throw node.fail("rule '\(id)': needs a 'category' (or escalation: true)") }
        if safety, let category, !category.isPolice {
            throw node.fail("rule '\(id)': a safety rule must name a police category")
        }
        let weight = try node.optionalDouble("weight", default: 1)
        if weight < 0 { throw node["weight"]!.fail("rule '\(id)': weight must be ≥ 0") }
        return Rule(
            id: id, category: category, literals: literals, regexes: regexes,
            contextAny: try node.optionalStrings("context_any"), contextNone: try node.optionalStrings("context_none"),
            weight: weight, safety: safety, escalation: escalation,
            escalationOnNonPolice: try node.optionalBool("escalation_non_police", default: false),
            negatable: try node.optionalBool("negatable", default: safety),
            ongoingOnly: try node.optionalBool("ongoing_only", default: false),
            why: try node["why"]?.string() ?? "", file: node.file, line: node.line)
    }
}
