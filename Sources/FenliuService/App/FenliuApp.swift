import FenliuDomain
import FenliuHTTP
import FenliuStorage
import Foundation

/// The assembled service: storage, engine, router and server, started and stopped as one.
public final class FenliuApp: Sendable {
    public let configuration: ServiceConfiguration
    public let writer: DatabaseWriter
    public let readers: DatabaseReaderPool
    public let engines: EngineHolder
    public let events: EventStream
    public let delivery: DeliveryWorker
    let migrator: Migrator
    let server: HTTPServer
    let clock: @Sendable () -> Date
    let policy: LoopPolicy
    private let overdueTask: PeriodicTask

    /// Opens (creating and migrating) the database and loads the rules; does not listen yet.
    public init(configuration: ServiceConfiguration, clock: @escaping @Sendable () -> Date = { Date() },
                transport: (any DeliveryTransport)? = nil,
                environment: @escaping @Sendable (String) -> String? = { ProcessInfo.processInfo.environment[$0] }) throws {
        self.configuration = configuration
        self.clock = clock
        migrator = try Self.migrate(configuration)
        writer = try DatabaseWriter(configuration: configuration.database)
        readers = try DatabaseReaderPool(configuration: configuration.database)
        engines = EngineHolder(try DecisionEngine.load(configDirectory: configuration.configDirectory))
        let policy = LoopPolicy(configuration: configuration, publicURL: PublicURL(configuration.publicURL))
        self.policy = policy
        events = EventStream(databasePath: configuration.databasePath)
        delivery = DeliveryWorker(writer: writer, databasePath: configuration.databasePath,
                                  transport: transport ?? HTTPClientTransport(connectTimeoutMilliseconds: configuration.delivery.connectTimeoutMilliseconds),
                                  retry: configuration.delivery, policy: policy, clock: clock, environment: environment)
        let context = HandlerContext(writer: writer, readers: readers, engines: engines,
                                     authenticator: Authenticator(readers: readers), policy: policy, clock: clock)
        // After a group commit the event stream looks at once if anyone is watching, and the delivery worker if
        // the commit queued deliveries (the mark is kept on the writer's connection). Should the mark not be
        // attached (the database could not be written at start), every commit wakes the worker as before.
        let outboxWatch = OutboxWatch()
        let watched = (try? writer.write { db in db.attach(outboxWatch) }) != nil
        writer.onCommit { [events, delivery] in
            events.kickIfWatched()
            if outboxWatch.take() || !watched { delivery.kick() }
        }
        let router = Routes.make(context: context, migrator: migrator, configuration: configuration, events: events,
                                 hotlineSecret: { environment("FENLIU_HOTLINE_SECRET") })
        server = HTTPServer(configuration: configuration.server, responder: router, accessLog: AccessLog.write)
        let writer = self.writer
        let recentCalls = RecentCallLookback(writer: writer, clock: clock)
        do {
            try recentCalls.install(repeatWindowDays: engines.engine.policy.repeatWindowDays)
        } catch {
            // Not fatal: reads are served from an unwritable database, and the first intake fills the copy.
            ServiceLog.error("could not fill the recent-call lookup at start", metadata: ["error": "\(error)"])
        }
        // Rules may widen the repeat window: the in-memory copy is filled again to match.
        engines.onReplace { engine in recentCalls.widen(to: engine.policy.repeatWindowDays) }
        overdueTask = PeriodicTask(name: "fenliu-sla", interval: Double(configuration.sla.scanIntervalMilliseconds) / 1000) {
            _ = try? writer.write { db in try OverdueScan.run(now: clock(), policy: policy, in: db) }
            recentCalls.pruneIfDue()
        }
    }

    /// Runs one SLA scan now (the scheduler does this periodically); returns how many deadlines it marked.
    @discardableResult
    public func scanOverdue() throws -> Int {
        let now = clock()
        let policy = policy
        let marked = try writer.write { db in try OverdueScan.run(now: now, policy: policy, in: db) }
        if marked > 0 { events.kick(); delivery.kick() }
        return marked
    }

    /// Creates the database file's folder, applies pending migrations, and refuses to go on when an
    /// applied migration changed or the database is newer than this build.
    @discardableResult
    public static func migrate(_ configuration: ServiceConfiguration) throws -> Migrator {
        try migrateReporting(configuration).migrator
    }

    /// Migrates, and says which versions this run applied (empty when the database was already current).
    public static func migrateReporting(_ configuration: ServiceConfiguration) throws -> (migrator: Migrator, applied: [Int]) {
        let folder = (configuration.databasePath as NSString).deletingLastPathComponent
        if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        let migrator = Migrator(migrations: try Migrator.load(directory: configuration.migrationsDirectory))
        let connection = try Connection(path: configuration.databasePath)
        let applied = try migrator.migrate(connection)
        if !applied.isEmpty {
            ServiceLog.info("migrations applied", metadata: ["versions": "\(applied.map(\.version))"])
        }
        return (migrator, applied.map(\.version))
    }

    /// On a first start with no active token, creates one admin token and returns it (shown once).
    public func bootstrapAdminToken() throws -> String? {
        let now = clock()
        return try writer.write { db -> String? in
            guard try TokenStore.activeCount(in: db) == 0 else { return nil }
            return try TokenStore.create(role: .admin, township: nil, label: "bootstrap", now: now, in: db).token
        }
    }

    public func start() throws {
        try events.start()
        try delivery.start()
        overdueTask.start()
        try server.start()
        if configuration.publicURLOverride == nil {
            policy.baseURL.set("http://\(configuration.server.host):\(server.boundPort)")
        }
        ServiceLog.info("listening", metadata: [
            "host": "\(configuration.server.host)", "port": "\(server.boundPort)",
            "database": "\(configuration.databasePath)", "durability": "\(writer.effectiveSettings)",
            "ruleset_version": "\(engines.engine.rulesetVersion)",
        ])
    }

    public var boundPort: Int { server.boundPort }

    /// Stops accepting, finishes in-flight requests (their writes commit first), then closes storage.
    public func shutdown() {
        server.shutdown()
        overdueTask.stop()
        delivery.stop()
        events.stop()
        writer.shutdown()
        readers.shutdown()
    }

    /// Re-reads rules, gazetteer and model; on error the old engine stays in force.
    public func reloadRules() throws -> String {
        try engines.reload(configDirectory: configuration.configDirectory).current
    }
}
