import CampaignCore
import Foundation

/// The organisation's catalog: agents, carriers, phone numbers and the opt-out list (SPEC §11). Every query is
/// scoped by organisation (a foreign id reads as missing); "now" is passed in; refusals are ``CatalogError``s.
public protocol CatalogStore: Sendable {
    /// A page of agents by id after `afterId`, whose names contain `nameContains` when given.
    func agents(orgId: Int64, nameContains: String?, afterId: Int64?, limit: Int) async throws -> [Agent]
    /// The agent, or nil.
    func agent(orgId: Int64, id: Int64) async throws -> Agent?
    /// Stores a new agent.
    func createAgent(orgId: Int64, profile: AgentProfile, streamUrl: String?, now: Date) async throws -> Agent
    /// Replaces an agent's fields when `expecting` holds for it as the edit's transaction reads it. Campaigns that
    /// have run keep the texts they ran with (they move to a copy of the old agent); the others follow the edit.
    func updateAgent(
        orgId: Int64, id: Int64, profile: AgentProfile, streamUrl: String?, now: Date,
        expecting: @Sendable (Agent) -> Bool
    ) async throws -> Agent
    /// Deletes an agent no campaign uses.
    func deleteAgent(orgId: Int64, id: Int64, now: Date) async throws

    /// A page of carriers by id.
    func carriers(orgId: Int64, afterId: Int64?, limit: Int) async throws -> [Carrier]
    /// The carrier, or nil.
    func carrier(orgId: Int64, id: Int64) async throws -> Carrier?
    /// Stores a new carrier (validated by the caller); its name must be free.
    func createCarrier(orgId: Int64, draft: CarrierDraft, now: Date) async throws -> Carrier
    /// Replaces a carrier's fields (validated by the caller; its name must stay free); a nil password keeps the
    /// stored one, an empty one removes it.
    func updateCarrier(orgId: Int64, id: Int64, draft: CarrierDraft, now: Date) async throws -> Carrier
    /// Deletes a carrier no number uses.
    func deleteCarrier(orgId: Int64, id: Int64, now: Date) async throws

    /// A page of the organisation's numbers by id.
    func numbers(orgId: Int64, afterId: Int64?, limit: Int) async throws -> [OwnedNumber]
    /// The number, or nil.
    func number(orgId: Int64, id: Int64) async throws -> OwnedNumber?
    /// Registers a number (E.164, checked by the caller) with its label, carrier and direction.
    func createNumber(
        orgId: Int64, e164: String, label: String, carrierId: Int64?, outbound: Bool, now: Date
    ) async throws -> OwnedNumber
    /// Changes a number's label, carrier and direction (its E.164 never changes); making it inbound-only is
    /// refused while a campaign's pool or caller-ID slots name it.
    func updateNumber(
        orgId: Int64, id: Int64, label: String, carrierId: Int64?, outbound: Bool, now: Date
    ) async throws -> OwnedNumber
    /// Deletes a number no campaign's pool names.
    func deleteNumber(orgId: Int64, id: Int64, now: Date) async throws
    /// For each pool number that may not place calls for the organisation, why not (inbound-only, or, when
    /// `requireOwned`, not one of its numbers); empty when the whole pool may be used.
    func poolProblems(orgId: Int64, pool: [String], requireOwned: Bool) async throws -> [(e164: String, reason: String)]
    /// Creates a draft with agent `agentId` (or, when nil, a new agent from its settings) after checking its pool
    /// as ``poolProblems(orgId:pool:requireOwned:)`` does, all in one transaction.
    func createCampaign(
        orgId: Int64, agentId: Int64?, settings: CampaignSettings, requireOwnedPool: Bool, now: Date
    ) async throws -> Int64

    /// A page of opt-outs in number order after `after`, whose numbers contain `numberContains` when given.
    func optOuts(orgId: Int64, numberContains: String?, after: String?, limit: Int) async throws -> [OptOut]
    /// The opt-out of a number, or nil.
    func optOut(orgId: Int64, e164: String) async throws -> OptOut?
    /// Adds numbers to the opt-out list in one transaction; returns the ones that were not on it already.
    func addOptOuts(orgId: Int64, numbers: [String], source: String, now: Date) async throws -> [String]
    /// Takes a number off the opt-out list; false when it was not on it.
    func removeOptOut(orgId: Int64, e164: String, now: Date) async throws -> Bool
}
