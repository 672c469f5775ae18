import FenliuHTTP
import FenliuStorage

/// `GET /healthz` (the process answers) and `GET /readyz` (the database is writable and current). No auth.
struct HealthHandlers {
    let context: HandlerContext
    let migrator: Migrator

    func health(_ request: HTTPRequest, _ ctx: RequestContext, _ sink: ResponseSink) {
        sink.send(.json(.ok, Array(#"{"status":"ok"}"#.utf8)))
    }

    func ready(_ request: HTTPRequest, _ ctx: RequestContext, _ sink: ResponseSink) {
        let writer = context.writer
        let migrator = migrator
        let queued = context.readers.read({ db -> (MigrationStatus?, Bool) in
            let status = try? migrator.status(db)
            return (status, writer.probeWritable())
        }) { result in
            guard case .success(let (status, writable)) = result else {
                sink.send(ServiceError.storageUnavailable.response)
                return
            }
            var w = JSONWriter()
            w.beginObject()
            let current = status == .current
            w.field("status", current && writable ? "ready" : "not_ready")
            w.field("database_writable", writable)
            w.field("migrations_current", current)
            w.endObject()
            sink.send(.json(current && writable ? .ok : .serviceUnavailable, w.bytes))
        }
        if !queued { sink.send(ServiceError.overloaded.response) }
    }
}
