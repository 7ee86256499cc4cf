// Who is at the kiosk: a resident by ID number and PIN, a staff member by staff number and PIN.
// Wrong PINs count on disk (five lock the person for 15 minutes, a restart gives no fresh
// tries); staff logins are audited; a new installation's first admin, and anyone whose PIN an
// admin reset, choose a PIN at their next login. Plain C++ over the store: the identify flow
// (app/identify_flow.h) drives it from the keypad, and tests call it directly.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "core/pin_lockout.h"
#include "core/result.h"
#include "platform/clock.h"
#include "platform/pin_hasher.h"
#include "store/kiosk_store.h"

namespace vsk::app {

class IdentityService {
 public:
  IdentityService(store::KioskStore& store, platform::PinHasher& hasher, platform::Clock& clock,
                  core::PinPolicy policy)
      : store_(store), hasher_(hasher), clock_(clock), policy_(policy) {}

  // The ID number step: the active resident with the number typed (or read from the card).
  // Errors: err.id_length / err.id_chars / err.id_birth_date / err.id_check_digit,
  // err.id_not_found, err.id_inactive.
  core::Result<store::ResidentRecord> find_resident(const std::string& typed);
  // Whether `r` may go on to the PIN step. Errors: err.pin_not_set, err.locked (minutes).
  core::Status may_try_pin(const store::ResidentRecord& r) const;
  // The resident, if still active with a PIN (between the ID step and the PIN step).
  std::optional<store::ResidentRecord> resident_with_pin(std::int64_t resident_id);
  // The PIN step (and the PIN step-up). Errors: err.pin_wrong (with how many tries are left),
  // err.locked (the fifth wrong PIN, or still locked).
  core::Status check_resident_pin(const store::ResidentRecord& r, const std::string& pin);

  // A staff number whose next login chooses a PIN: the first admin of a new installation, or
  // an account whose PIN an admin reset (`pin_was_reset`).
  bool must_choose_pin(const std::string& staff_no);
  bool pin_was_reset(const std::string& staff_no);
  // Stores the chosen PIN of such an account, audited; false: the account may not (any more).
  bool choose_pin(const std::string& staff_no, const std::string& pin);
  // Staff login. Unknown numbers, accounts without a PIN and wrong PINs all answer
  // err.staff_login_failed (the number alone reveals nothing), or err.locked. Audited: login
  // (with `login_detail`, e.g. a takeover), login_failed, locked.
  core::Result<store::StaffRecord> log_in_staff(const std::string& staff_no, const std::string& pin,
                                                const std::string& login_detail);

  // 修改我的密码: a logged-in staff member replaces their own PIN. The current one is asked
  // again (a session left open must not hand the account to a passer-by): a wrong one counts
  // towards the login's lockout and is audited as pin_change_failed. Errors: err.pin_wrong
  // (tries left), err.locked, staff.err.weak_pin, staff.err.pin_same, staff.err.not_found.
  // Audited: pin_change.
  core::Status change_own_pin(std::int64_t staff_id, const std::string& current, const std::string& fresh);
  // The first step of that: the current PIN alone, counted and audited the same way.
  core::Status verify_own_pin(std::int64_t staff_id, const std::string& pin);

  core::Message locked_message(const core::PinAttemptState& s) const;
  const core::PinPolicy& policy() const { return policy_; }

 private:
  enum class PinOutcome { kOk, kWrong, kNowLocked, kWasLocked };
  using SaveAttempts = std::function<void(db::Transaction&, const core::PinAttemptState&)>;
  // Audit entries for one PIN check, inside the check's own transaction (staff only).
  using AuditPin = std::function<void(db::Transaction&, PinOutcome)>;
  // The lockout rules around one PIN check; `save` stores the new attempt count.
  core::Status check_pin(const std::string& hash, const core::PinAttemptState& attempts, const std::string& pin,
                         const SaveAttempts& save, const core::Message& wrong, const AuditPin& audit = {});
  void audit_staff_pin(db::Transaction& tx, PinOutcome outcome, const store::StaffRecord& staff,
                       const std::string& typed, const std::string& login_detail);

  store::KioskStore& store_;
  platform::PinHasher& hasher_;
  platform::Clock& clock_;
  core::PinPolicy policy_;
};

}  // namespace vsk::app
