/// The ids of the calls a dialler recorded ended lately, at most `capacity` of them (the oldest are forgotten):
/// a duplicate `ended` for one of them is dropped without a write; an older one reaches the store's fence.
struct EndedCallIds: Sendable {
    private var members: Set<Int64> = []
    private var order: [Int64] = []
    private var next = 0
    let capacity: Int

    init(capacity: Int) { self.capacity = max(1, capacity) }

    mutating func insert(_ id: Int64) {
        guard members.insert(id).inserted else { return }
        if order.count < capacity {
            order.append(id)
        } else {
            members.remove(order[next])
            order[next] = id
            next = (next + 1) % capacity
        }
    }

    func contains(_ id: Int64) -> Bool { members.contains(id) }
}
