/// A max-heap of (priority, type); ties go to the lower type, so builds are deterministic.
struct UnitHeap {
    private var entries: [(Double, Int)]

    init(entries: [(Double, Int)]) {
        self.entries = entries
        var index = entries.count / 2
        while index > 0 {
            index -= 1
            siftDown(index)
        }
    }

    private func above(_ a: (Double, Int), _ b: (Double, Int)) -> Bool {
        a.0 > b.0 || (a.0 == b.0 && a.1 < b.1)
    }

    mutating func push(_ entry: (Double, Int)) {
        entries.append(entry)
        var child = entries.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard above(entries[child], entries[parent]) else { break }
            entries.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() -> (Double, Int)? {
        guard let last = entries.popLast() else { return nil }
        guard !entries.isEmpty else { return last }
        let top = entries[0]
        entries[0] = last
        siftDown(0)
        return top
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1, right = left + 1
            var best = parent
            if left < entries.count, above(entries[left], entries[best]) { best = left }
            if right < entries.count, above(entries[right], entries[best]) { best = right }
            guard best != parent else { return }
            entries.swapAt(parent, best)
            parent = best
        }
    }
}
