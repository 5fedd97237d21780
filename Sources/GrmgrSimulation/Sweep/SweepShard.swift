/// The slice of a sweep's cells that one process runs: `--shard 2/4` is the second of four.
///
/// Slices are contiguous and differ in size by at most one cell; together they cover every cell once, so
/// a batch system (a Slurm array, a Kubernetes indexed job) can run them anywhere and `merge` joins them.
public struct SweepShard: Hashable, Sendable, CustomStringConvertible {
    /// Which slice, from 1.
    public let index: Int
    /// How many slices.
    public let count: Int

    /// The whole sweep in one slice.
    public static let whole = SweepShard(validIndex: 1, count: 1)

    private init(validIndex: Int, count: Int) {
        self.index = validIndex
        self.count = count
    }

    /// Creates a shard.
    ///
    /// - Throws: ``SweepError`` unless `1 <= index <= count`.
    public init(index: Int, count: Int) throws(SweepError) {
        guard count >= 1, (1...count).contains(index) else {
            throw SweepError(
                "--shard: expected I/N with 1 <= I <= N, got \(index)/\(count)", isCommandLineMistake: true)
        }
        self.init(validIndex: index, count: count)
    }

    /// Parses `I/N`, as `--shard` takes it.
    ///
    /// - Throws: ``SweepError`` (a command-line mistake) for anything else.
    public init(parsing text: String) throws(SweepError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else {
            throw SweepError("--shard: expected I/N such as 2/4, got \"\(text)\"", isCommandLineMistake: true)
        }
        try self.init(index: index, count: count)
    }

    /// `2/4`.
    public var description: String { "\(index)/\(count)" }

    /// The indices of the cells this shard runs, out of `total`.
    public func cells(of total: Int) -> Range<Int> {
        (index - 1) * total / count..<index * total / count
    }
}
