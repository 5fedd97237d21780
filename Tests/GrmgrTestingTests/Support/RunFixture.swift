import Grmgr

/// A small simulated run as the simulator writes it: "crawler" (dop 2, min 1, down 1, hold 30s) runs three
/// tasks; the third waits 0.5s for a slot; an overload steps it down at 2s; a second one at 10s is refused.
enum RunFixture {
    static let config = try! ThrottleConfig(name: "crawler", dop: 2, down: 1, up: 1, min: 1, hold: .seconds(30))

    static let dop = """
        time,throttle,ceiling,running,waiting,cause
        0.000000000,crawler,2,0,0,register
        0.000000000,crawler,2,1,0,grant
        0.500000000,crawler,2,2,0,grant
        1.000000000,crawler,2,2,1,queue
        1.500000000,crawler,2,1,1,done
        1.500000000,crawler,2,2,0,grant-waiter
        2.000000000,crawler,1,2,0,scale
        3.000000000,crawler,1,1,0,done
        4.000000000,crawler,1,0,0,done

        """

    static let events = """
        time,throttle,action,outcome,ceiling_before,ceiling_after
        2.000000000,crawler,down,applied,2,1
        10.000000000,crawler,down,refused-hold,1,1

        """

    static let tasks = """
        task,throttle,arrival,start,end,wait,service,sojourn
        0,crawler,0.000000000,0.000000000,1.500000000,0.000000000,1.500000000,1.500000000
        1,crawler,0.500000000,0.500000000,3.000000000,0.000000000,2.500000000,2.500000000
        2,crawler,1.000000000,1.500000000,4.000000000,0.500000000,2.500000000,3.000000000

        """
}
