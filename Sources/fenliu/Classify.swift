import ArgumentParser
import FenliuDomain
import FenliuService
import Foundation

struct Classify: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print the decision for a call text without storing it.")

    @Argument(help: "The call text.") var text: String
    @Option(help: "The call's address.") var address: String?
    @Option(help: "Folder with rules, gazetteer and model (default config).") var configDir: String = "config"

    func run() throws {
        let engine = try DecisionEngine.load(configDirectory: ProjectFolders.resolve(configDir))
        let decision = engine.decide(CallInput(text: text, address: address))
        print(String(decoding: DecisionDocument.bytes(decision), as: UTF8.self))
    }
}
