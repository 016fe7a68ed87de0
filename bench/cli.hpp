#pragma once

#include <iostream>
#include <string>

#include <CLI/CLI.hpp>

#include "core/errors.hpp"

// What the bench programs share on their command line: the database option, and a failure
// printed the way fremdrift's own commands print one.
namespace bench {

// --db, required; `note` is added to the help text ("sqlite:PATH or postgresql://…").
inline CLI::Option* add_db_option(CLI::App& app, std::string& url, const std::string& note = "") {
  return app.add_option("--db", url, "sqlite:PATH or postgresql://…" + note)->required();
}

// body()'s exit code, or 1 after printing what failed (a ValidationError with its fields).
template <class Body>
int reporting_errors(Body&& body) {
  try {
    return body();
  } catch (const core::ValidationError& e) {
    std::cerr << "error: " << e.what() << "\n";
    for (const auto& [field, message] : e.fields())
      std::cerr << "  " << field << ": " << message << "\n";
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
  }
  return 1;
}

}  // namespace bench
