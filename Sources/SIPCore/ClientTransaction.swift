/// Either kind of client transaction, so a call can keep them in one table.
enum ClientTransaction: Sendable {
    case invite(InviteClientTransaction)
    case nonInvite(NonInviteClientTransaction)

    var request: SIPRequest {
        switch self {
        case .invite(let transaction): transaction.request
        case .nonInvite(let transaction): transaction.request
        }
    }

    var branch: String? { try? request.headers.topVia().branch }

    mutating func start() -> [TransactionAction] {
        switch self {
        case .invite(var transaction):
            defer { self = .invite(transaction) }
            return transaction.start()
        case .nonInvite(var transaction):
            defer { self = .nonInvite(transaction) }
            return transaction.start()
        }
    }

    mutating func receive(_ response: SIPResponse) -> [TransactionAction] {
        switch self {
        case .invite(var transaction):
            defer { self = .invite(transaction) }
            return transaction.receive(response)
        case .nonInvite(var transaction):
            defer { self = .nonInvite(transaction) }
            return transaction.receive(response)
        }
    }

    mutating func timerFired(_ timer: TransactionTimer) -> [TransactionAction] {
        switch self {
        case .invite(var transaction):
            defer { self = .invite(transaction) }
            return transaction.timerFired(timer)
        case .nonInvite(var transaction):
            defer { self = .nonInvite(transaction) }
            return transaction.timerFired(timer)
        }
    }

    mutating func transportFailed() -> [TransactionAction] {
        switch self {
        case .invite(var transaction):
            defer { self = .invite(transaction) }
            return transaction.transportFailed()
        case .nonInvite(var transaction):
            defer { self = .nonInvite(transaction) }
            return transaction.transportFailed()
        }
    }
}
