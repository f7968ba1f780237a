import Foundation

/// Polls `condition` every 10 ms until it holds or `timeout` has passed; returns whether it held. Bounds every wait
/// of a test on concurrent work, so a failure fails instead of hanging.
func eventually(
    timeout: Duration = .seconds(20), _ condition: () async throws -> Bool
) async rethrows -> Bool {
    let deadline = ContinuousClock.now.advanced(by: timeout)
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try? await Task.sleep(for: .milliseconds(10))
    }
    return try await condition()
}
