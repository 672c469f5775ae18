import ArgumentParser
import FenliuDomain
import FenliuService
import Foundation
import Synchronization

/// Drives the intake write path without HTTP: the same `CallRepository.intake` the handler runs, queued on the real
/// group-commit writer in batches of a fixed size, against a fresh database file. It prints the writer thread's CPU
/// time per intake (read on the writer thread itself), which moves far less than requests/s when other work shares
/// the machine, so changes to the write path can be compared one against another.
struct BenchWriter: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-writer",
        abstract: "Time the intake write path on the group-commit writer (a benchmark, not a test).")

    @Argument(help: "Calls, one JSON object a line (the dev corpus format).") var corpus: String
    @Option(help: "Folder with rules, gazetteer and model.") var configDir: String = "config"
    @Option(help: "Intakes queued together, i.e. the group-commit batch size.") var batch: Int = 28
    @Option(help: "Timed intakes.") var count: Int = 20_000
    @Option(help: "Untimed intakes first (fills the history the duplicate and repeat lookups read).") var warmup: Int = 4_000
    @Option(help: "Distinct call texts rotated through, as scripts/bench does.") var texts: Int = 40
    @Option(help: "corpus = the corpus callers' numbers; unique = a new number per call.") var phones: String = "corpus"
    @Option(help: "Database file to create (must not exist); default a temporary file that is removed afterwards.")
    var database: String?
    @Option(help: "SQL run once after migrating, e.g. \"DROP INDEX x\" to see what maintaining an index costs.")
    var afterMigration: String?
    @Option(help: "Copy the WAL here after the timed run, before shutting down (for scripts/wal-frames).")
    var walSnapshot: String?

    func run() throws {
        let loaded = try Corpus.load(path: corpus)
        let calls = Array(loaded.calls.prefix(max(1, texts)))
        guard !calls.isEmpty, batch > 0, count > 0 else { throw ValidationError("empty corpus, batch or count") }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fenliu-bench-writer-\(getpid())").path
        let path = database ?? folder + "/db.sqlite"
        if database == nil { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        defer { if database == nil { try? FileManager.default.removeItem(atPath: folder) } }
        guard !FileManager.default.fileExists(atPath: path) else { throw ValidationError("\(path) exists") }

        var configuration = try ConfigurationLoading.load(configFile: nil, database: path)
        configuration.configDirectory = configDir
        let app = try FenliuApp(configuration: configuration)
        if let afterMigration { try app.writer.write { db in try db.execute(afterMigration) } }
        let engine = app.engines.engine
        let policy = LoopPolicy(configuration: configuration, publicURL: PublicURL(configuration.publicURL))

        var sequence = 0
        func submissions(_ n: Int) -> [PreparedIntake] {
            (0..<n).map { _ in
                sequence += 1
                let call = calls[sequence % calls.count]
                let phone = phones == "unique" ? "139\(String(format: "%08d", sequence))" : call.caller
                let submission = CallSubmission(callID: "w-\(String(format: "%09d", sequence))", text: call.text,
                                                receivedAt: nil, receivedDate: nil, callerPhone: phone,
                                                address: call.address, location: nil, source: "110")
                return PreparedIntake(submission, engine: engine, now: Date())
            }
        }
        func runBatches(_ total: Int) throws {
            var done = 0
            while done < total {
                let prepared = submissions(min(batch, total - done))
                let group = DispatchGroup()
                let failures = Atomic<Int>(0)
                // The writer takes whatever is queued when it wakes; holding it in a job of its own until the whole
                // batch is queued makes every group commit exactly `batch` intakes (the gate's own empty transaction
                // costs a few µs per batch).
                let gate = DispatchSemaphore(value: 0)
                let gateTaken = DispatchSemaphore(value: 0)
                group.enter()
                guard app.writer.submit({ _ in gateTaken.signal(); gate.wait() }, completion: { _ in group.leave() }) else {
                    throw ValidationError("writer queue refused the gate")
                }
                gateTaken.wait()
                for intake in prepared {
                    group.enter()
                    let queued = app.writer.submit({ db in
                        try CallRepository.intake(intake, engine: engine, policy: policy, in: db)
                    }, completion: { result in
                        if case .failure(let error) = result {
                            if failures.add(1, ordering: .relaxed).oldValue == 0 {
                                FileHandle.standardError.write(Data("first failure: \(error)\n".utf8))
                            }
                        }
                        group.leave()
                    })
                    if !queued {
                        gate.signal()   // let the writer go on, so shutting down does not wait for it forever
                        throw ValidationError("writer queue refused an intake")
                    }
                }
                gate.signal()
                group.wait()
                if failures.load(ordering: .relaxed) > 0 { throw ValidationError("an intake failed") }
                done += prepared.count
            }
        }
        let writerCPU: @Sendable () throws -> Double = { try app.writer.write { _ in Self.threadCPUSeconds() } }

        try runBatches(warmup)
        let commitsBefore = app.writer.committedTransactionCount
        let timingsBefore = app.writer.timings
        let restartsBefore = app.writer.walRestartCount
        let cpuBefore = try writerCPU()
        let start = ContinuousClock.now
        try runBatches(count)
        let wall = ContinuousClock.now - start
        let cpu = try writerCPU() - cpuBefore
        let commits = (app.writer.committedTransactionCount - commitsBefore - 1) / 2   // one gate per batch
        let timings = app.writer.timings
        let restarts = app.writer.walRestartCount - restartsBefore
        if let walSnapshot {
            try? FileManager.default.removeItem(atPath: walSnapshot)
            try FileManager.default.copyItem(atPath: path + "-wal", toPath: walSnapshot)
        }
        app.shutdown()

        let wallSeconds = Double(wall.components.seconds) + Double(wall.components.attoseconds) / 1e18
        func f(_ x: Double) -> String { String(format: "%.1f", x) }
        print("intakes \(count) (after \(warmup) warm-up)  batch \(batch)  texts \(calls.count)  phones \(phones)  commits \(commits)")
        print("writer CPU µs/intake \(f(cpu / Double(count) * 1e6))  wall µs/intake \(f(wallSeconds / Double(count) * 1e6))  "
              + "intakes/s \(f(Double(count) / wallSeconds))")
        func perIntake(_ after: UInt64, _ before: UInt64) -> String { f(Double(after - before) / 1000 / Double(count)) }
        print("writer wall µs/intake: items \(perIntake(timings.itemNanoseconds, timingsBefore.itemNanoseconds))  "
              + "commit \(perIntake(timings.commitNanoseconds, timingsBefore.commitNanoseconds))  "
              + "WAL restarts \(perIntake(timings.walRestartNanoseconds, timingsBefore.walRestartNanoseconds)) (\(restarts) restarts)")
    }

    /// CPU time of the calling thread.
    static func threadCPUSeconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}
