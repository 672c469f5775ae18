import FenliuDomain
import Synchronization

/// The decision engine in force. Swapped whole on reload, so a request sees one consistent rule set.
public final class EngineHolder: Sendable {
    private let current: Mutex<DecisionEngine>
    private let observers = Mutex<[@Sendable (DecisionEngine) -> Void]>([])

    public init(_ engine: DecisionEngine) { current = Mutex(engine) }

    public var engine: DecisionEngine { current.withLock { $0 } }

    public func replace(with engine: DecisionEngine) {
        current.withLock { $0 = engine }
        for observer in observers.withLock({ $0 }) { observer(engine) }
    }

    /// Runs `observer` with each engine swapped in, after the swap.
    public func onReplace(_ observer: @escaping @Sendable (DecisionEngine) -> Void) {
        observers.withLock { $0.append(observer) }
    }

    /// Loads rules, gazetteer and model from disk and swaps them in; on any error the engine in force stays.
    /// Returns the previous and the new ruleset version.
    @discardableResult
    public func reload(configDirectory: String) throws -> (previous: String, current: String) {
        let engine = try DecisionEngine.load(configDirectory: configDirectory)
        let previous = current.withLock { held in
            defer { held = engine }
            return held.rulesetVersion
        }
        for observer in observers.withLock({ $0 }) { observer(engine) }
        ServiceLog.info("rules reloaded", metadata: ["ruleset_version": "\(engine.rulesetVersion)", "previous": "\(previous)"])
        return (previous, engine.rulesetVersion)
    }
}
