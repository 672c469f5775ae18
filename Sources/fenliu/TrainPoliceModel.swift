import ArgumentParser
import FenliuDomain
import Foundation

struct TrainPoliceModel: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train-police-model",
        abstract: "Train the police model (police or not, naive Bayes on character 1-3-grams) from labelled JSONL; deterministic.")

    @Argument(help: "Labelled corpora, one JSON object a line; a text that occurs twice is counted once.")
    var corpora: [String]
    @Option(name: .shortAndLong, help: "Where to write the model.") var output: String = "config/police-model.tsv"
    @Option(help: "Model id recorded in the reasons of the decisions it changes.") var id: String = "police-nb-v1"

    func run() throws {
        let examples = try Corpus.loadDistinct(paths: corpora).calls.map { (text: $0.text, police: $0.label.police) }
        guard examples.contains(where: \.police), examples.contains(where: { !$0.police }) else {
            throw ValidationError("the corpora need both police and non-police calls")
        }
        let model = PoliceModel.train(examples, id: id)
        try Data(model.tsv().utf8).write(to: URL(fileURLWithPath: output))
        print("trained \(id) on \(examples.count) calls (\(model.documents.police) police), \(model.features.count) n-grams → \(output)")
    }
}
