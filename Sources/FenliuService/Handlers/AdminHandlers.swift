import FenliuDomain
import FenliuHTTP
import Foundation

/// `POST /v1/admin/reload`: swap in rules, gazetteer and model from disk; a bad file keeps the old ones.
struct AdminHandlers {
    let context: HandlerContext
    let configDirectory: String

    func reload(_ request: HTTPRequest, _ ctx: RequestContext, _ sink: ResponseSink) {
        context.authorized(request, sink, roles: [.admin]) { _ in
            // Loading reads files: do it off the loop thread.
            let engines = context.engines
            let directory = configDirectory
            Thread.detachNewThread {
                sink.send(Self.reload(engines: engines, configDirectory: directory))
            }
        }
    }

    static func reload(engines: EngineHolder, configDirectory: String) -> HTTPResponse {
        do {
            let (previous, current) = try engines.reload(configDirectory: configDirectory)
            var w = JSONWriter()
            w.beginObject()
            w.field("status", "reloaded")
            w.field("ruleset_version", current)
            w.field("previous_ruleset_version", previous)
            w.endObject()
            return .json(.ok, w.bytes)
        } catch {
            return .problem(ProblemDetails(type: "urn:fenliu:problem:invalid-config", title: "Invalid configuration",
                                           status: 422, detail: "\(error)",
                                           extensions: [("ruleset_version", JSONString.quote(engines.engine.rulesetVersion))]))
        }
    }
}

/// `GET /v1/stats?from=&to=` (admin).
struct StatsHandler {
    let context: HandlerContext

    func stats(_ request: HTTPRequest, _ ctx: RequestContext, _ sink: ResponseSink) {
        context.authorized(request, sink, roles: [.admin]) { _ in
            let window: TimeWindowQuery
            do throws(ServiceError) {
                window = try TimeWindowQuery(request)
            } catch {
                sink.send(error.response)
                return
            }
            let limit = context.policy.sla.onSiteSeconds
            let now = context.clock()
            context.read(sink, { db in
                try StatsQueries.document(from: window.from, to: window.to, onSiteLimitSeconds: limit, now: now, in: db)
            }, then: { .json(.ok, $0) })
        }
    }
}
