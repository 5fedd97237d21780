// swift-tools-version: 6.1
import PackageDescription

// A "user" package: a crawler that fetches pages through a throttle, tested with GrmgrTesting in
// virtual time. It depends on swift-grmgr by path, as a package in the same repository.
let upcomingFeatures: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "CrawlerExample",
    platforms: [.macOS(.v15)],
    products: [.library(name: "Crawler", targets: ["Crawler"])],
    dependencies: [.package(name: "swift-grmgr", path: "../..")],
    targets: [
        .target(
            name: "Crawler",
            dependencies: [.product(name: "Grmgr", package: "swift-grmgr")],
            swiftSettings: upcomingFeatures
        ),
        .testTarget(
            name: "CrawlerTests",
            dependencies: [
                "Crawler",
                .product(name: "Grmgr", package: "swift-grmgr"),
                .product(name: "GrmgrTesting", package: "swift-grmgr"),
            ],
            swiftSettings: upcomingFeatures
        ),
    ],
    swiftLanguageModes: [.v6]
)
