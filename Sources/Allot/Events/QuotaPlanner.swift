import Sortition

/// An organizer's change to one value's seats.
public struct QuotaEdit: Codable, Sendable, Equatable {
    public var attribute: String
    public var value: String
    public var min: Int
    public var max: Int

    public init(attribute: String, value: String, min: Int, max: Int) {
        self.attribute = attribute
        self.value = value
        self.min = min
        self.max = max
    }
}

/// Turns census shares into an event's seats, and applies the organizer's edits.
///
/// Every schema attribute and the age bands get one line per value, in schema order (age last).
/// A value with a census figure gets `Quotas.derivedSeats` of it (of its lower bound through its upper
/// bound, where the figure is known only within bounds); one without gets origin `missing`
/// and must be given seats (or its attribute left unconstrained) before a draw is prepared.
enum QuotaPlanner {
    /// The attribute name under which age bands take part in quotas and records.
    static let ageAttribute = "age"

    /// Quotas for `seats` from `targets`; lines the organizer set in `previous` are kept as they are.
    static func derive(
        seats: Int, schema: AttributeSchema, targets: TargetsFile?, previous: EventQuotas? = nil
    ) -> EventQuotas {
        var kept: [String: ValueSeats] = [:]
        for line in previous?.values ?? [] where line.origin == .explicit || line.origin == .unconstrained {
            kept["\(line.attribute)=\(line.value)"] = line
        }
        var values: [ValueSeats] = []
        for (attribute, codes) in attributeValues(schema) {
            for code in codes {
                if var line = kept["\(attribute)=\(code)"] {
                    if line.origin == .unconstrained { line.max = seats }
                    line.min = Swift.min(line.min, seats)
                    line.max = Swift.min(line.max, seats)
                    values.append(line)
                } else if let figure = targets?.figures[attribute]?[code] {
                    let low = Quotas.derivedSeats(panelSize: seats, share: figure.range.lowerBound)
                    let high = Quotas.derivedSeats(panelSize: seats, share: figure.range.upperBound)
                    let boundsNote = figure.range.lowerBound == figure.range.upperBound
                        ? nil : "share between \(percent(figure.range.lowerBound)) and \(percent(figure.range.upperBound))"
                    values.append(
                        ValueSeats(
                            attribute: attribute, value: code, min: low.lowerBound, max: high.upperBound,
                            origin: .derived, share: figure.share,
                            shareRange: boundsNote == nil ? nil : [figure.range.lowerBound, figure.range.upperBound],
                            note: [boundsNote, figure.status, figure.source].compactMap { $0 }.joined(separator: "; ")))
                } else {
                    let why = targets == nil ? "no targets file" : (targets?.gaps[attribute] ?? "no figure for this value")
                    values.append(
                        ValueSeats(
                            attribute: attribute, value: code, min: 0, max: seats, origin: .missing, share: nil,
                            note: why))
                }
            }
        }
        return EventQuotas(targets: targets?.path, values: values, joint: previous?.joint ?? [])
    }

    /// Applies explicit seats and unconstrained attributes; refuses values the schema does not have.
    static func apply(
        edits: [QuotaEdit], unconstrained: [String], to quotas: inout EventQuotas, seats: Int
    ) throws(EventError) {
        for attribute in unconstrained {
            guard quotas.values.contains(where: { $0.attribute == attribute }) else {
                throw .invalidQuotas("unknown attribute '\(attribute)'")
            }
            for index in quotas.values.indices where quotas.values[index].attribute == attribute {
                quotas.values[index].min = 0
                quotas.values[index].max = seats
                quotas.values[index].origin = .unconstrained
            }
        }
        for edit in edits {
            guard let index = quotas.values.firstIndex(where: { $0.attribute == edit.attribute && $0.value == edit.value })
            else {
                throw .invalidQuotas("unknown value '\(edit.value)' of attribute '\(edit.attribute)'")
            }
            guard edit.min >= 0, edit.min <= edit.max, edit.max <= seats else {
                throw .invalidQuotas(
                    "\(edit.attribute)=\(edit.value): seats \(edit.min)-\(edit.max) must satisfy 0 ≤ min ≤ max ≤ \(seats)")
            }
            quotas.values[index].min = edit.min
            quotas.values[index].max = edit.max
            quotas.values[index].origin = .explicit
        }
    }

    /// A share as a percentage with two decimals, as the census tables print them.
    static func percent(_ share: Double) -> String {
        let hundredths = Int((share * 10_000).rounded())
        return "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)%"
    }

    /// (attribute, value codes) in schema order, then the age bands.
    static func attributeValues(_ schema: AttributeSchema) -> [(String, [String])] {
        schema.attributes.map { ($0.name, $0.values.map(\.code)) } + [(ageAttribute, schema.age.bands.map(\.code))]
    }
}
