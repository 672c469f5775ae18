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

public enum ItemLifecycle {
    public static func allowedActions(from state: ItemState) -> [ItemAction] {
        switch state {
        case .decided: return [.dispatch, .ack, .return, .cancel]
        case .dispatched: return [.dispatch, .ack, .return, .cancel]
        case .acknowledged: return [.arrive, .resolve, .return, .cancel]
        case .onSite: return [.resolve, .return, .cancel]
        case .resolved: return [.verify, .close, .cancel]
        case .verified: return [.close]
        case .closed, .returned, .cancelled: return []
        }
    }

    public static func apply(_ action: ItemAction, to state: ItemState) -> Result<ItemState, InvalidTransition> {
        guard allowedActions(from: state).contains(action) else {
            return .failure(InvalidTransition(from: state, action: action, allowed: allowedActions(from: state)))
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
