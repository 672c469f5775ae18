import FenliuDomain
import FenliuHTTP
import FenliuStorage
import Foundation

/// SQL for calls, decisions, items and the timeline. Every function takes the connection it runs on,
/// so the caller decides the thread and the transaction.
public enum CallRepository {
    public enum IntakeOutcome: Sendable {
        case created(DecisionRecord)
        case replayed(DecisionRecord)
    }

    /// Stores a new call with its decision, timeline and queue item, or recognises a retry.
    /// Runs on the writer inside the group-commit transaction.
    public static func intake(_ prepared: PreparedIntake, engine: DecisionEngine, policy: LoopPolicy,
                              in db: Connection) throws -> IntakeOutcome {
        let submission = prepared.submission
        let nowText = prepared.nowText
        // Before the insert: a connection without the repeat-count index fills it from `calls`, which must not yet
        // hold this call.
        let recentCalls = try RecentCallIndex.on(db, lookbackDays: engine.policy.repeatWindowDays + RecentCallIndex.slackDays,
                                                 now: prepared.now)
        // The insert is also the idempotency check: nearly every call_id is new, and then the unique index is walked
        // once, not once to probe and again to insert. The history lookups below never read `calls` by this id.
        try db.run("""
            INSERT INTO calls (call_id, source, text, address, address_key, caller_phone, lat, lon,
                               received_at, received_utc, request_hash, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (call_id) DO NOTHING
            """, [SQLValue(submission.callID), SQLValue(submission.source), SQLValue(submission.text),
                  SQLValue(submission.address), SQLValue(prepared.addressKey), SQLValue(submission.callerPhone),
                  SQLValue(submission.location?.lat), SQLValue(submission.location?.lon),
                  SQLValue(submission.receivedAt ?? nowText), SQLValue(prepared.receivedUTC),
                  SQLValue(prepared.requestHash), SQLValue(nowText)])
        guard db.changes == 1 else {
            let existing = try db.queryFirst("SELECT request_hash FROM calls WHERE call_id = ?", [SQLValue(submission.callID)])
            guard existing?.string("request_hash") == prepared.requestHash else {
                throw ServiceError.conflict("call_id '\(submission.callID)' was already submitted with a different body.")
            }
            guard let record = try currentDecision(callID: submission.callID, in: db) else { throw ServiceError.internalError }
            return .replayed(record)
        }
        let callRow = db.lastInsertRowID
        let history = SQLCallHistory(db: db, countLimit: engine.policy.repeatMinCalls,
                                     repeatWindowDays: engine.policy.repeatWindowDays)
        let decision = engine.decide(prepared.input, classification: prepared.classification, history: history)
        if let failure = history.failure.error { throw failure }
        // Added after deciding: the repeat counts exclude the call being decided.
        recentCalls.record(callRow: callRow, phone: submission.callerPhone, addressKey: prepared.addressKey,
                           received: prepared.input.receivedAt)
        let events = EventBatch()
        events.append(callID: submission.callID, kind: "received", actor: "source:\(submission.source)", at: nowText,
                      detail: "{}")
        let record = try insertDecision(decision, callID: submission.callID, placeTownship: prepared.classification.township,
                                        decidedBy: "classifier", at: nowText, encodedReasons: prepared.encodedReasons,
                                        in: db, events: events)
        let decisionID = record.decisionID
        try openItems(for: decision, callID: submission.callID, decisionID: decisionID, policy: policy, now: prepared.now,
                      in: db, events: events)
        if let first = decision.duplicateOf {
            // 一事多报: the report is linked on the first call's timeline instead of being forwarded again.
            events.append(callID: first, kind: "duplicate_reported", actor: "router", at: nowText,
                          detail: "{\"call_id\":\(JSONString.quote(submission.callID))}")
        }
        try announce(decision, callID: submission.callID, source: submission.source, policy: policy, at: nowText, in: db,
                     events: events)
        try events.flush(in: db)
        return .created(record)
    }

