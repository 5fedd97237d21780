#ifndef GRMGR_CGSL_SHIM_H
#define GRMGR_CGSL_SHIM_H

#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_histogram.h>
#include <gsl/gsl_statistics_double.h>
#include <gsl/gsl_sort.h>

/// `gsl_rng_mt19937` is a mutable global to Swift 6 strict concurrency; a function hides it.
static inline const gsl_rng_type *grmgr_gsl_rng_mt19937(void) { return gsl_rng_mt19937; }

#endif
