// The points system (积分制) as pure rules: the rules catalog, an entry's state over time
// (approval, public notice, objections), the ledger's hash chain and masked names for the
// public boards. Standard library only: time is passed in, the hash function too.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/audit_chain.h"

namespace vsk::core {

// ---- Rules catalog (assets/points/rules.json) ----

enum class PointsSubject { kPerson, kHousehold };

struct PointsCategory {
  std::string id;  // autonomy / virtue / law / public_welfare
  std::string name_zh;
  std::string name_en;
};

struct PointsRule {
  std::string id;
  std::string category;
  std::string name_zh;
  std::string name_en;
  int points = 0;  // + award, - deduction
  PointsSubject applies_to = PointsSubject::kPerson;
  std::string evidence;   // what staff must see before entering it
  int max_per_month = 0;  // 0: no limit
};

struct PointsRules {
  std::vector<PointsCategory> categories;
  std::vector<PointsRule> rules;
  const PointsRule* find(std::string_view id) const;
};

// ---- Ledger entries ----

enum class PointsKind {
  kRule,        // award or deduction under a rule (staff entry or an approved good-deed claim)
  kReversal,    // cancels `reverses` (objection upheld, approval refused, reservation cancelled)
  kRedemption,  // 积分超市: points spent on goods
  kExternal,    // arrived from elsewhere (township sync), already published there
};
std::string_view points_kind_name(PointsKind k);
std::optional<PointsKind> points_kind_from_name(std::string_view name);

// One ledger row as hashed. seq runs 1, 2, 3... in the kiosk's ledger.
struct PointsEntryRecord {
  std::int64_t seq = 0;
  std::int64_t at = 0;
  std::int64_t household_id = 0;
  std::optional<std::int64_t> resident_id;  // person entries; household entries have none
  std::string rule_id;                       // empty for redemptions
  PointsKind kind = PointsKind::kRule;
  std::int64_t delta = 0;
  std::optional<std::int64_t> reverses;      // seq of the entry a reversal cancels
  std::string reason;
  std::string evidence;
  std::optional<std::int64_t> staff_id;
  bool needs_approval = false;
  std::string origin;                        // "kiosk", or the sender's id for external entries
  std::string prev_hash;
  std::string hash;
};

// "vsk-points-v1" then every field above except hash as a netstring, in declaration order.
std::string points_canonical(const PointsEntryRecord& e);
std::string points_hash(const PointsEntryRecord& e, const AuditHashFn& hash);

// The ledger's chain: the same walk and verdicts as the audit trail (core::ChainWalk).
class PointsChainVerifier {
 public:
  explicit PointsChainVerifier(AuditHashFn hash) : hash_(std::move(hash)) {}
  bool add(const PointsEntryRecord& e) {
    return walk_.result().ok && walk_.add(e.seq, e.prev_hash, e.hash, points_hash(e, hash_));
  }
  const AuditVerifyResult& result() const { return walk_.result(); }

 private:
  AuditHashFn hash_;
  ChainWalk walk_;
};

// ---- An entry's state at a moment ----

struct PointsPolicy {
  int notice_days = 7;            // 公示 period
  std::int64_t approval_threshold = 20;  // |delta| at or above needs a second staff member
};

// What has happened to one entry (from the append-only side tables).
struct PointsEntryFacts {
  PointsKind kind = PointsKind::kRule;
  std::int64_t at = 0;
  bool needs_approval = false;
  std::optional<std::int64_t> approved_at;  // approval given (refusal appends a reversal)
  bool refused = false;                     // approval refused
  int open_objections = 0;
  bool resolved = false;                    // at least one objection resolved (upheld or dismissed)
  bool reversed = false;                    // a reversal entry cancels it (net zero, so final)
};

enum class PointsState {
  kPendingApproval,  // waits for a second staff member
  kInNotice,         // 公示中: objections possible
  kObjected,         // an open objection holds it
  kFinal,            // counts in the balance
};
std::string_view points_state_name(PointsState s);

// Reversals, redemptions and external entries are final at once. A rule entry is final when
// approved (if needed), with no open objection, and its notice is over or an objection was
// resolved (a resolution ends the notice: upheld adds a reversal, dismissed confirms it).
// A refused entry is final at once together with its reversal (net zero).
PointsState points_state(const PointsEntryFacts& f, std::int64_t now, const PointsPolicy& p);
// When the notice of a rule entry ends (nullopt while it waits for approval).
std::optional<std::int64_t> notice_ends(const PointsEntryFacts& f, const PointsPolicy& p);

}  // namespace vsk::core
