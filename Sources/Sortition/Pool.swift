/// One candidate as read from input: an id and a value per feature name.
public struct Candidate: Sendable, Hashable {
    public let id: String
    public let values: [String: String]
    /// People with the same non-nil household key may not sit on one panel together
    /// (`--household-columns`: one per household / phone / combination).
    public let household: String?

    public init(id: String, values: [String: String], household: String? = nil) {
        self.id = id
        self.values = values
        self.household = household
    }
}

/// The people eligible for a panel, with their value index per feature, grouped into *types*.
///
/// A type is the set of people sharing every feature value and not bound by a household
/// constraint; LEXIMIN gives all members of a type the same probability, so the solver works
/// on type counts rather than people. A person sharing a household with someone else in the
/// pool is a type of their own (people-level handling only where households force it).
public struct Pool: Sendable {
    public let features: [Feature]
    /// Person ids in input order; person index `i` refers to `ids[i]`.
    public let ids: [String]
    /// `valueIndices[i][f]`: the index of person `i`'s value in `features[f].values`.
    public let valueIndices: [[Int]]
    /// The type of each person.
    public let typeOfPerson: [Int]
    /// The people of each type, in input order; types are numbered by first appearance.
    public let typeMembers: [[Int]]
    /// The value index per feature shared by the members of each type.
    public let typeValues: [[Int]]
    /// Groups of people (person indices, two or more) of whom at most one may be on a panel.
    public let households: [[Int]]

    public var count: Int { ids.count }
    public var typeCount: Int { typeMembers.count }

    /// Builds the pool; values are matched to the features case-insensitively after trimming.
    public init(features: [Feature], candidates: [Candidate]) throws(SortitionError) {
        var seen = Set<String>()
        var valueIndices: [[Int]] = []
        valueIndices.reserveCapacity(candidates.count)
        for candidate in candidates {
            guard seen.insert(candidate.id).inserted else { throw .duplicatePerson(candidate.id) }
            var normalizedValues: [String: String] = [:]
            for (key, value) in candidate.values { normalizedValues[Feature.normalized(key)] = value }
            var row: [Int] = []
            row.reserveCapacity(features.count)
            for feature in features {
                guard let value = normalizedValues[Feature.normalized(feature.name)] else {
                    throw .missingValue(feature: feature.name, person: candidate.id)
                }
                guard let index = feature.index(of: value) else {
                    throw .unknownValue(feature: feature.name, value: value, person: candidate.id)
                }
                row.append(index)
            }
            valueIndices.append(row)
        }
        self.init(features: features, ids: candidates.map(\.id), valueIndices: valueIndices,
                  householdKeys: candidates.map(\.household))
    }

    /// Builds the pool from value indices directly (e.g. synthetic pools); indices are checked.
    public init(features: [Feature], ids: [String], valueIndices: [[Int]], householdKeys: [String?]? = nil) throws(SortitionError) {
        guard Set(ids).count == ids.count else {
            var seen = Set<String>()
            let duplicate = ids.first { !seen.insert($0).inserted } ?? ""
            throw .duplicatePerson(duplicate)
        }
        for (person, row) in zip(ids, valueIndices) {
            guard row.count == features.count else { throw .featuresMismatch }
            for (feature, index) in zip(features, row) where !feature.values.indices.contains(index) {
                throw .unknownValue(feature: feature.name, value: String(index), person: person)
            }
        }
        guard valueIndices.count == ids.count else { throw .featuresMismatch }
        self.init(features: features, ids: ids, valueIndices: valueIndices, householdKeys: householdKeys ?? [])
    }

    private init(features: [Feature], ids: [String], valueIndices: [[Int]], householdKeys: [String?]) {
        self.features = features
        self.ids = ids
        self.valueIndices = valueIndices
        var groups: [String: [Int]] = [:]
        for (person, key) in householdKeys.enumerated() {
            if let key { groups[key, default: []].append(person) }
        }
        let households = groups.values.filter { $0.count > 1 }.sorted { $0[0] < $1[0] }
        var sharesHousehold = [Bool](repeating: false, count: ids.count)
        for group in households { for person in group { sharesHousehold[person] = true } }
        self.households = households

        var typeByValues: [[Int]: Int] = [:]
        var typeOfPerson = [Int](repeating: 0, count: ids.count)
        var members: [[Int]] = []
        var typeValues: [[Int]] = []
        for (person, row) in valueIndices.enumerated() {
            if !sharesHousehold[person], let type = typeByValues[row] {
                typeOfPerson[person] = type
                members[type].append(person)
                continue
            }
            let type = members.count
            if !sharesHousehold[person] { typeByValues[row] = type }
            typeOfPerson[person] = type
            members.append([person])
            typeValues.append(row)
        }
        self.typeOfPerson = typeOfPerson
        self.typeMembers = members
        self.typeValues = typeValues
    }
}
