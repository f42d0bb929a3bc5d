/// One line of a features file: the seats a feature value may hold on the panel, and how far
/// (in the Sortition Foundation's sense) the bounds may be relaxed when no panel meets them.
public struct ValueQuota: Sendable, Hashable {
    public var feature: String
    public var value: String
    public var min: Int
    public var max: Int
    /// The lowest the minimum may be relaxed to (default 0).
    public var minFlex: Int?
    /// The highest the maximum may be relaxed to (default the panel size).
    public var maxFlex: Int?

    public init(feature: String, value: String, min: Int, max: Int, minFlex: Int? = nil, maxFlex: Int? = nil) {
        self.feature = feature
        self.value = value
        self.min = min
        self.max = max
        self.minFlex = minFlex
        self.maxFlex = maxFlex
    }
}

/// Seats for a pair of values of two different features (e.g. age 18-29 × female): a line of
/// `--joint-quotas FILE` with header `feature1,value1,feature2,value2,min,max`.
public struct JointQuota: Sendable, Hashable, Codable {
    public var feature1: String
    public var value1: String
    public var feature2: String
    public var value2: String
    public var min: Int
    public var max: Int

    public init(feature1: String, value1: String, feature2: String, value2: String, min: Int, max: Int) {
        self.feature1 = feature1
        self.value1 = value1
        self.feature2 = feature2
        self.value2 = value2
        self.min = min
        self.max = max
    }
}

/// A feature value addressed by indices into `Quotas.features`.
public struct ValueRef: Sendable, Hashable {
    public let feature: Int
    public let value: Int
}

/// A validated joint quota, by indices.
public struct ResolvedJointQuota: Sendable, Hashable {
    public let first: ValueRef
    public let second: ValueRef
    public let min: Int
    public let max: Int
}

/// Validated quotas for a panel of `panelSize` seats: min/max seats per feature value,
/// joint quotas on pairs of values, and the relaxation limits used by the diagnostics.
/// The features (and their values) are those named in the quota lines, in order of first appearance.
public struct Quotas: Sendable, Hashable {
    public let panelSize: Int
    public let features: [Feature]
    /// `minimum[f][v]` / `maximum[f][v]`: seats for value `v` of feature `f`.
    public let minimum: [[Int]]
    public let maximum: [[Int]]
    /// Relaxation limits: the minimum may go down to `minFlex`, the maximum up to `maxFlex`.
    public let minFlex: [[Int]]
    public let maxFlex: [[Int]]
    public let joint: [ResolvedJointQuota]

    public init(panelSize: Int, quotas: [ValueQuota], joint: [JointQuota] = []) throws(SortitionError) {
        guard panelSize >= 1 else { throw .invalidPanelSize(size: panelSize, poolSize: nil) }
        var features: [Feature] = []
        var lines: [[ValueQuota]] = []
        for quota in quotas {
            let name = "\(quota.feature)=\(quota.value)"
            guard quota.min >= 0, quota.min <= quota.max else { throw .invalidBounds(quota: name, min: quota.min, max: quota.max) }
            if let flex = quota.minFlex, flex < 0 || flex > quota.min { throw .invalidBounds(quota: name + " (min_flex)", min: flex, max: quota.min) }
            if let flex = quota.maxFlex, flex < quota.max { throw .invalidBounds(quota: name + " (max_flex)", min: quota.max, max: flex) }
            let value = quota.value.trimmingWhitespace()
            if let f = features.featureIndex(named: quota.feature) {
                guard features[f].index(of: value) == nil else { throw .duplicateQuota(name) }
                features[f] = Feature(name: features[f].name, values: features[f].values + [value])
                lines[f].append(quota)
            } else {
                features.append(Feature(name: quota.feature.trimmingWhitespace(), values: [value]))
                lines.append([quota])
            }
        }
        self.panelSize = panelSize
        self.features = features
        minimum = lines.map { $0.map(\.min) }
        maximum = lines.map { $0.map { Swift.min($0.max, panelSize) } }
        minFlex = lines.map { $0.map { $0.minFlex ?? 0 } }
        maxFlex = lines.map { $0.map { Swift.max($0.maxFlex ?? panelSize, Swift.min($0.max, panelSize)) } }

        var resolved: [ResolvedJointQuota] = []
        var seenPairs = Set<[ValueRef]>()
        for quota in joint {
            let name = "\(quota.feature1)=\(quota.value1) × \(quota.feature2)=\(quota.value2)"
            let first = try Quotas.resolve(features, quota.feature1, quota.value1)
            let second = try Quotas.resolve(features, quota.feature2, quota.value2)
            guard first.feature != second.feature else { throw .jointSameFeature(quota.feature1) }
            guard quota.min >= 0, quota.min <= quota.max else { throw .invalidBounds(quota: name, min: quota.min, max: quota.max) }
            let key = first.feature < second.feature ? [first, second] : [second, first]
            guard seenPairs.insert(key).inserted else { throw .duplicateQuota(name) }
            resolved.append(ResolvedJointQuota(first: first, second: second, min: quota.min, max: Swift.min(quota.max, panelSize)))
        }
        self.joint = resolved
    }

