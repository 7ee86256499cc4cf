// The dashboard's reads (issue 12): per-village figures for the overview, each one
// aggregate query over an index, so the page stays quick with hundreds of villages and
// millions of operations (BENCHMARKS.md).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sync/township/store/notice_publication_store.h"
#include "sync/township/store/request_store.h"
#include "sync/township/store/tx.h"

namespace vsk::township {

struct VillageFigures {
  std::int64_t id = 0;
  std::string name;
  std::string township;
  std::int64_t township_id = 0;
  std::int64_t kiosks = 0;                    // enrolled, not revoked
  std::optional<std::int64_t> last_contact;   // the latest of its kiosks
  std::int64_t pending = 0;                   // operations its kiosks still hold
  std::int64_t max_clock_skew_s = 0;          // the worst kiosk, absolute
  std::int64_t open = 0;                      // requests not completed, rejected or cancelled
  std::int64_t escalated = 0;                 // waiting for the township
  std::int64_t overdue = 0;                   // open past the promised date (not while waiting on the resident)
  std::int64_t bad_ratings = 0;               // 差评 (rated 1 or 2) not yet called back
  std::int64_t refused_ops = 0;               // operations the township refused (quarantined there)
  LastPublished notices;                      // newest 村务公开 per category (notice cadence)
};

// What the public status page may show of one request (issue 12: public facts only).
struct PublicStatus {
  std::string service_id;
  std::string status;
  std::string due_date;
  std::int64_t updated_at = 0;               // when the township last heard of it
  std::optional<std::int64_t> village_news;  // the village's latest kiosk contact
};

class DashboardStore {
 public:
  explicit DashboardStore(const Dialect& d);
  // Within the scope, by township and name. `today`: "YYYY-MM-DD" (China), for overdue.
  std::vector<VillageFigures> villages(Tx& tx, const std::string& today);
  // Requests filed in [from, to) (unix seconds), without their sealed details: the
  // statistics' input, by village and number.
  std::vector<TownshipRequest> filed_between(Tx& tx, std::int64_t from, std::int64_t to);
  // The request with this receipt number whose token hashes to `token_hash`; nullopt for an
  // unknown number and a wrong token alike.
  std::optional<PublicStatus> public_status(Tx& tx, const std::string& number, const std::string& token_hash);

 private:
  NoticePublicationStore notices_;
  std::string villages_, devices_, requests_, refused_, filed_;
};

}  // namespace vsk::township
