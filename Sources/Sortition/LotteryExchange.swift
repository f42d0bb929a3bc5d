import Optimization

/// Type-level repair of a lottery: exchanges one seat of one type for one seat of another on a
/// single lottery panel, keeping every quota row, until every type's lottery seats lie in its window.
///
/// The window. A type t of n members, each with exact probability π, holds S lottery seats; the
/// realization gives each member ⌊S/n⌋ or ⌈S/n⌉ of them (`LotteryRealization`). Every member is
/// within 1/m of π exactly when both lie in [⌈mπ − 1⌉, ⌊mπ + 1⌋], that is when
/// `S ∈ [n·⌈mπ − 1⌉, n·⌊mπ + 1⌋]` — a window n seats wide for a type of n members, so only small
/// types constrain much. (Requiring S within one seat of n·mπ, as the peeling does, is far stricter.)
///
/// The exchange. A type a above its window gives a seat on a panel holding it to a type b that can
/// take one and stay in its window (below-target types first); a type below its window takes one
/// from a type that can spare it. The exchange keeps the panel's size; it keeps every quota row when
/// the rows a sits in and b does not can lose a seat, and those b sits in and a does not can gain
/// one (value quotas, joint quotas and households alike, since all are rows of `QuotaModel`). When
/// no single exchange exists, two on one panel at once (a → b and c → d) repair the rows the first
/// broke. Each exchange moves a type one seat towards its window and keeps its partners inside
/// theirs, so the total distance outside the windows falls by one each time and the repair ends.
struct LotteryExchange {
    /// Exchange checks the repair may spend in all (a check is a few array reads): bounds the time
    /// on pools where the windows cannot all be met; well above what the benchmarked pools use.
    static let evaluationBudget = 50_000_000
    /// Tolerance on m·π being an integer (LP probabilities carry noise around 1e-9).
    static let tolerance = 1e-7
    /// Partners (best first) a double exchange pairs with: the search is cubic, and the best few suffice.
    static let doublePartners = 400
    /// Pair ratio above which `spread` evens a type out: members meeting a quarter more often than
    /// independent ones is the noise of a random lottery's own pairs at m = 1000.
    static let spreadTarget = 1.25
    /// Partner types `spread` tries for a type (those differing from it in fewest rows).
    static let spreadPartners = 64
    /// Swap checks `spread` may spend in all (a check is a few array reads and a hash lookup).
    static let spreadBudget = 20_000_000
    /// Checks one search for a double exchange may spend: past it the type is left as it is.
    /// Longest chain of exchanges `chain` tries: each link multiplies the types reachable, and a
    /// seat that cannot travel in four exchanges is rarely freed by more.
    static let chainDepth = 4
    /// Checks one chain search may spend (a check is a few array reads): enough for the searches
    /// that succeed on the benchmarked pools (300,000 cut one short on a city pool of 300, k = 30),
    /// while a search that cannot succeed costs at most a few tens of milliseconds before peeling
    /// is tried instead.
    static let chainBudget = 5_000_000
    static let doubleBudget = 20_000_000

    let members: [Int]
    /// The quota rows over type counts (`QuotaModel`), for `recompose`.
    let quotaModel: LinearModel
    /// Rows of each type (ascending), and each row's integral bounds.
    let rowsOfType: [[Int]]
    let rowLower: [Int]
    let rowUpper: [Int]
    /// Expected lottery seats per type, m · n · π.
    let expected: [Double]
    /// The window of each type's seats.
    let low: [Int]
    let high: [Int]

    /// Seats per type on each lottery panel, seats per row on each panel, seats per type in all.
    private(set) var panels: [[Int: Int]]
    var rowSeats: [[Int]]
    private(set) var seats: [Int]
    /// The panels holding each type (ascending), kept in step with `panels`.
    var holding: [[Int]]
    /// Panels of one class hold the same seats (copies of one distribution panel, until an exchange
    /// changes one: it then gets a class of its own). A search that found nothing on a panel finds
    /// nothing on the others of its class, so it visits each class once (`firstVisit`): the lottery's
    /// m panels are often copies of a few dozen.
    var panelClass: [Int]
    /// The search stamp that last visited each class.
    var classStamp: [Int]
    private var stamp = 0
    /// The panels as given, and how many classes they formed: a panel whose class is below that
    /// was never changed, and is returned as given.
    private let initialPanels: [TypePanel]
    private let initialClasses: Int

