#pragma once

#include <string>
#include <string_view>

namespace core {

// Text made safe inside HTML and XML, in elements and in quoted attributes alike.
void append_escaped(std::string& out, std::string_view text);
std::string escaped(std::string_view text);

}  // namespace core
