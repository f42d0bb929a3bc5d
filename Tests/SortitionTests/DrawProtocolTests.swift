import Testing
@testable import Sortition

/// Published test vectors for `allot-draw-v1`. The expected values were computed once with an
/// independent implementation (Python 3 `hashlib`, 30 lines, written from INTERFACE.md §5 alone)
/// and pasted here; any other implementation can check itself against the same numbers.
@Suite struct DrawProtocolTests {
    /// Seed of the stream vectors: the 32 bytes 0x00, 0x01, …, 0x1f.
    static let countingSeed = (0..<32).map { UInt8($0) }

    @Test func streamWordsVector() {
        var stream = DrawStream(seed: Self.countingSeed)
        let words = (0..<10).map { _ in stream.nextWord() }
        let expected: [UInt64] = [
            0xa9d6_e500_293a_88bd, 0x38cb_e213_d07a_b71f, 0x8cb2_2585_5207_2a01, 0xbdf1_c40b_e527_f4d0,
            0x6061_c438_6d7a_1788, 0xba52_e2e8_b2ee_6fe6, 0x1376_44ec_75a7_0bf7, 0x042c_fd67_a1e5_7bd3,
            0x7365_a07b_4571_dc92, 0x9c36_2903_1f2b_3b81,
        ]
        #expect(words == expected)
    }

    @Test func uniformVectors() {
        var stream = DrawStream(seed: Self.countingSeed)
        #expect((0..<8).map { _ in stream.uniform(1000) } == [221, 783, 105, 392, 120, 598, 663, 643])
        stream = DrawStream(seed: Self.countingSeed)
        #expect((0..<8).map { _ in stream.uniform(3) } == [1, 1, 2, 1, 1, 1, 2, 0])
        stream = DrawStream(seed: Self.countingSeed)
        #expect((0..<3).map { _ in stream.uniform(1) } == [0, 0, 0])
        #expect(stream.uniform(0) == nil)
        #expect(stream.uniform(-5) == nil)
    }