    /// Records a decision and its timeline event.
    @discardableResult
    static func insertDecision(_ decision: Decision, callID: String, placeTownship: String?, decidedBy: String,
                               at: String, encodedReasons: EncodedReasons? = nil, in db: Connection,
                               events: EventBatch? = nil) throws -> DecisionRecord {
        let decisionID = newID(prefix: "dec")
        // The record is built first so the JSON columns are encoded once, for the row and the answer alike.
        var record = DecisionRecord(decision: decision, rowID: 0, decisionID: decisionID, callID: callID,
                                    placeTownship: placeTownship, decidedBy: decidedBy, decidedAt: at,
                                    encodedReasons: encodedReasons)
        try db.run("""
            INSERT INTO decisions (decision_id, call_id, police, category, target, township, confidence, reasons,
                                   escalation, repeat_flag, risk_flags, duplicate_of, linked_township,
                                   ruleset_version, decided_by, decided_at, place_township)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [SQLValue(decisionID), SQLValue(callID), SQLValue(record.police), SQLValue(record.category),
                  SQLValue(record.target), SQLValue(record.township), SQLValue(record.confidence),
                  SQLValue(record.reasonsJSON), SQLValue(record.escalation), SQLValue(record.repeatFlag),
                  SQLValue(record.riskFlagsJSON), SQLValue(record.duplicateOf), SQLValue(record.linkedTownship),
                  SQLValue(record.rulesetVersion), SQLValue(decidedBy), SQLValue(at), SQLValue(placeTownship)])
        record.rowID = db.lastInsertRowID
        var w = JSONWriter()
        w.beginObject()
        w.field("decision_id", decisionID)
        w.field("target", decision.target.rawValue)
        w.field("category", decision.category.rawValue)
        w.field("township", decision.township)
        w.field("duplicate_of", decision.duplicateOf)
        w.endObject()
        try appendEvent(callID: callID, kind: "decided", actor: decidedBy, at: at, detail: w.text, in: db, batch: events)
        return record
    }

    /// Queues the hand-over items a decision calls for: the primary item for a township or 12345,
    /// and the township follow-up of a joint-handling (联动) police decision.
    static func openItems(for decision: Decision, callID: String, decisionID: String, policy: LoopPolicy, now: Date,
                          in db: Connection, events: EventBatch? = nil) throws {
        switch decision.target {
        case .township, .hotline12345:
            try ItemRepository.create(callID: callID, decisionID: decisionID, kind: "primary", target: decision.target.rawValue,
                                      township: decision.target == .township ? decision.township : nil,
                                      category: decision.category.rawValue, policy: policy, now: now, in: db,
                                      events: events)
        case .police, .none:
            break
        }
        if decision.target == .police, let linked = decision.linkedTownship {
            try ItemRepository.create(callID: callID, decisionID: decisionID, kind: "follow_up", target: "township",
                                      township: linked, category: decision.category.rawValue, policy: policy, now: now, in: db,
                                      events: events)
        }
    }

    /// 接警同步: tells the subscribers about the decision; a police matter that came in through 12345
    /// is also announced as a transfer to the desk.
    static func announce(_ decision: Decision, callID: String, source: String, policy: LoopPolicy, at: String,
                         in db: Connection, events: EventBatch? = nil) throws {
        let transfer = source == "12345" && decision.police
        // Most deployments subscribe nobody to decisions: then there is nothing to build on the writer thread.
        guard transfer || !policy.subscribers(for: "decision").isEmpty else { return }
        let fields: (inout JSONWriter) -> Void = { w in
            w.field("police", decision.police)
            w.field("category", decision.category.rawValue)
            w.field("target", decision.target.rawValue)
            w.field("township", decision.township)
            w.field("escalation", decision.risk.escalation)
            w.field("duplicate_of", decision.duplicateOf)
        }
        let place: String = switch decision.target {
        case .township: decision.township ?? "?"
        case .hotline12345: "12345"
        case .police: "110"
        case .none: decision.duplicateOf.map { "一事多报，并入 \($0)" } ?? "仅记录"
        }
        try Outbox.notifySubscribers(event: "decision", callID: callID, policy: policy, at: at, in: db, fields: fields,
                                     summary: "\(decision.category.rawValue) → \(decision.target.rawValue) \(place)")
        if transfer {
            try appendEvent(callID: callID, kind: "police_transfer", actor: "router", at: at,
                            detail: "{\"category\":\(JSONString.quote(decision.category.rawValue))}", in: db, batch: events)
            try Outbox.notifySubscribers(event: "police_transfer", callID: callID, policy: policy, at: at, in: db,
                                         fields: fields, summary: "12345 转 110 警情：\(decision.category.rawValue)")
        }
    }

    /// Announces a decision a person made (an override, or the re-route after a return) as an intake's is
    /// announced, so the subscribers' picture follows the item wherever it goes.
    static func announceRedecision(_ decision: Decision, callID: String, policy: LoopPolicy, at: String,
                                   in db: Connection) throws {
        let source = try db.queryFirst("SELECT source FROM calls WHERE call_id = ?", [SQLValue(callID)])?.string("source") ?? "110"
        try announce(decision, callID: callID, source: source, policy: policy, at: at, in: db)
    }

    /// Marks the current decision as replaced (override or re-route).
    static func supersede(callID: String, at: String, in db: Connection) throws {
        try db.run("UPDATE decisions SET superseded_at = ? WHERE call_id = ? AND superseded_at IS NULL",
                   [SQLValue(at), SQLValue(callID)])
    }

    public static func appendEvent(callID: String, kind: String, actor: String, at: String, detail: String,
                                   in db: Connection) throws {
        try db.run("INSERT INTO call_events (call_id, kind, actor, at, detail) VALUES (?, ?, ?, ?, ?)",
                   [SQLValue(callID), SQLValue(kind), SQLValue(actor), SQLValue(at), SQLValue(detail)])
    }

    /// Appends to `batch` when there is one (the intake writes its events together), else writes the event now.
    static func appendEvent(callID: String, kind: String, actor: String, at: String, detail: String,
                            in db: Connection, batch: EventBatch?) throws {
        if let batch {
            batch.append(callID: callID, kind: kind, actor: actor, at: at, detail: detail)
        } else {
            try appendEvent(callID: callID, kind: kind, actor: actor, at: at, detail: detail, in: db)
        }
    }

    public static func currentDecision(callID: String, in db: Connection) throws -> DecisionRecord? {
        try db.queryFirst("SELECT \(DecisionRecord.columns) FROM decisions d WHERE d.call_id = ? ORDER BY d.id DESC LIMIT 1",
                          [SQLValue(callID)]).map(DecisionRecord.init(row:))
    }

    /// Time-ordered ids (milliseconds, then randomness): new rows land at the end of the unique index instead
    /// of on a random page of it.
    static func newID(prefix: String, now: Date = Date()) -> String {
        let millis = UInt64(max(0, now.timeIntervalSince1970 * 1000))
        var bytes = Array(prefix.utf8)
        bytes.reserveCapacity(bytes.count + 1 + 16 + 12)
        bytes.append(UInt8(ascii: "_"))
        Hex.appendFixedWidth(millis, minimumDigits: 12, to: &bytes)
        Hex.appendRandom(byteCount: 6, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension CallSubmission {
    func callInput(intakeTime: Date) -> CallInput {
        CallInput(text: text, address: address, location: location, callerPhone: callerPhone,
                  receivedAt: receivedDate ?? intakeTime, source: source)
    }
}