    init(panels typePanels: [TypePanel], pool: Pool, quotas: Quotas, typeProbabilities: [Double]) {
        let model = QuotaModel(pool: pool, quotas: quotas).model
        quotaModel = model
        let m = typePanels.count
        let members = pool.typeMembers.map(\.count)
        self.members = members
        var rowsOfType = [[Int]](repeating: [], count: members.count)
        for (row, constraint) in model.constraints.enumerated() {
            for type in constraint.indices { rowsOfType[type].append(row) }
        }
        self.rowsOfType = rowsOfType
        rowLower = model.constraints.map { $0.lower.isFinite ? Int(($0.lower - 1e-9).rounded(.up)) : Int.min / 2 }
        rowUpper = model.constraints.map { $0.upper.isFinite ? Int(($0.upper + 1e-9).rounded(.down)) : Int.max / 2 }
        let perMember = typeProbabilities.map { Double(m) * Swift.min(1, Swift.max(0, $0)) }
        expected = members.indices.map { Double(members[$0]) * perMember[$0] }
        low = members.indices.map { members[$0] * Swift.max(0, Int((perMember[$0] - 1 - LotteryExchange.tolerance).rounded(.up))) }
        high = members.indices.map { members[$0] * Swift.min(m, Int((perMember[$0] + 1 + LotteryExchange.tolerance).rounded(.down))) }
        // Copies of a panel come one after another (`RoundingProblem.expand`): they share one class,
        // and one dictionary and row count (copy-on-write) until an exchange changes one of them.
        var panelClass = [Int](repeating: 0, count: m)
        for index in typePanels.indices.dropFirst() {
            let (panel, previous) = (typePanels[index], typePanels[index - 1])
            panelClass[index] = panelClass[index - 1] + (panel.types == previous.types && panel.counts == previous.counts ? 0 : 1)
        }
        var seats = [Int](repeating: 0, count: members.count)
        var rowSeats: [[Int]] = []
        var panels: [[Int: Int]] = []
        rowSeats.reserveCapacity(m)
        panels.reserveCapacity(m)
        for (index, panel) in typePanels.enumerated() {
            for (type, count) in zip(panel.types, panel.counts) { seats[type] += count }
            if index > 0, panelClass[index] == panelClass[index - 1] {
                panels.append(panels[index - 1])
                rowSeats.append(rowSeats[index - 1])
                continue
            }
            var counts: [Int: Int] = [:]
            counts.reserveCapacity(panel.types.count)
            var rows = [Int](repeating: 0, count: model.constraints.count)
            for (type, count) in zip(panel.types, panel.counts) {
                counts[type] = count
                for row in rowsOfType[type] { rows[row] += count }
            }
            panels.append(counts)
            rowSeats.append(rows)
        }
        self.panels = panels
        self.rowSeats = rowSeats
        self.seats = seats
        var holding = [[Int]](repeating: [], count: members.count)
        for (index, panel) in typePanels.enumerated() { for type in panel.types { holding[type].append(index) } }
        self.holding = holding
        self.panelClass = panelClass
        classStamp = [Int](repeating: 0, count: (panelClass.last ?? 0) + 1)
        initialPanels = typePanels
        initialClasses = classStamp.count
    }

