#pragma once

#include <string>
#include <vector>

#include "db/query.hpp"

namespace org {

// The ids of an `IN (…)` of one statement: `sql` is ":i0, :i1, …" and each id is added to
// the statement's args. Args name their parameter by view, so the list must outlive the
// query.
class IdList {
 public:
  template <typename Ids>
  IdList(const Ids& ids, std::vector<db::Arg>& args) {
    names_.reserve(ids.size());
    for (std::size_t i = 0; i < ids.size(); ++i) names_.push_back("i" + std::to_string(i));
    std::size_t i = 0;
    for (const auto& id : ids) {
      sql += (i ? ", :" : ":") + names_[i];
      args.emplace_back(names_[i++], id);
    }
  }

  std::string sql;

 private:
  std::vector<std::string> names_;
};

}  // namespace org
