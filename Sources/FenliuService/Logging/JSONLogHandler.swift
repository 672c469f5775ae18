import Foundation
import Logging
import Synchronization

/// One JSON object per line on stderr. Messages and metadata are ours; call texts and phone numbers
/// are never passed to the logger, so they cannot appear here.
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info
    private let label: String

    public init(label: String) { self.label = label }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var w = JSONWriter()
        w.beginObject()
        w.field("ts", RFC3339.format(Date()))
        w.field("level", event.level.rawValue)
        w.field("logger", label)
        w.field("msg", "\(event.message)")
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        for key in merged.keys.sorted() { w.field(key, "\(merged[key]!)") }
        w.endObject()
        StandardError.writeLine(w.text)
    }
}

/// Serialised line writes to stderr, so concurrent log lines never interleave.
public enum StandardError {
    private static let lock = Mutex(())

    public static func writeLine(_ line: String) {
        var bytes = Array(line.utf8)
        bytes.append(10)
        write(bytes)
    }

    /// Writes whole lines (`bytes` ends with a newline) in one go, never interleaved with another thread's.
    public static func write(_ bytes: [UInt8]) {
        lock.withLock { _ in
            bytes.withUnsafeBytes { raw in
                var offset = 0
                while offset < raw.count {
                    let n = Glibc.write(2, raw.baseAddress! + offset, raw.count - offset)
                    if n <= 0 { if n < 0 && errno == EINTR { continue }; return }
                    offset += n
                }
            }
        }
    }
}

/// The service's logger.
public enum ServiceLog {
    public static let logger = Logger(label: "fenliu")

    private static let bootstrapped = Mutex(false)

    /// Idempotent: every command may call it.
    public static func bootstrap() {
        let first = bootstrapped.withLock { done in
            defer { done = true }
            return !done
        }
        if first { LoggingSystem.bootstrap { JSONLogHandler(label: $0) } }
    }

    public static func info(_ message: String, metadata: Logger.Metadata = [:]) {
        logger.info("\(message)", metadata: metadata)
    }

    public static func error(_ message: String, metadata: Logger.Metadata = [:]) {
        logger.error("\(message)", metadata: metadata)
    }
}
