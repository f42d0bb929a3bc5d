import Foundation

extension Registry {
    /// Rows between progress reports during import and export.
    static let progressInterval = 100_000
    /// Page cache during an import, in KiB: 256 MiB holds the indexes of a million-row import, within the
    /// 1 GiB memory budget.
    static let importCacheKiB = 262_144

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
        let enrolledAt = Timestamp.string(time)
        let pipeline = ImportPipeline(reader: reader, checker: ImportRowChecker(columns: columns, validator: validator))
        pipeline.start()
        defer { pipeline.cancel() }

        return try database.write { connection in
            // A large page cache for the one big transaction: fewer spills of dirty pages to the WAL.
            try connection.execute("PRAGMA cache_size = -\(Self.importCacheKiB)")
            defer { try? connection.execute("PRAGMA cache_size = -\(Connection.cacheKiB)") }
            var report = ImportReport()
            // People inserted by this import have row ids from `firstID` on, without gaps (a refused insert
            // is taken back out), so a line list indexed by id - firstID names the row a phone repeats.
            let firstID = Int64(try connection.scalar("SELECT coalesce(max(id), 0) FROM person")) + 1
            var insertedLines: [Int32] = []
            let ids = PersonIDSource()
            // Once a row is bad nothing more is inserted; later repeats are found through this table.
            var seenAfterError: [String: Int] = [:]
            func duplicate(line: Int, ownerID: Int64?, earlier: Int? = nil) {
                if skipDuplicates {
                    report.duplicatesSkipped += 1
                    return
                }
                var reason = "phone is already enrolled"
                if let ownerID, ownerID >= firstID, ownerID - firstID < insertedLines.count {
                    reason = "phone repeats line \(insertedLines[Int(ownerID - firstID)])"
                } else if let earlier {
                    reason = "phone repeats line \(earlier)"
                }
                report.rejected.append(.init(line: line, reason: reason))
            }
            while let batch = try pipeline.next() {
                for row in batch {
                    report.rows += 1
                    if report.rows % Self.progressInterval == 0 { progress?(report.rows) }
                    switch row {
                    case .rejected(let line, let reason):
                        report.rejected.append(.init(line: line, reason: reason))
                    case .valid(let line, let valid) where report.rejected.isEmpty:
                        switch try PersonStore.insert(valid, enrolledAt: enrolledAt, ids: ids, in: connection) {
                        case .inserted:
                            insertedLines.append(Int32(clamping: line))
                            report.added += 1
                        case .phoneTaken(let owner):
                            duplicate(line: line, ownerID: owner)
                        case .pidTaken(let pid):
                            report.rejected.append(.init(line: line, reason: Self.pidClash(pid)))
                        }
                    case .valid(let line, let valid):
                        if let pid = valid.pid, try PersonStore.exists(pid: pid, in: connection) {
                            report.rejected.append(.init(line: line, reason: Self.pidClash(pid)))
                        } else if let earlier = seenAfterError[valid.phone] {
                            duplicate(line: line, ownerID: nil, earlier: earlier)
                        } else if let owner = try PersonStore.phoneOwner(valid.phone, in: connection) {
                            duplicate(line: line, ownerID: owner)
                        } else {
                            seenAfterError[valid.phone] = line
                        }
                    }
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

    /// The reason a row whose pid is taken is refused.
    static func pidClash(_ pid: String) -> String {
        "pid \(pid) is already in the registry (a pid names one person; import into a database without it)"
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
struct ImportColumns: Sendable {
    /// Optional columns; `pid` is written by export and kept on import (so old draw records still match).
    static let optional: Set<String> = ["email", "pid"]
    /// Consent values that mean yes (folded: case and width do not matter); anything else is refused.
    static let consentWords: [String] = ["yes", "true", "1", "是", "同意"]
    static let required = ["name", "phone", "birth_year", "consent"]

    let count: Int
    let nameIndex: Int
    let phoneIndex: Int
    let emailIndex: Int?
    let birthYearIndex: Int
    let consentIndex: Int
    let pidIndex: Int?
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
        pidIndex = positions["pid"]
        attributeIndices = schema.attributes.compactMap { attribute in
            positions[attribute.name].map { (attribute.name, $0) }
        }
    }

    func birthYear(in fields: [String]) -> Int? {
        Int(TextRules.trimmed(fields[birthYearIndex]))
    }

    /// The row's fields, with the given birth year.
    func fields(from fields: [String], birthYear year: Int) -> EnrollmentFields {
        let consent = Self.consentWords.contains(SchemaIndex.fold(fields[consentIndex]))
        return EnrollmentFields(
            name: fields[nameIndex], phone: fields[phoneIndex], email: emailIndex.map { fields[$0] },
            birthYear: year, values: attributeIndices.map { fields[$0.index] }, consent: consent)
    }

    /// Why the consent field is refused: empty means none was given; any other value that is not one
    /// of `consentWords` is named. nil when consent is given.
    func consentProblem(in fields: [String]) -> RegistryError? {
        let text = TextRules.trimmed(fields[consentIndex])
        if Self.consentWords.contains(SchemaIndex.fold(text)) { return nil }
        if text.isEmpty { return .consentRequired }
        return .invalidField(
            name: "consent",
            reason: "'\(text)' is not an accepted consent value (\(Self.consentWords.joined(separator: ", ")))")
    }

    /// The pid the row carries (an export's), nil when there is no pid column or it is empty.
    func pid(in fields: [String]) -> String? {
        guard let pidIndex else { return nil }
        let text = TextRules.trimmed(fields[pidIndex])
        return text.isEmpty ? nil : text
    }
}
