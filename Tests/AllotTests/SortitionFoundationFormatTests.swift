import Foundation
import Sortition
import Testing
@testable import Allot

@Suite struct SortitionFoundationFormatTests {
    let directory: URL

    init() throws {
        directory = try SelectionFixtures.temporaryDirectory()
    }

    func file(_ text: String, _ name: String = "f.csv") throws -> String {
        try SelectionFixtures.write(text, name, in: directory)
    }

    @Test func readsAllThreeFeatureHeaders() throws {
        for header in ["feature,value,min,max", "category,name,min,max", "Category , Feature,MIN,max"] {
            let quotas = try SortitionFoundationFormat.valueQuotas(path: try file("\(header)\ngender,female,9,11\n"))
            #expect(quotas == [ValueQuota(feature: "gender", value: "female", min: 9, max: 11)])
        }
    }

    @Test func readsFlexColumns() throws {
        let quotas = try SortitionFoundationFormat.valueQuotas(path: SelectionFixtures.instance("sa_fixture_22", "features.csv"))
        #expect(quotas.count == 20)
        #expect(quotas[0] == ValueQuota(feature: "Gender", value: "Female", min: 11, max: 12, minFlex: 0, maxFlex: 12))
    }

    @Test func namesTheLineOfABadNumberAndABadHeader() throws {
        let badNumber = try file("feature,value,min,max\ng,a,1,2\ng,b,1,many\n")
        #expect(throws: SelectFromFilesError.badNumber(path: badNumber, line: 3, column: "max", text: "many")) {
            try SortitionFoundationFormat.valueQuotas(path: badNumber)
        }
        let badHeader = try file("feature,level,min,max\ng,a,1,2\n")
        #expect(throws: SelectFromFilesError.self) { try SortitionFoundationFormat.valueQuotas(path: badHeader) }
        let short = try file("feature,value,min,max\ng,a,1\n")
        #expect(throws: SelectFromFilesError.shortRow(path: short, line: 2)) {
            try SortitionFoundationFormat.valueQuotas(path: short)
        }
        let unclosed = try file("feature,value,min,max\n\"g,a,1,2\n")
        #expect(throws: SelectFromFilesError.self) { try SortitionFoundationFormat.valueQuotas(path: unclosed) }
        #expect(throws: SelectFromFilesError.unreadableFile(path: "/nonexistent.csv", reason: "no such file or not readable")) {
            try SortitionFoundationFormat.valueQuotas(path: "/nonexistent.csv")
        }
    }

    @Test func peopleIdsFromColumnOrRowNumberAndCaseInsensitiveColumns() throws {
        let features = [Feature(name: "Gender", values: ["female", "male"])]
        let withId = try SortitionFoundationFormat.candidates(
            path: try file("ID,gender,phone\nx7, Female ,1\ny8,\"male\",1\n"), features: features, idColumn: nil,
            householdColumns: ["Phone"])
        #expect(withId.map(\.id) == ["x7", "y8"])
        #expect(withId[0].values["Gender"] == " Female ")
        #expect(withId[0].household == withId[1].household)
        let byRow = try SortitionFoundationFormat.candidates(
            path: try file("gender\nfemale\nmale\n"), features: features, idColumn: nil, householdColumns: [])
        #expect(byRow.map(\.id) == ["1", "2"])
        #expect(byRow[0].household == nil)
        let noPid = try file("gender\nfemale\n")
        #expect(throws: SelectFromFilesError.badHeader(path: noPid, reason: "no id column 'pid'")) {
            try SortitionFoundationFormat.candidates(path: noPid, features: features, idColumn: "pid", householdColumns: [])
        }
    }

    @Test func readsJointQuotas() throws {
        let joint = try SortitionFoundationFormat.jointQuotas(
            path: try file("feature1,value1,feature2,value2,min,max\nage,18-29,gender,female,1,3\n"))
        #expect(joint == [JointQuota(feature1: "age", value1: "18-29", feature2: "gender", value2: "female", min: 1, max: 3)])
        let bad = try file("feature1,value1,min,max\n")
        #expect(throws: SelectFromFilesError.self) { try SortitionFoundationFormat.jointQuotas(path: bad) }
    }
}
