import Testing

@Test func commandTestsRun() {
    #expect(1 + 1 == 2)
}
