// swift-tools-version:6.0
import PackageDescription

let strict: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
]

let package = Package(
    name: "fenliu",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "fenliu", targets: ["fenliu"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
    ],
    targets: [
        // System-library shims.
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite", pkgConfig: "sqlite3",
                       providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", pkgConfig: "zlib",
                       providers: [.apt(["zlib1g-dev"])]),
        .target(name: "CSocket", path: "Sources/CSocket"),
        // A SQLite VFS that writes a WAL's frames with one pwrite per sync (C: SQLite calls it through pointers).
        .target(name: "CSQLiteWALBuffer", dependencies: ["CSQLite"], path: "Sources/CSQLiteWALBuffer"),

        // HTTP/1.1 server and client on POSIX sockets.
        .target(name: "FenliuHTTP", dependencies: ["CSocket", "CZlib"], swiftSettings: strict),
        // Thin SQLite layer: connection, statements, migrations, group-commit writer.
        .target(name: "FenliuStorage", dependencies: [
            "CSQLite", "CSQLiteWALBuffer",
            .product(name: "Crypto", package: "swift-crypto"),
        ], swiftSettings: strict),
        // Calls, taxonomy, rules, classifier, gazetteer, router, lifecycle: no HTTP, no SQL.
        .target(name: "FenliuDomain", dependencies: [
            .product(name: "Yams", package: "Yams"),
            .product(name: "Crypto", package: "swift-crypto"),
        ], swiftSettings: strict),
        // Handlers, auth, persistence of domain objects, wiring.
        .target(name: "FenliuService", dependencies: [
            "FenliuHTTP", "FenliuStorage", "FenliuDomain",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Yams", package: "Yams"),
        ], swiftSettings: strict),
        .executableTarget(name: "fenliu", dependencies: [
            "FenliuService", "FenliuDomain", "FenliuStorage", "FenliuHTTP",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: strict),

        .testTarget(name: "FenliuHTTPTests", dependencies: ["FenliuHTTP", "CSocket"], swiftSettings: strict),
        .testTarget(name: "FenliuStorageTests", dependencies: ["FenliuStorage"], swiftSettings: strict),
        .testTarget(name: "FenliuDomainTests", dependencies: ["FenliuDomain"],
                    resources: [.copy("Fixtures")], swiftSettings: strict),
        .testTarget(name: "FenliuServiceTests", dependencies: [
            "FenliuService", "FenliuHTTP", "FenliuStorage", "FenliuDomain", "CSocket",
        ], swiftSettings: strict),
    ]
)
