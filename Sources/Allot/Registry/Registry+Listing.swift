extension Registry {
    /// A page of people matching `query`, ordered by pid. Throws `RegistryError.invalidField` for an
    /// unknown filter attribute, value or age band.
    public func list(_ query: PeopleQuery) throws -> PeoplePage {
        let year = Timestamp.year(clock())
        var problems: [RegistryError] = []
        let filter = validator(at: clock()).checkAttributes(query.attributes, into: &problems)
        if let first = problems.first { throw first }
        var youngest = Int.min
        var oldest = Int.max
        if let code = query.ageBand {
            guard let band = schema.age.bands.first(where: { $0.code == code }) else {
                throw RegistryError.invalidField(name: "age", reason: "'\(code)' is not an age band")
            }
            youngest = year - (band.max ?? EnrollmentValidator.maximumAge)
            oldest = year - band.min
        }
        let limit = min(max(query.limit ?? settings.defaultPageSize, 1), settings.maximumPageSize)
        // One fixed statement: filters are bound as a JSON object and compared per key, so no SQL is built.
        let conditions = """
            (?1 = 'all' OR person.status = ?1)
            AND person.birth_year BETWEEN ?2 AND ?3
            AND NOT EXISTS (SELECT 1 FROM json_each(?4) AS f
                            WHERE json_extract(person.attributes, '$.' || f.key) IS NOT f.value)
            """
        let values: [SQLValue] = [
            .text(query.status.rawValue), .integer(Int64(youngest)), .integer(Int64(oldest)),
            .text(AttributesJSON.encode(filter)),
        ]
        return try database.read { connection in
            let total = try connection.scalar("SELECT count(*) FROM person WHERE \(conditions)", values)
            let people = try connection.prepare(
                """
                SELECT person.pid, person.status, person.birth_year, person.attributes, person.enrolled_at,
                       person.withdrawn_at, contact.name, contact.phone, contact.email
                FROM person LEFT JOIN contact ON contact.person_id = person.id
                WHERE \(conditions) AND person.pid > ?5 ORDER BY person.pid LIMIT ?6
                """
            ).rows(values + [.text(query.after ?? ""), .integer(Int64(limit + 1))]) { row in
                PersonStore.record(row, includeContact: query.includeContacts, year: year, schema: schema)
            }
            let page = Array(people.prefix(limit))
            return PeoplePage(people: page, total: total, next: people.count > limit ? page.last?.pid : nil)
        }
    }

    /// Counts per attribute value (and age band) of the active pool, plus active and withdrawn totals.
    public func stats() throws -> PoolStats {
        let year = Timestamp.year(clock())
        return try database.read { connection in
            var counts: [String: [String: Int]] = [:]
            try connection.prepare(
                """
                SELECT f.key, f.value, count(*) FROM person, json_each(person.attributes) AS f
                WHERE person.status = 'active' GROUP BY f.key, f.value
                """
            ).forEachRow { row in counts[row.text(0), default: [:]][row.text(1)] = row.int(2) }
            var ages: [String: Int] = [:]
            try connection.prepare(
                "SELECT birth_year, count(*) FROM person WHERE status = 'active' GROUP BY birth_year"
            ).forEachRow { row in
                if let band = schema.age.band(birthYear: row.int(0), in: year) { ages[band, default: 0] += row.int(1) }
            }
            let active = try connection.scalar("SELECT count(*) FROM person WHERE status = 'active'")
            let withdrawn = try connection.scalar("SELECT count(*) FROM person WHERE status = 'withdrawn'")
            let age = PoolStats.AttributeCounts(
                name: "age", values: schema.age.bands.map { .init(code: $0.code, count: ages[$0.code] ?? 0) })
            let others = schema.attributes.map { attribute in
                PoolStats.AttributeCounts(
                    name: attribute.name,
                    values: attribute.values.map { .init(code: $0.code, count: counts[attribute.name]?[$0.code] ?? 0) })
            }
            return PoolStats(active: active, withdrawn: withdrawn, attributes: [age] + others)
        }
    }
}
