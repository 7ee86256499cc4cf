// The villages' 村务公开 as the township knows it (issue 12, notice cadence): the newest
// publication per village and category, from the kiosks' notice.published operations, and the
// township's own notices (its change log's notices.published, for one village or all of them),
// which a kiosk counts as publications too (kiosk/core/notice.h overdue_categories).
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "sync/township/store/tx.h"

namespace vsk::township {

// category name ("finance", "village", "party", ...) -> newest publication (unix seconds).
using LastPublished = std::map<std::string, std::int64_t>;

class NoticePublicationStore {
 public:
  explicit NoticePublicationStore(const Dialect& d);
  // Keeps the newer of the stored time and `at`: operations may arrive out of order.
  void note(Tx& tx, std::int64_t township_id, std::int64_t village_id, const std::string& category, std::int64_t at);
  // Per village id in scope: a village's own publications and the township's notices to it.
  // `villages`: village id -> its township id (where a notice to every village goes).
  std::map<std::int64_t, LastPublished> newest(Tx& tx, const std::map<std::int64_t, std::int64_t>& villages);

 private:
  std::string own_, township_;
};

}  // namespace vsk::township
