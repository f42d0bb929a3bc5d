/// Group commit for enrollments: one fsync serves every enrollment that arrived during the previous one.
enum EnrollmentBatcher {
    /// Most enrollments in one transaction; bounds the latency added to the last one in a batch.
    static let maxBatch = 512

    static func start(registry: Registry) -> GroupCommit<Enrollment, EnrollmentReceipt> {
        GroupCommit(name: "enrollment-commit", maxBatch: maxBatch) { batch in
            try registry.enroll(batch: batch, actor: .anonymous).map { $0.mapError { $0 } }
        }
    }
}
