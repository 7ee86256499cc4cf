// Resident PINs handled by staff at the window (issue 11): set or reset a PIN, unlock a
// locked resident. The resident types the new PIN twice; trivial PINs are refused as for
// staff. Every step is audited by the resident's internal id, never the ID number.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "app/acting_staff.h"
#include "core/result.h"
#include "platform/pin_hasher.h"
#include "store/kiosk_store.h"

namespace vsk::app {

inline constexpr std::size_t kResidentPinLength = 6;

// Sets (or replaces) the PIN and clears wrong-PIN counting. Errors: resident.err.not_found,
// resident.err.pin_length, staff.err.weak_pin, staff.err.pin_mismatch, resident.err.inactive.
core::Status set_resident_pin(store::KioskStore& store, platform::PinHasher& hasher, std::int64_t resident_id,
                              const std::string& pin, const std::string& pin_again, const ActingStaff& who,
                              std::int64_t now_unix);

// Removes the PIN: the resident cannot identify with one until it is set again at the window.
core::Status reset_resident_pin(store::KioskStore& store, std::int64_t resident_id, const ActingStaff& who,
                                std::int64_t now_unix);

// Ends a lockout after too many wrong PINs (the PIN itself stays).
core::Status unlock_resident(store::KioskStore& store, std::int64_t resident_id, const ActingStaff& who,
                             std::int64_t now_unix);

}  // namespace vsk::app
