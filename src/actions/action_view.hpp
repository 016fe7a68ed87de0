#pragma once

#include <set>
#include <string>
#include <vector>

#include "actions/action.hpp"
#include "actions/action_import.hpp"
#include "core/csv.hpp"

namespace actions {

// Column headings and status names of every catalogue, for reading an import back.
const ImportVocabulary& import_vocabulary();

// The export: headings and statuses in `locale`; the import reads them back in any
// language.
core::Table export_table(const std::vector<Action>& rows, const std::string& locale);
// The deadline column holds dates (real dates in the workbook).
inline const std::set<std::size_t> kDateColumns = {6};

std::string status_label(const std::string& locale, const std::string& status);

}  // namespace actions
