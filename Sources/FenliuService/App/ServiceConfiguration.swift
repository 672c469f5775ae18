import FenliuDomain
import FenliuHTTP
import FenliuStorage
import Foundation
import Yams

/// Everything the service can be told, with the embedded defaults. A config file names only the keys it
/// changes; environment variables override the file and command-line flags override both.
public struct ServiceConfiguration: Sendable {
    public var server = HTTPServerConfiguration()
    public var databasePath = "data/fenliu.sqlite"
    public var writerQueueCapacity = 10_000
    public var maxBatchSize = 512
    public var readerCount = 2
    /// Background WAL checkpoint interval; 0 leaves checkpoints to SQLite on the commit path.
    public var checkpointIntervalMilliseconds = 500
    /// WAL size (frames) past which the writer checkpoints between batches so the WAL starts over; 0 = never.
    public var walRestartFrames = 4000
    /// The writer's WAL frames of one commit go to the kernel in writes of up to this many bytes; 0 = one per frame part.
    public var walWriteBufferBytes = DatabaseConfiguration.defaultWALWriteBufferBytes
    /// After a write fails for want of a writable database, /readyz says so for at least this long.
    public var unwritableHoldMilliseconds = 5000
    /// SQLite page caches, in KiB: the writer's connection and each reader's.
    public var writerCacheKiB = DatabaseConfiguration.defaultWriterCacheKiB
    public var readerCacheKiB = DatabaseConfiguration.defaultReaderCacheKiB
    /// Rules, gazetteer, boundaries and model.
    public var configDirectory = "config"
    public var migrationsDirectory = "migrations"
    public var sla = SLAPolicy()
    public var delivery = DeliveryPolicy()
    public var destinations = Destinations()
    public var subscribers: [Subscriber] = []
    /// Base URL put in pushed items' action links; defaults to the listening address.
    public var publicURLOverride: String?

    public init() {}

    public var publicURL: String {
        publicURLOverride ?? "http://\(server.host):\(server.port)"
    }

    public var database: DatabaseConfiguration {
        var c = DatabaseConfiguration(path: databasePath)
        c.writerQueueCapacity = writerQueueCapacity
        c.maxBatchSize = maxBatchSize
        c.readerCount = readerCount
        c.checkpointIntervalMilliseconds = checkpointIntervalMilliseconds
        c.walRestartFrames = walRestartFrames
        c.walWriteBufferBytes = walWriteBufferBytes
        c.unwritableHoldMilliseconds = unwritableHoldMilliseconds
        c.writerCacheKiB = writerCacheKiB
        c.readerCacheKiB = readerCacheKiB
        return c
    }

    public struct SLAPolicy: Sendable, Equatable {
        public var acknowledgeSeconds = 300
        public var onSiteSeconds = 480
        public var resolveSeconds = 86_400
        /// Deadlines that differ for a target (`township`, `hotline_12345`) …
        public var byTarget: [String: DeadlineOverride] = [:]
        /// … or for a category; a category's value wins over its target's.
        public var byCategory: [String: DeadlineOverride] = [:]
        /// How often the scheduler looks for missed deadlines.
        public var scanIntervalMilliseconds = 1_000
        public init() {}
    }

    public struct DeadlineOverride: Sendable, Equatable {
        public var acknowledgeSeconds: Int?
        public var onSiteSeconds: Int?
        public var resolveSeconds: Int?
        public init(acknowledgeSeconds: Int? = nil, onSiteSeconds: Int? = nil, resolveSeconds: Int? = nil) {
            self.acknowledgeSeconds = acknowledgeSeconds
            self.onSiteSeconds = onSiteSeconds
            self.resolveSeconds = resolveSeconds
        }
    }

    public struct DeliveryPolicy: Sendable, Equatable {
        public var maxAttempts = 8
        public var initialBackoffMilliseconds = 500
        public var maxBackoffMilliseconds = 60_000
        public var connectTimeoutMilliseconds = 2_000
        public var requestTimeoutMilliseconds = 5_000
        public init() {}
    }

