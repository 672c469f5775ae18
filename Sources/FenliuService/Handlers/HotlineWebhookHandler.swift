import FenliuDomain
import FenliuHTTP
import FenliuStorage
import Foundation

/// `POST /v1/webhooks/hotline`: calls and status updates from the 12345 hotline, signed with
/// HMAC-SHA256 over `timestamp + "." + raw body`, deduplicated by `event_id`.
struct HotlineWebhookHandler {
    let context: HandlerContext
    /// Reads the shared secret (environment variable FENLIU_HOTLINE_SECRET in production).
    let secret: @Sendable () -> String?
    static let allowedSkew: TimeInterval = 300

    enum Event: Sendable {
        case call(CallSubmission)
        case status(callID: String, status: String, result: String?, satisfaction: Int?)
    }

    func handle(_ request: HTTPRequest, _ ctx: RequestContext, _ sink: ResponseSink) {
        guard let secret = secret(), !secret.isEmpty else {
            sink.send(ServiceError.notConfigured("The hotline webhook has no shared secret configured (FENLIU_HOTLINE_SECRET).").response)
            return
        }
        let now = context.clock()
        guard let timestamp = request.headers["X-Hotline-Timestamp"], let seconds = Int64(timestamp) else {
            sink.send(ServiceError.badSignature("X-Hotline-Timestamp (Unix seconds) is missing or not a number.").response)
            return
        }
        guard abs(now.timeIntervalSince1970 - TimeInterval(seconds)) <= Self.allowedSkew else {
            sink.send(ServiceError.badSignature("X-Hotline-Timestamp is more than 5 minutes from the server's clock.").response)
            return
        }
        guard let signature = request.headers["X-Hotline-Signature"],
              Signing.verify(secret: secret, timestamp: timestamp, body: request.body, presented: signature) else {
            sink.send(ServiceError.badSignature("X-Hotline-Signature does not match the body.").response)
            return
        }
        let eventID: String
        let event: Event
        do throws(ServiceError) {
            (eventID, event) = try Self.parse(HandlerContext.jsonBody(request))
        } catch {
            sink.send(error.response)
            return
        }
        let engine = context.engines.engine
        let policy = context.policy
        let prepared: PreparedIntake? = if case .call(let submission) = event {
            PreparedIntake(submission, engine: engine, now: now)
        } else { nil }
        context.write(sink, { db -> (Int, [UInt8]) in
            if let seen = try db.queryFirst("SELECT response FROM webhook_events WHERE event_id = ?", [SQLValue(eventID)]) {
                return (200, Array((seen.string("response") ?? "{}").utf8))
            }
            let status: Int
            let body: [UInt8]
            let callID: String
            switch event {
            case .call(let submission):
                callID = submission.callID
                guard let prepared else { throw ServiceError.internalError }
                switch try CallRepository.intake(prepared, engine: engine, policy: policy, in: db) {
                case .created(let record): (status, body) = (201, record.jsonBytes)
                case .replayed(let record): (status, body) = (200, record.jsonBytes)
                }
            case .status(let id, let hotlineStatus, let result, let satisfaction):
                callID = id
                let item = try Self.applyStatus(callID: id, status: hotlineStatus, result: result, satisfaction: satisfaction,
                                                engine: engine, policy: policy, now: now, in: db)
                (status, body) = (200, Array(try ItemRepository.itemDocument(itemID: item.id, policy: policy, in: db).utf8))
            }
            try db.run("INSERT INTO webhook_events (event_id, type, call_id, received_at, status, response) VALUES (?, ?, ?, ?, ?, ?)",
                       [SQLValue(eventID), SQLValue(event.typeName), SQLValue(callID), SQLValue(RFC3339.format(now)),
                        SQLValue(status), SQLValue(String(decoding: body, as: UTF8.self))])
            return (status, body)
        }, then: { result in .json(.code(result.0), result.1) })
    }

    static let hotline = Principal(tokenID: 0, role: .hotline, township: nil)

