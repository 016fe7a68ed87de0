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

// A read-only transaction for a handler that runs many statements: one snapshot, and on
// SQLite one lock round instead of one per statement. Writing inside it is a programming
// error: a WriteTx on the same session throws std::logic_error (PostgreSQL refuses any
// write as well). Ends with COMMIT, which for a reader only releases the snapshot.
class ReadTx {
 public:
  explicit ReadTx(soci::session& sql);
  ~ReadTx();
  ReadTx(const ReadTx&) = delete;
  ReadTx& operator=(const ReadTx&) = delete;

 private:
  soci::session& sql_;
  bool outer_ = false;
};

}  // namespace db
