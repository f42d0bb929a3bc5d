import Sortition
import Testing
@testable import Allot

@Suite struct SortitionFoundationFormatTests {
    @Test func readsAllThreeFeatureHeaders() throws {
        for header in ["feature,value,min,max", "category,name,min,max", "Category , Feature,MIN,max"] {
            let quotas = try SortitionFoundationFormat.valueQuotas(csv: "\(header)\ngender,female,9,11\n", path: "f.csv")
            #expect(quotas == [ValueQuota(feature: "gender", value: "female", min: 9, max: 11)])
        }
    }

    @Test func readsFlexColumns() throws {
        let path = SelectionFixtures.instance("sa_fixture_22", "features.csv")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let quotas = try SortitionFoundationFormat.valueQuotas(csv: text, path: path)
        #expect(quotas.count == 20)
        #expect(quotas[0] == ValueQuota(feature: "Gender", value: "Female", min: 11, max: 12, minFlex: 0, maxFlex: 12))
    }

    @Test func namesTheLineOfABadNumberAndABadHeader() {
        #expect(throws: SelectFromFilesError.badNumber(path: "f.csv", line: 3, column: "max", text: "many")) {
            try SortitionFoundationFormat.valueQuotas(csv: "feature,value,min,max\ng,a,1,2\ng,b,1,many\n", path: "f.csv")
        }
        #expect(throws: SelectFromFilesError.self) {
            try SortitionFoundationFormat.valueQuotas(csv: "feature,level,min,max\ng,a,1,2\n", path: "f.csv")
        }
        #expect(throws: SelectFromFilesError.shortRow(path: "f.csv", line: 2)) {
            try SortitionFoundationFormat.valueQuotas(csv: "feature,value,min,max\ng,a,1\n", path: "f.csv")
        }
    }

    @Test func peopleIdsFromColumnOrRowNumberAndCaseInsensitiveColumns() throws {
        let features = [Feature(name: "Gender", values: ["female", "male"])]
        let withId = try SortitionFoundationFormat.candidates(
            csv: "ID,gender,phone\nx7, Female ,1\ny8,male,1\n", path: "p.csv", features: features, idColumn: nil,
            householdColumns: ["Phone"])
        #expect(withId.map(\.id) == ["x7", "y8"])
        #expect(withId[0].values["Gender"] == " Female ")
        #expect(withId[0].household == withId[1].household)
        let byRow = try SortitionFoundationFormat.candidates(
            csv: "gender\nfemale\nmale\n", path: "p.csv", features: features, idColumn: nil, householdColumns: [])
        #expect(byRow.map(\.id) == ["1", "2"])
        #expect(byRow[0].household == nil)
        #expect(throws: SelectFromFilesError.badHeader(path: "p.csv", reason: "no id column 'pid'")) {
            try SortitionFoundationFormat.candidates(
                csv: "gender\nfemale\n", path: "p.csv", features: features, idColumn: "pid", householdColumns: [])
        }
    }

    @Test func readsJointQuotas() throws {
        let joint = try SortitionFoundationFormat.jointQuotas(
            csv: "feature1,value1,feature2,value2,min,max\nage,18-29,gender,female,1,3\n", path: "j.csv")
        #expect(joint == [JointQuota(feature1: "age", value1: "18-29", feature2: "gender", value2: "female", min: 1, max: 3)])
        #expect(throws: SelectFromFilesError.self) {
            try SortitionFoundationFormat.jointQuotas(csv: "feature1,value1,min,max\n", path: "j.csv")
        }
    }
}
