import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `outbound serve` started by a test: its URL once it listens, JSON requests with an API key, and a clean stop.
final class ServeProcess {
    let process: Process
    let url: String
    let outputPath: String

    private init(process: Process, url: String, outputPath: String) {
        self.process = process
        self.url = url
        self.outputPath = outputPath
    }

    /// Starts `outbound serve ARGUMENTS --port 0` in `folder` and waits (up to 60 s) until it prints its URL.
    static func start(_ arguments: [String], in folder: URL) async throws -> ServeProcess {
        let outputPath = folder.appendingPathComponent("serve-\(UUID().uuidString).out").path
        FileManager.default.createFile(atPath: outputPath, contents: nil)
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["serve", "--port", "0"] + arguments
        process.currentDirectoryURL = folder
        process.standardOutput = output
        process.standardError = output
        try process.run()
        try output.close()
        var printed = ""
        for _ in 0..<600 {
            printed = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
            if let url = printed.firstMatch(of: /http:\/\/127\.0\.0\.1:\d+/)?.output {
                return ServeProcess(process: process, url: String(url), outputPath: outputPath)
            }
            guard process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        if process.isRunning { CLI.kill9(process) }
        throw CLI.Failure("serve did not start: \(printed)")
    }

    /// What the server printed so far.
    var printed: String { (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "" }

    /// A JSON request with `key` as bearer; answers the status and the decoded body (nil when not JSON).
    func request(
        _ method: String, _ path: String, key: String, json: Any? = nil, body: Data? = nil,
        contentType: String? = nil
    ) async throws -> (status: Int, json: Any?) {
        guard let target = URL(string: url + path) else { throw CLI.Failure("bad path \(path)") }
        var request = URLRequest(url: target)
        request.httpMethod = method
        request.setValue("Bearer \(key)", forHTTPHeaderField: "Authorization")
        if let json {
            request.httpBody = try JSONSerialization.data(withJSONObject: json)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        } else if let body {
            request.httpBody = body
            request.setValue(contentType, forHTTPHeaderField: "Content-Type")
        }
        let (data, response) = try await URLSession.shared.data(for: request)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        return (status, try? JSONSerialization.jsonObject(with: data))
    }

    /// A request that must answer `expected`; answers the body as an object.
    func object(
        _ method: String, _ path: String, key: String, json: Any? = nil, body: Data? = nil,
        contentType: String? = nil, expected: Int
    ) async throws -> [String: Any] {
        let (status, answer) = try await request(
            method, path, key: key, json: json, body: body, contentType: contentType)
        guard status == expected else {
            throw CLI.Failure("\(method) \(path) answered \(status), not \(expected): \(String(describing: answer))")
        }
        return answer as? [String: Any] ?? [:]
    }

    /// SIGTERM, then waits (up to 10 s; SIGKILL after) and answers the exit status.
    func stop() async -> Int32 {
        kill(process.processIdentifier, SIGTERM)
        for _ in 0..<200 where process.isRunning { try? await Task.sleep(for: .milliseconds(50)) }
        if process.isRunning { CLI.kill9(process) }
        process.waitUntilExit()
        return process.terminationStatus
    }
}

extension CLI {
    /// A test's set-up step that went wrong, said in words.
    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}

extension CLI {
    /// Runs a Debian tool (`/usr/bin/NAME`) to its end with its output discarded; answers its exit status.
    static func runTool(_ name: String, _ arguments: [String]) throws -> Int32 {
        let path = "/usr/bin/\(name)"
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw Failure("\(name) is not installed (scripts/test-all.sh installs it)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}
