import FenliuHTTP
import FenliuStorage
import Foundation
import Synchronization

/// Server-Sent Events for desk screens (投屏). The timeline table is the source of truth: every event
/// has its row id as SSE id, so `Last-Event-ID` resumes from the log without gaps. One thread tails the
/// log and fans out; a subscriber that cannot keep up is dropped by the server's output limit.
public final class EventStream: Sendable {
    struct Subscriber: Sendable {
        let writer: StreamWriter
        let principal: Principal
        var lastSent: Int64
    }

    struct Event: Sendable {
        let id: Int64
        let callID: String
        let kind: String
        let frame: [UInt8]
        /// The receivers this event concerns: "township:<name>" and/or "hotline" (see `fetch`).
        let audiences: Set<String>
    }

    private let databasePath: String
    private let subscribers = Mutex<[ObjectIdentifier: Subscriber]>([:])
    private let task = Mutex<PeriodicTask?>(nil)
    /// Newest event id published so far.
    private let head = Mutex<Int64>(0)
    /// When the last keep-alive comment went out; idle screens get one every `heartbeatInterval`.
    private let lastHeartbeat = Mutex<ContinuousClock.Instant>(ContinuousClock.now)
    static let heartbeatInterval: Duration = .seconds(15)
    /// The most events one subscriber gets replayed on resume.
    static let maxBackfill = 10_000

    public init(databasePath: String) {
        self.databasePath = databasePath
    }

    public func start(pollInterval: TimeInterval = 0.1) throws {
        let connection = ConnectionBox(try Connection(path: databasePath, mode: .readOnly))
        head.withLock { $0 = (try? connection.connection.scalarInt("SELECT coalesce(max(id), 0) FROM call_events")) ?? 0 }
        let task = PeriodicTask(name: "fenliu-events", interval: pollInterval, minimumSpacing: 0.005) { [self] in
            self.tick(connection.connection)
        }
        self.task.withLock { $0 = task }
        task.start()
    }

    public func kick() { task.withLock { $0 }?.kick() }

    /// After a commit: look now only if someone is watching. With nobody subscribed the tail thread keeps the head
    /// current on its own poll, instead of being woken on every group commit to read it.
    public func kickIfWatched() {
        guard !subscribers.withLock({ $0.isEmpty }) else { return }
        kick()
    }

    public func stop() {
        task.withLock { $0 }?.stop()
        for s in subscribers.withLock({ Array($0.values) }) { s.writer.finish() }
        subscribers.withLock { $0.removeAll() }
    }

    /// Registers a stream; events after `lastEventID` (or only new ones) will be sent by the tailing thread.
    public func subscribe(_ writer: StreamWriter, principal: Principal, lastEventID: Int64?) {
        let start = lastEventID ?? head.withLock { $0 }
        let key = ObjectIdentifier(writer)
        subscribers.withLock { $0[key] = Subscriber(writer: writer, principal: principal, lastSent: start) }
        writer.onClose { [weak self] in _ = self?.subscribers.withLock { $0.removeValue(forKey: key) } }
        _ = writer.write(Array(": connected\nretry: 2000\n\n".utf8))
        kick()
    }

    private func tick(_ db: Connection) {
        heartbeatIfDue()
        let current = subscribers.withLock { $0 }
        guard let oldest = current.values.map(\.lastSent).min() else {
            head.withLock { $0 = (try? db.scalarInt("SELECT coalesce(max(id), 0) FROM call_events")) ?? $0 }
            return
        }
        guard let events = try? fetch(after: oldest, limit: Self.maxBackfill, in: db), !events.isEmpty else { return }
        head.withLock { $0 = max($0, events.last!.id) }
        for (key, subscriber) in current {
            var last = subscriber.lastSent
            var alive = true
            for event in events where event.id > last {
                if Self.visible(event, to: subscriber.principal) {
                    alive = subscriber.writer.write(event.frame)
                    if !alive { break }
                }
                last = event.id
            }
            if alive {
                subscribers.withLock { $0[key]?.lastSent = last }
            } else {
                subscribers.withLock { _ = $0.removeValue(forKey: key) }
            }
        }
    }

    /// A comment line keeps proxies from timing the stream out and finds clients that went away.
    private func heartbeatIfDue() {
        let now = ContinuousClock.now
        let due = lastHeartbeat.withLock { last in
            guard now - last >= Self.heartbeatInterval else { return false }
            last = now
            return true
        }
        guard due else { return }
        for (key, subscriber) in subscribers.withLock({ $0 }) where !subscriber.writer.write(Array(": ping\n\n".utf8)) {
            subscribers.withLock { _ = $0.removeValue(forKey: key) }
        }
    }

    static func visible(_ event: Event, to principal: Principal) -> Bool {
        switch principal.role {
        case .admin, .desk: return true
        case .hotline: return event.audiences.contains("hotline")
        case .township: return principal.township.map { event.audiences.contains("township:\($0)") } ?? false
        }
    }

    private func fetch(after id: Int64, limit: Int, in db: Connection) throws -> [Event] {
        // Who may see an event: the owner of the item it names; for a decision, the side it sends the call to; for a
        // dead letter, the side that could not be reached; anything else about the call, the owners of its open
        // items. A township that once held a call does not follow it after it moved on. A detail that is not JSON
        // (none is written so) reads as {} rather than failing the stream for everyone.
        let rows = try db.query("""
            SELECT e.id, e.call_id, e.kind, e.actor, e.at, e.detail,
                   CASE
                     WHEN json_extract(e.d, '$.item_id') IS NOT NULL THEN
                       (SELECT CASE i.target WHEN 'township' THEN 'township:' || i.township ELSE 'hotline' END
                        FROM items i WHERE i.id = json_extract(e.d, '$.item_id'))
                     WHEN e.kind = 'decided' THEN
                       CASE json_extract(e.d, '$.target')
                         WHEN 'township' THEN 'township:' || json_extract(e.d, '$.township')
                         WHEN 'hotline_12345' THEN 'hotline'
                       END
                     WHEN e.kind = 'dead_letter' THEN
                       CASE
                         WHEN json_extract(e.d, '$.destination') LIKE 'township:%' THEN json_extract(e.d, '$.destination')
                         WHEN json_extract(e.d, '$.destination') = 'hotline_12345' THEN 'hotline'
                       END
                     ELSE
                       (SELECT group_concat(CASE i.target WHEN 'township' THEN 'township:' || i.township ELSE 'hotline' END, char(31))
                        FROM items i
                        WHERE i.call_id = e.call_id AND i.state <> 'closed' AND i.state <> 'returned' AND i.state <> 'cancelled')
                   END AS audiences
            FROM (SELECT *, CASE WHEN json_valid(detail) THEN detail ELSE '{}' END AS d
                  FROM call_events WHERE id > ? ORDER BY id LIMIT ?) e
            ORDER BY e.id
            """, [SQLValue(id), SQLValue(limit)])
        return rows.compactMap { row in
            guard let id = row.int("id"), let callID = row.string("call_id"), let kind = row.string("kind") else { return nil }
            var w = JSONWriter()
            TimelineEvent.write(row, to: &w)
            let frame = "id: \(id)\nevent: \(kind)\ndata: \(w.text)\n\n"
            let audiences = Set((row.string("audiences") ?? "").split(separator: "\u{1F}").map(String.init))
            return Event(id: id, callID: callID, kind: kind, frame: Array(frame.utf8), audiences: audiences)
        }
    }
}
