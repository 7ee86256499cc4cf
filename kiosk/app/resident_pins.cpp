#include "app/resident_pins.h"

#include "core/pin_lockout.h"

namespace vsk::app {
namespace {

void audit(store::KioskStore& store, db::Transaction& tx, const ActingStaff& who, const char* action, std::int64_t id,
           std::int64_t now) {
  store.audit().append(tx, who.entry(now, action, "resident:" + std::to_string(id)));
}

bool all_digits(const std::string& s) { return s.find_first_not_of("0123456789") == std::string::npos; }

}  // namespace

core::Status set_resident_pin(store::KioskStore& store, platform::PinHasher& hasher, std::int64_t resident_id,
                              const std::string& pin, const std::string& pin_again, const ActingStaff& who,
                              std::int64_t now_unix) {
  const auto r = store.residents().find(resident_id);
  if (!r) return core::Message("resident.err.not_found");
  if (r->status != "active") return core::Message("resident.err.inactive");
  if (pin.size() != kResidentPinLength || !all_digits(pin)) return core::Message("resident.err.pin_length");
  if (core::weak_pin(pin)) return core::Message("staff.err.weak_pin");
  if (pin != pin_again) return core::Message("staff.err.pin_mismatch");
  const std::string hash = hasher.hash(pin);
  auto tx = store.begin();
  store.residents().set_pin_hash(tx, resident_id, hash);
  audit(store, tx, who, r->pin_hash ? "resident_pin.changed" : "resident_pin.set", resident_id, now_unix);
  tx.commit();
  return core::ok();
}

core::Status reset_resident_pin(store::KioskStore& store, std::int64_t resident_id, const ActingStaff& who,
                                std::int64_t now_unix) {
  if (!store.residents().find(resident_id)) return core::Message("resident.err.not_found");
  auto tx = store.begin();
  store.residents().clear_pin(tx, resident_id);
  audit(store, tx, who, "resident_pin.reset", resident_id, now_unix);
  tx.commit();
  return core::ok();
}

core::Status unlock_resident(store::KioskStore& store, std::int64_t resident_id, const ActingStaff& who,
                             std::int64_t now_unix) {
  if (!store.residents().find(resident_id)) return core::Message("resident.err.not_found");
  auto tx = store.begin();
  store.residents().save_pin_attempts(tx, resident_id, core::PinAttemptState{});
  audit(store, tx, who, "resident_pin.unlock", resident_id, now_unix);
  tx.commit();
  return core::ok();
}

}  // namespace vsk::app
