import ArgumentParser
import FenliuService

struct Migrate: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create or upgrade the database schema.")

    @OptionGroup var options: DatabaseOptions

    func run() throws {
        let configuration = try ConfigurationLoading.load(configFile: options.config, database: options.database)
        do {
            try FenliuApp.migrate(configuration)
        } catch {
            print("error: \(error)")
            throw ExitCode(2)
        }
        print("database \(configuration.databasePath) is up to date")
    }
}