    /// accepted = acknowledged; resolved = feedback with result; closed = verified (with the caller's
    /// satisfaction) and closed.
    static func applyStatus(callID: String, status: String, result: String?, satisfaction: Int?, engine: DecisionEngine,
                            policy: LoopPolicy, now: Date, in db: Connection) throws -> ItemRepository.ItemRow {
        var input = ItemRepository.TransitionInput()
        input.result = result
        input.satisfaction = satisfaction
        input.note = "12345 status: \(status)"
        // A call the hotline never received an item for is as unknown to it as one that does not exist: 404.
        guard let item = try ItemRepository.actionableItem(callID: callID, principal: hotline, in: db) else {
            throw ServiceError.notFound("No call '\(callID)' was forwarded to 12345.")
        }
        func step(_ action: ItemAction) throws -> ItemRepository.ItemRow {
            try ItemRepository.transition(callID: callID, action: action, principal: hotline, input: input, engine: engine,
                                          policy: policy, now: now, in: db)
        }
        do {
            switch status {
            case "accepted": return try step(.ack)
            case "resolved":
                if input.result == nil { input.result = "resolved by 12345" }
                return try step(.resolve)
            default:
                if item.state == .resolved { _ = try step(.verify) }
                return try step(.close)
            }
        } catch ServiceError.invalidTransition(let from, _, let allowed) {
            // The hotline speaks in its statuses, not in the item's actions.
            throw ServiceError.invalidTransition(from: from, action: status, allowed: webhookStatuses(for: allowed))
        }
    }

    /// The statuses that would move an item on from where the item's allowed actions leave it, in the order given.
    static func webhookStatuses(for actions: [String]) -> [String] {
        var statuses: [String] = []
        for action in actions {
            let status: String? = switch ItemAction(rawValue: action) {
            case .ack: "accepted"
            case .resolve: "resolved"
            case .verify, .close: "closed"
            default: nil
            }
            if let status, !statuses.contains(status) { statuses.append(status) }
        }
        return statuses
    }

    static func parse(_ body: JSONValue) throws(ServiceError) -> (String, Event) {
        guard case .object = body else { throw .invalidField(field: "", detail: "The body must be a JSON object.") }
        guard let eventID = body["event_id"]?.stringValue, (1...128).contains(eventID.utf8.count) else {
            throw .invalidField(field: "event_id", detail: "event_id is required (1–128 characters).")
        }
        switch body["type"]?.stringValue {
        case "call":
            guard let call = body["call"], case .object(var members) = call else {
                throw .invalidField(field: "call", detail: "a call event needs a call object.")
            }
            members["source"] = .string("12345")
            do {
                return (eventID, .call(try CallSubmission.validate(.object(members))))
            } catch {
                if case .invalidField(let field, let detail) = error {
                    throw .invalidField(field: "call." + field, detail: detail)
                }
                throw error
            }
        case "status":
            guard let callID = body["call_id"]?.stringValue, !callID.isEmpty else {
                throw .invalidField(field: "call_id", detail: "a status event needs call_id.")
            }
            guard let status = body["status"]?.stringValue, ["accepted", "resolved", "closed"].contains(status) else {
                throw .invalidField(field: "status", detail: "status must be accepted, resolved or closed.")
            }
            var satisfaction: Int?
            if let s = body["satisfaction"], !s.isNull {
                guard let n = s.numberValue, n == n.rounded(), (1...5).contains(n) else {
                    throw .invalidField(field: "satisfaction", detail: "satisfaction must be an integer from 1 to 5.")
                }
                satisfaction = Int(n)
            }
            let result = body["result"]?.stringValue
            return (eventID, .status(callID: callID, status: status, result: result, satisfaction: satisfaction))
        default:
            throw .invalidField(field: "type", detail: "type must be call or status.")
        }
    }
}

extension HotlineWebhookHandler.Event {
    var typeName: String {
        switch self {
        case .call: return "call"
        case .status: return "status"
        }
    }
}
