import FenliuHTTP
import Foundation
import Synchronization

/// A real local HTTP receiver standing in for a township command room, the 12345 hotline or a chat robot:
/// records what it is sent, and can be told to fail the first N requests.
final class TestReceiver: Sendable {
    struct Received: Sendable {
        let path: String
        let target: String
        let headers: HTTPHeaders
        let body: [UInt8]
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:] }
        func header(_ name: String) -> String? { headers[name] }
    }

    final class State: Sendable {
        let value: Mutex<(received: [Received], failuresLeft: Int)>
        init(failFirst: Int) { value = Mutex(([], failFirst)) }
        func withLock<T>(_ body: (inout (received: [Received], failuresLeft: Int)) -> T) -> T { value.withLock { body(&$0) } }
    }

    private let server: HTTPServer
    private let state: State

    init(failFirst: Int = 0) throws {
        let state = State(failFirst: failFirst)
        self.state = state
        var configuration = HTTPServerConfiguration()
        configuration.port = 0
        configuration.loopCount = 1
        configuration.shutdownGracePeriod = .milliseconds(200)
        server = HTTPServer(configuration: configuration, responder: Responder(state: state))
        try server.start()
    }

    var port: Int { server.boundPort }
    var url: String { "http://127.0.0.1:\(port)/items" }

    var received: [Received] { state.withLock { $0.received } }

    func stop() { server.shutdown() }

    /// Polls until `condition` holds for what was received (the worker sends asynchronously).
    @discardableResult
    func waitFor(timeout: TimeInterval = 10, _ condition: ([Received]) -> Bool) -> [Received] {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let now = received
            if condition(now) { return now }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return received
    }

    private struct Responder: HTTPResponder {
        let state: State

        func respond(to request: HTTPRequest, context: RequestContext, sink: ResponseSink) {
            let fail = state.withLock { s -> Bool in
                s.received.append(Received(path: request.path, target: request.target, headers: request.headers, body: request.body))
                if s.failuresLeft > 0 { s.failuresLeft -= 1; return true }
                return false
            }
            sink.send(HTTPResponse(status: fail ? .serviceUnavailable : .ok, body: Array(#"{"ok":true}"#.utf8)))
        }
    }
}

/// A clock the test moves by hand.
final class ManualClock: Sendable {
    private let now: Mutex<Date>
    init(_ start: Date = Date()) { now = Mutex(start) }
    func read() -> Date { now.withLock { $0 } }
    func advance(_ seconds: TimeInterval) { now.withLock { $0 = $0.addingTimeInterval(seconds) } }
}
