import Foundation
import Testing
@testable import FenliuService
import FenliuStorage

/// The real `fenliu` executable, as an operator runs it.
@Suite("The fenliu process")
struct ProcessLiveTests {
    static var binary: String {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("fenliu").path
    }

    final class Output: @unchecked Sendable {
        private let lock = NSLock()
        private var data = Data()
        func append(_ d: Data) { lock.lock(); data.append(d); lock.unlock() }
        var text: String { lock.lock(); defer { lock.unlock() }; return String(decoding: data, as: UTF8.self) }
    }

    /// A running `fenliu serve`: its port (from the first stdout line) and the bootstrap token (from stderr).
    struct Server {
        let process: Process
        let out: Output
        let err: Output
        let firstLine: String
        var port: Int? { Int(firstLine.split(separator: ":").last ?? "") }
        /// The bootstrap token: stderr shows it just after the listening line, so this waits a little for it.
        var token: String? {
            for _ in 0..<200 {
                if let line = err.text.split(separator: "\n").map({ $0.trimmingCharacters(in: .whitespaces) })
                    .first(where: { $0.hasPrefix("fl_") }), err.text.contains("/v1/calls") {
                    return line
                }
                Thread.sleep(forTimeInterval: 0.05)
            }
            return nil
        }
    }

    func serve(_ arguments: [String]) throws -> Server {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = ["serve", "--port", "0"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: LiveService.packageRoot)
        let stdout = Pipe(), stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        let out = Output(), err = Output()
        stdout.fileHandleForReading.readabilityHandler = { out.append($0.availableData) }
        stderr.fileHandleForReading.readabilityHandler = { err.append($0.availableData) }
        try process.run()
        for _ in 0..<600 where !out.text.contains("\n") { Thread.sleep(forTimeInterval: 0.05) }
        return Server(process: process, out: out, err: err, firstLine: String(out.text.split(separator: "\n").first ?? ""))
    }

