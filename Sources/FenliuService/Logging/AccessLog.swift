import FenliuHTTP
import Foundation

/// Access-log lines in the same JSON shape as the service log. The server hands us only
/// method, path, status, sizes, timing and ids, so no call text or phone number can get here.
public enum AccessLog {
    /// One write for all `entries` (an event-loop iteration's requests).
    public static func write(_ entries: [AccessLogEntry]) {
        guard !entries.isEmpty else { return }
        let ts = RFC3339.format(Date())
        var bytes: [UInt8] = []
        bytes.reserveCapacity(entries.count * 200)
        for entry in entries {
            bytes.append(contentsOf: line(entry, ts: ts).utf8)
            bytes.append(10)
        }
        StandardError.write(bytes)
    }

    static func line(_ entry: AccessLogEntry, ts: String) -> String {
        var w = JSONWriter()
        w.beginObject()
        w.field("ts", ts)
        w.field("level", "info")
        w.field("logger", "access")
        w.field("method", entry.method)
        w.field("path", entry.path)
        w.field("status", entry.status)
        w.field("bytes", entry.bytes)
        w.field("duration_us", entry.durationMicroseconds)
        w.field("request_id", entry.requestID)
        w.field("remote", entry.remoteAddress)
        w.endObject()
        return w.text
    }
}
