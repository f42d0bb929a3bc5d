// libFuzzer entry for Allot's readers of untrusted input (built by scripts/fuzz-all through a
// SwiftPM target that exists only when ALLOT_FUZZ=1; not part of ordinary builds).
//
// One binary, several targets, chosen by ALLOT_FUZZ_TARGET:
// - csv:  the CSV reader, then the registry import's header and row checks, then the Sortition
//         Foundation features, joint quotas and people readers, all on the same bytes;
// - json: an API body decoded as an enrollment (strict fields, then the enrollment validator),
//         a person update and a token request;
// - draw: a draw record decoded from the bytes and re-checked by DrawVerifier (what `allot verify` does);
// - mps:  the MPS reader.
// Besides "no crash, no sanitizer report", errors must carry a message and API errors a 4xx status.

import Foundation
import Optimization
import Sortition

@testable import Allot
@testable import HTTPServer

/// Which reader this process fuzzes.
enum FuzzTarget: String {
    case csv, json, draw, mps
}

/// Set up once per process: the target and what the readers need (schema, validator, scratch file).
struct FuzzSetup {
    let target: FuzzTarget
    let validator: EnrollmentValidator
    let schema: AttributeSchema
    /// The scratch file the path-based CSV readers read each input from.
    let scratchPath: String

    /// The current year is fixed so birth-year checks do not change with the calendar.
    static let fixedYear = 2026

    static let shared: FuzzSetup = {
        let environment = ProcessInfo.processInfo.environment
        guard let name = environment["ALLOT_FUZZ_TARGET"], let target = FuzzTarget(rawValue: name) else {
            say("set ALLOT_FUZZ_TARGET to csv, json, draw or mps")
            exit(2)
        }
        let configPath = environment["ALLOT_CONFIG"] ?? "config/allot.json"
        guard let config = try? AllotConfig.load(path: configPath) else {
            say("cannot read \(configPath)")
            exit(2)
        }
        let directory = environment["TMPDIR"] ?? "/tmp"
        return FuzzSetup(
            target: target,
            validator: EnrollmentValidator(index: SchemaIndex(config.schema), currentYear: fixedYear),
            schema: config.schema, scratchPath: "\(directory)/allot-fuzz-\(getpid()).csv")
    }()
}

private func say(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}

private func require(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition {
        say("property violated: \(message())")
        abort()
    }
}

private func fuzzCSV(_ bytes: [UInt8], _ setup: FuzzSetup) {
    guard FileManager.default.createFile(atPath: setup.scratchPath, contents: Data(bytes)) else { return }
    var records: [CSVReader.Record] = []
    do {
        let reader = try CSVReader(path: setup.scratchPath)
        while let record = try reader.next() {
            require(record.line >= 1 && record.line <= bytes.count + 1, "line \(record.line) of \(bytes.count) bytes")
            records.append(record)
        }
    } catch {
        require(!error.message.isEmpty, "CSV error without message")
    }
    // The registry import: header, then every row through the checker.
    if let header = records.first, let columns = try? ImportColumns(header: header.fields, schema: setup.schema) {
        let checker = ImportRowChecker(columns: columns, validator: setup.validator)
        for record in records.dropFirst() { _ = checker.check(record) }
    }
    // The Sortition Foundation formats, one per input (each reader costs a 1 MiB buffer): features,
    // joint quotas or people, chosen by the input's length.
    let path = setup.scratchPath
    switch bytes.count % 3 {
    case 0:
        do {
            _ = try SortitionFoundationFormat.valueQuotas(path: path)
        } catch {
            require(!error.message.isEmpty, "features error without message")
        }
    case 1:
        _ = try? SortitionFoundationFormat.jointQuotas(path: path)
    default:
        let features = ["gender", "leaning", "age"].map { Feature(name: $0, values: []) }
        let households = bytes.first.map { $0 & 1 == 0 } ?? false ? ["address", "postcode"] : []
        _ = try? SortitionFoundationFormat.candidates(
            path: path, features: features, idColumn: nil, householdColumns: households)
    }
}

private func fuzzJSON(_ bytes: [UInt8], _ setup: FuzzSetup) {
    var headers = HTTPHeaders()
    headers.add("Content-Type", "application/json")
    let request = HTTPRequest(
        method: "POST",
        target: RequestTarget(rawPath: "/api/v1/enrollments", segments: ["api", "v1", "enrollments"], query: []),
        headers: headers, body: bytes)
    do throws(HTTPError) {
        let enrollment = try JSONBody.decode(Enrollment.self, from: request, allowedFields: StrictFields.enrollment)
        if case .invalid(let problems) = setup.validator.validate(enrollment) {
            require(!problems.isEmpty, "invalid without problems")
            for problem in problems {
                let response = APIErrorMapping.response(problem)
                require((400...499).contains(response.status), "validation gave \(response.status)")
            }
        }
    } catch {
        require((400...499).contains(error.status), "decode gave \(error.status)")
    }
    do throws(HTTPError) {
        _ = try JSONBody.decode(PersonUpdate.self, from: request, allowedFields: StrictFields.update)
    } catch {
        require((400...499).contains(error.status), "update decode gave \(error.status)")
    }
    do throws(HTTPError) {
        _ = try JSONBody.decode(RegistryAPI.TokenRequest.self, from: request, allowedFields: ["role", "label"])
    } catch {
        require((400...499).contains(error.status), "token decode gave \(error.status)")
    }
}

private func fuzzDraw(_ bytes: [UInt8]) {
    let record: DrawRecord
    do {
        record = try DrawRecord.decode(Data(bytes))
    } catch {
        require(!error.message.isEmpty, "record error without message")
        return
    }
    let checks = DrawVerifier.verify(record)
    require(!checks.isEmpty, "no checks")
    for check in checks where !check.passed {
        require(!check.detail.isEmpty, "failed check \(check.name) without detail")
    }
}

private func fuzzMPS(_ bytes: [UInt8]) {
    do {
        let problem = try MPSReader.parse(bytes: bytes)
        require(problem.rowCount >= 0 && problem.nonzeroCount >= 0, "negative counts")
    } catch {
        require(!"\(error)".isEmpty, "MPS error without description")
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let setup = FuzzSetup.shared
    switch setup.target {
    case .csv: fuzzCSV(bytes, setup)
    case .json: fuzzJSON(bytes, setup)
    case .draw: fuzzDraw(bytes)
    case .mps: fuzzMPS(bytes)
    }
    return 0
}
