#pragma once

#include <string>

#include <soci/soci.h>

namespace app {

// The demo's benchmark (issue 18, part 4): a common indicator with a made-up Kolada-like code
// marked as an example, the demo KPI of waiting days linked to it, the demo municipality
// opted in, and six small neighbours ("Nabokommune A" … "F", tenants of their own with no
// login) opted in with a project and a KPI on the indicator over the demo's 28 weeks — so
// "all" is shown in most weeks, a few are withheld, and the demo's own size group is
// withheld beside "all". Each part once.
void ensure_demo_benchmarks(soci::session& sql, const std::string& tenant_id,
                            const std::string& project_id);

}  // namespace app
