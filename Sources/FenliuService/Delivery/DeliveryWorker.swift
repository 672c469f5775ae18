import FenliuDomain
import FenliuHTTP
import FenliuStorage
import Foundation
import Synchronization

/// Pushes outbox rows to their destinations, at least once, surviving restarts (the rows are the queue).
/// Each destination has a lane of its own, so one slow or dead receiver never delays the others.
public final class DeliveryWorker: Sendable {
    struct Pending: Sendable {
        let id: Int64
        let deliveryID: String
        let callID: String
        let itemID: Int64?
        let destination: String
        let kind: String
        let format: String
        let url: String
        let secretEnv: String?
        let payload: String
        let attempts: Int
    }

    private let writer: DatabaseWriter
    private let databasePath: String
    private let transport: any DeliveryTransport
    private let retry: ServiceConfiguration.DeliveryPolicy
    private let policy: LoopPolicy
    private let clock: @Sendable () -> Date
    private let environment: @Sendable (String) -> String?
    private let lanes = Mutex<[String: DeliveryLane]>([:])
    private let scheduler = Mutex<PeriodicTask?>(nil)

    public init(writer: DatabaseWriter, databasePath: String, transport: any DeliveryTransport,
                retry: ServiceConfiguration.DeliveryPolicy, policy: LoopPolicy,
                clock: @escaping @Sendable () -> Date,
                environment: @escaping @Sendable (String) -> String? = { ProcessInfo.processInfo.environment[$0] }) {
        self.writer = writer
        self.databasePath = databasePath
        self.transport = transport
        self.retry = retry
        self.policy = policy
        self.clock = clock
        self.environment = environment
    }

    public func start(pollInterval: TimeInterval = 0.1) throws {
        let connection = ConnectionBox(try Connection(path: databasePath, mode: .readOnly))
        let task = PeriodicTask(name: "fenliu-delivery", interval: pollInterval, minimumSpacing: 0.005) { [self] in
            self.dispatchDue(using: connection.connection)
        }
        scheduler.withLock { $0 = task }
        task.start()
    }

    /// New rows were committed: look now rather than at the next poll.
    public func kick() { scheduler.withLock { $0 }?.kick() }

    public func stop() {
        scheduler.withLock { $0 }?.stop()
        for lane in lanes.withLock({ Array($0.values) }) { lane.stop() }
    }

    /// Hands each idle destination its due rows, oldest first.
    private func dispatchDue(using db: Connection) {
        let now = RFC3339.format(clock())
        guard let rows = try? db.query("""
            SELECT id, delivery_id, call_id, item_id, destination, kind, format, url, secret_env, payload, attempts
            FROM deliveries WHERE state = 'pending' AND next_attempt_at <= ? ORDER BY id LIMIT 500
            """, [SQLValue(now)]) else { return }
        var byDestination: [String: [Pending]] = [:]
        for row in rows {
            guard let id = row.int("id"), let destination = row.string("destination") else { continue }
            byDestination[destination, default: []].append(Pending(
                id: id, deliveryID: row.string("delivery_id") ?? "", callID: row.string("call_id") ?? "",
                itemID: row.int("item_id"), destination: destination, kind: row.string("kind") ?? "item",
                format: row.string("format") ?? "json", url: row.string("url") ?? "", secretEnv: row.string("secret_env"),
                payload: row.string("payload") ?? "{}", attempts: Int(row.int("attempts") ?? 0)))
        }
        for (destination, pending) in byDestination {
            let lane = lanes.withLock { lanes in
                if let lane = lanes[destination] { return lane }
                let lane = DeliveryLane(name: destination) { [self] item in self.deliver(item) }
                lanes[destination] = lane
                return lane
            }
            lane.offer(pending)
        }
    }

    /// One attempt: send, then record the outcome in the database.
    func deliver(_ item: Pending) {
        let now = clock()
        let timestamp = String(Int64(now.timeIntervalSince1970))
        let body = Array(item.payload.utf8)
        var url = item.url
        var headers: [(String, String)] = [("Content-Type", "application/json"), ("X-Fenliu-Delivery", item.deliveryID),
                                           ("X-Fenliu-Timestamp", timestamp)]
        let secret = item.secretEnv.flatMap(environment)
        if item.format == "dingtalk" {
            if let secret { url = Signing.dingTalkURL(url, secret: secret, timestampMilliseconds: Int64(now.timeIntervalSince1970 * 1000)) }
        } else if let secret {
            headers.append(("X-Fenliu-Signature", Signing.signature(secret: secret, timestamp: timestamp, body: body)))
        }
        var status: Int?
        var failure: String?
        do {
            status = try transport.post(url: url, headers: headers, body: body,
                                        timeoutMilliseconds: retry.requestTimeoutMilliseconds)
            if let s = status, !(200..<300).contains(s) { failure = "HTTP \(s)" }
        } catch {
            failure = "\(error)"
        }
        record(item, status: status, failure: failure, now: now)
    }

