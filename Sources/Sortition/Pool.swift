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
/// A type is the set of people sharing every feature value and the household, if they share one
/// with someone else in the pool; LEXIMIN gives all members of a type the same probability, so the
/// solver works on type counts rather than people. People of one household and the same values are
/// interchangeable for the quotas and for the household rule (one seat for the whole household),
/// so they form one type, and the household rule is a row over the household's few types: with
/// households as coarse as `district,education`, the pool keeps about as many types as without
/// (a type per person, as before, made 5,000 people take minutes instead of seconds).
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
        // Household index + 1 of each person; 0 for people who share no household.
        var householdOfPerson = [Int](repeating: 0, count: ids.count)
        for (index, group) in households.enumerated() { for person in group { householdOfPerson[person] = index + 1 } }
        self.households = households

        // Keyed by the values followed by the household number, so a type never spans households.
        var typeByKey: [[Int]: Int] = [:]
        var typeOfPerson = [Int](repeating: 0, count: ids.count)
        var members: [[Int]] = []
        var typeValues: [[Int]] = []
        var key: [Int] = []
        for (person, row) in valueIndices.enumerated() {
            key.removeAll(keepingCapacity: true)
            key.append(contentsOf: row)
            key.append(householdOfPerson[person])
            if let type = typeByKey[key] {
                typeOfPerson[person] = type
                members[type].append(person)
                continue
            }
            let type = members.count
            typeByKey[key] = type
            typeOfPerson[person] = type
            members.append([person])
            typeValues.append(row)
        }
        self.typeOfPerson = typeOfPerson
        self.typeMembers = members
        self.typeValues = typeValues
    }
}
