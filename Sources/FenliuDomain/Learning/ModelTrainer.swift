/// Trains the naive Bayes text model. Deterministic: counts only, classes sorted, no randomness.
public enum ModelTrainer {
    public static func train(corpus: Corpus, id: String = "nb-v1", ngramMin: Int = 1, ngramMax: Int = 2,
                             alpha: Double = 0.5) -> TextModel {
        let classes = Set(corpus.calls.map(\.label.category.rawValue)).sorted()
        let classIndex = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, $0) })
        var documents = [Int](repeating: 0, count: classes.count)
        var features: [String: [Int]] = [:]
        for call in corpus.calls {
            guard let c = classIndex[call.label.category.rawValue] else { continue }
            documents[c] += 1
            for gram in TextModel.ngrams(call.text, min: ngramMin, max: ngramMax) {
                features[gram, default: [Int](repeating: 0, count: classes.count)][c] += 1
            }
        }
        let sparse = features.mapValues { counts in
            counts.enumerated().filter { $0.element > 0 }.flatMap { [$0.offset, $0.element] }
        }
        return TextModel(id: id, ngramMin: ngramMin, ngramMax: ngramMax, alpha: alpha, classes: classes,
                         documentCounts: documents, features: sparse)
    }
}
