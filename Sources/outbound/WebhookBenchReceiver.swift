import ArgumentParser
import Foundation
import Hummingbird
import Logging
import Synchronization

/// A webhook endpoint for `bench webhooks` that answers 204 at once and counts what it got: in the bench's own
/// process (the old harness, `--in-process-receiver`) or in a child process of its own (the default), so that the
/// receiver, which is harness and would be on another machine, does not take the engine's CPU time.
struct BenchReceiver {
    let port: Int
    private let counting: Counting

    private enum Counting {
        case inProcess(Counter, Task<Void, any Error>)
        case child(Process, FileHandle, FileHandle)
    }

    final class Counter: Sendable {
        let value = Atomic<Int>(0)
    }

    /// Deliveries received so far (asked of the child process over its standard input and output).
    var count: Int {
        switch counting {
        case .inProcess(let counter, _):
            return counter.value.load(ordering: .relaxed)
        case .child(_, let input, let output):
            input.write(Data("?\n".utf8))
            return Self.readLine(output).flatMap { Int($0) } ?? 0
        }
    }

    /// Starts the receiver in this process.
    static func startInProcess() async throws -> BenchReceiver {
        let counter = Counter()
        let (port, task) = try await serve(counter)
        return BenchReceiver(port: port, counting: .inProcess(counter, task))
    }

    /// Starts the receiver as `outbound bench webhook-receiver` in a child process: at Linux's `SCHED_IDLE` (`chrt
    /// --idle 0`: it runs only on CPU nothing else wants, as a receiver on another machine would take none of ours),
    /// or at `niceness` (`nice -n`) when given or when `chrt` is missing.
    static func startChild(niceness: Int32?) throws -> BenchReceiver {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        let receiver = [
            URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path, "bench", "webhook-receiver",
        ]
        let chrt = "/usr/bin/chrt"
        if niceness == nil, FileManager.default.isExecutableFile(atPath: chrt) {
            process.arguments = [chrt, "--idle", "0"] + receiver
        } else {
            process.arguments = ["nice", "-n", String(niceness ?? 10)] + receiver
        }
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        do { try process.run() } catch { throw CommandFailure("cannot start the bench's receiver: \(error)") }
        guard let line = readLine(output.fileHandleForReading), line.hasPrefix("port="),
            let port = Int(line.dropFirst(5))
        else {
            process.terminate()
            throw CommandFailure("the bench's receiver did not start")
        }
        return BenchReceiver(
            port: port, counting: .child(process, input.fileHandleForWriting, output.fileHandleForReading))
    }

    func stop() async {
        switch counting {
        case .inProcess(_, let task):
            task.cancel()
            _ = await task.result
        case .child(let process, let input, _):
            // End of its standard input ends the child.
            try? input.close()
            process.waitUntilExit()
        }
    }

    /// Serves `POST /hook` on a free loopback port, counting into `counter`.
    static func serve(_ counter: Counter) async throws -> (Int, Task<Void, any Error>) {
        let router = Router()
        router.post("/hook") { _, _ -> HTTPResponse.Status in
            counter.value.add(1, ordering: .relaxed)
            return .noContent
        }
        let (ports, listening) = AsyncStream<Int>.makeStream()
        var logger = Logger(label: "outbound.bench.receiver")
        logger.logLevel = .critical
        let app = Application(
            router: router, configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in listening.yield(channel.localAddress?.port ?? 0) }, logger: logger)
        let task = Task { try await app.runService(gracefulShutdownSignals: []) }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw CommandFailure("the bench's receiver did not start") }
        return (port, task)
    }

    /// One line from `handle` without its newline; nil at its end.
    static func readLine(_ handle: FileHandle) -> String? {
        var bytes: [UInt8] = []
        while true {
            guard let byte = try? handle.read(upToCount: 1), let first = byte.first else {
                return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self)
            }
            if first == UInt8(ascii: "\n") { return String(decoding: bytes, as: UTF8.self) }
            bytes.append(first)
        }
    }
}

/// `outbound bench webhook-receiver` (hidden): the child process of `bench webhooks`. Prints `port=N`, then
/// answers each line on its standard input with the count of deliveries received; exits at the input's end.
struct WebhookBenchReceiverCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "webhook-receiver", abstract: "The receiver of `bench webhooks` (its child process).",
        shouldDisplay: false)

    func run() async throws {
        let counter = BenchReceiver.Counter()
        let (port, _) = try await BenchReceiver.serve(counter)
        try Console.line("port=\(port)")
        let answered = Thread {
            while readLine() != nil {
                try? Console.line(String(counter.value.load(ordering: .relaxed)))
            }
            Foundation.exit(0)
        }
        answered.start()
        while true { try await Task.sleep(for: .seconds(3600)) }
    }
}
