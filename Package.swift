// swift-tools-version:6.0
import PackageDescription

let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny")
]

let package = Package(
    name: "Outbound",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "outbound", targets: ["outbound"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket", from: "2.8.1"),
        .package(url: "https://github.com/vapor/sql-kit", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit", from: "4.5.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        .target(name: "CampaignCore", swiftSettings: strictSettings),
        .target(
            name: "ContactImport",
            dependencies: ["CampaignCore", "CampaignStore"],
            resources: [.copy("Resources")],
            swiftSettings: strictSettings
        ),
        .target(name: "SQLiteTuning"),
        .target(
            name: "SIPCore",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strictSettings
        ),
        .target(name: "MediaCore", swiftSettings: strictSettings),
        .target(
            name: "CampaignStore",
            dependencies: [
                "CampaignCore",
                "SQLiteTuning",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "Dialer",
            dependencies: [
                "CampaignCore",
                "CampaignStore",
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "Telephony",
            dependencies: [
                "CampaignCore",
                "Dialer",
                "MediaCore",
                "SIPCore",
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "OutboundApp",
            dependencies: [
                "CampaignCore",
                "CampaignStore",
                "ContactImport",
                "Dialer",
                "SIPCore",
                "Telephony",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            resources: [.copy("Resources")],
            swiftSettings: strictSettings
        ),
        .target(
            name: "HTTPServer",
            dependencies: [
                "CampaignCore",
                "CampaignStore",
                "ContactImport",
                "Dialer",
                "OutboundApp",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            resources: [.copy("DashboardResources")],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "outbound",
            dependencies: [
                "CampaignCore",
                "CampaignStore",
                "ContactImport",
                "Dialer",
                "OutboundApp",
                "HTTPServer",
                "Telephony",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(name: "CampaignCoreTests", dependencies: ["CampaignCore"], swiftSettings: strictSettings),
        .testTarget(
            name: "SIPCoreTests",
            dependencies: ["SIPCore"],
            resources: [.copy("Fixtures")],
            swiftSettings: strictSettings
        ),
        .testTarget(name: "MediaCoreTests", dependencies: ["MediaCore"], swiftSettings: strictSettings),
        .testTarget(
            name: "TelephonyTests",
            dependencies: [
                "Telephony", "Dialer", "SIPCore", "MediaCore", "CampaignCore", "CampaignStore", "TestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            exclude: ["Scenarios"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ContactImportTests",
            dependencies: ["ContactImport", "CampaignStore", "CampaignCore"],
            resources: [.copy("Fixtures")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "CampaignStoreTests",
            dependencies: ["CampaignStore", "CampaignCore"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "TestSupport", dependencies: ["CampaignCore"], path: "Tests/TestSupport",
            swiftSettings: strictSettings),
        .testTarget(
            name: "DialerTests",
            dependencies: ["Dialer", "CampaignStore", "CampaignCore", "ContactImport", "TestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "OutboundAppTests",
            dependencies: [
                "OutboundApp", "CampaignStore", "CampaignCore", "ContactImport", "Dialer", "SIPCore", "Telephony",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "HTTPServerTests",
            dependencies: [
                "HTTPServer",
                "OutboundApp",
                "CampaignStore",
                "CampaignCore",
                "ContactImport",
                "Dialer",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "OutboundTests",
            dependencies: ["outbound", "CampaignStore", "CampaignCore", "ContactImport", "TestSupport"],
            swiftSettings: strictSettings
        ),
    ]
)
