import Allot

extension Command {
    static let personEnroll = Command(
        ["person", "enroll"], abstract: "enroll one volunteer and print their pid and personal token",
        parameters: [
            .option("name", value: "TEXT", required: true, help: "full name"),
            .option("phone", value: "NUMBER", required: true, help: "mainland mobile number (+86 accepted)"),
            .option("email", value: "ADDRESS", help: "email address"),
            .option("birth-year", value: "YEAR", required: true, help: "year of birth (age 18 or more)"),
            .option(
                "attributes", value: "LIST", required: true,
                help: "name=value pairs separated by commas, e.g. gender=female,district=浦东新区"),
            .flag("consent", help: "the volunteer consents to be in the registry (required)"),
        ]
    ) { invocation in
        let topic = invocation.command.displayName
        guard let year = try invocation.integer("birth-year", in: 1000...9999) else {
            throw UsageError(message: "missing required option '--birth-year'", helpTopic: topic)
        }
        var attributes: [String: String] = [:]
        for pair in try invocation.required("attributes").split(separator: ",") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else {
                throw UsageError(
                    message: "option '--attributes' needs name=value pairs, got '\(pair)'", helpTopic: topic)
            }
            attributes[String(parts[0]).trimmingCharacters(in: .whitespaces)] = String(parts[1])
        }
        let enrollment = Enrollment(
            name: try invocation.required("name"), phone: try invocation.required("phone"),
            email: invocation.option("email"), birthYear: year, attributes: attributes,
            consent: invocation.flag("consent"))
        let receipt = try invocation.registry().enroll(enrollment, actor: .cli)
        if invocation.json {
            try invocation.printJSON(receipt)
        } else {
            invocation.print("pid: \(receipt.pid)")
            invocation.print("personal token (shown once): \(receipt.token)")
        }
    }
}