    /// Whether the exchanges have anything to do on `typePanels`: some type's seats outside its window,
    /// or a type whose members would meet more often than `spreadTarget` allows. When not, the
    /// caller skips building them (on example_small_20 that was a third of the rounding's time).
    /// Uses the same windows and ratio as `repair` and `spread`.
    static func needed(_ typePanels: [TypePanel], pool: Pool, typeProbabilities: [Double]) -> Bool {
        let m = typePanels.count
        let members = pool.typeMembers.map(\.count)
        var seats = [Int](repeating: 0, count: members.count)
        var pairs = [Int](repeating: 0, count: members.count)
        for panel in typePanels {
            for (type, count) in zip(panel.types, panel.counts) {
                seats[type] += count
                pairs[type] += count * (count - 1)
            }
        }
        for type in members.indices {
            let n = members[type]
            let perMember = Double(m) * Swift.min(1, Swift.max(0, typeProbabilities[type]))
            let low = n * Swift.max(0, Int((perMember - 1 - tolerance).rounded(.up)))
            let high = n * Swift.min(m, Int((perMember + 1 + tolerance).rounded(.down)))
            if seats[type] < low || seats[type] > high { return true }
            guard n > 1, seats[type] > 0 else { continue }
            let ratio = Double(pairs[type]) * Double(n) * Double(m) / (Double(n - 1) * Double(seats[type]) * Double(seats[type]))
            if ratio > spreadTarget { return true }
        }
        return false
    }

    /// Starts a search: every class unvisited.
    mutating func newSearch() { stamp += 1 }

    /// Whether panel `index` is the first of its class this search visits (and marks it visited).
    mutating func firstVisit(_ index: Int) -> Bool {
        let visited = classStamp[panelClass[index]] == stamp
        classStamp[panelClass[index]] = stamp
        return !visited
    }

    /// Seats outside the window (0 inside).
    func outside(_ type: Int) -> Int {
        Swift.max(0, seats[type] - high[type], low[type] - seats[type])
    }

    /// The panels as `TypePanel`s, in order.
    var typePanels: [TypePanel] {
        panels.indices.map { index in
            if panelClass[index] < initialClasses { return initialPanels[index] }
            let counts = panels[index]
            let types = counts.keys.sorted()
            var dense: [Int] = []
            var panelTypes: [Int] = []
            for type in types where (counts[type] ?? 0) > 0 {
                panelTypes.append(type)
                dense.append(counts[type] ?? 0)
            }
            return TypePanel(types: panelTypes, counts: dense)
        }
    }

    /// Repairs until every type is in its window or no exchange helps; returns whether all are in.
    /// With `recomposing`, a type no exchange or chain moves gets `recompose`d panels too (a MIP per
    /// panel: slower, so kept for lotteries the exchanges alone could not repair).
    mutating func repair(recomposing: Bool = false) -> Bool {
        var budget = LotteryExchange.evaluationBudget
        var stuck = Set<Int>()
        var progressSinceStuck = false
        while budget > 0 {
            var worst: (type: Int, outside: Int)?
            for type in members.indices where !stuck.contains(type) {
                let distance = outside(type)
                if distance > 0, distance > (worst?.outside ?? 0) { worst = (type, distance) }
            }
            guard let type = worst?.type else {
                // Every type left outside is stuck; exchanges made since it got stuck may have freed
                // it, so try them all once more (each round must make progress to go on).
                if stuck.isEmpty || !progressSinceStuck { break }
                stuck.removeAll()
                progressSinceStuck = false
                continue
            }
            if exchange(type, budget: &budget) || chain(type, budget: &budget) || recomposing && recompose(type) {
                progressSinceStuck = true
            } else { stuck.insert(type) }
        }
        return members.indices.allSatisfy { outside($0) == 0 }
    }