    private func record(_ item: Pending, status: Int?, failure: String?, now: Date) {
        let attempts = item.attempts + 1
        let at = RFC3339.format(now)
        let retry = self.retry
        let policy = self.policy
        let next = RFC3339.format(now.addingTimeInterval(Self.backoff(attempt: attempts, policy: retry)))
        _ = try? writer.write { db in
            // A row cancelled (override, return) while in flight stays cancelled.
            guard let state = try db.queryFirst("SELECT state FROM deliveries WHERE id = ?", [SQLValue(item.id)])?.string("state"),
                  state == "pending" else { return }
            if failure == nil {
                try db.run("UPDATE deliveries SET state = 'delivered', attempts = ?, last_status = ?, last_error = NULL, updated_at = ? WHERE id = ?",
                           [SQLValue(attempts), SQLValue(status), SQLValue(at), SQLValue(item.id)])
                if item.kind == "item", let itemID = item.itemID {
                    try db.run("UPDATE items SET state = 'dispatched', dispatched_at = ?, updated_at = ? WHERE id = ? AND state = 'decided'",
                               [SQLValue(at), SQLValue(at), SQLValue(itemID)])
                    if db.changes > 0 {
                        try CallRepository.appendEvent(callID: item.callID, kind: "dispatched", actor: "delivery", at: at,
                                                       detail: "{\"item_id\":\(itemID),\"delivery_id\":\(JSONString.quote(item.deliveryID)),\"attempts\":\(attempts)}",
                                                       in: db)
                    }
                }
            } else if attempts >= retry.maxAttempts {
                try db.run("UPDATE deliveries SET state = 'dead', attempts = ?, last_status = ?, last_error = ?, updated_at = ? WHERE id = ?",
                           [SQLValue(attempts), SQLValue(status), SQLValue(String((failure ?? "").prefix(300))), SQLValue(at), SQLValue(item.id)])
                var detail = JSONWriter()
                detail.beginObject()
                detail.field("delivery_id", item.deliveryID)
                if let itemID = item.itemID { detail.field("item_id", Int(itemID)) }
                detail.field("destination", item.destination)
                detail.field("attempts", attempts)
                detail.endObject()
                try CallRepository.appendEvent(callID: item.callID, kind: "dead_letter", actor: "delivery", at: at,
                                               detail: detail.text, in: db)
                if item.kind != "notification" {
                    // The notice is a delivery of its own, with its own delivery_id; the one that failed is named apart.
                    try Outbox.notifySubscribers(event: "dead_letter", callID: item.callID, policy: policy, at: at, in: db, fields: { w in
                        w.field("failed_delivery_id", item.deliveryID)
                        if let itemID = item.itemID { w.field("item_id", Int(itemID)) }
                        w.field("destination", item.destination)
                        w.field("attempts", attempts)
                    }, summary: "推送失败已转人工：\(item.destination)")
                }
            } else {
                try db.run("UPDATE deliveries SET attempts = ?, last_status = ?, last_error = ?, next_attempt_at = ?, updated_at = ? WHERE id = ?",
                           [SQLValue(attempts), SQLValue(status), SQLValue(String((failure ?? "").prefix(300))), SQLValue(next),
                            SQLValue(at), SQLValue(item.id)])
            }
        }
    }

    /// Exponential backoff with ±20 % jitter, capped.
    static func backoff(attempt: Int, policy: ServiceConfiguration.DeliveryPolicy) -> TimeInterval {
        let base = Double(policy.initialBackoffMilliseconds) * pow(2, Double(max(0, attempt - 1)))
        let capped = min(base, Double(policy.maxBackoffMilliseconds))
        return capped * Double.random(in: 0.8...1.2) / 1000
    }
}

/// One destination's sender thread: takes rows in order, one at a time.
final class DeliveryLane: @unchecked Sendable {
    private let condition = NSCondition()
    private var queue: [DeliveryWorker.Pending] = []
    private var inFlight: Set<Int64> = []
    private var stopped = false
    private let send: @Sendable (DeliveryWorker.Pending) -> Void

    init(name: String, send: @escaping @Sendable (DeliveryWorker.Pending) -> Void) {
        self.send = send
        let thread = Thread { [self] in
            Thread.current.name = "fenliu-lane"
            self.loop()
        }
        thread.start()
    }

    /// Adds rows not already queued or being sent.
    func offer(_ rows: [DeliveryWorker.Pending]) {
        condition.lock()
        for row in rows where !inFlight.contains(row.id) {
            inFlight.insert(row.id)
            queue.append(row)
        }
        condition.signal()
        condition.unlock()
    }

    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }

    private func loop() {
        while true {
            condition.lock()
            while queue.isEmpty && !stopped { condition.wait() }
            if stopped { condition.unlock(); return }
            let next = queue.removeFirst()
            condition.unlock()
            send(next)
            condition.lock()
            inFlight.remove(next.id)
            condition.unlock()
        }
    }
}

/// Lets a non-Sendable connection be captured by the one thread that uses it.
final class ConnectionBox: @unchecked Sendable {
    let connection: Connection
    init(_ connection: Connection) { self.connection = connection }
}
