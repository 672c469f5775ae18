import FenliuDomain
import Synchronization

/// The decision engine in force. Swapped whole on reload, so a request sees one consistent rule set.
public final class EngineHolder: Sendable {
    private let current: Mutex<DecisionEngine>

    public init(_ engine: DecisionEngine) { current = Mutex(engine) }

    public var engine: DecisionEngine { current.withLock { $0 } }

    public func replace(with engine: DecisionEngine) { current.withLock { $0 = engine } }
}
