import ArgumentParser
import FenliuDomain
import Foundation

struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score the classifier on a labelled corpus (JSONL); exit non-zero below any floor given.")

    @Argument(help: "Labelled calls, one JSON object a line (the dev corpus format).") var corpus: String
    @Option(help: "Folder with rules, gazetteer and model.") var configDir: String = "config"
    @Option(help: "Rules file or folder to use instead of CONFIG_DIR/rules.") var rules: String?
    @Flag(help: "Print the report as JSON.") var json = false
    @Option(help: "Floor for police recall.") var minPoliceRecall: Double?
    @Option(help: "Floor for diversion recall.") var minDiversionRecall: Double?
    @Option(help: "Floor for diversion precision.") var minDiversionPrecision: Double?
    @Option(help: "Floor for exact target accuracy.") var minTargetAccuracy: Double?
    @Option(help: "Floor for township accuracy.") var minTownshipAccuracy: Double?
    @Option(help: "Floor for category accuracy.") var minCategoryAccuracy: Double?
    @Option(help: "Floor for escalation precision.") var minEscalationPrecision: Double?
    @Option(help: "Floor for escalation recall.") var minEscalationRecall: Double?

    func run() throws {
        let engine = try DecisionEngine.load(configDirectory: ProjectFolders.resolve(configDir), rulesPath: rules)
        let report = Evaluator.evaluate(engine: engine, corpus: try Corpus.load(path: corpus))
        if json {
            print(String(decoding: try report.jsonBytes(), as: UTF8.self))
        } else {
            print(report.text)
        }
        let floors: [(String, Double?, Double)] = [
            ("police recall", minPoliceRecall, report.policeRecall),
            ("diversion recall", minDiversionRecall, report.diversionRecall),
            ("diversion precision", minDiversionPrecision, report.diversionPrecision),
            ("target accuracy", minTargetAccuracy, report.targetAccuracy),
            ("township accuracy", minTownshipAccuracy, report.townshipAccuracy),
            ("category accuracy", minCategoryAccuracy, report.categoryAccuracy),
            ("escalation precision", minEscalationPrecision, report.escalationPrecision),
            ("escalation recall", minEscalationRecall, report.escalationRecall),
        ]
        var failed = false
        for (name, floor, value) in floors {
            guard let floor else { continue }
            let ok = value >= floor
            failed = failed || !ok
            FileHandle.standardError.write(Data("\(ok ? "ok  " : "FAIL") \(name) \(String(format: "%.4f", value)) (floor \(floor))\n".utf8))
        }
        if failed { throw ExitCode(1) }
    }
}

struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train the text model (naive Bayes on character n-grams) from labelled JSONL; deterministic.")

    @Argument(help: "Labelled corpora, one JSON object a line; a text that occurs twice is counted once.")
    var corpora: [String]
    @Option(name: .shortAndLong, help: "Where to write the model.") var output: String = "config/model.json"
    @Option(help: "Model id recorded in decisions' reasons.") var id: String = "nb-v1"

    func run() throws {
        let corpus = try Corpus.loadDistinct(paths: corpora)
        let model = ModelTrainer.train(corpus: corpus, id: id)
        try model.jsonData().write(to: URL(fileURLWithPath: output))
        print("trained \(id) on \(corpus.calls.count) calls, \(model.classes.count) classes, \(model.features.count) n-grams → \(output)")
    }
}
