/// "Did you mean …?" for misspelt keys and names in a scenario file.
enum NameSuggestion {
    /// The candidate closest to `word` by edit distance, when it is close enough to be a likely typo:
    /// the same ignoring case, or at most one edit per three characters (at least one edit).
    static func closest(to word: String, among candidates: [String]) -> String? {
        if let sameIgnoringCase = candidates.first(where: { $0.lowercased() == word.lowercased() }) {
            return sameIgnoringCase
        }
        let limit = max(1, word.count / 3)
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(word, candidate)
            if distance <= limit, distance < (best?.distance ?? .max) {
                best = (candidate, distance)
            }
        }
        return best?.candidate
    }

    /// Edit distance counting insertions, deletions, substitutions and swaps of two neighbours (the
    /// optimal string alignment distance), over characters: `drian` is one edit from `drain`.
    ///
    /// - Complexity: O(*m* × *n*) time and space.
    static func editDistance(_ lhs: String, _ rhs: String) -> Int {
        let left = Array(lhs)
        let right = Array(rhs)
        var table = [[Int]](repeating: [Int](repeating: 0, count: right.count + 1), count: left.count + 1)
        for i in 0...left.count { table[i][0] = i }
        for j in 0...right.count { table[0][j] = j }
        for i in stride(from: 1, through: left.count, by: 1) {
            for j in stride(from: 1, through: right.count, by: 1) {
                let cost = left[i - 1] == right[j - 1] ? 0 : 1
                var best = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, left[i - 1] == right[j - 2], left[i - 2] == right[j - 1] {
                    best = min(best, table[i - 2][j - 2] + 1)
                }
                table[i][j] = best
            }
        }
        return table[left.count][right.count]
    }
}
