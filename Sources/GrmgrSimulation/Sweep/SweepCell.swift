/// One combination of the varied settings: every replication of it runs the scenario with these values.
public struct SweepCell: Hashable, Sendable {
    /// The cell's position in the sweep, from 0: grid order (the last `--vary` changes fastest), then the
    /// baseline when the grid does not contain it.
    public var index: Int
    /// One value per varied setting, in `--vary` order.
    public var values: [SweepValue]
    /// Whether this cell has the scenario's own settings: the cell every other is compared with.
    public var isBaseline: Bool
    /// Whether the cell is part of the grid; `false` for a baseline added because no grid cell matched.
    public var isInGrid: Bool

    /// Creates a cell.
    public init(index: Int, values: [SweepValue], isBaseline: Bool, isInGrid: Bool) {
        self.index = index
        self.values = values
        self.isBaseline = isBaseline
        self.isInGrid = isInGrid
    }

    /// `hold=10s up=2 down=1` for the given settings.
    public func label(_ settings: [SweepSetting]) -> String {
        zip(settings, values).map { "\($0.rawValue)=\($1)" }.joined(separator: " ")
    }
}
