import Foundation
import NIOCore
import NIOPosix

/// One `wrk` run: requests per second, latency percentiles and the answers that were not 2xx.
struct WrkResult {
    var requestsPerSecond: Double
    var p50Milliseconds: Double
    var p99Milliseconds: Double
    var requests: Int
    var failures: Int

    /// Runs `wrk --latency` against `url` with `connections` keep-alive connections for `seconds`, on one thread,
    /// waiting for it without blocking a thread of the process (the engine and the server share two cores).
    static func run(url: String, key: String, connections: Int, seconds: Int) async throws -> WrkResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "wrk", "-t1", "-c\(connections)", "-d\(seconds)s", "--latency", "-H", "Authorization: Bearer \(key)", url,
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            process.terminationHandler = { _ in continuation.resume() }
            do { try process.run() } catch {
                continuation.resume(throwing: CommandFailure("cannot run wrk (apt-get install wrk): \(error)"))
            }
        }
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        guard process.terminationStatus == 0, let result = parse(text) else {
            throw CommandFailure("wrk failed on \(url): \(text)")
        }
        return result
    }

    /// The figures of wrk's report (`Requests/sec:`, the `50%` and `99%` lines of `--latency`, `N requests in`,
    /// `Non-2xx or 3xx responses:`).
    static func parse(_ text: String) -> WrkResult? {
        var result = WrkResult(requestsPerSecond: 0, p50Milliseconds: 0, p99Milliseconds: 0, requests: 0, failures: 0)
        var seen = 0
        for line in text.split(separator: "\n") {
            let words = line.split(separator: " ")
            guard let first = words.first else { continue }
            if first == "Requests/sec:", let value = words.dropFirst().first.flatMap({ Double($0) }) {
                result.requestsPerSecond = value
                seen += 1
            } else if first == "50%", let value = words.dropFirst().first.flatMap(milliseconds) {
                result.p50Milliseconds = value
                seen += 1
            } else if first == "99%", let value = words.dropFirst().first.flatMap(milliseconds) {
                result.p99Milliseconds = value
                seen += 1
            } else if words.count > 2, words[1] == "requests", words[2] == "in", let count = Int(first) {
                result.requests = count
            } else if line.contains("Non-2xx or 3xx responses:"), let count = words.last.flatMap({ Int($0) }) {
                result.failures = count
            }
        }
        return seen == 3 ? result : nil
    }

    /// wrk's `812.00us`, `3.21ms`, `1.02s`, `2.00m` in milliseconds.
    static func milliseconds(_ text: Substring) -> Double? {
        for (unit, scale) in [("us", 0.001), ("ms", 1.0), ("s", 1000.0), ("m", 60_000.0)] where text.hasSuffix(unit) {
            return Double(text.dropLast(unit.count)).map { $0 * scale }
        }
        return nil
    }
}

/// Server-Sent Events connections held open on loopback; whatever the server sends is read and dropped.
struct SSEConnections {
    let channels: [any Channel]

    /// Opens `count` connections to `path` on 127.0.0.1:`port` with the API key `key`.
    static func open(count: Int, port: Int, path: String, key: String) async throws -> SSEConnections {
        var channels: [any Channel] = []
        let request =
            "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nAuthorization: Bearer \(key)\r\n"
            + "Accept: text/event-stream\r\n\r\n"
        for _ in 0..<count {
            let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connect(host: "127.0.0.1", port: port).get()
            try await channel.writeAndFlush(ByteBuffer(string: request)).get()
            channels.append(channel)
        }
        return SSEConnections(channels: channels)
    }

    /// How many are still open.
    var open: Int { channels.filter(\.isActive).count }

    func close() async {
        for channel in channels { try? await channel.close().get() }
    }
}
