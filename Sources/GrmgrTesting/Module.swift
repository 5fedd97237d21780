import Grmgr
