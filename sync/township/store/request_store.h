// The township's copy of village requests, as their kiosks report them.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "sync/township/store/pii_sealer.h"
#include "sync/township/store/tx.h"

namespace vsk::township {

struct TownshipRequest {
  std::string township;
  std::string village;
  std::int64_t village_id = 0;
  std::string number;
  std::string service_id;
  std::string status;
  std::string department;
  std::string detail;  // JSON the kiosk sent with the escalation
  std::int64_t updated_at = 0;
  std::int64_t submitted_at = 0;
  std::string due_date;
  bool on_behalf = false;
  std::optional<std::int64_t> closed_at;
  std::optional<std::int64_t> rating;
  std::optional<std::int64_t> callback_at;  // staff called back after a 差评 (village clock)
};

struct RequestUpdate {
  std::int64_t township_id = 0;
  std::int64_t village_id = 0;
  std::string number;
  std::string service_id;
  std::string status;
  std::string department;
  std::string detail = "{}";
  std::int64_t seq = 0;  // the kiosk's operation sequence: orders updates from one kiosk
  std::int64_t now = 0;
  // The dashboard's figures (0 / "" / nullopt: this operation does not tell).
  std::int64_t submitted_at = 0;     // filing time, kiosk clock
  std::string due_date;              // "YYYY-MM-DD", the promised date
  std::int64_t on_behalf = 0;        // 1: filed by staff for the resident (代办)
  enum class Close { kKeep, kClosed, kReopened };
  Close close = Close::kKeep;        // completed / rejected / cancelled, or reopened
  std::int64_t closed_at = 0;
  std::optional<std::int64_t> rating;  // 1..5
  std::string status_token_hash;       // status_token_hash() of the receipt QR's token
  std::int64_t callback_at = 0;        // request.followup_done: the 差评 call-back was made
};

// What the township keeps of a receipt's status token: a hash, never the token.
std::string status_token_hash(std::string_view token);

class RequestStore {
 public:
  // Details are stored sealed (pii_sealer.h) and opened on reading.
  RequestStore(const Dialect& d, const PiiSealer& sealer);
  // Only a newer operation (by the kiosk's own sequence) moves the status: delivery order
  // does not matter. An escalation's detail and department are kept once known.
  void upsert(Tx& tx, const RequestUpdate& u);
  // The same for many updates in order, in a few multi-row statements (multi_row.h).
  void upsert_all(Tx& tx, std::span<const RequestUpdate> updates);
  // `lock`: keep the row locked until the transaction ends (it is about to change).
  std::optional<TownshipRequest> find(Tx& tx, std::int64_t village_id, const std::string& number, bool lock = false);
  std::vector<TownshipRequest> with_status(Tx& tx, const std::string& status);  // within the scope
  void set_status(Tx& tx, std::int64_t village_id, const std::string& number, const std::string& status);

 private:
  TownshipRequest read(const SqlRow& r) const;
  // One statement: `rows` distinct requests, every one closing the same way.
  void upsert_rows(Tx& tx, const std::vector<const RequestUpdate*>& rows, RequestUpdate::Close close);
  const PiiSealer& sealer_;
  std::string find_, lock_, with_status_;
};

}  // namespace vsk::township