    /// n = 6148914691236517206 rejects every word ≥ 0xaaaaaaaaaaaaaaac (about a third):
    /// words 4 and 6 of the stream above are rejected, so six draws use exactly two blocks.
    @Test func uniformRejectsTheTopOfTheRange() {
        var stream = DrawStream(seed: Self.countingSeed)
        let n = 6_148_914_691_236_517_206
        let draws = (0..<6).map { _ in stream.uniform(n) }
        #expect(
            draws == [
                6_089_306_135_043_847_015, 4_092_613_261_126_186_783, 3_989_292_274_464_969_899,
                796_133_155_779_428_914, 1_402_384_116_349_340_663, 300_893_896_666_610_643,
            ])
        // The next word comes from the third block (words 8 and 9 above follow in block 2).
        #expect(stream.nextWord() == 0x7365_a07b_4571_dc92)
    }

    /// The pool of the full-draw vector: p01…p10 plus "Z9" and "a1" (uppercase sorts before
    /// lowercase in byte order), with Chinese district names to exercise UTF-8.
    static var vectorPool: [DrawProtocol.PoolEntry] {
        let genders = ["female", "male"]
        let ages = ["18-29", "30-44", "45-59", "60+"]
        let districts = ["黄浦", "徐汇", "浦东"]
        var pool = (1...10).map { i in
            DrawProtocol.PoolEntry(
                pid: i < 10 ? "p0\(i)" : "p\(i)",
                attributes: ["gender": genders[i % 2], "age": ages[i % 4], "district": districts[i % 3]])
        }
        pool.append(.init(pid: "Z9", attributes: ["gender": "male", "age": "60+", "district": "浦东"]))
        pool.append(.init(pid: "a1", attributes: ["gender": "female", "age": "18-29", "district": "徐汇"]))
        return pool
    }

    static let vectorLottery = [
        ["p03", "p01", "Z9"], ["p02", "a1", "p10"], ["p05", "p04", "p06"], ["p07", "p09", "p08"],
        ["p01", "p02", "p03"],
    ]
    static let vectorBeacon = "2026-11-23 上海福利彩票 3D: 4 0 7"

    @Test func poolTextAndDigestVector() {
        let text = DrawProtocol.poolText(Self.vectorPool)
        #expect(text.hasPrefix("allot-pool-v1\nZ9\tage=60+\tdistrict=浦东\tgender=male\na1\tage=18-29\t"))
        #expect(text.hasSuffix("p10\tage=45-59\tdistrict=徐汇\tgender=female\n"))
        #expect(
            DrawProtocol.poolDigest(Self.vectorPool)
                == "7a1ba5830c68ab4beafc0bed4a2d094c2ddb6dfc1d6d682a11f17844289e4187")
        // Order of the input does not matter.
        #expect(
            DrawProtocol.poolDigest(Self.vectorPool.reversed())
                == "7a1ba5830c68ab4beafc0bed4a2d094c2ddb6dfc1d6d682a11f17844289e4187")
    }

    @Test func lotteryTextAndDigestVector() {
        #expect(
            DrawProtocol.lotteryText(Self.vectorLottery)
                == "allot-lottery-v1\nZ9,p01,p03\na1,p02,p10\np04,p05,p06\np07,p08,p09\np01,p02,p03\n")
        #expect(
            DrawProtocol.lotteryDigest(Self.vectorLottery)
                == "3bab674390426824724a63007da45ee023932b448a5dfb720095327afdec74bf")
    }

    @Test func seedPanelAndReservesVector() {
        let lotteryDigest = DrawProtocol.lotteryDigest(Self.vectorLottery)
        let seed = DrawProtocol.seed(lotteryDigest: lotteryDigest, beacon: Self.vectorBeacon)
        #expect(Hex.encode(seed) == "8e7297264c26f7c53d486a49edd21e62633c0b167629e3d43364b9eee37283cf")
        let outcome = DrawProtocol.draw(
            lottery: Self.vectorLottery, eligible: Self.vectorPool.map(\.pid), seed: seed)
        #expect(outcome?.panelIndex == 2)
        #expect(outcome?.panel == ["p04", "p05", "p06"])
        #expect(outcome?.reserves == ["p10", "p03", "p09", "p01", "Z9", "p08", "p02", "a1", "p07"])
    }

    /// The terms text (an Allot extension): quotas sorted by attribute then value in byte order
    /// (徐汇 E5 BE 90 before 浦东 E6 B5 A6), joint quotas sorted; digest computed with Python's hashlib.
    @Test func termsTextAndDigestVector() {
        let terms = DrawProtocol.Terms(
            eventId: "42", panelSize: 3, algorithm: "leximin", lotterySize: 4, preparedAt: "2026-11-23T08:00:00Z",
            quotas: [
                "gender": ["male": [1, 2], "female": [1, 2]],
                "district": ["浦东": [1, 3], "徐汇": [0, 3]],
                "age": ["60+": [1, 1], "18-29": [0, 2]],
            ],
            jointQuotas: [
                JointQuota(feature1: "age", value1: "60+", feature2: "gender", value2: "male", min: 0, max: 1),
                JointQuota(feature1: "age", value1: "18-29", feature2: "gender", value2: "female", min: 0, max: 1),
            ])
        #expect(
            DrawProtocol.termsText(terms)
                == "allot-terms-v1\neventId\t42\npanelSize\t3\nalgorithm\tleximin\nlotterySize\t4\n"
                + "preparedAt\t2026-11-23T08:00:00Z\nquota\tage\t18-29\t0\t2\nquota\tage\t60+\t1\t1\n"
                + "quota\tdistrict\t徐汇\t0\t3\nquota\tdistrict\t浦东\t1\t3\nquota\tgender\tfemale\t1\t2\n"
                + "quota\tgender\tmale\t1\t2\njoint\tage\t18-29\tgender\tfemale\t0\t1\njoint\tage\t60+\tgender\tmale\t0\t1\n")
        #expect(DrawProtocol.termsDigest(terms) == "38992891d2af49ba63028244f816c20e075dbd67ec5aa49cd38424074ec8126a")
        let bare = DrawProtocol.Terms(
            eventId: nil, panelSize: 3, algorithm: "legacy", lotterySize: 1000, preparedAt: "x", quotas: [:], jointQuotas: [])
        #expect(DrawProtocol.termsDigest(bare) == "5dd30d37bbff9208787e58b12fde4ffea1d5623f2b21262520505e5a2ccfea93")
    }

    /// Households add one line each after the quotas, pids and lines in byte order (Z9 before a1);
    /// without households the text is unchanged (the vectors above); digest from Python's hashlib.
    @Test func termsTextWithHouseholds() {
        let terms = DrawProtocol.Terms(
            eventId: nil, panelSize: 2, algorithm: "leximin", lotterySize: 100, preparedAt: "x",
            quotas: ["g": ["f": [1, 1]]], jointQuotas: [], households: [["p3", "p1"], ["p2", "a1", "Z9"]])
        #expect(
            DrawProtocol.termsText(terms)
                == "allot-terms-v1\neventId\t\npanelSize\t2\nalgorithm\tleximin\nlotterySize\t100\npreparedAt\tx\n"
                + "quota\tg\tf\t1\t1\nhousehold\tZ9,a1,p2\nhousehold\tp1,p3\n")
        #expect(DrawProtocol.termsDigest(terms) == "83cdb47c5dc2f2fe5a0eee52c87c681e7e59cbaf16686a9a96173998f7f5e798")
        var withoutHouseholds = terms
        withoutHouseholds.households = []
        #expect(!DrawProtocol.termsText(withoutHouseholds).contains("household"))
    }

    @Test func aChangedBeaconChangesTheSeed() {
        let digest = DrawProtocol.lotteryDigest(Self.vectorLottery)
        #expect(
            DrawProtocol.seed(lotteryDigest: digest, beacon: Self.vectorBeacon)
                != DrawProtocol.seed(lotteryDigest: digest, beacon: Self.vectorBeacon + " "))
    }

    @Test func emptyLotteryDrawsNothing() {
        #expect(DrawProtocol.draw(lottery: [], eligible: ["a"], seed: Self.countingSeed) == nil)
    }

    /// uniform(n) is unbiased: over 60,000 draws of uniform(6) each face is within 5 standard
    /// deviations of 10,000 (a deterministic stream, so this either always passes or never).
    @Test func uniformIsRoughlyFlat() {
        var stream = DrawStream(seed: Self.countingSeed)
        var counts = [Int](repeating: 0, count: 6)
        for _ in 0..<60_000 {
            if let face = stream.uniform(6) { counts[face] += 1 }
        }
        for count in counts {
            #expect(abs(count - 10_000) < 5 * 92)
        }
    }
}
