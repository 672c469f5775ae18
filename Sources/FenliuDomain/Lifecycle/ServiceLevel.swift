import Foundation

/// Deadlines an item must meet, and which of them a moment in time has missed.
/// Pure: the scheduler passes `now`, so tests move time without sleeping.
public enum Deadline: String, Sendable, CaseIterable, Codable {
    case acknowledge
    case onSite = "on_site"
    case resolve
}

public struct ServiceLevelPolicy: Sendable, Equatable {
    public var acknowledgeSeconds: Int
    public var onSiteSeconds: Int
    public var resolveSeconds: Int

    public init(acknowledgeSeconds: Int = 300, onSiteSeconds: Int = 480, resolveSeconds: Int = 86_400) {
        self.acknowledgeSeconds = acknowledgeSeconds
        self.onSiteSeconds = onSiteSeconds
        self.resolveSeconds = resolveSeconds
    }

    /// Deadlines for an item created at `start`. On-site feedback is due only for on-site work.
    public func deadlines(from start: Date, onSite: Bool) -> [Deadline: Date] {
        var result: [Deadline: Date] = [
            .acknowledge: start.addingTimeInterval(TimeInterval(acknowledgeSeconds)),
            .resolve: start.addingTimeInterval(TimeInterval(resolveSeconds)),
        ]
        if onSite { result[.onSite] = start.addingTimeInterval(TimeInterval(onSiteSeconds)) }
        return result
    }
}

public enum ServiceLevel {
    /// The deadline a state still has to meet: acknowledging ends with `acknowledged`, arriving with `on_site`
    /// (or with resolving, for work finished without an arrival report), resolving with `resolved`.
    public static func isMet(_ deadline: Deadline, in state: ItemState) -> Bool {
        switch deadline {
        case .acknowledge:
            return ![.decided, .dispatched].contains(state)
        case .onSite:
            return ![.decided, .dispatched, .acknowledged].contains(state)
        case .resolve:
            return ![.decided, .dispatched, .acknowledged, .onSite].contains(state)
        }
    }

    /// Deadlines passed at `now` that the item has not met, excluding those already reported.
    public static func missed(deadlines: [Deadline: Date], state: ItemState, now: Date,
                              alreadyReported: Set<Deadline>) -> [Deadline] {
        guard state.isOpen else { return [] }
        return Deadline.allCases.filter { deadline in
            guard let due = deadlines[deadline], due <= now, !alreadyReported.contains(deadline) else { return false }
            return !isMet(deadline, in: state)
        }
    }
}
