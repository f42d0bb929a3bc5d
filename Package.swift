// swift-tools-version:6.0
import PackageDescription

/// Every Swift target builds in Swift 6 language mode (strict concurrency is on by default there).
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "Allot",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "allot", targets: ["AllotCommand"]),
    ],
    targets: [
        // System SQLite (libsqlite3-dev); the only C library we link.
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        // Tiny C shim for what Glibc's Swift module lacks (epoll, accept4, malloc_trim).
        .target(name: "CSystem"),
        // General LP/MIP solver; no domain vocabulary.
        .target(name: "Optimization", swiftSettings: strict),
        // Pure selection math; no I/O.
        .target(name: "Sortition", dependencies: ["Optimization"], swiftSettings: strict),
        // HTTP/1.1 over POSIX sockets; no domain.
        .target(name: "HTTPServer", dependencies: ["CSystem"], swiftSettings: strict),
        // The application: use cases, storage, file formats, API routes.
        .target(name: "Allot", dependencies: ["Sortition", "HTTPServer", "CSQLite", "CSystem"], swiftSettings: strict),
        // The `allot` command: parsing, help, exit codes, wiring.
        .executableTarget(name: "AllotCommand", dependencies: ["Allot"], swiftSettings: strict),

        // Where tests find the package root, the shared data and tools (one helper for every suite).
        .target(name: "TestData", path: "Tests/TestData", swiftSettings: strict),
        .testTarget(name: "OptimizationTests", dependencies: ["Optimization", "TestData"], swiftSettings: strict),
        .testTarget(name: "SortitionTests", dependencies: ["Sortition", "TestData"], swiftSettings: strict),
        .testTarget(name: "HTTPServerTests", dependencies: ["HTTPServer", "TestData"], swiftSettings: strict),
        .testTarget(name: "AllotTests", dependencies: ["Allot", "TestData"], swiftSettings: strict),
        .testTarget(name: "AllotCommandTests", dependencies: ["AllotCommand", "TestData"], swiftSettings: strict),
    ],
    swiftLanguageModes: [.v6]
)

// libFuzzer targets (scripts/fuzz-all): declared only when ALLOT_FUZZ=1, since an entry without a
// `main` breaks ordinary builds. Built with `--sanitize fuzzer --sanitize address` in debug.
if Context.environment["ALLOT_FUZZ"] == "1" {
    package.targets.append(
        .executableTarget(
            name: "AllotFuzz", dependencies: ["Allot", "HTTPServer", "Sortition", "Optimization"],
            path: "scripts/fuzz/AllotFuzz", swiftSettings: strict + [.unsafeFlags(["-parse-as-library"])]))
    package.products.append(.executable(name: "allot-fuzz", targets: ["AllotFuzz"]))
}
