import ArgumentParser
import FenliuService

struct Migrate: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create or upgrade the database schema.")

    @OptionGroup var options: DatabaseOptions

    func run() throws {
        let configuration = try ConfigurationLoading.load(configFile: options.config, database: options.database)
        let applied: [Int]
        do {
            applied = try FenliuApp.migrateReporting(configuration).applied
        } catch {
            print("error: \(error)")
            throw ExitCode(2)
        }
        if applied.isEmpty {
            print("database \(configuration.databasePath) was already up to date")
        } else {
            let versions = applied.map { String(format: "%04d", $0) }.joined(separator: ", ")
            print("database \(configuration.databasePath): applied \(applied.count) migration(s) (\(versions)); now up to date")
        }
    }
}
