/// The telephony outcome of one call (SPEC §6), plus `interrupted` for a call whose worker died and
/// whose provider could not say what happened.
public enum CallOutcome: String, Sendable, CaseIterable, Codable {
    case answered
    case noAnswer = "no_answer"
    case busy
    case rejected
    case invalidNumber = "invalid_number"
    case failed
    case timeout
    case cancelled
    case interrupted
}

/// Who picked up an answered call. `unknown` (detection could not tell) counts as a human, and so does an
/// answered call that carries no answered-by at all.
public enum AnsweredBy: String, Sendable, CaseIterable, Codable {
    case human
    case machine
    case unknown
}

/// The standard dispositions of SPEC §6; campaigns may add custom names.
public enum StandardDisposition: String, Sendable, CaseIterable {
    case interested = "INTERESTED"
    case notInterested = "NOT_INTERESTED"
    case callback = "CALLBACK"
    case voicemail = "VOICEMAIL"
    case wrongNumber = "WRONG_NUMBER"
    case noAnswer = "NO_ANSWER"
    case optOut = "OPT_OUT"
    case completed = "COMPLETED"
}
