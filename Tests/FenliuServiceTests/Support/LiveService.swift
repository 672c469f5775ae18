import FenliuService
import FenliuStorage
import Foundation

/// A real service on an ephemeral port with a real SQLite file in a fresh temporary folder.
final class LiveService: @unchecked Sendable {
    let app: FenliuApp
    let directory: String
    let adminToken: String
    var port: Int { app.boundPort }

    static var packageRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().path
    }

    init(configure: (inout ServiceConfiguration) -> Void = { _ in }) throws {
        directory = NSTemporaryDirectory() + "fenliu-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var configuration = ServiceConfiguration()
        configuration.server.port = 0
        configuration.databasePath = directory + "/fenliu.sqlite"
        configuration.configDirectory = Self.packageRoot + "/config"
        configuration.migrationsDirectory = Self.packageRoot + "/migrations"
        configure(&configuration)
        app = try FenliuApp(configuration: configuration)
        adminToken = try app.bootstrapAdminToken() ?? ""
        try app.start()
    }

    deinit {
        app.shutdown()
        try? FileManager.default.removeItem(atPath: directory)
    }

    func client() throws -> TestHTTPClient { try TestHTTPClient(port: port) }

    /// Creates a token of another role directly in the database.
    func token(_ role: Role, township: String? = nil) throws -> String {
        try app.writer.write { db in try TokenStore.create(role: role, township: township, label: "test", now: Date(), in: db).token }
    }

    func count(_ table: String) throws -> Int64 {
        try app.readers.read { db in try db.scalarInt("SELECT count(*) FROM \(table)") ?? -1 }
    }

    func postCall(_ client: TestHTTPClient, token: String? = nil, _ body: [String: Any]) throws -> TestHTTPClient.Response {
        let data = try JSONSerialization.data(withJSONObject: body)
        return try client.request("POST", "/v1/calls", headers: [
            ("Authorization", "Bearer \(token ?? adminToken)"), ("Content-Type", "application/json"),
        ], body: Array(data))
    }

    func get(_ client: TestHTTPClient, _ path: String, token: String? = nil) throws -> TestHTTPClient.Response {
        try client.request("GET", path, headers: [("Authorization", "Bearer \(token ?? adminToken)")])
    }
}