    private static func resolve(_ features: [Feature], _ feature: String, _ value: String) throws(SortitionError) -> ValueRef {
        guard let f = features.featureIndex(named: feature) else { throw .unknownFeature(feature) }
        guard let v = features[f].index(of: value) else { throw .unknownValue(feature: feature, value: value, person: nil) }
        return ValueRef(feature: f, value: v)
    }

    /// `feature=value`, as used in messages.
    public func label(_ ref: ValueRef) -> String {
        name(ref).description
    }

    /// A value quota's name for diagnostics.
    public func name(_ ref: ValueRef) -> QuotaName {
        QuotaName(attribute: features[ref.feature].name, value: features[ref.feature].values[ref.value])
    }

    /// A resolved joint quota written out by names, as quota files and records state it.
    public func jointQuota(_ quota: ResolvedJointQuota) -> JointQuota {
        JointQuota(
            feature1: features[quota.first.feature].name, value1: features[quota.first.feature].values[quota.first.value],
            feature2: features[quota.second.feature].name, value2: features[quota.second.feature].values[quota.second.value],
            min: quota.min, max: quota.max)
    }

    /// A joint quota's name for diagnostics.
    public func name(_ quota: ResolvedJointQuota) -> QuotaName {
        QuotaName(
            attribute: features[quota.first.feature].name, value: features[quota.first.feature].values[quota.first.value],
            attribute2: features[quota.second.feature].name, value2: features[quota.second.feature].values[quota.second.value])
    }

    /// Every feature value, feature by feature.
    var allValues: [ValueRef] {
        features.indices.flatMap { f in features[f].values.indices.map { ValueRef(feature: f, value: $0) } }
    }

    /// The quotas a panel (person indices into `pool`) breaks, in plain words; empty when it meets them all,
    /// including its size and the household constraint.
    public func violations(of panel: [Int], in pool: Pool) -> [String] {
        var problems: [String] = []
        if panel.count != panelSize { problems.append("panel has \(panel.count) people, not \(panelSize)") }
        if Set(panel).count != panel.count { problems.append("panel lists a person twice") }
        guard pool.features == features else { return problems + ["pool features differ from the quota features"] }
        guard panel.allSatisfy({ pool.ids.indices.contains($0) }) else { return problems + ["panel names a person not in the pool"] }
        var seats = features.map { [Int](repeating: 0, count: $0.values.count) }
        for person in panel { for (f, v) in pool.valueIndices[person].enumerated() { seats[f][v] += 1 } }
        for ref in allValues {
            let n = seats[ref.feature][ref.value]
            let low = minimum[ref.feature][ref.value], high = maximum[ref.feature][ref.value]
            if n < low || n > high { problems.append("\(label(ref)) has \(n) seats, quota \(low)...\(high)") }
        }
        for quota in joint {
            let n = panel.count { pool.valueIndices[$0][quota.first.feature] == quota.first.value && pool.valueIndices[$0][quota.second.feature] == quota.second.value }
            if n < quota.min || n > quota.max { problems.append("\(label(quota.first)) × \(label(quota.second)) has \(n) seats, quota \(quota.min)...\(quota.max)") }
        }
        let members = Set(panel)
        for household in pool.households where household.count(where: { members.contains($0) }) > 1 {
            problems.append("household of \(household.map { pool.ids[$0] }.joined(separator: ", ")) has more than one seat")
        }
        return problems
    }
}
