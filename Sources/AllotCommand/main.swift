import Foundation

let runner = CommandRunner(parser: ArgumentParser(commands: CommandList.all, groupAbstracts: CommandList.groups))
let status = runner.run(
    Array(CommandLine.arguments.dropFirst()),
    environment: ProcessInfo.processInfo.environment,
    output: { FileHandle.standardOutput.write(Data($0.utf8)) },
    diagnostics: { FileHandle.standardError.write(Data($0.utf8)) }
)
exit(status)
