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

    init(directory existing: String? = nil, clock: ManualClock? = nil, environment: [String: String] = [:],
         configure: (inout ServiceConfiguration) -> Void = { _ in }) throws {
        directory = existing ?? NSTemporaryDirectory() + "fenliu-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var configuration = ServiceConfiguration()
        configuration.server.port = 0
        configuration.databasePath = directory + "/fenliu.sqlite"
        configuration.configDirectory = Self.packageRoot + "/config"
        configuration.migrationsDirectory = Self.packageRoot + "/migrations"
        configure(&configuration)
        let manual = clock
        let now: @Sendable () -> Date = { manual?.read() ?? Date() }
        app = try FenliuApp(configuration: configuration, clock: now, environment: { environment[$0] })
        adminToken = try app.bootstrapAdminToken() ?? (try Self.extraAdmin(app))
        try app.start()
    }

    /// Whether the folder is removed when this service goes away (false to restart on the same database).
    var removeOnDeinit = true

    deinit {
        app.shutdown()
        if removeOnDeinit { try? FileManager.default.removeItem(atPath: directory) }
    }

    private static func extraAdmin(_ app: FenliuApp) throws -> String {
        try app.writer.write { db in try TokenStore.create(role: .admin, township: nil, label: "test", now: Date(), in: db).token }
    }

    func post(_ client: TestHTTPClient, _ path: String, token: String? = nil, json: String) throws -> TestHTTPClient.Response {
        try client.request("POST", path, headers: [
            ("Authorization", "Bearer \(token ?? adminToken)"), ("Content-Type", "application/json"),
        ], body: Array(json.utf8))
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
