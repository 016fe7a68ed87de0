#pragma once

#include <soci/soci.h>

namespace db {

// A write transaction. On SQLite it starts with BEGIN IMMEDIATE so that a
// read-then-write cannot fail half-way when another writer got there first;
// PostgreSQL uses a plain BEGIN. Rolls back unless committed.
// Nests: an inner WriteTx on the same session joins the outer one, so a store
// method can be composed into a larger all-or-nothing write.
class WriteTx {
 public:
  explicit WriteTx(soci::session& sql);
  ~WriteTx();
  WriteTx(const WriteTx&) = delete;
  WriteTx& operator=(const WriteTx&) = delete;
  void commit();

 private:
  soci::session& sql_;
  bool outer_ = false;
  bool done_ = false;
};

}  // namespace db
