import Foundation

extension Registry {
    /// Rows between progress reports during import and export.
    static let progressInterval = 100_000

    /// Imports volunteers from a CSV file (INTERFACE.md §3) in one transaction: all rows or none.
    /// Every bad row is reported with its line number and reason. Phones already enrolled (or repeated in
    /// the file) are errors, unless `skipDuplicates`, which skips and counts them. `progress` receives
    /// the number of rows read so far, now and then.
    public func importCSV(
        path: String, actor: Actor, skipDuplicates: Bool = false, progress: (@Sendable (Int) -> Void)? = nil
    ) throws -> ImportReport {
        let time = clock()
        let validator = validator(at: time)
        let reader = try CSVReader(path: path)
        guard let header = try reader.next() else { throw ImportError.badHeader(reason: "the file is empty") }
        let columns = try ImportColumns(header: header.fields, schema: schema)
        let standInYear = validator.currentYear - schema.age.minimum

        return try database.write { connection in
            var report = ImportReport()
            var seenPhones: [String: Int] = [:]
            while let record = try reader.next() {
                report.rows += 1
                if report.rows % Self.progressInterval == 0 { progress?(report.rows) }
                guard record.fields.count == columns.count else {
                    report.rejected.append(
                        .init(
                            line: record.line,
                            reason: "has \(record.fields.count) fields where the header has \(columns.count)"))
                    continue
                }
                // A birth year that is not a number is reported alongside the row's other problems, which are
                // checked with a stand-in year.
                let year = columns.birthYear(in: record.fields)
                let enrollment = columns.enrollment(from: record.fields, birthYear: year ?? standInYear)
                var problems: [RegistryError] = []
                if year == nil {
                    problems.append(
                        .invalidField(name: "birth_year", reason: "'\(record.fields[columns.birthYearIndex])' is not a year"))
                }
                let outcome = validator.validate(enrollment)
                if case .invalid(let found) = outcome { problems += found }
                guard problems.isEmpty, case .valid(let valid) = outcome else {
                    report.rejected.append(
                        .init(line: record.line, reason: problems.map(\.message).joined(separator: "; ")))
                    continue
                }
                if let earlier = seenPhones[valid.phone] {
                    if skipDuplicates {
                        report.duplicatesSkipped += 1
                    } else {
                        report.rejected.append(.init(line: record.line, reason: "phone repeats line \(earlier)"))
                    }
                    continue
                }
                seenPhones[valid.phone] = record.line
                if try PersonStore.phoneIsEnrolled(valid.phone, in: connection) {
                    if skipDuplicates {
                        report.duplicatesSkipped += 1
                    } else {
                        report.rejected.append(.init(line: record.line, reason: "phone is already enrolled"))
                    }
                    continue
                }
                // After the first bad row the import will be rolled back: only check the rest.
                if report.rejected.isEmpty {
                    _ = try PersonStore.insert(valid, at: time, in: connection)
                    report.added += 1
                }
            }
            guard report.rejected.isEmpty else {
                report.added = 0
                throw ImportError.rejected(report)
            }
            var audit = try AuditWriter(connection: connection)
            try audit.append(
                at: time, actor: actor, action: "pool.import", subject: nil,
                details: ["added": String(report.added), "duplicatesSkipped": String(report.duplicatesSkipped)])
            return report
        }
    }

    /// Writes the active pool to a CSV file, ordered by pid: `pid,birth_year,<attributes>`, or with
    /// `includeContacts` the importable form `pid,name,phone,email,birth_year,<attributes>,consent`.
    /// Returns the number of people written. Exports with contacts are audited.
    @discardableResult
    public func exportCSV(path: String, includeContacts: Bool, actor: Actor) throws -> Int {
        let writer = try CSVWriter(path: path)
        let names = schema.attributes.map(\.name)
        let header =
            includeContacts
            ? ["pid", "name", "phone", "email", "birth_year"] + names + ["consent"]
            : ["pid", "birth_year"] + names
        try writer.write(header)
        let count = try database.read { connection in
            var count = 0
            try connection.prepare(
                """
                SELECT person.pid, person.birth_year, person.attributes, contact.name, contact.phone, contact.email
                FROM person JOIN contact ON contact.person_id = person.id
                WHERE person.status = 'active' ORDER BY person.pid
                """
            ).forEachRow { row in
                let attributes = AttributesJSON.decode(row.text(2))
                let values = names.map { attributes[$0] ?? "" }
                if includeContacts {
                    try writer.write(
                        [row.text(0), row.text(3), row.text(4), row.text(5), String(row.int(1))] + values + ["yes"])
                } else {
                    try writer.write([row.text(0), String(row.int(1))] + values)
                }
                count += 1
            }
            return count
        }
        try writer.close()
        if includeContacts {
            try database.write { connection in
                var audit = try AuditWriter(connection: connection)
                try audit.append(
                    at: clock(), actor: actor, action: "pool.export", subject: nil,
                    details: ["people": String(count), "contacts": "yes"])
            }
        }
        return count
    }
}

/// Where each field of the volunteer CSV is, from its header row.
struct ImportColumns {
    /// Optional columns; `pid` is written by export and ignored on import.
    static let optional: Set<String> = ["email", "pid"]
    static let required = ["name", "phone", "birth_year", "consent"]

    let count: Int
    let nameIndex: Int
    let phoneIndex: Int
    let emailIndex: Int?
    let birthYearIndex: Int
    let consentIndex: Int
    let attributeIndices: [(name: String, index: Int)]

    init(header: [String], schema: AttributeSchema) throws(ImportError) {
        var positions: [String: Int] = [:]
        for (index, raw) in header.enumerated() {
            let name = SchemaIndex.fold(raw)
            guard positions[name] == nil else { throw .badHeader(reason: "column '\(name)' appears twice") }
            guard Self.required.contains(name) || Self.optional.contains(name) || schema.attribute(named: name) != nil
            else {
                throw .badHeader(reason: "unknown column '\(raw)'")
            }
            positions[name] = index
        }
        let missing = (Self.required + schema.attributes.map(\.name)).filter { positions[$0] == nil }
        guard missing.isEmpty, let name = positions["name"], let phone = positions["phone"],
            let birthYear = positions["birth_year"], let consent = positions["consent"]
        else {
            throw .badHeader(reason: "missing column(s) " + missing.joined(separator: ", "))
        }
        count = header.count
        nameIndex = name
        phoneIndex = phone
        emailIndex = positions["email"]
        birthYearIndex = birthYear
        consentIndex = consent
        attributeIndices = schema.attributes.compactMap { attribute in
            positions[attribute.name].map { (attribute.name, $0) }
        }
    }

    func birthYear(in fields: [String]) -> Int? {
        Int(fields[birthYearIndex].trimmingCharacters(in: .whitespaces))
    }

    /// The row as an enrollment with the given birth year.
    func enrollment(from fields: [String], birthYear year: Int) -> Enrollment {
        var attributes: [String: String] = [:]
        for (name, index) in attributeIndices { attributes[name] = fields[index] }
        let consent = ["yes", "true", "1"].contains(SchemaIndex.fold(fields[consentIndex]))
        return Enrollment(
            name: fields[nameIndex], phone: fields[phoneIndex], email: emailIndex.map { fields[$0] },
            birthYear: year, attributes: attributes, consent: consent)
    }
}
