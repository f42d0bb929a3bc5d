import Allot

extension Command {
    static let personShow = Command(
        ["person", "show"], abstract: "show one person's record",
        parameters: [
            .argument("PID", help: "the person's pid"),
            .flag("without-contacts", help: "leave out name, phone and email"),
        ]
    ) { invocation in
        let record = try invocation.registry().show(
            pid: try invocation.required("PID"), includeContact: !invocation.flag("without-contacts"))
        if invocation.json {
            try invocation.printJSON(record)
            return
        }
        invocation.print("pid: \(record.pid)")
        invocation.print("status: \(record.status)")
        invocation.print("birth year: \(record.birthYear) (age band \(record.ageBand ?? "-"))")
        for (name, value) in record.attributes.sorted(by: { $0.key < $1.key }) {
            invocation.print("\(name): \(value)")
        }
        invocation.print("enrolled: \(record.enrolledAt)")
        if let withdrawn = record.withdrawnAt { invocation.print("withdrawn: \(withdrawn)") }
        if let contact = record.contact {
            invocation.print("name: \(contact.name)")
            invocation.print("phone: \(contact.phone)")
            if let email = contact.email { invocation.print("email: \(email)") }
        }
    }
}
