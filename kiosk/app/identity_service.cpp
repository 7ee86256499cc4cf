#include "app/identity_service.h"

#include "core/id_number.h"

namespace vsk::app {
namespace {

core::Message id_error_message(core::IdNumberError e, std::size_t typed) {
  switch (e) {
    case core::IdNumberError::kWrongLength:
      return core::Message("err.id_length").arg("n", std::to_string(typed));
    case core::IdNumberError::kBadCharacters:
      return core::Message("err.id_chars");
    case core::IdNumberError::kBadBirthDate:
      return core::Message("err.id_birth_date");
    case core::IdNumberError::kBadCheckDigit:
      return core::Message("err.id_check_digit");
  }
  return core::Message("err.id_chars");
}

}  // namespace

core::Result<store::ResidentRecord> IdentityService::find_resident(const std::string& typed) {
  const std::string id = core::normalize_id_number(typed);
  if (auto err = core::validate_id_number(id)) return id_error_message(*err, id.size());
  auto resident = store_.residents().find_by_id_number(id);
  if (!resident) return core::Message("err.id_not_found");
  // 迁出 / 死亡: kept in the records, no longer served here.
  if (resident->status != "active") return core::Message("err.id_inactive");
  return std::move(*resident);
}

core::Status IdentityService::may_try_pin(const store::ResidentRecord& r) const {
  if (!r.pin_hash) return core::Message("err.pin_not_set");
  if (core::is_locked(r.pin_attempts, clock_.unix_seconds())) return locked_message(r.pin_attempts);
  return core::ok();
}

std::optional<store::ResidentRecord> IdentityService::resident_with_pin(std::int64_t resident_id) {
  auto r = store_.residents().find(resident_id);
  if (!r || !r->pin_hash || r->status != "active") return std::nullopt;
  return r;
}

core::Status IdentityService::check_resident_pin(const store::ResidentRecord& r, const std::string& pin) {
  if (!r.pin_hash) return core::Message("err.pin_not_set");
  const auto save = [&](db::Transaction& tx, const core::PinAttemptState& st) {
    store_.residents().save_pin_attempts(tx, r.id, st);
  };
  return check_pin(*r.pin_hash, r.pin_attempts, pin, save, core::Message("err.pin_wrong"));
}

core::Message IdentityService::locked_message(const core::PinAttemptState& s) const {
  const std::int64_t minutes = (core::lock_seconds_left(s, clock_.unix_seconds()) + 59) / 60;
  return core::Message("err.locked").arg("minutes", std::to_string(minutes));
}

core::Status IdentityService::check_pin(const std::string& hash, const core::PinAttemptState& attempts,
                                        const std::string& pin, const SaveAttempts& save, const core::Message& wrong,
                                        const AuditPin& audit) {
  const std::int64_t now = clock_.unix_seconds();
  if (core::is_locked(attempts, now)) {
    if (audit) {
      auto tx = store_.begin();
      audit(tx, PinOutcome::kWasLocked);
      tx.commit();
    }
    return locked_message(attempts);
  }
  if (!hasher_.verify(hash, pin)) {
    const core::PinAttemptState next = core::after_wrong_pin(attempts, now, policy_);
    auto tx = store_.begin();
    save(tx, next);
    if (audit) audit(tx, core::is_locked(next, now) ? PinOutcome::kNowLocked : PinOutcome::kWrong);
    tx.commit();
    if (core::is_locked(next, now)) return locked_message(next);
    core::Message msg = wrong;
    if (msg.key == "err.pin_wrong") msg.arg("left", std::to_string(core::attempts_left(next, policy_)));
    return msg;
  }
  const bool reset_attempts = attempts.failures != 0 || attempts.locked_until != 0;
  if (reset_attempts || audit) {
    auto tx = store_.begin();
    if (reset_attempts) save(tx, {});
    if (audit) audit(tx, PinOutcome::kOk);
    tx.commit();
  }
  return core::ok();
}

// Also a staff member whose PIN an admin reset (issue 11): they choose a new one the same way.
bool IdentityService::must_choose_pin(const std::string& staff_no) {
  if (pin_was_reset(staff_no)) return true;
  const auto staff = store_.staff().find_by_staff_no(staff_no);
  if (store_.settings().get_or(store::setting::kFirstAdminPin, "") != "pending") return false;
  return staff && staff->role == "admin" && !staff->pin_hash;
}

bool IdentityService::pin_was_reset(const std::string& staff_no) {
  const auto staff = store_.staff().find_by_staff_no(staff_no);
  return staff && staff->pin_reset && !staff->pin_hash;
}

bool IdentityService::choose_pin(const std::string& staff_no, const std::string& pin) {
  const auto staff = store_.staff().find_by_staff_no(staff_no);
  if (!staff || !must_choose_pin(staff_no)) return false;
  const std::string hash = hasher_.hash(pin);
  auto tx = store_.begin();
  store_.staff().set_pin_hash(tx, staff->id, hash);
  if (!staff->pin_reset) store_.settings().remove(tx, store::setting::kFirstAdminPin);  // a reset is not the first admin
  store_.audit().append(tx, {clock_.unix_seconds(), staff->id, "", "pin_set", staff->staff_no,
                             staff->pin_reset ? "after reset" : "first admin"});
  tx.commit();
  return true;
}

core::Status IdentityService::verify_own_pin(std::int64_t staff_id, const std::string& pin) {
  const auto staff = store_.staff().find(staff_id);
  if (!staff || staff->disabled_at || !staff->pin_hash) return core::Message("staff.err.not_found");
  const auto save = [&](db::Transaction& tx, const core::PinAttemptState& st) {
    store_.staff().save_pin_attempts(tx, staff->id, st);
  };
  const auto audit = [&](db::Transaction& tx, PinOutcome outcome) {
    if (outcome == PinOutcome::kOk) return;  // a right PIN changes nothing yet
    store_.audit().append(tx, {clock_.unix_seconds(), staff->id, staff->staff_no, "pin_change_failed",
                               staff->staff_no, outcome == PinOutcome::kWasLocked ? "locked" : "wrong_pin"});
  };
  return check_pin(*staff->pin_hash, staff->pin_attempts, pin, save, core::Message("err.pin_wrong"), audit);
}

core::Status IdentityService::change_own_pin(std::int64_t staff_id, const std::string& current,
                                             const std::string& fresh) {
  if (const core::Status st = verify_own_pin(staff_id, current); !st) return st;
  if (core::weak_pin(fresh)) return core::Message("staff.err.weak_pin");
  if (fresh == current) return core::Message("staff.err.pin_same");
  const std::string hash = hasher_.hash(fresh);
  const auto staff = store_.staff().find(staff_id);
  auto tx = store_.begin();
  store_.staff().set_pin_hash(tx, staff_id, hash);
  store_.audit().append(tx, {clock_.unix_seconds(), staff_id, staff->staff_no, "pin_change", staff->staff_no, ""});
  tx.commit();
  return core::ok();
}

core::Result<store::StaffRecord> IdentityService::log_in_staff(const std::string& staff_no, const std::string& pin,
                                                                const std::string& login_detail) {
  auto staff = store_.staff().find_by_staff_no(staff_no);
  const core::Message wrong("err.staff_login_failed");
  // Audited: actor and target are the number typed (never the PIN); staff_id only once logged in.
  if (!staff || !staff->pin_hash) {
    auto tx = store_.begin();
    store_.audit().append(tx, {clock_.unix_seconds(), std::nullopt, staff_no, "login_failed", staff_no,
                               staff ? "no_pin" : "unknown_staff_no"});
    tx.commit();
    return wrong;
  }
  const auto save = [&](db::Transaction& tx, const core::PinAttemptState& st) {
    store_.staff().save_pin_attempts(tx, staff->id, st);
  };
  const auto audit = [&](db::Transaction& tx, PinOutcome outcome) {
    audit_staff_pin(tx, outcome, *staff, staff_no, login_detail);
  };
  const core::Status st = check_pin(*staff->pin_hash, staff->pin_attempts, pin, save, wrong, audit);
  if (!st) return st.error();
  return std::move(*staff);
}

void IdentityService::audit_staff_pin(db::Transaction& tx, PinOutcome outcome, const store::StaffRecord& staff,
                                      const std::string& typed, const std::string& login_detail) {
  const std::int64_t now = clock_.unix_seconds();
  if (outcome == PinOutcome::kOk) {
    store_.audit().append(tx, {now, staff.id, staff.staff_no, "login", staff.staff_no, login_detail});
    return;
  }
  store_.audit().append(tx, {now, std::nullopt, typed, "login_failed", typed,
                             outcome == PinOutcome::kWasLocked ? "locked" : "wrong_pin"});
  if (outcome == PinOutcome::kNowLocked)
    store_.audit().append(tx, {now, std::nullopt, store::kAuditActorSystem, "locked", typed,
                               "minutes=" + std::to_string(policy_.lock_seconds / 60)});
}

}  // namespace vsk::app
