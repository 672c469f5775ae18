import FenliuStorage
import Foundation

/// Rows the delivery worker will send. Always written inside the transaction that caused them,
/// so a committed decision can never lose its delivery and a rolled-back one never sends.
public enum Outbox {
    public enum Kind: String, Sendable { case item, cancellation, notification }
    public enum Format: String, Sendable { case json, dingtalk, wecom }

    @discardableResult
    static func enqueue(callID: String, itemID: Int64?, destination: String, kind: Kind, format: Format, url: String,
                        secretEnv: String?, payload: (String) -> String, at: String, in db: Connection) throws -> String {
        let deliveryID = CallRepository.newID(prefix: "dlv")
        try db.run("""
            INSERT INTO deliveries (delivery_id, call_id, item_id, destination, kind, format, url, secret_env, payload,
                                    state, attempts, next_attempt_at, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?)
            """, [SQLValue(deliveryID), SQLValue(callID), SQLValue(itemID), SQLValue(destination), SQLValue(kind.rawValue),
                  SQLValue(format.rawValue), SQLValue(url), SQLValue(secretEnv), SQLValue(payload(deliveryID)),
                  SQLValue(at), SQLValue(at), SQLValue(at)])
        db.attachment(OutboxWatch.self)?.noteQueued()
        return deliveryID
    }

    /// Announces an event to every subscriber that asked for it (接警同步). Notifications carry ids, category,
    /// target and township — never the call text or a phone number, since group chats are outside the system.
    static func notifySubscribers(event: String, callID: String, policy: LoopPolicy, at: String, in db: Connection,
                                  fields: (inout JSONWriter) -> Void, summary: String) throws {
        for subscriber in policy.subscribers(for: event) {
            let format = Format(rawValue: subscriber.kind == "webhook" ? "json" : subscriber.kind) ?? .json
            try enqueue(callID: callID, itemID: nil, destination: "subscriber:\(subscriber.name)", kind: .notification,
                        format: format, url: subscriber.url, secretEnv: subscriber.secretEnv, payload: { deliveryID in
                switch format {
                case .json:
                    var w = JSONWriter()
                    w.beginObject()
                    w.field("delivery_id", deliveryID)
                    w.field("event", event)
                    w.field("call_id", callID)
                    w.field("at", at)
                    fields(&w)
                    w.field("link", "\(policy.publicURL)/v1/calls/\(callID)")
                    w.endObject()
                    return w.text
                case .dingtalk, .wecom:
                    // Both robots accept {"msgtype":"text","text":{"content":…}}.
                    var w = JSONWriter()
                    w.beginObject()
                    w.field("msgtype", "text")
                    w.key("text")
                    w.beginObject()
                    w.field("content", "【分流】\(summary)（\(callID)）")
                    w.endObject()
                    w.endObject()
                    return w.text
                }
            }, at: at, in: db)
        }
    }

    /// Cancels what is still pending for an item and, where its receiver has an endpoint, sends it a cancellation.
    static func cancelPending(itemID: Int64, callID: String, reason: String, policy: LoopPolicy, target: String,
                              township: String?, at: String, in db: Connection) throws {
        try db.run("UPDATE deliveries SET state = 'cancelled', updated_at = ? WHERE item_id = ? AND state = 'pending'",
                   [SQLValue(at), SQLValue(itemID)])
        guard let (name, endpoint) = policy.endpoint(target: target, township: township), let url = endpoint.url else { return }
        try enqueue(callID: callID, itemID: nil, destination: name, kind: .cancellation, format: .json, url: url,
                    secretEnv: endpoint.secretEnv, payload: { deliveryID in
            var w = JSONWriter()
            w.beginObject()
            w.field("delivery_id", deliveryID)
            w.field("event", "cancelled")
            w.field("call_id", callID)
            w.field("item_id", Int(itemID))
            w.field("reason", reason)
            w.field("at", at)
            w.endObject()
            return w.text
        }, at: at, in: db)
    }
}