    public struct Endpoint: Sendable, Equatable {
        /// nil: pull-only.
        public var url: String?
        /// Name of the environment variable that holds the signing secret.
        public var secretEnv: String?
    }

    public struct Destinations: Sendable, Equatable {
        public var townships: [String: Endpoint] = [:]
        public var hotline12345: Endpoint?
        public init() {}
    }

    public struct Subscriber: Sendable, Equatable {
        public var name: String
        public var kind: String
        public var url: String
        public var secretEnv: String?
        public var events: [String]
    }

    // MARK: Loading

    public struct LoadError: Error, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    /// Applies a YAML (or JSON) file over the current values.
    public mutating func apply(file path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LoadError(message: "cannot read config file \(path)")
        }
        let text = String(decoding: data, as: UTF8.self)
        do {
            if let tree = try Yams.load(yaml: text) {
                let unknown = ConfigFile.unknownKeys(in: tree)
                guard unknown.isEmpty else {
                    throw LoadError(message: "\(path): unknown key\(unknown.count == 1 ? "" : "s") \(unknown.joined(separator: ", "))")
                }
            }
            let file = try YAMLDecoder().decode(ConfigFile.self, from: text)
            try apply(file, source: path)
        } catch let error as LoadError {
            throw error
        } catch {
            throw LoadError(message: "\(path): \(error)")
        }
    }

    /// FENLIU_CONFIG is read by the caller (it chooses the file); these override single keys.
    public mutating func apply(environment: [String: String]) throws {
        if let host = environment["FENLIU_HOST"], !host.isEmpty { server.host = host }
        if let port = environment["FENLIU_PORT"], !port.isEmpty {
            guard let n = Int(port), (0...65535).contains(n) else { throw LoadError(message: "FENLIU_PORT must be 0–65535") }
            server.port = n
        }
        if let db = environment["FENLIU_DATABASE"], !db.isEmpty { databasePath = db }
    }

    mutating func apply(_ file: ConfigFile, source: String) throws {
        if let s = file.server {
            if let v = s.host { server.host = v }
            if let v = s.port { server.port = v }
            if let v = s.loops { server.loopCount = v > 0 ? v : HTTPServerConfiguration.defaultLoopCount }
            if let v = s.max_connections { server.maxConnections = v }
            if let v = s.max_header_bytes { server.maxHeaderBytes = v }
            if let v = s.max_body_bytes { server.maxBodyBytes = v }
            if let v = s.header_timeout_ms { server.headerTimeout = .milliseconds(v) }
            if let v = s.body_stall_timeout_ms { server.bodyStallTimeout = .milliseconds(v) }
            if let v = s.idle_timeout_ms { server.idleTimeout = .milliseconds(v) }
            if let v = s.write_timeout_ms { server.writeTimeout = .milliseconds(v) }
            if let v = s.gzip_min_bytes { server.gzipMinimumBytes = v }
            if let v = s.shutdown_grace_ms { server.shutdownGracePeriod = .milliseconds(v) }
        }
        if let d = file.database {
            if let v = d.path { databasePath = v }
            if let v = d.writer_queue_capacity { writerQueueCapacity = v }
            if let v = d.max_batch_size { maxBatchSize = v }
            if let v = d.readers { readerCount = max(1, v) }
            if let v = d.checkpoint_interval_ms { checkpointIntervalMilliseconds = max(0, v) }
            if let v = d.wal_restart_frames { walRestartFrames = max(0, v) }
            if let v = d.wal_write_buffer_bytes {
                guard v == 0 || (4096...64 * 1024 * 1024).contains(v) else {
                    throw LoadError(message: "\(source): database.wal_write_buffer_bytes must be 0 or 4096…67108864, got \(v)")
                }
                walWriteBufferBytes = v
            }
            if let v = d.unwritable_hold_ms { unwritableHoldMilliseconds = max(0, v) }
            func cacheKiB(_ key: String, _ value: Int?) throws -> Int? {
                let range = DatabaseConfiguration.cacheKiBRange
                guard let value, !range.contains(value) else { return value }
                throw LoadError(message: "\(source): database.\(key) must be \(range.lowerBound)…\(range.upperBound), got \(value)")
            }
            if let v = try cacheKiB("writer_cache_kib", d.writer_cache_kib) { writerCacheKiB = v }
            if let v = try cacheKiB("reader_cache_kib", d.reader_cache_kib) { readerCacheKiB = v }
        }
        if let v = file.config_dir { configDirectory = v }
        if let v = file.migrations_dir { migrationsDirectory = v }
        if let v = file.public_url { publicURLOverride = v }
        if let s = file.sla {
            if let v = s.acknowledge_seconds { sla.acknowledgeSeconds = v }
            if let v = s.on_site_seconds { sla.onSiteSeconds = v }
            if let v = s.resolve_seconds { sla.resolveSeconds = v }
            if let v = s.scan_interval_ms { sla.scanIntervalMilliseconds = max(10, v) }
            for (target, d) in s.by_target ?? [:] {
                guard ["township", "hotline_12345"].contains(target) else {
                    throw LoadError(message: "\(source): sla.by_target: '\(target)' is not township or hotline_12345")
                }
                sla.byTarget[target] = d.override
            }
            for (category, d) in s.by_category ?? [:] {
                guard Category(rawValue: category) != nil else {
                    throw LoadError(message: "\(source): sla.by_category: '\(category)' is not a category code")
                }
                sla.byCategory[category] = d.override
            }
        }
        if let d = file.delivery {
            if let v = d.max_attempts { delivery.maxAttempts = max(1, v) }
            if let v = d.initial_backoff_ms { delivery.initialBackoffMilliseconds = max(1, v) }
            if let v = d.max_backoff_ms { delivery.maxBackoffMilliseconds = max(1, v) }
            if let v = d.connect_timeout_ms { delivery.connectTimeoutMilliseconds = v }
            if let v = d.request_timeout_ms { delivery.requestTimeoutMilliseconds = v }
        }
        if let d = file.destinations {
            for (name, endpoint) in d.townships ?? [:] {
                destinations.townships[name] = Endpoint(url: endpoint.url, secretEnv: endpoint.secret_env)
            }
            if let h = d.hotline_12345 { destinations.hotline12345 = Endpoint(url: h.url, secretEnv: h.secret_env) }
        }
        if let subs = file.subscribers {
            subscribers = try subs.map { s in
                guard ["webhook", "dingtalk", "wecom"].contains(s.kind) else {
                    throw LoadError(message: "\(source): subscriber '\(s.name)': kind must be webhook, dingtalk or wecom")
                }
                return Subscriber(name: s.name, kind: s.kind, url: s.url, secretEnv: s.secret_env, events: s.events ?? ["decision"])
            }
        }
    }
}

