// A database behind the township's stores: SQLite (one file, the embedded default) or
// PostgreSQL (a server, optionally with a streaming standby for reads). A backend opens
// transactions for a scope; stores run their SQL inside them.
#pragma once

#include <memory>
#include <string>

#include "sync/township/store/dialect.h"
#include "sync/township/store/scope.h"
#include "sync/township/store/sql_session.h"

namespace vsk::township {

enum class Access {
  kWrite,        // on the primary; writers take the row locks they need
  kRead,         // on the primary, one consistent snapshot, read-only
  kReplicaRead,  // on the standby when there is one (may lag a little), else like kRead
};

class Backend {
 public:
  virtual ~Backend() = default;
  virtual const Dialect& dialect() const = 0;
  virtual std::unique_ptr<SqlSession> begin(Access access, const Scope& scope) = 0;
  virtual std::string describe() const = 0;  // for the log: "sqlite /srv/township/township.db"
};

}  // namespace vsk::township
