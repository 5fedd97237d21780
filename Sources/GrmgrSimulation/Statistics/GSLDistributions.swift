/// Quantiles of the distributions behind confidence intervals and goodness-of-fit checks, from GSL.
///
/// Arguments outside a function's domain (`p` not in `[0, 1]`, not-a-number, degrees of freedom not
/// above zero) give not-a-number rather than a GSL error; `p` of exactly 0 or 1 gives the end of the
/// support (±infinity, or 0 for chi-squared at `p` = 0).
public enum GSLDistributions {
    /// The `p` quantile of Student's t distribution with `degreesOfFreedom` (`gsl_cdf_tdist_Pinv`):
    /// `studentTQuantile(0.975, degreesOfFreedom: 9)` ≈ 2.262157, the factor of a 95 % interval from ten
    /// replications.
    public static func studentTQuantile(_ p: Double, degreesOfFreedom: Double) -> Double {
        guard isProbability(p), degreesOfFreedom > 0 else { return .nan }
        return GSLFunctions.studentTQuantile(p, nu: degreesOfFreedom)
    }

    /// The `p` quantile of the standard normal distribution (`gsl_cdf_ugaussian_Pinv`):
    /// `normalQuantile(0.975)` ≈ 1.959964.
    public static func normalQuantile(_ p: Double) -> Double {
        guard isProbability(p) else { return .nan }
        return GSLFunctions.normalQuantile(p)
    }

    /// The `p` quantile of the chi-squared distribution with `degreesOfFreedom` (`gsl_cdf_chisq_Pinv`).
    public static func chiSquaredQuantile(_ p: Double, degreesOfFreedom: Double) -> Double {
        guard isProbability(p), degreesOfFreedom > 0 else { return .nan }
        return GSLFunctions.chiSquaredQuantile(p, nu: degreesOfFreedom)
    }

    private static func isProbability(_ p: Double) -> Bool {
        p >= 0 && p <= 1
    }
}
