import FenliuHTTP
import Foundation

/// Access-log lines in the same JSON shape as the service log. The server hands us only
/// method, path, status, sizes, timing and ids, so no call text or phone number can get here.
public enum AccessLog {
    public static func write(_ entry: AccessLogEntry) {
        var w = JSONWriter()
        w.beginObject()
        w.field("ts", RFC3339.format(Date()))
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
        StandardError.writeLine(w.text)
    }
}