    /// Spreads each type's seats more evenly over the panels, for types whose members would otherwise
    /// meet on panels far more often than chance: two members of a type of n sit together on a panel
    /// holding c of them with probability c(c−1)/(n(n−1)), so a type seated c at a time on few
    /// panels (LEXIMIN's panels may seat all four of a type of four) pairs its members up although
    /// their probability is small. A swap across two panels — one seat of t for one of u on panel A,
    /// one of u for one of t on panel B, with A holding at least two more of t than B — keeps every
    /// type's seats (so every window) and every quota row, and lowers Σ c(c−1) for t.
    /// Types are taken worst first while their pair ratio (pairs' expected panels together against
    /// independent members', `Σ_j c_j(c_j − 1) · n · m / ((n − 1) · S²)`) exceeds `spreadTarget`.
    mutating func spread() {
        var budget = LotteryExchange.spreadBudget
        let m = panels.count
        let ratios = members.indices.map(pairRatio)
        let uneven = members.indices.filter { ratios[$0] > LotteryExchange.spreadTarget }
            .sorted { ratios[$0] > ratios[$1] || ratios[$0] == ratios[$1] && $0 < $1 }
        for type in uneven {
            // Partners for the swaps: the types differing from this one in fewest rows (the likeliest
            // to fit both panels), at most `spreadPartners` of them.
            let near = members.indices.filter { $0 != type }
                .map { (other: $0, rows: difference(rowsOfType[type], rowsOfType[$0])) }
                .sorted { $0.rows.minus.count < $1.rows.minus.count || $0.rows.minus.count == $1.rows.minus.count && $0.other < $1.other }
                .prefix(LotteryExchange.spreadPartners)
            budget -= members.count
            // Even would be ⌈S/m⌉ at most on every panel.
            let even = (seats[type] + m - 1) / m
            while budget > 0, pairRatio(type) > LotteryExchange.spreadTarget {
                guard let from = holding[type].max(by: { (panels[$0][type] ?? 0) < (panels[$1][type] ?? 0) || (panels[$0][type] ?? 0) == (panels[$1][type] ?? 0) && $0 > $1 }),
                      let most = panels[from][type], most > even else { break }
                var swapped = false
                // Partners that can take the seat on `from`; then a panel `to` they can leave (rows
                // first: array reads are cheaper than the panels' hash lookups).
                let fitting = near.filter { (panels[from][$0.other] ?? 0) < members[$0.other] && fits(from, minus: $0.rows.minus, plus: $0.rows.plus) }
                budget -= near.count
                newSearch()
                search: for to in panels.indices where firstVisit(to) {
                    for (other, rows) in fitting {
                        budget -= 1
                        guard fits(to, minus: rows.plus, plus: rows.minus), (panels[to][other] ?? 0) > 0,
                              (panels[to][type] ?? 0) <= most - 2 else { continue }
                        apply(leaving: type, joining: other, on: from, minus: rows.minus, plus: rows.plus)
                        apply(leaving: other, joining: type, on: to, minus: rows.plus, plus: rows.minus)
                        swapped = true
                        break search
                    }
                }
                if !swapped { break }
            }
        }
    }

    /// The pair ratio of `type` (see `spread`): how much more often two of its members meet on a
    /// lottery panel than independent members of their probability would; 0 for a type of one.
    func pairRatio(_ type: Int) -> Double {
        let n = members[type], total = seats[type]
        guard n > 1, total > 0 else { return 0 }
        var pairs = 0
        for index in holding[type] { let c = panels[index][type] ?? 0; pairs += c * (c - 1) }
        return Double(pairs) * Double(n) * Double(panels.count) / (Double(n - 1) * Double(total) * Double(total))
    }

    /// The largest pair ratio over types whose members would meet on at least one panel if drawn
    /// independently (π² · m ≥ 1; below that one shared panel already makes a large ratio), as
    /// `scripts/bench-select` reports it for people.
    var largestPairRatio: Double {
        let m = Double(panels.count)
        return members.indices.lazy.filter { type in
            let probability = self.expected[type] / (Double(self.members[type]) * m)
            return probability * probability * m >= 1
        }.map(pairRatio).max() ?? 0
    }

    /// One exchange moving `type` a seat towards its window; false when none is found.
    private mutating func exchange(_ type: Int, budget: inout Int) -> Bool {
        let giving = seats[type] > high[type]
        let need = members.indices.map { expected[$0] - Double(seats[$0]) }
        // Partners: types that can take (give) a seat and stay in their window, those furthest from
        // their expectation in the helpful direction first.
        var partners = members.indices.filter { other in
            other != type && (giving ? seats[other] + 1 <= high[other] : seats[other] - 1 >= low[other])
        }
        partners.sort { giving ? need[$0] > need[$1] || need[$0] == need[$1] && $0 < $1
                               : need[$0] < need[$1] || need[$0] == need[$1] && $0 < $1 }
        // A seat of `type` goes to the neediest partner that fits on a panel holding `type`; or
        // `type` takes the seat of the partner most over its expectation on a panel holding it.
        for partner in partners {
            let (leaving, joining) = giving ? (type, partner) : (partner, type)
            newSearch()
            for index in holding[leaving] where firstVisit(index) {
                budget -= 1
                if budget <= 0 { return false }
                guard swapFits(index, leaving: leaving, joining: joining) else { continue }
                let (minus, plus) = difference(rowsOfType[leaving], rowsOfType[joining])
                apply(leaving: leaving, joining: joining, on: index, minus: minus, plus: plus)
                return true
            }
        }
        return doubleExchange(type, giving: giving, partners: partners, budget: &budget)
    }

