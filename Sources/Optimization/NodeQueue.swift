/// A subproblem of branch and bound: the root's bounds with `changes` applied in order.
struct BranchNode: Sendable {
    /// A bound set on one variable at this node or an ancestor.
    struct BoundChange: Sendable {
        var variable: Int
        var lower: Double
        var upper: Double
    }

    /// The branching that created this node, for pseudocosts.
    struct Branching: Sendable {
        var variable: Int
        var up: Bool
        /// Distance the LP value had to move: `1 − f` up, `f` down.
        var distance: Double
    }

    var changes: [BoundChange]
    /// Lower bound (internal minimization) on every point of the subtree: the parent's LP value.
    var bound: Double
    var depth: Int
    var branching: Branching?
}

/// Open nodes ordered by bound (best first), deeper nodes first among equal bounds.
struct NodeQueue: Sendable {
    private var heap: [BranchNode] = []

    var isEmpty: Bool { heap.isEmpty }
    var count: Int { heap.count }
    /// Smallest bound of any open node (+∞ when empty).
    var bestBound: Double { heap.first?.bound ?? .infinity }

    private static func before(_ a: BranchNode, _ b: BranchNode) -> Bool {
        a.bound < b.bound || (a.bound == b.bound && a.depth > b.depth)
    }

    mutating func push(_ node: BranchNode) {
        heap.append(node)
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            if !Self.before(heap[child], heap[parent]) { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() -> BranchNode? {
        guard !heap.isEmpty else { return nil }
        heap.swapAt(0, heap.count - 1)
        let top = heap.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var best = parent
            if left < heap.count && Self.before(heap[left], heap[best]) { best = left }
            if right < heap.count && Self.before(heap[right], heap[best]) { best = right }
            if best == parent { break }
            heap.swapAt(parent, best)
            parent = best
        }
        return top
    }

    /// Drops every node whose bound is not worth exploring any more (after a better incumbent).
    mutating func prune(keeping worthExploring: (Double) -> Bool) {
        let kept = heap.filter { worthExploring($0.bound) }
        if kept.count == heap.count { return }
        heap = []
        for node in kept { push(node) }
    }
}
