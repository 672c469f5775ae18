/// Who is calling, as established from a bearer token.
public enum Role: String, Sendable, CaseIterable {
    case admin, desk, hotline, township
}

public struct Principal: Sendable, Equatable {
    public let tokenID: Int64
    public let role: Role
    /// Set exactly when `role == .township`: the township whose items this token may see and act on.
    public let township: String?

    public init(tokenID: Int64, role: Role, township: String?) {
        self.tokenID = tokenID
        self.role = role
        self.township = township
    }

    /// How the actor appears in a call's timeline.
    public var actorName: String {
        if let township { return "township:\(township)#\(tokenID)" }
        return "\(role.rawValue)#\(tokenID)"
    }

    public func require(_ allowed: Set<Role>) throws(ServiceError) {
        guard allowed.contains(role) else {
            throw .forbidden("This token's role (\(role.rawValue)) may not do this; allowed: \(allowed.map(\.rawValue).sorted().joined(separator: ", ")).")
        }
    }
}