    /// Whether panel `index` keeps every row with a seat out of the rows `minus` and into `plus`.
    private func fits(_ index: Int, minus: [Int], plus: [Int]) -> Bool {
        minus.allSatisfy { rowSeats[index][$0] - 1 >= rowLower[$0] } && plus.allSatisfy { rowSeats[index][$0] + 1 <= rowUpper[$0] }
    }

    /// Two exchanges on one panel at once: `type` leaves (joins) for a partner, and a second pair
    /// c → d restores the rows the first one broke (c sits in every row the first made too full and
    /// in none it made too empty, d the other way round). Accepted when `type` moves towards its
    /// window and every other type touched stays in its window. At most `doubleBudget` checks a call.
    /// The inner loops read arrays only (row lists are short and sorted; row changes go through one
    /// scratch array): a search that allocated per candidate took 13 ms a call on sa_fixture_22.
    private mutating func doubleExchange(_ type: Int, giving: Bool, partners: [Int], budget: inout Int) -> Bool {
        var local = LotteryExchange.doubleBudget
        let canTake = members.indices.filter { seats[$0] + 1 <= high[$0] }
        guard !canTake.isEmpty, members.indices.contains(where: { seats[$0] - 1 >= low[$0] }) else { return false }
        budget -= 2 * members.count
        // The first exchange for each partner: who leaves, who joins, and the rows that change.
        let firsts = partners.prefix(LotteryExchange.doublePartners).map { partner in
            let (leaving, joining) = giving ? (type, partner) : (partner, type)
            let (minus, plus) = difference(rowsOfType[leaving], rowsOfType[joining])
            return (leaving: leaving, joining: joining, minus: minus, plus: plus)
        }
        var delta = [Int](repeating: 0, count: rowLower.count)
        var touched: [Int] = []
        var over: [Int] = [], under: [Int] = [], seconds: [Int] = [], thirds: [Int] = []
        newSearch()
        for index in panels.indices where firstVisit(index) {
            let own = panels[index][type] ?? 0
            guard giving ? own > 0 : own < members[type] else { continue }
            let onPanel = panels[index].keys.filter { (panels[index][$0] ?? 0) > 0 && seats[$0] - 1 >= low[$0] }.sorted()
            let rows = rowSeats[index]
            for first in firsts {
                let (leaving, joining) = (first.leaving, first.joining)
                let joiningNow = panels[index][joining] ?? 0
                guard (panels[index][leaving] ?? 0) > 0, joiningNow < members[joining] else { continue }
                over.removeAll(keepingCapacity: true)
                under.removeAll(keepingCapacity: true)
                for row in first.plus where rows[row] + 1 > rowUpper[row] { over.append(row) }
                for row in first.minus where rows[row] - 1 < rowLower[row] { under.append(row) }
                seconds.removeAll(keepingCapacity: true)
                for second in onPanel where second != joining && (second != leaving || (panels[index][leaving] ?? 0) > 1) {
                    let own = rowsOfType[second]
                    if over.allSatisfy({ LotteryExchange.contains(own, $0) }), !under.contains(where: { LotteryExchange.contains(own, $0) }) {
                        seconds.append(second)
                    }
                }
                local -= onPanel.count
                budget -= onPanel.count
                guard !seconds.isEmpty else { continue }
                thirds.removeAll(keepingCapacity: true)
                for third in canTake where third != leaving {
                    let own = rowsOfType[third]
                    if under.allSatisfy({ LotteryExchange.contains(own, $0) }), !over.contains(where: { LotteryExchange.contains(own, $0) }) {
                        thirds.append(third)
                    }
                }
                local -= canTake.count
                budget -= canTake.count
                for second in seconds {
                    for third in thirds where third != second {
                        local -= 1
                        budget -= 1
                        if budget <= 0 || local <= 0 { return false }
                        let onAfter = (panels[index][third] ?? 0) + (third == joining ? 1 : 0)
                        guard onAfter < members[third] else { continue }
                        // Every row's seats after both exchanges.
                        for row in first.minus { if delta[row] == 0 { touched.append(row) }; delta[row] -= 1 }
                        for row in first.plus { if delta[row] == 0 { touched.append(row) }; delta[row] += 1 }
                        for row in rowsOfType[second] { if delta[row] == 0 { touched.append(row) }; delta[row] -= 1 }
                        for row in rowsOfType[third] { if delta[row] == 0 { touched.append(row) }; delta[row] += 1 }
                        var fits = true
                        for row in touched {
                            let after = rows[row] + delta[row]
                            if after < rowLower[row] || after > rowUpper[row] { fits = false }
                            delta[row] = 0
                        }
                        touched.removeAll(keepingCapacity: true)
                        guard fits, windowsHold(type: type, changes: [(leaving, -1), (joining, 1), (second, -1), (third, 1)]) else { continue }
                        let (minus2, plus2) = difference(rowsOfType[second], rowsOfType[third])
                        apply(leaving: leaving, joining: joining, on: index, minus: first.minus, plus: first.plus)
                        apply(leaving: second, joining: third, on: index, minus: minus2, plus: plus2)
                        return true
                    }
                }
                if local <= 0 { return false }
            }
        }
        return false
    }

