import Grmgr

/// The `dist` values of a duration spec and their parameters, with GSL's names.
enum DistributionName: String, CaseIterable {
    case constant, exponential, gaussian, lognormal, gamma, weibull, pareto, flat, beta, rayleigh, chisq
    case empirical, histogram

    /// The keys this distribution takes besides `dist` and `unit`.
    var parameters: [String] {
        switch self {
        case .constant: return ["value"]
        case .exponential: return ["mu"]
        case .gaussian: return ["mean", "sigma"]
        case .lognormal: return ["zeta", "sigma"]
        case .gamma, .weibull, .pareto, .flat: return ["a", "b"]
        case .beta: return ["a", "b", "scale"]
        case .rayleigh: return ["sigma"]
        case .chisq: return ["nu"]
        case .empirical: return ["file"]
        case .histogram: return ["edges", "weights"]
        }
    }

    /// Every parameter of every distribution, for checking keys when `dist` itself is wrong.
    static var allParameters: [String] {
        var keys: [String] = []
        for name in allCases { keys += name.parameters.filter { !keys.contains($0) } }
        return keys
    }

    /// `"constant", "exponential", …` for messages.
    static var listed: String { allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ") }
}

extension ScenarioReader {
    /// A duration spec: `{ dist: NAME, …parameters…, unit: "s" | "ms" | "us" }`.
    ///
    /// Parameters are checked for the ranges where the distribution is defined (and durations cannot be
    /// negative); the samplers may refuse further corner cases of their own.
    func readDurationSpec(_ field: ScenarioField) -> DurationSpec? {
        guard let spec = object(field, expected: "a duration distribution such as { dist: \"exponential\", mu: 0.5 }")
        else { return nil }
        let name = require(spec, "dist", "one of \(DistributionName.listed)")
            .flatMap { choice($0, among: DistributionName.allCases.map(\.rawValue)) }
            .flatMap(DistributionName.init(rawValue:))
        if let name {
            checkKeys(spec, allowed: ["dist"] + name.parameters + ["unit"], context: " for dist \"\(name.rawValue)\"")
        } else {
            checkKeys(spec, allowed: ["dist"] + DistributionName.allParameters + ["unit"])
        }
        let unit = optional(spec, "unit", default: .seconds) { unitField in
            choice(unitField, among: DurationUnit.allCases.map(\.rawValue)).flatMap(DurationUnit.init(rawValue:))
        }
        guard let name, let distribution = readDistribution(name, spec), let unit else { return nil }
        return DurationSpec(distribution, unit: unit)
    }

    private func readDistribution(_ name: DistributionName, _ spec: ScenarioObject) -> DurationDistribution? {
        func parameter(_ key: String, _ bound: NumberBound) -> Double? {
            require(spec, key, bound.expectation).flatMap { number($0, bound) }
        }
        func pair(_ first: String, _ second: String) -> (Double, Double)? {
            let a = parameter(first, .greaterThan(0))
            let b = parameter(second, .greaterThan(0))
            guard let a, let b else { return nil }
            return (a, b)
        }
        switch name {
        case .constant:
            return parameter("value", .atLeast(0)).map { .constant(value: $0) }
        case .exponential:
            return parameter("mu", .greaterThan(0)).map { .exponential(mu: $0) }
        case .gaussian:
            // A negative mean would make most draws negative, and negative draws are redrawn.
            let mean = parameter("mean", .atLeast(0))
            let sigma = parameter("sigma", .atLeast(0))
            guard let mean, let sigma else { return nil }
            return .gaussian(mean: mean, sigma: sigma)
        case .lognormal:
            let zeta = parameter("zeta", .any)
            let sigma = parameter("sigma", .atLeast(0))
            guard let zeta, let sigma else { return nil }
            return .lognormal(zeta: zeta, sigma: sigma)
        case .gamma:
            return pair("a", "b").map { .gamma(a: $0, b: $1) }
        case .weibull:
            return pair("a", "b").map { .weibull(a: $0, b: $1) }
        case .pareto:
            return pair("a", "b").map { .pareto(a: $0, b: $1) }
        case .flat:
            let a = parameter("a", .atLeast(0))
            var b = parameter("b", .greaterThan(0))
            if let low = a, let high = b, high <= low, let bField = spec["b"] {
                report(bField, expected: "a number > a (\(low.compactDescription))")
                b = nil
            }
            guard let a, let b else { return nil }
            return .flat(a: a, b: b)
        case .beta:
            let ab = pair("a", "b")
            let scale = parameter("scale", .greaterThan(0))
            guard let (a, b) = ab, let scale else { return nil }
            return .beta(a: a, b: b, scale: scale)
        case .rayleigh:
            return parameter("sigma", .atLeast(0)).map { .rayleigh(sigma: $0) }
        case .chisq:
            return parameter("nu", .greaterThan(0)).map { .chisq(nu: $0) }
        case .empirical:
            return readEmpirical(spec)
        case .histogram:
            return readHistogram(spec)
        }
    }

    /// Observed durations from a one-column CSV (`duration`, in the spec's unit).
    private func readEmpirical(_ spec: ScenarioObject) -> DurationDistribution? {
        guard let fileField = require(spec, "file", "a CSV file path such as \"data/durations.csv\""),
            let csv = loadCSV(fileField)
        else { return nil }
        do {
            return .empirical(samples: try ScenarioCSV.parseSamples(csv.text))
        } catch {
            report(error, in: csv, path: fileField.path)
            return nil
        }
    }

    /// Bin edges (at least two, `>= 0`, strictly increasing) and one weight `>= 0` per bin, not all 0.
    private func readHistogram(_ spec: ScenarioObject) -> DurationDistribution? {
        let edgesField = require(spec, "edges", "a non-empty array of increasing numbers >= 0")
        let weightsField = require(spec, "weights", "a non-empty array of numbers >= 0, one per bin")
        var edges = edgesField.flatMap { numbers($0, .atLeast(0)) }
        var weights = weightsField.flatMap { numbers($0, .atLeast(0)) }
        if let values = edges, let edgesField {
            if values.count < 2 {
                report(
                    edgesField, expected: "at least 2 edges (one bin lies between two edges)", got: "\(values.count)")
                edges = nil
            } else if let index = values.indices.dropFirst().first(where: { values[$0] <= values[$0 - 1] }),
                let element = array(edgesField, nonEmpty: true, of: "numbers")?[index]
            {
                report(element, expected: "an edge > the one before (\(values[index - 1].compactDescription))")
                edges = nil
            }
        }
        if let values = weights, let weightsField {
            if let edges, values.count != edges.count - 1 {
                report(
                    weightsField, expected: "\(edges.count - 1) weights, one per bin between the \(edges.count) edges",
                    got: "\(values.count)")
                weights = nil
            } else if !values.contains(where: { $0 > 0 }) {
                report(weightsField, expected: "at least one weight > 0", got: "only zeros")
                weights = nil
            }
        }
        guard let edges, let weights else { return nil }
        return .histogram(edges: edges, weights: weights)
    }

    /// A non-empty array of numbers, each within `bound`.
    private func numbers(_ field: ScenarioField, _ bound: NumberBound) -> [Double]? {
        guard let elements = array(field, nonEmpty: true, of: "numbers") else { return nil }
        let values = elements.map { number($0, bound) }
        guard values.allSatisfy({ $0 != nil }) else { return nil }
        return values.compactMap { $0 }
    }
}
