import Foundation
import Testing

@testable import Allot

@Suite struct ConfigTests {
    @Test func shippedConfigLoadsWithTheDefaultAttributes() throws {
        let config = try Fixtures.config()
        #expect(config.schema.attributes.map(\.name) == ["gender", "occupation", "income", "district", "education"])
        #expect(config.schema.attribute(named: "district")?.values.count == 16)
        #expect(config.schema.age.minimum == 18)
        #expect(config.schema.age.band(birthYear: 2008, in: 2026) == "18-29")
        #expect(config.schema.age.band(birthYear: 1920, in: 2026) == "70+")
        #expect(config.schema.age.band(birthYear: 2010, in: 2026) == nil)
    }

    /// The compiled-in fallback is the shipped file, so running outside the repository changes nothing.
    @Test func builtInDefaultIsTheShippedConfiguration() throws {
        #expect(AllotConfig.builtInDefault == (try Fixtures.config()), "run scripts/sync-default-config after editing config/allot.json")
        #expect(!AllotConfig.builtInDefault.schema.attributes.isEmpty)
    }

    @Test func schemaDocumentHasTheInterfaceShape() throws {
        let data = try JSONEncoder().encode(try Fixtures.config().schema)
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        let attributes = object?["attributes"] as? [[String: Any]]
        let gender = attributes?.first
        #expect(gender?["name"] as? String == "gender")
        #expect((gender?["labels"] as? [String: String])?["zh"] == "性别")
        let value = (gender?["values"] as? [[String: Any]])?.first
        #expect(value?["code"] as? String == "female")
        #expect((value?["labels"] as? [String: String])?["en"] == "Female")
        let age = object?["age"] as? [String: Any]
        #expect(age?["minimum"] as? Int == 18)
        #expect((age?["bands"] as? [[String: Any]])?.first?["code"] as? String == "18-29")
    }

    @Test func targetsCoverEverySchemaValueAndCiteSources() throws {
        let config = try Fixtures.config()
        let url = Fixtures.packageRoot.appendingPathComponent("config/targets/shanghai-2020.json")
        let targets = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
        let attributes = targets?["attributes"] as? [String: [String: Any]] ?? [:]
        for attribute in config.schema.attributes {
            let values = attributes[attribute.name]?["values"] as? [String: [String: Any]] ?? [:]
            #expect(Set(values.keys) == Set(attribute.values.map(\.code)), "\(attribute.name)")
            let total = values.values.compactMap { $0["share"] as? Double }.reduce(0, +)
            #expect(abs(total - 1) < 0.001, "\(attribute.name) shares sum to \(total)")
            #expect(values.values.allSatisfy { $0["status"] is String }, "\(attribute.name)")
            #expect(attributes[attribute.name]?["note"] is String)
        }
    }

    @Test(arguments: [
        ("\"name\": \"gender\"", "\"name\": \"Gender!\"", "lowercase"),
        ("\"name\": \"gender\"", "\"name\": \"phone\"", "reserved"),
        ("\"code\": \"male\"", "\"code\": \"female\"", "appears twice"),
        ("\"en\": \"Male\"", "\"en\": \"female\"", "names both"),
        ("\"min\": 30", "\"min\": 31", "contiguous"),
        ("\"minimum\": 18", "\"minimum\": 16", "minimum age"),
        ("\"maximumPageSize\": 500", "\"maximumPageSize\": \"x\"", "registry.maximumPageSize"),
    ])
    func badConfigIsRefusedWithAReason(original: String, replacement: String, expected: String) throws {
        let path = Fixtures.packageRoot.appendingPathComponent("config/allot.json").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains(original))
        let broken = text.replacingOccurrences(of: original, with: replacement)
        let error = #expect(throws: ConfigError.self) { try AllotConfig.decode(Data(broken.utf8)) }
        #expect(error?.message.contains(expected) == true, "\(error?.message ?? "")")
    }
}

/// The compiled-in census targets are the shipped file, so events made outside the repository get the
/// same seats.
@Test func builtInTargetsAreTheShippedFile() throws {
    let file = try TargetsFile.load(
        path: Fixtures.packageRoot.appendingPathComponent(TargetsFile.builtInPath).path)
    let builtIn = try TargetsFile.parse(Data(TargetsFile.builtInJSON.utf8), path: "built-in")
    #expect(builtIn.figures == file.figures && builtIn.gaps == file.gaps, "run scripts/sync-default-config")
    #expect(builtIn.figures["gender"]?["female"]?.share == 0.4823)
}
