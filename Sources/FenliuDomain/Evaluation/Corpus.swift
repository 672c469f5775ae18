import Foundation

/// The labelled JSONL corpus format (shared/corpus/README.md).
public struct Corpus: Sendable {
    public struct Label: Sendable, Codable, Equatable {
        public var police: Bool
        public var category: Category
        public var target: Target
        public var township: String?
        public var escalation: Bool
    }

    public struct Call: Sendable, Codable {
        public var id: String
        public var text: String
        public var address: String?
        public var caller: String?
        public var receivedAt: String?
        public var label: Label
        public var note: String?

        enum CodingKeys: String, CodingKey {
            case id, text, address, caller, label, note
            case receivedAt = "received_at"
        }

        public var input: CallInput {
            CallInput(text: text, address: address, callerPhone: caller,
                      receivedAt: receivedAt.flatMap(Corpus.parseDate) ?? Date(timeIntervalSince1970: 0))
        }
    }

    public var calls: [Call]

    public init(calls: [Call]) { self.calls = calls }

    /// Several corpora as one training set: the files in path order, a text that occurs twice counted once (the
    /// first file's label wins). Both learned models are trained on exactly this.
    public static func loadDistinct(paths: [String]) throws -> Corpus {
        var seen: Set<String> = []
        var calls: [Call] = []
        for path in paths.sorted() {
            for call in try load(path: path).calls where seen.insert(call.text).inserted { calls.append(call) }
        }
        return Corpus(calls: calls)
    }

    public static func load(path: String) throws -> Corpus {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DomainConfigError(file: path, message: "cannot read corpus")
        }
        return try parse(data: data, file: path)
    }

    public static func parse(data: Data, file: String = "<corpus>") throws -> Corpus {
        let decoder = JSONDecoder()
        var calls: [Call] = []
        for (number, line) in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            do {
                calls.append(try decoder.decode(Call.self, from: Data(trimmed.utf8)))
            } catch {
                throw DomainConfigError(file: file, line: number + 1, message: "invalid corpus record: \(error)")
            }
        }
        return Corpus(calls: calls)
    }

    static func parseDate(_ s: String) -> Date? {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.date(from: s)
    }
}
