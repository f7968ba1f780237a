import CampaignCore
import CampaignStore
import Dialer
import Logging

/// Builds the runner of a simulated campaign.
public enum SimulationRunner {
    /// A runner for one campaign on the simulator provider; without `onProgress` it never counts leads for display.
    /// `workerId` owns its leases (`simulate-<id>` by default); `logger` defaults to errors only.
    public static func make(
        store: any DiallerStore, campaign: Campaign, seed: UInt64, clock: any DialerClock,
        compliance: ComplianceRules, workerId: String? = nil, logger: Logger? = nil,
        onProgress: (@Sendable (RunnerProgress) -> Void)?
    ) -> CampaignRunner {
        let provider = script(campaign, seed: seed)
        var quiet = Logger(label: "outbound.dialer")
        quiet.logLevel = .error
        return CampaignRunner(
            store: store, campaignId: campaign.id, provider: provider, clock: clock,
            workerId: workerId ?? "simulate-\(campaign.id)", compliance: compliance, logger: logger ?? quiet,
            progressEveryTicks: 20, onProgress: onProgress)
    }

    /// The simulator of a campaign: its callee model, voicemail leaving as its settings say.
    public static func script(_ campaign: Campaign, seed: UInt64) -> SimulatorProvider {
        SimulatorProvider(
            model: campaign.settings.simulator, seed: seed,
            leavesVoicemail: campaign.settings.voicemailAction == .leaveMessage)
    }
}
