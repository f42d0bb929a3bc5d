import Allot

/// Why a seat stayed open: the quotas that the seats still held leave unmet, read from the public
/// draw record (what a top-up draw would have to fill).
enum OpenSeats {
    /// `attribute=value (min M, held H)` for every quota, and joint quota, whose minimum the held seats miss.
    static func unmetQuotas(record: DrawRecord, list: InvitationList) -> [String] {
        let held = Set(list.invitations.filter { $0.state.holds }.map(\.pid))
        let attributes = Dictionary(record.pool.map { ($0.pid, $0.attributes) }, uniquingKeysWith: { a, _ in a })
        func count(_ matches: ([String: String]) -> Bool) -> Int {
            held.count { attributes[$0].map(matches) ?? false }
        }
        var unmet: [String] = []
        for (name, values) in record.quotas.sorted(by: { $0.key < $1.key }) {
            for (value, bounds) in values.sorted(by: { $0.key < $1.key }) where bounds.count == 2 {
                let seated = count { $0[name] == value }
                if seated < bounds[0] { unmet.append("\(name)=\(value) (min \(bounds[0]), held \(seated))") }
            }
        }
        for quota in record.jointQuotas ?? [] {
            let seated = count { $0[quota.feature1] == quota.value1 && $0[quota.feature2] == quota.value2 }
            if seated < quota.min {
                unmet.append("\(quota.feature1)=\(quota.value1)&\(quota.feature2)=\(quota.value2) (min \(quota.min), held \(seated))")
            }
        }
        return unmet
    }
}
