print("grmgr-sim")
