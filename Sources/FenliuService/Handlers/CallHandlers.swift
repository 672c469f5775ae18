import FenliuDomain
import FenliuHTTP
import FenliuStorage
import Foundation

/// `POST /v1/calls`, `GET /v1/calls/{call_id}`, `GET /v1/decisions`.
struct CallHandlers {
    let context: HandlerContext

    func intake(_ request: HTTPRequest, _ ctx: RequestContext, _ sink: ResponseSink) {
        context.authorized(request, sink, roles: [.desk, .admin]) { _ in
            let submission: CallSubmission
            do throws(ServiceError) {
                submission = try CallSubmission.validate(HandlerContext.jsonBody(request))
            } catch {
                sink.send(error.response)
                return
            }
            let engine = context.engines.engine
            // The text stage, hashing and formatting are pure CPU and run here; only history-dependent steps and
            // the inserts run on the writer.
            let prepared = PreparedIntake(submission, engine: engine, now: context.clock())
            context.write(sink, { db in
                try CallRepository.intake(prepared, engine: engine, policy: context.policy, in: db)
            }, then: { outcome in
                switch outcome {
                case .created(let record): return .json(.created, record.jsonBytes, headers: ["Location": "/v1/calls/\(record.callID)"])
                case .replayed(let record): return .json(.ok, record.jsonBytes)
                }
            })
        }
    }

    func show(_ request: HTTPRequest, _ ctx: RequestContext, _ sink: ResponseSink) {
        let callID = ctx.parameters["call_id"] ?? ""
        context.authorized(request, sink, roles: [.desk, .admin]) { _ in
            context.read(sink, { db in try CallQueries.callDocument(callID: callID, in: db) }, then: { document in
                guard let document else { return ServiceError.notFound("No call with call_id '\(callID.prefix(64))'.").response }
                return .json(.ok, document)
            })
        }
    }

    func listDecisions(_ request: HTTPRequest, _ ctx: RequestContext, _ sink: ResponseSink) {
        context.authorized(request, sink, roles: [.admin]) { _ in
            let filter: CallQueries.DecisionFilter
            do throws(ServiceError) {
                filter = try Self.decisionFilter(request) { name throws(ServiceError) in
                    try context.canonicalTownship(name, field: "township")
                }
            } catch {
                sink.send(error.response)
                return
            }
            context.read(sink, { db in try CallQueries.decisionPage(filter, in: db) }, then: { .json(.ok, $0) })
        }
    }

    /// `canonicalTownship` turns a short or canonical township name into the stored canonical one (or refuses it), so
    /// `township=稠城` finds what `township=稠城街道` finds and a misspelt name is an error, not an empty page.
    static func decisionFilter(_ request: HTTPRequest,
                               canonicalTownship: (String) throws(ServiceError) -> String) throws(ServiceError)
        -> CallQueries.DecisionFilter {
        var filter = CallQueries.DecisionFilter()
        if let target = nonEmpty(request.queryValue("target")) {
            guard Target(rawValue: target) != nil else {
                throw .invalidField(field: "target", detail: "target must be one of police, township, hotline_12345, none.")
            }
            filter.target = target
        }
        if let township = nonEmpty(request.queryValue("township")) { filter.township = try canonicalTownship(township) }
        if let category = nonEmpty(request.queryValue("category")) {
            guard Category(rawValue: category) != nil else {
                throw .invalidField(field: "category", detail: "category is not a known category code.")
            }
            filter.category = category
        }
        if let police = nonEmpty(request.queryValue("police")) {
            switch police {
            case "true", "1": filter.police = true
            case "false", "0": filter.police = false
            default: throw .invalidField(field: "police", detail: "police must be true or false.")
            }
        }
        let window = try TimeWindowQuery(request)
        filter.from = window.from
        filter.to = window.to
        if let limit = nonEmpty(request.queryValue("limit")) {
            guard let n = Int(limit), (1...500).contains(n) else {
                throw .invalidField(field: "limit", detail: "limit must be an integer from 1 to 500.")
            }
            filter.limit = n
        }
        if let cursor = nonEmpty(request.queryValue("cursor")) {
            guard let before = Cursor.decode(cursor) else {
                throw .invalidField(field: "cursor", detail: "cursor is not one this service issued.")
            }
            filter.before = before
        }
        return filter
    }

    static func nonEmpty(_ s: String?) -> String? {
        guard let s, !s.isEmpty else { return nil }
        return s
    }
}
