import Crypto
import Foundation

/// Classifies and routes calls. Immutable after loading, so one instance is shared by every thread.
public final class DecisionEngine: Sendable {
    public let rulesetVersion: String
    public let policy: Policy
    public let matcher: RuleMatcher
    public let gazetteer: Gazetteer
    public let boundaries: TownshipBoundaries
    public let model: CompiledTextModel?
    public let policeModel: CompiledPoliceModel?
    private let gazetteerAddressKeys: Set<String>
    /// Each township's name and its short forms (稠城街道, 稠城), folded as addresses are, longest first.
    let townshipNamePrefixes: [String]

    public init(matcher: RuleMatcher, gazetteer: Gazetteer, boundaries: TownshipBoundaries, model: TextModel?,
                policeModel: CompiledPoliceModel? = nil, policy: Policy, rulesetVersion: String) {
        self.matcher = matcher
        self.gazetteer = gazetteer
        self.boundaries = boundaries
        self.model = model.map(CompiledTextModel.init)
        self.policeModel = policeModel
        self.policy = policy
        self.rulesetVersion = rulesetVersion
        self.gazetteerAddressKeys = Self.gazetteerAddressKeys(gazetteer)
        self.townshipNamePrefixes = gazetteer.townships
            .flatMap { township in ([township.name] + township.names).filter { township.name.hasPrefix($0) } }
            .map(Self.foldedAddress).filter { !$0.isEmpty }
            .sorted { $0.count > $1.count }
    }

    public static func load(configDirectory: String) throws -> DecisionEngine {
        try load(configDirectory: configDirectory, rulesPath: nil)
    }

    /// The gazetteer alone (config/gazetteer.yaml), for tools that only name townships.
    public static func loadGazetteer(configDirectory: String) throws -> Gazetteer {
        let dir = configDirectory.hasSuffix("/") ? String(configDirectory.dropLast()) : configDirectory
        return try GazetteerLoader.load(path: dir + "/gazetteer.yaml").0
    }

    /// Reads config/: rules/ (or rules.yaml), gazetteer.yaml, townships.geojson, model.json, police-model.tsv, policy.yaml.
    /// `rulesPath` overrides the rules file or folder (replaying old calls against other rules).
    public static func load(configDirectory: String, rulesPath: String?) throws -> DecisionEngine {
        let dir = configDirectory.hasSuffix("/") ? String(configDirectory.dropLast()) : configDirectory
        let fm = FileManager.default
        var hashed: [(String, Data)] = []

        let policyPath = dir + "/policy.yaml"
        var policy = Policy()
        if fm.fileExists(atPath: policyPath) {
            let (p, text) = try Policy.load(path: policyPath)
            policy = p
            hashed.append(("policy.yaml", Data(text.utf8)))
        }

        let rulesLocation = rulesPath ?? (fm.fileExists(atPath: dir + "/rules") ? dir + "/rules" : dir + "/rules.yaml")
        let loaded = try RuleSetLoader.load(path: rulesLocation)
        hashed += loaded.sources.map { ("rules/" + $0.0, Data($0.1.utf8)) }
        let matcher = RuleMatcher(rules: loaded.rules, cues: loaded.cues,
                                  negationWindow: policy.negationWindow, pastWindow: policy.pastWindow)

        let (gazetteer, gazetteerText) = try GazetteerLoader.load(path: dir + "/gazetteer.yaml")
        hashed.append(("gazetteer.yaml", Data(gazetteerText.utf8)))

        var boundaries = TownshipBoundaries(areas: [])
        let geoPath = dir + "/townships.geojson"
        if let data = fm.contents(atPath: geoPath) {
            boundaries = try TownshipBoundaries.parse(data: data, file: geoPath)
            for (i, area) in boundaries.areas.enumerated() where gazetteer.canonicalName(area.township) != area.township {
                let name = JSONPath([.key("features"), .index(i), .key("properties"), .key("name")])
                throw DomainConfigError.json(file: geoPath, bytes: Array(data), at: name,
                                             "'\(area.township)' is not a canonical township name")
            }
            hashed.append(("townships.geojson", data))
        }

        // An optional file is part of the ruleset version when present, even when the policy leaves it unused.
        func optionalFile<T>(_ name: String, enabled: Bool, _ load: (String) throws -> (T, Data)) throws -> T? {
            let path = dir + "/" + name
            guard fm.fileExists(atPath: path) else { return nil }
            let (value, data) = try load(path)
            hashed.append((name, data))
            return enabled ? value : nil
        }
        let model = try optionalFile("model.json", enabled: policy.modelEnabled, TextModel.load(path:))
        // The category model's diversions are gated on the police model too, so either use loads it.
        let policeModel = try optionalFile("police-model.tsv", enabled: policy.policeVetoEnabled || policy.modelEnabled,
                                           CompiledPoliceModel.load(path:))

        var hasher = SHA256()
        for (name, data) in hashed {
            hasher.update(data: Data(name.utf8))
            hasher.update(data: [0])
            hasher.update(data: data)
            hasher.update(data: [0])
        }
        let version = hasher.finalize().map { String(format: "%02x", $0) }.joined().prefix(16)
        return DecisionEngine(matcher: matcher, gazetteer: gazetteer, boundaries: boundaries, model: model,
                              policeModel: policeModel, policy: policy, rulesetVersion: String(version))
    }

    /// Normalised address for repeat counting: case, width, spacing and punctuation folded, the city prefix dropped.
    /// Nil when the address names no particular place: a township or other gazetteer name alone (`稠城街道`,
    /// `义乌市稠城街道`, `福田街道商城社区`) or a few characters. Counting such an "address" would flag every call from
    /// anywhere in a township as a repeat.
    public func addressKey(_ address: String) -> String? {
        let key = Self.foldedAddress(address)
        if key.count < Self.minimumAddressKeyLength || gazetteerAddressKeys.contains(key) { return nil }
        // A township followed by one more place name ("稠城街道篁园市场") is no more specific than that place. Tried at
        // each split of the key rather than for each gazetteer name, so the cost does not grow with the gazetteer.
        var head = key.startIndex
        while head < key.endIndex {
            head = key.index(after: head)
            if head < key.endIndex, gazetteerAddressKeys.contains(String(key[..<head])),
               gazetteerAddressKeys.contains(String(key[head...])) {
                return nil
            }
        }
        return key
    }

    /// Shorter keys are a road or building name with nothing to tell one door from another ("宾王路", "3幢").
    static let minimumAddressKeyLength = 4

    static func foldedAddress(_ address: String) -> String {
        var key = TextNormalizer.normalize(address)
        // Punctuation and separators differ between call-takers for the same place.
        key.unicodeScalars.removeAll { s in
            switch s.properties.generalCategory {
            case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
                 .finalPunctuation, .otherPunctuation: true
            default: false
            }
        }
        for prefix in ["浙江省", "金华市", "义乌市", "义乌"] where key.hasPrefix(prefix) {
            key.removeFirst(prefix.count)
        }
        return key
    }

    /// Every gazetteer name folded as an address is, so a vague address is recognised however it was typed.
    static func gazetteerAddressKeys(_ gazetteer: Gazetteer) -> Set<String> {
        Set(gazetteer.townships.flatMap { [$0.name] + $0.names }.map(foldedAddress).filter { !$0.isEmpty })
    }
}
