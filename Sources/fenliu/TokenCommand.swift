import ArgumentParser
import FenliuDomain
import FenliuService
import FenliuStorage
import Foundation

struct Token: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage API tokens (works while the server runs).",
        subcommands: [Create.self, List.self, Revoke.self])

    static func open(_ options: DatabaseOptions) throws -> Connection {
        let configuration = try ConfigurationLoading.load(configFile: options.config, database: options.database)
        try FenliuApp.migrate(configuration)
        return try Connection(path: configuration.databasePath)
    }

    /// The township names a township token may carry: the gazetteer of the configuration the server runs with.
    static func gazetteer(_ options: DatabaseOptions, configDir: String?) throws -> Gazetteer {
        let configuration = try ConfigurationLoading.load(configFile: options.config, database: options.database)
        return try DecisionEngine.loadGazetteer(configDirectory: configDir.map { ProjectFolders.resolve($0) }
                                                    ?? configuration.configDirectory)
    }

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a token and print it alone on stdout.")
        @Option(help: "admin, desk, hotline or township.") var role: String
        @Option(help: "The township a township token belongs to (canonical name, e.g. 稠城街道).") var township: String?
        @Option(help: "A label to recognise the token by.") var label: String?
        @Option(help: "Folder with the gazetteer that names the townships (default: config_dir of the config file, else config).")
        var configDir: String?
        @OptionGroup var options: DatabaseOptions

        func validate() throws {
            guard let role = Role(rawValue: role) else { throw ValidationError("--role must be admin, desk, hotline or township") }
            if role == .township, township?.isEmpty ?? true { throw ValidationError("--township is required for a township token") }
            if role != .township, township != nil { throw ValidationError("--township goes only with --role township") }
        }

        func run() throws {
            var canonical: String?
            if let township {
                let gazetteer = try Token.gazetteer(options, configDir: configDir)
                guard let name = TownshipNames.canonical(township, in: gazetteer) else {
                    throw ValidationError("--township must be one of: \(gazetteer.townships.map(\.name).joined(separator: ", "))")
                }
                canonical = name
            }
            let db = try Token.open(options)
            let created = try TokenStore.create(role: Role(rawValue: role)!, township: canonical, label: label, now: Date(), in: db)
            print(created.token)
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List tokens (never their secrets).")
        @OptionGroup var options: DatabaseOptions

        func run() throws {
            let db = try Token.open(options)
            print("id\trole\ttownship\tlabel\tcreated_at\trevoked_at")
            for t in try TokenStore.list(in: db) {
                print("\(t.id)\t\(t.role.rawValue)\t\(t.township ?? "-")\t\(t.label ?? "-")\t\(t.createdAt)\t\(t.revokedAt ?? "-")")
            }
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token by id.")
        @Argument var id: Int64
        @OptionGroup var options: DatabaseOptions

        func run() throws {
            let db = try Token.open(options)
            guard try TokenStore.revoke(id: id, now: Date(), in: db) else {
                print("no active token with id \(id)")
                throw ExitCode(1)
            }
            print("revoked \(id)")
        }
    }
}
