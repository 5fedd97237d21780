/// Everything wrong with a scenario file, each problem in the compiler-like form
/// `FILE:LINE:COL: KEYPATH: what was expected, got what`.
///
/// The loader reads the whole file before it gives up, so one run reports every problem it can find,
/// in file order. A syntax error stops the reading, so it comes alone.
///
/// ```
/// quickstart.json5:12:18: throttles[0].duration.sigma: expected a number >= 0, got -1
/// ```
public struct ScenarioError: Error, Hashable, Sendable, CustomStringConvertible {
    /// One problem: where it is and what was expected there.
    public struct Problem: Hashable, Sendable, CustomStringConvertible {
        /// The file the problem is in, as the user named it: the scenario, or a CSV file it refers to.
        public var file: String
        /// The line, from 1, when the problem has a place in the file.
        public var line: Int?
        /// The column, from 1 and counted in characters (Unicode scalars), when `line` is set.
        public var column: Int?
        /// Where in the scenario the problem is, such as `throttles[0].duration.sigma`; empty for a problem
        /// with the file as a whole, such as a syntax error.
        public var keyPath: String
        /// What was expected and what was found: `expected a number >= 0, got -1`.
        public var message: String

        /// Creates a problem.
        public init(file: String, line: Int? = nil, column: Int? = nil, keyPath: String, message: String) {
            self.file = file
            self.line = line
            self.column = column
            self.keyPath = keyPath
            self.message = message
        }

        /// `FILE:LINE:COL: KEYPATH: MESSAGE`, leaving out the parts the problem does not have.
        public var description: String {
            var text = file
            if let line {
                text += ":\(line)"
                if let column { text += ":\(column)" }
            }
            text += ": "
            if !keyPath.isEmpty { text += keyPath + ": " }
            return text + message
        }
    }

    /// The scenario file, as the user named it.
    public var file: String
    /// The problems, at least one, in file order.
    public var problems: [Problem]

    /// Creates an error with at least one problem.
    public init(file: String, problems: [Problem]) {
        precondition(!problems.isEmpty, "a ScenarioError needs at least one problem")
        self.file = file
        self.problems = problems
    }

    /// The line of the first problem.
    public var line: Int? { problems[0].line }
    /// The column of the first problem.
    public var column: Int? { problems[0].column }
    /// The key path of the first problem.
    public var keyPath: String { problems[0].keyPath }
    /// The message of the first problem.
    public var message: String { problems[0].message }

    /// Every problem, one per line.
    public var description: String {
        problems.map(\.description).joined(separator: "\n")
    }
}
