import Foundation

/// Polls `condition` every 10 ms until it holds, at most `timeout` / 10 ms times; returns whether it held. Bounds
/// every wait of a test on concurrent work, so a failure fails instead of hanging. The bound counts polls, not wall
/// time: when the whole suite runs, tests that wait on child processes can hold the cooperative threads for many
/// seconds, and a wall-clock deadline would pass while the work it waits for never got a thread.
func eventually(
    timeout: Duration = .seconds(60), _ condition: () async throws -> Bool
) async rethrows -> Bool {
    let polls = max(1, Int(timeout / .milliseconds(10)))
    for _ in 0..<polls {
        if try await condition() { return true }
        try? await Task.sleep(for: .milliseconds(10))
    }
    return try await condition()
}