    /// Waits for the process to end; a process still running after `seconds` is killed, so a hang fails the
    /// test instead of stalling the whole run.
    @discardableResult
    func waitForExit(_ process: Process, seconds: Double = 15) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        guard !process.isRunning else {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return false
        }
        process.waitUntilExit()
        return true
    }

    func run(_ arguments: [String], in folder: String = LiveService.packageRoot) throws -> (status: Int32, stdout: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        let out = Pipe()
        process.standardOutput = out
        process.standardError = Pipe()
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func serveBootstrapsATokenServesAndStopsCleanlyOnSIGTERM() throws {
        let directory = NSTemporaryDirectory() + "fenliu-proc-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let database = directory + "/db/fenliu.sqlite"
        let server = try serve(["--database", database])
        let process = server.process, err = server.err
        defer { if process.isRunning { process.terminate() } }
        #expect(server.firstLine.hasPrefix("listening on http://127.0.0.1:"))
        let port = try #require(server.port)
        let token = try #require(server.token)
        #expect(err.text.contains("curl"))
        // The example to paste names the port actually bound, even with --port 0.
        #expect(err.text.contains("http://127.0.0.1:\(port)/v1/calls"))

        let client = try TestHTTPClient(port: port)
        let created = try client.request("POST", "/v1/calls", headers: [
            ("Authorization", "Bearer \(token)"), ("Content-Type", "application/json"),
        ], body: Array(#"{"call_id":"P-1","text":"隔壁装修电钻声太吵了","caller_phone":"13912345678","address":"稠城街道"}"#.utf8))
        #expect(created.status == 201)

        // A token made by the CLI while the server runs works at once.
        let desk = try run(["token", "create", "--role", "desk", "--database", database])
        #expect(desk.status == 0)
        let deskToken = desk.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(deskToken.hasPrefix("fl_") && !deskToken.contains("\n"))
        #expect(try client.request("GET", "/v1/calls/P-1", headers: [("Authorization", "Bearer \(deskToken)")]).status == 200)

        process.interrupt()  // SIGINT; SIGTERM takes the same path
        #expect(waitForExit(process))
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
        Thread.sleep(forTimeInterval: 0.1)
        let logs = err.text
        #expect(logs.contains("\"logger\":\"access\""))
        #expect(logs.contains("\"path\":\"/v1/calls\""))
        #expect(!logs.contains("13912345678"))
        #expect(!logs.contains("电钻"))
    }

    /// An operator may run the CLI from any folder: config/ and migrations/ are then found above the executable.
    @Test func theCLIWorksFromAnotherFolder() throws {
        let directory = NSTemporaryDirectory() + "fenliu-elsewhere-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(!FileManager.default.fileExists(atPath: directory + "/config"))

        let township = try run(["token", "create", "--role", "township", "--township", "福田", "--database", "t.sqlite"],
                               in: directory)
        #expect(township.status == 0)
        #expect(township.stdout.hasPrefix("fl_"))
        let db = try Connection(path: directory + "/t.sqlite")
        #expect(try db.queryFirst("SELECT township FROM api_tokens WHERE role = 'township'")?.string("township") == "福田街道")
        #expect(try db.queryFirst("SELECT count(*) AS n FROM schema_migrations")?.int("n") ?? 0 >= 6)

        let classified = try run(["classify", "楼上漏水滴到我家", "--address", "稠城街道工人北路8号"], in: directory)
        #expect(classified.status == 0)
        #expect(classified.stdout.contains(#""target":"township""#))
    }

    @Test func sigtermExitsZero() throws {
        let directory = NSTemporaryDirectory() + "fenliu-proc-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let server = try serve(["--database", directory + "/fenliu.sqlite"])
        let process = server.process
        #expect(server.firstLine.hasPrefix("listening on"))
        process.terminate()  // SIGTERM
        #expect(waitForExit(process))
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
    }

    @Test func sighupReloadsTheRules() throws {
        let directory = NSTemporaryDirectory() + "fenliu-hup-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let config = directory + "/config"
        try FileManager.default.copyItem(atPath: LiveService.packageRoot + "/config", toPath: config)
        try "config_dir: \(config)\n".write(toFile: directory + "/fenliu.yaml", atomically: true, encoding: .utf8)
        let server = try serve(["--database", directory + "/fenliu.sqlite", "--config", directory + "/fenliu.yaml"])
        let process = server.process
        defer { if process.isRunning { process.terminate(); waitForExit(process) } }
        let port = try #require(server.port)
        let token = try #require(server.token)
        let client = try TestHTTPClient(port: port)
        func version(_ id: String) throws -> String? {
            try client.request("POST", "/v1/calls", headers: [("Authorization", "Bearer \(token)"), ("Content-Type", "application/json")],
                               body: Array(#"{"call_id":"\#(id)","text":"路灯坏了"}"#.utf8)).json["ruleset_version"] as? String
        }
        let before = try #require(try version("H-0"))
        let rules = config + "/rules/30-nonpolice.yaml"
        try (try String(contentsOfFile: rules, encoding: .utf8) + "\n  - id: test.hup\n    category: utilities\n    patterns: [信号测试词]\n    why: test\n")
            .write(toFile: rules, atomically: true, encoding: .utf8)
        kill(process.processIdentifier, SIGHUP)
        // Reloading compiles every rule and loads both models again: on a machine busy with other builds that took
        // more than the 4 s this loop used to allow. The deadline only guards against a reload that never happens.
        var after = before
        let deadline = Date().addingTimeInterval(60)
        var i = 1
        while after == before && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
            after = try version("H-\(i)") ?? before
            i += 1
        }
        #expect(after != before)
        #expect(process.isRunning)
    }

    @Test func migrateRefusesAChangedMigration() throws {
        let directory = NSTemporaryDirectory() + "fenliu-mig-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let database = directory + "/fenliu.sqlite"
        let first = try run(["migrate", "--database", database])
        #expect(first.status == 0)
        #expect(first.stdout.contains("applied") && first.stdout.contains("0001"))
        let again = try run(["migrate", "--database", database])
        #expect(again.status == 0)
        #expect(again.stdout.contains("already up to date"))
        let db = try FenliuStorage.Connection(path: database)
        try db.run("UPDATE schema_migrations SET checksum = 'tampered' WHERE version = 1")
        let refused = try run(["migrate", "--database", database])
        #expect(refused.status != 0)
        #expect(refused.stdout.contains("changed"))
    }
}
