import Allot

extension Command {
    static let poolStats = Command(
        ["pool", "stats"], abstract: "count the active pool per attribute value"
    ) { invocation in
        let stats = try invocation.registry().stats()
        if invocation.json {
            try invocation.printJSON(stats)
            return
        }
        invocation.print("active: \(stats.active)  withdrawn: \(stats.withdrawn)")
        for attribute in stats.attributes {
            invocation.print(attribute.name)
            for value in attribute.values {
                let share = stats.active > 0 ? Double(value.count) * 100 / Double(stats.active) : 0
                let padded = value.code.padding(toLength: 18, withPad: " ", startingAt: 0)
                invocation.print(
                    "  \(padded) \(value.count)  (\(share.formatted(.number.precision(.fractionLength(1))))%)")
            }
        }
    }
}
