extension ReplacementRule {
    /// What `allot-replace-v1` decides for one vacated seat: the reserves passed over as unavailable
    /// (with their reasons) and the replacement, nil when the seat stays open.
    struct Choice: Equatable {
        var skipped: [ReplacementLog.Skip]
        var chosen: String?
    }

    /// A reserve order prepared once for `choose`: each reserve's profile and position, and how many
    /// reserves each profile has, so that a walk counts the unused reserves per profile from the few
    /// gone and held instead of from the whole order.
    struct Order: Sendable {
        let pids: [String]
        /// Profile number per position (−1 for someone outside the draw's pool).
        let profiles: [Int]
        let position: [String: Int]
        /// Reserves per profile over the whole order.
        let supply: [Int]
    }

    /// `pids` (a draw's reserve order) prepared for `choose`.
    func order(_ pids: [String]) -> Order {
        let profiles = pids.map { profileOf[$0] ?? -1 }
        var supply = [Int](repeating: 0, count: representatives.count)
        for profile in profiles where profile >= 0 { supply[profile] += 1 }
        let position = Dictionary(pids.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        return Order(pids: pids, profiles: profiles, position: position, supply: supply)
    }

    /// The first reserve of `order` (without `gone`) whose joining keeps every quota satisfiable, after
    /// the vacated seat left `held`; reserves `unavailable` names a reason for are skipped and leave
    /// the unused reserves. `profiles` is `profiles(of: order)`. The service and the verifier both
    /// decide through here, so they cannot disagree.
    ///
    /// A reserve's admissibility depends only on their profile, the held seats and — while earlier
    /// seats are open — how many unused reserves of each profile remain (at most `open` of one profile
    /// can help complete the panel). So the walk asks once per profile, not once per reserve.
    func choose(
        held: Set<String>, order: Order, gone: Set<String>, unavailable: (String) throws -> String?
    ) rethrows -> Choice {
        let heldCounts = counts(held)
        // Seats still open once the replacement sits: 0 is the usual case (the panel is full again).
        let open = panelSize - held.count - 1
        var skipped: [ReplacementLog.Skip] = []
        var verdicts = [Bool?](repeating: nil, count: representatives.count)
        // Positions out of the walk (gone or held), and the unused reserves per profile.
        var out = [Bool](repeating: false, count: order.pids.count)
        var supply = order.supply
        for pid in gone.union(held) {
            guard let position = order.position[pid], !out[position] else { continue }
            out[position] = true
            let profile = order.profiles[position]
            if profile >= 0 { supply[profile] -= 1 }
        }
        let profiles = order.profiles
        let mayFill = fillingFilter(heldCounts: heldCounts)
        // While seats are open, one check first: can the `open + 1` seats be filled from the unused
        // reserves at all? If not, no reserve is admissible (whoever joins, the rest cannot complete),
        // and fewer reserves after skips cannot change that: the walk only records the skips.
        let heldLines = lines.map { heldCounts[$0.key, default: 0] }
        let jointHeld = joint.map { jointCount($0, held) }
        let noneAdmissible =
            open > 0 && !completable(seated: held.count, held: heldLines, jointHeld: jointHeld, supply: supply)
        for (index, pid) in order.pids.enumerated() where !out[index] || (held.contains(pid) && !gone.contains(pid)) {
            let profile = profiles[index]
            if let reason = try unavailable(pid) {
                skipped.append(ReplacementLog.Skip(pid: pid, reason: reason))
                // Fewer unused reserves can only make completing harder: the verdicts known stay (each is
                // `false`, a `true` ends the walk), the ones asked later see the smaller supply.
                if open > 0, profile >= 0, !held.contains(pid) { supply[profile] -= 1 }
                continue
            }
            guard profile >= 0, !held.contains(pid) else { continue }
            let admitted: Bool
            if let known = verdicts[profile] {
                admitted = known
            } else {
                if open < 0 || noneAdmissible {
                    admitted = false
                } else if open == 0 {
                    admitted = mayFill(pid) && admits(pid, held: held, heldCounts: heldCounts, completion: [])
                } else {
                    admitted = completes(pid, held: held, heldLines: heldLines, jointHeld: jointHeld, supply: supply)
                }
                verdicts[profile] = admitted
            }
            if admitted { return Choice(skipped: skipped, chosen: pid) }
        }
        return Choice(skipped: skipped, chosen: nil)
    }

    /// `admits` while seats stay open after `candidate` joins, with the unused reserves given as a
    /// count per profile (`supply`, the candidate included) and the held seats per line (`heldLines`)
    /// and per joint quota (`jointHeld`).
    func completes(_ candidate: String, held: Set<String>, heldLines: [Int], jointHeld: [Int], supply: [Int]) -> Bool {
        guard let values = attributes[candidate], let profile = profileOf[candidate], !held.contains(candidate) else {
            return false
        }
        guard held.count + 1 < panelSize else { return false }
        var seated = heldLines
        for line in profileLines[profile] ?? [] {
            seated[line] += 1
            if seated[line] > lines[line].max { return false }
        }
        var jointSeated = jointHeld
        for (index, quota) in joint.enumerated()
        where values[quota.feature1] == quota.value1 && values[quota.feature2] == quota.value2 {
            jointSeated[index] += 1
            if jointSeated[index] > quota.max { return false }
        }
        var others = supply
        others[profile] -= 1
        return completable(seated: held.count + 1, held: seated, jointHeld: jointSeated, supply: others)
    }
}
