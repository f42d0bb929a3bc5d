import Allot

extension Command {
    static let schema = Command(
        ["schema"], abstract: "print the attribute schema in force: attributes, value codes, zh/en labels, age bands",
        discussion: "With --json, the same document as GET /api/v1/schema."
    ) { invocation in
        let schema = try invocation.config().schema
        if invocation.json {
            try invocation.printJSON(schema)
            return
        }
        let bands = schema.age.bands.map(\.code).joined(separator: ", ")
        invocation.print("age 年龄 (from birth year; minimum \(schema.age.minimum)): \(bands)")
        invocation.print("  \(AgeRule.ruleText)")
        for attribute in schema.attributes {
            invocation.print("\(attribute.name) \(attribute.labels.zh) (\(attribute.labels.en))")
            for value in attribute.values {
                invocation.print("  \(value.code)  \(value.labels.zh)  \(value.labels.en)")
            }
        }
    }
}
