import Synchronization
import Testing
@testable import FenliuHTTP

/// In-process router tests: no sockets, the sink captures the answer.
@Suite("Router")
struct RouterTests {
    final class Captured: Sendable {
        let responses = Mutex<[HTTPResponse]>([])
        var sink: ResponseSink {
            ResponseSink { part in
                switch part {
                case .complete(let response): self.responses.withLock { $0.append(response) }
                case .deferred(let build): self.responses.withLock { $0.append(build()) }
                case .streamHead: break
                }
            }
        }
        var last: HTTPResponse? { responses.withLock { $0.last } }
    }

    static func router() -> Router {
        var r = Router()
        r.get("/v1/calls/:call_id") { _, ctx, sink in
            sink.send(HTTPResponse(status: .ok, body: Array("call \(ctx.parameters["call_id"] ?? "")".utf8)))
        }
        r.post("/v1/calls") { _, _, sink in sink.send(HTTPResponse(status: .created)) }
        r.post("/v1/items/:call_id/:action") { _, ctx, sink in
            sink.send(HTTPResponse(status: .ok, body: Array("\(ctx.parameters["call_id"]!) \(ctx.parameters["action"]!)".utf8)))
        }
        return r
    }

    func answer(_ method: HTTPMethod, _ path: String) -> HTTPResponse? {
        let captured = Captured()
        Self.router().respond(to: HTTPRequest(method: method, target: path, path: path),
                              context: RequestContext(requestID: "t", remoteAddress: "test"), sink: captured.sink)
        return captured.last
    }

    @Test func pathParametersAreBound() {
        #expect(answer(.get, "/v1/calls/110-0001")?.body == Array("call 110-0001".utf8))
        #expect(answer(.post, "/v1/items/c-9/ack")?.body == Array("c-9 ack".utf8))
    }

    @Test func headIsServedByTheGetRoute() {
        #expect(answer(.head, "/v1/calls/x")?.status == .ok)
    }

    @Test func unknownPathIs404ProblemAndWrongMethodIs405WithAllow() throws {
        let missing = try #require(answer(.get, "/v1/nothing"))
        #expect(missing.status.code == 404)
        #expect(missing.headers["Content-Type"] == "application/problem+json")
        let wrong = try #require(answer(.delete, "/v1/calls/x"))
        #expect(wrong.status.code == 405)
        #expect(wrong.headers["Allow"] == "GET, HEAD")
        #expect(answer(.get, "/v1/calls")?.headers["Allow"] == "POST")
    }

    @Test func segmentCountMustMatch() {
        #expect(answer(.get, "/v1/calls/a/b")?.status.code == 404)
        #expect(answer(.post, "/v1/items/only-one")?.status.code == 404)
    }
}
