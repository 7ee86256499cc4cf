// Every operation a kiosk sent, exactly once by (device, seq) and by op id; never changed.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "sync/township/store/pii_sealer.h"
#include "sync/township/store/tx.h"

namespace vsk::township {

struct StoredOp {
  std::string outcome;  // "accepted" / "rejected"
  std::string code;
  std::string message_zh;
  std::string op_id;
  std::int64_t seq = 0;
};

struct NewOp {
  std::int64_t township_id = 0;
  std::string device_id;
  std::int64_t seq = 0;
  std::string op_id;
  std::string type;
  std::string payload;
  std::int64_t device_time = 0;
  std::int64_t received_at = 0;
};

// An operation as it was sent (payload opened): a replaced kiosk's history (issue 19).
struct HeldOp {
  std::string op_id;
  std::int64_t seq = 0;
  std::string type;
  std::string payload;
  std::int64_t device_time = 0;
};

class OpStore {
 public:
  // Payloads are stored sealed (pii_sealer.h).
  OpStore(const Dialect& d, const PiiSealer& sealer);
  // The device's operations with from <= seq <= to (what a batch may repeat).
  std::vector<StoredOp> device_range(Tx& tx, const std::string& device_id, std::int64_t from, std::int64_t to);
  std::optional<StoredOp> by_id(Tx& tx, const std::string& op_id);  // within the scope
  // false when the op id or the (device, seq) is held already (by a concurrent transaction
  // too: the unique constraints decide, the caller looks again).
  bool add(Tx& tx, const NewOp& op, const StoredOp& result);
  // The same for many rows in a few statements (multi_row.h); per row, whether it was
  // stored. The rows are of one device, with distinct op ids and sequence numbers.
  std::vector<bool> add_all(Tx& tx, std::span<const NewOp> ops, std::span<const StoredOp> results);
  std::int64_t count(Tx& tx, const std::string& type = "");  // within the scope; "" every type
  std::vector<std::string> op_ids(Tx& tx, const std::string& device_id);  // in seq order
  std::vector<HeldOp> device_ops(Tx& tx, const std::string& device_id);   // in seq order

 private:
  const PiiSealer& sealer_;
  std::string by_id_, count_, count_type_;
};

}  // namespace vsk::township
