import Foundation
import Testing

@testable import Allot

/// A registry with enrolled people and an outbox on a clock the test moves.
final class OutboxHarness {
    let directory: TestDirectory
    let registry: Registry
    let clock = TestClock()
    let outbox: Outbox
    /// pids of the enrolled people, with phones 1390000000 + index.
    private(set) var pids: [String] = []

    init(people: Int = 3, adjust: (inout MessageSettings) -> Void = { _ in }) throws {
        directory = try TestDirectory()
        registry = try Fixtures.registry(in: directory)
        var settings = try #require(try Fixtures.config().messages)
        adjust(&settings)
        outbox = Outbox(database: registry.database, settings: settings, clock: clock.function)
        for index in 0..<people {
            pids.append(try registry.enroll(Fixtures.enrollment(phone: Self.phone(index)), actor: .cli).pid)
        }
    }

    static func phone(_ index: Int) -> String { String(13_900_000_000 + index) }

    /// An invitation for the person at `index`, with every parameter the shipped template uses.
    func invitation(_ index: Int, title: String = "老旧小区加装电梯听证会", language: MessageLanguage? = nil)
        -> MessageDraft
    {
        MessageDraft(
            kind: .invitation, pid: pids[index],
            parameters: ["title": title, "date": "12月5日 14:00", "place": "浦东新区市民中心"],
            linkPath: "/i/TOKEN\(index)", language: language, subject: "invitation:\(index)")
    }
}
