import GrmgrSimulation
import XCTest

final class WorkloadGSLDistributionsTests: XCTestCase {
    func testStudentTQuantileMatchesTables() {
        XCTAssertEqual(GSLDistributions.studentTQuantile(0.975, degreesOfFreedom: 9), 2.262_157, accuracy: 1e-6)
        XCTAssertEqual(GSLDistributions.studentTQuantile(0.95, degreesOfFreedom: 29), 1.699_127, accuracy: 1e-6)
        XCTAssertEqual(GSLDistributions.studentTQuantile(0.5, degreesOfFreedom: 3), 0, accuracy: 1e-12)
    }

    func testNormalQuantileMatchesTables() {
        XCTAssertEqual(GSLDistributions.normalQuantile(0.975), 1.959_964, accuracy: 1e-6)
        XCTAssertEqual(GSLDistributions.normalQuantile(0.025), -1.959_964, accuracy: 1e-6)
        XCTAssertEqual(GSLDistributions.normalQuantile(0.5), 0, accuracy: 1e-12)
    }

    func testChiSquaredQuantileMatchesTables() {
        XCTAssertEqual(GSLDistributions.chiSquaredQuantile(0.95, degreesOfFreedom: 1), 3.841_459, accuracy: 1e-6)
        XCTAssertEqual(GSLDistributions.chiSquaredQuantile(0.95, degreesOfFreedom: 10), 18.307_038, accuracy: 1e-6)
    }

    func testArgumentsOutsideTheDomainGiveNaNInsteadOfAborting() {
        XCTAssert(GSLDistributions.normalQuantile(1.5).isNaN)
        XCTAssert(GSLDistributions.normalQuantile(.nan).isNaN)
        XCTAssert(GSLDistributions.studentTQuantile(0.9, degreesOfFreedom: 0).isNaN)
        XCTAssert(GSLDistributions.chiSquaredQuantile(-0.1, degreesOfFreedom: 2).isNaN)
        XCTAssertEqual(GSLDistributions.normalQuantile(1), .infinity)
        XCTAssertEqual(GSLDistributions.studentTQuantile(0, degreesOfFreedom: 4), -.infinity)
        XCTAssertEqual(GSLDistributions.chiSquaredQuantile(0, degreesOfFreedom: 4), 0)
    }
}
