import FenliuService
import Foundation

enum ConfigurationLoading {
    /// Defaults, then the config file (flag or FENLIU_CONFIG), then environment, then flags.
    static func load(configFile: String?, database: String?, host: String? = nil, port: Int? = nil) throws -> ServiceConfiguration {
        ServiceLog.bootstrap()
        let environment = ProcessInfo.processInfo.environment
        var configuration = ServiceConfiguration()
        if let file = configFile ?? environment["FENLIU_CONFIG"].flatMap({ $0.isEmpty ? nil : $0 }) {
            try configuration.apply(file: file)
        }
        try configuration.apply(environment: environment)
        if let database { configuration.databasePath = database }
        if let host { configuration.server.host = host }
        if let port { configuration.server.port = port }
        configuration.configDirectory = ProjectFolders.resolve(configuration.configDirectory)
        configuration.migrationsDirectory = ProjectFolders.resolve(configuration.migrationsDirectory)
        return configuration
    }
}
