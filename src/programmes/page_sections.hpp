#pragma once

#include <functional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "http/request.hpp"
#include "programmes/programme.hpp"

namespace programmes {

// What other features draw on the programme page (given its attached projects) and on the
// portfolio page, as HTML: the effect summary, the risks' heat map. Set once at start-up
// (app.cpp), before the server takes requests, so programmes knows none of them; drawn in
// the order given, a feature leaving either function empty draws nothing there.
struct PageSections {
  std::function<std::string(soci::session&, const http::Request&,
                            const std::vector<AttachedProject>&)>
      programme;
  std::function<std::string(soci::session&, const http::Request&)> portfolio;
};
void set_page_sections(std::vector<PageSections> sections);
const std::vector<PageSections>& page_sections();

}  // namespace programmes
