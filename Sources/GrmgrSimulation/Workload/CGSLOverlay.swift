internal import CGSL

// The only file that imports CGSL: everything else in the module calls these thin wrappers, so C
// pointers and status codes stay here.

/// Process-wide GSL set-up.
enum GSLRuntime {
    /// GSL's default error handler aborts the process; with it off, functions report errors through their
    /// return values instead. Every entry point reads this once, so the switch happens exactly once.
    private static let errorHandlerIsOff: Bool = {
        _ = gsl_set_error_handler_off()
        return true
    }()

    /// Turns off GSL's aborting error handler, once per process.
    static func prepare() {
        _ = errorHandlerIsOff
    }
}

/// A GSL status code other than `GSL_SUCCESS`, with GSL's own explanation.
struct GSLError: Error, CustomStringConvertible {
    /// The `GSL_E…` code.
    var status: Int32

    var description: String {
        String(cString: gsl_strerror(status))
    }

    /// Throws unless `status` is `GSL_SUCCESS`: the one place C status codes become Swift errors.
    static func check(_ status: Int32) throws(GSLError) {
        guard Int(status) == GSL_SUCCESS else { throw GSLError(status: status) }
    }
}

/// One `gsl_rng_mt19937` generator. Copies share the C object; its single owner, ``RandomStream``,
/// calls ``free()`` exactly once.
struct GSLGenerator {
    private let rng: UnsafeMutablePointer<gsl_rng>

    /// Allocates a generator seeded with `seed`; GSL's mt19937 reads only 32 bits of its seed anyway.
    init(seed: UInt32) {
        GSLRuntime.prepare()
        guard let rng = gsl_rng_alloc(grmgr_gsl_rng_mt19937()) else {
            fatalError("gsl_rng_alloc: out of memory for a 2.5 KB generator")
        }
        gsl_rng_set(rng, UInt(seed))
        self.rng = rng
    }

    /// Releases the C generator; the value must not be used afterwards.
    func free() {
        gsl_rng_free(rng)
    }

    func uniform() -> Double { gsl_rng_uniform(rng) }
    func uniformPositive() -> Double { gsl_rng_uniform_pos(rng) }
    func uniformInt(below n: UInt) -> UInt { gsl_rng_uniform_int(rng, n) }

    func exponential(mu: Double) -> Double { gsl_ran_exponential(rng, mu) }
    func gaussian(sigma: Double) -> Double { gsl_ran_gaussian(rng, sigma) }
    func lognormal(zeta: Double, sigma: Double) -> Double { gsl_ran_lognormal(rng, zeta, sigma) }
    func gamma(a: Double, b: Double) -> Double { gsl_ran_gamma(rng, a, b) }
    func weibull(a: Double, b: Double) -> Double { gsl_ran_weibull(rng, a, b) }
    func pareto(a: Double, b: Double) -> Double { gsl_ran_pareto(rng, a, b) }
    func flat(a: Double, b: Double) -> Double { gsl_ran_flat(rng, a, b) }
    func beta(a: Double, b: Double) -> Double { gsl_ran_beta(rng, a, b) }
    func rayleigh(sigma: Double) -> Double { gsl_ran_rayleigh(rng, sigma) }
    func chisq(nu: Double) -> Double { gsl_ran_chisq(rng, nu) }
}

/// A `gsl_histogram_pdf`: piecewise-uniform sampling over bins. Immutable once built (sampling only reads
/// it), hence safe to share between threads.
final class GSLHistogramPDF: @unchecked Sendable {
    private let pdf: UnsafeMutablePointer<gsl_histogram_pdf>

    /// Builds the pdf of bins `[edges[i], edges[i + 1])` with relative `weights[i]`; the caller has
    /// checked that the edges increase and the weights are finite, non-negative and not all zero.
    init(edges: [Double], weights: [Double]) throws(GSLError) {
        GSLRuntime.prepare()
        let count = weights.count
        // The histogram is only the pdf's input: the pdf copies the edges and the cumulative weights.
        guard let histogram = gsl_histogram_alloc(count) else { throw GSLError(status: Int32(GSL_ENOMEM)) }
        defer { gsl_histogram_free(histogram) }
        try GSLError.check(gsl_histogram_set_ranges(histogram, edges, edges.count))
        for (bin, weight) in weights.enumerated() {
            histogram.pointee.bin[bin] = weight
        }
        guard let pdf = gsl_histogram_pdf_alloc(count) else { throw GSLError(status: Int32(GSL_ENOMEM)) }
        do {
            try GSLError.check(gsl_histogram_pdf_init(pdf, histogram))
        } catch {
            gsl_histogram_pdf_free(pdf)
            throw error
        }
        self.pdf = pdf
    }

    deinit {
        gsl_histogram_pdf_free(pdf)
    }

    /// The value at cumulative probability `u` in `[0, 1)`.
    func sample(_ u: Double) -> Double {
        gsl_histogram_pdf_sample(pdf, u)
    }
}

/// Special functions of GSL used for theoretical moments and confidence intervals.
enum GSLFunctions {
    /// The standard normal density φ(x).
    static func normalDensity(_ x: Double) -> Double {
        gsl_ran_ugaussian_pdf(x)
    }

    /// The standard normal distribution function Φ(x).
    static func normalCDF(_ x: Double) -> Double {
        GSLRuntime.prepare()
        return gsl_cdf_ugaussian_P(x)
    }

    /// Φ⁻¹(p).
    static func normalQuantile(_ p: Double) -> Double {
        GSLRuntime.prepare()
        return gsl_cdf_ugaussian_Pinv(p)
    }

    /// The `p` quantile of Student's t with `nu` degrees of freedom.
    static func studentTQuantile(_ p: Double, nu: Double) -> Double {
        GSLRuntime.prepare()
        return gsl_cdf_tdist_Pinv(p, nu)
    }

    /// The `p` quantile of chi-squared with `nu` degrees of freedom.
    static func chiSquaredQuantile(_ p: Double, nu: Double) -> Double {
        GSLRuntime.prepare()
        return gsl_cdf_chisq_Pinv(p, nu)
    }
}
