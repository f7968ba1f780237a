import CampaignCore
import CampaignStore
import Dialer
import Logging

/// Builds the runner of a simulated campaign.
public enum SimulationRunner {
    /// A runner for one campaign on the simulator provider; without `onProgress` it never counts leads for display.
    public static func make(
        store: any DiallerStore, campaign: Campaign, seed: UInt64, clock: any DialerClock,
        compliance: ComplianceRules, onProgress: (@Sendable (RunnerProgress) -> Void)?
    ) -> CampaignRunner {
        let provider = SimulatorProvider(
            model: campaign.settings.simulator, seed: seed,
            leavesVoicemail: campaign.settings.voicemailAction == .leaveMessage)
        var logger = Logger(label: "outbound.dialer")
        logger.logLevel = .error
        return CampaignRunner(
            store: store, campaignId: campaign.id, provider: provider, clock: clock,
            workerId: "simulate-\(campaign.id)", compliance: compliance, logger: logger, progressEveryTicks: 20,
            onProgress: onProgress)
    }
}