/// The file's shape: every key optional, named as operators write them.
struct ConfigFile: Decodable {
    struct Server: Decodable {
        var host: String?; var port: Int?; var loops: Int?; var max_connections: Int?
        var max_header_bytes: Int?; var max_body_bytes: Int?; var header_timeout_ms: Int?
        var body_stall_timeout_ms: Int?; var idle_timeout_ms: Int?; var write_timeout_ms: Int?
        var gzip_min_bytes: Int?; var shutdown_grace_ms: Int?
    }
    struct Database: Decodable {
        var path: String?; var writer_queue_capacity: Int?; var max_batch_size: Int?; var readers: Int?
        var checkpoint_interval_ms: Int?; var wal_restart_frames: Int?; var unwritable_hold_ms: Int?
        var wal_write_buffer_bytes: Int?; var writer_cache_kib: Int?; var reader_cache_kib: Int?
    }
    struct SLA: Decodable {
        var acknowledge_seconds: Int?; var on_site_seconds: Int?; var resolve_seconds: Int?; var scan_interval_ms: Int?
        var by_target: [String: Deadlines]?; var by_category: [String: Deadlines]?
    }
    struct Deadlines: Decodable {
        var acknowledge_seconds: Int?; var on_site_seconds: Int?; var resolve_seconds: Int?
        var override: ServiceConfiguration.DeadlineOverride {
            .init(acknowledgeSeconds: acknowledge_seconds, onSiteSeconds: on_site_seconds, resolveSeconds: resolve_seconds)
        }
    }
    struct Delivery: Decodable {
        var max_attempts: Int?; var initial_backoff_ms: Int?; var max_backoff_ms: Int?
        var connect_timeout_ms: Int?; var request_timeout_ms: Int?
    }
    struct Endpoint: Decodable { var url: String?; var secret_env: String? }
    struct Destinations: Decodable { var townships: [String: Endpoint]?; var hotline_12345: Endpoint? }
    struct Subscriber: Decodable {
        var name: String; var kind: String; var url: String; var secret_env: String?; var events: [String]?
    }
    /// Keys the file may use, so a typo is an error instead of a silently ignored setting.
    static let knownKeys: [String: Set<String>] = [
        "": ["server", "database", "config_dir", "migrations_dir", "public_url", "sla", "delivery", "destinations", "subscribers"],
        "server": ["host", "port", "loops", "max_connections", "max_header_bytes", "max_body_bytes", "header_timeout_ms",
                   "body_stall_timeout_ms", "idle_timeout_ms", "write_timeout_ms", "gzip_min_bytes", "shutdown_grace_ms"],
        "database": ["path", "writer_queue_capacity", "max_batch_size", "readers", "checkpoint_interval_ms", "wal_restart_frames",
                     "unwritable_hold_ms", "wal_write_buffer_bytes", "writer_cache_kib", "reader_cache_kib"],
        "sla": ["acknowledge_seconds", "on_site_seconds", "resolve_seconds", "scan_interval_ms", "by_target", "by_category"],
        "deadlines": ["acknowledge_seconds", "on_site_seconds", "resolve_seconds"],
        "delivery": ["max_attempts", "initial_backoff_ms", "max_backoff_ms", "connect_timeout_ms", "request_timeout_ms"],
        "destinations": ["townships", "hotline_12345"],
        "endpoint": ["url", "secret_env"],
        "subscriber": ["name", "kind", "url", "secret_env", "events"],
    ]

