import ArgumentParser

@main
struct Fenliu: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fenliu",
        abstract: "Fenliu (分流): decides which 110 calls are police matters and routes the rest.",
        subcommands: [Serve.self, Migrate.self, Token.self, Classify.self, Eval.self, Train.self, TrainPoliceModel.self, Replay.self, BenchClassify.self, BenchWriter.self],
        defaultSubcommand: nil
    )
}

/// Options shared by commands that open the database.
struct DatabaseOptions: ParsableArguments {
    @Option(help: "SQLite database file (env FENLIU_DATABASE; default data/fenliu.sqlite).")
    var database: String?

    @Option(help: "YAML or JSON config file holding only the keys it changes (env FENLIU_CONFIG).")
    var config: String?
}
