import FenliuHTTP

/// `GET /v1/events`: the live event stream, filtered by the token's role.
struct EventStreamHandler {
    let context: HandlerContext
    let stream: EventStream

    func handle(_ request: HTTPRequest, _ ctx: RequestContext, _ sink: ResponseSink) {
        context.authorized(request, sink, roles: [.admin, .desk, .township, .hotline]) { principal in
            let resumeFrom = (request.headers["Last-Event-ID"] ?? request.queryValue("last_event_id"))
                .flatMap { Int64($0.trimmingCharacters(in: .whitespaces)) }
                .flatMap { $0 >= 0 ? $0 : nil }
            let writer = sink.startStream(status: .ok, headers: [
                "Content-Type": "text/event-stream", "Cache-Control": "no-cache", "X-Accel-Buffering": "no",
            ])
            stream.subscribe(writer, principal: principal, lastEventID: resumeFrom)
        }
    }
}
