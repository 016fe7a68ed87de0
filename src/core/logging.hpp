#pragma once

namespace core {

// Switches spdlog to one JSON object per line on stderr: {"ts","level",…}. A message
// that is itself a JSON object is merged in; any other message becomes "msg".
void use_json_logs();

}  // namespace core
