import FenliuDomain
import Foundation

/// Everything about a new call that needs no database: worked out on the event loop, so the writer thread, whose
/// time bounds the service's throughput, only looks up history and inserts rows.
public struct PreparedIntake: Sendable {
    public let submission: CallSubmission
    public let classification: Classification
    public let input: CallInput
    /// Same call_id with the same hash is a retry; with another hash, a conflict.
    public let requestHash: String
    public let addressKey: String?
    public let now: Date
    public let nowText: String
    public let receivedUTC: String
    /// The text stage's reasons, already JSON: the decision's reasons begin with them.
    public let encodedReasons: EncodedReasons

    public init(_ submission: CallSubmission, engine: DecisionEngine, now: Date) {
        self.submission = submission
        let input = submission.callInput(intakeTime: now)
        self.input = input
        classification = engine.classify(input)
        requestHash = submission.requestHash
        addressKey = classification.addressKey
        self.now = now
        nowText = RFC3339.format(now)
        receivedUTC = RFC3339.format(input.receivedAt)
        encodedReasons = EncodedReasons(classification.reasons)
    }
}
