#ifndef GRMGR_CPOSTGRES_SHIM_H
#define GRMGR_CPOSTGRES_SHIM_H

#include <libpq-fe.h>

#endif
