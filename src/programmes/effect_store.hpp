#pragma once

#include <soci/soci.h>

#include "programmes/effect_report.hpp"
#include "programmes/programme.hpp"

namespace programmes::effects {

// The KPIs with their points and chart periods, the benefits and the surveys with their
// baseline and latest closed rounds of every project attached to `programme`, in whichever
// tenant the project is: one query per relation, however many projects (a programme may
// hold hundreds). The caller has checked that the reader sees the programme.
Rows read_rows(soci::session& sql, const Programme& programme);

}  // namespace programmes::effects
