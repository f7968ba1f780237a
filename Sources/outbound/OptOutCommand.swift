import ArgumentParser
import CampaignCore
import CampaignStore
import Foundation
import OutboundApp

/// `outbound optout add|list|remove|import`: the organisation-wide opt-out list (SPEC §9, §11).
struct OptOutCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "optout", abstract: "Add, list, remove and import numbers no campaign may dial.",
        subcommands: [Add.self, List.self, Remove.self, Import.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a number to the opt-out list.")
        @OptionGroup var target: ApiKeyCommand.Target
        @Argument(help: "The number (E.164, or a US national form).") var number: String
        @Flag(help: "Print the opt-out as JSON.") var json = false

        func run() async throws {
            try await failingCleanly {
                let (optOut, created) = try await App.withStore(target.db, creating: false) { store in
                    let orgId = try await target.organization(in: store)
                    return try await App.catalog(store).optOuts.add(
                        orgId: orgId, number: number, source: "cli", by: .commandLine)
                }
                if json { return try Console.line(JSONOutput.text(CatalogOutput.OptOutJSON(optOut))) }
                try Console.line(
                    created
                        ? "\(optOut.e164) opted out"
                        : "\(optOut.e164) was opted out already (\(optOut.source), \(ISOTime.format(optOut.createdAt)))"
                )
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the opt-out list: number, source, time.")
        @OptionGroup var target: ApiKeyCommand.Target
        @Option(help: "Only numbers containing these characters.") var search: String?
        @Flag(help: "Print a JSON array.") var json = false

        func run() async throws {
            try await failingCleanly {
                let optOuts = try await App.withStore(target.db, creating: false) { store in
                    let orgId = try await target.organization(in: store)
                    let catalog = try App.catalog(store)
                    return try await CatalogOutput.all { after in
                        try await catalog.optOuts.list(orgId: orgId, numberContains: search, after: after, limit: 500)
                    }
                }
                if json { return try Console.line(CatalogOutput.array(optOuts.map(CatalogOutput.OptOutJSON.init))) }
                var lines = ["number\tsource\tadded"]
                for optOut in optOuts {
                    lines.append("\(optOut.e164)\t\(optOut.source)\t\(ISOTime.format(optOut.createdAt))")
                }
                try Console.line(lines.joined(separator: "\n"))
            }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Take a number off the opt-out list.")
        @OptionGroup var target: ApiKeyCommand.Target
        @Argument(help: "The number.") var number: String

        func run() async throws {
            try await failingCleanly {
                let e164 = try await App.withStore(target.db, creating: false) { store in
                    let orgId = try await target.organization(in: store)
                    return try await App.catalog(store).optOuts.remove(orgId: orgId, number: number, by: .commandLine)
                }
                try Console.line("\(e164) removed from the opt-out list")
            }
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a CSV file's number column to the opt-out list; every row is reported.")
        @OptionGroup var target: ApiKeyCommand.Target
        @Argument(help: "The CSV file (a header with a 'number' column).") var file: String
        @Flag(help: "Print the report as JSON.") var json = false

        func run() async throws {
            try await failingCleanly {
                try PathArgument.readable(file, option: nil)
                let report = try await App.withStore(target.db, creating: false) { store in
                    let orgId = try await target.organization(in: store)
                    return try await App.catalog(store).optOuts.importFile(
                        orgId: orgId, path: file, source: "csv", by: .commandLine)
                }
                if json { return try Console.line(JSONOutput.text(CatalogOutput.ReportJSON(report))) }
                var lines = [
                    "read \(report.read), imported \(report.imported), duplicates \(report.duplicates), "
                        + "rejected \(report.rejected)"
                ]
                for problem in report.problems {
                    lines.append("line \(problem.line): \(problem.column): \(problem.reason)")
                }
                try Console.line(lines.joined(separator: "\n"))
            }
        }
    }
}
