import Sortition
import Testing

@testable import Allot

/// The quotas of a top-up draw: the event's quotas less the seats already held.
@Suite("Event quotas")
struct EventQuotasTests {
    static func line(_ attribute: String, _ value: String, _ min: Int, _ max: Int) -> ValueSeats {
        ValueSeats(attribute: attribute, value: value, min: min, max: max, origin: .explicit, share: nil, note: nil)
    }

    @Test func aTopUpKeepsWhatHeldSeatsLeaveOfEveryQuotaJointOnesIncluded() throws {
        let quotas = EventQuotas(
            targets: nil,
            values: [
                Self.line("gender", "female", 5, 5), Self.line("gender", "male", 5, 5),
                Self.line("education", "tertiary", 2, 8), Self.line("education", "other", 2, 8),
            ],
            joint: [JointQuota(feature1: "gender", value1: "female", feature2: "education", value2: "tertiary", min: 2, max: 3)])
        // Nine seats held: four women (three with tertiary education) and five men (one with it).
        let held =
            Array(repeating: ["gender": "female", "education": "tertiary"], count: 3)
            + [["gender": "female", "education": "other"]]
            + [["gender": "male", "education": "tertiary"]]
            + Array(repeating: ["gender": "male", "education": "other"], count: 4)
        let reduced = try quotas.reduced(by: held, openSeats: 1)
        #expect(reduced.panelSize == 1)
        func bounds(_ feature: String, _ value: String) -> [Int]? {
            guard let f = reduced.features.firstIndex(where: { $0.name == feature }),
                  let v = reduced.features[f].values.firstIndex(of: value) else { return nil }
            return [reduced.minimum[f][v], reduced.maximum[f][v]]
        }
        #expect(bounds("gender", "female") == [1, 1])
        #expect(bounds("gender", "male") == [0, 0])
        // education: tertiary holds 4 of 2…8, other 5 of 2…8: nothing owed, at most the one open seat.
        #expect(bounds("education", "tertiary") == [0, 1])
        #expect(bounds("education", "other") == [0, 1])
        // Three women with tertiary education hold the joint quota's maximum of 3: the top-up may add none.
        let joint = try #require(reduced.joint.first)
        #expect(joint.min == 0 && joint.max == 0)
    }
}
