import Foundation

/// Reads config/gazetteer.yaml: one entry per township, each with plain lists of names so thousands of
/// communities, villages, roads and landmarks can be appended line by line.
enum GazetteerLoader {
    static func load(path: String) throws -> (Gazetteer, String) {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw DomainConfigError(file: path, message: "cannot read gazetteer")
        }
        let root = try YAMLValue.load(text: text, file: path)
        try root.checkKeys(["townships", "non_place_words", "residence_cues"])
        var townships: [Gazetteer.Township] = []
        let listKeys = ["short", "aliases", "communities", "villages", "roads", "landmarks"]
        for node in try root["townships"]?.list() ?? [] {
            try node.checkKeys(Set(["name"] + listKeys))
            let name = try node.requiredString("name")
            var names: [String] = []
            for key in listKeys { names += try node.optionalStrings(key) }
            townships.append(Gazetteer.Township(name: name, names: names))
        }
        if townships.isEmpty { throw root.fail("no townships defined") }
        let gazetteer = Gazetteer(townships: townships,
                                  nonPlaceWords: try root.optionalStrings("non_place_words"),
                                  residenceCues: try root.optionalStrings("residence_cues"))
        return (gazetteer, text)
    }
}
