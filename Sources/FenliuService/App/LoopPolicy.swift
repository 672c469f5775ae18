import FenliuDomain
import Synchronization

/// The service's own base URL, settable once the listening port is known.
public final class PublicURL: Sendable {
    private let current: Mutex<String>
    public init(_ value: String) { current = Mutex(value) }
    public var value: String { current.withLock { $0 } }
    public func set(_ value: String) { current.withLock { $0 = value } }
}

/// What the closed loop needs at the moment an item is created: deadlines and where it goes.
public struct LoopPolicy: Sendable {
    public var sla: ServiceLevelPolicy
    let slaByTarget: [String: ServiceConfiguration.DeadlineOverride]
    let slaByCategory: [String: ServiceConfiguration.DeadlineOverride]
    public var destinations: ServiceConfiguration.Destinations
    public var subscribers: [ServiceConfiguration.Subscriber]
    /// Base URL that receivers use to act on items (the links in a pushed item). Without `public_url` in the
    /// config it is the listening address, known only once the port is bound (port 0 picks one).
    public var publicURL: String { baseURL.value }
    let baseURL: PublicURL

    public init(configuration: ServiceConfiguration, publicURL: PublicURL) {
        sla = ServiceLevelPolicy(acknowledgeSeconds: configuration.sla.acknowledgeSeconds,
                                 onSiteSeconds: configuration.sla.onSiteSeconds,
                                 resolveSeconds: configuration.sla.resolveSeconds)
        slaByTarget = configuration.sla.byTarget
        slaByCategory = configuration.sla.byCategory
        destinations = configuration.destinations
        subscribers = configuration.subscribers
        baseURL = publicURL
    }

    /// The deadlines for an item: the defaults, then the target's, then the category's.
    func sla(target: String, category: String) -> ServiceLevelPolicy {
        var policy = sla
        for o in [slaByTarget[target], slaByCategory[category]].compactMap({ $0 }) {
            if let v = o.acknowledgeSeconds { policy.acknowledgeSeconds = v }
            if let v = o.onSiteSeconds { policy.onSiteSeconds = v }
            if let v = o.resolveSeconds { policy.resolveSeconds = v }
        }
        return policy
    }

    /// The push endpoint for an item's receiver, or nil when that side pulls.
    func endpoint(target: String, township: String?) -> (name: String, endpoint: ServiceConfiguration.Endpoint)? {
        if target == "hotline_12345" {
            guard let e = destinations.hotline12345, e.url != nil else { return nil }
            return ("hotline_12345", e)
        }
        guard let township, let e = destinations.townships[township], e.url != nil else { return nil }
        return ("township:\(township)", e)
    }

    func subscribers(for event: String) -> [ServiceConfiguration.Subscriber] {
        subscribers.filter { $0.events.contains(event) }
    }
}
