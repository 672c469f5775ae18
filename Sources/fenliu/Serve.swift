import ArgumentParser
import FenliuService
import Foundation

struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the HTTP service.")

    @Option(help: "YAML or JSON config file holding only the keys it changes (env FENLIU_CONFIG).")
    var config: String?
    @Option(help: "Address to listen on (env FENLIU_HOST; default 127.0.0.1).")
    var host: String?
    @Option(help: "Port to listen on; 0 picks a free one (env FENLIU_PORT; default 8110).")
    var port: Int?
    @Option(help: "SQLite database file (env FENLIU_DATABASE; default data/fenliu.sqlite).")
    var database: String?

    func validate() throws {
        if let port, !(0...65535).contains(port) { throw ValidationError("--port must be 0–65535") }
    }

    func run() throws {
        ServiceLog.bootstrap()
        let configuration: ServiceConfiguration
        let app: FenliuApp
        do {
            configuration = try ConfigurationLoading.load(configFile: config, database: database, host: host, port: port)
            app = try FenliuApp(configuration: configuration)
        } catch {
            ServiceLog.error("cannot start", metadata: ["error": "\(error)"])
            throw ExitCode(2)
        }
        // Created before listening, shown after, so the example names the port actually bound (also with --port 0).
        let token = try app.bootstrapAdminToken()
        let signals = SignalHandling.install(app: app)
        do {
            try app.start()
        } catch {
            if let token { Self.announce(token, host: configuration.server.host, port: String(configuration.server.port)) }
            throw error
        }
        print("listening on http://\(configuration.server.host):\(app.boundPort)")
        fflush(nil)
        if let token { Self.announce(token, host: configuration.server.host, port: String(app.boundPort)) }
        SignalHandling.wait(keeping: signals)
    }

    /// The one time the bootstrap admin token is shown, with a request to paste.
    static func announce(_ token: String, host: String, port: String) {
        StandardError.writeLine("""
            No API tokens existed, so one admin token was created. It is shown only this once; store it now:
              \(token)
            Try it:
              curl -s -H 'Authorization: Bearer \(token)' -H 'Content-Type: application/json' \\
                -d '{"call_id":"demo-1","text":"楼上漏水，滴到我家客厅","address":"稠城街道"}' \\
                http://\(host):\(port)/v1/calls
            """)
    }
}
