#include "core/points.h"

#include <array>
#include <utility>

#include "core/netstring.h"

namespace vsk::core {
namespace {

std::string opt_int(const std::optional<std::int64_t>& v) { return v ? std::to_string(*v) : std::string(); }

constexpr std::array<std::pair<PointsKind, std::string_view>, 4> kKinds = {{
    {PointsKind::kRule, "rule"},
    {PointsKind::kReversal, "reversal"},
    {PointsKind::kRedemption, "redemption"},
    {PointsKind::kExternal, "external"},
}};

}  // namespace

const PointsRule* PointsRules::find(std::string_view id) const {
  for (const PointsRule& r : rules)
    if (r.id == id) return &r;
  return nullptr;
}

std::string_view points_kind_name(PointsKind k) {
  for (const auto& [kind, name] : kKinds)
    if (kind == k) return name;
  return "rule";
}

std::optional<PointsKind> points_kind_from_name(std::string_view name) {
  for (const auto& [kind, n] : kKinds)
    if (n == name) return kind;
  return std::nullopt;
}

std::string points_canonical(const PointsEntryRecord& e) {
  std::string out = "vsk-points-v1";
  append_netstring(out, std::to_string(e.seq));
  append_netstring(out, std::to_string(e.at));
  append_netstring(out, std::to_string(e.household_id));
  append_netstring(out, opt_int(e.resident_id));
  append_netstring(out, e.rule_id);
  append_netstring(out, points_kind_name(e.kind));
  append_netstring(out, std::to_string(e.delta));
  append_netstring(out, opt_int(e.reverses));
  append_netstring(out, e.reason);
  append_netstring(out, e.evidence);
  append_netstring(out, opt_int(e.staff_id));
  append_netstring(out, e.needs_approval ? "1" : "0");
  append_netstring(out, e.origin);
  append_netstring(out, e.prev_hash);
  return out;
}

std::string points_hash(const PointsEntryRecord& e, const AuditHashFn& hash) { return hash(points_canonical(e)); }

std::string_view points_state_name(PointsState s) {
  switch (s) {
    case PointsState::kPendingApproval: return "pending_approval";
    case PointsState::kInNotice: return "in_notice";
    case PointsState::kObjected: return "objected";
    case PointsState::kFinal: return "final";
  }
  return "final";
}

std::optional<std::int64_t> notice_ends(const PointsEntryFacts& f, const PointsPolicy& p) {
  if (f.kind != PointsKind::kRule) return f.at;
  std::int64_t start = f.at;
  if (f.needs_approval) {
    if (!f.approved_at) return std::nullopt;
    start = *f.approved_at;
  }
  return start + static_cast<std::int64_t>(p.notice_days) * 86400;
}

PointsState points_state(const PointsEntryFacts& f, std::int64_t now, const PointsPolicy& p) {
  if (f.kind != PointsKind::kRule || f.refused || f.reversed) return PointsState::kFinal;
  if (f.needs_approval && !f.approved_at) return PointsState::kPendingApproval;
  if (f.open_objections > 0) return PointsState::kObjected;
  if (f.resolved) return PointsState::kFinal;
  return now >= *notice_ends(f, p) ? PointsState::kFinal : PointsState::kInNotice;
}

}  // namespace vsk::core
