// What kiosks pull: the township's change log, numbered per township. A change is for one
// village or for every village of its township. The township's replies to escalations (scope
// "requests": free text a clerk or department wrote about a resident) are stored sealed
// (pii_sealer.h) and opened as they are read; notices and documents are public and stay clear.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sync/township/store/pii_sealer.h"
#include "sync/township/store/tx.h"

namespace vsk::township {

struct ChangeRow {
  std::int64_t id = 0;
  std::optional<std::int64_t> village_id;  // nullopt: every village of the township
  std::string scope, kind, key, payload;
};

struct NewChange {
  std::int64_t township_id = 0;
  std::optional<std::int64_t> village_id;
  std::string scope, kind, key, payload;
  std::int64_t at = 0;
};

class ChangeLog {
 public:
  ChangeLog(const Dialect& d, const PiiSealer& sealer);
  static bool sealed_scope(const std::string& scope) { return scope == "requests"; }
  // A payload as stored, opened (a clear one as it is).
  std::string open(const std::string& stored) const { return sealer_.open(stored); }
  // Takes the next id from the township's head row, which stays locked until commit: ids
  // become visible in order, so a cursor never skips a change that committed late.
  std::int64_t add(Tx& tx, const NewChange& c);
  // A village's changes after `cursor`, oldest first.
  std::vector<ChangeRow> after(Tx& tx, std::int64_t township_id, std::int64_t village_id, std::int64_t cursor, int limit);
  // Per scope: count and id sum of the village's changes up to `cursor`.
  std::map<std::string, std::pair<std::int64_t, std::int64_t>> scope_sums(Tx& tx, std::int64_t township_id,
                                                                          std::int64_t village_id, std::int64_t cursor);
  // The changes of `scope` about `key` in the township, oldest first.
  std::vector<ChangeRow> by_key(Tx& tx, std::int64_t township_id, const std::string& scope, const std::string& key);

 private:
  std::vector<ChangeRow> read(const SqlRows& rows) const;
  const PiiSealer& sealer_;
  std::string after_, sums_, by_key_;
};

}  // namespace vsk::township
