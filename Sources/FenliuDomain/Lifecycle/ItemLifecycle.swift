/// The life of an item handed to a township command room or the 12345 hotline.
/// Transitions are a pure function, so every rule about order lives here and nowhere else.
public enum ItemState: String, Sendable, CaseIterable, Codable {
    case decided
    case dispatched
    case acknowledged
    case onSite = "on_site"
    case resolved
    case verified
    case closed
    case returned
    case cancelled

    public var isTerminal: Bool { self == .closed || self == .returned || self == .cancelled }
    /// Open items still need someone to act.
    public var isOpen: Bool { !isTerminal }
}

public enum ItemAction: String, Sendable, CaseIterable, Codable {
    case dispatch
    case ack
    case arrive
    case resolve
    case verify
    case close
    case `return`
    case cancel

    /// Whether a receiver or the desk may ask for it (`POST /v1/items/{call_id}/{action}`); dispatching and
    /// cancelling are the service's own steps.
    public var isCallable: Bool { self != .dispatch && self != .cancel }

    /// The name of the timeline event the action records.
    public var eventKind: String {
        switch self {
        case .dispatch: return "dispatched"
        case .ack: return "acknowledged"
        case .arrive: return "arrived"
        case .resolve: return "feedback"
        case .verify: return "verified"
        case .close: return "closed"
        case .return: return "returned"
        case .cancel: return "cancelled"
        }
    }
}

public struct InvalidTransition: Error, Equatable, Sendable {
    public let from: ItemState
    public let action: ItemAction
    public let allowed: [ItemAction]
}

/// One transition: the action and the states it leads from and to.
public struct ItemStep: Equatable, Sendable {
    public let action: ItemAction
    public let from: ItemState
    public let to: ItemState
}

/// decided → dispatched → acknowledged → on_site → resolved → verified → closed, with returned and cancelled as
/// the ways out. `onSite` items (a township's) must report arriving before they resolve; other items may resolve
/// from acknowledged. Nothing skips verification.
public enum ItemLifecycle {
    public static func allowedActions(from state: ItemState, onSite: Bool = false) -> [ItemAction] {
        switch state {
        case .decided: return [.dispatch, .ack, .return, .cancel]
        case .dispatched: return [.dispatch, .ack, .return, .cancel]
        case .acknowledged: return onSite ? [.arrive, .return, .cancel] : [.arrive, .resolve, .return, .cancel]
        case .onSite: return [.resolve, .return, .cancel]
        case .resolved: return [.verify, .cancel]
        case .verified: return [.close]
        case .closed, .returned, .cancelled: return []
        }
    }

    /// The steps an action takes from `state`. Acknowledging an item still marked decided means the receiver has it
    /// (it may acknowledge before the push's 2xx is recorded), so the dispatch is recorded first, not skipped.
    public static func steps(_ action: ItemAction, from state: ItemState,
                             onSite: Bool = false) -> Result<[ItemStep], InvalidTransition> {
        if action == .ack && state == .decided {
            return .success([ItemStep(action: .dispatch, from: .decided, to: .dispatched),
                             ItemStep(action: .ack, from: .dispatched, to: .acknowledged)])
        }
        return apply(action, to: state, onSite: onSite).map { [ItemStep(action: action, from: state, to: $0)] }
    }

    public static func apply(_ action: ItemAction, to state: ItemState,
                             onSite: Bool = false) -> Result<ItemState, InvalidTransition> {
        let allowed = allowedActions(from: state, onSite: onSite)
        guard allowed.contains(action) else {
            return .failure(InvalidTransition(from: state, action: action, allowed: allowed))
        }
        switch action {
        case .dispatch: return .success(state == .decided ? .dispatched : state)
        case .ack: return .success(.acknowledged)
        case .arrive: return .success(.onSite)
        case .resolve: return .success(.resolved)
        case .verify: return .success(.verified)
        case .close: return .success(.closed)
        case .return: return .success(.returned)
        case .cancel: return .success(.cancelled)
        }
    }
}