    /// A chain of single exchanges on distinct panels moving `type` one seat towards its window, for
    /// when no single or double exchange does (the rows `type` sits in are tight on the panels
    /// holding it). Giving: `type` → x₁ on one panel, x₁ → x₂ on another, …, up to a type that can
    /// take a seat and stay in its window; every type between gives one seat and takes one, so keeps
    /// its seats. Taking: the same the other way round. Breadth first (the shortest chain, at most
    /// `chainDepth` exchanges), each type reached once, each class of panels scanned once per type.
    /// The city pool of 1,500 people with k = 40 (seed 5) ended six types outside their windows
    /// (1.56/m) without chains.
    private mutating func chain(_ type: Int, budget: inout Int) -> Bool {
        let giving = seats[type] > high[type]
        // The type a chain reached each type from, and on which panel; chain length per type.
        var parent = [(from: Int, panel: Int)?](repeating: nil, count: members.count)
        var depth = [Int](repeating: -1, count: members.count)
        depth[type] = 0
        var queue = [type]
        var head = 0
        var path: [Int] = []
        var local = LotteryExchange.chainBudget
        while head < queue.count {
            let x = queue[head]
            head += 1
            guard depth[x] < LotteryExchange.chainDepth else { continue }
            path.removeAll(keepingCapacity: true)
            var walk = x
            while let step = parent[walk] { path.append(step.panel); walk = step.from }
            newSearch()
            let candidates = giving ? holding[x] : Array(panels.indices)
            for index in candidates where !path.contains(index) && firstVisit(index) {
                if giving {
                    // x leaves this panel, y takes its seat.
                    for y in members.indices where depth[y] < 0 {
                        budget -= 1
                        local -= 1
                        if budget <= 0 || local <= 0 { return false }
                        guard swapFits(index, leaving: x, joining: y) else { continue }
                        depth[y] = depth[x] + 1
                        parent[y] = (x, index)
                        if seats[y] + 1 <= high[y] { applyChain(to: y, giving: true, parent: parent); return true }
                        queue.append(y)
                    }
                } else {
                    // x takes the seat of y on this panel.
                    guard (panels[index][x] ?? 0) < members[x] else { continue }
                    for y in panels[index].keys.sorted() where depth[y] < 0 {
                        budget -= 1
                        local -= 1
                        if budget <= 0 || local <= 0 { return false }
                        guard swapFits(index, leaving: y, joining: x) else { continue }
                        depth[y] = depth[x] + 1
                        parent[y] = (x, index)
                        if seats[y] - 1 >= low[y] { applyChain(to: y, giving: false, parent: parent); return true }
                        queue.append(y)
                    }
                }
            }
        }
        return false
    }

