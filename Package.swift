// swift-tools-version: 6.1
import PackageDescription

let upcomingFeatures: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "swift-grmgr",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "Grmgr", targets: ["Grmgr"]),
        .library(name: "GrmgrSimulation", targets: ["GrmgrSimulation"]),
        .library(name: "GrmgrTesting", targets: ["GrmgrTesting"]),
        .library(name: "GrmgrStats", targets: ["GrmgrStats"]),
        .executable(name: "grmgr-sim", targets: ["grmgr-sim"]),
    ],
    traits: [
        .trait(
            name: "WithStats",
            description: "The dop monitor: rolling averages of each throttle persisted to SQLite or PostgreSQL."
        ),
        .default(enabledTraits: []),
    ],
    targets: [
        .systemLibrary(
            name: "CGSL",
            pkgConfig: "gsl",
            providers: [.apt(["libgsl-dev"]), .brew(["gsl"])]
        ),
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"]), .brew(["sqlite"])]
        ),
        .systemLibrary(
            name: "CPostgres",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"]), .brew(["libpq"])]
        ),
        .target(name: "Grmgr", swiftSettings: upcomingFeatures),
        .target(name: "GrmgrSimulation", dependencies: ["Grmgr", "CGSL"], swiftSettings: upcomingFeatures),
        .target(name: "GrmgrTesting", dependencies: ["Grmgr", "GrmgrSimulation"], swiftSettings: upcomingFeatures),
        // The WithStats edition: every file of these two targets is under `#if WithStats`, and only that
        // edition links SQLite and libpq, so the default edition builds and behaves exactly as before.
        .target(
            name: "GrmgrStats",
            dependencies: [
                "Grmgr",
                .target(name: "CSQLite", condition: .when(traits: ["WithStats"])),
                .target(name: "CPostgres", condition: .when(traits: ["WithStats"])),
            ],
            swiftSettings: upcomingFeatures
        ),
        .target(
            name: "GrmgrSimulationStats",
            dependencies: ["Grmgr", "GrmgrSimulation", "GrmgrStats"],
            swiftSettings: upcomingFeatures
        ),
        .executableTarget(
            name: "grmgr-sim",
            dependencies: [
                "Grmgr", "GrmgrSimulation",
                .target(name: "GrmgrStats", condition: .when(traits: ["WithStats"])),
                .target(name: "GrmgrSimulationStats", condition: .when(traits: ["WithStats"])),
            ],
            swiftSettings: upcomingFeatures
        ),
        .testTarget(name: "GrmgrTests", dependencies: ["Grmgr"], swiftSettings: upcomingFeatures),
        .testTarget(
            name: "GrmgrSimulationTests",
            dependencies: ["GrmgrSimulation"],
            swiftSettings: upcomingFeatures
        ),
        .testTarget(
            name: "GrmgrTestingTests",
            dependencies: ["GrmgrTesting"],
            swiftSettings: upcomingFeatures
        ),
        .testTarget(
            name: "GrmgrStatsTests",
            dependencies: ["Grmgr", "GrmgrSimulation", "GrmgrStats", "GrmgrSimulationStats"],
            swiftSettings: upcomingFeatures
        ),
        .testTarget(
            name: "GrmgrSimCLITests",
            dependencies: ["grmgr-sim"],
            swiftSettings: upcomingFeatures
        ),
    ],
    swiftLanguageModes: [.v6]
)
