import FenliuDomain

/// Township identifiers as people type them: the canonical name (稠城街道) or its short form (稠城).
public enum TownshipNames {
    public static func canonical(_ name: String, in gazetteer: Gazetteer) -> String? {
        let names = gazetteer.townships.map(\.name)
        if names.contains(name) { return name }
        guard name.count >= 2 else { return nil }
        return names.first { $0 == name + "街道" || $0 == name + "镇" }
    }
}
