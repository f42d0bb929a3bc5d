/// A cache that keeps the `capacity` most recently used values and evicts the least recently used
/// one beyond that, so a cache filled by a long-running server stays bounded. Not thread-safe by
/// itself: keep it behind a lock.
struct RecentCache<Key: Hashable, Value> {
    /// Most values kept at once (at least 1).
    let capacity: Int
    private var values: [Key: Value] = [:]
    /// Keys from least to most recently used; short (≤ `capacity`), so linear updates are cheap.
    private var order: [Key] = []

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// The number of values kept.
    var count: Int { values.count }

    /// The keys kept, least recently used first.
    var keys: [Key] { order }

    /// The value for `key`, marked as the most recently used.
    mutating func value(for key: Key) -> Value? {
        guard let value = values[key] else { return nil }
        touch(key)
        return value
    }

    /// Stores `value` as the most recently used; evicts the least recently used ones beyond `capacity`.
    mutating func insert(_ value: Value, for key: Key) {
        values[key] = value
        touch(key)
        while order.count > capacity {
            values[order.removeFirst()] = nil
        }
    }

    private mutating func touch(_ key: Key) {
        order.removeAll { $0 == key }
        order.append(key)
    }
}
