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
        .executable(name: "grmgr-sim", targets: ["grmgr-sim"]),
    ],
    targets: [
        .systemLibrary(
            name: "CGSL",
            pkgConfig: "gsl",
            providers: [.apt(["libgsl-dev"]), .brew(["gsl"])]
        ),
        .target(name: "Grmgr", swiftSettings: upcomingFeatures),
        .target(name: "GrmgrSimulation", dependencies: ["Grmgr", "CGSL"], swiftSettings: upcomingFeatures),
        .target(name: "GrmgrTesting", dependencies: ["Grmgr", "GrmgrSimulation"], swiftSettings: upcomingFeatures),
        .executableTarget(
            name: "grmgr-sim",
            dependencies: ["Grmgr", "GrmgrSimulation"],
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
            name: "GrmgrSimCLITests",
            dependencies: ["grmgr-sim"],
            swiftSettings: upcomingFeatures
        ),
    ],
    swiftLanguageModes: [.v6]
)
