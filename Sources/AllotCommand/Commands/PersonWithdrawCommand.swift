import Allot

extension Command {
    static let personWithdraw = Command(
        ["person", "withdraw"], abstract: "withdraw a person: contact data erased, out of the pool",
        parameters: [.argument("PID", help: "the person's pid")]
    ) { invocation in
        let pid = try invocation.required("PID")
        try invocation.registry().withdraw(pid: pid, actor: .cli)
        if invocation.json {
            try invocation.printJSON(["pid": pid, "status": "withdrawn"])
        } else {
            invocation.print("withdrew \(pid); contact data erased")
        }
    }
}