    static func unknownKeys(in tree: Any) -> [String] {
        guard let root = tree as? [String: Any] else { return [] }
        var unknown: [String] = []
        func check(_ node: Any?, _ section: String, _ prefix: String) {
            guard let map = node as? [String: Any] else { return }
            for key in map.keys.sorted() where !(knownKeys[section]?.contains(key) ?? true) { unknown.append(prefix + key) }
        }
        check(root, "", "")
        for section in ["server", "database", "sla", "delivery", "destinations"] { check(root[section], section, section + ".") }
        let sla = root["sla"] as? [String: Any]
        for group in ["by_target", "by_category"] {
            for (name, deadlines) in (sla?[group] as? [String: Any]) ?? [:] { check(deadlines, "deadlines", "sla.\(group).\(name).") }
        }
        let destinations = root["destinations"] as? [String: Any]
        for (name, endpoint) in (destinations?["townships"] as? [String: Any]) ?? [:] {
            check(endpoint, "endpoint", "destinations.townships.\(name).")
        }
        check(destinations?["hotline_12345"], "endpoint", "destinations.hotline_12345.")
        for (i, subscriber) in ((root["subscribers"] as? [Any]) ?? []).enumerated() {
            check(subscriber, "subscriber", "subscribers[\(i)].")
        }
        return unknown
    }

    var server: Server?
    var database: Database?
    var config_dir: String?
    var migrations_dir: String?
    var public_url: String?
    var sla: SLA?
    var delivery: Delivery?
    var destinations: Destinations?
    var subscribers: [Subscriber]?
}
