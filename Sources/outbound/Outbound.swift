import ArgumentParser
import CampaignStore
import Foundation
import OutboundApp

/// The operator's tool and the checkers' entry point.
struct Outbound: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbound",
        abstract: "Outbound call campaigns for AI voice agents.",
        subcommands: [
            Demo.self, CampaignCommand.self, Simulate.self, CallsCommand.self, OrgCommand.self, Forecast.self,
            ImportCommand.self, ContactsCommand.self, BenchCommand.self, ServeCommand.self, ApiKeyCommand.self,
            AuditCommand.self, AgentCommand.self, CarrierCommand.self, NumberCommand.self, OptOutCommand.self,
            UserCommand.self,
        ])
}

/// Runs the command line; every failure ends as one line on standard error and a non-zero exit.
@main
enum Main {
    static func main() async {
        // A closed pipe is a write error to report (EPIPE), not a signal that kills the process mid-line.
        signal(SIGPIPE, SIG_IGN)
        do {
            var command = try Outbound.parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = Outbound.exitCode(for: error)
            if code == .success {
                do {
                    try Console.line(Outbound.fullMessage(for: error))
                } catch {
                    fail(error, code: .failure)
                }
                exit(code.rawValue)
            }
            fail(error, code: code)
        }
    }

    /// Ends the process with `error` as one line on standard error.
    static func fail(_ error: any Error, code: ExitCode) -> Never {
        let message = (error as? CommandFailure)?.message ?? Outbound.message(for: error)
        let firstLine = message.split(separator: "\n").first.map(String.init) ?? message
        Console.error("error: \(firstLine)\n")
        exit(code.rawValue)
    }
}

/// A command failed for a reason the operator can act on.
struct CommandFailure: Error, CustomStringConvertible {
    let message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}

/// Runs `body`, turning any error into a ``CommandFailure`` with a one-line message.
func failingCleanly<T>(_ body: () async throws -> T) async throws -> T {
    do {
        return try await AuditContext.$actor.withValue(App.commandActor) { try await body() }
    } catch let failure as CommandFailure {
        throw failure
    } catch let failure as AppFailure {
        throw CommandFailure(failure.message)
    } catch let error as CancellationError {
        throw CommandFailure("interrupted (\(error))")
    } catch {
        throw CommandFailure(String(describing: error))
    }
}
