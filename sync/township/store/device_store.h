// Enrolled kiosks: keys, counters, acknowledged sequence, health, re-download orders.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sync/township/store/tx.h"

namespace vsk::township {

struct Device {
  std::string id;
  std::int64_t township_id = 0;
  std::string township;
  std::int64_t village_id = 0;
  std::string village;
  std::string public_key_hex;
  std::string name;
  std::int64_t enrolled_at = 0;
  std::optional<std::int64_t> revoked_at;
  std::int64_t last_counter = 0;   // highest envelope counter accepted from it
  std::int64_t acked_seq = 0;      // highest operation seq held without gaps
  std::optional<std::int64_t> last_contact;
  std::optional<std::int64_t> clock_skew_s;  // device clock minus server clock at last contact
  std::int64_t pending_reported = 0;
  std::int64_t reply_counter = 0;  // counter of the envelopes sent to it
};

class DeviceStore {
 public:
  explicit DeviceStore(const Dialect& d);
  std::optional<Device> find(Tx& tx, const std::string& id);
  // The same, locking the kiosk's row until the transaction ends: one envelope of a kiosk at
  // a time, so its counters and sequence checks cannot race.
  std::optional<Device> lock(Tx& tx, const std::string& id);
  void add(Tx& tx, const Device& d);
  std::vector<Device> list(Tx& tx);  // within the scope, by township, village, enrollment
  bool revoke(Tx& tx, const std::string& id, std::int64_t now);
  // Records an accepted envelope and returns the counter for the answer sent back.
  std::int64_t note_contact(Tx& tx, const std::string& id, std::int64_t counter, std::int64_t now, std::int64_t skew,
                            std::optional<std::int64_t> pending);
  // The counter for an envelope the township sends unasked (a USB enrollment reply's pages).
  std::int64_t next_reply_counter(Tx& tx, const std::string& id);
  // Moves the device's acked_seq over every seq now held without a gap; returns it.
  std::int64_t advance_acked(Tx& tx, const std::string& id);
  // A re-download of one scope ordered for a device: repeated in every pull answer until the
  // device pulls from the start.
  bool order_resync(Tx& tx, const std::string& id, const std::string& scope);
  std::string pending_resync(Tx& tx, const std::string& id);
  void clear_resync(Tx& tx, const std::string& id);

 private:
  std::string by_id_, lock_, list_, revoke_, order_resync_;
};

}  // namespace vsk::township
