#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include <soci/soci.h>

#include "core/auth_context.hpp"

namespace db {

// When a subscriber runs, chosen explicitly by each subscriber:
//   kInTransaction — inside the publisher's write transaction: its writes land with the
//                    publisher's or not at all (a card done and its win);
//   kAfterCommit   — once the outermost transaction has committed, never after a rollback:
//                    work that reads what was stored and may fail on its own (a KPI's new
//                    value checked against its target).
enum class When { kInTransaction, kAfterCommit };

// Runs `fn` once the outermost WriteTx on `sql` commits; at once when none is open.
// Dropped when the transaction rolls back. Exceptions from `fn` are logged, not thrown:
// the write they follow has landed.
void after_commit(soci::session& sql, std::function<void()> fn);

// The usual payload of an event: the object a caller wrote, in which tenant and by whom
// (null: the system).
template <typename T>
struct Written {
  std::string tenant_id;
  const core::AuthContext* who = nullptr;
  T object;
};

// The one extension mechanism between features: the owner of a fact publishes it, other
// features subscribe at start-up (src/app/app.cpp) without the owner knowing them.
template <typename Payload>
class Event {
 public:
  using Handler = std::function<void(soci::session&, const Payload&)>;

  void subscribe(When when, Handler handler) { handlers_.emplace_back(when, std::move(handler)); }

  // Call inside the publisher's write transaction.
  void publish(soci::session& sql, const Payload& payload) const {
    for (const auto& [when, handler] : handlers_) {
      if (when == When::kInTransaction) {
        handler(sql, payload);
      } else {
        after_commit(sql, [&sql, handler = handler, payload] { handler(sql, payload); });
      }
    }
  }

 private:
  std::vector<std::pair<When, Handler>> handlers_;
};

}  // namespace db
