import Allot
import Foundation
import Testing

@testable import AllotCommand

/// `allot event …` and `allot draw …` in-process over a temp database, as an organizer runs them.
@Suite struct EventCommandsTests {
    /// Eight profiles (gender × income × age) repeated: few types, so a debug LEXIMIN stays fast.
    /// Person i is female when i is even; born 1960 when i mod 4 < 2, else 1995 (60s and 30s in 2026).
    static func poolCSV(count: Int) -> String {
        var lines = ["name,phone,email,birth_year,gender,occupation,income,district,education,consent"]
        for i in 0..<count {
            let gender = i % 2 == 0 ? "female" : "male"
            let year = i % 4 < 2 ? 1960 : 1995
            let income = i % 8 < 4 ? "q2" : "q4"
            let district = i % 3 == 0 ? "xuhui" : "pudong"
            lines.append("志愿者\(i),139\(String(format: "%08d", i)),,\(year),\(gender),other,\(income),\(district),tertiary,yes")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A session with `count` imported volunteers.
    static func session(people count: Int) throws -> Session {
        let session = try Session()
        #expect(session.run(["init"]).code == 0)
        try Data(poolCSV(count: count).utf8).write(to: URL(fileURLWithPath: session.path("pool.csv")))
        #expect(session.run(["pool", "import", session.path("pool.csv")]).code == 0)
        return session
    }

    /// Quotas on gender only: no targets file, the other attributes unconstrained.
    static let genderOnly = [
        "--targets", "none", "--unconstrained", "occupation,income,district,education,age",
    ]

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func createShowUpdateListCancel() throws {
        let session = try Self.session(people: 0)
        defer { session.remove() }
        // INTERFACE.md §1's minimal line: title, date, seats (department and place default to 待定).
        let created = session.run(["event", "create", "--title", "开放日", "--date", "2026-12-20", "--seats", "10", "--json"])
        #expect(created.code == 0, "\(created.errors)")
        let event = try Self.json(created.output)
        #expect(event["id"] as? Int == 1 && event["department"] as? String == "待定")
        #expect(event["startsAt"] as? String == "2026-12-20T00:00" && event["status"] as? String == "draft")
        // The Shanghai targets have placeholders only for occupation: the text view says what to give.
        let shown = session.run(["event", "show", "1"])
        let needs = try #require(shown.output.split(separator: "\n").first { $0.contains("needs seats before prepare (no census figure): ") })
        #expect(needs.contains("occupation=retired") && !needs.contains("age="))
        #expect(shown.output.contains("gender      female            4-5     derived        0.4823"))

        let updated = session.run([
            "event", "update", "1", "--quota", "age=18-29:1-3,age=70+:0-2", "--unconstrained", "occupation",
            "--department", "市政府办公厅", "--filter", "district=徐汇区|pudong", "--min-age", "20", "--json",
        ])
        #expect(updated.code == 0, "\(updated.errors)")
        let after = try Self.json(updated.output)
        let values = try #require((after["quotas"] as? [String: Any])?["values"] as? [[String: Any]])
        let young = try #require(values.first { $0["attribute"] as? String == "age" && $0["value"] as? String == "18-29" })
        #expect(young["min"] as? Int == 1 && young["max"] as? Int == 3 && young["origin"] as? String == "explicit")
        let filter = try #require(after["eligibility"] as? [String: Any])
        #expect(filter["attributes"] as? [String: [String]] == ["district": ["xuhui", "pudong"]])
        #expect(filter["minimumAge"] as? Int == 20 && after["department"] as? String == "市政府办公厅")

        let joint = session.run(["event", "update", "1", "--joint", "gender=female&age=70+:0-1", "--json"])
        let jointQuotas = try #require((try Self.json(joint.output)["quotas"] as? [String: Any])?["joint"] as? [[String: Any]])
        #expect(jointQuotas.count == 1 && jointQuotas.first?["feature1"] as? String == "gender")
        #expect(jointQuotas.first?["value2"] as? String == "70+" && jointQuotas.first?["max"] as? Int == 1)
        #expect(session.run(["event", "show", "1"]).output.contains("joint gender=female × age=70+: 0-1"))
        let unjoined = session.run(["event", "update", "1", "--joint", "", "--json"])
        #expect(unjoined.code == 0 && unjoined.output.contains("\"joint\":[]"))
        #expect(session.run(["event", "update", "1", "--joint", "gender=female:0-1"]).code == 2)

        // Malformed option text is a usage error; values the rules refuse are failures.
        #expect(session.run(["event", "update", "1", "--quota", "age=18-29"]).code == 2)
        #expect(session.run(["event", "update", "1", "--filter", "district"]).code == 2)
        #expect(session.run(["event", "update", "1"]).code == 2)
        #expect(session.run(["event", "update", "x", "--seats", "3"]).code == 2)
        let unknown = session.run(["event", "update", "1", "--quota", "district=atlantis:0-1"])
        #expect(unknown.code == 1 && unknown.errors.contains("invalid_quotas"))
        let badDate = session.run(["event", "create", "--title", "T", "--date", "2026-02-30", "--seats", "5"])
        #expect(badDate.code == 1 && badDate.errors.contains("startsAt"))
        #expect(session.run(["event", "show", "9"]).code == 1)

        #expect(session.run(["event", "create", "--title", "听证会", "--date", "2027-01-05T14:00", "--seats", "5"]).code == 0)
        let list = try Self.json(session.run(["event", "list", "--json"]).output)
        #expect((list["events"] as? [[String: Any]])?.map { $0["id"] as? Int } == [2, 1])
        let text = session.run(["event", "list"]).output.split(separator: "\n")
        #expect(text.count == 3 && text[1].hasPrefix("2    draft     2027-01-05T14:00  5     听证会"))

        #expect(session.run(["event", "cancel", "2"]).code == 0)
        let again = session.run(["event", "cancel", "2"])
        #expect(again.code == 1 && again.errors.contains("wrong_event_state"))
    }

    @Test func eligibleCountsPerValueAndExclusions() throws {
        let session = try Self.session(people: 40)
        defer { session.remove() }
        // Born 1995: 31 on the event date, so --min-age 35 leaves the 20 born 1960.
        #expect(session.run(["event", "create", "--title", "T", "--date", "2026-12-20", "--seats", "4", "--bogus"]).code == 2)
        _ = session.run(
            ["event", "create", "--title", "T", "--date", "2026-12-20", "--seats", "4", "--min-age", "35",
             "--filter", "district=xuhui", "--quota", "gender=female:2-2,gender=male:2-2"] + Self.genderOnly)
        let report = try Self.json(session.run(["event", "eligible", "1", "--json"]).output)
        // Of 40: 20 are too young; of the 20 born 1960 (i mod 4 < 2), those with i mod 3 == 0 live in Xuhui.
        let expected = (0..<40).filter { $0 % 4 < 2 && $0 % 3 == 0 }
        #expect(report["eligible"] as? Int == expected.count && report["registryActive"] as? Int == 40)
        let excluded = try #require(report["excluded"] as? [[String: Any]])
        #expect(excluded.map { $0["reason"] as? String } == ["below_minimum_age", "outside_filter"])
        #expect(excluded.map { $0["count"] as? Int } == [20, 20 - expected.count])
        let values = try #require(report["values"] as? [[String: Any]])
        let female = try #require(values.first { $0["value"] as? String == "female" })
        #expect(female["eligible"] as? Int == expected.count { $0 % 2 == 0 } && female["min"] as? Int == 2)
        #expect(report["feasible"] as? Bool == true)

        let text = session.run(["event", "eligible", "1"]).output
        #expect(text.contains("gender      female            \(expected.count { $0 % 2 == 0 })"))
        #expect(text.contains("  below_minimum_age   20") && text.contains("feasibility: some panel meets every quota"))
    }

    @Test func infeasibleQuotasAreReportedWithTheRelaxation() throws {
        let session = try Self.session(people: 12)
        defer { session.remove() }
        // Six women in the pool, seven wanted.
        _ = session.run(
            ["event", "create", "--title", "T", "--date", "2026-12-20", "--seats", "8", "--quota",
             "gender=female:7-8,gender=male:0-1"] + Self.genderOnly)
        let eligible = session.run(["event", "eligible", "1"])
        #expect(eligible.code == 0 && eligible.output.contains("feasibility: INFEASIBLE"))
        #expect(eligible.output.contains("suggestion: "))
        let report = try Self.json(session.run(["event", "eligible", "1", "--json"]).output)
        #expect(report["feasible"] as? Bool == false)
        let conflicts = try #require((report["infeasible"] as? [String: Any])?["conflicts"] as? [[String: Any]])
        #expect(!conflicts.isEmpty)

        let prepared = session.run(["draw", "prepare", "1", "--json"])
        #expect(prepared.code == 1 && prepared.errors.contains("infeasible_quotas"))
        let document = try Self.json(prepared.output)
        #expect(document["feasible"] as? Bool == false && (document["relaxations"] as? [Any])?.isEmpty == false)
        #expect(session.run(["draw", "prepare", "1"]).output.hasPrefix("infeasible: "))
    }

    @Test func prepareFinalizeExportVerify() throws {
        let session = try Self.session(people: 24)
        defer { session.remove() }
        _ = session.run(
            ["event", "create", "--title", "T", "--date", "2026-12-20", "--seats", "4", "--quota",
             "gender=female:2-2,gender=male:2-2"] + Self.genderOnly)
        let early = session.run(["draw", "finalize", "1", "--beacon", "1 2 3"])
        #expect(early.code == 1 && early.errors.contains("draw_not_prepared"))
        #expect(session.run(["draw", "export", "1", session.path("early.json")]).code == 1)
        #expect(session.run(["draw", "prepare", "1", "--algorithm", "random"]).code == 2)

        let prepared = session.run([
            "draw", "prepare", "1", "--lottery-size", "100", "--beacon-source", "上海福利彩票 2026-12-01", "--json",
        ])
        #expect(prepared.code == 0, "\(prepared.errors)")
        let commitment = try Self.json(prepared.output)
        let poolDigest = try #require(commitment["poolDigest"] as? String)
        #expect(commitment["poolSize"] as? Int == 24 && commitment["lotterySize"] as? Int == 100)
        #expect(commitment["beaconSource"] as? String == "上海福利彩票 2026-12-01" && commitment["seed"] == nil)
        let twice = session.run(["draw", "prepare", "1"])
        #expect(twice.code == 1 && twice.errors.contains("wrong_event_state"))
        let edit = session.run(["event", "update", "1", "--seats", "5"])
        #expect(edit.code == 1 && edit.errors.contains("event_not_editable"))
        #expect(session.run(["draw", "finalize", "1", "--beacon", "  "]).code == 1)

        let finalized = session.run(["draw", "finalize", "1", "--beacon", "03 17 22 25 31 + 09"])
        #expect(finalized.code == 0 && finalized.output.contains("event 1 drawn"))
        let panelLine = try #require(finalized.output.split(separator: "\n").first { $0.hasPrefix("panel (lottery line") })
        let again = session.run(["draw", "finalize", "1", "--beacon", "other"])
        #expect(again.code == 1 && again.errors.contains("draw_already_finalized"))

        let path = session.path("record.json")
        #expect(session.run(["draw", "export", "1", path]).code == 0)
        let verified = session.run(["verify", path])
        #expect(verified.code == 0 && !verified.output.contains("FAILED"))
        let record = try DrawRecord.read(fromFile: path)
        #expect(record.poolDigest == poolDigest && record.panel.count == 4 && record.reserves.count == 20)
        #expect(panelLine.hasSuffix(record.panel.joined(separator: ", ")))
        // The public record carries no names or phones.
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(!text.contains("志愿者") && !text.contains("13900000"))
        // A record with another panel fails `allot verify`.
        var tampered = record
        tampered.panel[0] = record.reserves[0]
        try tampered.write(toFile: session.path("tampered.json"))
        #expect(session.run(["verify", session.path("tampered.json")]).code == 1)

        let stored = session.run(["draw", "verify", "1"])
        #expect(stored.code == 0 && stored.output.contains("ok      stored outcome"), "\(stored.output)")
        let shown = try Self.json(session.run(["event", "show", "1", "--json"]).output)
        #expect((shown["event"] as? [String: Any])?["status"] as? String == "drawn")
        #expect((shown["draw"] as? [String: Any])?["panel"] as? [String] == record.panel)
    }
}