    /// Applies the chain ending at `end`, walking back to its start.
    private mutating func applyChain(to end: Int, giving: Bool, parent: [(from: Int, panel: Int)?]) {
        var current = end
        while let step = parent[current] {
            let (leaving, joining) = giving ? (step.from, current) : (current, step.from)
            let (minus, plus) = difference(rowsOfType[leaving], rowsOfType[joining])
            apply(leaving: leaving, joining: joining, on: step.panel, minus: minus, plus: plus)
            current = step.from
        }
    }

    /// Whether on panel `index` one seat of `leaving` can go to `joining` within every row (and
    /// `joining` has a member left to seat); `leaving` must sit on the panel. Reads arrays only.
    private func swapFits(_ index: Int, leaving: Int, joining: Int) -> Bool {
        guard leaving != joining else { return false }
        let a = rowsOfType[leaving], b = rowsOfType[joining]
        let rows = rowSeats[index]
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if j == b.count || i < a.count && a[i] < b[j] {
                if rows[a[i]] - 1 < rowLower[a[i]] { return false }
                i += 1
            } else if i == a.count || b[j] < a[i] {
                if rows[b[j]] + 1 > rowUpper[b[j]] { return false }
                j += 1
            } else {
                i += 1
                j += 1
            }
        }
        // Rows first (array reads), then the panel's counts (a hash lookup).
        return (panels[index][joining] ?? 0) < members[joining]
    }

    /// Whether seat changes `changes` (a type may appear more than once) move `type` closer to its
    /// window and keep every other type they touch inside its own.
    private func windowsHold(type: Int, changes: [(type: Int, delta: Int)]) -> Bool {
        for (index, change) in changes.enumerated() where !changes[..<index].contains(where: { $0.type == change.type }) {
            let total = seats[change.type] + changes.reduce(0) { $0 + ($1.type == change.type ? $1.delta : 0) }
            let out = Swift.max(0, total - high[change.type], low[change.type] - total)
            if change.type == type ? out >= outside(type) : out != 0 { return false }
        }
        return true
    }

    /// Whether the ascending list `rows` holds `row` (lists are a type's rows: a handful).
    static func contains(_ rows: [Int], _ row: Int) -> Bool {
        for value in rows {
            if value == row { return true }
            if value > row { return false }
        }
        return false
    }

    /// Rows of `a` not of `b`, and rows of `b` not of `a` (both lists ascending).
    func difference(_ a: [Int], _ b: [Int]) -> (minus: [Int], plus: [Int]) {
        var minus: [Int] = [], plus: [Int] = []
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if j == b.count || i < a.count && a[i] < b[j] {
                minus.append(a[i]); i += 1
            } else if i == a.count || b[j] < a[i] {
                plus.append(b[j]); j += 1
            } else {
                i += 1; j += 1
            }
        }
        return (minus, plus)
    }

    mutating func apply(leaving: Int, joining: Int, on index: Int, minus: [Int], plus: [Int]) {
        panelClass[index] = classStamp.count
        classStamp.append(0)
        let left = (panels[index][leaving] ?? 0) - 1
        panels[index][leaving] = left > 0 ? left : nil
        if left == 0, let position = holding[leaving].firstIndex(of: index) { holding[leaving].remove(at: position) }
        panels[index][joining, default: 0] += 1
        if panels[index][joining] == 1 {
            let position = holding[joining].firstIndex { $0 > index } ?? holding[joining].count
            holding[joining].insert(index, at: position)
        }
        seats[leaving] -= 1
        seats[joining] += 1
        for row in minus { rowSeats[index][row] -= 1 }
        for row in plus { rowSeats[index][row] += 1 }
    }
}
