import Foundation

/// Thresholds operators tune without rebuilding (config/policy.yaml).
public struct Policy: Sendable {
    /// Rule confidence below this keeps a non-police classification with police.
    public var divertMinConfidence = 0.6
    /// Off unless policy.yaml says otherwise: see the `model:` block there for what it costs.
    public var modelEnabled = false
    /// Model probability below this keeps the call with police.
    public var modelMinConfidence = 0.8
    /// The learned model may divert a call no rule decided only while the police model reads it as a police matter
    /// with at most this probability; without a police model it never diverts.
    public var modelMaxPoliceProbability = 0.2
    /// Calls shorter than this (ideographs, digits and letters) that no rule decided stay police.
    public var modelMinCharacters = 12
    /// Whether the police model (config/police-model.tsv) may keep a call the rules would divert with the police.
    public var policeVetoEnabled = true
    /// The police probability at or above which it does.
    public var policeVetoMinProbability = 0.8
    /// Calls shorter than this (ideographs, digits and letters) are left to the rules: a few characters are too
    /// little for the model to judge ("楼上漏水").
    public var policeVetoMinCharacters = 12
    public var repeatWindowDays = 30.0
    /// Calls within the window, including the current one, that make a repeat.
    public var repeatMinCalls = 3
    public var duplicateWindowMinutes = 120.0
    public var duplicateMinSimilarity = 0.5
    /// Two reports known to come from the same place (same address, or coordinates within `duplicateSamePlaceMeters`)
    /// need less of the same wording to be one incident; reports known to come from different places are never one.
    public var duplicateSamePlaceMinSimilarity = 0.25
    public var duplicateSamePlaceMeters = 150.0
    public var negationWindow = 5
    public var pastWindow = 6

    public init() {}

    static func load(path: String) throws -> (Policy, String) {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw DomainConfigError(file: path, message: "cannot read policy")
        }
        let root = try YAMLValue.load(text: text, file: path)
        try root.checkKeys(["divert_min_confidence", "model", "police_veto", "repeat", "duplicate", "negation_window", "past_window"])
        var p = Policy()
        p.divertMinConfidence = try root.optionalDouble("divert_min_confidence", default: p.divertMinConfidence)
        if let model = root["model"] {
            try model.checkKeys(["enabled", "min_confidence", "max_police_probability", "min_characters"])
            p.modelEnabled = try model.optionalBool("enabled", default: p.modelEnabled)
            p.modelMinConfidence = try model.optionalDouble("min_confidence", default: p.modelMinConfidence)
            p.modelMaxPoliceProbability = try model.optionalDouble("max_police_probability",
                                                                   default: p.modelMaxPoliceProbability)
            p.modelMinCharacters = try model.wholeNumber("min_characters", default: p.modelMinCharacters, key: "model.min_characters")
        }
        if let veto = root["police_veto"] {
            try veto.checkKeys(["enabled", "min_probability", "min_characters"])
            p.policeVetoEnabled = try veto.optionalBool("enabled", default: p.policeVetoEnabled)
            p.policeVetoMinProbability = try veto.optionalDouble("min_probability", default: p.policeVetoMinProbability)
            p.policeVetoMinCharacters = try veto.wholeNumber("min_characters", default: p.policeVetoMinCharacters,
                                                             key: "police_veto.min_characters")
        }
        if let repeatNode = root["repeat"] {
            try repeatNode.checkKeys(["window_days", "min_calls_including_current"])
            p.repeatWindowDays = try repeatNode.optionalDouble("window_days", default: p.repeatWindowDays)
            p.repeatMinCalls = Int(try repeatNode.optionalDouble("min_calls_including_current", default: Double(p.repeatMinCalls)))
        }
        if let duplicate = root["duplicate"] {
            try duplicate.checkKeys(["window_minutes", "min_similarity", "same_place_min_similarity", "same_place_meters"])
            p.duplicateWindowMinutes = try duplicate.optionalDouble("window_minutes", default: p.duplicateWindowMinutes)
            p.duplicateMinSimilarity = try duplicate.optionalDouble("min_similarity", default: p.duplicateMinSimilarity)
            p.duplicateSamePlaceMinSimilarity = try duplicate.optionalDouble("same_place_min_similarity",
                                                                             default: p.duplicateSamePlaceMinSimilarity)
            p.duplicateSamePlaceMeters = try duplicate.optionalDouble("same_place_meters", default: p.duplicateSamePlaceMeters)
            guard p.duplicateSamePlaceMeters >= 0 else { throw duplicate.fail("duplicate.same_place_meters must not be negative") }
        }
        p.negationWindow = Int(try root.optionalDouble("negation_window", default: Double(p.negationWindow)))
        p.pastWindow = Int(try root.optionalDouble("past_window", default: Double(p.pastWindow)))
        for (value, name) in [(p.divertMinConfidence, "divert_min_confidence"), (p.modelMinConfidence, "model.min_confidence"),
                              (p.modelMaxPoliceProbability, "model.max_police_probability"),
                              (p.policeVetoMinProbability, "police_veto.min_probability"),
                              (p.duplicateMinSimilarity, "duplicate.min_similarity"),
                              (p.duplicateSamePlaceMinSimilarity, "duplicate.same_place_min_similarity")] where !(0...1).contains(value) {
            throw root.fail("\(name) must be within 0…1")
        }
        return (p, text)
    }
}

private extension YAMLValue {
    /// A count setting: a whole number, 0 or more. `key` is the full name the error gives.
    func wholeNumber(_ name: String, default value: Int, key: String) throws -> Int {
        let number = try optionalDouble(name, default: Double(value))
        guard number >= 0, number == number.rounded(), number < 1e9 else { throw fail("\(key) must be a whole number, 0 or more") }
        return Int(number)
    }
}
