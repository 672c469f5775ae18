import Foundation
@testable import FenliuDomain

/// Paths and shared fixtures for the domain tests.
enum Fixture {
    static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static let configDirectory = packageRoot + "/config"

    static var corpusPath: String {
        Bundle.module.path(forResource: "dev-calls", ofType: "jsonl", inDirectory: "Fixtures")
            ?? packageRoot + "/Tests/FenliuDomainTests/Fixtures/dev-calls.jsonl"
    }

    static let engine: DecisionEngine = {
        do { return try DecisionEngine.load(configDirectory: configDirectory) } catch { fatalError("\(error)") }
    }()

    static func tempDirectory() -> String {
        let dir = NSTemporaryDirectory() + "fenliu-domain-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    /// A copy of the shipped config in a temporary folder, for tests that change one file.
    static func copyOfConfig() throws -> String {
        let dir = tempDirectory()
        for name in try FileManager.default.contentsOfDirectory(atPath: configDirectory) {
            try FileManager.default.copyItem(atPath: configDirectory + "/" + name, toPath: dir + "/" + name)
        }
        return dir
    }
}
